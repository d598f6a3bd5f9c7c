/** A Teams turn as the channel-neutral Message the assistant takes. */
import { randomUUID } from 'node:crypto';
import { newMessage, type Message } from '../../contracts/message.js';
import { wellFormed } from '../../core/well-formed.js';
import type { Actor } from '../../cases/case-view.js';
import { conversationKey, fit } from './conversations.js';
import type { InboundActivity, TeamsTurn } from './teams-port.js';

export function toMessage(turn: TeamsTurn, text: string, receivedAt: Date): Message {
  const a = turn.activity;
  const name = a.from.name?.slice(0, 200);
  return newMessage({
    id: fit(a.id ?? randomUUID(), 200),
    text,
    user: userOf(a),
    ...(name ? { userName: name } : {}),
    conversation: conversationKey(a),
    channel: 'teams',
    receivedAt,
    // Everything needed to answer here later, proactively: the decision of a case comes back this way.
    replyTo: { serviceUrl: turn.reference.serviceUrl, reference: turn.reference },
  });
}

/** Officers are listed by their Entra (AAD) object id; the emulator has none, so its user id stands in. */
export function userOf(a: InboundActivity): string {
  return wellFormed(fit(a.from.aadObjectId ?? a.from.id, 200));
}

export function actorOf(a: InboundActivity): Actor {
  const name = a.from.name === undefined ? undefined : wellFormed(a.from.name.slice(0, 200));
  return { channel: 'teams', user: userOf(a), ...(name ? { name } : {}) };
}
