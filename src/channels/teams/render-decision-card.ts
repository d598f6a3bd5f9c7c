/** The officer's decision as the asker gets it, in the conversation they asked in. */
import { disclaimer } from '../../assistant/wording.js';
import type { CaseView, Resolution } from '../../cases/case-view.js';
import { card, clip, container, factSet, heading, text, verdictBadge } from './card-elements.js';
import type { AdaptiveCard } from './teams-port.js';

export function renderDecisionCard(c: CaseView, r: Resolution): AdaptiveCard {
  const badge = verdictBadge(r.decision);
  return card([
    container([
      text((badge?.label ?? r.decision).toUpperCase(), { weight: 'bolder', size: 'small', color: badge?.color ?? 'default' }),
      text(`A compliance officer decided your question (case ${c.id}).`, { weight: 'bolder', size: 'medium' }),
    ], badge?.style ?? 'emphasis'),
    text(clip(c.question, 300), { italic: true, subtle: true }),
    ...(r.note ? [heading('Note from compliance'), text(clip(r.note, 2_000))] : []),
    factSet([
      ['Decided by', r.by.name ?? r.by.user],
      ['On', r.at.slice(0, 10)],
    ]),
    text(disclaimer(c.rulesVersion, c.decision.asOf), { size: 'small', subtle: true, spacing: 'medium' }),
  ]);
}

export function decisionSummary(c: CaseView, r: Resolution): string {
  return `Case ${c.id}: ${verdictBadge(r.decision)?.label ?? r.decision}`;
}
