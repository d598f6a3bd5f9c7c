/**
 * The ref a case card is known by in the outbox: where it was posted and its activity id, so it can still be
 * updated after the compliance conversation moves; or a placeholder for a case that waited for one.
 */
import { z } from 'zod';
import { ConversationRefSchema, type ConversationRef } from './teams-port.js';

export type CardRef =
  | { readonly kind: 'posted'; readonly to: ConversationRef; readonly activityId: string }
  | { readonly kind: 'deferred'; readonly caseId: string };

const StoredSchema = z.union([
  z.object({ to: ConversationRefSchema, activityId: z.string().min(1) }),
  z.object({ deferred: z.string().min(1) }),
]);

export function formatCardRef(ref: CardRef): string {
  return ref.kind === 'posted' ? JSON.stringify({ to: ref.to, activityId: ref.activityId }) : JSON.stringify({ deferred: ref.caseId });
}

export function parseCardRef(s: string): CardRef | undefined {
  let json: unknown;
  try {
    json = JSON.parse(s);
  } catch {
    return undefined;
  }
  const r = StoredSchema.safeParse(json);
  if (!r.success) return undefined;
  return 'deferred' in r.data
    ? { kind: 'deferred', caseId: r.data.deferred }
    : { kind: 'posted', to: r.data.to, activityId: r.data.activityId };
}
