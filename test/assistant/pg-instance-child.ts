/**
 * One Lodestone instance on PostgreSQL, for multi-instance.test.ts (bundled to plain JS there, then forked three
 * times on one database). It answers the deliveries its parent sends (over IPC, as a load balancer would hand it
 * platform requests) through the real turn pipeline, drains the shared outbox to a compliance channel that logs
 * every post to EVENTS_FILE, and tries the daily reminder job every 100 ms under the cross-instance job lock.
 */
import { appendFileSync } from 'node:fs';
import { Assistant } from '../../src/assistant/assistant.js';
import { createUnderstanding } from '../../src/assistant/create-understanding.js';
import { PgTurnPipeline } from '../../src/assistant/postgres/pg-turn-pipeline.js';
import type { CaseView } from '../../src/cases/case-view.js';
import type { HumanChannel } from '../../src/cases/human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { PgCaseService } from '../../src/cases/postgres/pg-case-service.js';
import { PgDailyJobs } from '../../src/cases/postgres/pg-daily-jobs.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { pgDispatchStore } from '../../src/cases/postgres/pg-dispatch-store.js';
import { isoDay } from '../../src/core/clock.js';
import { INTENTS_DIR, RULES_DIR } from '../../src/core/paths.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import type { Message } from '../../src/contracts/message.js';
import { clockOn, TEST_DAY } from '../support/clock.js';

const url = process.env['PG_URL'] ?? '';
const instance = process.env['INSTANCE'] ?? '?';
const eventsFile = process.env['EVENTS_FILE'] ?? '';

export interface Delivery {
  readonly key: string;
  readonly message: Omit<Message, 'receivedAt'>;
}

export type ChildReport =
  | { readonly ready: string }
  | { readonly key: string; readonly kind: 'answered' | 'duplicate'; readonly caseId?: string | undefined }
  | { readonly key: string; readonly kind: 'failed'; readonly error: string };

function log(event: Record<string, string>): void {
  // One short line per write, with O_APPEND: lines from the three instances do not interleave.
  appendFileSync(eventsFile, `${JSON.stringify({ instance, ...event })}\n`);
}

class LoggingChannel implements HumanChannel {
  async postCase(c: CaseView): Promise<{ ref: string }> {
    log({ op: 'postCase', caseId: c.id });
    return { ref: `${instance}-${c.id}` };
  }
  async updateCase(): Promise<void> {}
  async notifyAsker(): Promise<void> {}
  async notifyAnswerChanged(): Promise<void> {}
  async postAlert(): Promise<void> {}
}

async function main(): Promise<void> {
  const clock = clockOn(TEST_DAY);
  const rules = loadRuleSet(RULES_DIR);
  const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
  const pool = await openPostgres(url, { poolMax: 10 });
  const turns = new PgTurnPipeline({
    pool, clock, understander, answer: (m, ports) => new Assistant({ rules, clock, ...ports }).handle(m),
  });
  const cases = new PgCaseService({ pool, officers: { slack: ['UOFF'], teams: [], web: [] }, clock });
  const dispatcher = new OutboxDispatcher({ store: pgDispatchStore(pool), channels: { slack: new LoggingChannel() }, clock });
  dispatcher.start(100);
  const jobs = new PgDailyJobs(pool, instance, clock);
  const daily = setInterval(() => {
    void jobs.runOnce('reminders', isoDay(clock.now()), async () => {
      log({ op: 'job', day: isoDay(clock.now()) });
      await cases.sendReminders(clock.now());
    }).catch(() => undefined);
  }, 100);
  daily.unref();
  process.on('message', (raw) => {
    const d = raw as Delivery;
    turns.run({ message: { ...d.message, receivedAt: clock.now() }, deliveryKey: d.key }).then(
      (o) => process.send?.({ key: d.key, kind: o.kind, ...(o.kind === 'answered' ? { caseId: o.reply.escalation.caseId } : {}) } satisfies ChildReport),
      (err: unknown) => process.send?.({ key: d.key, kind: 'failed', error: String(err) } satisfies ChildReport),
    );
  });
  process.send?.({ ready: instance } satisfies ChildReport);
}

void main();
