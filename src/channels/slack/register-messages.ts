/**
 * Questions typed to Lodestone: @mentions in channels (answered in the thread) and direct messages (answered
 * in the DM, or in the DM thread when asked in one). Bot messages, edits and other subtypes are not questions.
 */
import { EnvelopeSchema, DirectMessageEventSchema, MentionEventSchema } from './payloads.js';
import { answerTurn } from './answer-turn.js';
import { screenSharedFile } from './screen-shared-file.js';
import { conversationKey, isDmChannel, refOfMessage } from './conversation-ref.js';
import type { SlackContext } from './slack-context.js';
import { slackText, type SlackTurn } from './to-message.js';

/** The delivery-claim key of an Events API delivery. */
export function eventKey(eventId: string): string {
  return `slack:event:${eventId}`;
}

export function registerMessages(ctx: SlackContext): void {
  ctx.on.event('app_mention', async ({ event, body }) => {
    const env = EnvelopeSchema.safeParse(body);
    const e = MentionEventSchema.safeParse(event);
    if (!env.success || !e.success) {
      ctx.log.warn({ issues: (env.error ?? e.error)?.issues.slice(0, 3) }, 'ignored a malformed app_mention');
      return;
    }
    const m = e.data;
    // A mention in a DM arrives as message.im too; that one answers it.
    if (m.bot_id || isDmChannel(m.channel)) return;
    // A file shared with a mention is a bill of materials to screen, answered in the file's thread.
    const [file] = m.files ?? [];
    if (file) {
      const shared = { eventId: env.data.event_id, team: env.data.team_id, user: m.user, channel: m.channel, threadTs: m.thread_ts ?? m.ts, file };
      ctx.queue.push(conversationKey(shared.team, { kind: 'thread', channel: m.channel, threadTs: shared.threadTs }), () => screenSharedFile(ctx, shared));
      return;
    }
    if (m.subtype) return;
    const ref = refOfMessage(m.channel, m.ts, m.thread_ts, false);
    const turn = {
      id: env.data.event_id, team: env.data.team_id, user: m.user, text: slackText(m.text, ctx.botUserId), ref,
      dedupeKey: eventKey(env.data.event_id),
    };
    await answerAfterAck(ctx, conversationKey(turn.team, ref), turn);
  });

  ctx.on.event('message', async ({ event, body }) => {
    const env = EnvelopeSchema.safeParse(body);
    const e = DirectMessageEventSchema.safeParse(event);
    if (!env.success || !e.success) return;
    const m = e.data;
    if (m.channel_type !== 'im' || m.bot_id !== undefined || m.edited !== undefined) return;
    if (m.user === undefined || m.user === ctx.botUserId) return;
    // A file shared in the DM is a bill of materials to screen, answered in a thread on the file's message.
    const [file] = m.subtype === 'file_share' ? m.files ?? [] : [];
    if (file) {
      const shared = { eventId: env.data.event_id, team: env.data.team_id, user: m.user, channel: m.channel, threadTs: m.thread_ts ?? m.ts, file };
      ctx.queue.push(conversationKey(shared.team, { kind: 'thread', channel: m.channel, threadTs: shared.threadTs }), () => screenSharedFile(ctx, shared));
      return;
    }
    if (m.subtype !== undefined || m.text === undefined) return;
    const ref = refOfMessage(m.channel, m.ts, m.thread_ts, true);
    const turn = {
      id: env.data.event_id, team: env.data.team_id, user: m.user, text: slackText(m.text, ctx.botUserId), ref,
      dedupeKey: eventKey(env.data.event_id),
    };
    await answerAfterAck(ctx, conversationKey(turn.team, ref), turn);
  }, 'message.im');
}

/**
 * Queues the turn in its conversation and returns once it has committed: the receiver sends the event's HTTP ack
 * only then (processBeforeResponse), so a crash before the commit leaves the event unacked and Slack delivers it
 * again. The post follows the commit, after the ack.
 */
async function answerAfterAck(ctx: SlackContext, key: string, turn: SlackTurn): Promise<void> {
  await new Promise<void>((committed) => {
    const job = async () => {
      try {
        await answerTurn(ctx, turn, { kind: 'post' }, undefined, committed);
      } finally {
        committed();
      }
    };
    if (!ctx.queue.push(key, job)) committed();
  });
}
