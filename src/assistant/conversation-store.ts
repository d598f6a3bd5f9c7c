/**
 * What a conversation remembers between turns: the intent being answered, the facts gathered so far, and the
 * question Lodestone asked last. A port, so channels can keep it in memory (the default) or in a database.
 */
import type { Correction, Intent } from '../contracts/reply.js';
import type { Facts } from '../rules/facts.js';
import type { ReplyVerdict } from '../rules/verdict.js';

export interface ConversationState {
  readonly intent: Intent;
  readonly facts: Facts;
  readonly turns: readonly string[];
  readonly lastVerdict: ReplyVerdict;
  /** Facts the last reply asked for. */
  readonly missing: readonly string[];
  readonly asOf?: string;
  /** The day the goods move, when the conversation gave one after the day asked. */
  readonly shipOn?: string;
  readonly caseId?: string;
  /** The corrections the last reply offered: a message equal to one of their labels applies it. */
  readonly corrections?: readonly Correction[];
  readonly updatedAt: number;
}

export interface ConversationStore {
  get(conversation: string): ConversationState | undefined;
  set(conversation: string, state: ConversationState): void;
}

/** An in-memory store with a size bound and an idle expiry, oldest evicted first. */
export class MemoryConversationStore implements ConversationStore {
  private readonly map = new Map<string, ConversationState>();

  constructor(private readonly maxEntries = 10_000, private readonly idleMs = 24 * 3600_000, private readonly now = () => Date.now()) {}

  get(conversation: string): ConversationState | undefined {
    const s = this.map.get(conversation);
    if (!s) return undefined;
    if (this.now() - s.updatedAt > this.idleMs) {
      this.map.delete(conversation);
      return undefined;
    }
    return s;
  }

  set(conversation: string, state: ConversationState): void {
    this.map.delete(conversation);
    this.map.set(conversation, state);
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }
}
