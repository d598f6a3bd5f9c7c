/**
 * Slack text and ids into the channel-neutral Message. Pure: the clock's reading comes in as `receivedAt`.
 */
import { newMessage, type Message } from '../../contracts/message.js';
import { conversationKey, encodeRef, threadOf, type ConversationRef } from './conversation-ref.js';

/**
 * Slack's message markup back to what the person typed: the bot's mention removed, links and channel
 * references reduced to their text, and the `&amp; &lt; &gt;` escapes undone (after the markup is read, so an
 * escaped `&lt;@U1&gt;` typed by a person stays text).
 */
export function slackText(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9_]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? '' : `@${id}`))
    .replace(/<#[A-Z0-9_]+\|([^>]*)>/g, (_m, name: string) => `#${name}`)
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, (_m, name: string) => `@${name}`)
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, (_m, _url: string, label: string) => label)
    .replace(/<((?:https?|mailto):[^>]+)>/g, (_m, url: string) => url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SlackTurn {
  /** The delivery's stable id: the event id, or `cmd:`/`shortcut:`/`click:` and the trigger id. */
  readonly id: string;
  readonly team: string;
  readonly user: string;
  readonly userName?: string | undefined;
  readonly text: string;
  readonly ref: ConversationRef;
  /** Claimed (the delivery claim) in the same transaction as the answer: a repeat of this key is not answered again. */
  readonly dedupeKey?: string;
}

export function toMessage(turn: SlackTurn, receivedAt: Date): Message {
  const threadRef = threadOf(turn.ref);
  return newMessage({
    id: turn.id.slice(0, 200),
    text: turn.text,
    user: turn.user,
    ...(turn.userName ? { userName: turn.userName.slice(0, 200) } : {}),
    conversation: conversationKey(turn.team, turn.ref),
    channel: 'slack',
    receivedAt,
    replyTo: { ...(threadRef ? { threadRef } : {}), slackChannel: turn.ref.channel, slackRef: encodeRef(turn.ref) },
  });
}
