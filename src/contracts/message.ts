/** A chat message as every channel hands it to the assistant. */
import { z } from 'zod';
import { wellFormed } from '../core/well-formed.js';

export const CHANNELS = ['slack', 'teams', 'web', 'cli'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * What a person typed, as a channel takes it in: any length. The assistant reads the first MAX_INPUT_CHARS and says
 * how long the message was (reply.inputNote), for every channel alike; a length bound in a channel's schema would
 * drop a long message (or read it as empty) instead. Each channel's request-body limit bounds it.
 */
export const TypedTextSchema = z.string();

export const MessageSchema = z.object({
  /** Platform message id (Slack event id, Teams activity id, web request id); used to deduplicate deliveries. */
  id: z.string().min(1).max(200),
  text: z.string(),
  /** Platform user id, e.g. Slack U123, Teams AAD object id, web session user. */
  user: z.string().min(1).max(200),
  userName: z.string().max(200).optional(),
  /** The conversation the facts accumulate in: a Slack thread, a Teams conversation, a web session. */
  conversation: z.string().min(1).max(500),
  channel: ChannelSchema,
  receivedAt: z.date(),
  /** Date the rules are applied as of (YYYY-MM-DD); defaults to the day received. */
  asOf: z.string().optional(),
  /** What the channel needs to answer later in the same place (thread ts, Teams conversation reference). */
  replyTo: z.looseObject({ threadRef: z.string().max(500).optional(), serviceUrl: z.string().max(1000).optional() }).optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/**
 * The one way a channel builds the Message it hands on: every text field made well-formed (core/well-formed.ts says
 * why), so what is answered, stored and audited is the same string.
 */
export function newMessage(m: Message): Message {
  return {
    ...m,
    id: wellFormed(m.id),
    text: wellFormed(m.text),
    user: wellFormed(m.user),
    ...(m.userName === undefined ? {} : { userName: wellFormed(m.userName) }),
    conversation: wellFormed(m.conversation),
  };
}
