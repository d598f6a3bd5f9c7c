/**
 * Delivery claims in PostgreSQL: the claim is one INSERT … ON CONFLICT, so of two instances given the same Slack
 * retry at once, the unique key lets exactly one through (the second waits for the first's commit, then finds the
 * key unexpired and changes nothing). Never a read then a write.
 */
import type pg from 'pg';
import { systemClock, type Clock } from '../../core/clock.js';
import type { DeliveryClaims } from '../store-ports.js';

export class PgDeliveryClaims implements DeliveryClaims {
  private lastPurge = 0;

  constructor(private readonly db: pg.Pool | pg.PoolClient, private readonly ttlMs = 24 * 3600_000, private readonly clock: Clock = systemClock) {}

  /** The same claims on the connection of a unit of work, so the claim commits (or rolls back) with the turn. */
  forClient(client: pg.PoolClient): PgDeliveryClaims {
    return new PgDeliveryClaims(client, this.ttlMs, this.clock);
  }

  async claim(key: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge > 60_000) {
      this.lastPurge = now;
      await this.db.query('DELETE FROM deliveries WHERE expires_at < $1', [now]);
    }
    const r = await this.db.query(
      `INSERT INTO deliveries (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at < $3`,
      [key, now + this.ttlMs, now],
    );
    return r.rowCount === 1;
  }

  async release(key: string): Promise<void> {
    await this.db.query('DELETE FROM deliveries WHERE key = $1', [key]);
  }
}
