/**
 * The message shortcut "Ask Lodestone about this message": the message's text is the question, in the
 * conversation of its thread, answered privately to whoever used the shortcut.
 */
import { answerTurn } from './answer-turn.js';
import { conversationKey, isDmChannel, refOfMessage } from './conversation-ref.js';
import { MessageShortcutSchema } from './payloads.js';
import type { SlackContext } from './slack-context.js';
import { ASK_SHORTCUT } from './slack-ids.js';
import { slackText } from './to-message.js';

export function registerShortcut(ctx: SlackContext): void {
  ctx.on.messageShortcut(ASK_SHORTCUT, async ({ ack, body, respond }) => {
    await ack();
    const s = MessageShortcutSchema.safeParse(body);
    if (!s.success || !respond) {
      ctx.log.warn({ issues: s.error?.issues.slice(0, 3) }, 'ignored a malformed message shortcut');
      return;
    }
    const b = s.data;
    const ref = refOfMessage(b.channel.id, b.message.ts, b.message.thread_ts, isDmChannel(b.channel.id));
    const turn = {
      id: `shortcut:${b.trigger_id}`, team: b.team.id, user: b.user.id, text: slackText(b.message.text, ctx.botUserId), ref,
    };
    ctx.queue.push(conversationKey(turn.team, ref), () =>
      answerTurn(ctx, turn, { kind: 'ephemeral', respond }, { text: 'About this message:' }));
  });
}
