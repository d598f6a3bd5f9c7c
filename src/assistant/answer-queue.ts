/**
 * The outbox as a turn pipeline posts answers through (turn-pipeline.ts's AnswerQueue): the answer is queued held in
 * the turn's transaction and posted right after its commit by a dispatcher per posting channel. SQLite's here;
 * PostgreSQL's in postgres/pg-answer-queue.ts, on the same dispatcher.
 */
import type Database from 'better-sqlite3';
import type { CaseService } from '../cases/case-service.js';
import type { HumanChannel } from '../cases/human-channel.js';
import { OutboxDispatcher } from '../cases/outbox-dispatcher.js';
import type { Channel } from '../contracts/message.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { AnswerQueue } from './turn-pipeline.js';

/**
 * How long a queued answer is left to the turn that queued it, which posts it right after its commit; only after
 * that does the dispatcher take it (that turn's process died, or its post is still hanging).
 */
export const ANSWER_HOLD_MS = 30_000;

/** Posts a held answer now; a failure is the dispatcher's to retry, and only its bookkeeping is logged here. */
export function heldAnswerSender(make: (channel: Channel, via: HumanChannel) => OutboxDispatcher, logger: Logger | undefined) {
  const senders = new Map<HumanChannel, OutboxDispatcher>();
  return async (key: string, channel: Channel, via: HumanChannel): Promise<void> => {
    let sender = senders.get(via);
    if (!sender) {
      sender = make(channel, via);
      senders.set(via, sender);
    }
    try {
      await sender.deliverHeld(key);
    } catch (err) {
      // The post itself is retried by the dispatcher; this is the bookkeeping after it failing (a busy database).
      logger?.error({ err, key }, 'could not record an answer\'s post; the outbox will take it after its hold');
    }
  };
}

export function sqliteAnswerQueue(deps: { db: Database.Database; cases: CaseService; clock: Clock; logger?: Logger }): AnswerQueue {
  return {
    enqueue(key, payload) {
      deps.cases.outbox.enqueue({ kind: 'answer', key, payload }, deps.clock.now(), ANSWER_HOLD_MS);
    },
    send: heldAnswerSender((channel, via) => new OutboxDispatcher({
      db: deps.db, channels: { [channel]: via }, clock: deps.clock, audit: deps.cases.audit,
      onError: (err, context) => deps.logger?.warn({ err, ...context }, 'posting an answer failed; the outbox will retry it'),
    }), deps.logger),
  };
}
