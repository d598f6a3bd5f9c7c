/**
 * Turns one message into Facts, with the signals the intent fusion needs. Pure and deterministic; the vocabulary
 * comes from `rules/vocabulary.yaml`, so the words it knows are the words the rules speak of.
 */
import type { Facts, ItemFacts } from '../rules/facts.js';
import { extractCollaboration } from './extract-collaboration.js';
import { extractEndUse } from './extract-end-use.js';
import { extractItem } from './extract-items.js';
import { findPlaces, type PlaceMention } from './extract-places.js';
import { extractReferences, type References } from './extract-references.js';
import type { Lexicon } from './lexicon.js';
import { normaliseText, tokenize, type Token } from './text.js';

export interface Signals {
  /** Item words (elements, forms, products) found. */
  readonly goods: number;
  /** Collaboration words (kinds, technology areas) found. */
  readonly collaboration: number;
  /** Goods outside China with Chinese content, origin or technology. */
  readonly reexport: boolean;
  /** The item was named only generically. */
  readonly genericItem: boolean;
  /** The thing to be exported is a word the rules do not know ("bananas"): outside Lodestone's scope. */
  readonly unknownObject: string | undefined;
  /** Share of words the lexicon or classifier knows, filled in by the classifier. */
  readonly references: References;
  readonly tokens: number;
}

export interface Extraction {
  readonly facts: Facts;
  readonly signals: Signals;
}

const MAKE_VERBS = /\b(make|makes|making|made|produce|produces|produced|manufacture|manufactures|manufactured|assemble|assembles|assembled|build|builds|built|sinter|sinters|sintered)\b/i;
const FOREIGN_MADE = /\b(foreign[- ]made|made abroad|made outside (?:of )?china|non[- ]chinese)\b/i;
const CHINA_ORIGIN = /\b(chin(?:ese|a)[- ]origin|of chinese origin|made in china|chinese[- ]made|china[- ]made)\b/i;
const VALUE_WORDS = /\b(value|worth|cost|price|by value)\b/i;

function shareOfValue(text: string, chineseContent: boolean): number | undefined {
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)/gi)) {
    const at = m.index ?? 0;
    const around = text.slice(Math.max(0, at - 70), at + m[0].length + 70);
    if (VALUE_WORDS.test(around) || (chineseContent && /chin(?:a|ese)/i.test(around))) {
      const v = Number(m[1]);
      if (v >= 0 && v <= 100) return v;
    }
  }
  return undefined;
}

function placesToFacts(places: readonly PlaceMention[], text: string, tokens: readonly Token[]): Pick<Facts, 'madeIn' | 'shipFrom' | 'destination'> {
  const first = (role: PlaceMention['role']) => places.find((p) => p.role === role)?.country;
  const origin = first('origin');
  const made = first('made');
  const site = places.find((p) => p.role === 'site');
  const siteIsStore = site !== undefined && tokens.slice(site.end, site.end + 2).some((t) => /^(warehouse|warehouses|depot|hub|office)$/.test(t.low));
  const siteMakes = site !== undefined && tokens.slice(site.end, site.end + 2).some((t) => /^(factory|factories|plant|plants|fab|fabs|mill|mills|workshop|works)$/.test(t.low));
  const madeIn = made ?? (site && !siteIsStore && (siteMakes || MAKE_VERBS.test(text)) ? site.country : undefined);
  const shipFrom = origin ?? site?.country ?? madeIn;
  const destination = places.find((p) => p.role === 'destination' && p.country !== shipFrom)?.country
    ?? places.find((p) => p.role === 'destination')?.country;
  const out: Pick<Facts, 'madeIn' | 'shipFrom' | 'destination'> = {};
  if (madeIn) out.madeIn = madeIn;
  if (shipFrom) out.shipFrom = shipFrom;
  if (destination) out.destination = destination;
  return out;
}

export function extractFacts(rawText: string, lex: Lexicon, sourceIds: readonly string[]): Extraction {
  const text = normaliseText(rawText);
  const tokens = tokenize(text);
  const items = extractItem(tokens, lex);
  const places = findPlaces(tokens, lex);
  const endUse = extractEndUse(tokens, text, lex);
  const collab = extractCollaboration(tokens, text, places, lex);
  const references = extractReferences(text, sourceIds);

  const facts: Facts = { ...placesToFacts(places, text, tokens) };
  const item: ItemFacts = { ...(items.item ?? {}) };
  // "Chinese NdFeB blocks", "Chinese-origin Tb oxide": the goods themselves are of Chinese origin.
  const span = items.itemSpan;
  const chineseGoods = span !== undefined && places.some((p) => p.country === 'CN' && p.role === 'content' && p.start < span[0] && span[0] - p.end <= 1);
  if (chineseGoods && !places.some((p) => p.role === 'made')) facts.madeIn = 'CN';

  const chineseContent = places.some((p) => p.country === 'CN' && p.role === 'content') || CHINA_ORIGIN.test(text);
  const foreignContent = places.some((p) => p.country !== 'CN' && p.role === 'content');
  const chineseTech = places.some((p) => p.country === 'CN' && p.role === 'technology');
  const foreignTech = places.some((p) => p.country !== 'CN' && p.role === 'technology');
  if (chineseGoods && facts.shipFrom !== undefined && facts.shipFrom !== 'CN') item.chinaOrigin = true;
  else if (FOREIGN_MADE.test(text)) item.chinaOrigin = false;
  else if (facts.madeIn !== undefined && facts.madeIn !== 'CN') item.chinaOrigin = false;
  else if (CHINA_ORIGIN.test(text) && facts.shipFrom !== undefined && facts.shipFrom !== 'CN') item.chinaOrigin = true;
  const share = shareOfValue(text, chineseContent);
  if (share !== undefined && (chineseContent || item.chinaOrigin === false)) item.chineseContentPercent = share;
  else if (foreignContent && !chineseContent && /\bonly\b/i.test(text)) item.chineseContentPercent = 0;
  if (chineseTech) item.madeWithChineseTechnology = true;
  else if (foreignTech && /\bonly\b/i.test(text)) item.madeWithChineseTechnology = false;
  for (const code of references.controlCodes) {
    const el = lex.controlCodes.get(code.toLowerCase());
    if (el && !(item.elementsPresent ?? []).includes(el)) item.elementsPresent = [...(item.elementsPresent ?? []), el];
    item.controlCode ??= code;
  }
  const hs = references.hsCodes[0];
  if (hs && /^\d{4,10}$/.test(hs)) {
    item.hsCode = hs;
    // A reference tariff line of a listed item says its form, and its element when only one item uses it.
    const known = lex.hsCodes.get(hs);
    if (known) {
      item.form ??= known.form;
      if (known.element && !(item.elementsPresent ?? []).includes(known.element)) item.elementsPresent = [...(item.elementsPresent ?? []), known.element];
    }
  }
  const sector = lex.sectors.find(tokens)[0]?.value;
  if (sector && sector !== 'rare_earth') item.sector = sector;
  if (sector === 'rare_earth' && (item.form === 'equipment' || item.form === 'ore')) item.sector = 'rare_earth';
  if (Object.keys(item).length > 0) facts.item = item;

  if (endUse.endUser) {
    facts.endUser = { kind: endUse.endUser };
  }
  if (endUse.endUses.length > 0) facts.endUses = endUse.endUses;
  const defence = places.find((p) => p.defence);
  if (defence && !facts.destination) facts.destination = defence.country;

  if (collab.kind || collab.area) {
    const c: NonNullable<Facts['collaboration']> = {};
    if (collab.kind) c.kind = collab.kind;
    if (collab.area) c.area = collab.area;
    if (collab.chineseProvider !== undefined) c.chineseProvider = collab.chineseProvider;
    if (collab.abroad !== undefined) c.abroad = collab.abroad;
    facts.collaboration = c;
  }
  if (references.asOf) facts.asOf = references.asOf;

  const outside = (facts.shipFrom !== undefined && facts.shipFrom !== 'CN') || (facts.madeIn !== undefined && facts.madeIn !== 'CN');
  return {
    facts,
    signals: {
      goods: items.hits + (facts.item?.form !== undefined && facts.item.sector !== undefined ? 1 : 0),
      collaboration: collab.hits,
      reexport: outside && (chineseContent || chineseTech || item.chinaOrigin === true),
      genericItem: items.genericOnly,
      unknownObject: items.unknownObject,
      references,
      tokens: tokens.length,
    },
  };
}
