/**
 * Runs a task once per calendar day (UTC), on start and then whenever the injected clock shows a new day.
 * It polls rather than sleeping until midnight, so a suspended laptop or a clock jump still gets the run.
 */
import { isoDay, type Clock } from '../core/clock.js';

export interface DailySchedulerOptions {
  /** How often to look at the clock; default one hour. */
  readonly checkEveryMs?: number;
  readonly onError?: (err: unknown) => void;
}

export class DailyScheduler {
  private lastDay: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<boolean> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly task: (day: string) => void | Promise<void>,
    private readonly options: DailySchedulerOptions = {},
  ) {}

  /** Runs the task now, then checks every `checkEveryMs`. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.checkEveryMs ?? 3_600_000);
    this.timer.unref();
    await this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs the task if the clock's day has not had a run yet. Returns whether it ran. */
  tick(): Promise<boolean> {
    this.running ??= this.runIfNewDay().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runIfNewDay(): Promise<boolean> {
    const day = isoDay(this.clock.now());
    if (day === this.lastDay) return false;
    try {
      await this.task(day);
      this.lastDay = day;
      return true;
    } catch (err) {
      // Left unmarked, so the next tick tries the day again.
      this.options.onError?.(err);
      return false;
    }
  }
}
