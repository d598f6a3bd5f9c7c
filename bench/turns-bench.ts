/**
 * Turns per second through the whole turn pipeline (claim, understand, decide, case, audit, commit), each instance
 * its own process: SQLite (one instance, the group commit, synchronous=FULL) next to PostgreSQL with one and with
 * three instances on one database (a throwaway cluster, throwaway-postgres.ts, run with fsync off: it measures the
 * pipeline's locking and round trips, not a disk). All instances start together; turns/s is all their turns over
 * the longest instance's time.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../src/cases/postgres/pg-database.js';
import { startPostgres } from './throwaway-postgres.js';
import type { TurnsChildReport } from './turns-child.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'turns-child.js');

async function instances(n: number, env: (i: number) => Record<string, string>, turnsEach: number): Promise<number> {
  const children = Array.from({ length: n }, (_, i) => fork(CHILD, [], {
    env: { ...process.env, TURNS_INSTANCE: `i${i}`, TURNS_COUNT: String(turnsEach), ...env(i) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  }));
  const reports = children.map((c) => new Promise<{ ready: Promise<void>; done: Promise<TurnsChildReport> }>((resolve) => {
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((r) => {
      markReady = r;
    });
    const done = new Promise<TurnsChildReport>((r, reject) => {
      c.on('message', (m: TurnsChildReport) => (m.ready ? markReady() : r(m)));
      c.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench instance exited with ${code}`))));
    });
    resolve({ ready, done });
  }));
  const handles = await Promise.all(reports);
  await Promise.all(handles.map((h) => h.ready));
  for (const c of children) c.send('go');
  const done = await Promise.all(handles.map((h) => h.done));
  const ms = Math.max(...done.map((d) => d.ms ?? 0));
  return Math.round((done.reduce((s, d) => s + (d.turns ?? 0), 0) / ms) * 1000);
}

export async function benchTurns(turnsEach: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-turns-bench-'));
  const cluster = await startPostgres();
  try {
    const sqlite = await instances(1, () => ({ TURNS_DB: join(dir, 'bench.db') }), turnsEach);
    const urls = [await cluster.freshDatabase(), await cluster.freshDatabase()];
    // Migrated before the instances start, so no instance's time includes it.
    for (const url of urls) await (await openPostgres(url)).end();
    const pgOne = await instances(1, () => ({ TURNS_PG_URL: urls[0]! }), turnsEach);
    const pgThree = await instances(3, () => ({ TURNS_PG_URL: urls[1]! }), turnsEach);
    return { sqliteOneInstanceTurnsPerS: sqlite, postgresOneInstanceTurnsPerS: pgOne, postgresThreeInstancesTurnsPerS: pgThree, turnsPerInstance: turnsEach };
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
