/** gallium-germanium-antimony: gallium goods escalate; gallium as a magnet grade's minor additive does not make a magnet gallium goods. */
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
});
