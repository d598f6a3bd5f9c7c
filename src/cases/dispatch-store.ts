/**
 * What the outbox dispatcher (outbox-dispatcher.ts) reads and writes, as an asynchronous port both engines
 * implement: SQLite here, over the synchronous stores (each call settles at once), and PostgreSQL in
 * postgres/pg-dispatch-store.ts, where every instance runs a dispatcher on the one outbox.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../contracts/message.js';
import { readAnswerUpdate, type AnswerUpdate } from './answer-update.js';
import type { AuditInput, AuditLog } from './audit-log.js';
import { CaseStore } from './case-store.js';
import type { CaseView } from './case-view.js';
import { Outbox, type OutboxRow } from './outbox.js';

export interface DispatchStore {
  /** Rows due now, oldest first: candidates, each still to be leased. */
  due(now: Date, limit: number): Promise<OutboxRow[]>;
  /** Takes a due row for `leaseMs` and counts the attempt; undefined when another dispatcher took it first. */
  lease(id: number, now: Date, leaseMs: number): Promise<OutboxRow | undefined>;
  /** The row enqueued under this key, if any (a turn's own answer, delivered right after its commit). */
  byKey(key: string): Promise<OutboxRow | undefined>;
  caseView(num: number): Promise<CaseView | undefined>;
  answerUpdate(id: number): Promise<AnswerUpdate | undefined>;
  deliveredChannels(id: number): Promise<Set<Channel>>;
  markDelivered(id: number, channel: Channel, ref: string | null, now: Date): Promise<void>;
  cards(caseNum: number, channel: Channel): Promise<string[]>;
  addCard(caseNum: number, channel: Channel, ref: string, now: Date): Promise<void>;
  complete(id: number, now: Date): Promise<void>;
  retryAt(id: number, nextAt: number, error: string, countAttempt: boolean): Promise<void>;
  /** Dead-letters the row and audits it, in one transaction. */
  kill(id: number, now: Date, error: string, audit: AuditInput): Promise<void>;
}

export function sqliteDispatchStore(db: Database.Database, audit: AuditLog): DispatchStore {
  const outbox = new Outbox(db);
  const cases = new CaseStore(db);
  // IMMEDIATE: the write lock first, so the dead letter and its audit record commit together.
  const kill = db.transaction((id: number, now: Date, error: string, input: AuditInput) => {
    outbox.kill(id, now, error);
    audit.append(input);
  });
  return {
    due: async (now, limit) => outbox.due(now, limit),
    lease: async (id, now, leaseMs) => outbox.lease(id, now, leaseMs),
    byKey: async (key) => outbox.byKey(key),
    caseView: async (num) => cases.view(num),
    answerUpdate: async (id) => readAnswerUpdate(db, id),
    deliveredChannels: async (id) => outbox.deliveredChannels(id),
    markDelivered: async (id, channel, ref, now) => outbox.markDelivered(id, channel, ref, now),
    cards: async (caseNum, channel) => outbox.cards(caseNum, channel),
    addCard: async (caseNum, channel, ref, now) => outbox.addCard(caseNum, channel, ref, now),
    complete: async (id, now) => outbox.complete(id, now),
    retryAt: async (id, nextAt, error, countAttempt) => outbox.retryAt(id, nextAt, error, countAttempt),
    kill: async (id, now, error, input) => kill.immediate(id, now, error, input),
  };
}
