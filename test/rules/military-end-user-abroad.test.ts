/**
 * military-end-user-abroad: Chinese-origin goods, or a product built abroad around Chinese parts, sold on to a military
 * end user go to an officer while No. 61 is suspended (brief §9 examples 4, 6, 18, 21 escalate every military case;
 * the end-user commitment of Regulations art. 24 travels with licensed goods).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const drone = { form: 'finished_product' as const, downstream: 'device' as const, elementsPresent: ['Nd' as const, 'Dy' as const], hasChineseContent: true };

describe('military-end-user-abroad', () => {
  it('escalates a drone built in Taiwan around Chinese Dy magnets, sold to an army, citing art. 24', () => {
    const d = evaluate(rules, { item: drone, madeIn: 'TW', shipFrom: 'US', destination: 'UA', endUser: { kind: 'military' } }, '2026-04-28');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.some((c) => c.source === 'CN-DUR-2024' && c.article === 'art. 24')).toBe(true);
  });

  it('escalates Chinese-origin Tb oxide resold from a Singapore stock to a navy programme', () => {
    const d = evaluate(rules, { item: { form: 'oxide', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'SG', destination: 'BR', endUses: ['military'] }, '2026-03-01');
    expect(d.verdict).toBe('escalate');
  });

  it('leaves the same drone for a civil surveyor to the suspended No. 61: no licence', () => {
    const d = evaluate(rules, { item: drone, madeIn: 'TW', shipFrom: 'US', destination: 'UA', endUser: { kind: 'civil' }, endUses: ['civil'] }, '2026-04-28');
    expect(d.verdict).toBe('not_required');
  });

  it('does not reach goods with nothing Chinese in them', () => {
    const d = evaluate(rules, { item: { ...drone, hasChineseContent: false }, madeIn: 'TW', shipFrom: 'US', destination: 'UA', endUser: { kind: 'military' } }, '2026-04-28');
    expect(d.fired.find((r) => r.ruleId === 'military-end-user-abroad')).toBeUndefined();
  });
});
