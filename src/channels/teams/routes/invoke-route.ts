/**
 * invoke adaptiveCard/action (Action.Execute, Universal Actions): the same card actions, answered in the invoke
 * response. An officer's action returns the refreshed case card, which Teams swaps in place.
 */
import { assertNever } from '../../../rules/verdict.js';
import { parseInvoke } from '../card-actions.js';
import { renderCaseCard } from '../render-case-card.js';
import type { TeamsDeps } from '../teams-deps.js';
import type { TeamsTurn } from '../teams-port.js';
import { runCardAction } from './card-action.js';
import { readStatusDeskInvoke } from '../status-desk-actions.js';
import { runStatusDeskAction } from './status-desk-action.js';

export async function onCardInvoke(deps: TeamsDeps, turn: TeamsTurn): Promise<void> {
  // The status desk's steps answer with the next card (form, preview, outcome), which Teams swaps in place.
  const desk = readStatusDeskInvoke(turn.activity.value);
  if (desk) {
    const out = await runStatusDeskAction(deps, turn, desk);
    turn.respond(out.kind === 'card' ? { kind: 'card', card: out.card } : { kind: 'message', text: out.text });
    return;
  }
  const outcome = await runCardAction(deps, turn, parseInvoke(turn.activity.value));
  switch (outcome.kind) {
    case 'answered':
      turn.respond({ kind: 'message', text: 'Answered in the conversation.' });
      return;
    case 'notice':
      turn.respond({ kind: 'message', text: outcome.text });
      return;
    case 'case':
      turn.respond({ kind: 'card', card: renderCaseCard(outcome.view) });
      return;
    default:
      return assertNever(outcome, 'card action outcome');
  }
}
