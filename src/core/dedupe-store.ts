/**
 * Remembers delivery IDs (Slack event IDs, Teams activity IDs) for a while, so a platform's retry of something
 * already handled is recognised and dropped. SQLite-backed so a restart between a delivery and its retry still
 * remembers; `claim` is atomic, so two concurrent deliveries of one ID cannot both win. Its table comes from the
 * numbered migrations (src/cases/migrations.ts), so the database it is given must be opened by openCaseDatabase.
 */
import type Database from 'better-sqlite3';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export class DedupeStore {
  private readonly insert;
  private readonly purge;
  private readonly remove;
  private lastPurge = 0;

  constructor(private readonly db: Database.Database, private readonly ttlMs = 24 * 3600_000, private readonly clock: Clock = systemClock) {
    this.insert = db.prepare(
      `INSERT INTO deliveries (key, expires_at) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at < ?`,
    );
    this.purge = db.prepare('DELETE FROM deliveries WHERE expires_at < ?');
    this.remove = db.prepare('DELETE FROM deliveries WHERE key = ?');
  }

  /** Forgets a key, so the platform's retry is handled after all: for when handling the first delivery failed. */
  release(key: string): void {
    this.remove.run(key);
  }

  /** True the first time a key is seen (within its expiry); false for every repeat. */
  claim(key: string): boolean {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge > 60_000) {
      this.purge.run(now);
      this.lastPurge = now;
    }
    return this.insert.run(key, now + this.ttlMs, now).changes > 0;
  }
}
