/** The sentences a non-lawyer reads first. Kept apart from the logic so they can be reviewed as text. */
import type { Decision } from '../rules/decision.js';
import type { ReplyVerdict } from '../rules/verdict.js';
import { shortCountryName } from '../core/country-name.js';
import type { Facts } from '../rules/facts.js';

/** A country's short English name; "ZZ" (unknown, CLDR) is a place outside China that was not named. */
export function countryName(code: string): string {
  if (code === 'ZZ') return 'outside China';
  return shortCountryName(code) ?? code;
}

export const MAX_INPUT_CHARS = 4_000;
export const MAX_REASONS = 4;

export const ELEMENT_NAMES: Record<string, string> = {
  Sm: 'samarium', Gd: 'gadolinium', Tb: 'terbium', Dy: 'dysprosium', Lu: 'lutetium', Sc: 'scandium', Y: 'yttrium',
  Ho: 'holmium', Er: 'erbium', Tm: 'thulium', Eu: 'europium', Yb: 'ytterbium', La: 'lanthanum', Ce: 'cerium',
  Pr: 'praseodymium', Nd: 'neodymium', Ga: 'gallium', Ge: 'germanium', Sb: 'antimony', W: 'tungsten', Ta: 'tantalum',
};

const FORM_NAMES: Record<string, string> = {
  metal: 'metal', alloy: 'alloy', oxide: 'oxide', compound: 'compounds', magnet: 'magnets', magnet_powder: 'magnet powder',
  target: 'sputtering targets', component: 'parts', finished_product: 'products', crystal: 'crystals', ceramic: 'ceramic',
  optical_fibre: 'optical fibre', phosphor: 'phosphors', catalyst: 'catalysts', equipment: 'equipment',
  battery_material: 'battery material', superhard_material: 'superhard material', ore: 'ore', battery: 'lithium batteries',
};

/** "dysprosium magnets", "samarium metal", or "the item". */
export function describeItem(facts: Facts): string {
  const item = facts.item;
  if (!item) return facts.collaboration ? 'this cooperation' : 'the item';
  // Name what makes it controlled: "dysprosium NdFeB magnets", not "neodymium-iron-boron-dysprosium".
  const matrix = new Set(['Nd', 'Pr', 'Fe', 'B', 'Co', 'Al']);
  const present = item.elementsPresent ?? [];
  const named = present.filter((e) => !matrix.has(e) && !(item.magnetType === 'smco' && e === 'Sm'));
  const shown = (named.length > 0 || item.magnetType ? named : present)
    .map((e) => ELEMENT_NAMES[e]).filter((e): e is string => e !== undefined);
  const magnet = item.magnetType === 'smco' ? 'SmCo' : item.magnetType === 'ndfeb' ? 'NdFeB' : '';
  const form = item.form ? FORM_NAMES[item.form] ?? item.form : 'goods';
  const words = [shown.slice(0, 2).join('-'), magnet, form].filter(Boolean);
  return words.join(' ');
}

export function headline(verdict: ReplyVerdict, facts: Facts, decision: Decision | undefined): string {
  const what = describeItem(facts);
  switch (verdict) {
    case 'license_required':
      return facts.collaboration && !facts.item
        ? 'Licence required: this technology needs an export licence before it is provided.'
        : `Licence required: exporting ${what} from China needs a MOFCOM dual-use export licence.`;
    case 'prohibited':
      return 'Prohibited: this is banned under the rules in force, so do not go ahead.';
    case 'escalate':
      return 'A compliance officer needs to decide this one.';
    case 'need_info':
      return `I need a little more information to answer about ${what}.`;
    case 'not_required':
      return decision && decision.fired.length > 0
        ? `No Chinese export licence is needed for ${what} under the rules in force on ${decision.asOf}.`
        : `No Chinese export licence is needed for ${what} under the rules Lodestone holds, as of ${decision?.asOf ?? 'today'}.`;
    case 'none':
      return 'Here is what I can tell you.';
  }
}

export function disclaimer(rulesVersion: string, asOf: string): string {
  return `Not legal advice. Based on Lodestone rules version ${rulesVersion} as of ${asOf}; when unsure, ask compliance.`;
}

export const HELP_TEXT = [
  'Ask me whether something needs a Chinese export licence: a material, a magnet, a part or a product, a re-export of goods with Chinese content, or a cooperation (technology transfer, joint research, a JV, hiring).',
  'Say what it is, where it is made and shipped from, where it goes, and who uses it, e.g. "Sintered NdFeB magnets with Dy from Ningbo to a motor maker in Germany".',
  'I answer with a verdict, the reasons and the citations, and pass unclear cases to the compliance team. Ask "talk to compliance" at any time.',
];

export const OUT_OF_SCOPE_TEXT = [
  'I only answer questions about China\'s export controls on rare earths and related items (magnets, oxides, metals, targets, technologies).',
  'For anything else, please use the usual channels.',
];
