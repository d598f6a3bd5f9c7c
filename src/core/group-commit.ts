/**
 * Group commit: the database work of many turns in one SQLite transaction, so a busy channel pays for one
 * fsync per batch instead of one per turn (the database runs with synchronous=FULL, and each commit costs a
 * disk flush). Each piece of work runs in its own savepoint, so one that throws is undone alone and the rest of
 * the batch commits. A batch stops taking work after `budgetMs`, so the event loop is never held for long and
 * Slack's requests keep being acked between batches. Callers hear the result only after the commit.
 */
import type Database from 'better-sqlite3';

interface Pending {
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface GroupCommitOptions {
  /** Longest time one batch may hold the event loop before it commits. Default 12 ms. */
  readonly budgetMs?: number;
  readonly now?: () => number;
}

export class GroupCommit {
  private readonly queue: Pending[] = [];
  private scheduled = false;
  private readonly budgetMs: number;
  private readonly now: () => number;
  batches = 0;

  constructor(private readonly db: Database.Database, options: GroupCommitOptions = {}) {
    this.budgetMs = options.budgetMs ?? 12;
    this.now = options.now ?? (() => performance.now());
  }

  /** Runs `fn` inside the next batch's transaction; resolves with its result once that batch has committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: (v) => resolve(v as T), reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private flush(): void {
    const batch: { item: Pending; outcome: Outcome }[] = [];
    const started = this.now();
    try {
      this.db.transaction(() => {
        while (this.queue.length > 0 && (batch.length === 0 || this.now() - started < this.budgetMs)) {
          const item = this.queue.shift();
          if (!item) break;
          try {
            // A nested transaction is a savepoint: a throw undoes this item's writes only.
            batch.push({ item, outcome: { ok: true, value: this.db.transaction(item.fn)() } });
          } catch (error) {
            batch.push({ item, outcome: { ok: false, error } });
          }
        }
      }).immediate();
    } catch (error) {
      // The commit itself failed: nothing in the batch is stored, so nobody gets a result.
      for (const { item } of batch) item.reject(error);
      return;
    }
    this.batches++;
    for (const { item, outcome } of batch) {
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    }
  }
}
