/**
 * One turn: the Message goes to the assistant, the Reply is kept (for Share, feedback and the App Home) and
 * rendered, and the rendering goes where the turn came from: the thread, the DM, or privately to the asker.
 */
import type { RespondFn } from '@slack/bolt';
import type { TurnOutcome } from '../../assistant/turn-pipeline.js';
import { encodeRef, threadOf, type ConversationRef } from './conversation-ref.js';
import { renderReply, type RenderableReply, type RenderOptions, type RenderedMessage } from './render-blocks.js';
import type { SlackContext } from './slack-context.js';
import { toMessage, type SlackTurn } from './to-message.js';

export type Delivery =
  /** Posted in the conversation for everyone in it. */
  | { readonly kind: 'post' }
  /** Shown only to the asker, through the request's response_url (works where Lodestone is not a member). */
  | { readonly kind: 'ephemeral'; readonly respond: RespondFn };

/**
 * `onCommitted`: told when the turn is on disk (or could not be), so an event's HTTP ack can wait for it: an
 * event Slack was told it delivered is then never lost to a crash, and one it was not told about is delivered again.
 */
export async function answerTurn(
  ctx: SlackContext, turn: SlackTurn, delivery: Delivery, preface?: RenderOptions['preface'], onCommitted?: () => void,
): Promise<void> {
  const userName = turn.userName ?? await ctx.names.get(turn.user);
  const message = toMessage({ ...turn, userName }, ctx.app.clock.now());
  const render = (reply: RenderableReply): RenderedMessage => renderReply(reply, {
    ref: encodeRef(turn.ref),
    turnId: message.id,
    shareable: delivery.kind === 'ephemeral',
    ...(preface ? { preface } : {}),
  });
  const thread_ts = threadOf(turn.ref);
  let outcome: TurnOutcome<void>;
  try {
    // The claim, the answer (with its audit records and any case), the stored turn and, for a post, the post
    // queued in the outbox commit together; the post is sent right after (retried by the outbox when it fails).
    outcome = await ctx.turns.run({
      message, deliveryKey: turn.dedupeKey, ...(onCommitted ? { onCommitted } : {}),
      row: { id: message.id, team: turn.team, user: turn.user, ref: encodeRef(turn.ref), question: turn.text },
      ...(delivery.kind === 'post' ? {
        post: {
          via: ctx.humanChannel,
          render: (reply) => ({ channel: turn.ref.channel, ...(thread_ts ? { thread_ts } : {}), ...render(reply) }),
        },
      } : {}),
    });
  } catch (err) {
    onCommitted?.();
    // The asker is told, rather than left waiting on an answer that will not come.
    ctx.log.error({ err, messageId: message.id }, 'answering a Slack message failed');
    await deliver(ctx, turn.ref, delivery, {
      text: 'Sorry, I could not answer that. Please try again, or ask the compliance team directly.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':warning: Sorry, I could not answer that. Please try again, or ask the compliance team directly.' } }],
    });
    return;
  }
  if (outcome.kind === 'duplicate') {
    ctx.app.metrics.duplicates.inc({ channel: 'slack' });
    ctx.log.debug({ key: turn.dedupeKey }, 'dropped a repeated Slack delivery');
    return;
  }
  // A response_url lives 30 minutes and takes five calls: a private answer is sent now, not queued.
  if (delivery.kind === 'ephemeral') await deliver(ctx, turn.ref, delivery, render(outcome.reply));
}

export async function deliver(ctx: SlackContext, ref: ConversationRef, delivery: Delivery, m: RenderedMessage): Promise<void> {
  if (delivery.kind === 'ephemeral') {
    await delivery.respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
    return;
  }
  const thread_ts = threadOf(ref);
  await ctx.client.chat.postMessage({ channel: ref.channel, ...(thread_ts ? { thread_ts } : {}), text: m.text, blocks: m.blocks, unfurl_links: false });
}
