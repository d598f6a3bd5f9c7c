/**
 * How much `npm run bench` measures. The default is a quick pass over every section (sized for under a minute on 2 idle
 * cores): fewer turns, shorter loads, a smaller BOM, and no logistic regression, whose training alone takes about
 * six minutes. `--full` measures what the README quotes: 12,000 turns, 6 s loads, the 20,000-line BOM, and the
 * logistic-regression comparison. `--only NAME` runs one section. `--postgres` adds the turn pipeline on SQLite
 * and on PostgreSQL with one and three instances (`turns`): it starts a throwaway PostgreSQL cluster, so it is not
 * part of the default pass.
 */
export const SECTION_NAMES = ['cold', 'assistant', 'classifiers', 'fusion', 'cases', 'slack', 'slack-latency', 'http', 'bom', 'turns'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
/** What runs with no --only: every section but the PostgreSQL one, which --postgres adds. */
export const DEFAULT_SECTIONS: readonly SectionName[] = SECTION_NAMES.filter((s) => s !== 'turns');

export interface BenchPlan {
  readonly full: boolean;
  readonly sections: readonly SectionName[];
  readonly assistantTurns: number;
  /** Whether the classifier comparison trains natural's logistic regression (minutes) beside Bayes. */
  readonly logistic: boolean;
  readonly cases: number;
  readonly slackDurationMs: number;
  readonly slackLatencyRounds: number;
  readonly httpDurationS: number;
  readonly bomLines: number;
  /** Turns each instance answers in the `turns` section. */
  readonly turnsPerInstance: number;
}

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

function isSectionName(name: string): name is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(name);
}

export function benchPlan(argv: readonly string[]): BenchPlan {
  const full = argv.includes('--full');
  const postgres = argv.includes('--postgres');
  const onlyAt = argv.indexOf('--only');
  let only: SectionName | undefined;
  if (onlyAt >= 0) {
    const name = argv[onlyAt + 1];
    if (name === undefined || !isSectionName(name)) throw new BenchUsageError(`--only takes one of ${SECTION_NAMES.join(', ')}`);
    only = name;
  }
  const unknown = argv.filter((a, i) => a.startsWith('--') && a !== '--full' && a !== '--postgres' && a !== '--only' && (onlyAt < 0 || i !== onlyAt + 1));
  if (unknown.length > 0) throw new BenchUsageError(`unknown option ${unknown.join(' ')} (use --full, --postgres, --only NAME)`);
  return {
    full,
    sections: only ? [only] : postgres ? SECTION_NAMES : DEFAULT_SECTIONS,
    assistantTurns: full ? 12_000 : 3_000,
    logistic: full,
    cases: full ? 2_000 : 1_000,
    slackDurationMs: full ? 10_000 : 3_000,
    slackLatencyRounds: full ? 30 : 10,
    httpDurationS: full ? 6 : 1,
    bomLines: full ? 20_000 : 4_000,
    turnsPerInstance: full ? 2_000 : 400,
  };
}
