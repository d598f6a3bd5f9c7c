/**
 * The 25 worked examples of the domain brief (section 9), as facts, with the verdicts the brief gives. They run
 * at the level of facts, so they pin the rules and the engine independently of language understanding.
 */
import { describe, expect, it } from 'vitest';
import type { Facts } from '../../src/rules/facts.js';
import { evaluate } from '../../src/rules/engine.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import type { Verdict } from '../../src/rules/verdict.js';

const rules = loadRuleSet('rules');
const BEFORE_NOV_2026 = '2026-03-01';

interface Example {
  n: number;
  what: string;
  facts: Facts;
  verdicts: Verdict[];
  cites?: string[];
  asOf?: string;
}

const dyMagnet: NonNullable<Facts['item']> = { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Dy'] };

const examples: Example[] = [
  { n: 1, what: 'sintered NdFeB with 4 % Dy from Ningbo to Germany',
    facts: { item: { ...dyMagnet, elementsPresent: ['Nd', 'Dy'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-18'] },
  { n: 2, what: 'NdFeB with no Dy or Tb (Nd, Pr, Fe, B, Al)',
    facts: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Pr', 'Fe', 'B', 'Al'], compositionComplete: true }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['not_required'] },
  { n: 3, what: 'grain-boundary-diffused magnets with 0.3 % Tb',
    facts: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Tb'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-18'] },
  { n: 3, what: 'Tb only as an unintended trace impurity',
    facts: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Tb'], traceImpurityOnly: true }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['escalate'] },
  { n: 4, what: 'rotor assemblies with magnets glued in',
    facts: { item: { form: 'component', downstream: 'rotor_stator_assembly', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['not_required'], cites: ['CN-FAQ-RE'] },
  { n: 4, what: 'rotor assemblies for a defence customer',
    facts: { item: { form: 'component', downstream: 'rotor_stator_assembly', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'DE', endUser: { kind: 'military' } },
    verdicts: ['escalate'] },
  { n: 5, what: 'complete EV traction motors with Dy magnets',
    facts: { item: { form: 'finished_product', downstream: 'motor', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'ES' },
    verdicts: ['not_required'], cites: ['CN-FAQ-RE'] },
  { n: 6, what: 'loose SmCo magnets to a US defence prime',
    facts: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'US', endUser: { kind: 'military' } },
    verdicts: ['prohibited'], cites: ['CN-ANN-2025-18', 'CN-ANN-2024-46'] },
  { n: 7, what: 'Gd sputtering targets to a fab in Korea',
    facts: { item: { form: 'target', elementsPresent: ['Gd'] }, shipFrom: 'CN', destination: 'KR' },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-18'] },
  { n: 7, what: 'Tb targets to a fab making 256-layer memory',
    facts: { item: { form: 'target', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'KR', endUses: ['advanced_memory_chips'] },
    verdicts: ['escalate'] },
  { n: 8, what: 'high-purity yttrium oxide',
    facts: { item: { form: 'oxide', elementsPresent: ['Y'] }, shipFrom: 'CN', destination: 'US' },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-18'] },
  { n: 9, what: 'yttria-stabilised zirconia powder',
    facts: { item: { form: 'ceramic', elementsPresent: ['Y', 'Zr'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['escalate'], cites: ['CN-ANN-2025-18'] },
  { n: 10, what: 'Vietnam-made Dy magnets, Chinese Dy oxide 3 % of value, to Mexico',
    facts: { item: { ...dyMagnet, chineseContentPercent: 3 }, madeIn: 'VN', shipFrom: 'VN', destination: 'MX' },
    verdicts: ['not_required'], cites: ['CN-ANN-2025-61', 'CN-ANN-2025-70'] },
  { n: 10, what: 'the same after 10 Nov 2026', asOf: '2026-11-28',
    facts: { item: { ...dyMagnet, chineseContentPercent: 3 }, madeIn: 'VN', shipFrom: 'VN', destination: 'MX' },
    verdicts: ['escalate'], cites: ['CN-ANN-2025-61', 'CN-ANN-2025-70'] },
  { n: 11, what: 'Chinese content 0.05 % of value',
    facts: { item: { ...dyMagnet, chineseContentPercent: 0.05 }, madeIn: 'VN', shipFrom: 'VN', destination: 'MX' },
    verdicts: ['not_required'] },
  { n: 11, what: '0.05 % after 10 Nov 2026 (technology rule status unknown)', asOf: '2026-11-28',
    facts: { item: { ...dyMagnet, chineseContentPercent: 0.05 }, madeIn: 'VN', shipFrom: 'VN', destination: 'MX' },
    verdicts: ['escalate', 'need_info'] },
  { n: 12, what: 'Dutch warehouse resells Chinese-origin Tb oxide to the UK',
    facts: { item: { form: 'oxide', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'NL', destination: 'GB' },
    verdicts: ['escalate'], cites: ['CN-ANN-2025-61'] },
  { n: 12, what: 'the same while No. 61 §1(3) applied', asOf: '2025-10-20',
    facts: { item: { form: 'oxide', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'NL', destination: 'GB' },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-61'] },
  { n: 13, what: 'laptop assembled in Malaysia with Chinese-Dy speaker magnets',
    facts: { item: { form: 'finished_product', downstream: 'device', elementsPresent: ['Dy'] }, madeIn: 'MY', shipFrom: 'MY', destination: 'BR' },
    verdicts: ['not_required'], cites: ['CN-ANN-2025-61', 'CN-ANN-2025-70'] },
  { n: 14, what: 'JV engineer e-mails NdFeB sintering parameters to Germany',
    facts: { collaboration: { kind: 'technology_transfer', area: 'magnet_preparation', chineseProvider: true, abroad: true } },
    verdicts: ['prohibited'], cites: ['CN-TECHCAT-2023'] },
  { n: 15, what: 'Chinese technicians commission a magnet line in Germany',
    facts: { collaboration: { kind: 'services', area: 'production_line_services', chineseProvider: true, abroad: true } },
    verdicts: ['escalate', 'prohibited'], cites: ['CN-ANN-2025-62', 'CN-TECHCAT-2023'] },
  { n: 16, what: 'JV licenses its RE separation process to the foreign parent',
    facts: { collaboration: { kind: 'licensing', area: 'extraction_separation', chineseProvider: true } },
    verdicts: ['prohibited'], cites: ['CN-TECHCAT-2023'] },
  { n: 17, what: 'joint research on magnet recycling with a Chinese university',
    facts: { collaboration: { kind: 'joint_rnd', area: 'recycling', chineseProvider: true } },
    verdicts: ['escalate'], cites: ['CN-ANN-2025-62'] },
  { n: 18, what: 'Dy magnets for a European missile programme',
    facts: { item: dyMagnet, shipFrom: 'CN', destination: 'FR', endUses: ['military'] },
    verdicts: ['escalate', 'prohibited'], cites: ['CN-ANN-2025-18'] },
  { n: 19, what: 'Sm metal to a regular US civilian customer',
    facts: { item: { form: 'metal', elementsPresent: ['Sm'] }, shipFrom: 'CN', destination: 'US', endUser: { kind: 'civil' } },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-18'] },
  { n: 21, what: 'Gd oxide for AI research with military applications',
    facts: { item: { form: 'oxide', elementsPresent: ['Gd'] }, shipFrom: 'CN', destination: 'GB', endUses: ['ai_military'] },
    verdicts: ['escalate'], cites: ['CN-ANN-2025-18'] },
  { n: 22, what: 'Dy magnets to a Japanese automaker (civil)',
    facts: { item: dyMagnet, shipFrom: 'CN', destination: 'JP', endUser: { kind: 'civil' } },
    verdicts: ['license_required'], cites: ['CN-ANN-2025-18'] },
  { n: 22, what: 'Dy magnets to a Japanese defence user',
    facts: { item: dyMagnet, shipFrom: 'CN', destination: 'JP', endUser: { kind: 'military' } },
    verdicts: ['prohibited'], cites: ['CN-ANN-2026-01'] },
  { n: 23, what: 'erbium-doped fibre',
    facts: { item: { form: 'optical_fibre', elementsPresent: ['Er'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['not_required'], cites: ['CN-ANN-2025-57', 'CN-ANN-2025-70'] },
  { n: 23, what: 'holmium laser crystal in a yttrium host',
    facts: { item: { form: 'crystal', elementsPresent: ['Ho', 'Y'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['escalate'] },
  { n: 24, what: 'artificial graphite anode material',
    facts: { item: { form: 'battery_material', sector: 'graphite', elementsPresent: ['C'] }, shipFrom: 'CN', destination: 'HU' },
    verdicts: ['escalate'] },
  { n: 24, what: 'lithium-ion cell production equipment',
    facts: { item: { form: 'equipment', sector: 'battery' }, shipFrom: 'CN', destination: 'HU' },
    verdicts: ['not_required'], cites: ['CN-ANN-2025-58'] },
  { n: 25, what: 'October 2025 rules in November 2026 (Er oxide)', asOf: '2026-11-28',
    facts: { item: { form: 'oxide', elementsPresent: ['Eu'] }, shipFrom: 'CN', destination: 'DE' },
    verdicts: ['escalate'], cites: ['CN-ANN-2025-57', 'CN-ANN-2025-70'] },
];

describe('brief §9 worked examples, at the level of facts', () => {
  for (const ex of examples) {
    it(`example ${ex.n}: ${ex.what} → ${ex.verdicts.join(' or ')}`, () => {
      const d = evaluate(rules, ex.facts, ex.asOf ?? BEFORE_NOV_2026);
      expect(ex.verdicts).toContain(d.verdict);
      const cited = d.citations.map((c) => c.source);
      for (const s of ex.cites ?? []) expect(cited).toContain(s);
      expect(d.reasons.length).toBeGreaterThan(0);
    });
  }

  it('example 20 and the process questions are information, covered by topics with their sources', () => {
    const customs = rules.topics.find((t) => t.id === 'customs-challenge');
    expect(customs?.sources.map((s) => s.id)).toContain('CN-GAC-2025-123');
    expect(customs?.answer.join(' ')).toMatch(/7 working days/);
  });
});
