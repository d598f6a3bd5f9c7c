/**
 * The one turn pipeline every channel (Slack, Teams, the web, the CLI) answers through. In ONE transaction: claim
 * the delivery (its idempotency key), understand and decide, open or update the case, audit the question, the
 * answer and any escalation (all inside `answer`), and write what the channel keeps of the turn (its transcript
 * row). Turns arriving together share that transaction through the group commit (one fsync per batch under
 * synchronous=FULL), each in its own savepoint. A crash anywhere before the commit leaves none of it: no case
 * without its question and answer records, and no claimed delivery without its answer, so the retry is answered.
 */
import type { Message } from '../contracts/message.js';
import type { Reply } from '../contracts/reply.js';
import type { DedupeStore } from '../core/dedupe-store.js';
import type { GroupCommit } from '../core/group-commit.js';

export interface TurnRequest<T> {
  readonly message: Message;
  /** The delivery's idempotency key, scoped by channel; a repeat of it is not answered again. None: always answered. */
  readonly deliveryKey?: string | undefined;
  /** The channel's own writes for this turn (its transcript row), committed with the answer. */
  readonly keep?: (reply: Reply) => T;
  /** For a repeat delivery: what the first delivery kept, so the channel can show that same answer again. */
  readonly replay?: () => T | undefined;
}

export type TurnOutcome<T> =
  | { readonly kind: 'answered'; readonly reply: Reply; readonly kept: T | undefined }
  | { readonly kind: 'duplicate'; readonly kept: T | undefined };

export interface TurnPipelineDeps {
  readonly commits: GroupCommit;
  readonly deliveries: DedupeStore;
  /** Understands, decides, opens or updates the case and audits; its writes join the caller's transaction. */
  readonly answer: (message: Message) => Reply;
}

export class TurnPipeline {
  constructor(private readonly deps: TurnPipelineDeps) {}

  /** Resolves once the turn has committed (never before: an acknowledged turn is on disk). */
  run<T = undefined>(request: TurnRequest<T>): Promise<TurnOutcome<T>> {
    return this.deps.commits.run((): TurnOutcome<T> => {
      if (request.deliveryKey !== undefined && !this.deps.deliveries.claim(request.deliveryKey)) {
        return { kind: 'duplicate', kept: request.replay?.() };
      }
      const reply = this.deps.answer(request.message);
      return { kind: 'answered', reply, kept: request.keep?.(reply) };
    });
  }
}
