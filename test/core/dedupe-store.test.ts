import { openCaseDatabase } from '../../src/cases/database.js';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { DedupeStore } from '../../src/core/dedupe-store.js';

describe('DedupeStore', () => {
  it('lets a key through once, then refuses repeats until it expires', () => {
    const clock = fixedClock('2026-03-01T00:00:00Z');
    const store = new DedupeStore(openCaseDatabase(':memory:'), 60_000, clock);
    expect(store.claim('slack:event:Ev1')).toBe(true);
    expect(store.claim('slack:event:Ev1')).toBe(false);
    clock.advance(61_000);
    expect(store.claim('slack:event:Ev1')).toBe(true);
  });

  it('forgets a released key, so a retry after a failed first delivery is handled', () => {
    const store = new DedupeStore(openCaseDatabase(':memory:'));
    expect(store.claim('teams:activity:c:1')).toBe(true);
    store.release('teams:activity:c:1');
    expect(store.claim('teams:activity:c:1')).toBe(true);
  });
});
