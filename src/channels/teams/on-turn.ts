/**
 * Every turn starts here: drop deliveries already handled (Teams retries an activity it got no answer to within
 * 15 s), then route by activity type.
 */
import { assertNever } from '../../rules/verdict.js';
import { onCardInvoke } from './routes/invoke-route.js';
import { asksAssistant, onMessage } from './routes/message-route.js';
import type { TeamsDeps } from './teams-deps.js';
import type { InboundActivity, TurnHandler } from './teams-port.js';

type Route = 'message' | 'card_invoke' | 'ignored';

function routeOf(a: InboundActivity): Route {
  if (a.type === 'message') return 'message';
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action') return 'card_invoke';
  // conversationUpdate, installationUpdate, reactions, other invokes: nothing for Lodestone to do.
  return 'ignored';
}

export function createTurnHandler(deps: TeamsDeps): TurnHandler {
  return async (turn) => {
    const a = turn.activity;
    const route = routeOf(a);
    if (route === 'ignored') return;
    // Teams message ids are unique within a conversation (channel ones are timestamps), so the key has both.
    const key = a.id ? `teams:activity:${a.conversation.id}:${a.id}` : undefined;
    // A question claims its delivery in the turn pipeline, in the transaction that answers it; the rest here.
    const pipelineClaims = route === 'message' && asksAssistant(a);
    if (key && !pipelineClaims && !(await deps.app.deliveries.claim(key))) {
      deps.app.logger.debug({ activityId: a.id }, 'teams: duplicate delivery dropped');
      if (route === 'card_invoke') turn.respond({ kind: 'message', text: 'Already done.' });
      return;
    }
    try {
      switch (route) {
        case 'message':
          return await onMessage(deps, turn, pipelineClaims ? key : undefined);
        case 'card_invoke':
          return await onCardInvoke(deps, turn);
        default:
          return assertNever(route, 'route');
      }
    } catch (err) {
      // The answer never went out: let Teams' retry of this activity be handled rather than dropped.
      if (key) await deps.app.deliveries.release(key).catch(() => undefined);
      throw err;
    }
  };
}
