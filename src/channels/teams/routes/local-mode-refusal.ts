/**
 * Teams local (emulator) mode has no token, so an activity's `from` is whatever the caller wrote: officer actions
 * from it are refused (and audited) unless TEAMS_LOCAL_OFFICER_ACTIONS=true.
 */
import { actorId } from '../../../cases/case-service.js';
import type { Actor } from '../../../cases/case-view.js';
import type { TeamsDeps } from '../teams-deps.js';

/** Why an officer action from an unauthenticated (local-mode) activity is refused. */
export const LOCAL_MODE_REFUSAL =
  'Claiming and deciding cases, and choosing the compliance channel, are off in Teams local mode, where nothing proves ' +
  'who is asking. Use the compliance console, or set TEAMS_LOCAL_OFFICER_ACTIONS=true to try them in the Bot Framework Emulator.';

/** Audits an officer action refused because the endpoint runs unauthenticated. */
export function refuseInLocalMode(deps: TeamsDeps, actor: Actor, payload: { readonly action: string; readonly [k: string]: string }): Promise<void> {
  return deps.app.desk.audit({
    kind: 'refusal', actor: actorId(actor), at: deps.app.clock.now(),
    payload: { ...payload, channel: 'teams', reason: 'teams_local_mode' },
  });
}
