/**
 * `npm run bench`: prints the numbers the issues ask for, against the built code (dist/), one section at a time,
 * with a progress line on stderr as each starts and ends. bench/plan.ts says how much: a quick pass by default,
 * `--full` for the README's figures and the logistic-regression comparison, `--only NAME` for one section.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchAssistant } from './assistant-bench.js';
import { benchBom } from './bom-bench.js';
import { benchCases } from './cases-bench.js';
import { BAYES_VARIANTS, benchClassifiers, benchFusionSteps, LOGISTIC_VARIANT } from './classifier-bench.js';
import { benchPlan, BenchUsageError, type BenchPlan, type SectionName } from './plan.js';
import { assertNever } from '../src/rules/verdict.js';

type Numbers = Record<string, number>;

function print(name: string, numbers: Numbers): void {
  process.stdout.write(`\n== ${name}\n`);
  for (const [k, v] of Object.entries(numbers)) {
    const shown = Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4);
    process.stdout.write(`${k.padEnd(36)} ${shown}\n`);
  }
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function coldStart(): Numbers {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'cold-start.js');
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as { coldStartMs: number; rssMb: number });
  const ms = runs.map((r) => r.coldStartMs).sort((a, b) => a - b);
  return { coldStartToFirstAnswerMsMedian: ms[1] ?? 0, coldStartToFirstAnswerMsMax: ms[2] ?? 0, rssAfterFirstAnswerMb: runs[0]?.rssMb ?? 0 };
}

/** What each section does, said before it starts, and how it runs under the plan. */
function section(name: SectionName, plan: BenchPlan): [what: string, run: () => Promise<Numbers> | Numbers] {
  switch (name) {
    case 'cold':
      return ['cold start to first answer, 3 fresh processes', coldStart];
    case 'assistant':
      return [`${plan.assistantTurns.toLocaleString('en')} turns through the assistant`, () => benchAssistant(plan.assistantTurns)];
    case 'classifiers':
      return [
        plan.logistic ? 'Bayes and logistic regression on the held-out intents' : 'Bayes on the held-out intents (logistic regression: --full)',
        () => benchClassifiers(plan.logistic ? [...BAYES_VARIANTS, LOGISTIC_VARIANT] : BAYES_VARIANTS, (l) => progress(`  ${l}`)),
      ];
    case 'fusion':
      return ['5-fold cross-validation of the fusion steps', () => benchFusionSteps()];
    case 'cases':
      return [`${plan.cases.toLocaleString('en')} cases opened and resolved on SQLite`, () => benchCases({ cases: plan.cases })];
    case 'slack':
      return [`signed Slack events at 200/s for ${plan.slackDurationMs / 1000} s`, async () => (await import('./slack-bench.js')).benchSlack({ durationMs: plan.slackDurationMs })];
    case 'slack-latency':
      return [`Slack ack and 429 latency, ${plan.slackLatencyRounds} rounds`, async () => (await import('./slack-latency-bench.js')).benchSlackLatency(plan.slackLatencyRounds)];
    case 'http':
      return [`web chat API under autocannon, 12 loads of ${plan.httpDurationS} s`, async () => (await import('./http-bench.js')).benchHttp(plan.httpDurationS)];
    case 'bom':
      return [`screening a ${plan.bomLines.toLocaleString('en')}-line BOM, CSV and XLSX`, () => benchBom(plan.bomLines)];
    case 'turns':
      return [
        `the turn pipeline, ${plan.turnsPerInstance.toLocaleString('en')} turns an instance: SQLite, PostgreSQL with 1 and 3 instances`,
        async () => (await import('./turns-bench.js')).benchTurns(plan.turnsPerInstance),
      ];
    default:
      return assertNever(name, 'bench section');
  }
}

let plan: BenchPlan;
try {
  plan = benchPlan(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof BenchUsageError)) throw e;
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(2);
}
const started = performance.now();
progress(`${plan.full ? 'full run (the README\'s figures, with logistic regression: several minutes)' : 'quick run (sized for under a minute on an idle machine; --full for the README\'s figures)'}: ${plan.sections.join(', ')}`);
for (const [i, name] of plan.sections.entries()) {
  const [what, run] = section(name, plan);
  progress(`[${i + 1}/${plan.sections.length}] ${name}: ${what}`);
  const t0 = performance.now();
  const numbers = await run();
  progress(`[${i + 1}/${plan.sections.length}] ${name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  print(name, numbers);
}
progress(`all done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
