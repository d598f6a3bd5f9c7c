/**
 * Brief R25 (no content threshold for No. 18 magnets; a supplier's "under 0.1 % is exempt" is a claim the rules do
 * not support) and R26 (published results or basic research may lower a No. 62 answer, never a catalogue-prohibited
 * preparation technology; unconfirmed).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { msg, newAssistant, rules } from '../support/understanding.js';

describe('R25: no threshold for Dy or Tb in No. 18 magnets', () => {
  it('a trace of Dy is a licence, citing the customs decision, and the supplier\'s exemption is answered as a claim', () => {
    const r = newAssistant('2026-11-30T09:00:00Z').handle(msg('Our supplier says NdFeB magnets with under 0.1 % Dy are exempt. Ours have 0.05 % Dy and ship from Ningbo to Germany. Licence?', 'r25a'));
    expect(['license_required', 'escalate']).toContain(r.verdict);
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-18', 'CN-CUS-2026-YS']));
    expect(r.reasons.join(' ')).toMatch(/has no official basis/);
  });

  it('the rule fires only on a stated content under 1 %, never lowers the verdict', () => {
    const item = { form: 'magnet' as const, magnetType: 'ndfeb' as const, elementsPresent: ['Nd' as const, 'Dy' as const] };
    const low = evaluate(rules, { item: { ...item, heavyRareEarthPercent: 0.05 }, shipFrom: 'CN', destination: 'DE' }, '2026-11-30');
    const high = evaluate(rules, { item: { ...item, heavyRareEarthPercent: 4 }, shipFrom: 'CN', destination: 'DE' }, '2026-11-30');
    expect(low.verdict).toBe('license_required');
    expect(high.verdict).toBe('license_required');
    expect(low.fired.map((f) => f.ruleId)).toContain('no18-low-heavy-rare-earth-content');
    expect(high.fired.map((f) => f.ruleId)).not.toContain('no18-low-heavy-rare-earth-content');
  });
});

describe('R26: published results and basic research', () => {
  const joint = { kind: 'joint_rnd' as const, chineseProvider: true };
  it('never clears catalogue-prohibited magnet preparation technology', () => {
    const d = evaluate(rules, { collaboration: { ...joint, area: 'magnet_preparation', publicOrBasicResearch: true } }, '2026-03-01');
    expect(['prohibited', 'escalate']).toContain(d.verdict);
    expect(d.verdict).not.toBe('not_required');
  });

  it('is cited, unconfirmed, when it bears on the answer', () => {
    const d = evaluate(rules, { collaboration: { ...joint, area: 'recycling', publicOrBasicResearch: true } }, '2026-03-01');
    expect(d.citations.map((c) => c.source)).toContain('CN-DUL-2024-51');
    expect(d.fired.find((f) => f.ruleId === 'basic-research-public-domain')?.confirmed).toBe(false);
    expect(d.verdict).not.toBe('not_required');
  });

  it('is no question for know-how the lists do not name (a product\'s drawings, ferrite), and still one when the area is unread', () => {
    for (const area of ['product_design', 'no_rare_earth'] as const) {
      const d = evaluate(rules, { collaboration: { ...joint, area, abroad: true } }, '2026-08-12');
      expect(d.verdict).toBe('not_required');
      expect(d.missing.map((m) => m.fact)).not.toContain('collaboration.publicOrBasicResearch');
    }
    const unread = evaluate(rules, { collaboration: { ...joint, publicOrBasicResearch: true } }, '2026-03-01');
    expect(unread.fired.map((f) => f.ruleId)).toContain('basic-research-public-domain');
  });

  it('reads the offered answer to its question as an answer about the work asked, not as a greeting', () => {
    const a = newAssistant('2026-06-25T09:00:00Z');
    a.handle(msg('A Chinese institute wants to do joint research with our Lyon lab on rare earths. Anything to check?', 'r26'));
    const r = a.handle(msg('Only published results', 'r26'));
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.facts?.collaboration).toMatchObject({ kind: 'joint_rnd', chineseProvider: true, publicOrBasicResearch: true });
    expect(r.verdict).toBe('escalate');
  });
});
