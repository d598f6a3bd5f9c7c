/**
 * Screening names against MOFCOM's control list and watch list (brief R23, R24; `rules/parties.yaml`). Pure.
 *
 * - exact: a listed name or alias, written as a name ("TDK", "MP Materials", "三菱重工"), or a listed unit of a group;
 * - near: the name with more to it ("TDK Corporation", "TDK-Lambda", "Nitto Boseki") or misspelt ("Hensold");
 * - related: the name beside a word that ties it to another entity ("a subsidiary of TDK", "MHI-owned");
 * - group: a group with listed units named without one of them, or the wider group of a listed unit ("Fujitsu").
 * Only exact matches decide (prohibited, or the watch-list licence); every other match escalates with the match shown.
 * Common words ("Global", "Industries", "Heavy") never match on their own: a name made only of them matches only as
 * written, with its capitals, and a misspelling is forgiven only with a distinctive word beside it.
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import type { ListedParty, PartyScreeningWords } from './schema.js';
import { assertNever } from './verdict.js';

export type PartyMatchKind = 'exact' | 'near' | 'related' | 'group';

export interface PartyMatch {
  readonly party: ListedParty;
  readonly kind: PartyMatchKind;
  /** The words that matched, as written (with what more there was to the name). */
  readonly written: string;
  /** The list entry (name or alias) they matched. */
  readonly entry: string;
  /** Character offsets of `written` in the normalised text. */
  readonly start: number;
  readonly end: number;
}

export interface ScreenOptions {
  /** The text is one name (a BOM cell): anything beside the listed name makes it a near match. */
  readonly wholeName?: boolean;
}

export interface PartyScreener {
  /** Every listed party named in the text: one match per party and kind, strongest first. */
  find(text: string, options?: ScreenOptions): PartyMatch[];
}

interface Tok {
  readonly raw: string;
  readonly low: string;
  readonly start: number;
  readonly end: number;
}

interface Entry {
  readonly party: ListedParty;
  readonly text: string;
  readonly tokens: readonly string[];
  /** The tokens as written in the data (their capitals decide how a name of common words must be written). */
  readonly rawTokens: readonly string[];
  /** Not made only of common or short words: matched case-insensitively, and misspellings are forgiven. */
  readonly distinctive: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[.'&][\p{L}\p{N}]+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** "TDK-like", "TDK-style": the name used to describe something else, not a party. */
const DESCRIBING = new Set(['like', 'style', 'type', 'esque', 'grade', 'compatible']);
/** "子公司" (subsidiary), "关联公司" (affiliate), "旗下" (under), "子会社" (Japanese: subsidiary). */
const CJK_RELATION = /子公司|关联公司|附属|旗下|子会社/u;
/** Between a relation word and the name: "a subsidiary of X", "our JV with X", "our parent is X". */
const RELATION_LINKS = new Set(['of', 'with', 'is', 'was']);
const KIND_ORDER: Record<PartyMatchKind, number> = { exact: 0, related: 1, near: 2, group: 3 };

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\u2018\u2019]/g, "'").replace(/[\u2010-\u2015]/g, '-');
}

function comparable(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/'s?$/, '');
}

function tokensOf(text: string): Tok[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const start = m.index ?? 0;
    return { raw: m[0], low: comparable(m[0]), start, end: start + m[0].length };
  });
}

const upperFirst = (s: string): boolean => /^\p{Lu}/u.test(s);
/** "TDK", "TDK's": capitals, a possessive aside. */
const allCaps = (s: string): boolean => {
  const letters = s.replace(/'s?$/, '').replace(/[^\p{L}]/gu, '');
  return letters === letters.toUpperCase();
};

/** How far a misspelt word may be from the listed one: one letter, two from nine letters; short words exactly. */
export function spelledLike(written: string, listed: string): boolean {
  if (written === listed) return true;
  if (listed.length < 5 || written.charAt(0) !== listed.charAt(0)) return false;
  const limit = listed.length >= 9 ? 2 : 1;
  // Cheap bounds first, each a lower bound on the distance: the lengths, then the letters each word has that the other
  // lacks (every edit adds or removes at most one of each). The distance itself allocates a matrix per call, and this
  // runs for every word of every message against the names that share its first letter.
  if (Math.abs(written.length - listed.length) > limit || !/^\p{L}+$/u.test(written) || lettersApart(written, listed) > limit) return false;
  // Restricted (optimal string alignment): natural's unrestricted variant is not symmetric ("nato" is 1 from "nitto").
  return DamerauLevenshteinDistance(written, listed, { restricted: true }) <= limit;
}

/** Letters of `a` that `b` lacks and of `b` that `a` lacks, counted with their repeats, the larger of the two. */
function lettersApart(a: string, b: string): number {
  // One reused table of counts for plain ASCII words (the names are matched lower-cased); others get no bound.
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) > 127) return 0;
  for (let i = 0; i < b.length; i++) if (b.charCodeAt(i) > 127) return 0;
  for (let i = 0; i < a.length; i++) LETTER_COUNTS[a.charCodeAt(i)]! += 1;
  for (let i = 0; i < b.length; i++) LETTER_COUNTS[b.charCodeAt(i)]! -= 1;
  let extra = 0;
  let missing = 0;
  const tally = (code: number) => {
    const n = LETTER_COUNTS[code]!;
    if (n > 0) extra += n;
    else missing -= n;
    LETTER_COUNTS[code] = 0;
  };
  for (let i = 0; i < a.length; i++) tally(a.charCodeAt(i));
  for (let i = 0; i < b.length; i++) tally(b.charCodeAt(i));
  return Math.max(extra, missing);
}
const LETTER_COUNTS = new Int16Array(128);

export function createPartyScreener(parties: readonly ListedParty[], words: PartyScreeningWords): PartyScreener {
  const common = new Set(words.commonWords);
  const legal = new Set(words.legalForms);
  const relation = new Set(words.relationWords);
  // The denial may stand a few words before the unit, across a list of units ("not the shipbuilding or aero engine").
  const unitDenied = new RegExp(`\\b(?:${words.unitNegations.map((w) => w.replace(/\s+/g, '\\s+')).join('|') || '(?!)'})\\b(?:\\W+\\w+){0,4}\\W*$`);
  const entries: Entry[] = [];
  const scripts: { party: ListedParty; text: string }[] = [];
  for (const party of parties) {
    for (const text of [party.name, ...party.aliases]) {
      if (CJK.test(text)) {
        scripts.push({ party, text: normalise(text) });
        continue;
      }
      const toks = tokensOf(normalise(text));
      const tokens = toks.map((t) => t.low);
      entries.push({ party, text, tokens, rawTokens: toks.map((t) => t.raw), distinctive: tokens.some((t) => t.length >= 4 && !common.has(t)) });
    }
  }
  // Longest entries first, so "Kawasaki Heavy Industries" wins over "Kawasaki Heavy" at the same place.
  entries.sort((a, b) => b.tokens.length - a.tokens.length);
  // Candidates by first word (exact) and by first letter (misspelt; a typo rarely hits the first letter).
  const byFirst = new Map<string, Entry[]>();
  const byLetter = new Map<string, Entry[]>();
  for (const e of entries) {
    const first = e.tokens[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), e]);
    if (e.distinctive && first.length >= 5) byLetter.set(first.charAt(0), [...(byLetter.get(first.charAt(0)) ?? []), e]);
  }
  const candidatesAt = (tok: Tok): Entry[] => {
    const exact = byFirst.get(tok.low) ?? [];
    const fuzzy = (byLetter.get(tok.low.charAt(0)) ?? []).filter((e) => !exact.includes(e) && Math.abs((e.tokens[0] ?? '').length - tok.low.length) <= 2);
    return fuzzy.length === 0 ? exact : [...exact, ...fuzzy].sort((a, b) => b.tokens.length - a.tokens.length);
  };

  /** Whether the written tokens are the entry as a name: capitals where they count. */
  function writtenAsName(e: Entry, toks: readonly Tok[]): boolean {
    if (e.tokens.length === 1) {
      const raw = toks[0]?.raw ?? '';
      const listed = e.rawTokens[0] ?? '';
      // "TDK", "JAXA": a short name in capitals only as written in capitals; a one-word name with its capital.
      if (listed.length <= 4 && allCaps(listed)) return allCaps(raw);
      return upperFirst(raw);
    }
    if (e.distinctive) return true;
    // "USA Rare Earth", "National Defense Academy": only as a proper name, never "the USA rare earth market".
    return toks.every((t, k) => upperFirst(t.raw) === upperFirst(e.rawTokens[k] ?? ''));
  }

  function matchAt(e: Entry, toks: readonly Tok[], i: number): 'exact' | 'near' | null {
    const span = toks.slice(i, i + e.tokens.length);
    if (span.length < e.tokens.length) return null;
    if (span.every((t, k) => t.low === e.tokens[k])) return writtenAsName(e, span) ? 'exact' : null;
    // A one-word name is forgiven a misspelling only from seven letters ("Hensold"): "Tatras" are mountains.
    if (!e.distinctive || (e.tokens.length === 1 && (e.tokens[0] ?? '').length < 7)) return null;
    let distinctiveHit = false;
    for (let k = 0; k < e.tokens.length; k++) {
      const listed = e.tokens[k] as string;
      const written = (span[k] as Tok).low;
      if (!spelledLike(written, listed)) return null;
      if (listed.length >= 4 && !common.has(listed)) distinctiveHit = true;
    }
    return distinctiveHit && span.every((t) => upperFirst(t.raw) || e.tokens.length > 1) ? 'near' : null;
  }

  /** What follows a listed name and is part of the same name: a legal form, a hyphened or capitalised word. */
  function extension(text: string, toks: readonly Tok[], end: number, party: ListedParty): { end: number; more: boolean; unit: boolean; describing: boolean; related: boolean } {
    let j = end;
    let more = false;
    let unit = false;
    while (j < toks.length) {
      const prev = toks[j - 1] as Tok;
      const t = toks[j] as Tok;
      const gap = text.slice(prev.end, t.start);
      const hyphen = /^\s*-\s*$/.test(gap) && !/\s/.test(gap);
      if (!/^[\s-]*$/.test(gap) || /\s-\s/.test(gap)) break;
      if (hyphen && DESCRIBING.has(t.low)) return { end: j, more, unit, describing: true, related: false };
      if (hyphen && relation.has(t.low)) return { end: j + 1, more, unit, describing: false, related: true };
      const unitHere = party.units.find((u) => {
        const ut = tokensOf(u).map((x) => x.low);
        return ut.every((w, k) => toks[j + k]?.low === w);
      });
      if (unitHere) {
        unit = true;
        j += tokensOf(unitHere).length;
        continue;
      }
      if (legal.has(t.low) || hyphen || upperFirst(t.raw)) {
        more = true;
        j++;
        continue;
      }
      break;
    }
    return { end: j, more, unit, describing: false, related: false };
  }

  /**
   * A relation word tied to the name: "a (sister company | subsidiary) of X", "our JV with X", "X's US subsidiary",
   * "X-owned". One that names the asker's own entity earlier in the sentence ("from our Baotou JV to X") is not.
   */
  function relatedAround(text: string, toks: readonly Tok[], start: number, end: number): boolean {
    const before1 = toks[start - 1]?.low ?? '';
    // "a subsidiary of X", "a sister company of X": the relation word in the few words before "of" or "with".
    const linked = relation.has(before1) || (RELATION_LINKS.has(before1) && toks.slice(Math.max(0, start - 4), start - 1).some((t) => relation.has(t.low)));
    // "X's US subsidiary", in the name's own sentence ("The customer is X. Can the subsidiary …" speaks of another).
    const after = toks.slice(end, end + 3);
    const sentenceEnd = after.findIndex((t, k) => /[.!?;]/.test(text.slice((toks[end + k - 1] as Tok).end, t.start)));
    return linked || after.slice(0, sentenceEnd < 0 ? after.length : sentenceEnd).some((t) => relation.has(t.low));
  }

  return {
    find(raw, options = {}) {
      const text = normalise(raw);
      const toks = tokensOf(text);
      const low = text.toLowerCase();
      const out: PartyMatch[] = [];
      const add = (m: PartyMatch): void => {
        if (!out.some((o) => o.party.name === m.party.name && o.kind === m.kind)) out.push(m);
      };
      // A unit named only to say it is not the one meant ("not the shipbuilding or aero engine part") is not named.
      const unitNamed = (p: ListedParty): boolean => p.units.some((u) => [...low.matchAll(new RegExp(`\\b${u.toLowerCase().replace(/\s+/g, '[\\s-]+')}\\b`, 'g'))]
        .some((m) => !unitDenied.test(low.slice(Math.max(0, m.index - 40), m.index).split(/[.;!?]/).at(-1) ?? '')));
      const taken = new Set<string>();

      for (let i = 0; i < toks.length; i++) {
        for (const e of candidatesAt(toks[i] as Tok)) {
          const key = `${e.party.name}@${i}`;
          if (taken.has(key)) continue;
          const how = matchAt(e, toks, i);
          if (!how) continue;
          for (let k = 0; k < e.tokens.length; k++) taken.add(`${e.party.name}@${i + k}`);
          const ext = extension(text, toks, i + e.tokens.length, e.party);
          if (ext.describing) continue;
          const start = (toks[i] as Tok).start;
          const endTok = toks[ext.end - 1] as Tok;
          const before = options.wholeName && toks.slice(0, i).some((t) => !legal.has(t.low));
          const after = options.wholeName && toks.slice(ext.end).some((t) => !legal.has(t.low));
          const written = text.slice(start, endTok.end);
          let kind: PartyMatchKind = how === 'near' || ext.more || before || after ? 'near' : 'exact';
          if (ext.related || relatedAround(text, toks, i, ext.end)) kind = 'related';
          else if (kind === 'exact' && e.party.units.length > 0 && !ext.unit && !unitNamed(e.party)) kind = 'group';
          add({ party: e.party, kind, written, entry: e.text, start, end: endTok.end });
        }
      }

      for (const s of scripts) {
        const at = text.indexOf(s.text);
        if (at < 0 || out.some((o) => o.party.name === s.party.name)) continue;
        const kind: PartyMatchKind = CJK_RELATION.test(text) ? 'related' : s.party.units.length > 0 && !unitNamed(s.party) ? 'group' : 'exact';
        add({ party: s.party, kind, written: s.text, entry: s.text, start: at, end: at + s.text.length });
      }

      // The wider group of a listed unit, named without the unit ("Fujitsu" for Fujitsu Defense).
      for (const party of parties) {
        if (party.group.length === 0 || out.some((o) => o.party.name === party.name)) continue;
        for (const g of party.group) {
          const gt = tokensOf(g).map((t) => t.low);
          const i = toks.findIndex((_, k) => gt.every((w, n) => toks[k + n]?.low === w) && (allCaps(g) ? allCaps(toks[k]?.raw ?? '') : upperFirst(toks[k]?.raw ?? '')));
          if (i < 0) continue;
          const last = toks[i + gt.length - 1] as Tok;
          add({ party, kind: 'group', written: text.slice((toks[i] as Tok).start, last.end), entry: party.name, start: (toks[i] as Tok).start, end: last.end });
          break;
        }
      }
      return out.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.start - b.start);
    },
  };
}

/** "2026 No. 12" for CN-ANN-2026-12: how the brief names an announcement. */
export function announcementLabel(sourceId: string): string {
  const m = /^CN-ANN-(\d{4})-0*(\d+)$/.exec(sourceId);
  return m ? `${m[1]} No. ${m[2]}` : sourceId;
}

/** "TDK Corporation matches watch-list entry 'TDK' in 2026 No. 12 (or 2026 No. 28)": the match, shown. */
export function describeMatch(m: Pick<PartyMatch, 'kind' | 'written' | 'entry'> & { readonly party: Pick<ListedParty, 'list' | 'sources' | 'name' | 'units'> }): string {
  const list = m.party.list === 'control' ? 'control-list' : 'watch-list';
  const where = m.party.sources.map(announcementLabel).join(' or ');
  const entry = m.kind === 'group' ? m.party.name : m.entry;
  switch (m.kind) {
    case 'exact':
      return `"${m.written}" is named on MOFCOM's ${list.replace('-', ' ')} (entry '${entry}', ${where}).`;
    case 'near':
      return `"${m.written}" matches ${list} entry '${entry}' in ${where}, but not exactly: compliance must check whether it is the listed entity.`;
    case 'related':
      return `"${m.written}" is tied to ${list} entry '${entry}' in ${where} (a subsidiary, affiliate, unit or parent): compliance must check whether it is covered.`;
    case 'group':
      return m.party.units.length > 0
        ? `"${m.written}" names the group whose units (${m.party.units.join(', ')}) are ${list} entry '${entry}' in ${where}: compliance must check which unit this is.`
        : `"${m.written}" is the group of ${list} entry '${entry}' in ${where}: compliance must check whether this is the listed unit.`;
    default:
      return assertNever(m.kind, 'party match kind');
  }
}
