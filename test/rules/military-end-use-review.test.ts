/**
 * military-end-use-review: a military end user or use of any goods from China goes to an officer (brief §9 examples
 * 4, 6, 18, 21 all escalate), listed or not; the catch-all's licence stands beside it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const ferrite = () => ({ form: 'magnet' as const, magnetType: 'ferrite' as const, elementsPresent: ['Fe' as const], compositionComplete: true });

describe('military-end-use-review', () => {
  it('escalates unlisted goods (ferrite magnets) for a military end user, citing the catch-all', () => {
    const d = evaluate(rules, { item: ferrite(), shipFrom: 'CN', destination: 'DE', endUser: { kind: 'military' } }, '2026-08-04');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.find((r) => r.ruleId === 'military-end-use-review')?.contributes).toBe('escalate');
    expect(d.fired.find((r) => r.ruleId === 'catch-all')?.contributes).toBe('license_required');
  });

  it('leaves the same ferrite magnets for a civil customer without a licence', () => {
    const d = evaluate(rules, { item: ferrite(), shipFrom: 'CN', destination: 'DE', endUser: { kind: 'civil' }, endUses: ['civil'] }, '2026-08-04');
    expect(d.verdict).toBe('not_required');
  });

  it('does not reach goods that do not leave China', () => {
    const d = evaluate(rules, { item: ferrite(), shipFrom: 'DE', destination: 'FR', endUser: { kind: 'military' } }, '2026-08-04');
    expect(d.fired.find((r) => r.ruleId === 'military-end-use-review')?.contributes ?? 'not_required').toBe('not_required');
  });
});
