/** The Decision of design §3, as a zod schema so every channel and the CLI can validate what they print. */
import { z } from 'zod';
import { VerdictSchema } from './verdict.js';

export const CitationSchema = z
  .object({
    source: z.string(),
    article: z.string().optional(),
    title: z.string().optional(),
    url: z.string().optional(),
  })
  .strict();
export type Citation = z.infer<typeof CitationSchema>;

export const ConditionCheckSchema = z.object({
  fact: z.string(),
  label: z.string(),
  op: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  result: z.enum(['true', 'false', 'unknown']),
});

export const RuleStatusKindSchema = z.enum(['in_force', 'not_yet', 'suspended', 'ended', 'status_unknown']);

export const RuleResultSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  match: z.enum(['true', 'false', 'unknown']),
  status: RuleStatusKindSchema,
  statusNote: z.string(),
  /** What this rule adds to the verdict, or null when it adds nothing. */
  contributes: VerdictSchema.nullable(),
  overriddenBy: z.string().nullable(),
  confirmed: z.boolean(),
  checks: z.array(ConditionCheckSchema),
  /** Facts that would settle this rule if known (empty unless `match` is unknown). */
  unknownFacts: z.array(z.string()),
});
export type RuleResult = z.infer<typeof RuleResultSchema>;

export const MissingFactSchema = z.object({
  fact: z.string(),
  label: z.string(),
  question: z.string(),
  choices: z.array(z.string()),
  forRules: z.array(z.string()),
});
export type MissingFact = z.infer<typeof MissingFactSchema>;

export const DecisionSchema = z.object({
  verdict: VerdictSchema,
  reasons: z.array(z.string()),
  citations: z.array(CitationSchema),
  /** Rules that added to the verdict. */
  fired: z.array(RuleResultSchema),
  /** Every rule evaluated, in file order. */
  trace: z.array(RuleResultSchema),
  missing: z.array(MissingFactSchema),
  nextSteps: z.array(z.string()),
  rulesVersion: z.string(),
  asOf: z.string(),
  /** Set when decided with only the instruments published by this day (a shipment on a later day than asked). */
  knownOn: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;
