/**
 * A magnet material with a No. 18 element that is neither SmCo nor NdFeB with Dy or Tb (SmFeN powder) is not one of
 * the listed magnet materials but may be a "compound or mixture": escalate, never "no licence".
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

describe('no18-unclear-classification for magnet materials', () => {
  it('escalates SmFeN magnet powder leaving China', () => {
    const d = evaluate(rules, { item: { form: 'magnet_powder', magnetType: 'other', elementsPresent: ['Sm', 'Fe'] }, shipFrom: 'CN' }, '2026-03-01');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.find((r) => r.ruleId === 'no18-unclear-classification')?.contributes).toBe('escalate');
  });

  it('leaves AlNiCo (no rare earth) alone', () => {
    const d = evaluate(rules, { item: { form: 'magnet', magnetType: 'other', elementsPresent: ['Al', 'Ni', 'Co', 'Fe'], compositionComplete: true }, shipFrom: 'CN' }, '2026-03-01');
    expect(d.verdict).toBe('not_required');
  });
});
