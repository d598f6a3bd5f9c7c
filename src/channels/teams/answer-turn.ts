/**
 * Asks through the app's turn pipeline and answers in the turn's conversation with the Reply as a card. With a
 * delivery key, the claim commits with the answer: a repeat of the activity is not answered again.
 */
import { renderReplyCard } from './render-card.js';
import type { TeamsDeps } from './teams-deps.js';
import type { OutboundMessage, TeamsTurn } from './teams-port.js';
import { toMessage } from './to-message.js';

const SORRY = 'Sorry, I could not answer that just now. Please try again, or ask the compliance team directly.';

export async function answerTurn(deps: TeamsDeps, turn: TeamsTurn, text: string, deliveryKey?: string): Promise<void> {
  const { app } = deps;
  let message: OutboundMessage;
  try {
    const outcome = await app.turns.run({ message: toMessage(turn, text, app.clock.now()), deliveryKey });
    if (outcome.kind === 'duplicate') {
      app.metrics.duplicates.inc({ channel: 'teams' });
      app.logger.debug({ activityId: turn.activity.id }, 'teams: duplicate delivery dropped');
      return;
    }
    message = { card: renderReplyCard(outcome.reply), summary: outcome.reply.headline };
  } catch (err) {
    app.logger.error({ err, activityId: turn.activity.id }, 'teams: answering failed');
    message = { text: SORRY };
  }
  await turn.reply(message);
}
