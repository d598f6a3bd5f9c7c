/**
 * Work done after the ack. Slack wants an answer to every request within 3 seconds and retries otherwise, so
 * handlers ack first and queue the work here. Jobs start on a later event-loop turn (setImmediate), a bounded
 * number per turn, so pending requests are read and acked in between; the heavy part of a job goes through the
 * group commit (group-commit.ts), which bounds how long it holds the loop. Jobs with the same key (one
 * conversation) run one after another, so the turns of a thread are answered in the order they arrived.
 */

export type Job = () => Promise<void>;

export interface WorkQueueOptions {
  /** Most jobs waiting to start; beyond it new jobs are refused (Slack has its ack already: overload sheds work). */
  readonly maxPending?: number;
  /** Most jobs started per event-loop turn. Default 64. */
  readonly startPerTurn?: number;
  readonly onError: (err: unknown, key: string) => void;
  readonly onDrop?: (key: string) => void;
}

export class WorkQueue {
  private readonly pending: { key: string; job: Job }[] = [];
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;
  private closed = false;

  constructor(private readonly options: WorkQueueOptions) {}

  /** Queues a job; false when the queue is full or closed and the job was dropped. */
  push(key: string, job: Job): boolean {
    if (this.closed || this.pending.length >= (this.options.maxPending ?? 10_000)) {
      this.options.onDrop?.(key);
      return false;
    }
    this.pending.push({ key, job });
    this.schedule();
    return true;
  }

  get size(): number {
    return this.pending.length + this.running.size;
  }

  /** Resolves when everything queued so far (and what it queued) has finished. */
  async idle(): Promise<void> {
    while (this.pending.length > 0 || this.running.size > 0) {
      if (this.running.size > 0) await Promise.allSettled([...this.running]);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Refuses new work and waits for what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (let i = 0; i < (this.options.startPerTurn ?? 64) && this.pending.length > 0; i++) this.startOne();
      if (this.pending.length > 0) this.schedule();
    });
  }

  private startOne(): void {
    const next = this.pending.shift();
    if (!next) return;
    const { key, job } = next;
    const before = this.tails.get(key) ?? Promise.resolve();
    const run = before.then(job).catch((err: unknown) => this.options.onError(err, key));
    this.tails.set(key, run);
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      if (this.tails.get(key) === run) this.tails.delete(key);
    });
  }
}
