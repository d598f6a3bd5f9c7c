/**
 * Daily jobs across instances: a job runs for a day on one instance only, and runs again if that instance dies
 * mid-run. The instance takes a session-level advisory lock for the job on a connection of its own (another instance
 * that asks now is told `running_elsewhere`), checks `job_runs` for the day, runs the job, and records the day.
 * If it dies mid-run, its connection closes, PostgreSQL releases the lock, no day is recorded, and the next instance
 * to try runs the job. The jobs themselves are idempotent (reminders and alerts are keyed in the outbox, retention
 * redacts what is still unredacted), so a run cut short and run again does nothing twice.
 */
import type pg from 'pg';
import type { Clock } from '../../core/clock.js';
import type { DailyJobs, JobRun } from '../store-ports.js';

export class PgDailyJobs implements DailyJobs {
  constructor(private readonly pool: pg.Pool, private readonly instance: string, private readonly clock: Clock) {}

  async runOnce(job: string, day: string, task: () => Promise<void>): Promise<JobRun> {
    const client = await this.pool.connect();
    // The connection holds the lock for as long as the job runs: if the server ends it, the job's last query fails
    // (and the day stays unrecorded); the process must not die of the client's 'error' event meanwhile.
    const onError = () => undefined;
    client.on('error', onError);
    let locked = false;
    try {
      const lock = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(hashtext('lodestone job ' || $1)) AS got`, [job]);
      locked = lock.rows[0]?.got === true;
      if (!locked) return 'running_elsewhere';
      const done = await client.query('SELECT 1 FROM job_runs WHERE job = $1 AND day = $2', [job, day]);
      if ((done.rowCount ?? 0) > 0) return 'done_already';
      const startedAt = this.clock.now().toISOString();
      await task();
      await client.query(
        `INSERT INTO job_runs (job, day, instance, started_at, finished_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (job, day) DO NOTHING`,
        [job, day, this.instance, startedAt, this.clock.now().toISOString()],
      );
      return 'ran';
    } finally {
      let broken = false;
      if (locked) {
        await client.query(`SELECT pg_advisory_unlock(hashtext('lodestone job ' || $1))`, [job]).catch(() => {
          broken = true;
        });
      }
      client.off('error', onError);
      // A connection that cannot unlock is gone (its lock with it): destroy it rather than pool it.
      client.release(broken);
    }
  }
}
