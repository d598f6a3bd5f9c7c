/** Clocks for tests that drive the real server, where the day decides answers (suspensions end, rules resume). */
import type { Clock } from '../../src/core/clock.js';

/** The day every channel's test harness runs on unless a test picks another: answers must not change with the day the tests run. */
export const TEST_DAY = '2026-03-02';

/** Real time, moved to `day`: answers do not change with the day the tests run, and time still passes. */
export function clockOn(day: string): Clock {
  const offset = Date.now() - Date.parse(`${day}T09:00:00Z`);
  return { now: () => new Date(Date.now() - offset) };
}
