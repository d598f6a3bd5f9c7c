/**
 * Per-turn latency and throughput of the whole assistant (understand, decide, compose) on one core, in process:
 * p50 and p99 over at least 10,000 turns, turns per second, and peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { Assistant } from '../src/assistant/assistant.js';
import { createUnderstanding } from '../src/assistant/create-understanding.js';
import { fixedClock } from '../src/core/clock.js';
import { INTENTS_DIR, RULES_DIR } from '../src/core/paths.js';
import { loadRuleSet } from '../src/rules/loader.js';
import { BENCH_CONVERSATIONS } from './questions.js';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function benchAssistant(turns = 12_000): Record<string, number> {
  const rules = loadRuleSet(RULES_DIR);
  const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
  const assistant = new Assistant({ rules, understander, clock: fixedClock('2026-03-01T09:00:00Z') });
  const latencies: number[] = [];
  let n = 0;
  let conv = 0;
  // Warm up the JIT and the typo cache, as a running server would be.
  for (const c of BENCH_CONVERSATIONS) for (const t of c) assistant.handle({ id: 'w', text: t, user: 'u', conversation: `w${conv++}`, channel: 'cli', receivedAt: new Date() });
  const start = performance.now();
  while (n < turns) {
    for (const c of BENCH_CONVERSATIONS) {
      conv++;
      for (const text of c) {
        const t0 = performance.now();
        assistant.handle({ id: `b${n}`, text, user: 'u', conversation: `b${conv}`, channel: 'cli', receivedAt: new Date() });
        latencies.push(performance.now() - t0);
        n++;
      }
    }
  }
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    turns: n,
    turnP50Ms: percentile(latencies, 0.5),
    turnP99Ms: percentile(latencies, 0.99),
    turnsPerSecond: n / (elapsed / 1000),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
