/**
 * Questions typed to Lodestone: @mentions in channels (answered in the thread) and direct messages (answered
 * in the DM, or in the DM thread when asked in one). Bot messages, edits and other subtypes are not questions.
 */
import { EnvelopeSchema, DirectMessageEventSchema, MentionEventSchema } from './payloads.js';
import { answerTurn } from './answer-turn.js';
import { conversationKey, isDmChannel, refOfMessage } from './conversation-ref.js';
import type { SlackContext } from './slack-context.js';
import { slackText } from './to-message.js';

/** The app.dedupe key of an Events API delivery. */
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
    if (m.bot_id || m.subtype || isDmChannel(m.channel)) return;
    const ref = refOfMessage(m.channel, m.ts, m.thread_ts, false);
    const turn = {
      id: env.data.event_id, team: env.data.team_id, user: m.user, text: slackText(m.text, ctx.botUserId), ref,
      dedupeKey: eventKey(env.data.event_id),
    };
    ctx.queue.push(conversationKey(turn.team, ref), () => answerTurn(ctx, turn, { kind: 'post' }));
  });

  ctx.on.event('message', async ({ event, body }) => {
    const env = EnvelopeSchema.safeParse(body);
    const e = DirectMessageEventSchema.safeParse(event);
    if (!env.success || !e.success) return;
    const m = e.data;
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id !== undefined || m.edited !== undefined) return;
    if (m.user === undefined || m.text === undefined || m.user === ctx.botUserId) return;
    const ref = refOfMessage(m.channel, m.ts, m.thread_ts, true);
    const turn = {
      id: env.data.event_id, team: env.data.team_id, user: m.user, text: slackText(m.text, ctx.botUserId), ref,
      dedupeKey: eventKey(env.data.event_id),
    };
    ctx.queue.push(conversationKey(turn.team, ref), () => answerTurn(ctx, turn, { kind: 'post' }));
  }, 'message.im');
}
