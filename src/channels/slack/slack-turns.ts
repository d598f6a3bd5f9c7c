/**
 * A Slack turn on either engine: answered through the app's turn pipeline with Slack's turn row (for Share, the App
 * Home and feedback) committed with the answer, and the answer's post queued in the same transaction. SQLite: the
 * group commit and SlackStore; PostgreSQL: PgTurnPipeline and PgSlackStore on the turn's connection. answer-turn.ts
 * sees only this port.
 */
import type { PgTurnPipeline } from '../../assistant/postgres/pg-turn-pipeline.js';
import type { AnswerPosting, TurnOutcome, TurnPipeline } from '../../assistant/turn-pipeline.js';
import type { Message } from '../../contracts/message.js';
import type { PgSlackStore } from '../postgres/pg-slack-store.js';
import type { NewTurn, SlackStore } from './slack-store.js';

export interface SlackTurnRequest {
  readonly message: Message;
  /** The event's idempotency key; none: always answered. */
  readonly deliveryKey: string | undefined;
  /** Slack's row of the turn, less the reply (the turn's answer). */
  readonly row: Omit<NewTurn, 'reply'>;
  readonly post?: AnswerPosting<void>;
  readonly onCommitted?: () => void;
}

export interface SlackTurns {
  run(request: SlackTurnRequest): Promise<TurnOutcome<void>>;
}

export function sqliteSlackTurns(turns: TurnPipeline, store: SlackStore): SlackTurns {
  return {
    run: ({ message, deliveryKey, row, post, onCommitted }) => turns.run<void>({
      message, deliveryKey, keep: (reply) => store.addTurn({ ...row, reply }),
      ...(post ? { post } : {}), ...(onCommitted ? { onCommitted } : {}),
    }),
  };
}

export function pgSlackTurns(turns: PgTurnPipeline, store: PgSlackStore): SlackTurns {
  return {
    run: ({ message, deliveryKey, row, post, onCommitted }) => turns.run<void>({
      message, deliveryKey, keep: (reply, client) => store.addTurn(client, { ...row, reply }),
      ...(post ? { post } : {}), ...(onCommitted ? { onCommitted } : {}),
    }),
  };
}
