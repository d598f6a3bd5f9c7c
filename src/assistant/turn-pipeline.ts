/**
 * The one turn pipeline every channel (Slack, Teams, the web, the CLI) answers through. In ONE transaction: claim
 * the delivery (its idempotency key), understand and decide, open or update the case, audit the question, the
 * answer and any escalation (all inside `answer`), write what the channel keeps of the turn (its transcript
 * row), and queue the answer's post in the outbox (Slack, Teams). Turns arriving together share that transaction
 * through the group commit (one fsync per batch under synchronous=FULL), each in its own savepoint. A crash
 * anywhere before the commit leaves none of it: no case without its question and answer records, and no claimed
 * delivery without its answer, so the retry is answered. After the commit the queued post is sent at once; when
 * that fails (or the process dies first) the outbox dispatcher retries the post, never the turn.
 */
import { randomUUID } from 'node:crypto';
import type { HumanChannel } from '../cases/human-channel.js';
import type { AnswerPayload } from '../cases/outbox.js';
import type { Channel, Message } from '../contracts/message.js';
import type { Reply } from '../contracts/reply.js';
import type { DedupeStore } from '../core/dedupe-store.js';
import type { GroupCommit } from '../core/group-commit.js';

/** How a channel that answers asynchronously has its answer posted: rendered in the turn, sent by its HumanChannel. */
export interface AnswerPosting<T> {
  /** The channel's own rendering of the answer, as its HumanChannel.postAnswer reads it back. */
  readonly render: (reply: Reply, kept: T | undefined) => unknown;
  /** Where the queued post is sent (also by the dispatcher on a retry). */
  readonly via: HumanChannel;
}

export interface TurnRequest<T> {
  readonly message: Message;
  /** The delivery's idempotency key, scoped by channel; a repeat of it is not answered again. None: always answered. */
  readonly deliveryKey?: string | undefined;
  /** The channel's own writes for this turn (its transcript row), committed with the answer. */
  readonly keep?: (reply: Reply) => T;
  /** For a repeat delivery: what the first delivery kept, so the channel can show that same answer again. */
  readonly replay?: () => T | undefined;
  /**
   * For a channel whose own row is unique per delivery key and kept at least as long as a claim would be (the web
   * transcript): whether that row exists. Given, it is the claim, and no claim row is written beside it.
   */
  readonly alreadyKept?: () => boolean;
  /** Post the answer through the outbox (queued in the turn's transaction, sent right after the commit). */
  readonly post?: AnswerPosting<T>;
  /** Told once the turn is on disk (answered or found a duplicate), before its post is sent: when a channel may ack. */
  readonly onCommitted?: () => void;
}

export type TurnOutcome<T> =
  | { readonly kind: 'answered'; readonly reply: Reply; readonly kept: T | undefined }
  | { readonly kind: 'duplicate'; readonly kept: T | undefined };

/** The outbox as the pipeline uses it: queue an answer's post in the transaction, send it after the commit. */
export interface AnswerQueue {
  enqueue(key: string, payload: AnswerPayload): void;
  /** Sends the queued post now; a failure is left to the dispatcher's retries (never thrown). */
  send(key: string, channel: Channel, via: HumanChannel): Promise<void>;
}

/**
 * A turn that keeps no channel row, on either engine: TurnPipeline and postgres/PgTurnPipeline both answer it, so a
 * channel that only posts its answer (Teams) takes this rather than one of them.
 */
export interface PostingTurns {
  run(request: {
    readonly message: Message;
    readonly deliveryKey?: string | undefined;
    readonly post?: AnswerPosting<undefined>;
    readonly onCommitted?: () => void;
  }): Promise<TurnOutcome<undefined>>;
}

export interface TurnPipelineDeps {
  readonly commits: GroupCommit;
  readonly deliveries: DedupeStore;
  /** Understands, decides, opens or updates the case and audits; its writes join the caller's transaction. */
  readonly answer: (message: Message) => Reply;
  /** Needed by channels that post their answers (TurnRequest.post). */
  readonly answers?: AnswerQueue;
}

export class TurnPipeline {
  constructor(private readonly deps: TurnPipelineDeps) {}

  /** Resolves once the turn has committed (never before: an acknowledged turn is on disk), and its post was tried. */
  async run<T = undefined>(request: TurnRequest<T>): Promise<TurnOutcome<T>> {
    const { post, message } = request;
    const answers = this.deps.answers;
    if (post && !answers) throw new Error('this turn pipeline has no outbox to post answers through');
    // Unique per delivery; a turn without a delivery key is answered every time, so each post is its own.
    const postKey = `answer:${message.channel}:${request.deliveryKey ?? randomUUID()}`;
    const outcome = await this.deps.commits.run((): TurnOutcome<T> => {
      if (request.deliveryKey !== undefined) {
        const repeat = request.alreadyKept ? request.alreadyKept() : !this.deps.deliveries.claim(request.deliveryKey);
        if (repeat) return { kind: 'duplicate', kept: request.replay?.() };
      }
      const reply = this.deps.answer(message);
      const kept = request.keep?.(reply);
      if (post && answers) answers.enqueue(postKey, { channel: message.channel, post: post.render(reply, kept) });
      return { kind: 'answered', reply, kept };
    });
    request.onCommitted?.();
    if (outcome.kind === 'answered' && post && answers) await answers.send(postKey, message.channel, post.via);
    return outcome;
  }
}
