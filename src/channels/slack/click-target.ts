/**
 * Where a click on an answer's button came from and where its answer goes. The conversation rides in the
 * block id (render-blocks.ts); it must name the channel the click came from, so a button can only continue a
 * conversation in its own channel.
 */
import type { RespondFn } from '@slack/bolt';
import type { Delivery } from './answer-turn.js';
import { decodeRef, type ConversationRef } from './conversation-ref.js';
import type { BlockActionBody } from './payloads.js';

export interface ClickTarget {
  readonly ref: ConversationRef;
  readonly delivery: Delivery;
  /** The message clicked, for deduplicating double clicks. */
  readonly messageTs: string;
}

export function clickTarget(body: BlockActionBody, respond: RespondFn | undefined): ClickTarget | undefined {
  const action = body.actions[0];
  const channel = body.container.channel_id ?? body.channel?.id;
  const messageTs = body.container.message_ts;
  if (!action || !channel || !messageTs) return undefined;
  const bar = action.block_id.indexOf('|');
  const ref = bar < 0 ? undefined : decodeRef(action.block_id.slice(bar + 1));
  if (!ref || ref.channel !== channel) return undefined;
  if (ref.kind === 'slash' && ref.user !== body.user.id) return undefined;
  const ephemeral = body.container.is_ephemeral === true || ref.kind === 'slash';
  if (ephemeral && !respond) return undefined;
  const delivery: Delivery = ephemeral && respond ? { kind: 'ephemeral', respond } : { kind: 'post' };
  return { ref, delivery, messageTs };
}
