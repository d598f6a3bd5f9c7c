import { describe, expect, it } from 'vitest';
import { benchCases } from '../../bench/cases-bench.js';

describe('cases bench', () => {
  it('opens, resolves and delivers a small batch and reports positive rates', async () => {
    const r = await benchCases({ cases: 40 });
    expect(r['cases']).toBe(40);
    for (const key of ['casesOpenedPerSec', 'casesResolvedPerSec', 'outboxDeliveredPerSec', 'auditVerifiedPerSec']) {
      expect(r[key]).toBeGreaterThan(0);
    }
  });
});
