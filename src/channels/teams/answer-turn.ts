/** Asks the assistant and answers in the turn's conversation with the Reply as a card. */
import { renderReplyCard } from './render-card.js';
import type { TeamsDeps } from './teams-deps.js';
import type { OutboundMessage, TeamsTurn } from './teams-port.js';
import { toMessage } from './to-message.js';

const SORRY = 'Sorry, I could not answer that just now. Please try again, or ask the compliance team directly.';

export async function answerTurn(deps: TeamsDeps, turn: TeamsTurn, text: string): Promise<void> {
  const { app } = deps;
  let message: OutboundMessage;
  try {
    const reply = app.answer(toMessage(turn, text, app.clock.now()));
    message = { card: renderReplyCard(reply), summary: reply.headline };
  } catch (err) {
    app.logger.error({ err, activityId: turn.activity.id }, 'teams: answering failed');
    message = { text: SORRY };
  }
  await turn.reply(message);
}
