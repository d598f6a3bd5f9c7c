/** Daily schedulers on several instances sharing one PostgreSQL: the day's job runs once, even if its runner dies. */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DailyScheduler } from '../../../src/cases/daily-scheduler.js';
import { JobRunningElsewhere, onceADayAcrossInstances } from '../../../src/cases/daily-job-task.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { PgDailyJobs } from '../../../src/cases/postgres/pg-daily-jobs.js';
import { fixedClock } from '../../../src/core/clock.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../../support/postgres.js';

let cluster: PostgresCluster;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  cluster = await startPostgres();
}, CLUSTER_START_MS);
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
afterAll(async () => {
  await cluster.stop();
}, CLUSTER_STOP_MS);

async function instances(n: number): Promise<pg.Pool[]> {
  const url = await cluster.freshDatabase();
  const made = await Promise.all(Array.from({ length: n }, () => openPostgres(url, { poolMax: 3 })));
  pools.push(...made);
  return made;
}

it('runs the day once across three instances, and again the next day', async () => {
  const clock = fixedClock('2026-03-01T02:00:00Z');
  const ran: string[] = [];
  const errors: unknown[] = [];
  const schedulers = (await instances(3)).map((pool, i) => new DailyScheduler(
    clock,
    onceADayAcrossInstances(new PgDailyJobs(pool, `i${i}`, clock), 'retention', (day) => {
      ran.push(`${day} on i${i}`);
    }),
    { onError: (e) => errors.push(e) },
  ));
  await Promise.all(schedulers.map((s) => s.tick()));
  // The others either found it done or found it running; those ask again and find it done.
  await Promise.all(schedulers.map((s) => s.tick()));
  expect(ran).toHaveLength(1);
  expect(errors.every((e) => e instanceof JobRunningElsewhere)).toBe(true);
  clock.set('2026-03-02T02:00:00Z');
  await Promise.all(schedulers.map((s) => s.tick()));
  await Promise.all(schedulers.map((s) => s.tick()));
  expect(ran.map((r) => r.slice(0, 10))).toEqual(['2026-03-01', '2026-03-02']);
});

it('runs the day on another instance when the runner dies mid-run', async () => {
  const clock = fixedClock('2026-03-01T02:00:00Z');
  const [first, second] = await instances(2);
  let entered = () => undefined as void;
  const inside = new Promise<void>((r) => {
    entered = r;
  });
  let finish = () => undefined as void;
  const hanging = new Promise<void>((r) => {
    finish = r;
  });
  const dying = new DailyScheduler(clock, onceADayAcrossInstances(new PgDailyJobs(first!, 'first', clock), 'reminders', async () => {
    entered();
    await hanging;
  }), { onError: () => undefined });
  let secondRuns = 0;
  const errors: unknown[] = [];
  const survivor = new DailyScheduler(clock, onceADayAcrossInstances(new PgDailyJobs(second!, 'second', clock), 'reminders', () => {
    secondRuns++;
  }), { onError: (e) => errors.push(e) });
  const dyingRun = dying.tick();
  await inside;
  expect(await survivor.tick()).toBe(false);
  expect(errors[0]).toBeInstanceOf(JobRunningElsewhere);
  // The first instance's process is gone: its connections end, and PostgreSQL drops its advisory lock.
  await second!.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lodestone' AND pid <> pg_backend_pid()
    AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`);
  let ran = false;
  for (let i = 0; i < 50 && !ran; i++) {
    ran = await survivor.tick();
    if (!ran) await new Promise((r) => setTimeout(r, 100));
  }
  expect(ran).toBe(true);
  expect(secondRuns).toBe(1);
  const rows = await second!.query('SELECT job, day, instance FROM job_runs');
  expect(rows.rows).toEqual([{ job: 'reminders', day: '2026-03-01', instance: 'second' }]);
  // The dead instance's own run never counts: its connection is gone, so it cannot record the day.
  finish();
  expect(await dyingRun).toBe(false);
});
