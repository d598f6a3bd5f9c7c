/**
 * gallium-germanium-antimony and us-ga-ge-sb-superhard-denial: gallium goods escalate, and are denied to the US while
 * No. 46 art. 2 is in force; gallium as a magnet grade's minor additive does not make a magnet gallium goods.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import type { Facts } from '../../src/rules/facts.js';
import { rules } from '../support/understanding.js';

const fired = (facts: Facts) =>
  evaluate(rules, facts, '2026-05-10').fired.filter((r) => r.ruleId === 'gallium-germanium-antimony' && r.contributes !== undefined);

describe('gallium-germanium-antimony', () => {
  it('escalates gallium metal leaving China', () => {
    expect(fired({ shipFrom: 'CN', destination: 'DE', item: { form: 'metal', elementsPresent: ['Ga'], compositionComplete: true } })).toHaveLength(1);
  });

  it('leaves a Dy-free NdFeB magnet whose analysis lists Ga to the magnet rules, which clear it', () => {
    const facts: Facts = { shipFrom: 'CN', destination: 'IT', item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Pr', 'Fe', 'B', 'Co', 'Cu', 'Ga'], elementsAbsent: ['Dy', 'Tb'] } };
    expect(fired(facts)).toHaveLength(0);
    expect(evaluate(rules, facts, '2026-05-10').verdict).toBe('not_required');
  });

  const denied = (facts: Facts, asOf: string) =>
    evaluate(rules, facts, asOf).fired.filter((r) => r.ruleId === 'us-ga-ge-sb-superhard-denial' && r.contributes !== undefined);

  it('denies gallium metal to the US before No. 72 suspended art. 2', () => {
    const facts: Facts = { shipFrom: 'CN', destination: 'US', item: { form: 'metal', elementsPresent: ['Ga'], compositionComplete: true } };
    expect(denied(facts, '2025-08-18')).toHaveLength(1);
    expect(evaluate(rules, facts, '2025-08-18').verdict).toBe('prohibited');
  });

  it('does not deny, nor ask the destination of, a Dy-free NdFeB magnet whose analysis lists Ga', () => {
    const magnet: Facts['item'] = { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Pr', 'Fe', 'B', 'Co', 'Cu', 'Ga'], elementsAbsent: ['Dy', 'Tb'], compositionComplete: true };
    expect(denied({ shipFrom: 'CN', destination: 'US', item: magnet }, '2025-08-18')).toHaveLength(0);
    const unknownDestination = evaluate(rules, { shipFrom: 'CN', item: magnet }, '2025-08-18');
    expect(unknownDestination.missing.map((m) => m.fact)).not.toContain('destination');
    expect(unknownDestination.verdict).toBe('not_required');
  });
});
