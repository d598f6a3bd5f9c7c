/**
 * A catalyst material holding a No. 18 element (an oxygen-storage ceria-zirconia powder with yttria) is an oxide
 * mixture No. 18 may cover: escalate. MOFCOM's FAQ puts only calcined catalyst powders generally outside No. 18.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

describe('no18-unclear-classification for catalyst materials', () => {
  it('escalates a ceria-zirconia oxygen-storage powder with yttria leaving China', () => {
    const d = evaluate(rules, { item: { form: 'catalyst', elementsPresent: ['Ce', 'Zr', 'La', 'Y'] }, shipFrom: 'CN', destination: 'BE' }, '2025-07-22');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.find((r) => r.ruleId === 'no18-unclear-classification')?.contributes).toBe('escalate');
  });

  it('leaves a calcined catalyst powder to the FAQ carve-out', () => {
    const d = evaluate(rules, { item: { form: 'catalyst', downstream: 'calcined_catalyst', elementsPresent: ['Ce', 'Y'] }, shipFrom: 'CN', destination: 'BE' }, '2025-07-22');
    expect(d.verdict).toBe('not_required');
  });

  it('leaves a ceria catalyst with no No. 18 element alone', () => {
    const d = evaluate(rules, { item: { form: 'catalyst', elementsPresent: ['Ce', 'Zr', 'La'] }, shipFrom: 'CN', destination: 'BE' }, '2025-07-22');
    expect(d.verdict).toBe('not_required');
  });
});
