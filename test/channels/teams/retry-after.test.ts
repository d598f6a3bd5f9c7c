/** Reading how long a throttled Bot Connector wants us to wait. */
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/channels/teams/retry-after.js';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('Retry-After', () => {
  it('reads seconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '30' }))).toBe(30_000);
  });

  it('reads an HTTP date, counting from now', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 02 Mar 2026 09:00:45 GMT' }), now)).toBe(45_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 02 Mar 2026 08:00:00 GMT' }), now)).toBe(0);
  });

  it('prefers the millisecond headers Azure services send', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1_500);
    expect(retryAfterMs(headers({ 'x-ms-retry-after-ms': '250' }))).toBe(250);
  });

  it('says nothing when there is nothing usable', () => {
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});
