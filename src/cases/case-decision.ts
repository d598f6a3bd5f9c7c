/**
 * What a case keeps of the engine's preliminary decision: the verdict, the ids of the rules that fired, the
 * citations, the reasons and what was not known, on which day and under which rules version. Not the trace: it was
 * 45 KB a case, and it is the rules evaluated on the case's facts, so the console works it out again from the facts
 * while the rules version is the same (caseTrace). The audit log keeps its own complete records of the turn.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { evaluate } from '../rules/engine.js';
import { CitationSchema, DecisionSchema, type Decision, type RuleResult } from '../rules/decision.js';
import type { Facts } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import { VerdictSchema } from '../rules/verdict.js';

export const CaseDecisionSchema = z.object({
  verdict: VerdictSchema,
  reasons: z.array(z.string()),
  citations: z.array(CitationSchema),
  /** The rules that added to the verdict. */
  ruleIds: z.array(z.string()),
  missing: z.array(z.object({ fact: z.string(), label: z.string() })),
  rulesVersion: z.string(),
  asOf: z.string(),
  knownOn: z.string().optional(),
});
export type CaseDecision = z.infer<typeof CaseDecisionSchema>;

export function compactDecision(d: Decision): CaseDecision {
  return {
    verdict: d.verdict,
    reasons: d.reasons,
    citations: d.citations,
    ruleIds: d.fired.map((r) => r.ruleId),
    missing: d.missing.map((m) => ({ fact: m.fact, label: m.label })),
    rulesVersion: d.rulesVersion,
    asOf: d.asOf,
    ...(d.knownOn === undefined ? {} : { knownOn: d.knownOn }),
  };
}

/** A stored decision: compact, or the whole Decision a build before migration 5 wrote (read as compact). */
export const StoredDecisionSchema = z.union([CaseDecisionSchema, DecisionSchema.transform(compactDecision)]);

/**
 * The `cases.decision` column: deflated JSON (a BLOB, a third or more smaller: the reasons and citations repeat
 * the rules' wording). Rows written before hold the JSON as text; both are read.
 */
export function encodeStoredDecision(d: CaseDecision): Buffer {
  return deflateRawSync(JSON.stringify(d));
}

/** The column's JSON, from either form; unknown, for StoredDecisionSchema to check. */
export function decodeStoredDecision(column: unknown): unknown {
  if (column instanceof Uint8Array) return JSON.parse(inflateRawSync(column).toString('utf8'));
  if (typeof column === 'string') return JSON.parse(column);
  throw new TypeError(`a case decision column holds ${typeof column}, not JSON text or deflated JSON`);
}

/**
 * The full rule trace of a case's decision, evaluated again on its facts; undefined when the rules have changed
 * since (another version), because the trace of the old version would not be the one the case was decided on.
 */
export function caseTrace(rules: RuleSet, c: { readonly facts: Facts; readonly decision: CaseDecision }): RuleResult[] | undefined {
  if (rules.version !== c.decision.rulesVersion) return undefined;
  const { knownOn } = c.decision;
  return evaluate(rules, c.facts, c.decision.asOf, knownOn === undefined ? {} : { knownOn }).trace;
}
