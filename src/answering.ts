/**
 * The answering side of the app, composed the same way on the HTTP thread (app.ts) and in the turn worker
 * (turn-worker.ts): the case service on a connection, the assistant over the current rules, the delivery claims,
 * and `answer`, which understands, decides, opens or updates the case and audits, in the caller's transaction.
 */
import type Database from 'better-sqlite3';
import { Assistant } from './assistant/assistant.js';
import type { AuditAnchors } from './cases/audit-anchor.js';
import { CaseService } from './cases/case-service.js';
import type { Clock } from './core/clock.js';
import { DedupeStore } from './core/dedupe-store.js';
import type { Message } from './contracts/message.js';
import type { Reply } from './contracts/reply.js';
import type { Understander } from './nlu/understand.js';
import type { CurrentRules } from './rules/current-rules.js';

export interface AnsweringOptions {
  readonly db: Database.Database;
  readonly rules: CurrentRules;
  readonly understander: Understander;
  readonly clock: Clock;
  readonly officers: { slack: string[]; teams: string[]; web: string[] };
  readonly reminderHours: number;
  readonly anchors?: AuditAnchors | undefined;
  /** Told of every answer and how long understanding and deciding took (the metrics). */
  readonly observe: (message: Message, reply: Reply, seconds: number) => void;
}

export interface Answering {
  readonly cases: CaseService;
  readonly assistant: Assistant;
  readonly dedupe: DedupeStore;
  answer(message: Message): Reply;
}

export function composeAnswering(o: AnsweringOptions): Answering {
  const cases = new CaseService({ db: o.db, officers: o.officers, clock: o.clock, reminderHours: o.reminderHours, anchors: o.anchors });
  const assistant = new Assistant({ rules: o.rules, understander: o.understander, cases, clock: o.clock });
  const dedupe = new DedupeStore(o.db, 24 * 3600_000, o.clock);
  return {
    cases, assistant, dedupe,
    answer(message) {
      const started = performance.now();
      const reply = assistant.handle(message);
      o.observe(message, reply, (performance.now() - started) / 1000);
      return reply;
    },
  };
}
