/**
 * The shapes a case is shown in. `CaseView` is plain JSON (no Dates, no class instances) so renderers for
 * Slack, Teams and the web can use it as is, and so it survives a trip through the outbox.
 */
import { z } from 'zod';
import { ChannelSchema } from '../contracts/message.js';
import { CaseDecisionSchema } from './case-decision.js';
import { FactsSchema } from '../rules/facts.js';
import { VerdictSchema } from '../rules/verdict.js';

/** `reopened` behaves like `open` (waiting for an officer) but tells the officer it was decided once before. */
export const CASE_STATES = ['open', 'claimed', 'resolved', 'reopened'] as const;
export const CaseStateSchema = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof CaseStateSchema>;

/** What an officer may decide; `need_info` and `escalate` are the engine's, not an officer's, to give. */
export const OFFICER_DECISIONS = ['license_required', 'not_required', 'prohibited'] as const;
export const OfficerDecisionSchema = z.enum(OFFICER_DECISIONS);
export type OfficerDecision = z.infer<typeof OfficerDecisionSchema>;

/** A person on a platform: an asker or an officer. */
export const ActorSchema = z.object({
  channel: ChannelSchema,
  user: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Where the answer goes. Loose, so each platform can keep what it needs (a Teams conversation reference, say). */
export const ReplyToSchema = z.looseObject({
  channel: ChannelSchema,
  user: z.string().min(1).max(200),
  conversation: z.string().min(1).max(500),
  threadRef: z.string().max(500).optional(),
  serviceUrl: z.string().max(1000).optional(),
});
export type ReplyTo = z.infer<typeof ReplyToSchema>;

export const TurnSchema = z.object({
  from: z.enum(['user', 'assistant']),
  text: z.string(),
  at: z.string().optional(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const ResolutionSchema = z.object({
  decision: OfficerDecisionSchema,
  note: z.string(),
  by: ActorSchema,
  at: z.string(),
  /** The officer's word that the same facts under the same rules version may be answered from this decision. */
  reusable: z.boolean(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

export const CASE_ACTIONS = ['opened', 'claimed', 'decided', 'reopened', 'note', 'reminded'] as const;
export const CaseActionSchema = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof CaseActionSchema>;

export const HistoryEntrySchema = z.object({
  at: z.string(),
  action: CaseActionSchema,
  /** Null for system actions (reminders). */
  by: ActorSchema.nullable(),
  /** Null when there was none, or when it was redacted under the retention period. */
  note: z.string().nullable(),
  decision: OfficerDecisionSchema.optional(),
  reusable: z.boolean().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const CaseViewSchema = z.object({
  id: z.string(),
  state: CaseStateSchema,
  /** The question as asked; `[redacted]` after the retention period. */
  question: z.string(),
  turns: z.array(TurnSchema),
  facts: FactsSchema,
  factsKey: z.string(),
  /** The engine's preliminary decision, compact: the trace is worked out again from the facts (caseTrace). */
  decision: CaseDecisionSchema,
  /** The preliminary verdict (`decision.verdict`), repeated for renderers. */
  verdict: VerdictSchema,
  rulesVersion: z.string(),
  asker: ActorSchema,
  replyTo: ReplyToSchema,
  claimedBy: ActorSchema.nullable(),
  claimedAt: z.string().nullable(),
  resolution: ResolutionSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  redactedAt: z.string().nullable(),
  history: z.array(HistoryEntrySchema),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const PrecedentSchema = z.object({
  caseId: z.string(),
  decision: OfficerDecisionSchema,
  decidedAt: z.string(),
  decidedBy: ActorSchema,
  reusable: z.boolean(),
  rulesVersion: z.string(),
});
export type Precedent = z.infer<typeof PrecedentSchema>;
