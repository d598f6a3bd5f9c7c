/**
 * Asks through the app's turn pipeline and answers in the turn's conversation with the Reply as a card. With a
 * delivery key, the claim commits with the answer: a repeat of the activity is not answered again. The card is
 * queued in the outbox in the turn's transaction and sent right after it; a failed send is retried by the outbox.
 */
import { renderReplyCard } from './render-card.js';
import type { TeamsDeps } from './teams-deps.js';
import type { TeamsAnswerPost } from './teams-human-channel.js';
import type { TeamsTurn } from './teams-port.js';
import { toMessage } from './to-message.js';

const SORRY = 'Sorry, I could not answer that just now. Please try again, or ask the compliance team directly.';

export async function answerTurn(deps: TeamsDeps, turn: TeamsTurn, text: string, deliveryKey?: string): Promise<void> {
  const { app } = deps;
  try {
    const outcome = await deps.turns.run({
      message: toMessage(turn, text, app.clock.now()), deliveryKey,
      post: {
        via: deps.humanChannel,
        render: (reply): TeamsAnswerPost => ({ to: turn.reference, message: { card: renderReplyCard(reply), summary: reply.headline } }),
      },
    });
    if (outcome.kind === 'duplicate') {
      app.metrics.duplicates.inc({ channel: 'teams' });
      app.logger.debug({ activityId: turn.activity.id }, 'teams: duplicate delivery dropped');
    }
  } catch (err) {
    app.logger.error({ err, activityId: turn.activity.id }, 'teams: answering failed');
    await turn.reply({ text: SORRY });
  }
}
