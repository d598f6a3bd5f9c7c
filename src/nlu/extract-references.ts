/** Instruments named in a question ("announcement 61", "No. 18", "2026 No. 1", "the catalogue"), control codes,
 * HS codes and explicit dates. Instrument numbers are resolved against the source IDs in `rules/sources.yaml`. */
import { IsoDateSchema } from '../rules/facts.js';
import { grammarPairs, grammarWords } from './grammar.js';
import { wordsPattern } from './text.js';

export interface References {
  readonly sources: string[];
  readonly controlCodes: string[];
  readonly hsCodes: string[];
  /** A date the question asks about ("as of 20 October 2025", "on 2025-10-20"). */
  readonly asOf: string | undefined;
}

const MONTHS = [...grammarWords('months')];
/** Instruments named by what they do ("the Japan announcement"), each with the pattern that finds it. */
const INSTRUMENT_NAMES: readonly [RegExp, string][] = (() => {
  const byId = new Map<string, string[]>();
  for (const [name, id] of grammarPairs('instrumentNames')) byId.set(id, [...(byId.get(id) ?? []), name]);
  return [...byId].map(([id, names]) => [wordsPattern(names), id]);
})();

const NAMED: readonly [RegExp, string][] = [
  [/\bcatalog(?:ue)?\b/i, 'TECHCAT'],
  [/\bfaq\b/i, 'FAQ'],
  [/\bdfars\b|252\.225-7052/i, 'DFARS'],
  [/\bexport control law\b|\becl\b/i, 'ECL'],
  [/\bdual[- ]use (?:items )?regulations?\b|\bregulations on (?:the )?export control of dual[- ]use\b/i, 'DUR'],
];

function isoFrom(y: number, m: number, d: number): string | undefined {
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return IsoDateSchema.safeParse(iso).success ? iso : undefined;
}

/** Where instruments are named by what they do: "the US military ban" names a rule, not a military end user. */
export function instrumentNameSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const re of INSTRUMENT_NAMES_GLOBAL) for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  return out;
}
const INSTRUMENT_NAMES_GLOBAL = INSTRUMENT_NAMES.map(([re]) => new RegExp(re.source, `${re.flags}g`));

function findDate(text: string): string | undefined {
  const cue = String.raw`(?:as of|as at|on|dated)\s+`;
  const iso = new RegExp(`${cue}(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'i').exec(text);
  if (iso) return isoFrom(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = new RegExp(`${cue}(\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})`, 'i').exec(text);
  if (dmy) return isoFrom(Number(dmy[3]), MONTHS.indexOf((dmy[2] as string).toLowerCase()) + 1, Number(dmy[1]));
  const mdy = new RegExp(`${cue}(${MONTHS.join('|')})\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'i').exec(text);
  if (mdy) return isoFrom(Number(mdy[3]), MONTHS.indexOf((mdy[1] as string).toLowerCase()) + 1, Number(mdy[2]));
  return undefined;
}

/** "61 and 62" → 61, 62; "55-58" → 55 to 58 (a range only when short: "2-200" is no list of instruments). */
function numbersIn(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*(?:,|and|&|or|\/)\s*/)) {
    const range = /^(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})$/.exec(part);
    const from = Number(range?.[1]);
    const to = Number(range?.[2]);
    if (range && to > from && to - from <= 10) for (let n = from; n <= to; n++) out.push(n);
    else for (const n of part.split(/\s*(?:-|–|to)\s*/)) if (/^\d{1,3}$/.test(n)) out.push(Number(n));
  }
  return out;
}

export function extractReferences(text: string, sourceIds: readonly string[]): References {
  const sources = new Set<string>();
  const numbered = sourceIds
    .map((id) => /^([A-Z]+)-(?:ANN|GAC)-(\d{4})-(\d+)$/.exec(id))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: m[0], year: Number(m[2]), n: Number(m[3]) }));
  // "Announcements 61 and 62", "Nos. 55-58": a list or a short range after a plural names each instrument.
  const LIST = String.raw`\d{1,3}(?:\s*(?:,|and|&|or|\/|-|–|to)\s*\d{1,3}(?!\d))*`;
  const REFERENCE = new RegExp(String.raw`\b(?:(20\d\d)\s*)?(?:announcements?|anns?\.?|nos?\.?|numbers?|nrs?\.?|#)\s*(${LIST})\b(?:\s*(?:of|\/|,)\s*(20\d\d))?`, 'gi');
  // The instrument with that number (and year, when said); without a year, the latest one.
  const addNumbered = (n: number, year?: number) => {
    const pick = numbered.filter((s) => s.n === n && (year === undefined || s.year === year)).sort((a, b) => b.year - a.year)[0];
    if (pick) sources.add(pick.id);
  };
  for (const m of text.matchAll(REFERENCE)) {
    const year = m[1] ? Number(m[1]) : m[3] ? Number(m[3]) : undefined;
    for (const n of numbersIn(m[2] as string)) addNumbered(n, year);
  }
  // "the October 2025 rare-earth announcements (61, 62, 57)": a list in parentheses after a word for instruments.
  const PARENTHESISED = new RegExp(String.raw`\b(?:announcements?|rules|measures|controls|notices)\s*\(\s*(?:nos?\.?\s*)?(${LIST})\s*\)`, 'gi');
  for (const m of text.matchAll(PARENTHESISED)) for (const n of numbersIn(m[1] as string)) addNumbered(n);
  for (const [re, id] of INSTRUMENT_NAMES) if (sourceIds.includes(id) && re.test(text)) sources.add(id);
  for (const [re, key] of NAMED) {
    if (re.test(text)) {
      const id = sourceIds.find((s) => s.includes(key));
      if (id) sources.add(id);
    }
  }
  const controlCodes = [...text.matchAll(/\b([0-9][A-E]\d{3})(?:\.[a-z])?\b/g)].map((m) => (m[1] as string).toUpperCase());
  const hsCodes = [...text.matchAll(/\bHS(?:\s*code)?\s*[:#]?\s*(\d{4}(?:\.?\d{2}){0,3})\b/gi)].map((m) => (m[1] as string).replace(/\./g, ''));
  return { sources: [...sources], controlCodes, hsCodes, asOf: findDate(text) };
}
