/**
 * The outbox in PostgreSQL, drained by every instance at once. claimDue takes due rows with FOR UPDATE SKIP LOCKED
 * and leases them in the same statement: two instances polling together get disjoint rows (neither waits for the
 * other), and a row leased by an instance that then dies becomes due again when its lease ends. Retry and
 * Retry-After keep their meaning: retryAt moves next_at, and does not count the attempt when the platform asked us
 * to wait.
 */
import type pg from 'pg';
import { z } from 'zod';
import { ChannelSchema, type Channel } from '../../contracts/message.js';
import { carriesPayload, OutboxKindSchema, type OutboxEntry, type OutboxRow } from '../outbox.js';
import type { OutboxQueue } from '../store-ports.js';

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

export class PgOutboxQueue implements OutboxQueue {
  constructor(private readonly db: pg.Pool | pg.PoolClient) {}

  /** The same queue on the connection of a unit of work, so an enqueue commits with the change it announces. */
  forClient(client: pg.PoolClient): PgOutboxQueue {
    return new PgOutboxQueue(client);
  }

  /**
   * `heldMs`, as on SQLite (outbox.ts): the row is enqueued already leased for that long, its first attempt counted,
   * for a turn that posts it itself right after its commit. When that instance dies, the lease ends and any
   * instance's dispatcher takes it: no release at start is needed (or safe, with other instances still posting).
   */
  async enqueue(entry: OutboxEntry, now: Date, heldMs = 0): Promise<boolean> {
    const payload = carriesPayload(entry) ? JSON.stringify(entry.payload) : '{}';
    const caseNum = carriesPayload(entry) ? null : entry.caseNum;
    const r = await this.db.query(
      `INSERT INTO outbox (key, kind, case_num, payload, attempts, next_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO NOTHING`,
      [entry.key, entry.kind, caseNum, payload, heldMs > 0 ? 1 : 0, now.getTime() + heldMs, now.toISOString()],
    );
    return r.rowCount === 1;
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const r = await this.db.query(
      `UPDATE outbox SET next_at = $1, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbox WHERE state = 'pending' AND next_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       RETURNING *`,
      [now.getTime() + leaseMs, now.getTime(), limit],
    );
    return r.rows.map((row) => OutboxRowSchema.parse(row)).sort((a, b) => a.id - b.id);
  }

  async get(id: number): Promise<OutboxRow | undefined> {
    const r = await this.db.query('SELECT * FROM outbox WHERE id = $1', [id]);
    return r.rows[0] === undefined ? undefined : OutboxRowSchema.parse(r.rows[0]);
  }

  async deliveredChannels(id: number): Promise<Set<Channel>> {
    const r = await this.db.query('SELECT channel FROM outbox_deliveries WHERE outbox_id = $1', [id]);
    return new Set(r.rows.map((row) => z.object({ channel: ChannelSchema }).parse(row).channel));
  }

  async markDelivered(id: number, channel: Channel, ref: string | null, now: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO outbox_deliveries (outbox_id, channel, ref, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [id, channel, ref, now.toISOString()],
    );
  }

  async complete(id: number, now: Date, note: string | null = null): Promise<void> {
    await this.db.query(`UPDATE outbox SET state = 'done', done_at = $1, last_error = $2 WHERE id = $3`, [now.toISOString(), note, id]);
  }

  async retryAt(id: number, nextAt: number, error: string, countAttempt: boolean): Promise<void> {
    await this.db.query(
      'UPDATE outbox SET next_at = $1, last_error = $2, attempts = attempts - $3 WHERE id = $4',
      [nextAt, error, countAttempt ? 0 : 1, id],
    );
  }

  async kill(id: number, now: Date, error: string): Promise<void> {
    await this.db.query(`UPDATE outbox SET state = 'dead', done_at = $1, last_error = $2 WHERE id = $3`, [now.toISOString(), error, id]);
  }

  async counts(): Promise<Record<OutboxRow['state'], number>> {
    const out = { pending: 0, done: 0, dead: 0 };
    const r = await this.db.query('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state');
    for (const row of r.rows) {
      const parsed = z.object({ state: z.enum(['pending', 'done', 'dead']), n: z.number() }).parse(row);
      out[parsed.state] = parsed.n;
    }
    return out;
  }
}
