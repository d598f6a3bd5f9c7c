/**
 * What a button on one of our cards does, whichever way it arrived (Action.Submit as a message, or an
 * adaptiveCard/action invoke): a follow-up answer or Escalate asks the assistant; Claim and Decide go to the case
 * service, which refuses anyone who is not a compliance officer.
 */
import { CaseError, type CaseErrorCode } from '../../../cases/case-error.js';
import type { Actor, CaseView } from '../../../cases/case-view.js';
import { assertNever } from '../../../rules/verdict.js';
import { answerTurn } from '../answer-turn.js';
import type { ParsedCardAction } from '../card-actions.js';
import { verdictBadge } from '../card-elements.js';
import type { TeamsDeps } from '../teams-deps.js';
import type { TeamsTurn } from '../teams-port.js';
import { actorOf } from '../to-message.js';
import { LOCAL_MODE_REFUSAL, refuseInLocalMode } from './local-mode-refusal.js';

/** What Escalate says on the asker's behalf: the assistant's talk-to-a-human path opens the case. */
export const ESCALATE_TEXT = 'I would like to talk to a compliance officer about this.';

export type CardActionOutcome =
  /** The assistant's answer was posted in the conversation. */
  | { readonly kind: 'answered' }
  /** A short message: a confirmation is not needed, a refusal or a problem is. */
  | { readonly kind: 'notice'; readonly text: string }
  /** An officer acted on a case; the case as it is now. */
  | { readonly kind: 'case'; readonly view: CaseView; readonly text: string };

export async function runCardAction(deps: TeamsDeps, turn: TeamsTurn, parsed: ParsedCardAction): Promise<CardActionOutcome> {
  if (!parsed.ok) return { kind: 'notice', text: parsed.problem };
  const action = parsed.action;
  switch (action.action) {
    case 'followup':
      await answerTurn(deps, turn, action.text);
      return { kind: 'answered' };
    case 'escalate':
      await answerTurn(deps, turn, ESCALATE_TEXT);
      return { kind: 'answered' };
    case 'bom_escalate': {
      const out = await deps.app.bomUploads.escalate(action.upload, actorOf(turn.activity));
      switch (out.kind) {
        case 'refused':
          return { kind: 'notice', text: out.message };
        case 'opened':
          return { kind: 'notice', text: `Sent ${out.lines} ${out.lines === 1 ? 'line' : 'lines'} to the compliance team as case ${out.caseId}; the decision will be posted here.` };
        case 'existing':
          return { kind: 'notice', text: `These lines are already with the compliance team as case ${out.caseId}.` };
        default:
          return assertNever(out, 'escalation outcome');
      }
    }
    case 'claim':
      return officerAction(deps, turn, action, async (officer) => {
        const view = await deps.app.desk.claim(action.caseId, officer);
        return { view, text: `${nameOf(officer)} claimed case ${view.id}.` };
      });
    case 'decide':
      return officerAction(deps, turn, action, async (officer) => {
        const view = await deps.app.desk.decide(action.caseId, officer, { verdict: action.verdict, note: action.note, reusable: action.reusable });
        const label = verdictBadge(action.verdict)?.label ?? action.verdict;
        return { view, text: `${nameOf(officer)} decided case ${view.id}: ${label}. The asker is being told.` };
      });
    default:
      return assertNever(action, 'card action');
  }
}

async function officerAction(
  deps: TeamsDeps, turn: TeamsTurn, action: { readonly action: 'claim' | 'decide'; readonly caseId: string },
  act: (officer: Actor) => Promise<{ view: CaseView; text: string }>,
): Promise<CardActionOutcome> {
  const actor = actorOf(turn.activity);
  if (!deps.officerActions) {
    await refuseInLocalMode(deps, actor, { action: action.action, caseId: action.caseId });
    return { kind: 'notice', text: LOCAL_MODE_REFUSAL };
  }
  try {
    return { kind: 'case', ...(await act(actor)) };
  } catch (err) {
    if (err instanceof CaseError) return { kind: 'notice', text: refusal(err.code, err.message) };
    throw err;
  }
}

function refusal(code: CaseErrorCode, message: string): string {
  switch (code) {
    case 'not_officer':
      return 'Only compliance officers can claim or decide cases. Ask the compliance team if you think you should be one.';
    case 'not_found':
    case 'bad_state':
    case 'invalid':
      return `That did not go through: ${message}.`;
    default:
      return assertNever(code, 'case error code');
  }
}

function nameOf(a: Actor): string {
  return a.name ?? a.user;
}
