/**
 * A DailyScheduler task that runs through the DailyJobs port, so that with several instances the day's run happens
 * on one of them. When another instance is running it right now, the task fails with JobRunningElsewhere: the
 * scheduler leaves the day unmarked and asks again at its next check, and then finds it done (or, if that instance
 * died mid-run, runs it).
 */
import type { DailyJobs } from './store-ports.js';

export class JobRunningElsewhere extends Error {
  constructor(readonly job: string, readonly day: string) {
    super(`daily job ${job} for ${day} is running on another instance; will look again`);
    this.name = 'JobRunningElsewhere';
  }
}

export function onceADayAcrossInstances(jobs: DailyJobs, job: string, task: (day: string) => Promise<void> | void): (day: string) => Promise<void> {
  return async (day) => {
    const outcome = await jobs.runOnce(job, day, async () => {
      await task(day);
    });
    if (outcome === 'running_elsewhere') throw new JobRunningElsewhere(job, day);
  };
}
