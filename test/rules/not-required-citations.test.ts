/** A "no licence" answer cites the rules the item's make-up was checked against, however the answer was reached. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const sources = (d: ReturnType<typeof evaluate>) => d.citations.map((c) => c.source);

describe('citations of a not_required answer', () => {
  it('cite No. 18 for Nd oxide when the route is unsaid (Nd is no No. 18 element)', () => {
    const d = evaluate(rules, { destination: 'KR', item: { elementsPresent: ['Nd'], compositionComplete: true, form: 'oxide' } }, '2025-06-15');
    expect(d.verdict).toBe('not_required');
    expect(sources(d)).toContain('CN-ANN-2025-18');
  });

  it('cite No. 18 beside a suspended catch-all that also says no (PrNd metal for a magnet plant abroad, March 2026)', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'VN', endUses: ['rare_earth_processing'], item: { elementsPresent: ['Pr', 'Nd'], compositionComplete: true, form: 'metal' } }, '2026-03-18');
    expect(d.verdict).toBe('not_required');
    expect(sources(d)).toEqual(expect.arrayContaining(['CN-ANN-2025-18', 'CN-ANN-2025-62']));
  });

  it('do not cite No. 18 for goods that never leave China as exports (a foreign route rules it out, not the make-up)', () => {
    const d = evaluate(rules, { shipFrom: 'DE', madeIn: 'DE', destination: 'FR', item: { elementsPresent: ['Cu'], compositionComplete: true, chinaOrigin: false } }, '2026-03-01');
    expect(d.verdict).toBe('not_required');
    expect(sources(d)).not.toContain('CN-ANN-2025-18');
  });

  it('cite a suspended rule whose particular fact holds, though the composition is open (No. 61 §1(2), Chinese magnet technology)', () => {
    const d = evaluate(rules, { shipFrom: 'JP', madeIn: 'JP', destination: 'US', item: { elementsPresent: ['Nd', 'Fe', 'B'], form: 'magnet', magnetType: 'ndfeb', chinaOrigin: false, madeWithChineseTechnology: true } }, '2026-07-15');
    expect(d.verdict).toBe('not_required');
    expect(sources(d)).toEqual(expect.arrayContaining(['CN-ANN-2025-61', 'CN-ANN-2025-70']));
  });

  it('do not cite every suspended rule for a magnet of open composition when nothing particular to them holds', () => {
    const d = evaluate(rules, { shipFrom: 'JP', madeIn: 'JP', destination: 'US', item: { elementsPresent: ['Nd', 'Fe', 'B'], form: 'magnet', magnetType: 'ndfeb', chinaOrigin: false } }, '2026-07-15');
    expect(sources(d)).not.toContain('CN-ANN-2025-61');
  });

  it('say and cite the FAQ carve-out for built-in magnets when only the route is unsaid (the other route: a suspended No. 61)', () => {
    const d = evaluate(rules, { destination: 'PL', item: { elementsPresent: ['Tb'], form: 'finished_product', downstream: 'device' } }, '2026-10-22');
    expect(d.verdict).toBe('not_required');
    expect(sources(d)).toContain('CN-FAQ-RE');
    expect(d.reasons[0]).toMatch(/^If the goods ship from China: MOFCOM's FAQ/);
  });

  it('do not put the carve-out under "if" when the goods do ship from China (it applies outright)', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'PL', item: { elementsPresent: ['Tb'], form: 'finished_product', downstream: 'device' } }, '2026-10-22');
    expect(sources(d)).toContain('CN-FAQ-RE');
    expect(d.reasons.some((r) => r.startsWith('If the goods ship from China'))).toBe(false);
  });

  it('do not cite the carve-out for goods shipped from elsewhere', () => {
    const d = evaluate(rules, { shipFrom: 'DE', madeIn: 'DE', destination: 'PL', item: { elementsPresent: ['Tb'], form: 'finished_product', downstream: 'device', chinaOrigin: false } }, '2026-10-22');
    expect(sources(d)).not.toContain('CN-FAQ-RE');
  });

  it('say that goods outside China are reached only by No. 61, suspended that day, and cite it with No. 70', () => {
    const d = evaluate(rules, { shipFrom: 'US', destination: 'TW', item: { elementsPresent: ['Y'], form: 'ceramic', chinaOrigin: true } }, '2026-07-20');
    expect(d.verdict).toBe('not_required');
    expect(sources(d)).toEqual(expect.arrayContaining(['CN-ANN-2025-61', 'CN-ANN-2025-70']));
    expect(d.reasons[0]).toMatch(/^These goods are not exported from China.* No\. 61 .* suspended by CN-ANN-2025-70/);
    expect(d.reasons.some((r) => r.includes('shipped from China: false'))).toBe(false);
  });

  it('do not bring No. 61 into an answer on goods with no Chinese link', () => {
    const d = evaluate(rules, { shipFrom: 'US', destination: 'TW', item: { elementsPresent: ['Y'], form: 'ceramic', chinaOrigin: false } }, '2026-07-20');
    expect(sources(d)).not.toContain('CN-ANN-2025-61');
  });
});
