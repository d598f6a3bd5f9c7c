/**
 * The store ports (store-ports.ts) over the SQLite stores: each call does its synchronous work at once, in its own
 * transaction where it writes more than one row, and returns a settled promise.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../contracts/message.js';
import type { Clock } from '../core/clock.js';
import { DedupeStore } from '../core/dedupe-store.js';
import { AuditLog, type AuditInput, type AuditRange } from './audit-log.js';
import type { JsonObject } from './canonical-json.js';
import { Outbox, type OutboxEntry, type OutboxRow } from './outbox.js';
import type { AuditChain, DailyJobs, DeliveryClaims, JobRun, OutboxQueue } from './store-ports.js';

export function sqliteDeliveryClaims(db: Database.Database, ttlMs: number, clock: Clock): DeliveryClaims {
  const store = new DedupeStore(db, ttlMs, clock);
  return {
    claim: async (key) => store.claim(key),
    release: async (key) => store.release(key),
  };
}

export function sqliteAuditChain(db: Database.Database): AuditChain {
  const log = new AuditLog(db);
  return {
    append: async (input: AuditInput) => log.append(input),
    verify: async () => log.verifyAudit(),
    records: async (range?: AuditRange) => log.records(range),
    exportCsv: async (range?: AuditRange) => log.exportAuditCsv(range),
    redactOlderThan: async (days: number, now: Date, also?: JsonObject) => log.redactOlderThan(days, now, also),
  };
}

export function sqliteOutboxQueue(db: Database.Database): OutboxQueue {
  const outbox = new Outbox(db);
  // IMMEDIATE: the write lock first, so another process's dispatcher cannot lease the same rows in between.
  const claim = db.transaction((now: Date, limit: number, leaseMs: number): OutboxRow[] =>
    outbox.due(now, limit).flatMap((r) => outbox.lease(r.id, now, leaseMs) ?? []));
  return {
    enqueue: async (entry: OutboxEntry, now: Date) => outbox.enqueue(entry, now),
    claimDue: async (now, limit, leaseMs) => claim.immediate(now, limit, leaseMs),
    get: async (id) => outbox.get(id),
    deliveredChannels: async (id) => outbox.deliveredChannels(id),
    markDelivered: async (id: number, channel: Channel, ref: string | null, now: Date) => outbox.markDelivered(id, channel, ref, now),
    complete: async (id, now, note) => outbox.complete(id, now, note ?? null),
    retryAt: async (id, nextAt, error, countAttempt) => outbox.retryAt(id, nextAt, error, countAttempt),
    kill: async (id, now, error) => outbox.kill(id, now, error),
    counts: async () => outbox.counts(),
  };
}

/**
 * SQLite serves one instance (the embedded default), so its daily jobs are kept once per day in that process;
 * across instances only the PostgreSQL job table and advisory lock hold (postgres/pg-daily-jobs.ts).
 */
export function inProcessDailyJobs(): DailyJobs {
  const done = new Set<string>();
  const running = new Set<string>();
  return {
    async runOnce(job, day, task): Promise<JobRun> {
      const key = `${job}\u0000${day}`;
      if (done.has(key)) return 'done_already';
      if (running.has(key)) return 'running_elsewhere';
      running.add(key);
      try {
        await task();
        done.add(key);
        return 'ran';
      } finally {
        running.delete(key);
      }
    },
  };
}
