import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/loader.js';

describe('rules/ as shipped', () => {
  it('loads and lints clean, with a 12-hex-digit content version', () => {
    const set = loadRuleSet('rules');
    expect(set.rules.length).toBeGreaterThan(20);
    expect(set.version).toMatch(/^[0-9a-f]{12}$/);
  });
});
