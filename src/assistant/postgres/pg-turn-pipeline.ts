/**
 * The turn pipeline on PostgreSQL (DATABASE_URL=postgres://…), the counterpart of turn-pipeline.ts, which runs each
 * turn in a savepoint of SQLite's group commit. Here a turn is one transaction on one pooled connection:
 *
 *   BEGIN
 *   claim the delivery (an INSERT the unique key decides: a retry on any instance finds it and is not answered)
 *   lock the conversation (turns of one conversation queue up; others do not wait), load it and its open cases
 *   answer: decide (the message was understood before BEGIN), synchronously, against a unit of work (postgres/pg-turn-cases.ts) that reads
 *     the snapshot and records every write; a read the snapshot lacks (a precedent, a case number) is loaded and
 *     the turn answered again from the start
 *   apply the writes: the case, its history and outbox post, the conversation, the channel's row (`keep`), and last
 *     the audit records, under the chain's head-row lock
 *   COMMIT
 *
 * A throw anywhere rolls all of it back, the claim with it, so the platform's retry is answered. The decision to
 * keep `Assistant.handle` synchronous and give it a unit of work, rather than make it asynchronous: the core stays
 * pure and I/O-free, SQLite keeps writing in place inside its group commit at no extra cost, and this engine reads
 * what it needs up front and writes in one burst at the end, holding locks for the shortest time.
 *
 * PostgreSQL refuses NUL characters (U+0000) in text, which SQLite stores: they are replaced by U+FFFD in the
 * message before the turn, so the question, the audit record, the case and the transcript all hold the same text.
 */
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Message } from '../../contracts/message.js';
import type { Reply } from '../../contracts/reply.js';
import type { Clock } from '../../core/clock.js';
import { inTransaction } from '../../cases/postgres/pg-database.js';
import { PgAuditChain } from '../../cases/postgres/pg-audit-chain.js';
import { PgDeliveryClaims } from '../../cases/postgres/pg-delivery-claims.js';
import { loadCaseSnapshot, withReads } from '../../cases/postgres/pg-turn-cases.js';
import type { Understander, Understanding } from '../../nlu/understand.js';
import type { CasesPort } from '../assistant.js';
import type { ConversationStore } from '../conversation-store.js';
import type { AnswerPosting, TurnOutcome } from '../turn-pipeline.js';
import type { PgAnswerQueue } from './pg-answer-queue.js';
import { MAX_INPUT_CHARS } from '../wording.js';
import { lockConversation, loadConversation, saveConversation, TurnConversation } from './pg-conversations.js';

export interface PgTurnRequest<T> {
  readonly message: Message;
  /** The delivery's idempotency key, scoped by channel; a repeat of it is not answered again. None: always answered. */
  readonly deliveryKey?: string | undefined;
  /** The channel's own writes for this turn, on the turn's connection, committed with the answer. */
  readonly keep?: (reply: Reply, client: pg.PoolClient) => Promise<T>;
  /** For a repeat delivery: what the first delivery kept. */
  readonly replay?: (client: pg.PoolClient) => Promise<T | undefined>;
  /** Post the answer through the outbox (queued held in the turn's transaction, sent by this instance after COMMIT). */
  readonly post?: AnswerPosting<T>;
  /** Told once the turn is committed (answered or found a duplicate), before its post is sent: when a channel may ack. */
  readonly onCommitted?: () => void;
}

/** The ports one turn's answer runs on: an assistant built on them answers the message. */
export interface TurnPorts {
  readonly cases: CasesPort;
  readonly conversations: ConversationStore;
  /** The app's understander, with this message already understood (before the transaction began). */
  readonly understander: Understander;
}

export interface PgTurnPipelineDeps {
  readonly pool: pg.Pool;
  readonly clock: Clock;
  readonly understander: Understander;
  /** Answers `message` on this turn's ports (an Assistant built on them), counting it. Must do no I/O of its own. */
  readonly answer: (message: Message, ports: TurnPorts) => Reply;
  /** How long a delivery key is remembered. Default 24 h. */
  readonly deliveryTtlMs?: number;
  /** A conversation idle this long starts afresh. Default 24 h, as the in-memory store. */
  readonly conversationIdleMs?: number;
  /** Needed by channels that post their answers (PgTurnRequest.post). */
  readonly answers?: PgAnswerQueue;
  /**
   * Brings what `answer` reads up to date with the database on the turn's connection, before it answers (the rule
   * status overlay another instance may have recorded to): a turn after a recording is decided on it.
   */
  readonly beforeAnswer?: (client: pg.PoolClient) => Promise<void>;
}

/**
 * Understanding is most of a turn's work and needs nothing from the database: it is done before the transaction, so
 * a turn holds its connection and its conversation's lock only for reading, deciding and writing, and answering it
 * again after a read costs little.
 */
function understoodAhead(understander: Understander, message: Message): Understander {
  const known = new Map<string, Understanding>();
  const text = message.text.trim();
  // The text as the assistant reads it (assistant.ts: trimmed, then cut at MAX_INPUT_CHARS).
  const read = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  if (read.length > 0) known.set(read, understander.understand(read));
  return {
    gloss: (t) => understander.gloss(t),
    understand(t) {
      const cached = known.get(t);
      if (cached) return cached;
      const u = understander.understand(t);
      known.set(t, u);
      return u;
    },
  };
}

export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

function messageWithoutNul(m: Message): Message {
  return {
    ...m, text: withoutNul(m.text), user: withoutNul(m.user), conversation: withoutNul(m.conversation),
    ...(m.userName === undefined ? {} : { userName: withoutNul(m.userName) }),
  };
}

export class PgTurnPipeline {
  private readonly claims: PgDeliveryClaims;
  private readonly audit: PgAuditChain;
  private readonly idleMs: number;

  constructor(private readonly deps: PgTurnPipelineDeps) {
    this.claims = new PgDeliveryClaims(deps.pool, deps.deliveryTtlMs ?? 24 * 3600_000, deps.clock);
    this.audit = new PgAuditChain(deps.pool);
    this.idleMs = deps.conversationIdleMs ?? 24 * 3600_000;
  }

  /** Resolves once the turn has committed (never before: an acknowledged turn is in the database), and its post was tried. */
  async run<T = undefined>(request: PgTurnRequest<T>): Promise<TurnOutcome<T>> {
    const { post } = request;
    const answers = this.deps.answers;
    if (post && !answers) throw new Error('this turn pipeline has no outbox to post answers through');
    // Unique per delivery, as on SQLite; a turn without a delivery key is answered every time, so each post is its own.
    const postKey = `answer:${request.message.channel}:${withoutNul(request.deliveryKey ?? randomUUID())}`;
    const outcome = await this.committed(request, post && answers ? { answers, post, key: postKey } : undefined);
    request.onCommitted?.();
    if (outcome.kind === 'answered' && post && answers) await answers.send(postKey, request.message.channel, post.via);
    return outcome;
  }

  private committed<T>(
    request: PgTurnRequest<T>, posting: { answers: PgAnswerQueue; post: AnswerPosting<T>; key: string } | undefined,
  ): Promise<TurnOutcome<T>> {
    const message = messageWithoutNul(request.message);
    const understander = understoodAhead(this.deps.understander, message);
    return inTransaction(this.deps.pool, async (client): Promise<TurnOutcome<T>> => {
      if (request.deliveryKey !== undefined && !(await this.claims.forClient(client).claim(withoutNul(request.deliveryKey)))) {
        return { kind: 'duplicate', kept: await request.replay?.(client) };
      }
      const key = `${message.channel}:${message.conversation}`;
      await lockConversation(client, key);
      const loaded = await loadConversation(client, key, this.deps.clock.now().getTime(), this.idleMs);
      const snapshot = await loadCaseSnapshot(client, key);
      await this.deps.beforeAnswer?.(client);
      const { cases, result: { reply, conversations } } = await withReads(client, snapshot, this.deps.clock, (unit) => {
        const turnConversations = new TurnConversation(message.conversation, loaded);
        return { reply: this.deps.answer(message, { cases: unit, conversations: turnConversations, understander }), conversations: turnConversations };
      });
      if (conversations.changed) await saveConversation(client, key, conversations.changed);
      const kept = await request.keep?.(reply, client);
      if (posting) await posting.answers.enqueue(client, posting.key, { channel: message.channel, post: posting.post.render(reply, kept) });
      await cases.apply(client, this.audit);
      return { kind: 'answered', reply, kept };
    });
  }
}
