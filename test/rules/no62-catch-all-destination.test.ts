/**
 * No. 62's catch-all (brief R10) reaches unlisted goods that help rare-earth work abroad. With the destination unsaid,
 * the goods cannot be cleared: they are asked about, never let through as "not listed".
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const ndMetalForRefining = (destination?: string) => ({
  shipFrom: 'CN', ...(destination ? { destination } : {}),
  item: { form: 'metal' as const, elementsPresent: ['Nd' as const], compositionComplete: true }, endUses: ['rare_earth_processing' as const],
});

describe('the No. 62 catch-all and an unsaid destination', () => {
  it('asks where the goods go while the catch-all applies, rather than clearing unlisted Nd metal for refining', () => {
    const d = evaluate(rules, ndMetalForRefining(), '2025-10-20');
    expect(d.verdict).toBe('need_info');
    expect(d.verdict).not.toBe('not_required');
  });

  it('escalates once the destination is abroad', () => {
    expect(evaluate(rules, ndMetalForRefining('KR'), '2025-10-20').verdict).toBe('escalate');
  });

  it('does not ask about a destination during the suspension, when the catch-all cannot apply', () => {
    expect(evaluate(rules, ndMetalForRefining(), '2026-03-01').verdict).not.toBe('need_info');
  });
});

describe('the No. 62 catch-all and rare-earth production equipment', () => {
  const jetMill = { shipFrom: 'CN', destination: 'PK', item: { form: 'equipment' as const, sector: 'rare_earth' as const } };
  it('escalates a magnet-powder jet mill sold abroad while the catch-all applied, before No. 56 took effect', () => {
    const d = evaluate(rules, jetMill, '2025-10-28');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.find((r) => r.ruleId === 'no62-goods-catch-all')?.contributes).toBe('escalate');
  });

  it('does not reach such equipment during the suspension', () => {
    expect(evaluate(rules, jetMill, '2026-03-01').verdict).toBe('not_required');
  });
});
