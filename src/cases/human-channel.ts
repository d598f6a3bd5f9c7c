/**
 * The port a platform (Slack, Teams, the web) implements so cases reach people: a card in the compliance channel,
 * updates to it, the answer in the asker's thread, and alerts. Calls come only from the OutboxDispatcher, which
 * retries on failure, so an implementation just makes the call and throws when it fails.
 */
import type { AnswerUpdate } from './answer-update.js';
import type { CaseView } from './case-view.js';

export interface HumanChannel {
  /** Posts a case card in the compliance channel; returns the platform message ref, so the card can be updated. */
  postCase(c: CaseView): Promise<{ ref: string }>;
  updateCase(c: CaseView, ref: string): Promise<void>;
  /** Tells the asker the officer's decision, in their thread (`c.replyTo`). */
  notifyAsker(c: CaseView): Promise<void>;
  /** Tells an asker that the answer they got has changed since a rule status was recorded, in their thread. */
  notifyAnswerChanged(update: AnswerUpdate): Promise<void>;
  /** Posts an alert in the compliance channel; `key` is stable per alert, for platforms that can deduplicate. */
  postAlert(text: string, key: string): Promise<void>;
  /**
   * Posts a turn's answer where it was asked: `post` is what this channel rendered and queued in the turn's
   * transaction (it validates it). Only channels that answer asynchronously (Slack, Teams) have it.
   */
  postAnswer?(post: unknown): Promise<void>;
}

/**
 * What an implementation throws to steer retries: `retryAfterMs` when the platform said when to come back
 * (HTTP 429 Retry-After), `permanent` when retrying cannot help (channel not found, bot removed).
 * Any error with a numeric `retryAfterMs` is honoured, whatever its class.
 */
export class HumanChannelError extends Error {
  readonly retryAfterMs: number | undefined;
  readonly permanent: boolean;

  constructor(message: string, options: { retryAfterMs?: number; permanent?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HumanChannelError';
    this.retryAfterMs = options.retryAfterMs;
    this.permanent = options.permanent ?? false;
  }
}
