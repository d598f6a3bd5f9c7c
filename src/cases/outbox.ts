/**
 * The outbox: what must be said on a platform, written in the same transaction as the change it announces, and
 * delivered later by the OutboxDispatcher. The unique `key` per (case, action) makes enqueueing idempotent.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ChannelSchema, type Channel } from '../contracts/message.js';
import { SqlCache } from './sql-cache.js';

export const OUTBOX_KINDS = ['post_case', 'update_case', 'notify_asker', 'reminder', 'alert', 'answer_update', 'answer'] as const;
export const OutboxKindSchema = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

export const AlertPayloadSchema = z.object({ text: z.string().min(1) });
export type AlertPayload = z.infer<typeof AlertPayloadSchema>;

/** An answer a recorded rule status changed: the row of `answer_updates`, and the platform it goes to (rate limits). */
export const AnswerUpdatePayloadSchema = z.object({ updateId: z.number().int().positive(), channel: ChannelSchema });
export type AnswerUpdatePayload = z.infer<typeof AnswerUpdatePayloadSchema>;

/**
 * A turn's answer to post where it was asked, already rendered by its channel (`post` is that channel's own shape,
 * read back by its HumanChannel.postAnswer). Written in the turn's transaction, so an answered turn is always
 * posted, and its retries repeat the post, never the turn.
 */
export const AnswerPayloadSchema = z.object({ channel: ChannelSchema, post: z.unknown() });
export type AnswerPayload = z.infer<typeof AnswerPayloadSchema>;

export type OutboxEntry =
  | { readonly kind: 'post_case' | 'update_case' | 'notify_asker' | 'reminder'; readonly key: string; readonly caseNum: number }
  | { readonly kind: 'alert'; readonly key: string; readonly payload: AlertPayload }
  | { readonly kind: 'answer_update'; readonly key: string; readonly payload: AnswerUpdatePayload }
  | { readonly kind: 'answer'; readonly key: string; readonly payload: AnswerPayload };

/** Whether the entry says everything in its payload (no case to render it from). */
export function carriesPayload(entry: OutboxEntry): entry is Extract<OutboxEntry, { payload: unknown }> {
  return entry.kind === 'alert' || entry.kind === 'answer_update' || entry.kind === 'answer';
}

const OutboxRowSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  kind: OutboxKindSchema,
  case_num: z.number().int().nullable(),
  payload: z.string(),
  state: z.enum(['pending', 'done', 'dead']),
  attempts: z.number().int(),
  next_at: z.number().int(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  done_at: z.string().nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRowSchema>;

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** Exponential backoff: base, 2×base, 4×base, … capped at max. `attempt` counts from 1. */
export function backoffMs(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

export class Outbox {
  private readonly sql: SqlCache;

  constructor(db: Database.Database) {
    this.sql = new SqlCache(db);
  }

  /**
   * Adds the entry unless its key was enqueued before. Returns true when it was added. `heldMs`: the row is
   * enqueued already leased for that long (its first attempt counted), for a caller that delivers it itself right
   * after the commit; a dispatcher takes it only if that caller dies or fails.
   */
  enqueue(entry: OutboxEntry, now: Date, heldMs = 0): boolean {
    const payload = carriesPayload(entry) ? JSON.stringify(entry.payload) : '{}';
    const caseNum = carriesPayload(entry) ? null : entry.caseNum;
    return (
      this.sql
        .stmt(
          `INSERT INTO outbox (key, kind, case_num, payload, attempts, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (key) DO NOTHING`,
        )
        .run(entry.key, entry.kind, caseNum, payload, heldMs > 0 ? 1 : 0, now.getTime() + heldMs, now.toISOString()).changes === 1
    );
  }

  /**
   * Makes due now the answers that turns of an earlier run queued held and never got to post (that process died:
   * one server per database file). Rows queued since `startedAt` belong to this run and keep their hold.
   */
  releaseHeldAnswers(startedAt: Date, now: Date): number {
    return this.sql
      .stmt(`UPDATE outbox SET next_at = ? WHERE kind = 'answer' AND state = 'pending' AND next_at > ? AND created_at < ?`)
      .run(now.getTime(), now.getTime(), startedAt.toISOString()).changes;
  }

  due(now: Date, limit: number): OutboxRow[] {
    return this.sql
      .stmt(`SELECT * FROM outbox WHERE state = 'pending' AND next_at <= ? ORDER BY id LIMIT ?`)
      .all(now.getTime(), limit)
      .map((r) => OutboxRowSchema.parse(r));
  }

  /**
   * Takes a due row for `leaseMs` and counts the attempt. Returns the row, or undefined when another dispatcher
   * took it first. A dispatcher that dies while holding a row gets it back after the lease.
   */
  lease(id: number, now: Date, leaseMs: number): OutboxRow | undefined {
    const taken = this.sql
      .stmt(
        `UPDATE outbox SET next_at = ?, attempts = attempts + 1
         WHERE id = ? AND state = 'pending' AND next_at <= ?`,
      )
      .run(now.getTime() + leaseMs, id, now.getTime()).changes === 1;
    return taken ? this.get(id) : undefined;
  }

  get(id: number): OutboxRow | undefined {
    const r = this.sql.stmt('SELECT * FROM outbox WHERE id = ?').get(id);
    return r === undefined ? undefined : OutboxRowSchema.parse(r);
  }

  byKey(key: string): OutboxRow | undefined {
    const r = this.sql.stmt('SELECT * FROM outbox WHERE key = ?').get(key);
    return r === undefined ? undefined : OutboxRowSchema.parse(r);
  }

  deliveredChannels(id: number): Set<Channel> {
    const rows = this.sql.stmt('SELECT channel FROM outbox_deliveries WHERE outbox_id = ?').all(id);
    return new Set(rows.map((r) => z.object({ channel: ChannelSchema }).parse(r).channel));
  }

  markDelivered(id: number, channel: Channel, ref: string | null, now: Date): void {
    this.sql
      .stmt('INSERT OR IGNORE INTO outbox_deliveries (outbox_id, channel, ref, at) VALUES (?, ?, ?, ?)')
      .run(id, channel, ref, now.toISOString());
  }

  /** Marks the row delivered. An answer's rendered post is dropped then: the audit log keeps the answer. */
  complete(id: number, now: Date, note: string | null = null): void {
    this.sql
      .stmt(`UPDATE outbox SET state = 'done', done_at = ?, last_error = ?,
               payload = CASE kind WHEN 'answer' THEN '{}' ELSE payload END WHERE id = ?`)
      .run(now.toISOString(), note, id);
  }

  /** Schedules another attempt. `countAttempt: false` when the platform asked us to wait (a rate limit is no failure). */
  retryAt(id: number, nextAt: number, error: string, countAttempt: boolean): void {
    this.sql
      .stmt(`UPDATE outbox SET next_at = ?, last_error = ?, attempts = attempts - ? WHERE id = ?`)
      .run(nextAt, error, countAttempt ? 0 : 1, id);
  }

  kill(id: number, now: Date, error: string): void {
    this.sql
      .stmt(`UPDATE outbox SET state = 'dead', done_at = ?, last_error = ? WHERE id = ?`)
      .run(now.toISOString(), error, id);
  }

  addCard(caseNum: number, channel: Channel, ref: string, now: Date): void {
    this.sql
      .stmt('INSERT OR IGNORE INTO case_cards (case_num, channel, ref, at) VALUES (?, ?, ?, ?)')
      .run(caseNum, channel, ref, now.toISOString());
  }

  cards(caseNum: number, channel: Channel): string[] {
    return this.sql
      .stmt('SELECT ref FROM case_cards WHERE case_num = ? AND channel = ? ORDER BY at, ref')
      .all(caseNum, channel)
      .map((r) => z.object({ ref: z.string() }).parse(r).ref);
  }

  counts(): Record<OutboxRow['state'], number> {
    const out = { pending: 0, done: 0, dead: 0 };
    for (const r of this.sql.stmt('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all()) {
      const row = z.object({ state: z.enum(['pending', 'done', 'dead']), n: z.number() }).parse(r);
      out[row.state] = row.n;
    }
    return out;
  }
}
