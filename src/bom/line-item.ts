/**
 * What one BOM line is, read by the same understanding layer as chat: the line's description, material and grade
 * become the question a person would ask about that part, and the understander's item facts come back. The route
 * is never taken from that text: it comes from the origin and made-in columns, typed.
 */
import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';
import type { Understander } from '../nlu/understand.js';
import type { Facts, ItemFacts } from '../rules/facts.js';
import type { BomLine } from './read-bom.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as countries.LocaleData);

export interface LineReading {
  /** The question the line stands for, as the understander read it. */
  readonly question: string;
  readonly item: ItemFacts | undefined;
  /** End users or uses the line's own text names (a "military" note): kept, since they can only make it stricter. */
  readonly endUser: Facts['endUser'];
  readonly endUses: Facts['endUses'];
}

/** The question a person would ask about this part. */
export function lineQuestion(line: Pick<BomLine, 'description' | 'material' | 'magnetGrade'>): string {
  // "material: …" reads as what the part is made of; "made of …" would read a list of materials as loose goods.
  const parts = [line.description.replace(/\s+/g, ' ').trim()];
  if (line.material) parts.push(`material: ${line.material}`);
  if (line.magnetGrade) parts.push(`magnet grade: ${line.magnetGrade}`);
  return `Do we need a licence to export ${parts.join('; ')}?`;
}

/** Reads lines through the understander, once per distinct question (BOMs repeat parts; the reading is pure). */
export function createLineReader(understander: Understander): (line: BomLine) => LineReading {
  const seen = new Map<string, LineReading>();
  return (line) => {
    const question = lineQuestion(line);
    const cached = seen.get(question);
    if (cached) return cached;
    const u = understander.understand(question);
    const reading: LineReading = { question, item: u.facts.item, endUser: u.facts.endUser, endUses: u.facts.endUses };
    seen.set(question, reading);
    return reading;
  };
}

const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  prc: 'CN', 'p r c': 'CN', 'mainland china': 'CN', 'china mainland': 'CN', 'people s republic of china': 'CN', 'chinese': 'CN',
  usa: 'US', 'u s a': 'US', 'u s': 'US', 'united states of america': 'US', uk: 'GB', 'great britain': 'GB', 'england': 'GB',
  korea: 'KR', 'south korea': 'KR', 'republic of korea': 'KR', taiwan: 'TW', 'hong kong': 'HK', vietnam: 'VN', 'viet nam': 'VN',
  'made in china': 'CN', 'czechia': 'CZ', 'russia': 'RU', 'holland': 'NL',
};

/**
 * A country cell as an ISO code: a code ("CN", "CHN"), an English name, or an alias; else the place words the chat
 * understands ("Ningbo" is in China). Undefined when nothing reads as a country.
 */
export function createCountryReader(understander: Understander): (cell: string | undefined) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (cell) => {
    if (!cell) return undefined;
    const key = cell.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
    if (!key) return undefined;
    if (seen.has(key)) return seen.get(key);
    const upper = cell.trim().toUpperCase();
    let code: string | undefined = COUNTRY_ALIASES[key]
      ?? (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper) ? upper : undefined)
      ?? (/^[A-Z]{3}$/.test(upper) ? countries.alpha3ToAlpha2(upper) : undefined)
      ?? countries.getAlpha2Code(cell.trim(), 'en');
    if (!code) {
      const places = understander.understand(`It is made in ${cell.trim()}.`).frame.places;
      code = places.madeIn ?? places.shipFrom ?? places.heldIn;
    }
    seen.set(key, code);
    return code;
  };
}
