/**
 * One instance for the turns bench (turns-bench.ts): builds the real turn pipeline on SQLite (TURNS_DB, the group
 * commit) or PostgreSQL (TURNS_PG_URL, the per-turn transaction), tells its parent it is ready, waits for "go", then
 * answers TURNS_COUNT turns of the bench conversations, TURNS_CONCURRENCY at a time, with a delivery key each,
 * and reports how long that took.
 */
import { performance } from 'node:perf_hooks';
import { Assistant } from '../src/assistant/assistant.js';
import { createUnderstanding } from '../src/assistant/create-understanding.js';
import { PgTurnPipeline } from '../src/assistant/postgres/pg-turn-pipeline.js';
import { TurnPipeline } from '../src/assistant/turn-pipeline.js';
import { CaseService } from '../src/cases/case-service.js';
import { openCaseDatabase } from '../src/cases/database.js';
import { PgAuditChain } from '../src/cases/postgres/pg-audit-chain.js';
import { openPostgres } from '../src/cases/postgres/pg-database.js';
import { PgStatusOverlayStore } from '../src/cases/postgres/pg-status-overlay-store.js';
import type { Message } from '../src/contracts/message.js';
import { fixedClock } from '../src/core/clock.js';
import { DedupeStore } from '../src/core/dedupe-store.js';
import { GroupCommit } from '../src/core/group-commit.js';
import { INTENTS_DIR, RULES_DIR } from '../src/core/paths.js';
import { CurrentRules } from '../src/rules/current-rules.js';
import { loadRuleSet } from '../src/rules/loader.js';
import { BENCH_CONVERSATIONS } from './questions.js';

export interface TurnsChildReport {
  readonly ready?: true;
  readonly turns?: number;
  readonly ms?: number;
}

const env = process.env;
const name = env['TURNS_INSTANCE'] ?? 'i';
const count = Number(env['TURNS_COUNT'] ?? '500');
const concurrency = Number(env['TURNS_CONCURRENCY'] ?? '16');

async function main(): Promise<void> {
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const rules = loadRuleSet(RULES_DIR);
  const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
  let run: (m: Message, key: string) => Promise<unknown>;
  let close: () => Promise<void>;
  const pgUrl = env['TURNS_PG_URL'];
  if (pgUrl) {
    const pool = await openPostgres(pgUrl, { poolMax: concurrency });
    // As app-postgres.ts serves: the rules with the recorded statuses, the newest record's id checked before each answer.
    const current = new CurrentRules(rules);
    const overlay = new PgStatusOverlayStore(pool, new PgAuditChain(pool), clock);
    const turns = new PgTurnPipeline({
      pool, clock, understander, answer: (m, ports) => new Assistant({ rules: current, clock, ...ports }).handle(m),
      beforeAnswer: async (client) => {
        await overlay.refresh(current, client);
      },
    });
    run = (message, deliveryKey) => turns.run({ message, deliveryKey });
    close = () => pool.end();
  } else {
    const db = openCaseDatabase(env['TURNS_DB'] ?? '');
    const cases = new CaseService({ db, officers: { slack: ['UOFF'] }, clock });
    const assistant = new Assistant({ rules, understander, cases, clock });
    const turns = new TurnPipeline({ commits: new GroupCommit(db), deliveries: new DedupeStore(db, 3_600_000, clock), answer: (m) => assistant.handle(m) });
    run = (message, deliveryKey) => turns.run({ message, deliveryKey });
    close = async () => {
      db.close();
    };
  }
  // Each worker walks whole conversations, so follow-ups find their facts; conversations are per instance.
  const texts = BENCH_CONVERSATIONS.flatMap((c, ci) => c.map((text) => ({ text, conv: ci })));
  let next = 0;
  const worker = async (w: number) => {
    for (let i = next++; i < count; i = next++) {
      const t = texts[i % texts.length]!;
      const round = Math.floor(i / texts.length);
      await run({ id: `${name}-${i}`, text: t.text, user: `U${w}`, conversation: `${name}-${round}-${t.conv}`, channel: 'slack', receivedAt: clock.now() }, `slack:event:${name}-${i}`);
    }
  };
  process.send?.({ ready: true } satisfies TurnsChildReport);
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const ms = performance.now() - start;
  await close();
  process.send?.({ turns: count, ms } satisfies TurnsChildReport, () => process.exit(0));
}

void main();
