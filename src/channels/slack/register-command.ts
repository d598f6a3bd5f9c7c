/**
 * `/lodestone <question>`: acked at once, answered privately (ephemeral, through the response_url) with a
 * "Share in channel" button. Each user's slash answers in a channel form one conversation, so a second
 * /lodestone can add the missing fact.
 */
import { answerTurn } from './answer-turn.js';
import { conversationKey } from './conversation-ref.js';
import { SlashCommandSchema } from './payloads.js';
import type { SlackContext } from './slack-context.js';
import { SLASH_COMMAND } from './slack-ids.js';
import { slackText } from './to-message.js';

export function registerCommand(ctx: SlackContext): void {
  ctx.on.command(SLASH_COMMAND, async ({ ack, body, respond }) => {
    await ack();
    const c = SlashCommandSchema.safeParse(body);
    if (!c.success) {
      ctx.log.warn({ issues: c.error.issues.slice(0, 3) }, 'ignored a malformed slash command');
      return;
    }
    const b = c.data;
    const ref = { kind: 'slash', channel: b.channel_id, user: b.user_id } as const;
    const turn = { id: `cmd:${b.trigger_id}`, team: b.team_id, user: b.user_id, text: slackText(b.text, ctx.botUserId), ref };
    ctx.queue.push(conversationKey(turn.team, ref), () => answerTurn(ctx, turn, { kind: 'ephemeral', respond }));
  });
}
