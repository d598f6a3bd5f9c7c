/**
 * The facts a rule may test, by name, with how each is read from `Facts` and which values it can take. Derived
 * facts (fromChina, militaryEnd) live here so that rule files stay short and every rule reads them the same way.
 */
import {
  COLLABORATION_KINDS, DOWNSTREAM_KINDS, ELEMENTS, END_USER_KINDS, END_USES, EXPORT_OCCASIONS, FORMS, LICENCE_CHANGES, LICENCES_HELD, MAGNET_TYPES, NO18_ELEMENTS,
  RARE_EARTH_DOWNSTREAM, SECTORS, TECHNOLOGY_AREAS, type Element, type Facts,
} from './facts.js';

/** A composition: which elements are known present or absent, and whether the list is complete. */
export interface Composition {
  readonly kind: 'composition';
  readonly present: readonly Element[];
  readonly absent: readonly Element[];
  readonly complete: boolean;
}

export type FactValue = string | number | boolean | readonly string[] | Composition;

export interface FactDefinition {
  readonly type: 'boolean' | 'enum' | 'number' | 'country' | 'composition' | 'enumList' | 'sourceList';
  readonly values?: readonly string[];
  readonly read: (facts: Facts) => FactValue | undefined;
  /** Shown in traces and used to pick the follow-up question. */
  readonly label: string;
}

/**
 * Goods whose Chinese content is given as a share of their value ("Chinese Dy oxide, 2 % of the magnet value") were
 * made outside China, by whoever makes them there: Chinese-made goods are not described by their Chinese share. Only
 * when no route or place of making is said, which would decide instead.
 */
function madeAbroadByContentShare(f: Facts): boolean {
  const share = f.item?.chineseContentPercent;
  return f.shipFrom === undefined && f.madeIn === undefined && f.item?.chinaOrigin !== true && share !== undefined && share > 0 && share < 100;
}

function fromChina(f: Facts): boolean | undefined {
  if (f.shipFrom !== undefined) return f.shipFrom === 'CN';
  if (f.heldAbroad === true) return false;
  if (f.madeIn === 'CN') return true;
  if (f.madeIn !== undefined) return false;
  if (madeAbroadByContentShare(f)) return false;
  return undefined;
}

function composition(f: Facts): Composition | undefined {
  const item = f.item;
  if (!item) return undefined;
  const present = [...(item.elementsPresent ?? [])];
  if (item.magnetType === 'smco' && !present.includes('Sm')) present.push('Sm');
  const absent = item.elementsAbsent ?? [];
  if (present.length === 0 && absent.length === 0 && !item.compositionComplete) return undefined;
  return { kind: 'composition', present, absent, complete: item.compositionComplete ?? false };
}

const RARE_EARTHS: readonly Element[] = ['Sc', 'Y', 'La', 'Ce', 'Pr', 'Nd', 'Pm', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu'];

/** The sector as stated, or implied by a rare-earth element or a magnet, which can only be rare-earth goods. */
function sector(f: Facts): string | undefined {
  const item = f.item;
  if (!item) return undefined;
  if (item.sector) return item.sector;
  if (item.form === 'battery') return 'battery';
  if (item.form === 'magnet' || item.form === 'magnet_powder' || item.magnetType !== undefined) return 'rare_earth';
  // The FAQ's downstream goods are defined by their rare-earth magnets or materials (a molded sensor, a phosphor): no
  // graphite, battery or superhard item. A device or an unnamed assembly may be anything, so it stays unknown.
  if (item.downstream !== undefined && RARE_EARTH_DOWNSTREAM.includes(item.downstream)) return 'rare_earth';
  if (item.elementsPresent?.some((e) => RARE_EARTHS.includes(e))) return 'rare_earth';
  if (item.elementsPresent?.includes('C')) return 'graphite';
  // Named elements, none of them rare earths or carbon: another industry.
  if (item.elementsPresent && item.elementsPresent.length > 0) return 'other';
  return undefined;
}

/**
 * SmCo when said so; not SmCo when another family is named, or when the whole composition is known and lacks
 * samarium or cobalt ("copper and PVC only, no rare earths"), so such goods are decided without asking the family.
 */
function isSmCo(f: Facts): boolean | undefined {
  const item = f.item;
  if (!item) return undefined;
  if (item.magnetType !== undefined) return item.magnetType === 'smco';
  const present = item.elementsPresent ?? [];
  const absent = item.elementsAbsent ?? [];
  if (absent.includes('Sm') || absent.includes('Co')) return false;
  if (item.compositionComplete && !(present.includes('Sm') && present.includes('Co'))) return false;
  return undefined;
}

function militaryEnd(f: Facts): boolean | undefined {
  const user = f.endUser?.kind;
  const uses = f.endUses;
  if (user === 'military' || user === 'control_list') return true;
  if (uses?.some((u) => u === 'military' || u === 'wmd')) return true;
  if (user !== undefined || (uses !== undefined && uses.length > 0)) return false;
  return undefined;
}

/**
 * The No. 18 elements each listed magnet family may hold (brief R1: SmCo; NdFeB with Dy or Tb), with the gadolinium of
 * SmCo makers' temperature-compensated grades.
 */
const MAGNET_ELEMENTS: Readonly<Record<string, readonly Element[]>> = { smco: ['Sm', 'Gd'], ndfeb: ['Dy', 'Tb'] };

/**
 * "Isolators: housing with SmCo magnets and a TGG crystal inside": a No. 18 element the goods' magnet family cannot
 * hold (terbium beside samarium-cobalt) is in some other material built in. Known only when the family is.
 */
function listedBeyondMagnets(f: Facts): boolean | undefined {
  const family = f.item?.magnetType;
  const own = family === undefined ? undefined : MAGNET_ELEMENTS[family];
  if (own === undefined) return undefined;
  return (f.item?.elementsPresent ?? []).some((e) => (NO18_ELEMENTS as readonly Element[]).includes(e) && !own.includes(e));
}

export const FACTS: Record<string, FactDefinition> = {
  fromChina: { type: 'boolean', read: fromChina, label: 'shipped from China' },
  foreignExporter: {
    type: 'boolean',
    read: (f) => (f.shipFrom !== undefined ? f.shipFrom !== 'CN' : f.heldAbroad === true ? true : f.madeIn !== undefined ? f.madeIn !== 'CN' : madeAbroadByContentShare(f) ? true : undefined),
    label: 'exported by a party outside China',
  },
  madeAbroad: {
    type: 'boolean',
    read: (f) => (f.madeIn !== undefined ? f.madeIn !== 'CN' : f.item?.chinaOrigin === true ? false : madeAbroadByContentShare(f) ? true : undefined),
    label: 'made outside China',
  },
  exportedWithoutLicence: {
    type: 'boolean',
    read: (f) => f.exportedWithoutLicence,
    label: 'goods already exported without a licence',
  },
  mofcomNotice: {
    type: 'boolean',
    read: (f) => f.mofcomNotice,
    label: 'MOFCOM has notified the exporter that a licence is needed',
  },
  evasionProposed: {
    type: 'boolean',
    read: (f) => f.evasionProposed,
    label: 'a plan to disguise or split the goods so the licence or customs pass them by',
  },
  endUserCommitment: {
    type: 'boolean',
    read: (f) => f.endUserCommitment,
    label: 'goods held under a Chinese end-user certificate',
  },
  acquiredYear: {
    type: 'number',
    read: (f) => f.acquiredYear,
    label: 'year the goods held were bought or imported',
  },
  acquiredBeforeControls: {
    type: 'boolean',
    read: (f) => f.acquiredBeforeControls,
    label: 'goods held were bought before the controls, as said',
  },
  exportOccasion: {
    type: 'enum',
    values: EXPORT_OCCASIONS,
    read: (f) => f.exportOccasion,
    label: 'an exhibition or goods carried by hand',
  },
  licenceHeld: {
    type: 'enum',
    values: LICENCES_HELD,
    read: (f) => f.licenceHeld,
    label: 'a licence already held for the goods',
  },
  licenceChange: {
    type: 'enum',
    values: LICENCE_CHANGES,
    read: (f) => f.licenceChange,
    label: 'a change from what a licence held names',
  },
  transitChina: {
    type: 'boolean',
    read: (f) => (f.transitVia !== undefined ? f.transitVia === 'CN' : undefined),
    label: 'passing through China in transit',
  },
  destination: { type: 'country', read: (f) => f.destination ?? f.endUser?.country, label: 'destination country' },
  madeIn: { type: 'country', read: (f) => f.madeIn, label: 'country where the goods were made' },
  'item.elements': { type: 'composition', read: composition, label: 'rare earths contained' },
  'item.form': { type: 'enum', values: FORMS, read: (f) => f.item?.form, label: 'form of the item' },
  'item.magnetType': { type: 'enum', values: MAGNET_TYPES, read: (f) => f.item?.magnetType, label: 'magnet type' },
  'item.smco': { type: 'boolean', read: isSmCo, label: 'a samarium-cobalt magnet material' },
  'item.listedBeyondMagnets': { type: 'boolean', read: listedBeyondMagnets, label: 'a listed element its magnets do not hold' },
  'item.downstream': {
    type: 'enum', values: DOWNSTREAM_KINDS, read: (f) => f.item?.downstream, label: 'kind of downstream product',
  },
  'item.sector': { type: 'enum', values: SECTORS, read: sector, label: 'industry the item serves' },
  'item.heavyRareEarthLikely': {
    type: 'boolean', read: (f) => f.item?.heavyRareEarthLikely, label: 'grade or process that normally contains Dy or Tb',
  },
  'item.besideProduct': {
    type: 'boolean', read: (f) => f.item?.besideProduct, label: 'bare magnets beside a product',
  },
  'item.productionLine': {
    type: 'boolean', read: (f) => f.item?.productionLine, label: 'a whole production line',
  },
  'item.heavyRareEarthPercent': {
    type: 'number', read: (f) => f.item?.heavyRareEarthPercent, label: 'stated Dy or Tb content, % by weight',
  },
  'item.traceImpurityOnly': {
    type: 'boolean', read: (f) => f.item?.traceImpurityOnly, label: 'controlled element only a trace impurity',
  },
  'item.chinaOrigin': {
    type: 'boolean',
    read: (f) => f.item?.chinaOrigin ?? (f.madeIn !== undefined ? f.madeIn === 'CN' : undefined),
    label: 'Chinese-origin goods',
  },
  'item.chineseContentPercent': {
    type: 'number', read: (f) => f.item?.chineseContentPercent, label: 'Chinese-origin content, % of value',
  },
  'item.chineseContent': {
    type: 'boolean',
    read: (f) => f.item?.hasChineseContent ?? (f.item?.chineseContentPercent !== undefined ? f.item.chineseContentPercent > 0 : undefined),
    label: 'holds Chinese-origin rare-earth content',
  },
  'item.chineseMadeParts': {
    type: 'boolean', read: (f) => f.item?.chineseMadeParts, label: 'holds parts made in China',
  },
  'item.madeWithChineseTechnology': {
    type: 'boolean', read: (f) => f.item?.madeWithChineseTechnology, label: 'made with Chinese rare-earth technology',
  },
  'endUser.country': { type: 'country', read: (f) => f.endUser?.country, label: 'country of the end user' },
  'endUser.kind': { type: 'enum', values: END_USER_KINDS, read: (f) => f.endUser?.kind, label: 'end user' },
  'endUser.lists': { type: 'sourceList', read: (f) => f.endUser?.lists, label: 'MOFCOM list naming the end user' },
  'endUser.nearLists': { type: 'sourceList', read: (f) => f.endUser?.nearLists, label: 'MOFCOM list entry the end user nearly matches' },
  endUses: { type: 'enumList', values: END_USES, read: (f) => f.endUses, label: 'end use' },
  militaryEnd: { type: 'boolean', read: militaryEnd, label: 'military end user or end use' },
  'collaboration.kind': {
    type: 'enum', values: COLLABORATION_KINDS, read: (f) => f.collaboration?.kind, label: 'kind of collaboration',
  },
  'collaboration.area': {
    type: 'enum', values: TECHNOLOGY_AREAS, read: (f) => f.collaboration?.area, label: 'technology involved',
  },
  'collaboration.chineseProvider': {
    type: 'boolean', read: (f) => f.collaboration?.chineseProvider, label: 'a Chinese party provides it',
  },
  'collaboration.publicOrBasicResearch': {
    type: 'boolean', read: (f) => f.collaboration?.publicOrBasicResearch, label: 'published or basic research',
  },
  'collaboration.domesticOnly': {
    type: 'boolean', read: (f) => f.collaboration?.domesticOnly, label: 'only Chinese persons in China receive it',
  },
  'collaboration.abroad': {
    type: 'boolean', read: (f) => f.collaboration?.abroad, label: 'the activity is outside China',
  },
};

export const ELEMENT_VALUES: readonly string[] = ELEMENTS;
