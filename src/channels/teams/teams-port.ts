/**
 * What Lodestone needs from a Teams SDK, and nothing more: receive a delivery as a turn, reply in it, and send or
 * update messages proactively. botbuilder (archived upstream) sits behind this in botbuilder-port.ts, so replacing
 * it with another SDK is a change to that one file.
 */
import { z } from 'zod';

/** Descriptive fields: one that does not fit is dropped rather than refusing the whole reference. */
const descriptive = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Where a message goes: a Bot Framework ConversationReference, kept as plain JSON so it can be stored. */
export const ConversationRefSchema = z.object({
  serviceUrl: z.string().url().max(1000),
  channelId: z.string().min(1).max(100),
  conversation: z.object({
    id: z.string().min(1).max(1000),
    conversationType: descriptive(z.string().max(50)),
    tenantId: descriptive(z.string().max(200)),
    isGroup: descriptive(z.boolean()),
  }),
  bot: z.object({ id: z.string().min(1).max(300), name: descriptive(z.string().max(200)) }),
  user: descriptive(z.object({
    id: z.string().min(1).max(300), name: descriptive(z.string().max(200)), aadObjectId: descriptive(z.string().max(200)),
  })),
  /** The message to reply to; absent for a new message in the conversation. */
  activityId: descriptive(z.string().max(300)),
  locale: descriptive(z.string().max(50)),
});
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

/** An Adaptive Card as JSON. */
export type AdaptiveCard = { readonly type: 'AdaptiveCard'; readonly version: string } & Readonly<Record<string, unknown>>;

export interface OutboundMessage {
  readonly text?: string;
  readonly card?: AdaptiveCard;
  /** What notifications and the chat list show for a card. */
  readonly summary?: string;
}

export interface InboundActivity {
  readonly id: string | undefined;
  /** Bot Framework activity type: message, invoke, conversationUpdate, ... */
  readonly type: string;
  /** Invoke name, e.g. adaptiveCard/action. */
  readonly name: string | undefined;
  /** The text with the bot's @mention removed, trimmed. */
  readonly text: string;
  /** Card submit data (message) or invoke payload, unvalidated. */
  readonly value: unknown;
  readonly from: { readonly id: string; readonly aadObjectId: string | undefined; readonly name: string | undefined };
  readonly conversation: { readonly id: string; readonly conversationType: string | undefined };
  readonly replyToId: string | undefined;
  readonly serviceUrl: string;
  readonly channelId: string;
  /** Files and cards sent with the message (a file in a personal chat comes as a file.download.info), unvalidated. */
  readonly attachments: readonly InboundAttachment[];
}

export interface InboundAttachment {
  readonly contentType: string;
  readonly name: string | undefined;
  readonly content: unknown;
}

/** The body of an invoke response, for `invoke` activities (adaptiveCard/action). */
export type InvokeResult =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'card'; readonly card: AdaptiveCard }
  | { readonly kind: 'error'; readonly status: number; readonly message: string };

export interface TeamsTurn {
  readonly activity: InboundActivity;
  /** Where this turn came from, to answer here later. */
  readonly reference: ConversationRef;
  /** Replies in the turn's conversation (thread); returns the new activity id. */
  reply(message: OutboundMessage): Promise<string | undefined>;
  /** Sets what an invoke is answered with; ignored for other activity types. */
  respond(result: InvokeResult): void;
}

export interface DeliveryResult {
  readonly status: number;
  readonly body?: unknown;
}

export type TurnHandler = (turn: TeamsTurn) => Promise<void>;

export interface TeamsPort {
  /** Whether incoming requests must carry a valid Bot Framework token. */
  readonly authenticated: boolean;
  /**
   * One HTTP delivery to /api/messages: authenticates it (401 when that fails, before anything runs), runs the
   * handler, and says what to answer.
   */
  receive(authorization: string, body: unknown, handler: TurnHandler): Promise<DeliveryResult>;
  /** Sends a message proactively; returns its activity id. */
  send(to: ConversationRef, message: OutboundMessage): Promise<string>;
  /** Replaces a message sent earlier. */
  update(to: ConversationRef, activityId: string, message: OutboundMessage): Promise<void>;
}

/** A call to the Bot Connector failed; `status` is its HTTP status when it answered at all. */
export class TeamsSendError extends Error {
  override readonly name = 'TeamsSendError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
