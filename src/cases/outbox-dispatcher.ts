/**
 * Delivers outbox rows to the platforms. Card posts, card updates, reminders and alerts go to every registered
 * HumanChannel's compliance channel; the answer to the asker goes to the asker's own channel.
 *
 * Guarantees: a row is delivered at least once per channel, and a channel that has confirmed a row is never sent
 * it again (per-channel delivery records), so a retry after a partial failure repeats nothing. The one window left
 * is a crash between a platform confirming a call and the delivery record being written: that call may be
 * repeated once. Cards are rendered from the case as it is at delivery time, so a late card is never stale.
 */
import type Database from 'better-sqlite3';
import { CHANNELS, type Channel } from '../contracts/message.js';
import { systemClock, type Clock } from '../core/clock.js';
import { assertNever } from '../rules/verdict.js';
import { AuditLog } from './audit-log.js';
import type { CaseView } from './case-view.js';
import { sqliteDispatchStore, type DispatchStore } from './dispatch-store.js';
import type { HumanChannel } from './human-channel.js';
import { AlertPayloadSchema, AnswerPayloadSchema, AnswerUpdatePayloadSchema, backoffMs, type BackoffPolicy, type OutboxRow } from './outbox.js';

export type HumanChannels = Partial<Record<Channel, HumanChannel>>;

export interface OutboxDispatcherOptions {
  /** The SQLite database whose outbox this drains; or `store`, another engine's (PostgreSQL: pg-dispatch-store.ts). */
  readonly db?: Database.Database;
  readonly store?: DispatchStore;
  /** The platforms to deliver to; each is also a compliance channel. */
  readonly channels: HumanChannels;
  readonly clock?: Clock;
  readonly backoff?: BackoffPolicy;
  /** After this many failed attempts a row is dead-lettered (and the audit log says so). */
  readonly maxAttempts?: number;
  readonly batchSize?: number;
  /** How long a row is held by the dispatcher working on it before another may take it. */
  readonly leaseMs?: number;
  /** The audit log to record dead letters in: the case service's, so its anchors cover them. Default: its own. */
  readonly audit?: AuditLog;
  /** Updates about answers a recorded rule status changed, per platform per minute at most; the rest wait. */
  readonly answerUpdatesPerMinute?: number;
  /** Told of every failed call (for logs); the dispatcher has already scheduled the retry. */
  readonly onError?: (err: unknown, context: { readonly key?: string; readonly channel?: Channel }) => void;
}

export interface DispatchReport {
  readonly done: number;
  readonly retrying: number;
  readonly dead: number;
}

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

interface Failure {
  readonly channel: Channel | undefined;
  readonly error: unknown;
}

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 15 * 60_000 };

function retryAfterOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('retryAfterMs' in err)) return undefined;
  const v = err.retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function isPermanent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'permanent' in err && err.permanent === true;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

class Unroutable extends Error {
  readonly permanent = true;
}

export class OutboxDispatcher {
  private readonly outbox: DispatchStore;
  private readonly clock: Clock;
  private readonly compliance: readonly Channel[];
  private running: Promise<DispatchReport> | undefined;
  /** When answer updates went out, per platform, for the per-minute limit. */
  private readonly updatesSent = new Map<Channel, number[]>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: OutboxDispatcherOptions) {
    if (options.store) this.outbox = options.store;
    else if (options.db) this.outbox = sqliteDispatchStore(options.db, options.audit ?? new AuditLog(options.db));
    else throw new Error('OutboxDispatcher needs a database or a dispatch store');
    this.clock = options.clock ?? systemClock;
    this.compliance = CHANNELS.filter((c) => options.channels[c] !== undefined);
    // With no channel a card "delivered to every channel" would be delivered nowhere and marked done.
    if (this.compliance.length === 0) throw new Error('OutboxDispatcher needs at least one HumanChannel');
  }

  /** Delivers every row due now. Concurrent calls share one run. */
  runOnce(): Promise<DispatchReport> {
    this.running ??= this.dispatchDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.options.onError?.(err, {}));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async dispatchDue(): Promise<DispatchReport> {
    const report = { done: 0, retrying: 0, dead: 0 };
    const due = await this.outbox.due(this.clock.now(), this.options.batchSize ?? 50);
    for (const candidate of due) {
      if (candidate.kind === 'answer_update' && this.overUpdateLimit(candidate)) continue;
      const row = await this.outbox.lease(candidate.id, this.clock.now(), this.options.leaseMs ?? 5 * 60_000);
      if (!row) continue;
      let failures: Failure[];
      try {
        failures = await this.deliver(row);
      } catch (error) {
        // A bad row (unreadable payload) must not stop the rows behind it; it retries and then dead-letters.
        failures = [{ channel: undefined, error }];
      }
      report[await this.settle(row, failures)]++;
    }
    return report;
  }

  /** Whether the platform of this answer update has had its updates for the last minute (it waits, unleased). */
  private overUpdateLimit(row: OutboxRow): boolean {
    const parsed = AnswerUpdatePayloadSchema.safeParse(JSON.parse(row.payload));
    if (!parsed.success) return false;
    const now = this.clock.now().getTime();
    const recent = (this.updatesSent.get(parsed.data.channel) ?? []).filter((t) => t > now - 60_000);
    this.updatesSent.set(parsed.data.channel, recent);
    return recent.length >= (this.options.answerUpdatesPerMinute ?? 20);
  }

  /**
   * Delivers the row a caller enqueued held (Outbox.enqueue's `heldMs`: already leased, first attempt counted),
   * right after its commit, instead of waiting for the next run; a failure is scheduled for retry as in a run.
   */
  async deliverHeld(key: string): Promise<keyof DispatchReport | undefined> {
    const row = await this.outbox.byKey(key);
    if (!row || row.state !== 'pending') return undefined;
    let failures: Failure[];
    try {
      failures = await this.deliver(row);
    } catch (error) {
      failures = [{ channel: undefined, error }];
    }
    return this.settle(row, failures);
  }

  private async deliverAnswerUpdate(row: OutboxRow): Promise<Failure[]> {
    const { updateId, channel } = AnswerUpdatePayloadSchema.parse(JSON.parse(row.payload));
    const update = await this.outbox.answerUpdate(updateId);
    if (!update) return [{ channel, error: new Unroutable(`no answer update ${updateId}`) }];
    const ch = this.options.channels[channel];
    if (!ch) return [{ channel, error: new Unroutable(`no HumanChannel registered for ${channel}`) }];
    if ((await this.outbox.deliveredChannels(row.id)).has(channel)) return [];
    const outcome = await this.attempt(() => ch.notifyAnswerChanged(update));
    if (!outcome.ok) return [{ channel, error: outcome.error }];
    await this.outbox.markDelivered(row.id, channel, null, this.clock.now());
    this.updatesSent.set(channel, [...(this.updatesSent.get(channel) ?? []), this.clock.now().getTime()]);
    return [];
  }

  private async deliverAnswer(row: OutboxRow): Promise<Failure[]> {
    const { channel, post } = AnswerPayloadSchema.parse(JSON.parse(row.payload));
    const postAnswer = this.options.channels[channel]?.postAnswer?.bind(this.options.channels[channel]);
    if (!postAnswer) return [{ channel, error: new Unroutable(`no HumanChannel posting answers for ${channel}`) }];
    const outcome = await this.attempt(() => postAnswer(post));
    return outcome.ok ? [] : [{ channel, error: outcome.error }];
  }

  private async settle(row: OutboxRow, failures: readonly Failure[]): Promise<keyof DispatchReport> {
    const now = this.clock.now();
    if (failures.length === 0) {
      await this.outbox.complete(row.id, now);
      return 'done';
    }
    for (const f of failures) this.options.onError?.(f.error, { key: row.key, ...(f.channel ? { channel: f.channel } : {}) });
    const message = failures.map((f) => `${f.channel ?? '-'}: ${errorText(f.error)}`).join('; ');
    const waits = failures.map((f) => retryAfterOf(f.error));
    const rateLimited = waits.every((w) => w !== undefined);
    const permanent = failures.some((f) => isPermanent(f.error));
    if (permanent || (!rateLimited && row.attempts >= (this.options.maxAttempts ?? 12))) {
      await this.outbox.kill(row.id, now, message, {
        kind: 'alert', actor: 'system', at: now,
        payload: { type: 'outbox_dead', key: row.key, outboxKind: row.kind, attempts: row.attempts, error: message },
      });
      return 'dead';
    }
    // The platform's Retry-After wins over our own schedule: it knows when it will take calls again.
    const asked = Math.max(0, ...waits.map((w) => w ?? 0));
    const wait = waits.some((w) => w !== undefined) ? asked : backoffMs(row.attempts, this.options.backoff ?? DEFAULT_BACKOFF);
    await this.outbox.retryAt(row.id, now.getTime() + wait, message, !rateLimited);
    return 'retrying';
  }

  private async deliver(row: OutboxRow): Promise<Failure[]> {
    const kind = row.kind;
    switch (kind) {
      case 'alert': {
        const { text } = AlertPayloadSchema.parse(JSON.parse(row.payload));
        return this.toCompliance(row, (ch) => ch.postAlert(text, row.key).then(() => null));
      }
      case 'post_case':
      case 'reminder':
      case 'update_case':
      case 'notify_asker': {
        const view = row.case_num === null ? undefined : await this.outbox.caseView(row.case_num);
        if (!view || row.case_num === null) return [{ channel: undefined, error: new Unroutable(`no case for ${row.key}`) }];
        return this.deliverCase(row, kind, row.case_num, view);
      }
      case 'answer_update':
        return this.deliverAnswerUpdate(row);
      case 'answer':
        return this.deliverAnswer(row);
      default:
        return assertNever(kind, 'outbox kind');
    }
  }

  private async deliverCase(
    row: OutboxRow, kind: 'post_case' | 'reminder' | 'update_case' | 'notify_asker', caseNum: number, view: CaseView,
  ): Promise<Failure[]> {
    switch (kind) {
      case 'post_case':
        // A card already there (an update that ran while this post was waiting to retry) is not posted again.
        return this.toCompliance(row, async (ch, name) =>
          (await this.outbox.cards(caseNum, name)).length > 0 ? null : this.postCard(ch, name, caseNum, view));
      case 'reminder':
        // Someone picked the case up since the reminder was queued: nothing to remind about.
        if (view.state !== 'open' && view.state !== 'reopened') return [];
        return this.toCompliance(row, (ch, name) => this.postCard(ch, name, caseNum, view));
      case 'update_case':
        return this.toCompliance(row, async (ch, name) => {
          const refs = await this.outbox.cards(caseNum, name);
          if (refs.length === 0) return this.postCard(ch, name, caseNum, view);
          for (const ref of refs) await ch.updateCase(view, ref);
          return null;
        });
      case 'notify_asker': {
        // Reopened before we got to it: the decision is under review, so it is not sent.
        if (view.state !== 'resolved') return [];
        const target = view.replyTo.channel;
        const ch = this.options.channels[target];
        if (!ch) return [{ channel: target, error: new Unroutable(`no HumanChannel registered for ${target}`) }];
        if ((await this.outbox.deliveredChannels(row.id)).has(target)) return [];
        const outcome = await this.attempt(() => ch.notifyAsker(view));
        if (!outcome.ok) return [{ channel: target, error: outcome.error }];
        await this.outbox.markDelivered(row.id, target, null, this.clock.now());
        return [];
      }
      default:
        return assertNever(kind, 'case outbox kind');
    }
  }

  private async postCard(ch: HumanChannel, name: Channel, caseNum: number, view: CaseView): Promise<string> {
    const { ref } = await ch.postCase(view);
    await this.outbox.addCard(caseNum, name, ref, this.clock.now());
    return ref;
  }

  /** Runs `send` on every compliance channel the row has not reached yet, recording each success at once. */
  private async toCompliance(
    row: OutboxRow, send: (ch: HumanChannel, name: Channel) => Promise<string | null>,
  ): Promise<Failure[]> {
    const reached = await this.outbox.deliveredChannels(row.id);
    const failures: Failure[] = [];
    for (const name of this.compliance) {
      const ch = this.options.channels[name];
      if (!ch || reached.has(name)) continue;
      let ref: string | null = null;
      const outcome = await this.attempt(async () => {
        ref = await send(ch, name);
      });
      if (outcome.ok) await this.outbox.markDelivered(row.id, name, ref, this.clock.now());
      else failures.push({ channel: name, error: outcome.error });
    }
    return failures;
  }

  private async attempt(fn: () => Promise<void>): Promise<Outcome> {
    try {
      await fn();
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
