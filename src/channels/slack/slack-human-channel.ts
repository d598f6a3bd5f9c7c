/**
 * The HumanChannel for Slack, called by the outbox dispatcher: case cards in SLACK_COMPLIANCE_CHANNEL (posted,
 * then updated in place as the case moves), the officer's decision in the asker's thread, and alerts.
 *
 * It uses its own Web API client that neither retries nor waits out a 429: the outbox owns retries, so a 429 is
 * thrown at once as a HumanChannelError carrying Slack's Retry-After (slack-errors.ts).
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { CaseView } from '../../cases/case-view.js';
import type { HumanChannel } from '../../cases/human-channel.js';
import { HumanChannelError } from '../../cases/human-channel.js';
import type { Logger } from '../../core/logger.js';
import { decodeRef } from './conversation-ref.js';
import { renderCaseCard, renderDecisionNotice } from './render-case.js';
import { renderHorizonAlert } from './render-status-desk.js';
import { parseHorizonAlertKey } from '../../cases/rules-horizon.js';
import { answerUpdateText, type AnswerUpdate } from '../../cases/answer-update.js';
import { platformError, toHumanChannelError } from './slack-errors.js';
import { LIMITS, fitMrkdwn } from './text-limits.js';

/** A card's ref is where it was posted: `<channel>:<ts>`. */
const CARD_REF = /^([A-Z0-9_]{1,40}):(\d{1,12}\.\d{1,8})$/;
/** Used when no compliance channel is configured: nothing was posted, so there is nothing to update. */
export const UNPOSTED_REF = 'unposted';

/** What a Slack conversation keeps in `Message.replyTo`, and so in `CaseView.replyTo`. */
export const SlackReplyToSchema = z.looseObject({
  user: z.string(),
  threadRef: z.string().optional(),
  slackChannel: z.string().regex(/^[A-Z0-9_]{1,40}$/).optional(),
  slackRef: z.string().optional(),
});

/**
 * A turn's answer as answer-turn.ts queues it in the outbox: where it goes and the rendered message. Blocks are
 * Slack's own JSON, made by render-blocks.ts in the same process version that posts them (or the next one).
 */
export const SlackAnswerPostSchema = z.object({
  channel: z.string().regex(/^[A-Z0-9_]{1,40}$/),
  thread_ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/).optional(),
  text: z.string(),
  blocks: z.array(z.looseObject({ type: z.string() })),
});
export type SlackAnswerPost = z.infer<typeof SlackAnswerPostSchema>;

/** Errors after which the asker is told by DM instead: Lodestone cannot post in that conversation any more. */
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export interface SlackHumanChannelOptions {
  readonly client: webApi.WebClient;
  readonly complianceChannel: string | undefined;
  readonly logger: Logger;
}

export class SlackHumanChannel implements HumanChannel {
  constructor(private readonly options: SlackHumanChannelOptions) {
    if (!options.complianceChannel) {
      options.logger.warn('SLACK_COMPLIANCE_CHANNEL is not set: cases are not posted in Slack (they are in the web console)');
    }
  }

  async postCase(c: CaseView): Promise<{ ref: string }> {
    const channel = this.options.complianceChannel;
    if (!channel) return { ref: UNPOSTED_REF };
    const card = renderCaseCard(c);
    const res = await this.call(`the card of ${c.id}`, () => this.options.client.chat.postMessage({ channel, ...card, unfurl_links: false }));
    if (typeof res.ts !== 'string') throw new HumanChannelError(`Slack posted the card of ${c.id} without a ts`);
    return { ref: `${typeof res.channel === 'string' ? res.channel : channel}:${res.ts}` };
  }

  async updateCase(c: CaseView, ref: string): Promise<void> {
    if (ref === UNPOSTED_REF) return;
    const [, channel, ts] = CARD_REF.exec(ref) ?? [];
    if (!channel || !ts) throw new HumanChannelError(`not a Slack card ref: ${ref}`, { permanent: true });
    const card = renderCaseCard(c);
    await this.call(`the card update of ${c.id}`, () => this.options.client.chat.update({ channel, ts, ...card }));
  }

  async notifyAsker(c: CaseView): Promise<void> {
    const to = SlackReplyToSchema.safeParse(c.replyTo);
    if (!to.success) throw new HumanChannelError(`case ${c.id} has no Slack conversation to answer in`, { permanent: true });
    const notice = renderDecisionNotice(c);
    const { channel, thread_ts } = destination(to.data);
    try {
      await this.options.client.chat.postMessage({ channel, ...(thread_ts ? { thread_ts } : {}), ...notice, unfurl_links: false });
    } catch (err) {
      const code = platformError(err);
      if (code === undefined || !UNREACHABLE.has(code) || channel === to.data.user) throw toHumanChannelError(err, `the decision of ${c.id}`);
      // The thread is out of reach (bot removed, channel archived): the asker still gets the decision, by DM.
      this.options.logger.warn({ caseId: c.id, code }, 'cannot answer in the asker\'s thread; sending the decision by DM');
      await this.call(`the decision of ${c.id} by DM`, () => this.options.client.chat.postMessage({ channel: to.data.user, ...notice }));
    }
  }

  async notifyAnswerChanged(u: AnswerUpdate): Promise<void> {
    const to = SlackReplyToSchema.safeParse(u.replyTo);
    if (!to.success) throw new HumanChannelError(`answer update ${u.id} has no Slack conversation to answer in`, { permanent: true });
    const { channel, thread_ts } = destination(to.data);
    const text = fitMrkdwn(answerUpdateText(u), LIMITS.fallbackText);
    await this.call(`the answer update ${u.id}`, () => this.options.client.chat.postMessage({ channel, ...(thread_ts ? { thread_ts } : {}), text, unfurl_links: false }));
  }

  async postAnswer(post: unknown): Promise<void> {
    const parsed = SlackAnswerPostSchema.safeParse(post);
    if (!parsed.success) throw new HumanChannelError('an unreadable Slack answer in the outbox', { permanent: true });
    const { channel, thread_ts, text, blocks } = parsed.data;
    await this.call('an answer', () => this.options.client.chat.postMessage({
      channel, ...(thread_ts ? { thread_ts } : {}), text, blocks, unfurl_links: false,
    }));
  }

  async postAlert(text: string, key: string): Promise<void> {
    const channel = this.options.complianceChannel;
    if (!channel) return;
    // A horizon alert carries the button officers record what followed with (register-status-desk.ts).
    const horizon = parseHorizonAlertKey(key);
    const message = horizon ? renderHorizonAlert(text, horizon.sourceId) : { text: `:warning: ${fitMrkdwn(text, LIMITS.fallbackText)}` };
    await this.call('an alert', () => this.options.client.chat.postMessage({ channel, ...message }));
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toHumanChannelError(err, what);
    }
  }
}

/** Where the decision goes: the thread it was asked in, the DM, or (for /lodestone, answered privately) a DM. */
export function destination(to: z.infer<typeof SlackReplyToSchema>): { channel: string; thread_ts?: string } {
  const ref = to.slackRef ? decodeRef(to.slackRef) : undefined;
  if (ref?.kind === 'thread') return { channel: ref.channel, thread_ts: ref.threadTs };
  if (ref?.kind === 'dm') return { channel: ref.channel };
  if (ref?.kind === 'slash') return { channel: to.user };
  if (to.slackChannel && to.threadRef) return { channel: to.slackChannel, thread_ts: to.threadRef };
  return { channel: to.user };
}
