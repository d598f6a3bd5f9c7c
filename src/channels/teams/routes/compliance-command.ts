/**
 * "@Lodestone use this channel for compliance": an officer points case cards and alerts at this conversation.
 * Only officers may (and not at all in local mode unless TEAMS_LOCAL_OFFICER_ACTIONS), and the change is in the
 * audit log either way.
 */
import { actorId } from '../../../cases/case-service.js';
import { threadStart } from '../conversations.js';
import type { TeamsDeps } from '../teams-deps.js';
import type { TeamsTurn } from '../teams-port.js';
import { actorOf } from '../to-message.js';
import { LOCAL_MODE_REFUSAL, refuseInLocalMode } from './local-mode-refusal.js';

const COMMAND = /^(?:please\s+)?(?:use|make|set)\s+this\s+(?:channel|chat|conversation)\s+(?:for|as)\s+(?:the\s+)?compliance(?:\s+channel)?[.!]?$/i;

export function isComplianceCommand(text: string): boolean {
  return COMMAND.test(text.trim());
}

export async function setComplianceConversation(deps: TeamsDeps, turn: TeamsTurn): Promise<void> {
  const { app } = deps;
  const officer = actorOf(turn.activity);
  const now = app.clock.now();
  const target = threadStart(turn.reference);
  if (!deps.officerActions) {
    await refuseInLocalMode(deps, officer, { action: 'set_compliance_conversation', conversation: target.conversation.id });
    await turn.reply({ text: LOCAL_MODE_REFUSAL });
    return;
  }
  if (!app.desk.isOfficer(officer)) {
    await app.desk.audit({
      kind: 'refusal', actor: actorId(officer), at: now,
      payload: { action: 'set_compliance_conversation', channel: 'teams', conversation: target.conversation.id },
    });
    await turn.reply({ text: 'Only compliance officers can choose where compliance cases go.' });
    return;
  }
  await deps.settings.setComplianceConversation(target, officer, now);
  await app.desk.audit({
    kind: 'officer_action', actor: actorId(officer), at: now,
    payload: { action: 'set_compliance_conversation', channel: 'teams', conversation: target.conversation.id },
  });
  await turn.reply({ text: 'Done: compliance cases and alerts will be posted here from now on.' });
  let posted: number;
  try {
    posted = await deps.humanChannel.postDeferred();
  } catch (err) {
    // The rest go up at their next update or reminder; the setting itself stands.
    app.logger.warn({ err }, 'teams: posting deferred case cards failed');
    await turn.reply({ text: 'Some cases waiting for a compliance channel could not be posted yet; they will appear at their next update.' });
    return;
  }
  if (posted > 0) await turn.reply({ text: `${posted} case${posted === 1 ? '' : 's'} waiting for a compliance channel ${posted === 1 ? 'is' : 'are'} now posted here.` });
}
