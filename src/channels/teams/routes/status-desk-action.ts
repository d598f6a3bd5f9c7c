/**
 * Officers record what followed a suspension from the horizon alert's card: the form is read (problems shown under
 * their fields on the card), previewed ("this will change N answers and M open cases"), and Confirm records
 * through the same status desk as the console, in the confirming officer's name. Every step checks the officer.
 * Both engines: the desk is the app's `ruleDesk` (SQLite's status desk, or PostgreSQL's, which re-decides the same way).
 */
import { actorId } from '../../../cases/case-service.js';
import { CaseError } from '../../../cases/case-error.js';
import type { Actor } from '../../../cases/case-view.js';
import { assertNever } from '../../../rules/verdict.js';
import { readStatusForm, recordedText } from '../../status-form.js';
import { renderStatusFormCard, renderStatusOutcomeCard, renderStatusPreviewCard } from '../render-status-desk-card.js';
import { formValuesOf, type ParsedStatusDeskAction, type StatusDeskAction } from '../status-desk-actions.js';
import type { TeamsDeps } from '../teams-deps.js';
import type { AdaptiveCard, TeamsTurn } from '../teams-port.js';
import { actorOf } from '../to-message.js';
import { refuseInLocalMode } from './local-mode-refusal.js';

export const NOT_OFFICER_STATUS_TEXT = 'Only compliance officers can record what followed a suspension. Your attempt has been recorded.';
export const LOCAL_MODE_STATUS_TEXT =
  'Recording a rule status is off in Teams local mode, where nothing proves who is asking. Use the console\'s rule status desk ' +
  '(/console/rules), or set TEAMS_LOCAL_OFFICER_ACTIONS=true to try it in the Bot Framework Emulator.';

export type StatusDeskOutcome =
  | { readonly kind: 'card'; readonly card: AdaptiveCard }
  | { readonly kind: 'notice'; readonly text: string };

function targetOf(action: StatusDeskAction): string {
  return action.action === 'status_record' ? action.record.target : action.target;
}

export async function runStatusDeskAction(deps: TeamsDeps, turn: TeamsTurn, parsed: ParsedStatusDeskAction): Promise<StatusDeskOutcome> {
  if (!parsed.ok) return { kind: 'notice', text: parsed.problem };
  const { app } = deps;
  const action = parsed.action;
  const actor = actorOf(turn.activity);
  if (!deps.officerActions) {
    await refuseInLocalMode(deps, actor, { action: 'record_status', target: targetOf(action) });
    return { kind: 'notice', text: LOCAL_MODE_STATUS_TEXT };
  }
  if (!app.desk.isOfficer(actor)) {
    await refuse(deps, actor, targetOf(action));
    return { kind: 'notice', text: NOT_OFFICER_STATUS_TEXT };
  }
  const by = `teams:${actor.user}`;
  const sources = app.rules.sources.values();
  switch (action.action) {
    case 'status_form':
      return { kind: 'card', card: renderStatusFormCard({ target: action.target, sources, values: formValuesOf(action) }) };
    case 'status_preview': {
      const values = formValuesOf(action);
      const form = readStatusForm(app.rules, action.target, by, values);
      if (!form.ok) return { kind: 'card', card: renderStatusFormCard({ target: action.target, sources, values, errors: form.errors }) };
      try {
        return { kind: 'card', card: renderStatusPreviewCard(form.record, await app.ruleDesk.preview(form.record), values) };
      } catch (err) {
        if (!(err instanceof CaseError)) throw err;
        return { kind: 'card', card: renderStatusFormCard({ target: action.target, sources, values, errors: { status: err.message } }) };
      }
    }
    case 'status_record': {
      // The record as previewed, but in the name of whoever confirms it.
      const record = { ...action.record, by };
      try {
        const outcome = await app.ruleDesk.record(record);
        return { kind: 'card', card: renderStatusOutcomeCard(outcome.kind === 'recorded' ? 'Recorded' : 'Already recorded', recordedText(outcome, record.target)) };
      } catch (err) {
        if (!(err instanceof CaseError)) throw err;
        return { kind: 'card', card: renderStatusOutcomeCard('Not recorded', err.message) };
      }
    }
    default:
      return assertNever(action, 'status desk action');
  }
}

/** Audited like a refused case action: someone tried to change the rules every answer is decided on. */
function refuse(deps: TeamsDeps, actor: Actor, target: string): Promise<void> {
  return deps.app.desk.audit({
    kind: 'refusal', actor: actorId(actor), at: deps.app.clock.now(),
    payload: { action: 'record_status', target, channel: 'teams', reason: 'not_officer' },
  });
}
