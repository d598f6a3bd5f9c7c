/**
 * Named parties on MOFCOM's export control list or watch list (`rules/parties.yaml`), wherever a question names
 * them: the rules' party screener (src/rules/party-screen.ts) finds exact, near, related and group matches; here they
 * become frame parties, with token offsets so their words are not read as places.
 */
import type { PartyFrame } from '../contracts/frame.js';
import type { PartyMatch as ScreenMatch } from '../rules/party-screen.js';
import type { Lexicon } from './lexicon.js';
import type { Token } from './text.js';

/** A screener match with `start`/`end` as token offsets (the screener's are characters), as extract-facts compares
 * them with place mentions. */
export type PartyMention = ScreenMatch;

export function findListedParties(tokens: readonly Token[], text: string, lex: Lexicon): PartyMention[] {
  return lex.parties.find(text).map((m) => {
    const first = tokens.findIndex((t) => t.end > m.start);
    const after = tokens.findIndex((t) => t.start >= m.end);
    return { ...m, start: first < 0 ? tokens.length : first, end: after < 0 ? tokens.length : after };
  });
}

/** The frame's view of a listed party: who it is, which list, the announcements that name it and how it matched. */
export function listedPartyFrame(m: ScreenMatch, _tokens: readonly Token[], _text: string): PartyFrame {
  return {
    role: 'buyer',
    country: m.party.country,
    words: m.written.slice(0, 200),
    listed: { name: m.party.name, entry: m.entry, list: m.party.list, sources: [...m.party.sources], match: m.kind, confirmed: m.party.confirmed },
  };
}
