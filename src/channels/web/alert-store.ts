/**
 * Alerts for the compliance team (unclaimed cases, rules whose status became unknown), shown in the console until
 * an officer acknowledges them.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';

export interface Alert {
  readonly key: string;
  readonly at: string;
  readonly text: string;
}

const AlertSchema = z.object({ key: z.string(), at: z.string(), text: z.string() });
const CountSchema = z.object({ n: z.number() });

export class AlertStore {
  constructor(private readonly db: Database.Database) {}

  /** Once per key: the outbox may deliver an alert twice. */
  add(key: string, text: string, at: Date): void {
    this.db.prepare('INSERT OR IGNORE INTO web_alerts (key, at, text) VALUES (?, ?, ?)').run(key, at.toISOString(), text);
  }

  /** The latest alerts not yet acknowledged, newest first. */
  recent(limit = 20): Alert[] {
    return this.db
      .prepare('SELECT key, at, text FROM web_alerts WHERE acknowledged_at IS NULL ORDER BY at DESC, key LIMIT ?')
      .all(limit)
      .flatMap((r) => {
        const a = AlertSchema.safeParse(r);
        return a.success ? [a.data] : [];
      });
  }

  /** Takes an alert off the console's list; false when there is no such alert or it was already acknowledged. */
  acknowledge(key: string, by: string, at: Date): boolean {
    return this.db
      .prepare('UPDATE web_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE key = ? AND acknowledged_at IS NULL')
      .run(at.toISOString(), by, key).changes === 1;
  }

  acknowledgedCount(): number {
    return CountSchema.parse(this.db.prepare('SELECT count(*) AS n FROM web_alerts WHERE acknowledged_at IS NOT NULL').get()).n;
  }
}
