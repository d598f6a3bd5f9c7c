import { describe, expect, it } from 'vitest';
import { benchSlack } from '../../../bench/slack-bench.js';

describe('Slack benchmark', () => {
  // The rate achieved is a measurement, not a test: `npm run bench -- --only slack` prints it.
  it('sends signed events and answers each exactly once, retries included', async () => {
    const r = await benchSlack({ rate: 100, durationMs: 1_000, retryEvery: 4 });
    expect(r.events).toBe(100);
    expect(r.retryDeliveries).toBe(25);
    expect(r.failedRequests).toBe(0);
    expect(r.duplicateAnswers).toBe(0);
    expect(r.unanswered).toBe(0);
    expect(r.ackP50Ms).toBeGreaterThan(0);
    expect(r.ackP99Ms).toBeGreaterThanOrEqual(r.ackP50Ms ?? 0);
  }, 60_000);
});
