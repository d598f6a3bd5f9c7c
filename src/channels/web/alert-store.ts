/** Alerts for the compliance team (unclaimed cases, rules whose status became unknown), shown in the console. */
import type Database from 'better-sqlite3';
import { z } from 'zod';

export interface Alert {
  readonly key: string;
  readonly at: string;
  readonly text: string;
}

const AlertSchema = z.object({ key: z.string(), at: z.string(), text: z.string() });

export class AlertStore {
  constructor(private readonly db: Database.Database) {}

  /** Once per key: the outbox may deliver an alert twice. */
  add(key: string, text: string, at: Date): void {
    this.db.prepare('INSERT OR IGNORE INTO web_alerts (key, at, text) VALUES (?, ?, ?)').run(key, at.toISOString(), text);
  }

  recent(limit = 20): Alert[] {
    return this.db
      .prepare('SELECT key, at, text FROM web_alerts ORDER BY at DESC, key LIMIT ?')
      .all(limit)
      .flatMap((r) => {
        const a = AlertSchema.safeParse(r);
        return a.success ? [a.data] : [];
      });
  }
}
