/**
 * Cases in Teams: case cards and alerts in the compliance conversation, card updates, and the decision back in
 * the asker's conversation. Called only by the OutboxDispatcher, which retries; so every call just makes its
 * request and throws a HumanChannelError saying whether and when to retry.
 */
import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import { answerUpdateText, type AnswerUpdate } from '../../cases/answer-update.js';
import type { Logger } from '../../core/logger.js';
import type { CaseView } from '../../cases/case-view.js';
import { HumanChannelError, type HumanChannel } from '../../cases/human-channel.js';
import { assertNever } from '../../rules/verdict.js';
import { formatCardRef, parseCardRef } from './card-ref.js';
import { decisionSummary, renderDecisionCard } from './render-decision-card.js';
import { renderCaseCard } from './render-case-card.js';
import { renderHorizonAlertCard } from './render-status-desk-card.js';
import { parseHorizonAlertKey } from '../../cases/rules-horizon.js';
import type { Source } from '../../rules/schema.js';
import type { SharedChannelStores } from '../channel-store-ports.js';
import { ConversationRefSchema, TeamsSendError, type ConversationRef, type OutboundMessage, type TeamsPort } from './teams-port.js';

/** A turn's answer as answer-turn.ts queues it in the outbox: the turn's conversation and the rendered card. */
export const TeamsAnswerPostSchema = z.object({
  to: ConversationRefSchema,
  message: z.object({
    text: z.string().optional(),
    card: z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string() }).optional(),
    summary: z.string().optional(),
  }),
});
export type TeamsAnswerPost = z.infer<typeof TeamsAnswerPostSchema>;

export interface TeamsHumanChannelDeps {
  readonly port: TeamsPort;
  /** The compliance conversation and the cards deferred until there is one, on the app's engine. */
  readonly teams: SharedChannelStores['teams'];
  readonly clock: Clock;
  readonly logger: Logger;
  /** Reads a case as it is now, for cards posted late. */
  readonly getCase: (caseId: string) => Promise<CaseView | undefined>;
  /** The sources officers may cite when they record what followed a suspension (the horizon alert's form). */
  readonly sources?: () => Iterable<Source>;
}

export class TeamsHumanChannel implements HumanChannel {
  private saidNoCompliance = false;

  constructor(private readonly deps: TeamsHumanChannelDeps) {}

  async postCase(c: CaseView): Promise<{ ref: string }> {
    const to = await this.deps.teams.complianceConversation();
    if (!to) {
      // Not an error: Teams may not be where compliance works. The card goes up when an officer picks a place.
      await this.deps.teams.defer(c.id, this.deps.clock.now());
      this.deps.logger.info({ caseId: c.id }, 'teams: no compliance conversation set; case card deferred');
      return { ref: formatCardRef({ kind: 'deferred', caseId: c.id }) };
    }
    const ref = await this.post(to, c);
    // A reminder can post a case that was deferred before the officer's command posted it: that card is the one.
    await this.deps.teams.posted(c.id, ref, this.deps.clock.now());
    return { ref };
  }

  async updateCase(c: CaseView, ref: string): Promise<void> {
    const card = parseCardRef(ref);
    if (!card) throw new HumanChannelError(`unreadable Teams card ref for ${c.id}`, { permanent: true });
    switch (card.kind) {
      case 'posted':
        return this.send(() => this.deps.port.update(card.to, card.activityId, caseMessage(c)));
      case 'deferred': {
        const late = await this.deps.teams.postedRef(c.id);
        if (late) return this.updateCase(c, late);
        const to = await this.deps.teams.complianceConversation();
        if (to) await this.deps.teams.posted(c.id, await this.post(to, c), this.deps.clock.now());
        return;
      }
      default:
        return assertNever(card, 'card ref');
    }
  }

  async notifyAsker(c: CaseView): Promise<void> {
    const r = c.resolution;
    if (!r) throw new HumanChannelError(`${c.id} has no decision to send`, { permanent: true });
    const to = ConversationRefSchema.safeParse(c.replyTo.reference);
    if (!to.success) throw new HumanChannelError(`${c.id} has no Teams conversation to answer in`, { permanent: true });
    await this.send(() => this.deps.port.send(to.data, { card: renderDecisionCard(c, r), summary: decisionSummary(c, r) }));
  }

  async notifyAnswerChanged(u: AnswerUpdate): Promise<void> {
    const to = ConversationRefSchema.safeParse(u.replyTo.reference);
    if (!to.success) throw new HumanChannelError(`answer update ${u.id} has no Teams conversation to answer in`, { permanent: true });
    await this.send(() => this.deps.port.send(to.data, { text: answerUpdateText(u) }));
  }

  /** Answers in the turn's conversation, as a reply to the question (the reference's activityId). */
  async postAnswer(post: unknown): Promise<void> {
    const parsed = TeamsAnswerPostSchema.safeParse(post);
    if (!parsed.success) throw new HumanChannelError('an unreadable Teams answer in the outbox', { permanent: true });
    const { to, message } = parsed.data;
    await this.send(() => this.deps.port.send(to, message));
  }

  async postAlert(text: string, key: string): Promise<void> {
    const to = await this.deps.teams.complianceConversation();
    if (!to) {
      // Said once: with Teams unused, every rules-horizon alert would otherwise repeat the same warning.
      if (!this.saidNoCompliance) {
        this.saidNoCompliance = true;
        this.deps.logger.warn('teams: no compliance conversation, so alerts are not posted in Teams; an officer sets one by writing "@Lodestone use this channel for compliance" there');
      }
      this.deps.logger.debug({ key }, 'teams: alert not posted (no compliance conversation)');
      return;
    }
    // A horizon alert carries the form officers record what followed with (routes/status-desk-action.ts).
    const horizon = parseHorizonAlertKey(key);
    const message: OutboundMessage = horizon
      ? { card: renderHorizonAlertCard(text, horizon.sourceId, this.deps.sources?.() ?? []), summary: text.slice(0, 200) }
      : { text };
    await this.send(() => this.deps.port.send(to, message));
  }

  /** Posts the cards of still-open cases that waited for a compliance conversation; returns how many. */
  async postDeferred(): Promise<number> {
    const to = await this.deps.teams.complianceConversation();
    if (!to) return 0;
    let posted = 0;
    for (const caseId of await this.deps.teams.waiting()) {
      const c = await this.deps.getCase(caseId);
      // Decided meanwhile (in the web console, say): nothing left for Teams officers to do.
      if (!c || c.state === 'resolved') continue;
      await this.deps.teams.posted(caseId, await this.post(to, c), this.deps.clock.now());
      posted++;
    }
    return posted;
  }

  private async post(to: ConversationRef, c: CaseView): Promise<string> {
    let activityId = '';
    await this.send(async () => {
      activityId = await this.deps.port.send(to, caseMessage(c));
    });
    return formatCardRef({ kind: 'posted', to, activityId });
  }

  /** Connector failures as the dispatcher understands them: when to retry, and when retrying cannot help. */
  private async send(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof TeamsSendError)) throw err;
      const status = err.status;
      throw new HumanChannelError(err.message, {
        cause: err,
        ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
        // 400: the card itself is refused; 403/404: the bot was removed or the conversation or message is gone.
        permanent: status === 400 || status === 403 || status === 404,
      });
    }
  }
}

function caseMessage(c: CaseView): OutboundMessage {
  return { card: renderCaseCard(c), summary: `Compliance case ${c.id}` };
}
