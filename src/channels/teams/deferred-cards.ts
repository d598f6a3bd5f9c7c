/**
 * Cases that reached Teams before any compliance conversation was chosen. Their cards are posted when an officer
 * chooses one (or at their next update), and the card posted then is remembered here, because the outbox only
 * knows the placeholder ref it was given at the time.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';

const RowSchema = z.object({ case_id: z.string(), ref: z.string().nullable() });

export class DeferredCards {
  private readonly insert;
  private readonly select;
  private readonly selectWaiting;
  private readonly setRef;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO teams_deferred_cards (case_id, deferred_at) VALUES (?, ?)');
    this.select = db.prepare('SELECT case_id, ref FROM teams_deferred_cards WHERE case_id = ?');
    this.selectWaiting = db.prepare('SELECT case_id, ref FROM teams_deferred_cards WHERE ref IS NULL ORDER BY deferred_at, case_id');
    // Only the first card posted for a deferred case counts; later ones (reminders) are the outbox's to track.
    this.setRef = db.prepare('UPDATE teams_deferred_cards SET ref = ?, posted_at = ? WHERE case_id = ? AND ref IS NULL');
  }

  defer(caseId: string, at: Date): void {
    this.insert.run(caseId, at.toISOString());
  }

  /** The card posted late for a deferred case, if it has been. */
  postedRef(caseId: string): string | undefined {
    const row = RowSchema.safeParse(this.select.get(caseId));
    return row.success ? row.data.ref ?? undefined : undefined;
  }

  waiting(): string[] {
    return this.selectWaiting.all().map((r) => RowSchema.parse(r).case_id);
  }

  /** Records the card posted late for a deferred case; a no-op for cases never deferred or already posted. */
  posted(caseId: string, ref: string, at: Date): void {
    this.setRef.run(ref, at.toISOString(), caseId);
  }
}
