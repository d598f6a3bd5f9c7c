/**
 * A Reply as an Adaptive Card 1.5, in the shape every channel uses (reply-view.ts). At a glance: the verdict band
 * (an emoji and words, e.g. "⛔ PROHIBITED — Do not ship") and headline, "I read this as" with its one-tap
 * corrections, the one or two deciding reasons, the question with its answers as buttons, the case status and the
 * primary source. A "Details" toggle (Action.ToggleVisibility) opens every other reason, the facts still needed,
 * the next steps and every source. Then Escalate and the disclaimer. Pure: the same Reply always gives the same card.
 */
import type { Escalation, Reply } from '../../contracts/reply.js';
import { assertNever } from '../../rules/verdict.js';
import { replyView, type ReplyView, type VerdictIcon } from '../reply-view.js';
import { cardData } from './card-actions.js';
import {
  actionSet, bullets, card, citationLines, clip, container, heading, submit, text, verdictBadge, type Element,
} from './card-elements.js';
import type { AdaptiveCard } from './teams-port.js';

/** Teams shows at most six buttons on a card; one is kept for Escalate. */
const MAX_CHOICES = 5;
const MAX_TEXT = 2_000;
const MAX_TITLE = 60;
/** The hidden container the Details toggle shows; one reply per card, so the id is unique in it. */
export const DETAILS_ID = 'reply-details';

/** The view's icons as emoji, so licence required and prohibited differ in icon and words, not only colour. */
const EMOJI: Record<VerdictIcon, string> = {
  licence: '📄',
  stop: '⛔',
  check: '✅',
  officer: '👥',
  question: '❓',
  info: 'ℹ️',
};

export function renderReplyCard(reply: Reply): AdaptiveCard {
  const view = replyView(reply);
  const band = verdictBadge(reply.verdict);
  const top: Element[] = [
    ...(view.badge ? [text(`${EMOJI[view.badge.icon]} ${view.badge.label.toUpperCase()} — ${view.badge.action}`, { weight: 'bolder', size: 'small', ...(band ? { color: band.color } : {}) })] : []),
    text(clip(view.headline, MAX_TEXT), { weight: 'bolder', size: 'medium' }),
  ];
  const choices = (view.question?.choices ?? []).slice(0, MAX_CHOICES);
  const status = view.caseStatus;
  const statusNote = status ? status.note ?? (status.caseId ? `Case ${status.caseId} is with the compliance team.` : undefined) : undefined;
  const primary = view.primaryCitation ? citationLines([view.primaryCitation])[0] : undefined;
  const body: Element[] = [
    container(top, band?.style ?? 'emphasis'),
    ...readAs(view),
    ...(view.inputNote ? [text(view.inputNote, { subtle: true, spacing: 'small' })] : []),
    ...bullets(view.keyReasons.map((r) => clip(r, MAX_TEXT))),
    ...(view.question ? [text(clip(view.question.text, MAX_TEXT), { weight: 'bolder', spacing: 'medium' })] : []),
    ...(statusNote ? [text(statusNote, { italic: true, spacing: 'medium' })] : []),
    ...(primary ? [{ ...primary, text: `Source: ${String(primary.text)}`, spacing: 'medium' }] : []),
    ...details(view),
    text(view.disclaimer, { size: 'small', subtle: true, spacing: 'medium' }),
  ];
  const actions: Element[] = [
    ...choices.map((choice) => submit(clip(choice, MAX_TITLE), cardData.followup(choice))),
    ...(offersEscalation(reply.escalation) ? [submit('Ask a compliance officer', cardData.escalate())] : []),
  ];
  return card(body, actions);
}

/** The Details toggle and the hidden container it opens; nothing when the glance already shows everything. */
function details(view: ReplyView): Element[] {
  if (!view.hasDetails) return [];
  const d = view.details;
  const items: Element[] = [
    ...(d.reasons.length > 0 ? [heading('More reasons'), ...bullets(d.reasons.map((r) => clip(r, MAX_TEXT)))] : []),
    ...(d.missing.length > 0 ? [heading('Still needed'), ...bullets(d.missing)] : []),
    ...(d.nextSteps.length > 0 ? [heading('Next steps'), ...bullets(d.nextSteps.map((s) => clip(s, MAX_TEXT)))] : []),
    ...(d.citations.length > 0 ? [heading('Sources'), ...citationLines(d.citations)] : []),
  ];
  return [
    actionSet([{ type: 'Action.ToggleVisibility', title: 'Details', targetElements: [DETAILS_ID] }]),
    { type: 'Container', id: DETAILS_ID, isVisible: false, items },
  ];
}

/**
 * "I read this as …" and its corrections. A correction is sent back as its label, exactly as a follow-up answer
 * is; its buttons sit in the body beside the line, so they do not take the card's six action slots.
 */
function readAs(view: ReplyView): Element[] {
  if (!view.readAs) return [];
  const labels = view.readAs.corrections;
  return [
    text(clip(view.readAs.text, MAX_TEXT), { subtle: true, spacing: 'small' }),
    ...(labels.length > 0 ? [actionSet(labels.map((label) => submit(clip(label, MAX_TITLE), cardData.followup(label))))] : []),
  ];
}

/** Escalate is offered unless the question is already with compliance. */
function offersEscalation(e: Escalation): boolean {
  switch (e.state) {
    case 'not_needed':
    case 'offered':
    case 'resolved':
      return true;
    case 'opened':
    case 'existing':
    case 'claimed':
      return false;
    default:
      return assertNever(e.state, 'escalation state');
  }
}
