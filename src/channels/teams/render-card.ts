/**
 * A Reply as an Adaptive Card 1.5: the verdict band and headline, "I read this as" with its one-tap corrections,
 * the reasons, the next steps, the follow-up question with its answers as buttons, the sources as links, an
 * Escalate button, and the disclaimer. Pure: the same Reply always gives the same card.
 */
import type { Escalation, Reply } from '../../contracts/reply.js';
import { assertNever } from '../../rules/verdict.js';
import { correctionLabels } from '../read-as-corrections.js';
import { cardData } from './card-actions.js';
import {
  actionSet, bullets, card, citationLines, clip, container, heading, submit, text, verdictBadge, type Element,
} from './card-elements.js';
import type { AdaptiveCard } from './teams-port.js';

/** Teams shows at most six buttons on a card; one is kept for Escalate. */
const MAX_CHOICES = 5;
const MAX_TEXT = 2_000;
const MAX_TITLE = 60;

export function renderReplyCard(reply: Reply): AdaptiveCard {
  const badge = verdictBadge(reply.verdict);
  const top: Element[] = [
    ...(badge ? [text(badge.label.toUpperCase(), { weight: 'bolder', size: 'small', color: badge.color })] : []),
    text(clip(reply.headline, MAX_TEXT), { weight: 'bolder', size: 'medium' }),
  ];
  const followUp = reply.followUps[0];
  const choices = (followUp?.choices ?? []).slice(0, MAX_CHOICES);
  const note = noteFor(reply.escalation);
  // The talk-to-compliance reply already says it among its reasons.
  const escalationNote = note && !reply.reasons.includes(note) ? note : undefined;
  const body: Element[] = [
    container(top, badge?.style ?? 'emphasis'),
    ...readAs(reply, choices),
    ...bullets(reply.reasons.map((r) => clip(r, MAX_TEXT))),
    ...(reply.nextSteps.length > 0 ? [heading('Next steps'), ...bullets(reply.nextSteps)] : []),
    ...(followUp ? [text(clip(followUp.question, MAX_TEXT), { weight: 'bolder', spacing: 'medium' })] : []),
    ...(escalationNote ? [text(escalationNote, { italic: true, spacing: 'medium' })] : []),
    ...(reply.citations.length > 0 ? [heading('Sources'), ...citationLines(reply.citations)] : []),
    ...(reply.inputNote ? [text(reply.inputNote, { subtle: true, spacing: 'medium' })] : []),
    text(reply.disclaimer, { size: 'small', subtle: true, spacing: 'medium' }),
  ];
  const actions: Element[] = [
    ...choices.map((choice) => submit(clip(choice, MAX_TITLE), cardData.followup(choice))),
    ...(offersEscalation(reply.escalation) ? [submit('Ask a compliance officer', cardData.escalate())] : []),
  ];
  return card(body, actions);
}

/**
 * "I read this as …" and its corrections. A correction is sent back as its label, exactly as a follow-up answer
 * is; its buttons sit in the body beside the line, so they do not take the card's six action slots.
 */
function readAs(reply: Reply, choices: readonly string[]): Element[] {
  if (!reply.readAs) return [];
  const labels = correctionLabels(reply.readAs.corrections, choices);
  return [
    text(clip(reply.readAs.text, MAX_TEXT), { subtle: true, spacing: 'small' }),
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

function noteFor(e: Escalation): string | undefined {
  if (e.note) return e.note;
  return e.caseId && (e.state === 'opened' || e.state === 'existing' || e.state === 'claimed')
    ? `Case ${e.caseId} is with the compliance team.`
    : undefined;
}
