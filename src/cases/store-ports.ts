/**
 * The stores several instances must share, as ports both engines implement: SQLite (the embedded default,
 * sqlite-ports.ts) and PostgreSQL (postgres/, selected by DATABASE_URL=postgres://…). One contract test suite runs
 * against both (test/cases/store-contract.test.ts).
 *
 * The port shape, decided:
 * - The ports are asynchronous (they return promises), because `pg` is, and a port that only one engine can honour
 *   is no port. SQLite implements them over its synchronous stores: the work is done synchronously inside, the
 *   promise is already settled, nothing else can interleave with the write. Its stores keep their synchronous
 *   methods for the code that runs inside a better-sqlite3 transaction.
 * - Writes that must commit together are a unit of work per turn, not a long-lived connection: under SQLite the turn
 *   pipeline's group commit already runs each turn in a savepoint of one batched transaction (core/group-commit.ts);
 *   under PostgreSQL a turn runs in `inTransaction(pool, client => …)` (postgres/pg-database.ts) on one pooled
 *   connection, with the stores bound to that client (`forClient`), so claim, answer, audit and case commit or roll
 *   back together, and a turn holds a connection only for its own writes.
 * - What makes several instances one is in the database, never in memory: the delivery claim is an insert (the
 *   unique key decides, not a read then a write); audit appends lock the chain's head row; outbox rows are taken
 *   with FOR UPDATE SKIP LOCKED under a lease; a daily job takes an advisory lock and records its day when done.
 *
 * Built on these: the turn itself (assistant/postgres/pg-turn-pipeline.ts: the assistant stays synchronous and
 * answers against a per-turn unit of work, postgres/pg-turn-cases.ts, applied in one transaction), the officers' side
 * (postgres/pg-case-service.ts) and the outbox dispatcher (dispatch-store.ts, postgres/pg-dispatch-store.ts).
 * The web transcript and the Slack store have PostgreSQL versions written on the turn's connection
 * (channels/postgres/). The composition root on PostgreSQL is src/app-postgres.ts; what still reads SQLite's own
 * stores (the console, the status desk, BOM uploads) says it is not available there (the README's PostgreSQL section).
 */
import type { Channel } from '../contracts/message.js';
import type { JsonObject } from './canonical-json.js';
import type { AuditInput, AuditRange, AuditRecord, AuditVerification } from './audit-log.js';
import type { OutboxEntry, OutboxRow } from './outbox.js';

/** Delivery IDs already handled (Slack event IDs, Teams activity IDs), so a retry on any instance is dropped. */
export interface DeliveryClaims {
  /** True for the one caller that claims the key first (within its expiry), false for every repeat, on any instance. */
  claim(key: string): Promise<boolean>;
  /** Forgets a key, so the platform's retry is handled after all. */
  release(key: string): Promise<void>;
}

/** The append-only, hash-chained audit log: one chain however many instances append. */
export interface AuditChain {
  append(input: AuditInput): Promise<AuditRecord>;
  verify(): Promise<AuditVerification>;
  records(range?: AuditRange): Promise<AuditRecord[]>;
  exportCsv(range?: AuditRange): Promise<string>;
  /** The retention job: clears the text of records older than `days`, audited by a `redaction` record. */
  redactOlderThan(days: number, now: Date, also?: JsonObject): Promise<number>;
}

/** The outbox, drained by every instance without posting anything twice. */
export interface OutboxQueue {
  enqueue(entry: OutboxEntry, now: Date): Promise<boolean>;
  /**
   * Takes up to `limit` due rows for `leaseMs` each and counts an attempt on each. A row is taken by one caller
   * only; a caller that dies gets its rows taken again once the lease is over.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  get(id: number): Promise<OutboxRow | undefined>;
  deliveredChannels(id: number): Promise<Set<Channel>>;
  markDelivered(id: number, channel: Channel, ref: string | null, now: Date): Promise<void>;
  complete(id: number, now: Date, note?: string | null): Promise<void>;
  /** Another attempt at `nextAt`; `countAttempt: false` when the platform asked us to wait (Retry-After). */
  retryAt(id: number, nextAt: number, error: string, countAttempt: boolean): Promise<void>;
  kill(id: number, now: Date, error: string): Promise<void>;
  counts(): Promise<Record<OutboxRow['state'], number>>;
}

export type JobRun = 'ran' | 'done_already' | 'running_elsewhere';

/** Daily jobs (reminders, horizon alerts, retention) run once per day across instances. */
export interface DailyJobs {
  /**
   * Runs `task` for `day` unless it has run for that day; `running_elsewhere` when another instance is running it
   * now (try again later: if that instance dies mid-run, its day is not recorded and the next try runs it).
   */
  runOnce(job: string, day: string, task: () => Promise<void>): Promise<JobRun>;
}
