/**
 * Named parties on MOFCOM's export control list or watch list (`rules/parties.yaml`), wherever a question names
 * them. Exact names and aliases only (no fuzzy matching: "Global" or "Industries" must never match); a short name
 * (four letters or fewer) counts only as written in capitals ("TDK", "MHI"), so ordinary words cannot match.
 */
import type { PartyFrame } from '../contracts/frame.js';
import type { ListedParty } from '../rules/schema.js';
import type { Lexicon } from './lexicon.js';
import type { Token } from './text.js';

export interface PartyMatch {
  readonly party: ListedParty;
  /** "group" when a group with listed units is named without one of those units. */
  readonly match: 'name' | 'group';
  readonly start: number;
  readonly end: number;
}

export function findListedParties(tokens: readonly Token[], text: string, lex: Lexicon): PartyMatch[] {
  const out: PartyMatch[] = [];
  const low = text.toLowerCase();
  // "TDK's plant": a possessive still names the party.
  const plain = tokens.map((t) => ({ ...t, low: t.low.replace(/'s?$/, '') }));
  for (const hit of lex.parties.find(plain)) {
    const raw = tokens.slice(hit.start, hit.end).map((t) => t.raw).join(' ');
    const letters = raw.replace(/[^\p{L}]/gu, '');
    // A one-word name is a proper noun only as written with a capital ("Nitto", not "nitto-style"); three letters or
    // fewer only in capitals ("TDK", "MHI").
    if (hit.end - hit.start === 1 && !/^\p{Lu}/u.test(raw)) continue;
    if (letters.length <= 3 && letters !== letters.toUpperCase()) continue;
    const party = hit.value;
    const unitNamed = party.units.some((u) => low.includes(u.toLowerCase()));
    if (out.some((m) => m.party.name === party.name)) continue;
    out.push({ party, match: party.units.length > 0 && !unitNamed ? 'group' : 'name', start: hit.start, end: hit.end });
  }
  return out;
}

/** The frame's view of a listed party: who it is, which list, and the announcements that name it. */
export function listedPartyFrame(m: PartyMatch, tokens: readonly Token[], text: string): PartyFrame {
  const from = (tokens[m.start] as Token).start;
  const to = (tokens[m.end - 1] as Token).end;
  return {
    role: 'buyer',
    country: m.party.country,
    words: text.slice(from, to),
    listed: { name: m.party.name, list: m.party.list, sources: [...m.party.sources], match: m.match, confirmed: m.party.confirmed },
  };
}
