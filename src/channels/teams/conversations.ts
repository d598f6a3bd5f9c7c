/** Teams conversation ids: which one facts accumulate in, and where a new post starts. */
import { createHash } from 'node:crypto';
import type { ConversationRef, InboundActivity } from './teams-port.js';

const THREAD = ';messageid=';

/**
 * The conversation a question belongs to: the chat, or in a channel the thread (Teams puts the thread's root id
 * in the conversation id; if it ever does not, the reply chain id stands in).
 */
export function conversationKey(a: InboundActivity): string {
  const { id, conversationType } = a.conversation;
  const root = a.replyToId ?? a.id;
  const key = conversationType === 'channel' && !id.includes(THREAD) && root ? `${id}${THREAD}${root}` : id;
  return fit(key, 500);
}

/** Where a new post goes: a channel's top level rather than the thread an officer typed the command in. */
export function threadStart(ref: ConversationRef): ConversationRef {
  const { activityId: _activityId, user: _user, ...rest } = ref;
  const id = ref.conversation.conversationType === 'channel' ? ref.conversation.id.split(THREAD)[0] ?? ref.conversation.id : ref.conversation.id;
  return { ...rest, conversation: { ...ref.conversation, id } };
}

/** Keeps ids within the Message limits; a long one is replaced by its hash, which is as stable. */
export function fit(id: string, max: number): string {
  return id.length <= max ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}
