/** Slack's five-minute window, both ways, as a pure check of the timestamp header against the time given. */
import { describe, expect, it } from 'vitest';
import { MAX_SKEW_SECONDS, timestampFresh } from '../../../src/channels/slack/request-freshness.js';

const NOW_MS = Date.parse('2026-03-02T09:00:00Z');
const now = NOW_MS / 1000;

describe('timestampFresh', () => {
  it('accepts now and anything up to five minutes either way', () => {
    expect(MAX_SKEW_SECONDS).toBe(300);
    for (const offset of [0, 1, -1, 299, -299, 300, -300]) expect(timestampFresh(String(now + offset), NOW_MS), String(offset)).toBe(true);
  });

  it('refuses anything further away, in the future as in the past', () => {
    for (const offset of [301, -301, 600, -600, 86_400]) expect(timestampFresh(String(now + offset), NOW_MS), String(offset)).toBe(false);
  });

  it('refuses a missing or malformed header', () => {
    for (const header of [undefined, '', 'abc', `${now}.5`, `-${now}`, '1'.repeat(13)]) expect(timestampFresh(header, NOW_MS), String(header)).toBe(false);
  });
});
