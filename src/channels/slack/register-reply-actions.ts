/**
 * The buttons on an answer: a follow-up choice and a correction of "I read this as" (each sent as the clicker's
 * next turn in the same conversation; the assistant knows a correction by its label and decides again), Escalate
 * (asks for a compliance officer in the same conversation), Details (the answer's every reason, next steps and
 * source, to the clicker alone), helpful / not helpful, and Share in channel (posts a private answer for everyone). Every click is acked first.
 */
import type { RespondFn } from '@slack/bolt';
import { answerTurn } from './answer-turn.js';
import { clickTarget } from './click-target.js';
import { conversationKey } from './conversation-ref.js';
import { BlockActionSchema, ChoiceValueSchema, TurnIdValueSchema, teamOf, type BlockActionBody } from './payloads.js';
import { renderDetails, renderReply } from './render-blocks.js';
import type { SlackContext } from './slack-context.js';
import { ACTION, ESCALATE_TEXT } from './slack-ids.js';

const FOLLOW_UP = new RegExp(`^${ACTION.followupChoice}(:\\d+)*$`);
const CORRECTION = new RegExp(`^${ACTION.readAsCorrection}(:\\d+)?$`);

async function tell(respond: RespondFn | undefined, text: string): Promise<void> {
  await respond?.({ response_type: 'ephemeral', replace_original: false, text });
}

function parse(ctx: SlackContext, body: unknown): BlockActionBody | undefined {
  const b = BlockActionSchema.safeParse(body);
  if (!b.success) ctx.log.warn({ issues: b.error.issues.slice(0, 3) }, 'ignored a malformed block action');
  return b.success ? b.data : undefined;
}

export function registerReplyActions(ctx: SlackContext): void {
  const turnFromClick = (body: BlockActionBody, respond: RespondFn | undefined, text: string, dedupeKey: string, preface: string): void => {
    const target = clickTarget(body, respond);
    if (!target) {
      ctx.log.warn({ blockId: body.actions[0]?.block_id }, 'a click did not name a conversation in its own channel');
      void tell(respond, 'That button no longer works here; please type your answer instead.').catch(() => undefined);
      return;
    }
    const team = teamOf(body);
    const turn = {
      id: `click:${body.trigger_id}`, team, user: body.user.id, text, ref: target.ref,
      // A double click, or Slack delivering the click twice, answers once.
      dedupeKey: `slack:click:${target.ref.channel}:${target.messageTs}:${dedupeKey}:${body.user.id}`,
    };
    ctx.queue.push(conversationKey(team, target.ref), () => answerTurn(ctx, turn, target.delivery, { user: body.user.id, text: preface }));
  };

  ctx.on.action(ACTION.followupChoice, async ({ ack, body, respond }) => {
    await ack();
    const b = parse(ctx, body);
    const action = b?.actions[0];
    const choice = ChoiceValueSchema.safeParse(action?.value);
    if (!b || !action || !choice.success) return;
    turnFromClick(b, respond, choice.data, action.block_id, `answered “${choice.data}”`);
  }, FOLLOW_UP);

  ctx.on.action(ACTION.readAsCorrection, async ({ ack, body, respond }) => {
    await ack();
    const b = parse(ctx, body);
    const action = b?.actions[0];
    const label = ChoiceValueSchema.safeParse(action?.value);
    if (!b || !action || !label.success) return;
    // Keyed by the button, not the block: a second, different correction on the same answer still counts.
    turnFromClick(b, respond, label.data, action.action_id, `corrected the reading: “${label.data}”`);
  }, CORRECTION);

  ctx.on.action(ACTION.escalate, async ({ ack, body, respond }) => {
    await ack();
    const b = parse(ctx, body);
    if (!b) return;
    turnFromClick(b, respond, ESCALATE_TEXT, 'escalate', 'asked for a compliance officer');
  });

  for (const [actionId, helpful] of [[ACTION.helpful, true], [ACTION.notHelpful, false]] as const) {
    ctx.on.action(actionId, async ({ ack, body, respond }) => {
      await ack();
      const b = parse(ctx, body);
      const id = TurnIdValueSchema.safeParse(b?.actions[0]?.value);
      if (!b || !id.success) return;
      const t = await ctx.reads.feedback(id.data, b.user.id, helpful);
      if (!t) {
        await tell(respond, 'That answer is too old to rate now.');
        return;
      }
      ctx.log.info({ turnId: id.data, user: b.user.id, helpful, verdict: t.reply.verdict }, 'slack answer feedback');
      await tell(respond, helpful ? 'Thanks, glad it helped.' : 'Thanks for telling us. If you need a firm answer, use “Ask a compliance officer”.');
    });
  }

  ctx.on.action(ACTION.details, async ({ ack, body, respond }) => {
    await ack();
    const b = parse(ctx, body);
    const id = TurnIdValueSchema.safeParse(b?.actions[0]?.value);
    if (!b || !id.success) return;
    const t = await ctx.reads.turn(id.data);
    if (!t) {
      await tell(respond, 'That answer is too old to show its details now; ask again to get a fresh one.');
      return;
    }
    const details = renderDetails(t.reply);
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: details.text, blocks: details.blocks });
  });

  ctx.on.action(ACTION.share, async ({ ack, body, respond }) => {
    await ack();
    const b = parse(ctx, body);
    const id = TurnIdValueSchema.safeParse(b?.actions[0]?.value);
    if (!b || !id.success || !respond) return;
    const t = await ctx.reads.turn(id.data);
    // Only the asker shares their own answer; the ephemeral message is theirs alone anyway.
    if (!t || t.user !== b.user.id) {
      await tell(respond, 'That answer can no longer be shared; ask again to get a fresh one.');
      return;
    }
    const shared = renderReply(t.reply, { preface: { user: b.user.id, text: `asked Lodestone: “${t.question}”` } });
    await respond({ response_type: 'in_channel', replace_original: false, text: shared.text, blocks: shared.blocks });
    await respond({ delete_original: true });
  });
}
