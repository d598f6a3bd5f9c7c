/** No. 61 §1 reaches exports by foreign parties to countries other than China (brief §3, R3): a return to China is outside it. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { rules } from '../support/understanding.js';

const chineseDyMagnetsIn = (shipFrom: string, destination?: string) => ({
  shipFrom, ...(destination ? { destination } : {}), item: { form: 'magnet' as const, elementsPresent: ['Dy' as const], chinaOrigin: true },
});

describe('No. 61 and goods going back to China', () => {
  it('requires the licence for Chinese-origin Dy magnets sent from Mexico to the US while §1(3) applied', () => {
    expect(evaluate(rules, chineseDyMagnetsIn('MX', 'US'), '2025-10-25').verdict).toBe('license_required');
  });

  it('does not apply §1(3) to the same magnets sent back to China for rework', () => {
    const d = evaluate(rules, chineseDyMagnetsIn('MX', 'CN'), '2025-10-25');
    expect(d.verdict).not.toBe('license_required');
    expect(d.fired.map((r) => r.ruleId)).not.toContain('no61-china-origin-reexport');
  });

  it('still applies §1(3) when the destination is unsaid: only goods said to go into China leave it', () => {
    const d = evaluate(rules, chineseDyMagnetsIn('MX'), '2025-10-25');
    expect(d.fired.find((r) => r.ruleId === 'no61-china-origin-reexport')?.contributes).toBe('license_required');
  });
});

describe('goods described by their Chinese share of value were made outside China (twenty-second session)', () => {
  const magnetsWithChineseShare = { destination: 'MX', item: { form: 'magnet' as const, elementsPresent: ['Dy' as const], hasChineseContent: true, chineseContentPercent: 3 } };

  it('reads them as made and exported outside China, so No. 18\'s shipment from China is not asked', () => {
    const d = evaluate(rules, magnetsWithChineseShare, '2026-11-18');
    expect(d.missing.map((m) => m.fact)).not.toContain('fromChina');
    // After the suspension's end (status unknown) every open path ends with an officer.
    expect(d.verdict).toBe('escalate');
  });

  it('lets a route said decide instead: shipped from China, the No. 18 licence', () => {
    expect(evaluate(rules, { ...magnetsWithChineseShare, shipFrom: 'CN' }, '2026-11-18').verdict).toBe('license_required');
  });
});

describe('machines with Chinese magnets built in are assemblies containing them (No. 61 Annex 1 Part II)', () => {
  const turkishMachines = { madeIn: 'TR', shipFrom: 'TR', destination: 'IQ', item: { form: 'equipment' as const, chinaOrigin: false, hasChineseContent: true } };

  it('escalates them after the suspension ended (status unknown) rather than clearing them as mere equipment', () => {
    const d = evaluate(rules, turkishMachines, '2026-11-18');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.map((c) => c.source)).toContain('CN-ANN-2025-61');
  });

  it('clears them while No. 70 suspended No. 61, and leaves machines with no Chinese content alone', () => {
    expect(evaluate(rules, turkishMachines, '2026-03-18').verdict).toBe('not_required');
    expect(evaluate(rules, { ...turkishMachines, item: { form: 'equipment' as const, chinaOrigin: false } }, '2026-11-18').verdict).toBe('not_required');
  });
});
