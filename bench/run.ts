/**
 * `npm run bench`: prints the numbers the issues ask for. Runs against the built code (dist/), one section at a
 * time; `--only NAME` runs one section (cold, assistant, classifiers, fusion, cases, slack, slack-latency, http, bom).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { benchAssistant } from './assistant-bench.js';
import { benchBom } from './bom-bench.js';
import { benchCases } from './cases-bench.js';
import { benchClassifiers, benchFusionSteps } from './classifier-bench.js';

type Section = [name: string, run: () => Promise<Record<string, number>> | Record<string, number>];

function print(name: string, numbers: Record<string, number>): void {
  process.stdout.write(`\n== ${name}\n`);
  for (const [k, v] of Object.entries(numbers)) {
    const shown = Number.isInteger(v) ? String(v) : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4);
    process.stdout.write(`${k.padEnd(36)} ${shown}\n`);
  }
}

function coldStart(): Record<string, number> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'cold-start.js');
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8' })) as { coldStartMs: number; rssMb: number });
  const ms = runs.map((r) => r.coldStartMs).sort((a, b) => a - b);
  return { coldStartToFirstAnswerMsMedian: ms[1] ?? 0, coldStartToFirstAnswerMsMax: ms[2] ?? 0, rssAfterFirstAnswerMb: runs[0]?.rssMb ?? 0 };
}

async function slack(): Promise<Record<string, number>> {
  const mod = await import('./slack-bench.js').catch(() => undefined);
  if (!mod) return { skipped: 1 };
  return mod.benchSlack();
}

async function http(): Promise<Record<string, number>> {
  const { benchHttp } = await import('./http-bench.js');
  return benchHttp();
}

async function slackLatency(): Promise<Record<string, number>> {
  const mod = await import('./slack-latency-bench.js').catch(() => undefined);
  if (!mod) return { skipped: 1 };
  return mod.benchSlackLatency();
}

const SECTIONS: Section[] = [
  ['cold', coldStart],
  ['assistant', () => benchAssistant()],
  ['classifiers', () => benchClassifiers()],
  ['fusion', () => benchFusionSteps()],
  ['cases', () => benchCases()],
  ['slack', slack],
  ['slack-latency', slackLatency],
  ['http', http],
  ['bom', () => benchBom()],
];

const only = process.argv.indexOf('--only');
const wanted = only >= 0 ? process.argv[only + 1] : undefined;
for (const [name, run] of SECTIONS) {
  if (wanted && wanted !== name) continue;
  print(name, await run());
}
