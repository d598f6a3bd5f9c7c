/**
 * Slack's answered turns and votes on both engines: SQLite's SlackStore inside the group commit, PostgreSQL's
 * PgSlackStore on the turn's connection (PgTurnPipeline's keep), so a turn's row commits with its answer. A repeated
 * event writes no second row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant.js';
import { PgTurnPipeline } from '../../../src/assistant/postgres/pg-turn-pipeline.js';
import { TurnPipeline } from '../../../src/assistant/turn-pipeline.js';
import { CaseService } from '../../../src/cases/case-service.js';
import { openCaseDatabase } from '../../../src/cases/database.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { PgSlackStore } from '../../../src/channels/postgres/pg-slack-store.js';
import { SlackStore, type StoredTurn } from '../../../src/channels/slack/slack-store.js';
import type { Message } from '../../../src/contracts/message.js';
import { fixedClock } from '../../../src/core/clock.js';
import { pgSlackTurns, sqliteSlackTurns } from '../../../src/channels/slack/slack-turns.js';
import { DedupeStore } from '../../../src/core/dedupe-store.js';
import { GroupCommit } from '../../../src/core/group-commit.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { rules, understanding } from '../../support/understanding.js';

const T0 = '2026-03-02T09:00:00.000Z';

interface SlackChat {
  /** Answers Slack event `eventId` from `user`, keeping the turn as answer-turn.ts does (slack-turns.ts). */
  answer(eventId: string, user: string, text: string): Promise<void>;
  turn(id: string): Promise<StoredTurn | undefined>;
  recent(user: string): Promise<StoredTurn[]>;
  feedback(turnId: string, user: string, helpful: boolean): Promise<StoredTurn | undefined>;
  feedbackCounts(): Promise<{ helpful: number; notHelpful: number }>;
  close(): Promise<void>;
}

let cluster: PostgresCluster;
let dir: string;
beforeAll(async () => {
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'lodestone-slack-store-'));
}, CLUSTER_START_MS);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
}, CLUSTER_STOP_MS);

function message(eventId: string, user: string, text: string, clock: { now(): Date }): Message {
  return { id: eventId, text, user, conversation: `D1:${eventId}`, channel: 'slack', receivedAt: clock.now() };
}

function newTurn(m: Message) {
  return { id: m.id, team: 'T1', user: m.user, ref: `D1:${m.id}`, question: m.text };
}

async function sqliteSlack(clock: ReturnType<typeof fixedClock>): Promise<SlackChat> {
  const db = openCaseDatabase(join(dir, `slack-${Date.now()}.db`));
  const cases = new CaseService({ db, officers: { slack: ['UOFF'] }, clock });
  const assistant = new Assistant({ rules, understander: understanding.understander, cases, clock });
  const turns = new TurnPipeline({ commits: new GroupCommit(db), deliveries: new DedupeStore(db, 3_600_000, clock), answer: (m) => assistant.handle(m) });
  const store = new SlackStore(db, clock, 30);
  return {
    async answer(eventId, user, text) {
      const m = message(eventId, user, text, clock);
      await sqliteSlackTurns(turns, store).run({ message: m, deliveryKey: `slack:event:${eventId}`, row: newTurn(m) });
    },
    turn: async (id) => store.turn(id),
    recent: async (user) => store.recent(user, 10),
    feedback: async (id, user, helpful) => store.feedback(id, user, helpful),
    feedbackCounts: async () => store.feedbackCounts(),
    close: async () => {
      db.close();
    },
  };
}

async function postgresSlack(clock: ReturnType<typeof fixedClock>): Promise<SlackChat> {
  const pool = await openPostgres(await cluster.freshDatabase(), { poolMax: 4 });
  const turns = new PgTurnPipeline({ pool, clock, understander: understanding.understander, answer: (m, ports) => new Assistant({ rules, clock, ...ports }).handle(m) });
  const store = new PgSlackStore(pool, clock, 30);
  return {
    async answer(eventId, user, text) {
      const m = message(eventId, user, text, clock);
      await pgSlackTurns(turns, store).run({ message: m, deliveryKey: `slack:event:${eventId}`, row: newTurn(m) });
    },
    turn: (id) => store.turn(id),
    recent: (user) => store.recent(user, 10),
    feedback: (id, user, helpful) => store.feedback(id, user, helpful),
    feedbackCounts: () => store.feedbackCounts(),
    close: () => pool.end(),
  };
}

describe.each([['sqlite', sqliteSlack], ['postgres', postgresSlack]] as const)('Slack turns on %s', (_name, open) => {
  it('keeps each answered event once with its reply, lists a user\'s latest first, and counts votes', async () => {
    const clock = fixedClock(T0);
    const slack = await open(clock);
    try {
      await slack.answer('Ev1', 'U1', 'Dy oxide from Baotou to Japan, licence?');
      clock.advance(1_000);
      await slack.answer('Ev2', 'U1', 'Can we export samarium metal from China to a company that builds missiles for a European army?');
      await slack.answer('Ev2', 'U1', 'Can we export samarium metal from China to a company that builds missiles for a European army?');
      expect(await slack.turn('Ev1')).toMatchObject({ user: 'U1', question: 'Dy oxide from Baotou to Japan, licence?', reply: { verdict: 'license_required' } });
      expect(await slack.turn('Ev2')).toMatchObject({ caseId: 'C-000001', reply: { verdict: 'escalate', escalation: { state: 'opened' } } });
      expect((await slack.recent('U1')).map((t) => t.id)).toEqual(['Ev2', 'Ev1']);
      expect(await slack.feedback('Ev1', 'U1', true)).toMatchObject({ id: 'Ev1' });
      await slack.feedback('Ev1', 'U2', false);
      await slack.feedback('Ev1', 'U2', true);
      expect(await slack.feedback('nope', 'U2', true)).toBeUndefined();
      expect(await slack.feedbackCounts()).toEqual({ helpful: 2, notHelpful: 0 });
    } finally {
      await slack.close();
    }
  });

  it('purges turns past the keeping period when the next turn is kept', async () => {
    const clock = fixedClock(T0);
    const slack = await open(clock);
    try {
      await slack.answer('Ev1', 'U1', 'Dy oxide from Baotou to Japan, licence?');
      clock.advance(31 * 86_400_000);
      await slack.answer('Ev2', 'U1', 'Tb metal from China to Korea?');
      expect((await slack.recent('U1')).map((t) => t.id)).toEqual(['Ev2']);
    } finally {
      await slack.close();
    }
  });
});
