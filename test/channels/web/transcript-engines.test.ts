/**
 * The web chat's transcript row commits with the answer, on both engines: SQLite's TranscriptStore inside the group
 * commit, PostgreSQL's PgTranscriptStore on the turn's connection (PgTurnPipeline's keep and replay), both through
 * chat-turns.ts as the chat's routes call it. A repeated post
 * (a double click, a client's retry, on any instance) gets the turn the first was answered with, never a second answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Assistant } from '../../../src/assistant/assistant.js';
import { PgTurnPipeline } from '../../../src/assistant/postgres/pg-turn-pipeline.js';
import { TurnPipeline, type TurnOutcome } from '../../../src/assistant/turn-pipeline.js';
import { CaseService } from '../../../src/cases/case-service.js';
import { openCaseDatabase } from '../../../src/cases/database.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { PgTranscriptStore } from '../../../src/channels/postgres/pg-transcript-store.js';
import { pgChatTurns, sqliteChatTurns, type ChatTurns } from '../../../src/channels/web/chat-turns.js';
import { TranscriptStore, type Turn } from '../../../src/channels/web/transcript-store.js';
import type { Message } from '../../../src/contracts/message.js';
import { fixedClock } from '../../../src/core/clock.js';
import { DedupeStore } from '../../../src/core/dedupe-store.js';
import { GroupCommit } from '../../../src/core/group-commit.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { rules, understanding } from '../../support/understanding.js';

const T0 = '2026-03-02T09:00:00.000Z';
const clock = fixedClock(T0);

interface WebChat {
  /** Posts `text` in `conversation` with the idempotency key `key`, as chat-routes.ts does. */
  post(conversation: string, text: string, key: string): Promise<TurnOutcome<Turn>>;
  list(conversation: string): Promise<Turn[]>;
  close(): Promise<void>;
}

let cluster: PostgresCluster;
let dir: string;
beforeAll(async () => {
  cluster = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'lodestone-transcript-'));
}, CLUSTER_START_MS);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
}, CLUSTER_STOP_MS);

function message(conversation: string, text: string, key: string): Message {
  return { id: `web-${key}`, text, user: 'visitor-1', conversation, channel: 'web', receivedAt: new Date(T0) };
}

/** The chat as chat-routes.ts drives it (chat-turns.ts), posting `text` with the idempotency key `key`. */
function chatOf(chat: ChatTurns): Omit<WebChat, 'close'> {
  return {
    post: (conversation, text, key) => chat.ask(conversation, message(conversation, text, key), key),
    list: (conversation) => chat.list(conversation),
  };
}

async function sqliteChat(): Promise<WebChat[]> {
  const db = openCaseDatabase(join(dir, `chat-${Date.now()}.db`));
  const cases = new CaseService({ db, officers: { web: ['console'] }, clock });
  const assistant = new Assistant({ rules, understander: understanding.understander, cases, clock });
  const turns = new TurnPipeline({ commits: new GroupCommit(db), deliveries: new DedupeStore(db, 3_600_000, clock), answer: (m) => assistant.handle(m) });
  const transcript = new TranscriptStore(db);
  return [{
    ...chatOf(sqliteChatTurns(turns, transcript)),
    close: async () => {
      db.close();
    },
  }];
}

async function postgresChat(instances: number): Promise<WebChat[]> {
  const url = await cluster.freshDatabase();
  const pools: pg.Pool[] = await Promise.all(Array.from({ length: instances }, () => openPostgres(url, { poolMax: 4 })));
  return pools.map((pool) => {
    const turns = new PgTurnPipeline({ pool, clock, understander: understanding.understander, answer: (m, ports) => new Assistant({ rules, clock, ...ports }).handle(m) });
    const transcript = new PgTranscriptStore(pool);
    return {
      ...chatOf(pgChatTurns(turns, transcript)),
      close: () => pool.end(),
    };
  });
}

describe.each([['sqlite', sqliteChat], ['postgres', () => postgresChat(1)]] as const)('the web transcript on %s', (_name, open) => {
  it('keeps each answered post once, oldest first, and gives a repeated post the first answer', async () => {
    const [chat] = await open();
    try {
      const first = await chat!.post('s1', 'Dy oxide from Baotou to Japan, licence?', 'k1');
      const second = await chat!.post('s1', 'and Tb metal from China to Korea?', 'k2');
      const repeat = await chat!.post('s1', 'Dy oxide from Baotou to Japan, licence?', 'k1');
      if (first.kind !== 'answered' || second.kind !== 'answered') throw new Error('not answered');
      expect(repeat).toEqual({ kind: 'duplicate', kept: first.kept });
      expect(first.kept?.reply).toMatchObject({ verdict: 'license_required', headline: first.reply.headline });
      expect((await chat!.list('s1')).map((t) => [t.id, t.text])).toEqual([
        [first.kept!.id, 'Dy oxide from Baotou to Japan, licence?'], [second.kept!.id, 'and Tb metal from China to Korea?'],
      ]);
    } finally {
      await chat!.close();
    }
  });
});

describe('the web transcript on PostgreSQL, several instances', () => {
  it('answers a post repeated on three instances at once once, and all three show that answer', async () => {
    const chats = await postgresChat(3);
    try {
      const outcomes = await Promise.all(chats.map((c) => c.post('s2', 'Dy oxide from Baotou to Japan, licence?', 'k1')));
      expect(outcomes.filter((o) => o.kind === 'answered')).toHaveLength(1);
      const ids = outcomes.map((o) => o.kept?.id);
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toBeDefined();
      expect(await chats[2]!.list('s2')).toHaveLength(1);
    } finally {
      await Promise.all(chats.map((c) => c.close()));
    }
  });
});
