/**
 * message activities: a card's Action.Submit (a message carrying `value`), the officers' compliance-channel
 * command, or a question for the assistant.
 */
import { parseSubmit } from '../card-actions.js';
import { answerTurn } from '../answer-turn.js';
import type { TeamsDeps } from '../teams-deps.js';
import type { TeamsTurn } from '../teams-port.js';
import { fileAttachment, screenAttachment } from '../screen-attachment.js';
import { runCardAction } from './card-action.js';
import { readStatusDeskSubmit } from '../status-desk-actions.js';
import { runStatusDeskAction } from './status-desk-action.js';
import { isComplianceCommand, setComplianceConversation } from './compliance-command.js';

/** True when the activity is a question for the assistant, whose delivery the turn pipeline claims itself. */
export function asksAssistant(a: TeamsTurn['activity']): boolean {
  return (a.value === undefined || a.value === null) && !isComplianceCommand(a.text) && fileAttachment(a) === undefined;
}

export async function onMessage(deps: TeamsDeps, turn: TeamsTurn, deliveryKey?: string): Promise<void> {
  const a = turn.activity;
  if (a.value !== undefined && a.value !== null) {
    const desk = readStatusDeskSubmit(a.value);
    if (desk) {
      const out = await runStatusDeskAction(deps, turn, desk);
      await turn.reply(out.kind === 'card' ? { card: out.card, summary: 'Rule status desk' } : { text: out.text });
      return;
    }
    const outcome = await runCardAction(deps, turn, parseSubmit(a.value));
    if (outcome.kind !== 'answered') await turn.reply({ text: outcome.text });
    return;
  }
  if (isComplianceCommand(a.text)) return setComplianceConversation(deps, turn);
  const file = fileAttachment(a);
  if (file) {
    return screenAttachment(deps, turn, file);
  }
  await answerTurn(deps, turn, a.text, deliveryKey);
}
