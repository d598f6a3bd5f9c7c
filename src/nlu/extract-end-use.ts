/** Who uses the goods and for what: military and defence words, listed defence companies, civil and research
 * users, advanced-chip nodes (logic at 14 nm or below, memory of 256 layers or more) and AI with military use. */
import { stem } from './stem.js';
import type { END_USER_KINDS, END_USES } from '../rules/facts.js';
import type { ItemTag, Lexicon } from './lexicon.js';
import type { PhraseHit } from './phrase-matcher.js';
import { customerMakesAt, grammarWords } from './grammar.js';
import { withoutPossessives, wordsPattern, type Token } from './text.js';
import { instrumentNameSpans } from './extract-references.js';

type EndUserKind = (typeof END_USER_KINDS)[number];
type EndUse = (typeof END_USES)[number];

export interface EndUseExtraction {
  readonly endUser: EndUserKind | undefined;
  readonly endUses: EndUse[];
  readonly hits: number;
}

const NEGATORS = grammarWords('negators');
const DENIAL_LEADS = grammarWords('denialLeads');
const DENIAL_LINKS = grammarWords('denialLinks');
const DOUBT_WORDS = grammarWords('doubtWords');

/**
 * "Nothing to do with defence", "not for military use", "unrelated to any military programme": the asker denies the
 * end use. A doubt earlier in the clause ("not sure whether it is military") denies nothing.
 */
function denied(tokens: readonly Token[], start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - 5); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (DENIAL_LEADS.has(t.low) || NEGATORS.has(t.low)) {
      for (let k = i - 1; k >= Math.max(0, i - 6) && !(tokens[k] as Token).clauseEnd; k--) if (DOUBT_WORDS.has((tokens[k] as Token).low)) return false;
      return true;
    }
    if (!DENIAL_LINKS.has(t.low)) return false;
  }
  return false;
}
const LOGIC_WORDS = wordsPattern(grammarWords('logicChipWords'));
const MEMORY_WORDS = wordsPattern(grammarWords('memoryChipWords'));
const AI_WORDS = wordsPattern(grammarWords('aiWords'));
const MILITARY_WORDS = wordsPattern(grammarWords('militaryContextWords'));

const LISTED_PARTY_WORDS = grammarWords('listedPartyWords');
const MAKE_VERBS = grammarWords('makeVerbs');
/** How far before a list's name its party may stand, within the clause. */
const PARTY_REACH = 9;
const MAKE_STEMS = new Set([...MAKE_VERBS].map((v) => stem(v)));
const PARTICIPLE_ENDINGS = [...grammarWords('participleEndings')];
const IRREGULAR_PARTICIPLES = grammarWords('irregularParticiples');
const PURPOSE_WORDS = grammarWords('purposeWords');
const PLACE_RELATIVES = grammarWords('placeRelatives');
const MAGNET_PRODUCTS = grammarWords('magnetProducts');

/**
 * "a plant in Penang that makes cerium magnets", "the customer builds SmCo magnets": a receiving party that makes
 * magnets uses the goods for magnet-making abroad (the No. 62 catch-all), however the phrase list names it.
 */
function makesMagnets(tokens: readonly Token[], items: readonly PhraseHit<ItemTag>[]): boolean {
  // A magnet named by the item lexicon: "magnets", or a family that is one ("sintered NdFeB", "SmCo 2:17").
  const magnetStarts = new Set(items.filter((h) => (h.value.kind === 'form' || h.value.kind === 'compound')
    && (h.value.form === 'magnet' || (h.value.kind === 'compound' && h.value.magnetType !== undefined))).map((h) => h.start));
  return tokens.some((t, i) => {
    if (!customerMakesAt(tokens, i) && !madeFor(tokens, i) && !madeWhereGoodsGo(tokens, i)) return false;
    for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) {
      if (MAGNET_PRODUCTS.has((tokens[k] as Token).low) || magnetStarts.has(k)) return true;
      if ((tokens[k] as Token).clauseEnd) break;
    }
    return false;
  });
}

/**
 * "… leave Shanghai for our lab in Luleå, where we will trial making NdFeB magnets": a verb of making in a "where" clause
 * about the place the goods are for or go to says what is done there.
 */
function madeWhereGoodsGo(tokens: readonly Token[], i: number): boolean {
  const w = (tokens[i] as Token).low;
  if (!MAKE_VERBS.has(w) && !MAKE_STEMS.has(stem(w))) return false;
  for (let r = i - 1; r >= Math.max(0, i - 5); r--) {
    if ((tokens[r] as Token).clauseEnd) return false;
    if (!PLACE_RELATIVES.has((tokens[r] as Token).low)) continue;
    for (let p = r - 1; p >= Math.max(0, r - 7); p--) {
      if ((tokens[p] as Token).clauseEnd) return false;
      if (PURPOSE_WORDS.has((tokens[p] as Token).low)) return true;
    }
    return false;
  }
  return false;
}

/**
 * "a furnace for sintering NdFeB magnets", "used to make magnets", "for sinter magnet": goods whose purpose is a verb of
 * making, said as a gerund or a base form right after "for" or "to". A participle makes none: "for sintered magnets"
 * names the goods.
 */
function madeFor(tokens: readonly Token[], i: number): boolean {
  const w = (tokens[i] as Token).low;
  if (!PURPOSE_WORDS.has(tokens[i - 1]?.low ?? '') || IRREGULAR_PARTICIPLES.has(w) || PARTICIPLE_ENDINGS.some((e) => w.endsWith(e))) return false;
  return MAKE_VERBS.has(w) || MAKE_STEMS.has(stem(w));
}

/** A party noun in the same clause as a list's name, within a few words either side. */
function partyNear(tokens: readonly Token[], start: number, end: number, lex: Lexicon): boolean {
  const near = (i: number) => {
    const w = (tokens[i] as Token).low.replace(/['’]s$/, '');
    return lex.partyNouns.has(w) || LISTED_PARTY_WORDS.has(w);
  };
  // The clause's subject may stand a few words before the verb: "its parent company was put on the export control list".
  for (let i = start - 1; i >= Math.max(0, start - PARTY_REACH) && !(tokens[i] as Token).clauseEnd; i--) if (near(i)) return true;
  for (let i = end; i < Math.min(tokens.length, end + 4); i++) {
    if (near(i)) return true;
    if ((tokens[i] as Token).clauseEnd) break;
  }
  return false;
}

export function extractEndUse(tokens: readonly Token[], text: string, lex: Lexicon): EndUseExtraction {
  const uses = new Set<EndUse>();
  let military = false;
  let civil = false;
  let research = false;
  let controlList = false;
  let hits = 0;
  // "Under the US military ban": the words name an instrument, not who the goods are for.
  const named = instrumentNameSpans(text);
  const inName = (h: { start: number; end: number }) => named.some(([a, b]) => (tokens[h.start] as Token).start >= a && (tokens[h.end - 1] as Token).end <= b);
  const items = lex.items.find(tokens);
  // "robot arms": a user word inside a longer name of goods is part of that name.
  // So is one a longer name of goods that overlaps ("industrial robot arms", where "industrial robot" is read first):
  // names that end with the word and start a few words before it are looked for too.
  const inItemName = (h: { start: number; end: number }) =>
    items.some((i) => i.start <= h.start && h.end <= i.end && i.end - i.start > h.end - h.start)
    || [1, 2, 3].some((k) => h.start - k >= 0 && lex.items.find(tokens.slice(h.start - k, h.end)).some((i) => i.start === 0 && i.end === k + h.end - h.start));
  // "the Egyptian army's drone programme": a user named in the possessive is the user still.
  const bare = withoutPossessives(tokens);
  for (const h of lex.endUsers.find(bare)) {
    if (inName(h) || inItemName(h)) continue;
    const negated = denied(tokens, h.start);
    hits++;
    switch (h.value) {
      case 'military':
        if (negated) civil = true;
        else military = true;
        break;
      case 'civil':
        civil = true;
        break;
      case 'research':
        research = true;
        break;
      case 'control_list':
        // "Our customer is on the entity list" names a listed party; "is any of this on the control list?" asks
        // about the goods.
        if (partyNear(tokens, h.start, h.end, lex)) controlList = true;
        break;
    }
  }
  for (const h of lex.endUses.find(bare)) {
    if (inName(h) || inItemName(h) || denied(tokens, h.start)) continue;
    uses.add(h.value);
    hits++;
  }
  if (makesMagnets(tokens, items)) {
    uses.add('rare_earth_processing');
    hits++;
  }
  // "for DRDO's drone programme": a defence name in the possessive too.
  if (lex.places.find(withoutPossessives(tokens)).some((p) => p.value.kind === 'defence')) {
    military = true;
    hits++;
  }

  for (const m of text.matchAll(/(\d{1,3})\s*-?\s*nm\b/gi)) {
    const nm = Number(m[1]);
    if (nm <= 14 && LOGIC_WORDS.test(text)) uses.add('advanced_logic_chips');
  }
  for (const m of text.matchAll(/(\d{2,4})\s*\+?\s*-?\s*(?:layers?|l)\b/gi)) {
    const layers = Number(m[1]);
    if (layers >= 256 && MEMORY_WORDS.test(text)) uses.add('advanced_memory_chips');
  }
  if (AI_WORDS.test(text) && MILITARY_WORDS.test(text)) uses.add('ai_military');
  if (military) uses.add('military');

  const endUser: EndUserKind | undefined = controlList ? 'control_list' : military ? 'military' : research ? 'research' : civil ? 'civil' : undefined;
  if (endUser === 'civil' || (endUser === 'research' && !military)) uses.add('civil');
  return { endUser, endUses: [...uses], hits };
}
