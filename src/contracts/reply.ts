/**
 * The channel-neutral answer (design §3). Renderers for Slack, Teams, the web and the CLI turn it into their own
 * payloads and add no logic of their own.
 */
import { z } from 'zod';
import { CitationSchema, RuleResultSchema } from '../rules/decision.js';
import { FrameSchema } from './frame.js';
import { FactsSchema } from '../rules/facts.js';
import { ReplyVerdictSchema } from '../rules/verdict.js';

export const INTENTS = [
  'part_license', 'collaboration_license', 'reexport_license', 'regulation_info', 'license_process',
  'talk_to_human', 'help', 'out_of_scope',
] as const;
export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

export const FollowUpSchema = z.object({
  fact: z.string(),
  question: z.string(),
  /** Answers a channel may offer as buttons; sending one back as text answers the question. */
  choices: z.array(z.string()),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A one-tap correction of a fact that decided the verdict: sending its label back applies the patch. */
export const CorrectionSchema = z.object({
  id: z.string(),
  label: z.string().min(1).max(75),
  patch: FactsSchema.partial(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

export const EscalationSchema = z.object({
  state: z.enum(['not_needed', 'offered', 'opened', 'existing', 'claimed', 'resolved']),
  caseId: z.string().optional(),
  note: z.string().optional(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

export const ReplySchema = z.object({
  headline: z.string().min(1),
  verdict: ReplyVerdictSchema,
  intent: z.object({ name: IntentSchema, confidence: z.number().min(0).max(1) }),
  reasons: z.array(z.string()),
  citations: z.array(CitationSchema),
  followUps: z.array(FollowUpSchema),
  nextSteps: z.array(z.string()),
  escalation: EscalationSchema,
  /** The rules that decided, with each condition's expected and actual value. */
  fired: z.array(RuleResultSchema),
  missing: z.array(z.string()),
  disclaimer: z.string(),
  rulesVersion: z.string(),
  asOf: z.string(),
  /** Set when the input was cut or refused (too long, empty). */
  inputNote: z.string().optional(),
  /** What this message was read as, and the facts (with the conversation's earlier ones) the rules decided on. */
  frame: FrameSchema.optional(),
  /** "I read this as …" from the facts decided on, with corrections for the facts that decided it. */
  readAs: z.object({ text: z.string().min(1), corrections: z.array(CorrectionSchema) }).optional(),
  facts: FactsSchema.optional(),
});
export type Reply = z.infer<typeof ReplySchema>;
