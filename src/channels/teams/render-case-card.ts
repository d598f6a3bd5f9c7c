/**
 * A case as the compliance team sees it in Teams: who asked what, the engine's preliminary view with its reasons
 * and sources, and, while it is undecided, Claim and Decide (verdict, note, reusable). Rendered from the case as
 * it is now, so a card posted late or updated is never stale.
 */
import { readAsText } from '../../assistant/read-as.js';
import type { CaseView } from '../../cases/case-view.js';
import { assertNever } from '../../rules/verdict.js';
import { cardData, DECIDE_INPUTS } from './card-actions.js';
import {
  bullets, card, citationLines, clip, container, factSet, heading, submit, text, verdictBadge, type Element,
} from './card-elements.js';
import type { AdaptiveCard } from './teams-port.js';

const MAX_QUESTION = 1_500;
const MAX_REASONS = 4;
const MAX_MISSING = 6;

export function renderCaseCard(c: CaseView): AdaptiveCard {
  const preliminary = verdictBadge(c.verdict)?.label ?? c.verdict;
  const body: Element[] = [
    container([
      text(`Compliance case ${c.id}`, { weight: 'bolder', size: 'medium' }),
      text(stateLine(c), { weight: 'bolder', color: c.state === 'resolved' ? 'good' : 'warning', spacing: 'none' }),
    ], 'emphasis'),
    factSet([
      ['Asked by', describeAsker(c)],
      ['Asked', c.createdAt.slice(0, 16).replace('T', ' ') + ' UTC'],
      ['Preliminary', preliminary],
      ['Rules', `${c.rulesVersion} as of ${c.decision.asOf}`],
    ]),
    heading('Question'),
    text(clip(c.question, MAX_QUESTION)),
    // The officer sees the question as Lodestone read it, the same line the asker was shown.
    text(clip(readAsText(c.facts), MAX_QUESTION), { subtle: true }),
    ...(c.decision.reasons.length > 0 ? [heading('Why it needs an officer'), ...bullets(c.decision.reasons.slice(0, MAX_REASONS))] : []),
    ...(c.decision.missing.length > 0 ? [heading('Not known'), ...bullets(capped(c.decision.missing.map((m) => m.label), MAX_MISSING))] : []),
    ...(c.decision.citations.length > 0 ? [heading('Sources'), ...citationLines(c.decision.citations)] : []),
    ...resolutionBlock(c),
  ];
  return card(body, actionsFor(c));
}

function stateLine(c: CaseView): string {
  switch (c.state) {
    case 'open':
      return 'Open: waiting for an officer';
    case 'reopened':
      return 'Reopened: decided once before, waiting for an officer';
    case 'claimed':
      return `Claimed by ${c.claimedBy?.name ?? c.claimedBy?.user ?? 'an officer'}`;
    case 'resolved': {
      const r = c.resolution;
      return r ? `Decided: ${verdictBadge(r.decision)?.label ?? r.decision}, by ${r.by.name ?? r.by.user}` : 'Decided';
    }
    default:
      return assertNever(c.state, 'case state');
  }
}

function actionsFor(c: CaseView): Element[] {
  switch (c.state) {
    case 'open':
    case 'reopened':
      return [submit('Claim', cardData.claim(c.id)), decideAction(c)];
    case 'claimed':
      return [decideAction(c)];
    case 'resolved':
      return [];
    default:
      return assertNever(c.state, 'case state');
  }
}

/** The decide form opens under the card, so the card stays short until an officer decides. */
function decideAction(c: CaseView): Element {
  return {
    type: 'Action.ShowCard',
    title: 'Decide',
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.ChoiceSet',
          id: DECIDE_INPUTS.verdict,
          label: 'Verdict',
          style: 'expanded',
          isRequired: true,
          errorMessage: 'Choose a verdict.',
          choices: [
            { title: 'Licence required', value: 'license_required' },
            { title: 'No licence required', value: 'not_required' },
            { title: 'Prohibited', value: 'prohibited' },
          ],
        },
        { type: 'Input.Text', id: DECIDE_INPUTS.note, label: 'Note for the asker', isMultiline: true, maxLength: 4_000 },
        {
          type: 'Input.Toggle',
          id: DECIDE_INPUTS.reusable,
          title: 'Answer the same facts under the same rules version from this decision',
          valueOn: 'true',
          valueOff: 'false',
          value: 'false',
        },
      ],
      actions: [submit('Submit decision', cardData.decide(c.id), 'positive')],
    },
  };
}

function resolutionBlock(c: CaseView): Element[] {
  const r = c.resolution;
  if (c.state !== 'resolved' || !r) return [];
  return [
    heading('Decision'),
    factSet([
      ['Verdict', verdictBadge(r.decision)?.label ?? r.decision],
      ['By', r.by.name ?? r.by.user],
      ['On', r.at.slice(0, 10)],
      ['Reusable', r.reusable ? 'yes' : 'no'],
    ]),
    ...(r.note ? [text(clip(r.note, MAX_QUESTION))] : []),
  ];
}

function capped(items: readonly string[], max: number): string[] {
  return items.length <= max ? [...items] : [...items.slice(0, max - 1), `and ${items.length - max + 1} more`];
}

function describeAsker(c: CaseView): string {
  return c.asker.name ? `${c.asker.name} (${c.asker.channel})` : `${c.asker.channel} user ${c.asker.user}`;
}
