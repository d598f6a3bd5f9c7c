/**
 * Conversations on PostgreSQL, shared by the instances: a Slack thread's follow-up may land on another instance than
 * the question it follows, and must find the facts gathered so far. A turn first takes its conversation's lock
 * (a transaction-scoped advisory lock on the conversation key), so two turns of one conversation, on any instances,
 * run one after the other and never both start from the same state; turns of different conversations do not wait.
 */
import type pg from 'pg';
import { z } from 'zod';
import { CorrectionSchema, IntentSchema } from '../../contracts/reply.js';
import { FactsSchema } from '../../rules/facts.js';
import { ReplyVerdictSchema } from '../../rules/verdict.js';
import type { ConversationState, ConversationStore } from '../conversation-store.js';

const ConversationStateSchema = z.object({
  intent: IntentSchema,
  facts: FactsSchema,
  turns: z.array(z.string()),
  lastVerdict: ReplyVerdictSchema,
  missing: z.array(z.string()),
  asOf: z.string().optional(),
  shipOn: z.string().optional(),
  caseId: z.string().optional(),
  corrections: z.array(CorrectionSchema).optional(),
  updatedAt: z.number(),
});

const RowSchema = z.object({ state: z.string(), updated_at: z.number() });

/** Waits for, then holds until the transaction ends, the lock of `conversation`. */
export async function lockConversation(client: pg.PoolClient, conversation: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`conversation:${conversation}`]);
}

/** The conversation's state, unless it has been idle longer than `idleMs` (as the in-memory store forgets it). */
export async function loadConversation(client: pg.PoolClient, conversation: string, now: number, idleMs: number): Promise<ConversationState | undefined> {
  const r = await client.query('SELECT state, updated_at FROM conversations WHERE key = $1', [conversation]);
  if (r.rows[0] === undefined) return undefined;
  const row = RowSchema.parse(r.rows[0]);
  if (now - row.updated_at > idleMs) return undefined;
  return ConversationStateSchema.parse(JSON.parse(row.state));
}

export async function saveConversation(client: pg.PoolClient, conversation: string, state: ConversationState): Promise<void> {
  await client.query(
    `INSERT INTO conversations (key, state, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    [conversation, JSON.stringify(state), state.updatedAt],
  );
}

/** One turn's view of one conversation, for the assistant: the state loaded under the lock; the new state kept for commit. */
export class TurnConversation implements ConversationStore {
  private next: ConversationState | undefined;

  constructor(private readonly conversation: string, private readonly loaded: ConversationState | undefined) {}

  get(conversation: string): ConversationState | undefined {
    this.check(conversation);
    return this.next ?? this.loaded;
  }

  set(conversation: string, state: ConversationState): void {
    this.check(conversation);
    this.next = state;
  }

  /** The state to write, when the turn changed it. */
  get changed(): ConversationState | undefined {
    return this.next;
  }

  private check(conversation: string): void {
    if (conversation !== this.conversation) throw new Error(`a turn of conversation ${this.conversation} touched ${conversation}`);
  }
}
