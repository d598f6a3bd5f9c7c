/** Verdicts and their strictness. When rules disagree, the stricter wins (design §3). */
import { z } from 'zod';

export const DECIDING_VERDICTS = ['prohibited', 'escalate', 'license_required', 'need_info', 'not_required'] as const;
export const VerdictSchema = z.enum(DECIDING_VERDICTS);
export type Verdict = z.infer<typeof VerdictSchema>;

/** A reply's verdict: a deciding verdict, or `none` for replies that decide nothing (help, information). */
export const ReplyVerdictSchema = z.enum([...DECIDING_VERDICTS, 'none']);
export type ReplyVerdict = z.infer<typeof ReplyVerdictSchema>;

const STRICTNESS: Record<Verdict, number> = {
  not_required: 0,
  need_info: 1,
  license_required: 2,
  escalate: 3,
  prohibited: 4,
};

export function strictness(v: Verdict): number {
  return STRICTNESS[v];
}

export function stricter(a: Verdict, b: Verdict): Verdict {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
