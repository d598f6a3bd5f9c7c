/**
 * Where a Slack conversation lives, as a short string that rides in the block ids of the buttons Lodestone
 * sends, so a click (a follow-up answer, Escalate) continues the same conversation without any server-side state:
 *
 *   t:<channel>:<thread ts>   a thread in a channel, or a thread in a DM      slack:<team>:<channel>:<thread ts>
 *   d:<channel>               the top level of a DM with Lodestone            slack:<team>:<channel>
 *   s:<channel>:<user>        one user's /lodestone answers in a channel      slack:<team>:<channel>:slash:<user>
 *
 * The facts of a conversation accumulate under its key (the assistant's conversation store).
 */
import { z } from 'zod';

const Id = z.string().regex(/^[A-Z0-9_]{1,40}$/);
const Ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/);

export type ConversationRef =
  | { readonly kind: 'thread'; readonly channel: string; readonly threadTs: string }
  | { readonly kind: 'dm'; readonly channel: string }
  | { readonly kind: 'slash'; readonly channel: string; readonly user: string };

export function encodeRef(ref: ConversationRef): string {
  switch (ref.kind) {
    case 'thread':
      return `t:${ref.channel}:${ref.threadTs}`;
    case 'dm':
      return `d:${ref.channel}`;
    case 'slash':
      return `s:${ref.channel}:${ref.user}`;
  }
}

/** The ref in a string, or undefined when it is not one we wrote. */
export function decodeRef(s: string): ConversationRef | undefined {
  const [kind, a, b, ...rest] = s.split(':');
  if (rest.length > 0 || !Id.safeParse(a).success || a === undefined) return undefined;
  if (kind === 't' && b !== undefined && Ts.safeParse(b).success) return { kind: 'thread', channel: a, threadTs: b };
  if (kind === 'd' && b === undefined) return { kind: 'dm', channel: a };
  if (kind === 's' && b !== undefined && Id.safeParse(b).success) return { kind: 'slash', channel: a, user: b };
  return undefined;
}

export function conversationKey(team: string, ref: ConversationRef): string {
  switch (ref.kind) {
    case 'thread':
      return `slack:${team}:${ref.channel}:${ref.threadTs}`;
    case 'dm':
      return `slack:${team}:${ref.channel}`;
    case 'slash':
      return `slack:${team}:${ref.channel}:slash:${ref.user}`;
  }
}

/** DM channel ids start with D; mentions there arrive as message.im and must not be answered twice. */
export function isDmChannel(channel: string): boolean {
  return channel.startsWith('D');
}

/** The ref of a message event: its thread, or for a top-level DM message the DM itself. */
export function refOfMessage(channel: string, ts: string, threadTs: string | undefined, dm: boolean): ConversationRef {
  if (threadTs !== undefined) return { kind: 'thread', channel, threadTs };
  return dm ? { kind: 'dm', channel } : { kind: 'thread', channel, threadTs: ts };
}

/** The thread a reply to this conversation goes in, if any. */
export function threadOf(ref: ConversationRef): string | undefined {
  return ref.kind === 'thread' ? ref.threadTs : undefined;
}
