/**
 * The outbox as PgTurnPipeline posts answers through: queued held on the turn's connection (so it commits with the
 * answer), posted right after the commit by this instance; when this instance dies first, the hold ends and any
 * instance's dispatcher posts it, once (the outbox row's lease).
 */
import type pg from 'pg';
import type { HumanChannel } from '../../cases/human-channel.js';
import type { AnswerPayload } from '../../cases/outbox.js';
import { OutboxDispatcher } from '../../cases/outbox-dispatcher.js';
import { pgDispatchStore } from '../../cases/postgres/pg-dispatch-store.js';
import { PgOutboxQueue } from '../../cases/postgres/pg-outbox-queue.js';
import type { Channel } from '../../contracts/message.js';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { ANSWER_HOLD_MS, heldAnswerSender } from '../answer-queue.js';

export interface PgAnswerQueue {
  enqueue(client: pg.PoolClient, key: string, payload: AnswerPayload): Promise<void>;
  /** Sends the queued post now; a failure is left to the dispatchers' retries (never thrown). */
  send(key: string, channel: Channel, via: HumanChannel): Promise<void>;
}

export function pgAnswerQueue(deps: { pool: pg.Pool; clock: Clock; logger?: Logger; holdMs?: number }): PgAnswerQueue {
  const store = pgDispatchStore(deps.pool);
  return {
    async enqueue(client, key, payload) {
      await new PgOutboxQueue(client).enqueue({ kind: 'answer', key, payload }, deps.clock.now(), deps.holdMs ?? ANSWER_HOLD_MS);
    },
    send: heldAnswerSender((channel, via) => new OutboxDispatcher({
      store, channels: { [channel]: via }, clock: deps.clock,
      onError: (err, context) => deps.logger?.warn({ err, ...context }, 'posting an answer failed; the outbox will retry it'),
    }), deps.logger),
  };
}
