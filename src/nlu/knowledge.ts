/**
 * Knowledge from reference tables (`knowledge/`): the periodic table for chemical formulas, magnet grade tables,
 * named materials, Chinese terms and chat shorthand. Loaded and validated once; pure functions read it.
 */
import countries from 'i18n-iso-countries';
import { shortCountryName } from '../core/country-name.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { z } from 'zod';
import { parseYaml } from '../core/read-yaml.js';
import { escapeRegExp, wordsPattern } from './text.js';
import { ElementSchema, FormSchema, MagnetTypeSchema, type Element, type Form } from '../rules/facts.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/zh.json') as countries.LocaleData);

const Terms = z.array(z.string().min(1));

const MaterialSchema = z.object({
  terms: Terms,
  elements: z.array(ElementSchema).default([]),
  magnetType: MagnetTypeSchema.optional(),
  form: FormSchema.optional(),
  /** The elements listed are the whole of its rare-earth content. */
  complete: z.boolean().optional(),
  heavyRareEarthLikely: z.boolean().optional(),
}).strict();

const GradeSchema = z.object({
  family: z.string().min(1),
  pattern: z.string().min(1),
  caseSensitive: z.boolean().optional(),
  magnetType: MagnetTypeSchema,
  form: FormSchema,
  elements: z.array(ElementSchema).default([]),
  complete: z.boolean().optional(),
  heavyRareEarthLikelyWhen: z.object({ group: z.number().int().min(1), values: Terms }).strict().optional(),
}).strict();

const FilesSchema = {
  elements: z.object({ symbols: Terms, rareEarths: z.array(ElementSchema), nonMetals: Terms, ligands: Terms }).strict(),
  materials: z.object({ grades: z.array(GradeSchema), materials: z.array(MaterialSchema) }).strict(),
  chinese: z.object({ elements: z.record(z.string(), z.string()), prefixes: z.record(z.string(), z.string()), terms: z.record(z.string(), z.string()) }).strict(),
  abbreviations: z.object({ words: z.record(z.string(), z.string()), names: Terms, arrows: Terms }).strict(),
  scope: z.object({
    foreignRegimes: z.array(z.object({
      name: z.string().min(1), terms: Terms, pointer: z.string().min(1), source: z.string().optional(),
      /** The pointer when the question names the country whose regime it is: "{country}" stands for its name. */
      countryPointer: z.string().includes('{country}').optional(),
    }).strict()),
    chineseScope: Terms,
  }).strict(),
  language: z.object({
    magnetsInsideBefore: Terms, magnetsInsideAfter: Terms, provisionVerbs: Terms, learningVerbs: Terms, knowHowNouns: Terms, othersPossessives: Terms, requestNouns: Terms, goodsDocumentNouns: Terms, looseWords: Terms, comparisonWords: Terms, domesticPhrases: Terms,
    /** Grammar word lists, read by src/nlu/grammar.ts. */
    words: z.record(z.string(), Terms),
  }).strict(),
};

export interface LanguageCues {
  readonly magnetsInsideBefore: ReadonlySet<string>;
  readonly magnetsInsideAfter: ReadonlySet<string>;
  readonly provisionVerbs: ReadonlySet<string>;
  readonly learningVerbs: ReadonlySet<string>;
  readonly knowHowNouns: ReadonlySet<string>;
  readonly othersPossessives: ReadonlySet<string>;
  readonly requestNouns: ReadonlySet<string>;
  readonly goodsDocumentNouns: ReadonlySet<string>;
  readonly looseWords: ReadonlySet<string>;
  readonly comparisonWords: ReadonlySet<string>;
  readonly domesticPhrases: readonly string[];
}

export type Material = z.infer<typeof MaterialSchema>;

export interface GradeMatch {
  readonly text: string;
  readonly family: string;
  readonly start: number;
  readonly end: number;
  readonly magnetType: z.infer<typeof MagnetTypeSchema>;
  readonly form: Form;
  readonly elements: readonly Element[];
  readonly complete: boolean;
  readonly heavyRareEarthLikely: boolean;
}

export interface Formula {
  /** Every symbol in the formula, known to the rules or not. */
  readonly symbols: readonly string[];
  /** The symbols that are elements the rules know. */
  readonly elements: readonly Element[];
  /** The form the formula implies, when it is plain: an oxide (only rare earths and oxygen), a salt, an alloy. */
  readonly form: Form | undefined;
}

export interface ForeignRegime {
  readonly name: string;
  readonly pointer: string;
  readonly source?: string;
}

const PlacesSchema = z.object({
  source: z.string(),
  minPopulation: z.number(),
  places: z.array(z.object({
    name: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/), kind: z.enum(['city', 'province']), englishWord: z.boolean().optional(),
  }).strict()),
}).strict();
export type GazetteerPlace = z.infer<typeof PlacesSchema>['places'][number];

/** Adjectives of nationality by ISO code ("NO": ["norwegian"]), built from world-countries. */
const DemonymsSchema = z.object({ source: z.string(), demonyms: z.record(z.string().regex(/^[A-Z]{2}$/), z.array(z.string().min(1))) }).strict();
/** English words one or two letters from a vocabulary word ("ferries", "magnate"): never read as its typo. */
const NotTyposSchema = z.object({ source: z.string(), words: z.array(z.string().regex(/^[a-z]+$/)) }).strict();
/** Names of finished products from the Harmonized System's machinery, electrical and instrument chapters. */
const ProductsSchema = z.object({ source: z.string(), products: z.array(z.string().regex(/^[a-z][a-z -]*[a-z]$/)) }).strict();

export interface Knowledge {
  /** Cities and provinces of the world with their countries (knowledge/places.json, built by a script). */
  readonly places: readonly GazetteerPlace[];
  /** Adjectives of nationality of every country, by ISO code (knowledge/demonyms.json, built by a script). */
  readonly demonyms: Readonly<Record<string, readonly string[]>>;
  /** Real English words that the typo-tolerant matchers must take as themselves (knowledge/not-typos.json, built by a script). */
  readonly notTypos: ReadonlySet<string>;
  /** Finished products ("refrigerators", "sewing machines"): goods that hold any magnets built in (knowledge/products.json, built by a script). */
  readonly products: readonly string[];
  /** Another country's rules the question is about: a listed regime, or `regimeCountry`'s licence named by its country. */
  foreignRegime(text: string, regimeCountry?: string): ForeignRegime | undefined;
  readonly materials: readonly Material[];
  readonly cues: LanguageCues;
  readonly rareEarths: ReadonlySet<Element>;
  /** The non-metals and metalloids: a hyphened run of symbols without them ("Al-Mg-Sc") is an alloy. */
  readonly nonMetals: ReadonlySet<string>;
  /** Rewrites Chinese terms, shorthand and arrows ("cn->de") into the English the extractors read. */
  gloss(text: string): string;
  grades(text: string): GradeMatch[];
  /** Reads a token as a chemical formula ("Tb4O7", "DyF3", "Y2O3:Eu"), or null. */
  formula(token: string): Formula | null;
}

let simplify: ((text: string) => string) | undefined;
/** Traditional Chinese (Hong Kong and Taiwan forms) to simplified, by OpenCC's tables; built on the first Chinese text. */
function toSimplified(text: string): string {
  if (!simplify) {
    const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    simplify = (x) => tw(hk(x));
  }
  return simplify(text);
}

/** A knowledge file read with zod: YAML written by hand, or JSON built by a script (places, not-typos, demonyms, products). */
function readChecked<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const text = readFileSync(file, 'utf8');
  const r = schema.safeParse(file.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

function load<T extends z.ZodType>(dir: string, name: keyof typeof FilesSchema, schema: T): z.infer<T> {
  return readChecked(join(dir, `${name}.yaml`), schema);
}


export function loadKnowledge(dir: string): Knowledge {
  const elements = load(dir, 'elements', FilesSchema.elements);
  const materials = load(dir, 'materials', FilesSchema.materials);
  const chinese = load(dir, 'chinese', FilesSchema.chinese);
  const abbreviations = load(dir, 'abbreviations', FilesSchema.abbreviations);
  const language = load(dir, 'language', FilesSchema.language);
  const scope = load(dir, 'scope', FilesSchema.scope);
  const places = readChecked(join(dir, 'places.json'), PlacesSchema).places;
  const cues: LanguageCues = {
    magnetsInsideBefore: new Set(language.magnetsInsideBefore),
    magnetsInsideAfter: new Set(language.magnetsInsideAfter),
    provisionVerbs: new Set(language.provisionVerbs),
    learningVerbs: new Set(language.learningVerbs),
    knowHowNouns: new Set(language.knowHowNouns),
    othersPossessives: new Set(language.othersPossessives),
    requestNouns: new Set(language.requestNouns),
    goodsDocumentNouns: new Set(language.goodsDocumentNouns),
    looseWords: new Set(language.looseWords),
    comparisonWords: new Set(language.comparisonWords),
    domesticPhrases: language.domesticPhrases,
  };
  const notTypos = new Set(readChecked(join(dir, 'not-typos.json'), NotTyposSchema).words);
  const demonyms = readChecked(join(dir, 'demonyms.json'), DemonymsSchema).demonyms;
  const products = readChecked(join(dir, 'products.json'), ProductsSchema).products;
  return { ...createKnowledge(elements, materials, chinese, abbreviations, cues, scope, places), notTypos, demonyms, products };
}

function createKnowledge(
  elements: z.infer<typeof FilesSchema.elements>,
  materials: z.infer<typeof FilesSchema.materials>,
  chinese: z.infer<typeof FilesSchema.chinese>,
  abbreviations: z.infer<typeof FilesSchema.abbreviations>,
  cues: LanguageCues,
  scope: z.infer<typeof FilesSchema.scope>,
  places: readonly GazetteerPlace[],
): Omit<Knowledge, 'notTypos' | 'demonyms' | 'products'> {
  const regimes = scope.foreignRegimes.map((r) => ({ regime: { name: r.name, pointer: r.pointer, ...(r.source ? { source: r.source } : {}) }, countryPointer: r.countryPointer, re: wordsPattern(r.terms) }));
  const chineseScope = wordsPattern(scope.chineseScope);
  const symbols = new Set(elements.symbols);
  const rareEarths = new Set<Element>(elements.rareEarths);
  const known = new Set<string>(ElementSchema.options);

  // Chinese: element-first compounds (氧化镝 → "dysprosium oxide"), then terms longest first, then lone elements.
  const elementChars = Object.keys(chinese.elements).join('');
  const prefixed = new RegExp(`(${Object.keys(chinese.prefixes).map(escapeRegExp).join('|')})([${elementChars}]+)`, 'gu');
  // Country names in Chinese (CLDR's, from i18n-iso-countries' zh locale) read as their English names; the file's own
  // terms come first where both name one ("中国": China).
  const countryTerms = Object.entries(countries.getNames('zh', { select: 'all' })).flatMap(([code, names]) => {
    const english = countries.getName(code, 'en');
    return english ? names.map((zh): [string, string] => [zh, english]) : [];
  });
  const terms = [...new Map([...countryTerms, ...Object.entries(chinese.terms)])].sort((a, b) => b[0].length - a[0].length);
  const termPattern = terms.length ? new RegExp(terms.map(([t]) => escapeRegExp(t)).join('|'), 'gu') : null;
  const termMap = new Map(terms);
  const lonePattern = new RegExp(`[${elementChars}]`, 'gu');
  const abbrev = new Map(Object.entries(abbreviations.words).map(([k, v]) => [k.toLowerCase(), v]));
  const abbrevPattern = new RegExp(`(?<![\\p{L}\\p{N}-])(${[...abbrev.keys()].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}-])`, 'giu');
  const keptNames = new RegExp(`(?<![\\p{L}\\p{N}])(?:${abbreviations.names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const arrows = abbreviations.arrows.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|');
  const codeArrow = new RegExp(`\\b([A-Za-z]{2})\\s*(?:${arrows})\\s*([A-Za-z]{2})\\b`, 'g');
  const wordArrow = new RegExp(`([\\p{L}][\\p{L}'.-]*)\\s*(?:${arrows.split('|').filter((a) => a !== '>').join('|')})\\s*`, 'gu');

  const grades = materials.grades.map((g) => ({ def: g, re: new RegExp(`(?<![\\p{L}\\p{N}])${g.pattern}(?![\\p{L}\\p{N}])`, g.caseSensitive ? 'gu' : 'giu') }));

  const ligands = new Set(elements.ligands);
  /**
   * "Y(NO3)3·6H2O", "Sc(OTf)3", "Eu(acac)3": a bracketed group is a formula or an organic ligand's abbreviation, and a
   * hydrate's water is no part of what the compound is.
   */
  function parseFormula(raw: string): string[] | null {
    const part = raw.replace(/[·.*•]\d*(?:x|n)?H2O$/, '');
    if (!part.includes('(')) return parsePlain(part);
    const out: string[] = [];
    for (const piece of part.split(/(\([^()]+\)\d*)/).filter((p) => p !== '')) {
      const group = /^\(([^()]+)\)\d*$/.exec(piece);
      if (!group) {
        const plain = parsePlain(piece);
        if (!plain) return null;
        out.push(...plain);
        continue;
      }
      const inner = group[1] as string;
      if (ligands.has(inner)) continue;
      const plain = parsePlain(inner);
      if (!plain) return null;
      out.push(...plain);
    }
    return out.length > 0 ? out : null;
  }

  /** The one reading of a lower-case formula whose symbols name a rare earth ("gd2o3" → "Gd2O3"), or null. */
  function recapitalised(low: string): string | null {
    const readings: string[] = [];
    // At least two symbols: "eu27" is the European Union's 27, not europium.
    const walk = (at: number, built: string, rare: boolean, count = 0) => {
      if (readings.length > 1) return;
      if (at === low.length) {
        if (rare && count >= 2) readings.push(built);
        return;
      }
      const digits = /^\d+/.exec(low.slice(at))?.[0];
      if (digits) {
        if (at > 0) walk(at + digits.length, built + digits, rare, count);
        return;
      }
      for (const len of [2, 1]) {
        const sym = low.slice(at, at + len);
        if (sym.length !== len || !/^[a-z]+$/.test(sym)) continue;
        const cap = (sym[0] as string).toUpperCase() + sym.slice(1);
        if (symbols.has(cap)) walk(at + len, built + cap, rare || rareEarths.has(cap as Element), count + 1);
      }
    };
    walk(0, '', false);
    return readings.length === 1 ? (readings[0] as string) : null;
  }

  function parsePlain(part: string): string[] | null {
    const out: string[] = [];
    const re = /([A-Z][a-z]?)(\d*(?:\.\d+)?)/g;
    let at = 0;
    for (const m of part.matchAll(re)) {
      if (m.index !== at) return null;
      if (!symbols.has(m[1] as string)) return null;
      out.push(m[1] as string);
      at += m[0].length;
    }
    return at === part.length && out.length > 0 ? out : null;
  }

  return {
    places,
    foreignRegime(text: string, regimeCountry?: string): ForeignRegime | undefined {
      const regimeIn = (t: string) => (chineseScope.test(t) ? undefined : regimes.find((r) => r.re.test(t)));
      // "Separate from the Chinese side: do we need a BAFA licence …?": the question itself decides what is asked.
      const question = text.split(/(?<=[.!?:;])\s+/).filter((q) => q.includes('?')).at(-1);
      const found = (question ? regimeIn(question) : undefined) ?? regimeIn(text);
      const foreignCountry = regimeCountry !== undefined && regimeCountry !== 'CN' ? shortCountryName(regimeCountry) ?? regimeCountry : undefined;
      // "What export tax does Chile charge …?": a regime every country has, pointed to the country named.
      if (found?.countryPointer && foreignCountry) return { ...found.regime, pointer: found.countryPointer.replaceAll('{country}', foreignCountry) };
      if (found) return found.regime;
      if (!foreignCountry || chineseScope.test(text)) return undefined;
      // "The EU dual-use licence", "a Korean export permit": another country's licence, named by its country.
      return {
        name: `${foreignCountry.endsWith('s') ? `the ${foreignCountry}'` : `${foreignCountry}'s`} export controls`,
        pointer: `Licences for goods leaving ${foreignCountry} are issued by its own export control authority; your trade compliance team there decides.`,
      };
    },
    materials: materials.materials,
    cues,
    rareEarths,
    nonMetals: new Set(elements.nonMetals),
    gloss(text: string): string {
      let t = text;
      if (/[\u3400-\u9fff]/u.test(t)) {
        // "磁性手機殼", "氧化鏑": Hong Kong and Taiwan write traditional characters, and the Chinese terms are simplified.
        t = toSimplified(t);
        // Whole terms first: "钇稳定氧化锆" (yttria-stabilised zirconia) holds "氧化锆", which alone is zirconium oxide.
        if (termPattern) t = t.replace(termPattern, (m) => ` ${termMap.get(m) ?? m} `);
        t = t.replace(prefixed, (_, pre: string, els: string) => ` ${[...els].map((c) => chinese.elements[c]).join(' ')} ${chinese.prefixes[pre]} `);
        t = t.replace(lonePattern, (c) => ` ${chinese.elements[c] ?? c} `);
        t = t.replace(/[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/gu, (c) => ({ '，': ',', '。': '.', '？': '?', '！': '!', '：': ':', '；': ';', '、': ',' } as Record<string, string>)[c] ?? ' ');
        // "Shanghai (上海)", "terbium oxide (氧化铽)": a name glossed in brackets after its own English says it once.
        t = t.replace(/(\p{L}[\p{L}\d -]{0,40}?)\s*\(\s*\1\s*\)/giu, '$1');
      }
      t = t.replace(codeArrow, (m, a: string, b: string) => {
        const from = shortCountryName(a);
        const to = shortCountryName(b);
        return from && to ? `from ${from} to ${to}` : m;
      });
      t = t.replace(wordArrow, (_, w: string) => `from ${w} to `);
      // ("JL Mag" is a company, not JL's magnet.)
      const kept = [...t.matchAll(keptNames)].map((m) => [m.index, m.index + m[0].length] as const);
      t = t.replace(abbrevPattern, (m, _word: string, at: number) => (kept.some(([from, to]) => from <= at && at < to) ? m : abbrev.get(m.toLowerCase()) ?? m));
      return t.replace(/[ \t]{2,}/g, ' ');
    },
    grades(text: string): GradeMatch[] {
      const out: GradeMatch[] = [];
      for (const { def, re } of grades) {
        for (const m of text.matchAll(re)) {
          const start = m.index ?? 0;
          if (out.some((o) => o.start <= start && start < o.end)) continue;
          const cls = def.heavyRareEarthLikelyWhen ? m[def.heavyRareEarthLikelyWhen.group]?.toUpperCase() : undefined;
          out.push({
            text: m[0], family: def.family, start, end: start + m[0].length, magnetType: def.magnetType, form: def.form,
            elements: def.elements, complete: def.complete ?? false,
            heavyRareEarthLikely: cls !== undefined && (def.heavyRareEarthLikelyWhen?.values ?? []).includes(cls),
          });
        }
      }
      return out;
    },
    formula(raw: string): Formula | null {
      if (!/\d/.test(raw) && !/[a-z]/.test(raw)) return null; // an all-capital acronym ("YES", "USB") is no formula
      // "gd2o3", "tb4o7": typed in lower case, a formula with a number in it is read with its symbols' capitals when only
      // one way of reading it names a rare earth.
      const token = /^[a-z][a-z0-9]*\d[a-z0-9]*$/.test(raw) ? recapitalised(raw) ?? raw : raw;
      const parts = token.split(':');
      const all: string[] = [];
      for (const p of parts) {
        const s = parseFormula(p);
        if (!s) return null;
        all.push(...s);
      }
      if (all.length < 2 && !/\d/.test(token)) return null; // a lone symbol is read elsewhere, with its own care
      if (!all.some((s) => rareEarths.has(s as Element))) return null;
      const els = [...new Set(all.filter((s) => known.has(s)))] as Element[];
      const host = parseFormula(parts[0] as string) ?? [];
      const others = host.filter((s) => !rareEarths.has(s as Element));
      let form: Form | undefined;
      // A salt or complex written with bracketed groups ("Y(NO3)3", "Sc(OTf)3") is a compound, whatever its anion.
      if (/\(/.test(token)) form = 'compound';
      else if (others.length > 0 && others.every((s) => s === 'O')) form = 'oxide';
      else if (others.some((s) => ['F', 'Cl', 'Br', 'I', 'N', 'S', 'P'].includes(s)) && !others.includes('Fe')) form = 'compound';
      else if (others.length > 0 && !others.includes('O')) form = 'alloy';
      // A mixed oxide of a rare earth and another element ("Gd2Zr2O7", "Yb2Si2O7", "LaCoO3") is a rare-earth compound
      // (a zirconate, silicate, cobaltite). Not with iron, whose garnets and ferrites are magnetic materials of their own;
      // and only written with its numbers ("GdCOB", "YCOB" are crystals' acronyms, not formulas).
      else if (others.includes('O') && !others.includes('Fe') && /\d/.test(token) && host.some((s) => rareEarths.has(s as Element))) form = 'compound';
      return { symbols: all, elements: els, form };
    },
  };
}
