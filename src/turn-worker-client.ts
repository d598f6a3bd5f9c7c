/**
 * The web chat's turns as the HTTP thread sees them when a turn worker answers them (turn-worker.ts): the same
 * ChatTurns port as sqliteChatTurns, so the routes do not know which thread answers. Reading the transcript back
 * stays here, on the HTTP thread's connection (a read in WAL mode never waits for the worker's writes).
 *
 * A turn is sent once the worker is ready (asks made while it starts wait for it, so every turn of a conversation
 * is answered by the one assistant that remembers it). If the worker dies, the turns it held are refused with an
 * error (the page says so and the same post may be sent again: its idempotency key makes a turn that did commit
 * come back as that answer, not a second one), and a new worker is started.
 */
import { Worker } from 'node:worker_threads';
import type { TurnOutcome } from './assistant/turn-pipeline.js';
import type { ChatTurns } from './channels/web/chat-turns.js';
import type { TranscriptStore, Turn } from './channels/web/transcript-store.js';
import type { Message } from './contracts/message.js';
import type { Logger } from './core/logger.js';
import { assertNever } from './rules/verdict.js';
import type { FromWorker, ToWorker, TurnWorkerInit } from './turn-worker-protocol.js';

export interface TurnWorkerOptions {
  /** The worker's script: dist/src/turn-worker.js next to this file once built. */
  readonly file: string | URL;
  readonly init: TurnWorkerInit;
  /** The HTTP thread's own transcript store, for reading turns back. */
  readonly transcript: TranscriptStore;
  readonly logger: Logger;
  /** Told of every turn the worker committed (metrics, audit anchors, the outbox). */
  readonly onCommitted: (message: Message, outcome: TurnOutcome<Turn>, seconds: number) => void;
  /** Wait before starting a worker again after one died. Default 1 s. */
  readonly restartDelayMs?: number;
}

interface Waiting {
  readonly message: Message;
  readonly resolve: (outcome: TurnOutcome<Turn>) => void;
  readonly reject: (err: Error) => void;
}

/** Raised for a turn the worker did not answer: it failed, or the worker stopped while holding it. */
export class TurnWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TurnWorkerError';
  }
}

export class TurnWorkerChat implements ChatTurns {
  private worker: Worker | undefined;
  private ready: Promise<Worker>;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closing = false;
  private restarts = 0;
  /** Starts in a row that died before they were ready: each waits twice as long as the one before, up to 30 s. */
  private failedStarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Told when no turn is waiting any more (close() waits for it). */
  private idle: (() => void)[] = [];

  constructor(private readonly options: TurnWorkerOptions) {
    this.ready = this.watched(this.spawn());
  }

  /** A start that fails is told to the turns waiting for it; with none waiting it must not end the process. */
  private watched(ready: Promise<Worker>): Promise<Worker> {
    ready.catch(() => undefined);
    return ready;
  }

  /** How many times a worker was started again after dying (for tests and /metrics). */
  get restarted(): number {
    return this.restarts;
  }

  async ask(conversation: string, message: Message, key: string | undefined): Promise<TurnOutcome<Turn>> {
    if (this.closing) throw new TurnWorkerError('the server is shutting down; ask again in a moment');
    const worker = await this.ready;
    const id = this.nextId++;
    return new Promise<TurnOutcome<Turn>>((resolve, reject) => {
      this.waiting.set(id, { message, resolve, reject });
      const ask: ToWorker = { type: 'ask', id, conversation, message, key };
      worker.postMessage(ask);
    });
  }

  async list(conversation: string): Promise<Turn[]> {
    return this.options.transcript.list(conversation);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.options.transcript.deleteOlderThan(cutoff);
  }

  /**
   * Stops the worker at once, as a crash would: the turns it holds are refused and a new worker is started. For an
   * operator's restart of a stuck worker, and for the tests of that path.
   */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Lets the turns the worker holds commit and be answered, then stops it (its connection closed). */
  async close(): Promise<void> {
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    while (this.waiting.size > 0) await new Promise<void>((idle) => this.idle.push(idle));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5_000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      const close: ToWorker = { type: 'close' };
      worker.postMessage(close);
    });
  }

  private spawn(): Promise<Worker> {
    const worker = new Worker(this.options.file, { workerData: this.options.init });
    this.worker = worker;
    return new Promise<Worker>((resolve, reject) => {
      let started = false;
      worker.on('message', (raw: FromWorker) => {
        if (raw.type === 'ready') {
          started = true;
          this.failedStarts = 0;
          this.options.logger.info({ threadId: worker.threadId }, 'web chat turns are answered in a worker thread');
          resolve(worker);
          return;
        }
        this.receive(raw);
      });
      worker.on('error', (err) => this.options.logger.error({ err }, 'the turn worker failed'));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        const lost = [...this.waiting.values()];
        this.waiting.clear();
        for (const w of lost) w.reject(new TurnWorkerError('the server stopped while answering this question; send it again'));
        this.settled();
        // Turns waiting for this start (asked before it was ready) hear that it did not come, closing or not.
        if (!started) reject(new TurnWorkerError(`the turn worker could not start (exit code ${code})`));
        if (this.closing) return;
        this.options.logger.error({ code, lost: lost.length }, 'the turn worker stopped; starting a new one');
        if (!started) this.failedStarts++;
        const delay = Math.min(30_000, (this.options.restartDelayMs ?? 1_000) * 2 ** Math.min(this.failedStarts, 5));
        this.ready = this.watched(new Promise<Worker>((resolveNext, rejectNext) => {
          this.restartTimer = setTimeout(() => {
            this.restarts++;
            this.spawn().then(resolveNext, rejectNext);
          }, delay);
          this.restartTimer.unref();
        }));
      });
    });
  }

  /** The turn waiting for this answer, no longer waiting (close() hears when none is left). */
  private take(id: number): Waiting | undefined {
    const w = this.waiting.get(id);
    if (!w) return undefined;
    this.waiting.delete(id);
    this.settled();
    return w;
  }

  private settled(): void {
    if (this.waiting.size > 0) return;
    const idle = this.idle;
    this.idle = [];
    for (const notify of idle) notify();
  }

  private receive(raw: Exclude<FromWorker, { type: 'ready' }>): void {
    switch (raw.type) {
      case 'answered': {
        const w = this.take(raw.id);
        if (!w) return;
        this.options.onCommitted(w.message, raw.outcome, raw.seconds);
        w.resolve(raw.outcome);
        return;
      }
      case 'failed':
        this.take(raw.id)?.reject(new TurnWorkerError(raw.error));
        return;
      case 'closed':
        return;
      default:
        assertNever(raw, 'message from the turn worker');
    }
  }
}
