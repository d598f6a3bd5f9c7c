/**
 * end-user-commitment-reexport: Chinese-origin No. 18 goods resold from a stock abroad go to an officer, because the
 * No. 18 licence they left China under came with the end user's commitment (Regs art. 24, brief §9 example 12). Goods
 * bought before No. 18 began left with no such licence, so no commitment came with them.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import type { Facts } from '../../src/rules/facts.js';
import { rules } from '../support/understanding.js';

const stock: Facts = { item: { form: 'oxide', elementsPresent: ['Dy'], chinaOrigin: true }, shipFrom: 'NL', destination: 'GB' };
const fired = (facts: Facts, asOf: string) => evaluate(rules, facts, asOf).fired.some((r) => r.ruleId === 'end-user-commitment-reexport');

describe('end-user-commitment-reexport', () => {
  it('escalates Chinese-origin Dy oxide resold from a Dutch stock while No. 61 is suspended, citing art. 24', () => {
    const d = evaluate(rules, stock, '2026-02-10');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.some((c) => c.source === 'CN-DUR-2024' && c.article === 'art. 24')).toBe(true);
  });

  it('escalates the same stock bought in 2025, when a No. 18 licence may have come with it', () => {
    expect(fired({ ...stock, acquiredYear: 2025 }, '2026-02-10')).toBe(true);
  });

  it('does not reach stock bought in 2024 or said to be bought before the controls: no licence came with it', () => {
    expect(fired({ ...stock, acquiredYear: 2024 }, '2026-02-10')).toBe(false);
    expect(fired({ ...stock, acquiredBeforeControls: true }, '2026-02-10')).toBe(false);
    expect(evaluate(rules, { ...stock, acquiredYear: 2023 }, '2026-02-10').verdict).toBe('not_required');
  });

  it('does not reach rotor assemblies or formed sensors with magnets built in: the FAQ puts them outside No. 18, so no licence came with them', () => {
    const rotors: Facts = { item: { form: 'component', downstream: 'rotor_stator_assembly', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'HK', destination: 'DE' };
    expect(fired(rotors, '2026-10-21')).toBe(false);
    expect(evaluate(rules, rotors, '2026-10-21').verdict).toBe('not_required');
    expect(fired({ ...rotors, item: { ...rotors.item, downstream: 'formed_sensor' } }, '2026-10-21')).toBe(false);
  });

  it('still reaches loose magnets resold from stock abroad', () => {
    expect(fired({ item: { form: 'magnet', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'HK', destination: 'DE' }, '2026-10-21')).toBe(true);
  });

  it('still leaves old stock to No. 61 while it applied (9 October to 6 November 2025)', () => {
    expect(evaluate(rules, { ...stock, acquiredYear: 2023 }, '2025-10-20').verdict).toBe('license_required');
  });
});
