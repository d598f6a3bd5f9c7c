/**
 * The web chat's turns on either engine: a post answered through the app's turn pipeline with its transcript row
 * committed with the answer (a repeat of its idempotency key, on any instance, gets the turn the first was answered
 * with), and the transcript read back. SQLite: the group commit and TranscriptStore; PostgreSQL: PgTurnPipeline and
 * PgTranscriptStore on the turn's connection. chat-routes.ts sees only this port.
 */
import { withoutNul, type PgTurnPipeline } from '../../assistant/postgres/pg-turn-pipeline.js';
import type { TurnOutcome, TurnPipeline } from '../../assistant/turn-pipeline.js';
import type { Message } from '../../contracts/message.js';
import type { PgTranscriptStore } from '../postgres/pg-transcript-store.js';
import type { TranscriptStore, Turn } from './transcript-store.js';

export interface ChatTurns {
  /** Answers `message` in `conversation`; `key` is the post's idempotency key (none: always answered). */
  ask(conversation: string, message: Message, key: string | undefined): Promise<TurnOutcome<Turn>>;
  /** The latest turns of a conversation, oldest first. */
  list(conversation: string): Promise<Turn[]>;
  deleteOlderThan(cutoff: Date): Promise<number>;
}

const deliveryKey = (conversation: string, key: string | undefined) => (key === undefined ? undefined : `web:${conversation}:${key}`);

export function sqliteChatTurns(turns: TurnPipeline, transcript: TranscriptStore): ChatTurns {
  return {
    ask: (conversation, message, key) => turns.run({
      message, deliveryKey: deliveryKey(conversation, key),
      keep: (reply) => transcript.add(conversation, message.text, reply, message.receivedAt, key),
      replay: () => (key === undefined ? undefined : transcript.byKey(conversation, key)),
      // The transcript row, unique per (conversation, key) and kept for the retention period, is the claim itself.
      alreadyKept: () => key !== undefined && transcript.hasKey(conversation, key),
    }),
    list: async (conversation) => transcript.list(conversation),
    deleteOlderThan: async (cutoff) => transcript.deleteOlderThan(cutoff),
  };
}

export function pgChatTurns(turns: PgTurnPipeline, transcript: PgTranscriptStore): ChatTurns {
  return {
    ask: (conversation, message, key) => turns.run({
      message, deliveryKey: deliveryKey(conversation, key),
      // The pipeline stores the text NUL-free (PostgreSQL refuses NUL); the transcript keeps that same text.
      keep: (reply, client) => transcript.add(client, conversation, withoutNul(message.text), reply, message.receivedAt, key),
      replay: async (client) => (key === undefined ? undefined : transcript.byKey(client, conversation, key)),
    }),
    list: (conversation) => transcript.list(conversation),
    deleteOlderThan: (cutoff) => transcript.deleteOlderThan(cutoff),
  };
}
