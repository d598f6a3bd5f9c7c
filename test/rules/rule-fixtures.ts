/** For every rule: facts on which it fires, and a near miss on which it does not. A new rule needs an entry. */
import type { Facts } from '../../src/rules/facts.js';

export interface RuleFixture {
  readonly fires: Facts;
  readonly doesNot: Facts;
}

const dyMagnet = { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Dy'] } as const satisfies NonNullable<Facts['item']>;
const plainNdFeB = { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Pr'], compositionComplete: true } as const satisfies NonNullable<Facts['item']>;

export const RULE_FIXTURES: Record<string, RuleFixture> = {
  'no18-listed-items': {
    fires: { item: { ...dyMagnet, elementsPresent: [...dyMagnet.elementsPresent] }, shipFrom: 'CN', destination: 'DE' },
    doesNot: { item: { ...plainNdFeB, elementsPresent: [...plainNdFeB.elementsPresent] }, shipFrom: 'CN', destination: 'DE' },
  },
  'no18-trace-impurity': {
    fires: { item: { form: 'magnet', elementsPresent: ['Tb'], traceImpurityOnly: true }, shipFrom: 'CN' },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Tb'], traceImpurityOnly: false }, shipFrom: 'CN' },
  },
  'no18-low-heavy-rare-earth-content': {
    fires: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Dy'], heavyRareEarthPercent: 0.05 }, shipFrom: 'CN' },
    doesNot: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Dy'], heavyRareEarthPercent: 4 }, shipFrom: 'CN' },
  },
  'no18-heavy-rare-earth-grade': {
    fires: { item: { form: 'magnet', magnetType: 'ndfeb', heavyRareEarthLikely: true }, shipFrom: 'CN' },
    doesNot: { item: { form: 'magnet', magnetType: 'ndfeb', heavyRareEarthLikely: false }, shipFrom: 'CN' },
  },
  'domestic-provision-not-export': {
    fires: { collaboration: { kind: 'training', area: 'magnet_preparation', chineseProvider: true, domesticOnly: true } },
    doesNot: { collaboration: { kind: 'training', area: 'magnet_preparation', chineseProvider: true, domesticOnly: false } },
  },
  'basic-research-public-domain': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true, publicOrBasicResearch: true } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true, publicOrBasicResearch: false } },
  },
  'japan-dual-use-note': {
    fires: { item: { form: 'target', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'JP' },
    doesNot: { item: { form: 'target', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'KR' },
  },
  'japan-listed-entity-military-user': {
    fires: { item: { form: 'finished_product', downstream: 'motor', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'JP', endUser: { lists: ['CN-ANN-2026-11'] } },
    doesNot: { item: { form: 'finished_product', downstream: 'motor', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'JP', endUser: { lists: ['CN-ANN-2026-12'] } },
  },
  'control-list-2026-11': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-11'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-11'] } },
  },
  'control-list-2026-11-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-11'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-11'] } },
  },
  'watch-list-2026-12': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-12'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-12'] } },
  },
  'watch-list-2026-12-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-12'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-12'] } },
  },
  'control-list-2026-20': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-20'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-20'] } },
  },
  'control-list-2026-20-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-20'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-20'] } },
  },
  'control-list-2026-23': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-23'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-23'] } },
  },
  'control-list-2026-23-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-23'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-23'] } },
  },
  'control-list-2026-27': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-27'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-27'] } },
  },
  'control-list-2026-27-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-27'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-27'] } },
  },
  'watch-list-2026-28': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-28'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-28'] } },
  },
  'watch-list-2026-28-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-28'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-28'] } },
  },
  'control-list-2026-30': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { lists: ['CN-ANN-2026-30'] } },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'] }, shipFrom: 'CN', endUser: { nearLists: ['CN-ANN-2026-30'] } },
  },
  'control-list-2026-30-near-match': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { nearLists: ['CN-ANN-2026-30'] } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'magnet_preparation', chineseProvider: true }, endUser: { lists: ['CN-ANN-2026-30'] } },
  },
  'faq-bare-magnets-beside-products': {
    fires: { item: { form: 'magnet', elementsPresent: ['Dy'], besideProduct: true }, shipFrom: 'CN' },
    doesNot: { item: { form: 'magnet', elementsPresent: ['Dy'], besideProduct: false }, shipFrom: 'CN' },
  },
  'no62-goods-catch-all': {
    fires: { item: { form: 'metal', elementsPresent: ['Nd'], compositionComplete: true }, shipFrom: 'CN', destination: 'KR', endUses: ['rare_earth_processing'] },
    doesNot: { item: { form: 'metal', elementsPresent: ['Nd'], compositionComplete: true }, shipFrom: 'CN', destination: 'KR', endUses: ['civil'] },
  },
  'no18-unclear-classification': {
    fires: { item: { form: 'ceramic', elementsPresent: ['Y', 'Zr'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'ceramic', elementsPresent: ['Zr', 'Al'], compositionComplete: true }, shipFrom: 'CN' },
  },
  'faq-downstream-goods': {
    fires: { item: { form: 'component', downstream: 'rotor_stator_assembly', elementsPresent: ['Dy'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'component', downstream: 'other_assembly', elementsPresent: ['Dy'] }, shipFrom: 'CN' },
  },
  'faq-phosphor-materials': {
    fires: { item: { form: 'phosphor', elementsPresent: ['Tb'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Tb'] }, shipFrom: 'CN' },
  },
  'faq-products-with-other-listed-materials': {
    fires: { item: { form: 'finished_product', downstream: 'device', magnetType: 'smco', elementsPresent: ['Sm', 'Co', 'Tb', 'Ga'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'finished_product', downstream: 'device', magnetType: 'smco', elementsPresent: ['Sm', 'Co'] }, shipFrom: 'CN' },
  },
  'assemblies-with-listed-magnets': {
    fires: { item: { form: 'component', downstream: 'other_assembly', elementsPresent: ['Dy'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'component', downstream: 'rotor_stator_assembly', elementsPresent: ['Dy'] }, shipFrom: 'CN' },
  },
  'us-military-ban': {
    fires: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'US', endUser: { kind: 'military' } },
    doesNot: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'US', endUser: { kind: 'civil' } },
  },
  'dfars-covered-country-magnets': {
    fires: { item: { form: 'component', magnetType: 'ndfeb', chinaOrigin: true }, shipFrom: 'US', destination: 'US', endUser: { kind: 'military' } },
    doesNot: { item: { form: 'component', magnetType: 'ferrite', chinaOrigin: true }, shipFrom: 'US', destination: 'US', endUser: { kind: 'military' } },
  },
  'dfars-mined-material-2027': {
    fires: { item: { form: 'magnet', magnetType: 'smco', hasChineseContent: true }, madeIn: 'VN', destination: 'US', endUser: { kind: 'military' } },
    doesNot: { item: { form: 'magnet', magnetType: 'smco', hasChineseContent: true }, madeIn: 'VN', destination: 'US', endUser: { kind: 'civil' } },
  },
  'dfars-2027-expansion-ahead': {
    fires: { item: { form: 'magnet', hasChineseContent: true }, madeIn: 'JP', destination: 'US', endUses: ['military'] },
    doesNot: { item: { form: 'magnet', hasChineseContent: true }, madeIn: 'JP', destination: 'DE', endUses: ['military'] },
  },
  'us-military-end-user-abroad': {
    fires: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'VN', endUser: { kind: 'military', country: 'US' } },
    doesNot: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'VN', endUser: { kind: 'military', country: 'VN' } },
  },
  'japan-military-ban': {
    fires: { item: { form: 'oxide', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'JP', endUses: ['military'] },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'KR', endUses: ['military'] },
  },
  'military-end-use-review': {
    fires: { item: { form: 'metal', elementsPresent: ['Sm'] }, shipFrom: 'CN', destination: 'FR', endUser: { kind: 'military' } },
    doesNot: { item: { form: 'metal', elementsPresent: ['Sm'] }, shipFrom: 'CN', destination: 'FR', endUser: { kind: 'civil' } },
  },
  'advanced-chips-ai-review': {
    fires: { item: { form: 'target', elementsPresent: ['Tb'] }, shipFrom: 'CN', endUses: ['advanced_memory_chips'] },
    doesNot: { item: { form: 'target', elementsPresent: ['Tb'] }, shipFrom: 'CN', endUses: ['civil'] },
  },
  'catch-all': {
    // (A MOFCOM notice fires it too: catch-all-notice.test.ts.)
    fires: { item: { form: 'equipment', sector: 'other' }, shipFrom: 'CN', endUses: ['wmd'] },
    doesNot: { item: { form: 'equipment', sector: 'other' }, shipFrom: 'CN', endUses: ['civil'] },
  },
  'no57-items': {
    fires: { item: { form: 'oxide', elementsPresent: ['Eu'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'oxide', elementsPresent: ['La'], compositionComplete: true }, shipFrom: 'CN' },
  },
  'no57-materials-in-products': {
    fires: { item: { form: 'component', downstream: 'device', elementsPresent: ['Er'] }, shipFrom: 'CN' },
    doesNot: { item: { form: 'optical_fibre', elementsPresent: ['Er'] }, shipFrom: 'CN' },
  },
  'no56-equipment-materials': {
    fires: { item: { form: 'equipment', sector: 'rare_earth' }, shipFrom: 'CN' },
    doesNot: { item: { form: 'equipment', sector: 'battery' }, shipFrom: 'CN' },
  },
  'rare-earth-production-line': {
    fires: { item: { form: 'equipment', sector: 'rare_earth', productionLine: true }, shipFrom: 'CN' },
    doesNot: { item: { form: 'equipment', sector: 'rare_earth' }, shipFrom: 'CN' },
  },
  'no58-battery-items': {
    fires: { item: { form: 'equipment', sector: 'battery' }, shipFrom: 'CN' },
    doesNot: { item: { form: 'equipment', sector: 'rare_earth' }, shipFrom: 'CN' },
  },
  'graphite-other-controls': {
    fires: { item: { form: 'battery_material', sector: 'graphite' }, shipFrom: 'CN' },
    doesNot: { item: { form: 'battery_material', sector: 'battery' }, shipFrom: 'CN' },
  },
  'no55-superhard': {
    fires: { item: { form: 'superhard_material', sector: 'superhard' }, shipFrom: 'CN' },
    doesNot: { item: { form: 'superhard_material', sector: 'superhard' }, shipFrom: 'DE' },
  },
  'gallium-germanium-antimony': {
    fires: { item: { form: 'metal', elementsPresent: ['Ge'] }, shipFrom: 'CN', destination: 'DE' },
    doesNot: { item: { form: 'metal', elementsPresent: ['Ge'] }, shipFrom: 'BE', destination: 'DE' },
  },
  'us-ga-ge-sb-superhard-denial': {
    fires: { item: { form: 'metal', elementsPresent: ['Ga'] }, shipFrom: 'CN', destination: 'US' },
    doesNot: { item: { form: 'metal', elementsPresent: ['Ga'] }, shipFrom: 'CN', destination: 'DE' },
  },
  'no61-china-origin-reexport': {
    fires: { item: { form: 'oxide', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'NL', destination: 'GB' },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Tb'], chinaOrigin: false }, shipFrom: 'NL', destination: 'GB' },
  },
  'no61-china-origin-unlisted': {
    fires: { item: { form: 'oxide', elementsPresent: ['Y'], compositionComplete: true, chinaOrigin: true }, shipFrom: 'SG', destination: 'IN' },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Dy'], compositionComplete: true, chinaOrigin: true }, shipFrom: 'SG', destination: 'IN' },
  },
  'no61-china-origin-parts': {
    fires: { item: { form: 'finished_product', downstream: 'motor', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Dy'], chineseContentPercent: 6 }, madeIn: 'TH', shipFrom: 'TH', destination: 'US' },
    doesNot: { item: { form: 'finished_product', downstream: 'motor', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Dy'], chineseContentPercent: 0 }, madeIn: 'TH', shipFrom: 'TH', destination: 'US' },
  },
  'no61-de-minimis': {
    fires: { item: { ...dyMagnet, elementsPresent: ['Nd', 'Dy'], chineseContentPercent: 3 }, madeIn: 'VN', shipFrom: 'VN', destination: 'MX' },
    doesNot: { item: { ...dyMagnet, elementsPresent: ['Nd', 'Dy'], chineseContentPercent: 0.05 }, madeIn: 'VN', shipFrom: 'VN', destination: 'MX' },
  },
  'no61-direct-product': {
    fires: { item: { form: 'metal', elementsPresent: ['Sm'], madeWithChineseTechnology: true }, madeIn: 'MY', shipFrom: 'MY', destination: 'DE' },
    doesNot: { item: { form: 'metal', elementsPresent: ['Sm'], madeWithChineseTechnology: false }, madeIn: 'MY', shipFrom: 'MY' },
  },
  'no61-denied-end-users': {
    fires: { item: { form: 'target', elementsPresent: ['Gd'] }, madeIn: 'KR', shipFrom: 'KR', endUser: { kind: 'military' } },
    doesNot: { item: { form: 'target', elementsPresent: ['Gd'] }, madeIn: 'KR', shipFrom: 'KR', endUser: { kind: 'civil' } },
  },
  'no61-case-by-case-end-uses': {
    fires: { item: { form: 'target', elementsPresent: ['Gd'] }, madeIn: 'KR', shipFrom: 'KR', endUses: ['advanced_logic_chips'] },
    doesNot: { item: { form: 'target', elementsPresent: ['Gd'] }, madeIn: 'KR', shipFrom: 'KR', endUses: ['civil'] },
  },
  'no61-humanitarian': {
    fires: { item: { form: 'oxide', elementsPresent: ['Dy'] }, madeIn: 'DE', shipFrom: 'DE', endUses: ['humanitarian'] },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Dy'] }, madeIn: 'DE', shipFrom: 'DE', endUses: ['civil'] },
  },
  'end-user-commitment-reexport': {
    fires: { item: { form: 'metal', elementsPresent: ['Lu'], chinaOrigin: true }, shipFrom: 'DE', destination: 'FR' },
    doesNot: { item: { form: 'metal', elementsPresent: ['Lu'], chinaOrigin: true }, shipFrom: 'CN', destination: 'FR' },
  },
  'end-user-certificate-transfer': {
    fires: { item: { form: 'finished_product', downstream: 'motor' }, madeIn: 'IN', shipFrom: 'IN', destination: 'US', endUserCommitment: true },
    doesNot: { item: { form: 'finished_product', downstream: 'motor' }, madeIn: 'IN', shipFrom: 'IN', destination: 'US' },
  },
  'military-end-user-abroad': {
    fires: { item: { form: 'finished_product', downstream: 'device', hasChineseContent: true }, madeIn: 'TW', shipFrom: 'US', destination: 'PL', endUser: { kind: 'military' } },
    doesNot: { item: { form: 'finished_product', downstream: 'device', hasChineseContent: true }, madeIn: 'TW', shipFrom: 'US', destination: 'PL', endUser: { kind: 'civil' } },
  },
  'exhibition-and-carried-exports': {
    fires: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'DE', exportOccasion: 'exhibition' },
    doesNot: { item: { form: 'magnet', magnetType: 'smco' }, shipFrom: 'CN', destination: 'DE' },
  },
  'held-licence-scope': {
    fires: { item: { form: 'oxide', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'PL', licenceHeld: 'single' },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'PL' },
  },
  'licence-change-new-application': {
    fires: { item: { form: 'magnet' }, destination: 'CZ', licenceHeld: 'single', licenceChange: 'recipient' },
    doesNot: { item: { form: 'magnet' }, destination: 'CZ', licenceHeld: 'single', licenceChange: 'quantity' },
  },
  'licence-change-approval': {
    fires: { item: { form: 'oxide', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'KR', licenceHeld: 'single', licenceChange: 'quantity' },
    doesNot: { item: { form: 'oxide', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'KR', licenceHeld: 'single' },
  },
  'licence-evasion': {
    fires: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'PL', evasionProposed: true },
    doesNot: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Tb'] }, shipFrom: 'CN', destination: 'PL' },
  },
  'listed-party-chinese-content': {
    fires: { item: { form: 'component', downstream: 'formed_sensor', hasChineseContent: true }, madeIn: 'TW', shipFrom: 'TW', destination: 'JP', endUser: { lists: ['CN-ANN-2026-11'] } },
    doesNot: { item: { form: 'component', downstream: 'formed_sensor', hasChineseContent: false }, madeIn: 'TW', shipFrom: 'TW', destination: 'JP', endUser: { lists: ['CN-ANN-2026-11'] } },
  },
  'unlicensed-export-made': {
    fires: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'VN', exportedWithoutLicence: true },
    doesNot: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Dy'] }, shipFrom: 'CN', destination: 'VN' },
  },
  'dual-use-transit': {
    fires: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Dy'], chinaOrigin: false }, madeIn: 'KR', transitVia: 'CN', destination: 'KZ' },
    doesNot: { item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Dy'], chinaOrigin: false }, madeIn: 'KR', transitVia: 'SG', destination: 'KZ' },
  },
  'japan-military-chinese-content': {
    fires: { madeIn: 'IN', shipFrom: 'IN', destination: 'JP', endUser: { kind: 'military' }, item: { form: 'finished_product', downstream: 'motor', elementsPresent: ['Dy'], chinaOrigin: false, hasChineseContent: true } },
    doesNot: { madeIn: 'IN', shipFrom: 'IN', destination: 'JP', endUser: { kind: 'civil' }, item: { form: 'finished_product', downstream: 'motor', elementsPresent: ['Dy'], chinaOrigin: false, hasChineseContent: true } },
  },
  'techcat-prohibited-technology': {
    fires: { collaboration: { kind: 'technology_transfer', area: 'magnet_preparation', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'technology_transfer', area: 'magnet_preparation', chineseProvider: false } },
  },
  'techcat-prohibited-collaboration': {
    fires: { collaboration: { kind: 'hiring', area: 'extraction_separation', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'hiring', area: 'product_design', chineseProvider: true } },
  },
  'techcat-restricted-technology': {
    fires: { collaboration: { kind: 'consulting', area: 'mining_beneficiation', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'consulting', area: 'magnet_design', chineseProvider: true } },
  },
  'techcat-restricted-visit': {
    fires: { collaboration: { kind: 'visit', area: 'smelting', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'visit', area: 'product_design', chineseProvider: true } },
  },
  'no58-battery-technology': {
    fires: { collaboration: { kind: 'licensing', area: 'battery', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'licensing', area: 'battery', chineseProvider: false } },
  },
  'techcat-battery-amendment': {
    fires: { collaboration: { kind: 'licensing', area: 'battery', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'licensing', area: 'magnet_preparation', chineseProvider: true } },
  },
  'no62-technologies': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'recycling', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'product_design', chineseProvider: true } },
  },
  'production-line-services': {
    fires: { collaboration: { kind: 'services', area: 'production_line_services', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'services', area: 'production_line_services', chineseProvider: false } },
  },
  'unclear-technology-scope': {
    fires: { collaboration: { kind: 'joint_rnd', area: 'magnet_design', chineseProvider: true } },
    doesNot: { collaboration: { kind: 'joint_rnd', area: 'battery', chineseProvider: true } },
  },
  'no62-overseas-support': {
    fires: { collaboration: { kind: 'jv_investment', area: 'extraction_separation', chineseProvider: true, abroad: true } },
    doesNot: { collaboration: { kind: 'jv_investment', area: 'extraction_separation', chineseProvider: true, abroad: false } },
  },
};
