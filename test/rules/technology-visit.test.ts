/**
 * Foreign visitors shown Chinese rare-earth technology inside China (an audit, a plant tour): No. 62 counts display
 * and inspection as export, but it is suspended from 7 Nov 2025; the 2023 Catalogue still prohibits exporting the
 * technology, and whether a visit is such an export is unsettled (brief §4, R9, R11). So a visit escalates, and a
 * document handed over is prohibited.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import type { Facts } from '../../src/rules/facts.js';
import { rules } from '../support/understanding.js';

const shown = (area: NonNullable<Facts['collaboration']>['area'], kind: NonNullable<Facts['collaboration']>['kind'] = 'visit'): Facts => ({
  collaboration: { kind, area, chineseProvider: true, abroad: false },
});

describe('a visit to a Chinese plant (techcat-prohibited-collaboration)', () => {
  it('escalates a visit shown Catalogue-prohibited magnet-making technology while No. 62 is suspended', () => {
    const d = evaluate(rules, shown('magnet_preparation'), '2026-05-06');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.map((r) => r.ruleId)).toContain('techcat-prohibited-collaboration');
    expect(d.fired.map((r) => r.ruleId)).not.toContain('techcat-prohibited-technology');
  });

  it('needs a licence at least while No. 62 is in force, and never clears', () => {
    const d = evaluate(rules, shown('magnet_preparation'), '2025-10-20');
    expect(['license_required', 'escalate', 'prohibited']).toContain(d.verdict);
    expect(d.fired.map((r) => r.ruleId)).toContain('no62-technologies');
  });

  it('still prohibits handing over the documents themselves', () => {
    expect(evaluate(rules, shown('magnet_preparation', 'technology_transfer'), '2026-05-06').verdict).toBe('prohibited');
  });
});

describe('a visit that shows Catalogue-restricted technology (techcat-restricted-visit)', () => {
  it('escalates Chinese engineers walking visitors through a beneficiation scheme while No. 62 is suspended', () => {
    const d = evaluate(rules, shown('mining_beneficiation'), '2026-06-25');
    expect(d.verdict).toBe('escalate');
    expect(d.fired.map((r) => r.ruleId)).toContain('techcat-restricted-visit');
    expect(d.citations.map((c) => c.source)).toContain('CN-TECHCAT-2023');
  });

  it('escalates a smelting-plant tour too, and a consulting contract on the same know-how still needs a licence', () => {
    expect(evaluate(rules, shown('smelting'), '2026-01-15').verdict).toBe('escalate');
    expect(evaluate(rules, shown('smelting', 'consulting'), '2026-01-15').verdict).toBe('license_required');
  });
});
