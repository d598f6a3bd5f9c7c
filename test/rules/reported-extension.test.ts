/**
 * Brief R22: an extension of the No. 70 suspension to 2027-01-10 was reported without an implementing notice. It is
 * said and cited wherever the unknown status decides an answer, and it never changes the status itself.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { ruleStatus } from '../../src/rules/rule-status.js';
import { rules } from '../support/understanding.js';

const europiumOxide = { item: { form: 'oxide' as const, elementsPresent: ['Eu' as const], compositionComplete: true }, shipFrom: 'CN' };

describe('the reported extension of the No. 70 suspension', () => {
  it('leaves the status unknown after 2026-11-10', () => {
    const rule = rules.rules.find((r) => r.id === 'no57-items');
    expect(rule && ruleStatus(rule, '2026-11-30').kind).toBe('status_unknown');
  });

  it('is said and cited when the unknown status decides the answer', () => {
    const d = evaluate(rules, europiumOxide, '2026-11-30');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-57', 'CN-ANN-2025-70', 'CN-MOFCOM-2026-09-28']));
    expect(d.reasons.join(' ')).toMatch(/extension to 2027-01-10 was reported by both governments in September 2026 \(CN-MOFCOM-2026-09-28\), but no MOFCOM notice implementing it was found/);
    expect(d.reasons.join(' ')).toMatch(/the horizon alert for 2027-01-10 is scheduled/);
  });

  it('is cited too where the unknown status escalates a rule that would only have asked (magnets made abroad with Chinese technology, destination unsaid)', () => {
    const magnets = { madeIn: 'ID', shipFrom: 'ID', item: { form: 'magnet' as const, chinaOrigin: false, madeWithChineseTechnology: true } };
    const d = evaluate(rules, magnets, '2026-11-28');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-61', 'CN-ANN-2025-70', 'CN-MOFCOM-2026-09-28']));
  });

  it('is not mentioned while the suspension still runs', () => {
    const d = evaluate(rules, europiumOxide, '2026-03-01');
    expect(d.citations.map((c) => c.source)).not.toContain('CN-MOFCOM-2026-09-28');
    expect(d.reasons.join(' ')).not.toMatch(/was reported/);
  });

  it('goes away once compliance records what followed (the note depends on the status being unknown)', () => {
    const recorded = {
      ...rules,
      rules: rules.rules.map((r) => ({
        ...r,
        suspensions: r.suspensions.map((s) => (s.reported ? { ...s, then: { status: 'extended' as const, date: '2026-11-10', until: '2027-01-10', source: { id: 'CN-MOFCOM-2026-09-28' } } } : s)),
      })),
    };
    const d = evaluate(recorded, europiumOxide, '2026-11-30');
    expect(d.reasons.join(' ')).not.toMatch(/was reported/);
    expect(d.reasons.join(' ')).not.toMatch(/horizon alert/);
  });
});
