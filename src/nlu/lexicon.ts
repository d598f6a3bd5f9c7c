/**
 * The compiled vocabulary: phrase matchers built once from `rules/vocabulary.yaml` and the country names of
 * i18n-iso-countries, shared by every extractor.
 */
import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';
import {
  ElementSchema, FormSchema,
  type COLLABORATION_KINDS, type DOWNSTREAM_KINDS, type Element, type END_USER_KINDS, type END_USES, type Form, type SECTORS,
  type TECHNOLOGY_AREAS,
} from '../rules/facts.js';
import { createPartyScreener, type PartyScreener } from '../rules/party-screen.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { ListedItem } from '../rules/schema.js';
import type { Knowledge } from './knowledge.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { grammarVerbs } from './grammar.js';
import { escapeRegExp } from './text.js';
import type { Vocabulary } from './vocabulary.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as countries.LocaleData);

export type ItemTag =
  | { kind: 'element'; element: Element; oxide: boolean }
  | { kind: 'compound'; elements: Element[]; magnetType?: string; form?: Form; complete?: boolean; heavyRareEarthLikely?: boolean; grade?: string }
  | { kind: 'form'; form: Form }
  | { kind: 'downstream'; downstream: (typeof DOWNSTREAM_KINDS)[number]; nomenclature?: true }
  | { kind: 'generic' };

export type PlaceTag =
  | { kind: 'place'; country: string; demonym: boolean; gazetteer?: { englishWord: boolean } }
  | { kind: 'defence'; country: string };

export interface Lexicon {
  readonly vocabulary: Vocabulary;
  /** Screens names against MOFCOM's control list and watch list (rules/parties.yaml). */
  readonly parties: PartyScreener;
  readonly knowledge: Knowledge;
  readonly items: PhraseMatcher<ItemTag>;
  readonly places: PhraseMatcher<PlaceTag>;
  /** World cities and provinces (knowledge/places.json): exact names only, as typo matching over thousands of
   * names would be slow and would find places in ordinary words. */
  readonly gazetteer: PhraseMatcher<PlaceTag>;
  /** Case-sensitive element symbols, e.g. "Dy" → Dy. */
  readonly symbols: ReadonlyMap<string, Element>;
  readonly partyNouns: ReadonlySet<string>;
  readonly sectors: PhraseMatcher<(typeof SECTORS)[number]>;
  readonly endUsers: PhraseMatcher<(typeof END_USER_KINDS)[number]>;
  readonly endUses: PhraseMatcher<(typeof END_USES)[number]>;
  readonly collaborationKinds: PhraseMatcher<(typeof COLLABORATION_KINDS)[number]>;
  readonly technologyAreas: PhraseMatcher<(typeof TECHNOLOGY_AREAS)[number]>;
  /** Every single word the lexicon knows, for the out-of-scope guard. */
  readonly words: ReadonlySet<string>;
  /** Control code (1c902, lower case) → element, from `rules/items.yaml`. */
  readonly controlCodes: ReadonlyMap<string, Element>;
  /** Reference HS code → the element (when only one item has it) and form. */
  readonly hsCodes: ReadonlyMap<string, { element?: Element; form: Form }>;
}

/**
 * Each phrase with its last word also in the regular English plural ("armoured vehicle" → "armoured vehicles",
 * "refinery" → "refineries"): who a customer is and what it does are said in either number.
 */
function withPlurals<V>(list: readonly [string, V][]): [string, V][] {
  const plural = (w: string) => (/[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : /(?:[sxz]|[cs]h)$/.test(w) ? `${w}es` : `${w}s`);
  const out: [string, V][] = [...list];
  const known = new Set(list.map(([p]) => p.toLowerCase()));
  for (const [phrase, value] of list) {
    const last = /[a-z]{3,}$/i.exec(phrase);
    if (!last) continue;
    const many = `${phrase.slice(0, last.index)}${plural(last[0])}`;
    if (!known.has(many.toLowerCase())) out.push([many, value]);
  }
  return out;
}

function entries<K extends string, V>(rec: Partial<Record<K, readonly string[]>>, map: (k: K) => V): [string, V][] {
  return (Object.entries(rec) as [K, readonly string[]][]).flatMap(([k, terms]) => terms.map((t) => [t, map(k)] as [string, V]));
}

/** Short all-capital country names ("US", "UK") are matched only as written, so "us" stays a pronoun. */
function countryNames(): [string, PlaceTag][] {
  const out: [string, PlaceTag][] = [];
  for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    for (const name of names) {
      if (name.length <= 3 && name === name.toUpperCase()) continue;
      out.push([name, { kind: 'place', country: code, demonym: false }]);
    }
  }
  return out;
}

const NO_PARTIES: Pick<RuleSet, 'parties' | 'partyScreening'> = { parties: [], partyScreening: { commonWords: [], legalForms: [], relationWords: [], unitNegations: [] } };

/**
 * A listed party written in Chinese or Japanese characters ("防衛研究所", "三菱重工") is read as its listed name before
 * the Chinese glossary reads the words inside it ("研究所": research institute), which would break the name apart.
 */
function keepingPartyNames(knowledge: Knowledge, parties: RuleSet['parties']): Knowledge {
  const cjk = /[\u3040-\u30ff\u3400-\u9fff]/u;
  const names = parties.flatMap((p) => p.aliases.filter((a) => cjk.test(a)).map((a): [string, string] => [a, p.name]))
    .sort((a, b) => b[0].length - a[0].length);
  if (names.length === 0) return knowledge;
  const byAlias = new Map(names);
  const pattern = new RegExp(names.map(([a]) => escapeRegExp(a)).join('|'), 'gu');
  return { ...knowledge, gloss: (text: string) => knowledge.gloss(cjk.test(text) ? text.replace(pattern, (m) => ` ${byAlias.get(m) ?? m} `) : text) };
}

export function buildLexicon(v: Vocabulary, items: readonly ListedItem[], knowledge: Knowledge, lists: Pick<RuleSet, 'parties' | 'partyScreening'> = NO_PARTIES): Lexicon {
  const itemPhrases: [string, ItemTag][] = [];
  const symbols = new Map<string, Element>();
  const controlCodes = new Map<string, Element>();
  for (const [el, def] of Object.entries(v.elements) as [Element, Vocabulary['elements'][Element]][]) {
    if (!def) continue;
    for (const n of def.names) itemPhrases.push([n, { kind: 'element', element: el, oxide: false }]);
    for (const o of def.oxides) itemPhrases.push([o, { kind: 'element', element: el, oxide: true }]);
    for (const s of def.symbols) symbols.set(s, el);
  }
  const hsCodes = new Map<string, { element?: Element; form: Form }>();
  const hsOwners = new Map<string, Set<string>>();
  for (const item of items) {
    const el = ElementSchema.safeParse(item.element);
    if (el.success) controlCodes.set(item.controlCode.toLowerCase(), el.data);
    for (const hs of item.hsCodes) {
      const form = FormSchema.safeParse(hs.form);
      if (!form.success) continue;
      hsOwners.set(hs.code, new Set([...(hsOwners.get(hs.code) ?? []), item.element]));
      const owners = hsOwners.get(hs.code) as Set<string>;
      const only = owners.size === 1 && el.success ? el.data : undefined;
      hsCodes.set(hs.code, only ? { element: only, form: form.data } : { form: form.data });
    }
  }
  for (const c of v.compounds) {
    const tag: ItemTag = { kind: 'compound', elements: c.elements };
    if (c.magnetType) tag.magnetType = c.magnetType;
    if (c.form) tag.form = c.form;
    for (const t of c.terms) itemPhrases.push([t, tag]);
  }
  for (const m of knowledge.materials) {
    const tag: ItemTag = { kind: 'compound', elements: [...m.elements] };
    if (m.magnetType) tag.magnetType = m.magnetType;
    if (m.form) tag.form = m.form;
    if (m.complete) tag.complete = true;
    if (m.heavyRareEarthLikely) tag.heavyRareEarthLikely = true;
    for (const t of m.terms) itemPhrases.push([t, tag]);
  }
  // Forms and products are nouns: each is matched in the plural too ("jet mills", "speed sensors", "compressors").
  itemPhrases.push(...withPlurals(entries(v.forms, (form): ItemTag => ({ kind: 'form', form }))));
  itemPhrases.push(...withPlurals(entries(v.downstream, (downstream): ItemTag => ({ kind: 'downstream', downstream }))));
  for (const g of v.genericItems) itemPhrases.push([g, { kind: 'generic' }]);
  // Products from the HS nomenclature are devices unless the hand-kept vocabulary names them otherwise.
  const named = new Set(itemPhrases.map(([p]) => p.toLowerCase()));
  for (const p of knowledge.products) if (!named.has(p)) itemPhrases.push([p, { kind: 'downstream', downstream: 'device', nomenclature: true }]);

  const placePhrases: [string, PlaceTag][] = [
    ...countryNames(),
    ...entries(v.places, (country): PlaceTag => ({ kind: 'place', country, demonym: false })),
    ...entries(v.demonyms, (country): PlaceTag => ({ kind: 'place', country, demonym: true })),
    // Every country's adjective after the hand-kept ones, which win where both name one.
    ...entries(knowledge.demonyms, (country): PlaceTag => ({ kind: 'place', country, demonym: true })),
    ...entries(v.defenceCompanies, (country): PlaceTag => ({ kind: 'defence', country })),
  ];

  // The gazetteer comes last, so the hand-kept places and country names win where a name is in both.
  const gazetteer: [string, PlaceTag][] = knowledge.places.map((p) => [p.name, { kind: 'place', country: p.country, demonym: false, gazetteer: { englishWord: p.englishWord ?? false } }]);

  const words = new Set<string>();
  const addWords = (phrases: Iterable<string>) => {
    for (const p of phrases) for (const w of p.toLowerCase().split(/[^a-z0-9]+/)) if (w.length > 1) words.add(w);
  };
  addWords(itemPhrases.map(([p]) => p));
  addWords(placePhrases.map(([p]) => p));
  for (const rec of [v.sectors, v.endUsers, v.endUses, v.collaborationKinds, v.technologyAreas]) {
    addWords(Object.values(rec as Record<string, string[]>).flat());
  }
  addWords(v.partyNouns);

  return {
    vocabulary: v,
    parties: createPartyScreener(lists.parties, lists.partyScreening),
    knowledge: keepingPartyNames(knowledge, lists.parties),
    items: new PhraseMatcher(itemPhrases, true, new Set([...grammarVerbs(), ...knowledge.notTypos])),
    places: new PhraseMatcher(placePhrases, true, knowledge.notTypos),
    gazetteer: new PhraseMatcher(gazetteer, false),
    symbols,
    partyNouns: new Set(v.partyNouns),
    sectors: new PhraseMatcher(withPlurals(entries(v.sectors, (s) => s)), false),
    endUsers: new PhraseMatcher(withPlurals(entries(v.endUsers, (s) => s)), false),
    endUses: new PhraseMatcher(withPlurals(entries(v.endUses, (s) => s)), false),
    collaborationKinds: new PhraseMatcher(entries(v.collaborationKinds, (s) => s), false),
    technologyAreas: new PhraseMatcher(entries(v.technologyAreas, (s) => s), false),
    words,
    controlCodes,
    hsCodes,
  };
}
