/** The scenario file format of `../shared/eval/README.md`, validated, and its four scores. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IntentSchema } from '../contracts/reply.js';
import { IsoDateSchema } from '../rules/facts.js';
import { ReplyVerdictSchema, type ReplyVerdict } from '../rules/verdict.js';

export const ScenarioSchema = z.object({
  id: z.string().min(1),
  asOf: IsoDateSchema,
  turns: z.array(z.string()).min(1),
  expect: z.object({
    verdict: z.array(ReplyVerdictSchema).min(1),
    cites: z.array(z.string()).default([]),
    intent: IntentSchema.optional(),
  }),
  /** The writer's one-line reason from the brief (blind sets carry one). */
  reason: z.string().optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export function readScenarios(file: string): Scenario[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: Scenario[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const r = ScenarioSchema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new Error(`${file}:${i + 1}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    out.push(r.data);
  });
  return out;
}

export interface ScenarioResult {
  readonly id: string;
  readonly verdict: ReplyVerdict;
  readonly citations: string[];
  readonly intent: string;
  readonly verdictOk: boolean;
  readonly unsafe: boolean;
  readonly citesFound: number;
  readonly citesExpected: number;
  readonly intentOk: boolean | null;
}

export interface EvalSummary {
  readonly scenarios: number;
  readonly verdictAccuracy: number;
  readonly unsafeAnswers: number;
  readonly citationRecall: number;
  readonly intentAccuracy: number;
}

export function scoreScenario(s: Scenario, got: { verdict: ReplyVerdict; citations: string[]; intent: string }): ScenarioResult {
  const verdictOk = s.expect.verdict.includes(got.verdict);
  return {
    id: s.id,
    verdict: got.verdict,
    citations: got.citations,
    intent: got.intent,
    verdictOk,
    unsafe: got.verdict === 'not_required' && !s.expect.verdict.includes('not_required'),
    citesFound: s.expect.cites.filter((c) => got.citations.includes(c)).length,
    citesExpected: s.expect.cites.length,
    intentOk: s.expect.intent ? s.expect.intent === got.intent : null,
  };
}

export function summarise(results: readonly ScenarioResult[]): EvalSummary {
  const n = results.length;
  const expected = results.reduce((a, r) => a + r.citesExpected, 0);
  const withIntent = results.filter((r) => r.intentOk !== null);
  return {
    scenarios: n,
    verdictAccuracy: n ? results.filter((r) => r.verdictOk).length / n : 0,
    unsafeAnswers: results.filter((r) => r.unsafe).length,
    citationRecall: expected ? results.reduce((a, r) => a + r.citesFound, 0) / expected : 1,
    intentAccuracy: withIntent.length ? withIntent.filter((r) => r.intentOk).length / withIntent.length : 1,
  };
}
