/**
 * Where goods are made, where they leave from and where they go, from countries, cities and nationality words,
 * read by the words around them: "from X", "ex-X", "X plant" (made or kept there), "to a customer in X",
 * "X automaker" (a buyer there), "Chinese-origin" or "Chinese dysprosium" (content, not a place).
 */
import type { ItemTag, Lexicon, PlaceTag } from './lexicon.js';
import { ELEMENT_MATERIAL_FORMS } from '../rules/facts.js';
import { itemWordHits, symbolAt } from './extract-items.js';
import { fitsPronounIntoAt, grammarPairs, grammarWords, inEndClause, madeHyphenAt, madeIntoLinkAt, nounRightAfter, SENDING_VERB_FORMS, tradingPartyNoun, wordAt } from './grammar.js';
import type { PhraseHit } from './phrase-matcher.js';
import { clauseStartOf, endsSentence, POSSESSIVE_ENDING, sentenceStartOf, withoutPossessives, type Token } from './text.js';
/** A capitalised syllable of a romanised name: "Hai", "Phong", "Tou". */
const SYLLABLE = /^\p{Lu}\p{Ll}{1,5}$/u;

/** `regime`: a nationality that names whose rules are asked about ("a Chinese export licence"), not a party or a place. */
export type PlaceRole = 'origin' | 'made' | 'site' | 'destination' | 'transit' | 'content' | 'technology' | 'party' | 'regime' | 'other';

export interface PlaceMention {
  readonly country: string;
  readonly role: PlaceRole;
  readonly start: number;
  readonly end: number;
  /** "to ..." before it: the place or party receives something. */
  readonly recipient: boolean;
  readonly defence: boolean;
  /** "no Chinese material or technology": named only to say it is not there. */
  readonly negated?: boolean;
  /** "We're a Korean magnet maker", "Tech transfer office, a university in Jiangxi.": the asker's own place. */
  readonly asker?: boolean;
  /** "Malaysia banned raw rare-earth exports": a regime named by its government's measure, not by "Malaysian rules". */
  readonly measure?: boolean;
  /** "our Chinese partner ships the metal": a party there sends the goods, so they leave from its place. */
  readonly sends?: boolean;
}

const ORIGIN_CUES = grammarWords('originCues');
const DEST_CUES = grammarWords('destCues');
/** Words after goods that put them inside something ("inside", "glued", "built"), not "into" a country. */
const FIXED_INSIDE = new Set([...grammarWords('fixingVerbs'), ...[...grammarWords('fitIntoWords')].filter((w) => !DEST_CUES.has(w))]);
const LOCATIVE_CUES = grammarWords('locativeCues');
const FIRST_PERSON = grammarWords('firstPerson');
const CONTENT_AFTER = grammarWords('contentAfter');
const INSIDE_CUES = grammarWords('insideCues');
const REGIME_NOUNS = grammarWords('regimeNouns');
const MILITARY_ORGANISATIONS = grammarWords('militaryOrganisations');
const REGIME_MODIFIERS = grammarWords('regimeModifiers');
const MADE_FOLLOWERS = grammarWords('madeFollowers');
const MAKE_NOW_VERBS = grammarWords('makeNowVerbs');
const EXPORT_VERBS = grammarWords('exportVerbs');
const SUPPLIER_RELATIVES = [...grammarWords('supplierRelatives')];
const SELLER_NOUNS = grammarWords('sellerNouns');
const RECEIVE_VERBS = grammarWords('receiveVerbs');
const EMPLOYER_CUES = grammarWords('employerCues');
const MAKING_NOUNS = grammarWords('makingNouns');
const CONSIGNMENT_WORDS = grammarWords('consignmentWords');
const PERSON_OBJECTS = grammarWords('personObjects');
const BUYER_DESCRIPTION_NOUNS = grammarWords('buyerDescriptionNouns');
const WORK_VERBS = grammarWords('workVerbs');
const GROUP_MEMBER_NOUNS = grammarWords('groupMemberNouns');
const OWNER_GROUP_NOUNS = grammarWords('ownerGroupNouns');
const OWNING_VERBS = grammarWords('owningVerbs');
const ARTICLES = grammarWords('articles');
const MESSAGE_NOUNS = grammarWords('messageNouns');
const MESSAGE_ONE_MODIFIERS = grammarWords('messageOneModifiers');
const TEAM_NOUNS = grammarWords('teamNouns');
const TOPIC_PREPOSITIONS = grammarWords('topicPrepositions');
const OF_WORDS = grammarWords('ofWords');
const WOULD_WANTING = grammarWords('wouldWanting');
const CONTAIN_VERBS = grammarWords('containVerbs');
const MESSAGE_CUES = grammarWords('messageCues');
const GREETING_WORDS = grammarWords('greetingWords');
const GREETING_FILLERS = grammarWords('greetingFillers');
const SUPPLIER_FIND_VERBS = grammarWords('supplierFindVerbs');
const OFFER_VERBS = grammarWords('offerVerbs');
const VERB_ADVERBS = grammarWords('verbAdverbs');
const NEED_WORDS = grammarWords('needWords');
const REQUEST_VERBS = grammarWords('requestVerbs');
const LICENCE_NOUNS = grammarWords('licenceNouns');
const FIRST_PERSON_OR_PLURAL = grammarWords('makerSubjects');
const MADE_VERBS = grammarWords('madeVerbs');
const NEWS_NOUNS = grammarWords('newsNouns');
const SITE_NOUNS = grammarWords('siteNouns');
const BUYER_NOUNS = grammarWords('buyerNouns');
const RECEIVER_NOUNS = grammarWords('receiverNouns');
const GOVERNMENT_MEASURES = grammarWords('governmentMeasureVerbs');
const COORDINATORS = grammarWords('goodsCoordinators');
const POSSESSION_VERBS = grammarWords('possessionVerbs');
const REFLEXIVES = grammarWords('reflexivePronouns');
const CONTENT_WORDS = grammarWords('contentWords');
const NEGATION_CUES = grammarWords('negationCues');
const LIST_JOINERS = grammarWords('listJoiners');
const INTRO_PLACE_CUES = grammarWords('introPlaceCues');
const CONSIGNEE_WORDS = grammarWords('consigneeWords');
const END_USER_NOUNS = grammarWords('endUserNouns');
const ANYTHING_WORDS = grammarWords('anythingWords');
const COUNTRY_CODES = grammarPairs('countryCodeTokens');
const OBJECT_PRONOUN_WORDS = grammarWords('objectPronouns');
const TECH_WORDS = grammarWords('techWords');
const PERSON_WORDS = grammarWords('personWords');
const CONTENT_VERBS = grammarWords('contentVerbs');
const SENDING_NOUN_HEADS = grammarWords('sendingNounHeads');
const REQUEST_OBJECTS = grammarWords('requestObjects');
const HOLD_VERBS = grammarWords('holdVerbs');
const PERSONAL_SUBJECTS = grammarWords('personalSubjectPronouns');
const CLOSED_CLASS = new Set([...grammarWords('prepositions'), ...grammarWords('closedClassWords')]);
const ORIGIN_INCOTERMS = grammarWords('originIncoterms');
const DESTINATION_INCOTERMS = grammarWords('destinationIncoterms');
const OWNERSHIP_WORDS = grammarWords('ownershipWords');
const WANT_VERBS = grammarWords('wantVerbs');
const UNDERTAKE_VERBS = grammarWords('undertakeVerbs');
const MARKET_VERBS = grammarWords('marketVerbs');
const INPUT_NOUNS = grammarWords('inputNouns');
const RAW_INPUT_NOUNS = grammarWords('rawInputNouns');
const SENDING_VERBS = grammarWords('sendingVerbs');
const CONTRAST_CONJUNCTIONS = grammarWords('contrastConjunctions');
const ORIGIN_OF_VERBS = grammarWords('originOfVerbs');
/** "is from China" may name where the asker or the goods are; only "comes (came, originates) from" names a source. */
const COPULAS = grammarWords('copulas');
const COMPANY_NOUNS = grammarWords('companyNouns');
const MODALS = grammarWords('modals');
const GETTING_VERBS = grammarWords('gettingVerbs');
const CLAIM_VERBS = grammarWords('claimVerbs');
const TECH_SOURCE_VERBS = grammarWords('techSourceVerbs');
const INPUT_VERBS = grammarWords('inputVerbs');
const SELF_INTRO = grammarWords('selfIntro');
const MAKER_NOUNS = grammarWords('makerNouns');
const COUNTERPART_NOUNS = grammarWords('counterpartNouns');
const OFFER_NOUNS = grammarWords('offerNouns');
/** People who hold know-how rather than sell goods: "from Chinese engineers" is a source of technology. */
const TECH_PERSONS = grammarWords('techPersons');
const FIXING_VERBS_ACTIVE = grammarWords('fixingVerbsActive');
/** Words that stand between a cue and its place without changing the role ("from our usual China source"). */
const CUE_MODIFIERS = grammarWords('cueModifiers');
const PRONOUN_OBJECTS = grammarWords('pronounObjects');
const AUXILIARIES = grammarWords('auxiliaries');
const PURCHASE_VERBS = grammarWords('purchaseVerbs');

const DETERMINERS = grammarWords('determiners');
/** Verbs of setting up a production site. */
const SITE_SETUP_VERBS = grammarWords('siteSetupVerbs');
const PRODUCTION_SITES = grammarWords('productionSites');
const ASKER_POSSESSIVES = grammarWords('askerPossessives');
const OWN_GROUP_NOUNS = grammarWords('ownGroupNouns');
const INTRO_CLOSERS = grammarWords('introClosers');
const BILLING_VERBS = grammarWords('billingVerbs');
const DEPARTMENT_NOUNS = grammarWords('departmentNouns');
const TRANSIT_WORDS = grammarWords('transitWords');
const DEPARTURE_VERBS = grammarWords('departureVerbs');
const DEPART_FROM_VERBS = grammarWords('departFromVerbs');
const RELATIVE_PRONOUNS = grammarWords('relativePronouns');
const FIXING_VERBS_ANY = new Set([...grammarWords('fixingVerbs'), ...grammarWords('fixingVerbsActive')]);
const TRANSIT_CUES = grammarWords('transitCues');
const ROUTE_PREPOSITIONS = grammarWords('routePrepositions');
const NEGATORS = grammarWords('negators');
const NEGATING_PREFIXES = grammarWords('negatingPrefixes');
/** Words that end the noun phrase after a nationality word. */
const PHRASE_STOPS = grammarWords('phraseStops');

type Category = 'site' | 'buyer' | 'person' | 'tech' | 'content';

function categoryOf(word: string, lex: Lexicon, raw = word): Category | null {
  if (SITE_NOUNS.has(word)) return 'site';
  // "Chinese Dy2O3": a formula is a material, so the nationality word says where the content comes from.
  // So is a rare-earth element's symbol as written ("contain Chinese Dy").
  const symbol = lex.symbols.get(raw);
  if (lex.knowledge.formula(raw) || (symbol !== undefined && lex.knowledge.rareEarths.has(symbol))) return 'content';
  if (BUYER_NOUNS.has(word)) return 'buyer';
  if (PERSON_WORDS.has(word)) return 'person';
  if (TECH_WORDS.has(word)) return 'tech';
  if (CONTENT_WORDS.has(word) || lex.words.has(word)) return 'content';
  return null;
}

/** The head of the noun phrase a place word modifies: the last categorised word before the phrase ends. */
function headCategory(tokens: readonly Token[], end: number, lex: Lexicon): Category | null {
  let head: Category | null = null;
  const last = tokens[end - 1];
  if (last?.clauseEnd || last?.commaAfter) return null;
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    const t = tokens[i] as Token;
    // "a Chinese magnet maker (used equipment, …)": a parenthesis ends the noun phrase.
    if (PHRASE_STOPS.has(t.low) || (i > end && t.parenBefore)) break;
    // "Chinese know-how": a know-how word the tokenizer split at its hyphen.
    const c = !TECH_WORDS.has(t.low) && wordAt(tokens, i, TECH_WORDS) ? 'tech' : categoryOf(t.low, lex, t.raw);
    // A person, site or buyer outranks the content words that describe it ("rare earth separation engineer").
    if (c && !(head && head !== 'content' && c === 'content')) head = c;
    // "Our Taiwan plant uses Chinese technology": a site noun ends the noun phrase; what follows is its verb's. So does
    // a person noun ("our Chinese engineers help a customer": the customer is the verb's object).
    if (head === 'site' || head === 'person') break;
    if (t.clauseEnd || t.commaAfter) break;
  }
  return head;
}

/** The first verb of the place's own clause within five words: what the party named there does. */
function firstVerbAfter(tokens: readonly Token[], end: number): string | undefined {
  // "… for TDK in Japan. We hold a general licence": the next sentence's verb is not the place's.
  if ((tokens[end - 1] as Token | undefined)?.clauseEnd) return undefined;
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    const t = tokens[i] as Token;
    // ("has offered to sell": the auxiliary before a verb of undertaking is no verb of holding.)
    if (AUXILIARIES.has(t.low) && UNDERTAKE_VERBS.has(tokens[i + 1]?.low ?? '') && tokens[i + 2]?.low === 'to') continue;
    if (HOLD_VERBS.has(t.low) || WANT_VERBS.has(t.low) || (UNDERTAKE_VERBS.has(t.low) && tokens[i + 1]?.low === 'to')) return t.low;
    // "Our lab in China (wholly foreign-owned, Swiss parent) wants to export …": an aside in brackets is no subject.
    if (PHRASE_STOPS.has(t.low) || t.clauseEnd || t.commaAfter || t.parenAfter) return undefined;
  }
  return undefined;
}

/**
 * Magnets or material right before "from", after a word that puts them inside a product named and said made earlier in
 * the clause.
 */
function heldByProduct(tokens: readonly Token[], from: number, lex: Lexicon): boolean {
  let start = from;
  while (start > 0 && !(tokens[start - 1] as Token).clauseEnd && from - start < 14) start--;
  const hits = lex.items.find(tokens.slice(start, from)).map((h) => ({ ...h, start: h.start + start, end: h.end + start }));
  const last = hits.at(-1);
  // ("with SmCo receivers from China": one plain noun after the magnets names the part they are in.)
  // ("with Dy magnets inside) from our Polish warehouse": not a word of where they sit, nor one closing an aside.)
  const partAt = tokens[from - 1] as Token | undefined;
  const partNoun = last !== undefined && partAt !== undefined && last.end === from - 1 && /^\p{L}+$/u.test(partAt.raw)
    && !(tokens[last.end - 1] as Token).commaAfter && !partAt.commaAfter && !partAt.parenAfter
    && !FIXED_INSIDE.has(partAt.low) && !INSIDE_CUES.has(partAt.low) && !PHRASE_STOPS.has(partAt.low) && !lex.knowledge.cues.magnetsInsideAfter.has(partAt.low) && !lex.knowledge.cues.looseWords.has(partAt.low);
  if (!last || (last.end !== from && !partNoun)) return false;
  // ("our e-bikes (motors made in China with Dy magnets) from Italy": an aside closed before "from" leaves the place to
  // the phrase outside it, the goods.)
  if ((tokens[from - 1] as Token | undefined)?.parenAfter === true) return false;
  if (!isHeldGoods(last.value)) return false;
  // The run of item and element words the magnets end ("Dy speaker magnets").
  let first = hits.length - 1;
  // A word between that puts the one inside the other ("motors containing SmCo magnets") ends the run.
  const joins = (a: PhraseHit<ItemTag>, b: PhraseHit<ItemTag>) => a.end >= b.start || (a.end === b.start - 1 && !lex.knowledge.cues.magnetsInsideBefore.has((tokens[a.end] as Token).low));
  while (first > 0 && joins(hits[first - 1] as PhraseHit<ItemTag>, hits[first] as PhraseHit<ItemTag>)) first--;
  const runStart = (hits[first] as PhraseHit<ItemTag>).start;
  // Up to three words may name the magnets' kind between ("with voice coil magnets from China", "with Dy speaker magnets").
  const cueAt = [1, 2, 3, 4].map((k) => runStart - k).find((i) => i >= start && lex.knowledge.cues.magnetsInsideBefore.has((tokens[i] as Token).low)
    && tokens.slice(i + 1, runStart).every((t) => /^\p{L}[\p{L}-]*$/u.test(t.raw) && !t.commaAfter && !t.clauseEnd));
  // The product must be said made somewhere by then ("built in Vietnam"): otherwise "from" can be the product's origin
  // ("servo motors w/ Tb magnets, from our Chinese plant").
  const product = hits.slice(0, first).find((h) => h.value.kind === 'downstream' && h.end <= (cueAt ?? -1));
  // "Korean-made servo motors containing SmCo magnets from China": said made just before its name counts too.
  // So does "our Thai plant builds hard drives with VCM magnets from China": a verb of making right before the product.
  const madeBefore = product !== undefined && tokens.slice(Math.max(start, product.start - 2), product.start).some((t) => MADE_VERBS.has(t.low) || MAKE_NOW_VERBS.has(t.low));
  return cueAt !== undefined && product !== undefined && (madeBefore || tokens.slice(product.end, cueAt).some((t) => MADE_VERBS.has(t.low) || MAKE_NOW_VERBS.has(t.low)));
}

/** Magnets or a material, which a product can hold. */
function isHeldGoods(v: ItemTag): boolean {
  return (v.kind === 'form' || v.kind === 'compound') && (v.form === 'magnet' || v.form === 'magnet_powder' || (v.form !== undefined && ELEMENT_MATERIAL_FORMS.includes(v.form)));
}

/** A magnet or a material named right before `at` ("a small SmCo magnet" before "from"). */
function heldGoodsEndAt(tokens: readonly Token[], at: number, lex: Lexicon): boolean {
  const from = Math.max(0, at - 4);
  const hit = lex.items.find(tokens.slice(from, at)).at(-1);
  return hit !== undefined && hit.end + from === at && (hit.value.kind === 'element' || isHeldGoods(hit.value));
}

/** "The magnets inside came from", "the magnets in them come from": the subject is said to sit inside something. */
function insideSubject(tokens: readonly Token[], verb: number): boolean {
  const before = tokens[verb - 1]?.low ?? '';
  return before === 'inside' || (INSIDE_CUES.has(tokens[verb - 2]?.low ?? '') && OBJECT_PRONOUN_WORDS.has(before));
}

/**
 * Where the verb's subject can start: the start of its clause, at most eight words back. A contrasting conjunction
 * opens a clause of its own ("Our magnets are made in Vietnam but Dy came from China": "Dy" is the subject, not ours).
 */
function subjectStart(tokens: readonly Token[], verb: number): number {
  let start = verb;
  while (start > 0 && !(tokens[start - 1] as Token).clauseEnd && !CONTRAST_CONJUNCTIONS.has((tokens[start - 1] as Token).low) && verb - start < 8) start--;
  return start;
}

/** "Our 99.99 % yttrium oxide comes …": the verb's subject is the asker's own. */
function askersSubject(tokens: readonly Token[], verb: number): boolean {
  return tokens.slice(subjectStart(tokens, verb), verb).some((t) => ASKER_POSSESSIVES.has(t.low));
}

/** A verb of sending goods, in its plain or third-person form ("ship", "ships", "dispatches"). */
function sendingVerb(low: string): boolean {
  return SENDING_VERBS.has(low) || SENDING_VERBS.has(low.replace(/(?:es|s)$/, ''));
}

/**
 * A verb of sending at `i` that is a verb there: "supply chain" is a noun ("an end user in Japan's self-defence supply
 * chain" names no place that supplies).
 */
function sendingVerbAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return t !== undefined && sendingVerb(t.low) && (t.clauseEnd || t.commaAfter || !SENDING_NOUN_HEADS.has(tokens[i + 1]?.low ?? ''));
}

/** The last item words before the verb, within its clause, name a material (an element, an oxide), not goods. */
function materialIsSubject(tokens: readonly Token[], verb: number, lex: Lexicon): boolean {
  const start = subjectStart(tokens, verb);
  const hit = lex.items.find(tokens.slice(start, verb)).at(-1);
  // An element symbol ("Dy", "Tb") after the last item words is the material itself.
  const symbolAt = tokens.slice(start, verb).findLastIndex((t) => lex.symbols.has(t.raw));
  if (symbolAt >= 0 && (!hit || symbolAt >= hit.end)) return true;
  const last = hit?.value;
  if (!last) return false;
  const form = last.kind === 'form' || last.kind === 'compound' ? last.form : undefined;
  return last.kind === 'element' || (form !== undefined && ELEMENT_MATERIAL_FORMS.includes(form));
}

/**
 * The party a licence question is about: a seller the question is "for" ("any licence issue for the Chinese seller"),
 * or a seller or maker the sentence asks needs a licence ("does the Chinese maker need any rare earth licence").
 */
function exporterAskedAbout(tokens: readonly Token[], end: number, forParty: boolean): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 3); i++) {
    const t = tokens[i] as Token;
    const seller = SELLER_NOUNS.has(t.low);
    if (seller && forParty) return true;
    // "Does the Chinese side need an export licence?": the side of the deal a licence question is about exports too.
    if (seller || MAKER_NOUNS.has(t.low) || COUNTERPART_NOUNS.has(t.low)) {
      const next = tokens.slice(i + 1, i + 6);
      const need = next.findIndex((n) => NEED_WORDS.has(n.low));
      return need >= 0 && next.slice(need + 1).some((n) => LICENCE_NOUNS.has(n.low)) && next.slice(0, need + 1).every((n) => !n.clauseEnd);
    }
    if (t.clauseEnd || PHRASE_STOPS.has(t.low)) return false;
  }
  return false;
}

/** A present-tense verb of making with "we" or "I" earlier in the clause ("We make hub motors for e-bikes in …"). */
function weMakeInClause(tokens: readonly Token[], before: number): boolean {
  for (let k = before - 1; k >= 0 && !(tokens[k] as Token).clauseEnd; k--) {
    if (MAKE_NOW_VERBS.has((tokens[k] as Token).low) && FIRST_PERSON_OR_PLURAL.has(tokens[k - 1]?.low ?? '')) return true;
  }
  return false;
}

/**
 * "I am associate professor at a university in Ganzhou.", "We're a small distributor in Lyon.": a short sentence that
 * opens with the asker saying who they are and ends at the place, with no goods moving in it, says where the asker is.
 */
function selfIntroSentence(tokens: readonly Token[], cue: number, end: number): boolean {
  if (!tokens[end - 1]?.clauseEnd || tokens[end - 1]?.commaAfter) return false;
  let s = clauseStartOf(tokens, cue);
  // "Dear team, we are a Japanese trading house office in Shanghai.": a salutation before the introduction is no part of it.
  s = afterSalutation(tokens, s);
  if (cue - s > 10) return false;
  if (!introducesAsker(tokens, s + 1) && !introducesAsker(tokens, s)) return false;
  return tokens.slice(s, cue).every((t) => !ORIGIN_CUES.has(t.low) && !DEST_CUES.has(t.low));
}

/**
 * A "for" up to eight words before `start`, in its clause ("for sensors at our Brasov plant", "for our retail stores in
 * Spain"), or a purpose clause's "so" ("…, so our field techs in Mato Grosso can repair pumps"): where the goods are used.
 * A seller or maker in the clause sends goods, whatever the clause ("…, so our Jiangsu supplier can ship now").
 */
function goodsForSite(tokens: readonly Token[], start: number, cue: 'for' | 'so' | 'either'): boolean {
  // Eight words back: "for plasma-resistant chamber coatings at our Korean fab".
  for (let k = start - 1; k >= Math.max(0, start - 8); k--) {
    const t = tokens[k];
    if (!t || t.clauseEnd || ORIGIN_CUES.has(t.low) || SELLER_NOUNS.has(t.low) || MAKER_NOUNS.has(t.low)) return false;
    if (t.low === 'for' && cue !== 'so') return true;
    if (cue === 'for') continue;
    // A "So" that opens a sentence ("So our Thai plant … can keep selling?") is no purpose clause.
    const prev = tokens[k - 1];
    const midSentence = prev !== undefined && (!prev.clauseEnd || prev.commaAfter);
    if ((t.low === 'so' && midSentence) || (t.low === 'that' && prev?.low === 'so')) return true;
  }
  return false;
}

/** Where a text opening at `s` starts after a greeting of up to three words and its break ("Hi all, …", "Dear team, …"), or `s`. */
function afterSalutation(tokens: readonly Token[], s: number): number {
  if (!GREETING_WORDS.has(tokens[s]?.low ?? '')) return s;
  for (let k = s; k <= s + 2 && k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.commaAfter || t.clauseEnd) return k + 1;
  }
  return s;
}

/** "we're", "I am", "we are" at `i`: the asker introducing itself ("We're a Korean magnet maker", "I am from …"). */
function introducesAsker(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.low ?? '';
  return SELF_INTRO.has(w) && (w.includes("'") || FIRST_PERSON.has(tokens[i - 1]?.low ?? ''));
}

/**
 * "Our 99.99 % yttrium oxide comes from a Chinese supplier", with no other goods named: the material is what the asker
 * buys, so where it comes from is where it ships from, not an input of something else.
 */
function ownMaterialBoughtIn(tokens: readonly Token[], verb: number, lex: Lexicon): boolean {
  if (!askersSubject(tokens, verb)) return false;
  const start = subjectStart(tokens, verb);
  return itemWordHits(tokens, lex).filter((h) => h.end <= start || h.start >= verb)
    .every((h) => h.value.kind === 'element' || ((h.value.kind === 'form' || h.value.kind === 'compound') && h.value.form !== undefined && ELEMENT_MATERIAL_FORMS.includes(h.value.form)));
}

/**
 * "We make lasers in Ireland. Our YAG rods come from Fujian. No licence, correct?": when the asker's own input is said
 * to come from somewhere and nothing in the message is shipped, sold or sent, the input is the only thing that moves,
 * so it is what the question is about.
 */
function onlyOwnInputMoves(tokens: readonly Token[], verb: number): boolean {
  return askersSubject(tokens, verb) && tokens.every((t) => !EXPORT_VERBS.has(t.low) && !sendingVerb(t.low));
}

/**
 * "Singapore trading company. We hold …", "Korean trading firm. We bought …": a short verbless opening line that
 * names a kind of company is the asker introducing itself, the way people sign a chat message.
 */
function introFragment(tokens: readonly Token[], start: number): boolean {
  // "Customs broker in Singapore.": a company noun, "in", and the place that ends the opening segment.
  // "Tech transfer office, a university in Jiangxi.": an apposition after a comma ("…, a university") may rename the
  // company first.
  // "Hi Lodestone, distributor in Ohio here.": a greeting before the comma is no part of the fragment.
  const from = afterSalutation(tokens, 0);
  const opening = tokens.slice(from, Math.max(from, start - 1));
  const commas = opening.flatMap((t, i) => (t.commaAfter ? [i + from] : []));
  const apposition = commas.length === 1 && DETERMINERS.has(tokens[(commas[0] ?? 0) + 1]?.low ?? '');
  // "Distributor in Ohio here.": the signature's "here" closes it.
  const closes = (tokens[start] as Token).clauseEnd || (INTRO_CLOSERS.has(tokens[start + 1]?.low ?? '') && tokens[start + 1]?.clauseEnd === true);
  // "Overseas sales for a separation plant in Jiangxi.": a department working for the company may come first.
  const forDepartment = opening.some((t, i) => DEPARTMENT_NOUNS.has(t.low) && EMPLOYER_CUES.has(opening[i + 1]?.low ?? ''));
  if (start - from > 1 && start - from <= (apposition || forDepartment ? 7 : 5) && INTRO_PLACE_CUES.has(tokens[start - 1]?.low ?? '') && closes && start < tokens.length - 1
    && opening.every((t) => !t.clauseEnd) && (commas.length === 0 || apposition)) {
    const noun = (tokens[start - 2] as Token).low;
    return SITE_NOUNS.has(noun) || BUYER_NOUNS.has(noun) || MAKER_NOUNS.has(noun) || COMPANY_NOUNS.has(noun);
  }
  // "Sales Suzhou: HENSOLDT wants …", "Purchasing, Pune." : a department signing with its place.
  if (start >= 1 && start <= 2 && (tokens[start] as Token).clauseEnd && start < tokens.length - 1
    && tokens.slice(0, start).every((t) => DEPARTMENT_NOUNS.has(t.low.replace(/[,:]$/, '')))) return true;
  if (start !== 0) return false;
  let end = 0;
  // The opening segment ends at a full stop or, when short, at a comma ("Vietnam contract manufacturer, small motors …").
  while (end < tokens.length && !(tokens[end] as Token).clauseEnd && !((tokens[end] as Token).commaAfter && end <= 3)) end++;
  if (end >= tokens.length - 1 || end > 5) return false;
  // "Ankara buyer here.", "Korean recycler here:": the signature's "here" closes it; so does a returning asker's
  // "again" ("Hunan furnace maker again - …").
  if (INTRO_CLOSERS.has((tokens[end] as Token).low) && end > 0) end--;
  const last = (tokens[end] as Token).low;
  return SITE_NOUNS.has(last) || BUYER_NOUNS.has(last) || MAKER_NOUNS.has(last) || COMPANY_NOUNS.has(last);
}

/** A present-tense verb of making earlier in the clause ("our plant sinters …", "we make …"). */
function makesInClause(tokens: readonly Token[], before: number): boolean {
  for (let i = before - 1; i >= 0 && !(tokens[i] as Token).clauseEnd; i--) {
    // "We make fuel assemblies in Sweden and want gadolinia from China": the material is what is wanted from China.
    if (WANT_VERBS.has((tokens[i] as Token).low)) return false;
    if (MAKE_NOW_VERBS.has((tokens[i] as Token).low)) return true;
  }
  return false;
}

/** "Suzhou now wants to send them on": the verb the want governs is one of sending, so the wanter sends. */
function wantsToSend(tokens: readonly Token[], end: number, lex: Lexicon): boolean {
  for (let i = end; i < Math.min(tokens.length - 1, end + 5); i++) {
    const t = tokens[i] as Token;
    // "wants to send them on", "wants to present the process at a conference": the wanter gives, goods or know-how.
    // "would ship them": a modal takes its verb without "to".
    const infinitive = tokens[i + 1]?.low === 'to';
    const verb = tokens[i + (infinitive ? 2 : 1)]?.low ?? '';
    if (WANT_VERBS.has(t.low)) return (infinitive || MODALS.has(t.low) || sendsWithoutTo(tokens, i)) && (SENDING_VERBS.has(verb) || lex.knowledge.cues.provisionVerbs.has(verb));
    // "offered to sell us", "agreed to ship": a party that puts itself forward to send, sends.
    if (UNDERTAKE_VERBS.has(t.low) && infinitive) return SENDING_VERBS.has(verb) || lex.knowledge.cues.provisionVerbs.has(verb);
    if (t.clauseEnd) return false;
  }
  return false;
}

/**
 * "our Mexico plant glues them in", "the Penang line fits the magnets into rotors": the site puts goods named before
 * (a pronoun) or the goods themselves into something, so it receives them; it did not make them. "Our plant assembles
 * motors" makes the motors and stays a place of making.
 */
function fixesGoodsIn(tokens: readonly Token[], end: number, lex: Lexicon): boolean {
  for (let i = end; i < Math.min(tokens.length - 1, end + 5); i++) {
    const t = tokens[i] as Token;
    if (FIXING_VERBS_ACTIVE.has(t.low)) {
      const next = tokens.slice(i + 1, i + 4);
      if (PRONOUN_OBJECTS.has(next[0]?.low ?? '')) return true;
      // "glues the Dy magnets into ...": the goods asked about, then where they go.
      const into = next.findIndex((n) => n.low === 'into' || n.low === 'onto');
      const hit = lex.items.find(tokens.slice(i + 1, i + 1 + Math.max(0, into))).at(0);
      return into >= 0 && hit !== undefined;
    }
    if (t.clauseEnd) return false;
  }
  return false;
}

/** The party's own verb, past modals and "plans to": "partner will ship", "customer wants to send back". */
function sendsGoods(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 7); i++) {
    const t = tokens[i] as Token;
    // Present or future only: "a customer returned them to us" is history, not who ships now.
    if (sendingVerbAt(tokens, i)) return true;
    if (t.clauseEnd || t.commaAfter || !(AUXILIARIES.has(t.low) || (i < end + 2 && !PHRASE_STOPS.has(t.low)))) return false;
  }
  return false;
}

/**
 * "we want sell to Vietnam": second-language English drops the "to" between a pronoun's verb of wanting at `i` and a
 * verb of sending right after it.
 */
function sendsWithoutTo(tokens: readonly Token[], i: number): boolean {
  return !(tokens[i] as Token).clauseEnd && SENDING_VERBS.has(tokens[i + 1]?.low ?? '') && PERSONAL_SUBJECTS.has(tokens[i - 1]?.low ?? '');
}

/** "group's", "parent's": the possessive of a noun for a group that owns sites ("our Swiss group's WFOE"). */
function ownGroupPossessive(word: string): boolean {
  return POSSESSIVE_ENDING.test(word) && OWN_GROUP_NOUNS.has(word.slice(0, -2));
}

/** A verb of sending from `from` to the end of its sentence ("… makes magnets and sells them to …"). */
function sendsLaterInSentence(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < Math.min(tokens.length, from + 30); i++) {
    const t = tokens[i] as Token;
    // ("… makes pumps and we ship them magnets": a verb with a subject of its own is another party's.)
    if (sendingVerbAt(tokens, i)) return !FIRST_PERSON.has(tokens[i - 1]?.low ?? '') && !PERSONAL_SUBJECTS.has(tokens[i - 1]?.low ?? '');
    if (t.clauseEnd && !t.colonAfter) return false;
  }
  return false;
}

/** A verb of offering within the party's own words ("OEM also offers", "maker quoted"), not "offers to" do something. */
function offersGoods(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 4); i++) {
    const t = tokens[i] as Token;
    if (OFFER_VERBS.has(t.low)) return tokens[i + 1]?.low !== 'to';
    // The party's own nouns (and a word naming what it makes: "motor maker"), auxiliaries and adverbs come before its
    // verb ("OEM also offers"); any other verb is its own ("asks quote for": the party asks for an offer).
    if (t.clauseEnd || t.commaAfter || !(AUXILIARIES.has(t.low) || tradingPartyNoun(t.low) || tradingPartyNoun(tokens[i + 1]?.low ?? '') || VERB_ADVERBS.has(t.low))) return false;
  }
  return false;
}

/** The place's first verb is "would" with no word of wanting after it ("would do", not "would like"). */
function plainWould(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    const t = tokens[i] as Token;
    if (t.low === 'would') return !WOULD_WANTING.has(tokens[i + 1]?.low ?? '');
    if (HOLD_VERBS.has(t.low) || WANT_VERBS.has(t.low) || t.clauseEnd || t.commaAfter) return false;
  }
  return false;
}

/** A verb of sending right after the place, or after its auxiliaries ("Dongguan ships", "Ningbo will send"). */
function placeSends(tokens: readonly Token[], end: number): boolean {
  if ((tokens[end - 1] as Token | undefined)?.clauseEnd || tokens[end - 1]?.commaAfter) return false;
  let i = end;
  while (AUXILIARIES.has(tokens[i]?.low ?? '') && !tokens[i]?.clauseEnd) i++;
  return sendingVerbAt(tokens, i);
}

/** A verb of wanting right after the place, with goods as its object (not "wants to …", "would ship"). */
function wantsGoodsAfter(tokens: readonly Token[], end: number): boolean {
  if ((tokens[end - 1] as Token | undefined)?.clauseEnd) return false;
  for (let i = end; i < Math.min(tokens.length, end + 3); i++) {
    const t = tokens[i] as Token;
    if (WANT_VERBS.has(t.low) && !MODALS.has(t.low) && t.low !== 'would') {
      const next = tokens[i + 1]?.low ?? '';
      // "Do motors made in China need an export licence?": needing a licence, approval or anything is no goods.
      const asksPermission = tokens.slice(i + 1, i + 4).some((w) => REQUEST_OBJECTS.has(w.low) || LICENCE_NOUNS.has(w.low));
      // "wants us (a Turkish motor maker) to sign": a person wanted to do something is no goods.
      // ("we want sell to …" wants to send, the "to" dropped.)
      return next !== 'to' && !sendsWithoutTo(tokens, i) && !PERSON_OBJECTS.has(next) && !(OBJECT_PRONOUN_WORDS.has(next) && tokens[i + 2]?.low === 'to') && !t.clauseEnd && !asksPermission;
    }
    if (t.clauseEnd || t.commaAfter) return false;
  }
  return false;
}

/** "… wants to buy", "… would like to order": a verb of wanting, then "to" and a verb of buying, in the place's clause. */
function wantsToBuy(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 5); i++) {
    const t = tokens[i] as Token;
    if (WANT_VERBS.has(t.low) || UNDERTAKE_VERBS.has(t.low)) {
      const to = [1, 2].map((k) => i + k).find((j) => tokens[j]?.low === 'to');
      return to !== undefined && PURCHASE_VERBS.has(tokens[to + 1]?.low ?? '') && tokens.slice(i, to).every((x) => !x.clauseEnd && !x.commaAfter);
    }
    if (t.clauseEnd || t.commaAfter) return false;
  }
  return false;
}

/** "… can get Dy oxide", "… will import the magnets": a modal and a verb of buying or getting, in the place's clause. */
function mayBuy(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length - 1, end + 4); i++) {
    const t = tokens[i] as Token;
    // ("Supplier in Zhejiang says we can buy …": another subject's verb, not the place's.)
    if (t.clauseEnd || t.commaAfter || PERSONAL_SUBJECTS.has(t.low) || CLAIM_VERBS.has(t.low)) return false;
    if (!MODALS.has(t.low)) continue;
    const verb = tokens[i + 1]?.low ?? '';
    // ("Who must get the licence": a licence got is no goods.)
    return (PURCHASE_VERBS.has(verb) || GETTING_VERBS.has(verb)) && ![2, 3].some((k) => LICENCE_NOUNS.has(tokens[i + k]?.low ?? ''));
  }
  return false;
}

/** "… has an order", "… got an enquiry", "… just received an RFQ": a receiving verb, then a request, after `end`. */
function hasRequest(tokens: readonly Token[], end: number, lex: Lexicon): boolean {
  const verb = [0, 1].map((k) => end + k).find((i) => RECEIVE_VERBS.has(tokens[i]?.low ?? ''));
  return verb !== undefined && [1, 2, 3].some((k) => lex.knowledge.cues.requestNouns.has(tokens[verb + k]?.low ?? '')
    && tokens.slice(verb, verb + k).every((t) => !t.clauseEnd && !t.commaAfter));
}

/** "licensed a sintered NdFeB process from": a verb of taking over know-how, its know-how noun, then "from". */
function techSourceBefore(tokens: readonly Token[], from: number, lex: Lexicon): number | undefined {
  let noun = false;
  for (let i = from - 1; i >= Math.max(0, from - 7); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return undefined;
    if (wordAt(tokens, i, lex.knowledge.cues.knowHowNouns)) noun = true;
    if (TECH_SOURCE_VERBS.has(t.low)) return noun ? i : undefined;
  }
  return undefined;
}

/** "a process that a Chinese company licensed to us": know-how named before the party, which then licensed it. */
function techSourceAfter(tokens: readonly Token[], start: number, end: number, lex: Lexicon): boolean {
  let verb = -1;
  for (let i = end; i < Math.min(tokens.length, end + 3); i++) {
    const t = tokens[i] as Token;
    if (TECH_SOURCE_VERBS.has(t.low)) { verb = i; break; }
    if (t.clauseEnd) return false;
  }
  if (verb < 0) return false;
  for (let i = start - 1; i >= Math.max(0, start - 5); i--) {
    const t = tokens[i] as Token;
    if (wordAt(tokens, i, lex.knowledge.cues.knowHowNouns)) return true;
    if (t.clauseEnd && i < start - 1) return false;
  }
  return false;
}

/** The nearest cue word before the place, skipping determiners, within the clause. */
function nearestCue(tokens: readonly Token[], start: number): { word: string; index: number } | null {
  // "from us (China)": a place in parentheses stands in for the word before it.
  // (Not a department's: "Agata from purchasing (Wrocław, motors)" introduces the asker, whose place it is.)
  if (tokens[start]?.parenBefore && DEPARTMENT_NOUNS.has(tokens[start - 1]?.low ?? '') && tokens[start - 2]?.low === 'from') return null;
  const first = tokens[start]?.parenBefore ? start - 1 : start;
  let apposition = false;
  for (let i = first - 1; i >= 0 && start - i <= 5; i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return null;
    if (DETERMINERS.has(t.low) || CUE_MODIFIERS.has(t.low)) continue;
    // "in Chonburi, Thailand", "in Bac Ninh, Vietnam": an unknown place name in apposition takes the cue before it.
    if (i === start - 1 && t.commaAfter && /^\p{Lu}/u.test(t.raw)) {
      apposition = true;
      continue;
    }
    if (apposition && i >= start - 3 && /^\p{Lu}/u.test(t.raw)) continue;
    if (ORIGIN_CUES.has(t.low) || DEST_CUES.has(t.low) || LOCATIVE_CUES.has(t.low)) {
      if (t.low === 'of' && tokens[i - 1]?.low === 'out') return { word: 'from', index: i };
      return { word: t.low, index: i };
    }
    return null;
  }
  return null;
}

function requestEarlier(tokens: readonly Token[], index: number, lex: Lexicon): boolean {
  for (let k = index - 1; k >= Math.max(0, index - 10); k--) {
    const t = tokens[k] as Token;
    if (t.clauseEnd) return false;
    if (lex.knowledge.cues.requestNouns.has(t.low)) return true;
  }
  return false;
}

/**
 * "I am in-house counsel at an Austrian group", "I work for a Korean shipbuilder": the company the asker works at is the
 * asker's own, at `prep`.
 */
function worksAt(tokens: readonly Token[], prep: number): boolean {
  const w = tokens[prep]?.low ?? '';
  if (!EMPLOYER_CUES.has(w)) return false;
  if (WORK_VERBS.has(tokens[prep - 1]?.low ?? '') && FIRST_PERSON.has(tokens[prep - 2]?.low ?? '')) return true;
  const s = clauseStartOf(tokens, prep);
  // "I am sales manager abroad for a Ganzhou smelter", not "I'm buying for a German customer": a job, not a verb.
  // "I am …" only: "We're a US distributor with Chinese-made magnets" says what a company has, not where someone works.
  const iAm = tokens[s]?.low === "i'm" || (tokens[s]?.low === 'i' && tokens[s + 1]?.low === 'am');
  return prep - s <= 6 && iAm
    && tokens.slice(s, prep).every((t) => !ORIGIN_CUES.has(t.low) && !DEST_CUES.has(t.low) && !t.commaAfter && !(w === 'for' && /ing$/.test(t.low)));
}

/**
 * "A PO for Tm2O3 from a laser company in Jena": goods asked for by a buyer's kind of party named after "from", with a
 * request earlier in the clause. A supplier or producer there ("a standing order from a separator in Jiangxi") still
 * sells the goods.
 */
function askedByBuyer(tokens: readonly Token[], fromIndex: number, placeStart: number, lex: Lexicon): boolean {
  return tokens.slice(fromIndex + 1, placeStart).some((t) => BUYER_NOUNS.has(t.low) && !MAKER_NOUNS.has(t.low)) && requestEarlier(tokens, fromIndex, lex);
}

/** "The order is from …", "the RFQ was from …": a request said, with a copula, to come from whoever follows "from". */
function requestIsFrom(tokens: readonly Token[], fromIndex: number, lex: Lexicon): boolean {
  // ("The cheapest offer is from a trader in Jiangsu": an offer or a quote comes from the side that sells.)
  const request = tokens[fromIndex - 2]?.low ?? '';
  return COPULAS.has(tokens[fromIndex - 1]?.low ?? '') && lex.knowledge.cues.requestNouns.has(request) && !OFFER_NOUNS.has(request);
}

/**
 * "Our subsidiary has an order for Tb targets from a Korean fab", "an order … from Aveox (US motor maker)": a request
 * the asker has, earlier in the clause, comes from the buyer named after "from". Not "a standing order for Ho2O3 from a
 * refiner in Ganzhou", "… from a Chinese refiner": a maker or seller named there supplies the goods.
 */
function receivedRequest(tokens: readonly Token[], fromIndex: number, start: number, end: number, lex: Lexicon): boolean {
  const seller = (t: Token | undefined) => t !== undefined && (MAKER_NOUNS.has(t.low) || SELLER_NOUNS.has(t.low));
  // "… from our Chinese factory": the asker's own site sends the goods.
  if (FIRST_PERSON.has(tokens[fromIndex + 1]?.low ?? '') || tokens.slice(fromIndex + 1, start).some(seller) || (!tokens[start]?.parenBefore && seller(tokens[end]))) return false;
  for (let k = fromIndex - 1; k >= Math.max(1, fromIndex - 12); k--) {
    // "an RFQ from a US depot for SmCo magnets from our factory": the request's own "from" came first.
    if ((tokens[k] as Token).clauseEnd || (tokens[k] as Token).low === 'from') return false;
    if (!lex.knowledge.cues.requestNouns.has((tokens[k] as Token).low)) continue;
    return [1, 2, 3].some((j) => RECEIVE_VERBS.has(tokens[k - j]?.low ?? '') && tokens.slice(k - j, k).every((t) => !t.clauseEnd));
  }
  return false;
}

/** A transit word, then only a transit cue and determiners, right before the place: "transshipped through (the) X". */
function transitBefore(tokens: readonly Token[], start: number): boolean {
  let cue = false;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (TRANSIT_WORDS.has(t.low)) return cue || t.low === 'transit';
    if (TRANSIT_CUES.has(t.low)) cue = true;
    else if (!DETERMINERS.has(t.low)) return false;
  }
  return false;
}

/**
 * "by rail through China to Tianjin port and then to Japan": a route preposition (and determiners) right before the
 * place, and the clause going on "to" somewhere after it, so the goods pass through the place on their way.
 */
function routedThrough(tokens: readonly Token[], start: number, end: number): boolean {
  if (!ROUTE_PREPOSITIONS.has(tokens[beforeDeterminers(tokens, start)]?.low ?? '')) return false;
  for (let k = end; k < Math.min(tokens.length, end + 8); k++) {
    if ((tokens[k] as Token).low === 'to') return true;
    if ((tokens[k] as Token).clauseEnd) return false;
  }
  return false;
}

/** "for" (and determiners) right before the place, after a verb of setting off earlier in the clause. */
function departsFor(tokens: readonly Token[], start: number): boolean {
  const i = beforeDeterminers(tokens, start);
  if (tokens[i]?.low !== 'for') return false;
  for (let k = i - 1; k >= Math.max(0, i - 8); k--) {
    const t = tokens[k] as Token;
    if (t.clauseEnd) return false;
    if (DEPARTURE_VERBS.has(t.low)) return true;
  }
  return false;
}

/** The index of the word before the place and the determiners right before it ("for" in "for a Polish …"). */
function beforeDeterminers(tokens: readonly Token[], start: number): number {
  let i = start - 1;
  while (i >= 0 && DETERMINERS.has((tokens[i] as Token).low)) i--;
  return i;
}

/** "for" (and determiners) right before the place: the place names whom something is for. */
function afterFor(tokens: readonly Token[], start: number): boolean {
  return tokens[beforeDeterminers(tokens, start)]?.low === 'for';
}

/** A "from" among the twelve words before `at`, in its sentence. */
function fromEarlierInSentence(tokens: readonly Token[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - 12) && !(tokens[i] as Token).clauseEnd; i--) if ((tokens[i] as Token).low === 'from') return true;
  return false;
}

/** A negation shortly before a cue, in its clause: "no customs clearance into", "without going to". */
function negatedCue(tokens: readonly Token[], cueIndex: number): boolean {
  for (let i = cueIndex - 1; i >= Math.max(0, cueIndex - 4); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd || t.commaAfter) return false;
    if (NEGATORS.has(t.low)) return true;
  }
  return false;
}

/** A clause that opens on a receiver noun and a copula ("Customer is …", "The buyer was …") before `start`. */
function buyerClause(tokens: readonly Token[], start: number): boolean {
  const opensOnBuyer = (open: number) => {
    const noun = DETERMINERS.has(tokens[open]?.low ?? '') ? open + 1 : open;
    return noun + 1 < start && RECEIVER_NOUNS.has(tokens[noun]?.low ?? '') && COPULAS.has(tokens[noun + 1]?.low ?? '');
  };
  const open = clauseStartOf(tokens, start);
  // "Yttrium oxide 5N, 2 t, customer is Korean semiconductor fab": so may a part after a comma.
  let part = start;
  while (part > open && !(tokens[part - 1] as Token).commaAfter) part--;
  return opensOnBuyer(open) || (part > open && opensOnBuyer(part));
}

/** "question", "note", or chat's "quick one": the message a sender calls its own. */
function messageNounAt(tokens: readonly Token[], i: number): boolean {
  const w = tokens[i]?.low ?? '';
  return MESSAGE_NOUNS.has(w) || (w === 'one' && MESSAGE_ONE_MODIFIERS.has(tokens[i - 1]?.low ?? ''));
}

/**
 * "question from our MRO shop in Toulouse", "greetings from our Toulouse team", "a question for (about) our Vietnam
 * magnet plant": a message noun, its preposition, ours, the place: the asker's own site. "A question from our customer
 * in Porto": the customer's, who receives.
 */
function messageFrom(tokens: readonly Token[], start: number, end: number): 'asker' | 'buyer' | undefined {
  for (let i = start - 1; i >= Math.max(1, start - 6); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return undefined;
    if (!MESSAGE_CUES.has(t.low)) continue;
    const between = tokens.slice(i + 1, start);
    // "Hello from a Spanish shipyard supplier": a greeting comes from the asker, whoever it names.
    if (t.low === 'from' && GREETING_WORDS.has(tokens[i - 1]?.low ?? '') && (i === 1 || (tokens[i - 2] as Token).clauseEnd)) return 'asker';
    // "hi, urgent from Ulsan": so does one a word or two after a greeting that opens the message.
    if (t.low === 'from' && [2, 3].some((k) => i - k === 0 && GREETING_WORDS.has((tokens[0] as Token).low)) && tokens.slice(1, i).every((w) => !w.clauseEnd && GREETING_FILLERS.has(w.low))) return 'asker';
    // "A question from the motor plant in Wrocław" comes from the asker's site as "from our plant" does; "a question
    // about the plant in Ganzhou", or from the supplier in Ningbo, need not be the asker's own.
    // So does one "from the Grenoble detector team": the unit's noun may follow the place, in the same noun phrase.
    const phraseAfter = wordsToBreak(tokens, end, 3);
    const ours = between.some((w) => ASKER_POSSESSIVES.has(w.low))
      || (t.low === 'from' && between[0]?.low === 'the' && between.some((w) => SITE_NOUNS.has(w.low) || DEPARTMENT_NOUNS.has(w.low)))
      || (t.low === 'from' && between.length === 1 && between[0]?.low === 'the' && phraseAfter.some((w) => TEAM_NOUNS.has(w.low)));
    if (!messageNounAt(tokens, i - 1) || !ours) return undefined;
    return between.some((w) => BUYER_NOUNS.has(w.low)) ? 'buyer' : 'asker';
  }
  return undefined;
}

/** "… oxide and reduce it to metal", "… oxide, which we convert into alloy": a verb making the words before into others, in their sentence. */
function madeIntoLater(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length, end + 8); i++) {
    if (madeIntoLinkAt(tokens, i) >= 0) return true;
    if ((tokens[i] as Token).clauseEnd) return false;
  }
  return false;
}

/** The sentence the place stands in opens on an input noun as its subject ("The feedstock is …", "Our raw material comes …"). */
function inputSubject(tokens: readonly Token[], start: number): boolean {
  const open = sentenceStartOf(tokens, start);
  const inputAt = (t: Token, k: number, head: readonly Token[]) => INPUT_NOUNS.has(t.low) || (RAW_INPUT_NOUNS.has(t.low) && head[k - 1]?.low === 'raw');
  return tokens.slice(open, Math.min(start, open + 4)).some((t, k, head) => inputAt(t, k, head) && head.slice(0, k).every((x) => DETERMINERS.has(x.low) || x.low === 'raw' || x.low === 'feed'))
    && tokens.slice(open, start).every((t) => !t.clauseEnd);
}

/** "…, assemble them into motors": a verb of fitting, a pronoun for the goods and "into", in the clause after `end`. */
function fittedIntoLater(tokens: readonly Token[], end: number): boolean {
  for (let i = end; i < Math.min(tokens.length - 2, end + 8); i++) {
    if (fitsPronounIntoAt(tokens, i)) return true;
    if ((tokens[i] as Token).clauseEnd) return false;
  }
  return false;
}

/**
 * "… and reduce it to Dy metal in Finland", "convert it into Tb metal at our plant in Sweden": a verb making goods into
 * others, its object and "to" or "into" in the clause before the place's preposition at `cue`. (The verb takes the
 * material as its object: "the separation process to a partner in Spain" makes nothing.)
 */
function madeIntoBefore(tokens: readonly Token[], cue: number): boolean {
  for (let i = cue - 1; i >= Math.max(0, cue - 10) && !(tokens[i] as Token).clauseEnd; i--) {
    if ([2, 3, 4].some((n) => madeIntoLinkAt(tokens, i - n) === i)) return true;
  }
  return false;
}

/** The place stands in a parenthesis, closed by its end, that holds a word of ownership before it ("(owned by us in Ireland)"). */
function inOwnershipAside(tokens: readonly Token[], start: number, end: number): boolean {
  if (!(tokens[end - 1] as Token).parenAfter) return false;
  for (let i = start - 1; i >= Math.max(0, start - 8); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd || t.parenAfter) return false;
    // (The parenthesis opens at most three words before the ownership word: "(100 % owned by", "(wholly owned by".)
    if (OWNERSHIP_WORDS.has(t.low) && tokens[i + 1]?.low === 'by') return tokens.slice(Math.max(0, i - 3), start).some((x) => x.parenBefore);
  }
  return false;
}

/** "sell them in", "sold in": a verb of selling, with its pronoun object, right before the "in" at `inAt`. */
function soldInto(tokens: readonly Token[], inAt: number): boolean {
  const verbAt = OBJECT_PRONOUN_WORDS.has(tokens[inAt - 1]?.low ?? '') ? inAt - 2 : inAt - 1;
  return MARKET_VERBS.has(tokens[verbAt]?.low ?? '') && tokens.slice(verbAt, inAt).every((t) => !t.clauseEnd && !t.commaAfter);
}

function roleOf(tokens: readonly Token[], start: number, end: number, tag: PlaceTag, lex: Lexicon): { role: PlaceRole; recipient: boolean; asker?: boolean; measure?: boolean; sends?: boolean } {
  const cue = nearestCue(tokens, start);
  const recipient = cue !== null && DEST_CUES.has(cue.word);
  if (tag.kind === 'defence') return { role: 'destination', recipient: true };
  // "We import Chinese Dy oxide and reduce it to Dy metal": a nationality of a material made into other goods is that
  // of their input, their content.
  if (tag.demonym && headCategory(tokens, end, lex) === 'content' && madeIntoLater(tokens, end)) return { role: 'content', recipient: false };
  // "The feedstock is end-of-life magnets that were made in China": a place said of the input a sentence is about is the
  // input's, the content of what is made from it.
  if (inputSubject(tokens, start)) return { role: 'content', recipient: false };
  // "We buy Chinese Dy magnets, assemble them into motors in Vietnam": the nationality of goods the asker then fits into
  // a product is that of the product's content.
  if (tag.demonym && fittedIntoLater(tokens, end) && [null, 'content'].includes(headCategory(tokens, end, lex))) return { role: 'content', recipient: false };
  // "magnets that our Chinese partner makes", "made by our Chinese partner": a party of that nationality makes the goods.
  if (tag.demonym && (madeByBefore(tokens, start) || objectOfTheirMaking(tokens, start, end))) return { role: 'made', recipient: false };
  // "We make a UK actuator with Chinese magnets inside", "they build German gearboxes": a place naming the goods a verb of
  // making makes is where they are made.
  const makerAt = ARTICLES.has(tokens[start - 1]?.low ?? '') ? start - 2 : start - 1;
  if (MAKE_NOW_VERBS.has(tokens[makerAt]?.low ?? '') && !tokens[makerAt]?.clauseEnd && !tokens[end - 1]?.clauseEnd && !tokens[end - 1]?.commaAfter) return { role: 'made', recipient: false };
  // "Our Swiss group's WFOE in Suzhou": a nationality of a group that owns the site named next is the owner's, which
  // takes no part in where the goods are made or go.
  if (tag.demonym && ownGroupPossessive(tokens[end]?.low ?? '')) return { role: 'party', recipient: false };
  // "Our Chinese OEM makes magnetic phone cases": a party of the asker's, not its customer, that makes goods is where
  // they are made, as "our Vietnam subsidiary makes" is.
  if (tag.demonym && ASKER_POSSESSIVES.has(tokens[start - 1]?.low ?? '') && !BUYER_DESCRIPTION_NOUNS.has(tokens[end]?.low ?? '') && siteMakesAfter(tokens, end + 1)
    && !tokens[end - 1]?.clauseEnd && !tokens[end]?.clauseEnd) return { role: 'site', recipient: false };
  // "Our WFOE in Suzhou (100 % owned by us in Ireland) wants to send …": a place in a parenthesis that says who owns the
  // party before it is the owner's, which takes no part in where the goods are or go.
  if (inOwnershipAside(tokens, start, end)) return { role: 'party', recipient: false };
  // "Good news from Busan", "reports from Beijing say …": where news comes from says nothing of the goods.
  if (tokens[start - 1]?.low === 'from' && NEWS_NOUNS.has(tokens[start - 2]?.low ?? '')) return { role: 'other', recipient: false };
  // "… and sell them in France", "motors sold in Canada": where goods are sold is their market, where they go.
  if (cue?.word === 'in' && cue.index === start - 1 && soldInto(tokens, cue.index)) return { role: 'destination', recipient: true };
  // "Coating question from our MRO shop in Toulouse:": where a message comes from is where the asker sits.
  const sender = messageFrom(tokens, start, end);
  if (sender === 'asker') return { role: 'site', recipient: false, asker: true };
  if (sender === 'buyer') return { role: 'destination', recipient: true };
  // "I am export manager for a Baotou smelter", "I work for a Korean shipbuilder": where the asker works.
  if (worksAt(tokens, start - 1 - (ARTICLES.has(tokens[start - 1]?.low ?? '') ? 1 : 0))) return { role: 'site', recipient: false, asker: true };
  // "US subsidiary of a Japanese machine-tool maker": the group that owns the asker, not a buyer or a seller.
  // So is "the Vietnamese magnet plant of a Korean group": a site "of" a group that owns it.
  const ofOwner = DETERMINERS.has(tokens[start - 1]?.low ?? '') && tokens[start - 2]?.low === 'of';
  if (ofOwner && (GROUP_MEMBER_NOUNS.has(tokens[start - 3]?.low ?? '') || (SITE_NOUNS.has(tokens[start - 3]?.low ?? '') && OWNER_GROUP_NOUNS.has(tokens[end]?.low ?? '')))) return { role: 'party', recipient: false };
  // "Our Austrian group owns a WFOE in Tianjin": a group said to own a company is its owner, not where goods are.
  if (OWNER_GROUP_NOUNS.has(tokens[end]?.low ?? '') && OWNING_VERBS.has(tokens[end + 1]?.low ?? '') && !tokens[end - 1]?.clauseEnd && !tokens[end]?.clauseEnd) return { role: 'party', recipient: false };
  // "Does the Chinese maker need any licence?", "any export licence issue for the Chinese seller?": the party a licence
  // question is about exports the goods, so its place is where they leave from.
  if (tag.demonym && (cue === null || cue.word === 'for') && exporterAskedAbout(tokens, end, [1, 2].some((k) => tokens[start - k]?.low === 'for'))) return { role: 'origin', recipient: false };
  // "End user is an automaker's EV plant in Aichi": the end user's place receives the goods.
  if (inEndClause(tokens, start, END_USER_NOUNS)) return { role: 'destination', recipient: true };
  // "Customer is a motor plant in Monterrey", "the buyer is a pump factory in Izmir": whatever the place's own noun, the
  // buyer a clause opens on receives.
  if ((cue === null || INSIDE_CUES.has(cue.word)) && buyerClause(tokens, start)) return { role: 'destination', recipient: true };
  // "ship the rotor with the magnets loose and fit them on site in Spain": where shipped goods are fitted is where they go.
  // (Not a nationality that describes a material: "they integrate magnets with Chinese dysprosium" names content.)
  if (!(tag.demonym && headCategory(tokens, end, lex) === 'content') && fittedAfterShipping(tokens, start, end, lex)) return { role: 'destination', recipient: true };
  // "Korean subsidiary here.", "Brazil team here:": the asker says where they sit, which is where their stock is.
  const signsOff = (k: number) => tokens[k]?.low === 'here' && ((tokens[k]?.clauseEnd ?? true) || tokens[k + 1]?.parenBefore === true || k + 1 >= tokens.length);
  // "Korean buyer here.": an asker who signs as the buyer receives the goods.
  const signOff = [end, end + 1, end + 2].find((k) => signsOff(k) && tokens.slice(end, k).every((t) => !t.clauseEnd));
  if (!cue && signOff !== undefined) return signsAsBuyer(tokens, end) ? { role: 'destination', recipient: true, asker: true } : { role: 'site', recipient: false };
  // "leaves Tianjin for Rotterdam", "bound for Chennai": "for" after goods set off names where they go; the place
  // right after "leaves" or "departs" is where they set off from.
  if (departsFor(tokens, start)) return { role: 'destination', recipient: true };
  if (!cue && DEPART_FROM_VERBS.has(tokens[start - 1]?.low ?? '')) return { role: 'origin', recipient: false };
  // "transshipped through Shanghai port", "in transit via Singapore": the goods pass through, they do not go there.
  if (transitBefore(tokens, start) || routedThrough(tokens, start, end)) return { role: 'transit', recipient: false };
  // "(no customs clearance into China)", "never enters the EU": a place the goods do not go to.
  if (cue && DEST_CUES.has(cue.word) && negatedCue(tokens, cue.index)) return { role: 'other', recipient: false };
  // Incoterms name the handover place: "EXW Baotou", "FOB Xiamen" are where goods leave; "CIF Rotterdam" where they go.
  const term = tokens[start - 1]?.low ?? '';
  if (ORIGIN_INCOTERMS.has(term)) return { role: 'origin', recipient: false };
  if (DESTINATION_INCOTERMS.has(term)) return { role: 'destination', recipient: true };
  // "I am from a Korean trading company", "we're from Pune": the asker saying who they are, not where goods come from.
  if (cue?.word === 'from' && introducesAsker(tokens, cue.index - 1)) return { role: 'site', recipient: false, asker: true };
  // "do we need anything from China?", "approval from China": the authority, not the route.
  // "a permit from Chilean authorities": another country's authorities named by their nationality are its rules. (China's
  // authorities stay the party asked, as before: the questions Lodestone decides.)
  if (cue?.word === 'from' && REQUEST_OBJECTS.has(tokens[cue.index - 1]?.low ?? '')) {
    return tag.demonym && tag.country !== 'CN' && REGIME_NOUNS.has(tokens[end]?.low ?? '') ? { role: 'regime', recipient: false } : { role: 'party', recipient: false };
  }
  // "a contract for Dy oxide from Baotou to Yokohama": a route, from one named place to another, starts where the goods
  // leave, whatever noun stands before it.
  if (cue?.word === 'from' && cue.index === start - 1 && tokens[end]?.low === 'to' && /^\p{Lu}/u.test(tokens[end + 1]?.raw ?? '')) return { role: 'origin', recipient: false };
  // "an order (RFQ, enquiry) from a US depot": the place of whoever asks for the goods.
  // "magnets that we order from Ganzhou": after a personal pronoun the word is the verb, and the place sells.
  // "a new order for Mexico", "the shipment for Poland": a consignment for a country goes there.
  const forAfter = tokens[start - 1]?.low === 'for' ? tokens[start - 2]?.low ?? '' : undefined;
  if (forAfter !== undefined && !tag.demonym && (CONSIGNMENT_WORDS.has(forAfter) || lex.knowledge.cues.requestNouns.has(forAfter))) return { role: 'destination', recipient: true };
  // "buy magnets for rewinding from China, for Cairo": a place named with "for" after where the goods come from, in the
  // same sentence, is where they go.
  if (forAfter !== undefined && !tag.demonym && fromEarlierInSentence(tokens, start - 1)) return { role: 'destination', recipient: true };
  // "The order is from India": so is a request said to be from it.
  if (cue?.word === 'from' && requestIsFrom(tokens, cue.index, lex)) return { role: 'destination', recipient: true };
  if (cue?.word === 'from' && lex.knowledge.cues.requestNouns.has(tokens[cue.index - 1]?.low ?? '')) {
    // "a quote (an offer) from a Chinese maker", "an order from our Chinese vendor": an offer from anyone but a party
    // called a buyer, or a request from a party called a seller, comes from the side that sells: its place is where the
    // goods leave from.
    const request = tokens[cue.index - 1]?.low ?? '';
    const offered = (OFFER_NOUNS.has(request) && !nounRightAfter(tokens, end, RECEIVER_NOUNS)) || nounRightAfter(tokens, end, SELLER_NOUNS);
    return PERSONAL_SUBJECTS.has(tokens[cue.index - 2]?.low ?? '') || offered ? { role: 'origin', recipient: false } : { role: 'destination', recipient: true };
  }
  if (cue?.word === 'from' && (askedByBuyer(tokens, cue.index, start, lex) || receivedRequest(tokens, cue.index, start, end, lex))) return { role: 'destination', recipient: true };
  // "our supplier (Zhejiang)", "the customer (Lyon)": a place in parentheses after a party noun is that party's.
  const named = tokens[start]?.parenBefore ? tokens[start - 1]?.low ?? '' : '';
  // "We (Dutch company) imported …": the asker's own place, said in passing.
  if (SITE_NOUNS.has(named) || MAKER_NOUNS.has(named) || FIRST_PERSON.has(named)) return { role: 'site', recipient: false };
  if (BUYER_NOUNS.has(named)) return { role: 'destination', recipient: true };
  const after = tokens[end]?.low;
  // "the US Air Force depot", "a Japanese Navy yard": a country's armed forces are the end user, wherever they sit.
  const following = tokens.slice(end, end + 4).map((t) => t.low).join(' ');
  if ([...MILITARY_ORGANISATIONS].some((o) => following === o || following.startsWith(`${o} `))) return { role: 'destination', recipient: true };
  // "any Chinese export licence", "the Chinese rules": whose rules, not who takes part. So is a country's name used
  // the same way ("a US export licence"), with its agency's acronym perhaps between ("a US BIS export licence").
  if ((tag.demonym || (tag.kind === 'place' && !tag.gazetteer)) && !tokens[end - 1]?.clauseEnd) {
    // "a US BIS licence": an agency's acronym may stand after a country's name; after a nationality only before "export"
    // or the like ("an Israeli DECA export permit"), since "our Chinese JV licenses" names a company.
    const acronym = /^[A-Z]{2,5}$/.test(tokens[end]?.raw ?? '') && !REGIME_NOUNS.has(tokens[end]?.low ?? '') && !tokens[end]?.clauseEnd;
    let k = acronym && (!tag.demonym || REGIME_MODIFIERS.has(tokens[end + 1]?.low ?? '')) ? end + 1 : end;
    // "the Indonesian government still allows …": a word both modifier and noun ends the phrase when no noun follows.
    const from = k;
    // (Up to three: "a Polish dual-use export licence", "a Korean strategic goods permit".)
    // "a Singapore Customs strategic goods permit": an agency's name may open the run when more of it follows.
    while (k < from + 3 && REGIME_MODIFIERS.has(tokens[k]?.low ?? '') && !(REGIME_NOUNS.has(tokens[k]?.low ?? '') && !REGIME_NOUNS.has(tokens[k + 1]?.low ?? '') && !REGIME_MODIFIERS.has(tokens[k + 1]?.low ?? ''))) k++;
    // A country's name needs a modifier to be read so: "a US law firm" is a party, "US export law" the rules.
    // "The French side wants the flowsheet": a side that wants or will do something is a party, not its rules.
    // So is one that gives something ("the Chinese side shares lab protocols").
    const actingSide = tokens[k]?.low === 'side' && (WANT_VERBS.has(tokens[k + 1]?.low ?? '') || MODALS.has(tokens[k + 1]?.low ?? '') || lex.knowledge.cues.provisionVerbs.has(tokens[k + 1]?.low ?? ''));
    // "Malaysia's ban", "Japan's rules": a country's name in the possessive needs no modifier either.
    // "China's technology control": up to two words of any kind may describe the possessed rules.
    const possessive = POSSESSIVE_ENDING.test(tokens[end - 1]?.raw ?? '');
    // "Is that allowed from the Chinese side?": a side seen "from" is a point of view, its country's rules; elsewhere
    // a side is a party to the deal ("the Korean side is nervous", "a licence from China needed on the Korean side").
    const viewedSide = tokens[k]?.low === 'side' && (tokens[start - 1]?.low === 'from' || (ARTICLES.has(tokens[start - 1]?.low ?? '') && tokens[start - 2]?.low === 'from'));
    if ((REGIME_NOUNS.has(tokens[k]?.low ?? '') || viewedSide) && (tag.demonym || k > from || possessive) && !actingSide) return { role: 'regime', recipient: false };
    // "Indonesia's nickel ore export ban": up to three, when they are content words (no "and", "the", "to" between).
    if (possessive && [1, 2, 3].some((j) => REGIME_NOUNS.has(tokens[end + j]?.low ?? '') && tokens.slice(end - 1, end + j).every((w) => !w.clauseEnd && !w.commaAfter)
      && (j < 3 || tokens.slice(end, end + j).every((w) => !CLOSED_CLASS.has(w.low))))) return { role: 'regime', recipient: false };
  }
  // "Malaysia banned raw rare-earth exports", "Indonesia restricts …": a country's government acting names its own rules.
  // So does "does Vietnam itself restrict ore exports?", the question form, with a reflexive pronoun between.
  // "China would issue general licences": a modal may stand before the measure.
  // So does "Does Ireland or the EU require …?": a second government joined by "or" or "and" before the measure.
  const joinedGovernment = COORDINATORS.has(tokens[end]?.low ?? '') ? [2, 3].find((k) => GOVERNMENT_MEASURES.has(tokens[end + k]?.low ?? '')
    && tokens.slice(end, end + k).every((t) => !t.clauseEnd && !t.commaAfter)) : undefined;
  const measureAt = joinedGovernment !== undefined ? end + joinedGovernment : REFLEXIVES.has(tokens[end]?.low ?? '') || MODALS.has(tokens[end]?.low ?? '') ? end + 1 : end;
  // "Does Australia require an export permit …?", "Peru has its own export permit": a measure, or a having, whose object
  // is the country's own licence or permit names its licensing, whichever way the goods go.
  const ownLicence = () => [2, 3, 4].some((k) => REGIME_NOUNS.has(tokens[measureAt + k]?.low ?? '') && REGIME_MODIFIERS.has(tokens[measureAt + k - 1]?.low ?? '')
    && tokens.slice(measureAt, measureAt + k).every((t) => !t.clauseEnd));
  // ("Is Japan banned now?": after a copula the measure is passive, said of the country, not done by its government.)
  const passive = COPULAS.has(tokens[start - 1]?.low ?? '');
  if (tag.kind === 'place' && !tag.demonym && !tag.gazetteer && !cue && !tokens[end - 1]?.clauseEnd && !passive) {
    if (GOVERNMENT_MEASURES.has(tokens[measureAt]?.low ?? '')) return ownLicence() ? { role: 'regime', recipient: false } : { role: 'regime', recipient: false, measure: true };
    // "Does the UK need an export licence for that?": a country said to need its own export licence is asked about as
    // the government that licenses, not as where the goods go.
    if ((POSSESSION_VERBS.has(tokens[measureAt]?.low ?? '') || NEED_WORDS.has(tokens[measureAt]?.low ?? '')) && ownLicence()) return { role: 'regime', recipient: false };
  }
  // "a Chinese company's solvent-extraction flowsheet": know-how that party owns, so the place names the party (who
  // may provide it). "Our Indonesian subsidiary's plant" is still the asker's own site, and "a Japanese shipyard's naval
  // division" the shipyard's unit.
  const ownerNoun = tokens[end]?.low ?? '';
  const oursBefore = () => [1, 2].some((k) => ASKER_POSSESSIVES.has(tokens[start - k]?.low ?? ''));
  // (Six words on, a hyphenated compound counting as one: "a Chinese company's patented Ni-Cu-Ni anti-corrosion coating
  // process".)
  const ownsKnowHow = () => {
    let words = 0;
    for (let i = end + 1; i < tokens.length && words < 6; i++) {
      if (tokens[i - 1]?.clauseEnd) return false;
      if (!tokens[i]?.hyphenBefore) words++;
      if (wordAt(tokens, i, lex.knowledge.cues.knowHowNouns)) return true;
    }
    return false;
  };
  if (!cue && /['’]s$/.test(ownerNoun) && !oursBefore() && categoryOf(ownerNoun.replace(/['’]s$/, ''), lex, ownerNoun) !== null && ownsKnowHow()) return { role: 'party', recipient: false };
  // "our Korean fab's supplier", "a German customer's vendor": the place is the party whose supplier it is, who buys; the
  // supplier sells to it from somewhere not said.
  // "our Korean customer's new Chinese supplier": a word or two may describe the supplier.
  const supplierOf = () => [1, 2, 3].some((k) => SELLER_NOUNS.has(tokens[end + k]?.low ?? '') && tokens.slice(end, end + k).every((t) => !t.clauseEnd));
  if (!cue && /['’]s$/.test(ownerNoun) && supplierOf()) return { role: 'destination', recipient: true };
  // "a German-owned company": who owns it, not where anything is.
  // "… to Poland controlled?" ends the clause: that "controlled" is the question's, not an owner's; so is "is this
  // shipment from China controlled or not?", where a place after its preposition ends a phrase of route.
  if (OWNERSHIP_WORDS.has(after ?? '') && (tokens[end]?.hyphenBefore || (!tokens[end]?.clauseEnd && !cue))) return { role: 'party', recipient: false };
  // "Korean-built EVs", "German-made rotors": where the goods were made.
  // "came from Chinese-made magnets", "recycled from Chinese-made scrap": what the goods come from, not where they were made.
  // So are "motors containing Chinese-made Dy magnets", "pumps with Chinese-made rotors": what the goods hold.
  // "Finnish made NdDy powder", "(Finnish made, inputs partly Chinese scrap)": the same without the hyphen, after a
  // nationality, when no object follows the participle ("the Chinese made it clear" is a verb).
  const madeSpaced = tag.demonym === true && MADE_VERBS.has(tokens[end]?.low ?? '') && !tokens[end - 1]?.commaAfter && !tokens[end - 1]?.clauseEnd
    && !DETERMINERS.has(tokens[end + 1]?.low ?? '') && !OBJECT_PRONOUN_WORDS.has(tokens[end + 1]?.low ?? '');
  if (madeHyphenAt(tokens, end) || madeSpaced) {
    const held = CONTAIN_VERBS.has(tokens[start - 1]?.low ?? '') || tokens[start - 1]?.low === 'with';
    return { role: cue?.word === 'from' || held ? 'content' : 'made', recipient: false };
  }
  // "Origin is China", "country of origin: China", "origin China": where the goods were made, said of the goods.
  const low = (i: number) => tokens[i]?.low ?? '';
  // ("Chinese origin, Korean buyer": a comma or a closing bracket after "origin" ends what it says.)
  const originBefore = low(start - 1) === 'origin' && !(tokens[start - 1] as Token).commaAfter && !(tokens[start - 1] as Token).parenAfter;
  if (originBefore || (COPULAS.has(low(start - 1)) && low(start - 2) === 'origin')) return { role: 'made', recipient: false };
  // "Chinese origin", "China sourced"; "in Vietnam, made there with …" is a new clause about the goods, not content.
  const placeEnd = tokens[end - 1] as Token;
  if (CONTENT_AFTER.has(after ?? '') && !placeEnd.commaAfter && !placeEnd.clauseEnd) return { role: 'content', recipient };
  // "We are lift motor maker from Poland.", "I'm from Gdansk.": a short sentence in which the asker says who it is,
  // ending at the place, says where the asker is, not where goods leave from.
  const introNoun = (w: string) => MAKER_NOUNS.has(w) || COMPANY_NOUNS.has(w) || BUYER_NOUNS.has(w);
  if (cue?.word === 'from' && selfIntroSentence(tokens, cue.index, end) && (introNoun(tokens[cue.index - 1]?.low ?? '') || introducesAsker(tokens, cue.index - 1))) {
    return { role: 'site', recipient: false, asker: true };
  }
  // "Dy oxide bought in China", "terbium sourced from China": where inputs were bought, not where goods leave.
  const verbAt = (cue ? cue.index : start) - 1;
  // "bought last year from a Chinese supplier", "bought it last summer from": up to four words back, within the clause.
  // "from a licensed Chinese exporter": a participle between an article and the place describes the party.
  // So does one after a determiner before the goods' own words: "export our own separated Dy oxide from Malaysia" names
  // what the goods are, not what they were separated from; and one right after a verb of sending ("we now export
  // separated terbium oxide from Australia").
  const adjective = (i: number) => (i === start - 1 && DETERMINERS.has(tokens[i - 1]?.low ?? ''))
    || (i < verbAt && [1, 2].some((k) => DETERMINERS.has(tokens[i - k]?.low ?? '') && tokens.slice(i - k + 1, i).every((t) => t.low === 'own')))
    || (i < verbAt && SENDING_VERB_FORMS.has(tokens[i - 1]?.low ?? ''));
  // "imported to Madrid": after "to", the place is where the goods go, whatever the verb.
  // ("We bought NdFeB magnets made in Thailand": a participle of making nearer the place is what it says of the goods.)
  // ("…, bought in 2024, US buyer": a comma right before the place ends the clause the verb was in.)
  const clauseEndsBefore = (tokens[verbAt] as Token | undefined)?.clauseEnd === true || (tokens[verbAt] as Token | undefined)?.commaAfter === true;
  // ("Dy oxide we bought last year (already in our Vancouver warehouse)": a bracket opened between the verb and the
  // place starts an aside that says where the goods are now.)
  const candidates = clauseEndsBefore ? [] : [verbAt, verbAt - 1, verbAt - 2, verbAt - 3].filter((i) => i >= 0
    && !tokens.slice(i, verbAt).some((t) => t.clauseEnd) && !tokens.slice(i + 1, verbAt + 1).some((t) => t.parenBefore) && !adjective(i));
  const madeFirst = candidates.findIndex((i) => MADE_VERBS.has(tokens[i]?.low ?? '') && !CONTENT_VERBS.has(tokens[i]?.low ?? '') && !TECH_SOURCE_VERBS.has(tokens[i]?.low ?? ''));
  const verb = cue !== null && DEST_CUES.has(cue.word) ? undefined : (madeFirst >= 0 ? candidates.slice(0, madeFirst) : candidates)
    .find((i) => CONTENT_VERBS.has(tokens[i]?.low ?? '') || TECH_SOURCE_VERBS.has(tokens[i]?.low ?? ''))
    ?? (cue?.word === 'from' ? techSourceBefore(tokens, cue.index, lex) : undefined);
  // "makes magnets using Dy oxide from China": what goes into the goods, not where they leave from.
  if (cue?.word === 'from' && verb === undefined) {
    for (let i = cue.index - 1; i >= Math.max(0, cue.index - 4) && !(tokens[i] as Token).clauseEnd; i--) {
      if (INPUT_VERBS.has((tokens[i] as Token).low)) return { role: 'content', recipient: false };
    }
  }
  // "Only the Dy oxide comes from China", "the Tb we diffuse in comes from China": where a material came from, not
  // where the goods leave from. "The Dy magnets come from China" is about the goods.
  // So do "the VCM magnets inside came from China": magnets said to sit inside a product.
  if (cue?.word === 'from' && ORIGIN_OF_VERBS.has(tokens[cue.index - 1]?.low ?? '') && (materialIsSubject(tokens, cue.index - 1, lex) || insideSubject(tokens, cue.index - 1))
    && !ownMaterialBoughtIn(tokens, cue.index - 1, lex) && !onlyOwnInputMoves(tokens, cue.index - 1)) {
    return { role: 'content', recipient: false };
  }
  // "Laptops built in Vietnam with Dy speaker magnets from China": magnets or material a product is said to hold come
  // from there; the product does not.
  if (cue?.word === 'from' && heldByProduct(tokens, cue.index, lex)) return { role: 'content', recipient: false };
  // "a small SmCo magnet from China inside", "Dy magnets from China built in": a place between the goods and a word that
  // puts them inside something says where the held part came from.
  if (cue?.word === 'from' && !placeEnd.clauseEnd && !placeEnd.commaAfter && FIXED_INSIDE.has(tokens[end]?.low ?? '') && heldGoodsEndAt(tokens, cue.index, lex)) {
    return { role: 'content', recipient: false };
  }
  // "Our plant sinters Dy magnets with Dy from Australia": a material right before "from", in a clause that makes
  // goods, is an input.
  if (cue?.word === 'from' && materialIsSubject(tokens, cue.index, lex) && makesInClause(tokens, cue.index)) {
    return { role: 'content', recipient: false };
  }
  // "We separated the Dy oxide in Indonesia", "the plant refined it in Malaysia": a participle of making after its subject
  // is a verb in the past, so the place is where the goods were made (not where an input was sourced).
  if (verb !== undefined && cue?.word !== 'from' && MADE_VERBS.has(tokens[verb]?.low ?? '') && FIRST_PERSON_OR_PLURAL.has(tokens[verb - 1]?.low ?? '')) return { role: 'made', recipient: false };
  if (verb !== undefined) {
    // "a process licensed from a Chinese company", "a process package bought from X": where the know-how came from.
    const knowHow = [1, 2, 3, 4].some((k) => verb - k >= 0 && wordAt(tokens, verb - k, lex.knowledge.cues.knowHowNouns));
    return { role: TECH_SOURCE_VERBS.has(tokens[verb]?.low ?? '') || knowHow ? 'technology' : 'content', recipient: false };
  }
  // "a process that a Chinese company licensed to us": the party that licensed or transferred know-how provides it.
  if (!cue && techSourceAfter(tokens, start, end, lex)) return { role: 'technology', recipient: false };
  // "We're a new customer in Portugal - can they send …": a customer's own place is where the goods go, whatever verb follows.
  if (introducesReceiver(tokens, start)) return { role: 'destination', recipient: true, asker: true };
  // "We're a Korean magnet maker": the asker's own place.
  // "We are the Vietnamese magnet plant of …": any article.
  const article = ARTICLES.has(tokens[start - 1]?.low ?? '') ? 1 : 0;
  if (introducesAsker(tokens, start - 1 - article) || introFragment(tokens, start)) {
    return !cue && signsAsBuyer(tokens, end) ? { role: 'destination', recipient: true, asker: true } : { role: 'site', recipient: false, asker: true };
  }
  // "a Singapore distributor holds ...": the holder sells; "a Japanese shipbuilder ... wants them": the one who wants buys.
  const doing = firstVerbAfter(tokens, end);
  // "Our NdFeB for a Polish customer has 0.2 % Dy": a party after "for" is no subject, so the verb is not its.
  // "Our Chinese subsidiary has an enquiry for SmCo magnets from …": a party that has an order sells the goods.
  if (!cue && !afterFor(tokens, start) && hasRequest(tokens, end, lex)) return { role: 'site', recipient: false, sends: true };
  if (doing && HOLD_VERBS.has(doing) && !afterFor(tokens, start)) return { role: 'site', recipient: false };
  // "Our Dutch distributor wants to sell them from its stock": whoever wants to send holds the goods, ours or not.
  // A nationality that sends ("our Chinese supplier would ship the magnets") says where they leave from, ahead of
  // whatever site the asker named first ("Compressor plant in Rayong.").
  if (doing && (WANT_VERBS.has(doing) || UNDERTAKE_VERBS.has(doing)) && !cue && wantsToSend(tokens, end, lex)) return tag.demonym ? { role: 'origin', recipient: false } : { role: 'site', recipient: false, sends: true };
  // "A Japanese trader offered to buy 2 t": one that undertakes to buy receives the goods.
  if (doing && UNDERTAKE_VERBS.has(doing) && !cue && wantsToBuy(tokens, end)) return { role: 'destination', recipient: true };
  const ours = FIRST_PERSON.has(tokens[start - 1]?.low ?? '');
  // "Our Indonesian smelter wants to buy a Chinese extraction unit": whoever wants to buy goods receives them, ours too.
  // So does "our plant in Ohio", its place right after "in", and one that can or will buy them ("our coatings line in
  // Ohio can get Dy oxide"). (A site that buys, as a habit, may hold the goods to resell.)
  const ownSitePlace = (!cue || (INSIDE_CUES.has(cue.word) && cue.index === start - 1)) && !placeEnd.clauseEnd && !placeEnd.commaAfter;
  if (ownSitePlace && ((doing && WANT_VERBS.has(doing)) || !doing) && (wantsToBuy(tokens, end) || mayBuy(tokens, end))) return { role: 'destination', recipient: true };
  // ("Chinese consultants would only do our flowsheet": "would" wants only with "like", "need" after it.)
  if (doing && WANT_VERBS.has(doing) && !cue && !ours && !plainWould(tokens, end) && headCategory(tokens, end, lex) !== 'site') return { role: 'destination', recipient: true };
  if (!cue && fixesGoodsIn(tokens, end, lex)) return { role: 'destination', recipient: true };
  // "our plant in France runs a sintering process": a place right after its preposition, not a nationality, heads no
  // noun phrase, so know-how words after it are its clause's (a verb's object), not technology from there.
  const phraseHead = headCategory(tokens, end, lex);
  const head = phraseHead === 'tech' && cue !== undefined && cue !== null && cue.index === start - 1 && !tag.demonym ? null : phraseHead;
  switch (head) {
    case 'tech':
      return { role: 'technology', recipient };
    case 'content':
      if (tag.demonym) return { role: 'content', recipient };
      break;
    case 'site': {
      // "Our Chinese trader sends us …": a site or trading party whose own verb sends the goods is where they leave from.
      if (!cue && sendsGoods(tokens, end)) return { role: 'site', recipient: false, sends: true };
      // "Our Italian plant needs Sm2Co17 magnets": a site of ours that needs goods receives them. (Not one that buys
      // them, which may hold them to resell: "our Thai factory buys SmCo magnets and resells some".)
      // So does one that asks a supplier for them ("a Japanese MRAM fab asks our Chinese partner for Gd targets").
      // A supplier that asks ("our Chinese supplier asks if they can ship …") still sells.
      const sellerNamed = tokens.slice(end, end + 3).some((t) => SELLER_NOUNS.has(t.low));
      if (!cue && !sellerNamed && wantsGoodsAfter(tokens, end) && [0, 1, 2].some((k) => NEED_WORDS.has(tokens[end + k]?.low ?? '') || REQUEST_VERBS.has(tokens[end + k]?.low ?? ''))) return { role: 'destination', recipient: true };
      // "their Texas plant", "for a plant in Ohio": someone else's site receives the goods.
      const before = [1, 2, 3].map((k) => tokens[start - k]?.low);
      // "so our Hamburg workshop can re-magnet the rotors": a site of ours that a purpose clause names is where the goods
      // are used. (One that sends them was read above.)
      // ("that our Chinese supplier exported" is a relative clause: "that" opens a purpose only after "so"; and a "so"
      // that opens the sentence, "So our Thai plant can keep selling?", draws a conclusion.)
      const soAt = before[1] === 'so' ? start - 2 : before[1] === 'that' && before[2] === 'so' ? start - 3 : -1;
      const purposeOpener = soAt > 0 && !(tokens[soAt - 1] as Token).clauseEnd;
      if (!cue && FIRST_PERSON.has(before[0] ?? '') && purposeOpener) return { role: 'destination', recipient: true };
      // "for sensors at our Brasov plant", "for use at our plant in Pune": goods for a site of ours go there too.
      const forClause = goodsForSite(tokens, start, 'for');
      const others = forClause || before.some((w) => w !== undefined && (lex.knowledge.cues.othersPossessives.has(w) || w === 'for'));
      return { role: recipient || (others && cue?.word !== 'from') ? 'destination' : cue?.word === 'from' ? 'origin' : 'site', recipient: recipient || others };
    }
    case 'buyer':
      // "Our Japanese partner will ship its furnace to …": whoever sends the goods holds them, whatever it is to us.
      if (!cue && sendsGoods(tokens, end)) return { role: 'site', recipient: false, sends: true };
      // "Rotterdam client with Chinese-origin Tb oxide, resale to Turkey": a buyer said to be "with" goods holds them.
      if (!cue && !recipient && buyerWithGoods(tokens, end, lex)) return { role: 'site', recipient: false };
      // "a Korean magnet maker we buy from": a maker the asker buys from sells the goods.
      if (SUPPLIER_RELATIVES.some((phrase) => tokens.slice(end + 1, end + 6).map((t) => t.low).join(' ').includes(phrase))) return { role: 'site', recipient: false };
      // "A Chinese maker offers SmCo segments", "the Chinese OEM also quoted spares": a party whose own verb offers goods
      // sells them.
      if (!cue && !recipient && offersGoods(tokens, end)) return { role: 'site', recipient: false };
      // "our Shenzhen contract manufacturer ships …": our own maker is where the goods come from; not when the goods go
      // to it ("they can't ship to our Indian contract manufacturer").
      if (!recipient && FIRST_PERSON.has(tokens[start - 1]?.low ?? '') && tokens.slice(end, end + 3).some((t) => MAKER_NOUNS.has(t.low))) return { role: 'site', recipient: false };
      // "we found a Chinese producer", "a Chinese maker offered us …": a maker named with no "to" or "for" and wanting
      // nothing is who the asker would buy from.
      if (!cue && tag.demonym && !recipient && !(doing && WANT_VERBS.has(doing)) && tokens.slice(end, end + 3).some((t) => MAKER_NOUNS.has(t.low) || SELLER_NOUNS.has(t.low))
        && SUPPLIER_FIND_VERBS.has(tokens[start - 2]?.low ?? '')) return { role: 'site', recipient: false };
      return { role: cue?.word === 'from' ? 'origin' : 'destination', recipient };
    case 'person':
      // "from a Chinese refiner" names where the goods come from; other people are parties.
      return { role: cue?.word === 'from' && !TECH_PERSONS.has(tokens[end]?.low ?? '') ? 'origin' : 'party', recipient };
    case null:
      break;
  }
  // "the spares that Dongguan ships to Cebu": a place that is itself the subject of a verb of sending is where the goods
  // leave from, as a sender's site.
  // Only as a sentence's or a relative clause's subject: in "ship the lot to Singapore, and Singapore delivers to
  // Bergen" the place is a stop on the way.
  const opensClause = start === 0 || tokens[start - 1]?.clauseEnd === true || RELATIVE_PRONOUNS.has(tokens[start - 1]?.low ?? '');
  if (!cue && !tag.demonym && opensClause && placeSends(tokens, end)) return { role: 'site', recipient: false, sends: true };
  // "We'd invoice from Thailand", "billed from our Singapore entity": where the bill comes from, not the goods.
  if (cue?.word === 'from' && BILLING_VERBS.has(tokens[cue.index - 1]?.low ?? '')) return { role: 'other', recipient: false };
  if (cue && ORIGIN_CUES.has(cue.word)) return { role: 'origin', recipient: false };
  if (recipient) return { role: 'destination', recipient: true };
  if (cue && INSIDE_CUES.has(cue.word)) {
    // The words before the cue, within the clause ("sorry to bother. Purchasing in Shenzhen" has no "to").
    const before: string[] = [];
    for (let i = cue.index - 1; i >= Math.max(0, cue.index - 6) && !(tokens[i] as Token).clauseEnd; i--) before.push((tokens[i] as Token).low);
    // "We are a notebook ODM in Taipei, assembly in Malaysia", "final production in Mexico": a noun of making right
    // before the cue says where goods are made.
    // Not "for your SOFC production in Torino", "for pack assembly in Korea": making the goods are for is where they go.
    if (MAKING_NOUNS.has(tokens[cue.index - 1]?.low ?? '') && !goodsForSite(tokens, cue.index, 'for')) return { role: 'made', recipient: false };
    if (selfIntroSentence(tokens, cue.index, end)) return { role: 'site', recipient: false, asker: true };
    // "made in", "sintered at our plant in": a verb of making. "a sintered-magnet plant in" uses it as an adjective.
    // A present-tense verb of making takes an object ("we assemble hub motors in Monterrey"); a participle right before
    // a noun is an adjective.
    // "our partner in Baotou wants to present the process": whoever is there gives, so it is no receiving end.
    if (doing && WANT_VERBS.has(doing) && wantsToSend(tokens, end, lex)) return { role: 'site', recipient: false, sends: true };
    // "Our sister plant in Pune needs Dy magnets", "a magnet plant in Texas asks for 5 t of Dy oxide": a party there
    // that wants goods receives them.
    // (Not a supplier that buys them in: "our receiver supplier in Ningbo buys SmCo magnets and ships them to our
    // line" buys to sell on, from where it is.)
    const supplierBuys = SELLER_NOUNS.has(before[0] ?? '') && doing !== undefined && PURCHASE_VERBS.has(doing);
    if (wantsGoodsAfter(tokens, end) && !supplierBuys) return { role: 'destination', recipient: true };
    // "a WFOE in Suzhou that sells samarium metal to …": the seller's place is where the goods leave from.
    if (RELATIVE_PRONOUNS.has(tokens[end]?.low ?? '') && !placeEnd.commaAfter && sendsGoods(tokens, end + 1)) return { role: 'origin', recipient: false };
    // "Our dental partner in Foshan ships the discs to …": a party there that sends the goods is where they leave from.
    const party = before[0] ?? '';
    const partyBefore = SITE_NOUNS.has(party) || BUYER_NOUNS.has(party) || MAKER_NOUNS.has(party) || COMPANY_NOUNS.has(party);
    if (partyBefore && !placeEnd.commaAfter && !placeEnd.clauseEnd && sendsGoods(tokens, end)) return { role: 'origin', recipient: false };
    // "a professor at our partner university in Baotou": the nearest noun is a person or institution, so the place is
    // where that party is, not a buyer's or a site's.
    // ("We export our actuators made in France": a word right after a personal pronoun is its verb, not a noun.)
    const nearestNoun = before.find((w, k) => (SITE_NOUNS.has(w) || BUYER_NOUNS.has(w) || PERSON_WORDS.has(w) || MAKER_NOUNS.has(w)) && !PERSONAL_SUBJECTS.has(before[k + 1] ?? ''));
    if (nearestNoun !== undefined && PERSON_WORDS.has(nearestNoun) && !SITE_NOUNS.has(nearestNoun) && !BUYER_NOUNS.has(nearestNoun) && !MAKER_NOUNS.has(nearestNoun) && !recipient) {
      return { role: 'party', recipient: false };
    }
    // (Not across a "to": "pumps made in Italy to a utility in Chile" sends them to Chile.)
    // "Our client makes Tb targets in Suzhou and ships them to Singapore": a party that makes the goods there and sends
    // them on is where they are made, as "we make" is. (Not a party that only makes: "our customer makes pumps in
    // Poland" with magnets sent to it is where the magnets go.)
    // "… and reduce it to Dy metal in Finland": where goods are made into others is where the new goods are made.
    if (madeIntoBefore(tokens, cue.index)) return { role: 'made', recipient: false };
    const partySubject = (w: string) => BUYER_NOUNS.has(w) || SITE_NOUNS.has(w) || COMPANY_NOUNS.has(w) || MAKER_NOUNS.has(w);
    const sendsOn = [0, 1, 2, 3].some((k) => sendingVerbAt(tokens, end + k) && tokens.slice(end - 1, end + k).every((t) => !t.clauseEnd));
    // ("A Japanese magnet maker made NdFeB-Dy magnets in Japan": goods named right after the verb of a party or a pronoun
    // are what was made there; "Chinese Dy-containing sintered magnets in our Pune store" has no such subject.)
    const goodsAfter = (k: number) => {
      const subject = before[k + 1] ?? '';
      if (!partySubject(subject) && !PERSONAL_SUBJECTS.has(subject) && !FIRST_PERSON_OR_PLURAL.has(subject)) return false;
      const from = cue.index - k;
      const goodsWord = (i: number) => symbolAt(tokens, i, lex) !== null || itemWordHits(tokens, lex).some((h) => h.start <= i && i < h.end);
      return k > 0 && tokens.slice(from, cue.index).every((_, n) => goodsWord(from + n));
    };
    const madeVerb = before.findIndex((w, k) => ((MADE_VERBS.has(w) && (k === 0 || !/^[a-z]/.test(before[k - 1] ?? '') || MADE_FOLLOWERS.has(before[k - 1] ?? '') || goodsAfter(k)))
      || (MAKE_NOW_VERBS.has(w) && (FIRST_PERSON_OR_PLURAL.has(before[k + 1] ?? '') || (sendsOn && partySubject(before[k + 1] ?? '')))))
      && !before.slice(0, k).some((x) => DEST_CUES.has(x)));
    if (madeVerb >= 0) return { role: 'made', recipient: false };
    // "We are a distributor in Düsseldorf": the asker's own place.
    // Not "We're sourcing NdPr oxide from Lynas in Malaysia": a "from" between names a source, not the asker.
    const weAre = before.findIndex((w) => w === "we're" || w === 'are');
    if (weAre >= 0 && (before[weAre] === "we're" || before[weAre + 1] === 'we') && !before.slice(0, weAre).some((w) => ORIGIN_CUES.has(w))) return { role: 'site', recipient: false, asker: true };
    // "for our speaker line in Monterrey", "for a plant in Ohio": the goods are for that site, so it receives them.
    // Not across a comma: "for a Friedel-Crafts step, supplier in Shanghai" names the supplier's place.
    const forAt = before.findIndex((w) => w === 'for');
    const forPos = forAt >= 0 && tokens.slice(cue.index - 1 - forAt, cue.index).some((t) => t.commaAfter) ? -1 : forAt;
    const nounPhrase = (k: number) => before.slice(0, k).every((w) => !ORIGIN_CUES.has(w) && !DEST_CUES.has(w) && !INSIDE_CUES.has(w));
    // "for a start-up in Texas": a company the goods are for, there, receives them too.
    if (forPos >= 0 && nounPhrase(forPos) && before.slice(0, forPos).some((w, k) => SITE_NOUNS.has(w) || BUYER_NOUNS.has(w) || MAKER_NOUNS.has(w) || COMPANY_NOUNS.has(w) || COMPANY_NOUNS.has(`${before[k + 1] ?? ''}-${w}`))) return { role: 'destination', recipient: true };
    // "for your SOFC electrolyte production in Torino", "so our field techs in Mato Grosso can repair pumps": where the
    // goods are used; not where we make them ("We make hub motors for e-bikes in Jiangsu").
    if (cue.word !== 'from' && cue.index === start - 1 && goodsForSite(tokens, cue.index, 'either') && !weMakeInClause(tokens, cue.index)) return { role: 'destination', recipient: true };
    // "300 kg for TDK in Japan": goods for a named party there.
    const namedParty = tokens.slice(cue.index - forPos, cue.index).every((t) => /^\p{Lu}/u.test(t.raw));
    if (forPos > 0 && forPos <= 3 && nounPhrase(forPos) && namedParty) return { role: 'destination', recipient: true };
    // "our contract manufacturer in Penang": our own maker's place, where the goods are made.
    // ("ship Dy magnets to our contract manufacturer in Bangalore": one abroad the goods are sent to receives them. One
    // in China stays where goods are made: "we send our rotors to our vendor in China, they fit the magnets and ship
    // them back".)
    const ownMaker = before.findIndex((w) => MAKER_NOUNS.has(w));
    const ourAt = ownMaker >= 0 ? before.indexOf('our', ownMaker + 1) : -1;
    const sentTo = DEST_CUES.has(before[ourAt + 1] ?? '') && tag.country !== 'CN';
    if (ourAt >= 0 && ourAt <= ownMaker + 2 && !sentTo) return { role: 'site', recipient: false };
    const sitePos = before.findIndex((w) => SITE_NOUNS.has(w));
    const buyerPos = before.findIndex((w) => BUYER_NOUNS.has(w));
    // "from a maker in Dongguan", "from our supplier in Jiangxi": the place of whoever the goods come from.
    const fromPos = before.findIndex((w) => w === 'from');
    // "plan to sell our line in Ningbo": an infinitive's "to" is no destination.
    // "put the magnets into actuators in Pune": "into" after a verb of fixing says what they go in, not where.
    const fixedInto = (k: number) => before.slice(k + 1, k + 6).some((v) => FIXING_VERBS_ANY.has(v));
    // "send a team to tour our line in Baotou": a word between "to" and a determiner is an infinitive's verb.
    const infinitive = (k: number) => k > 1 && !DETERMINERS.has(before[k - 1] ?? '') && DETERMINERS.has(before[k - 2] ?? '');
    const toPos = before.findIndex((w, k) => DEST_CUES.has(w) && !(w === 'to' && k > 0 && (EXPORT_VERBS.has(before[k - 1] ?? '') || lex.knowledge.cues.provisionVerbs.has(before[k - 1] ?? '') || infinitive(k)))
      && !(w === 'into' && fixedInto(k)));
    // "a PO for Tm2O3 from a laser company in Jena": after a request, a buyer it comes from asks for the goods.
    // "The order is from a new magnet plant in India": a request said to be from a site comes from a buyer too.
    if (fromPos >= 0 && (toPos < 0 || fromPos < toPos) && (askedByBuyer(tokens, cue.index - 1 - fromPos, start, lex) || requestIsFrom(tokens, cue.index - 1 - fromPos, lex))) return { role: 'destination', recipient: true };
    const makerPos = before.findIndex((w) => MAKER_NOUNS.has(w));
    if (fromPos >= 0 && (toPos < 0 || fromPos < toPos) && (sitePos >= 0 || buyerPos >= 0 || (makerPos >= 0 && makerPos < fromPos))) return { role: 'origin', recipient: false };
    // "buy Nd:YAG rods from a crystal grower in Fujian": whoever the goods come from, named by any noun, is there.
    if (fromPos >= 1 && fromPos <= 4 && (toPos < 0 || fromPos < toPos) && DETERMINERS.has(before[fromPos - 1] ?? '')) return { role: 'origin', recipient: false };
    // "shipped to our warehouse in Leipzig", "exported to a Tier-1 in the Czech Republic": the receiving end.
    if (toPos >= 0 && (fromPos < 0 || toPos < fromPos)) return { role: 'destination', recipient: true };
    // "sell extractors to a new rare earth separation plant in Malaysia": a long noun phrase after "to" and a
    // determiner, headed by a site or a buyer right before the place, still names where the goods go.
    const headNoun = (w: string) => SITE_NOUNS.has(w) || BUYER_NOUNS.has(w) || COMPANY_NOUNS.has(w);
    if (fromPos < 0 && toPos < 0 && (headNoun(before[0] ?? '') || headNoun(`${before[1] ?? ''}-${before[0] ?? ''}`))) {
      for (let i = cue.index - 7; i >= Math.max(0, cue.index - 10); i--) {
        const between = tokens.slice(i, cue.index);
        if (between.some((t) => t.clauseEnd || t.commaAfter)) break;
        // Or a name: "to Mitsubishi Heavy Industries aero engines unit in Nagoya".
        if ((tokens[i] as Token).low === 'to' && (DETERMINERS.has(tokens[i + 1]?.low ?? '') || /^\p{Lu}/u.test(tokens[i + 1]?.raw ?? ''))
          && between.slice(1).every((t) => !DEST_CUES.has(t.low) && !ORIGIN_CUES.has(t.low) && !INSIDE_CUES.has(t.low))) return { role: 'destination', recipient: true };
      }
    }
    // "their rotor plant in Spain", "the customer's line in Ohio": someone else's place receives.
    // (Not "our Swiss group's WFOE in Suzhou": a group of ours owns what is the asker's own.)
    const ourGroups = (k: number) => ownGroupPossessive(before[k] ?? '') && before.slice(k + 1, k + 3).some((w) => ASKER_POSSESSIVES.has(w));
    if (before.slice(0, 3).some((w, k) => lex.knowledge.cues.othersPossessives.has(w) || (/'s$/.test(w) && !ourGroups(k)))) return { role: 'destination', recipient: true };
    // "consignee our R&D centre in Pune": whatever the site, the consignee receives the goods.
    if (before.some((w) => CONSIGNEE_WORDS.has(w))) return { role: 'destination', recipient: true };
    // "Our client in Vietnam makes NdFeB magnets with Chinese Dy and sells them to a Mexican maker", "our subsidiary in
    // Vietnam builds inverters … and sells them to Australia": a customer or a site outside China that makes goods and
    // sends them on in the same sentence is where they are made. (A company named by its trade is read just below as
    // the sender; a party in China that does so is where goods leave China from.)
    const makerThere = SITE_NOUNS.has(before[0] ?? '') || RECEIVER_NOUNS.has(before[0] ?? '');
    if (tag.country !== 'CN' && makerThere && nounRightAfter(tokens, end, MAKE_NOW_VERBS) && sendsLaterInSentence(tokens, end)) return { role: 'made', recipient: false };
    // "our university lab in Baotou": a word for both a site and a buyer, after "our", is the asker's own site.
    const ownSite = sitePos >= 0 && sitePos === buyerPos && before.slice(sitePos + 1, sitePos + 4).some((w) => ASKER_POSSESSIVES.has(w));
    if (sitePos >= 0 && (buyerPos < 0 || sitePos < buyerPos || ownSite)) return { role: 'site', recipient: false };
    // "A company in Malaysia separates rare earths and exports Dy oxide to Korea": a company (not a customer) whose own
    // verb, right after its place, makes or sends goods is where they come from.
    const sends = placeSends(tokens, end);
    if (buyerPos >= 0 && (sends || siteMakesAfter(tokens, end)) && !RECEIVER_NOUNS.has(before[buyerPos] ?? '') && !tokens[end - 1]?.clauseEnd) return { role: 'site', recipient: false, ...(sends ? { sends: true } : {}) };
    if (buyerPos >= 0) return { role: 'destination', recipient: true };
    return { role: 'site', recipient: false };
  }
  // "… for a radar project of Mitsubishi Electric Defense Systems, Japan": a country set off by a comma after a
  // capitalised name is that party's; goods for or to the party go there, goods from it come from there.
  const nameBefore = tokens[start - 1];
  if ((!cue || cue.word === 'of') && nameBefore?.commaAfter && /^\p{Lu}/u.test(nameBefore.raw) && !nameBefore.clauseEnd) {
    for (let i = start - 2; i >= Math.max(0, start - 12); i--) {
      const t = tokens[i] as Token;
      if (t.clauseEnd || t.commaAfter) break;
      if (ORIGIN_CUES.has(t.low)) return { role: 'origin', recipient: false };
      if (DEST_CUES.has(t.low) || t.low === 'for') return { role: 'destination', recipient: true };
    }
  }
  return { role: 'other', recipient };
}

/**
 * A town written in two capitalised syllables that the gazetteer holds as one word ("Hai Phong", "Bao Tou", "Da Nang"
 * for Haiphong, Baotou, Danang): romanised Vietnamese and Chinese names are written both ways.
 */
function splitNames(tokens: readonly Token[], lex: Lexicon, found: readonly PhraseHit<PlaceTag>[]): PhraseHit<PlaceTag>[] {
  const out: PhraseHit<PlaceTag>[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i] as Token, tokens[i + 1] as Token];
    if (a.clauseEnd || a.commaAfter || b.start !== a.end + 1 || !SYLLABLE.test(a.raw) || !SYLLABLE.test(b.raw)) continue;
    if (found.some((h) => h.start <= i + 1 && i < h.end)) continue;
    const joined: Token = { ...a, raw: a.raw + b.raw.toLowerCase(), low: a.low + b.low, end: b.end, clauseEnd: b.clauseEnd, commaAfter: b.commaAfter, colonAfter: b.colonAfter };
    const hit = lex.gazetteer.find([joined]).find((h) => !h.fuzzy && h.value.kind === 'place' && h.value.gazetteer?.englishWord !== true);
    if (hit) out.push({ ...hit, start: i, end: i + 2 });
  }
  return out;
}

export function findPlaces(tokens: readonly Token[], lex: Lexicon): PlaceMention[] {
  const out: PlaceMention[] = [];
  // "Malaysia's ban", "Ningbo's free trade zone": a name in the possessive is still the place, so names are matched
  // with the possessive ending set aside (the roles below still see it, on the tokens as written).
  const names = withoutPossessives(tokens);
  // A near miss of a hand-kept name is no match where the gazetteer has the name exactly ("Taoyuan" is a Taiwanese
  // city, not a misspelt Taiyuan).
  const exact = lex.gazetteer.find(names);
  // Nor is a hand-kept name inside a longer name the gazetteer has ("Lao Cai", a Vietnamese province, not Laos): the
  // longer name is what is written.
  const longer = (h: { start: number; end: number }) => exact.some((g) => !g.fuzzy && g.start <= h.start && h.end <= g.end && g.end - g.start > h.end - h.start
    && g.value.kind === 'place' && g.value.gazetteer?.englishWord !== true);
  const hand = lex.places.find(names).filter((h) => !(h.fuzzy && exact.some((g) => g.start === h.start && g.end === h.end)) && !longer(h));
  const covered = (h: { start: number; end: number }) => hand.some((x) => x.start < h.end && h.start < x.end);
  const found = [...hand, ...exact.filter((h) => !covered(h))];
  const hits = [...found, ...splitNames(names, lex, found)].sort((a, b) => a.start - b.start);
  const demonyms = new Set<PlaceMention>();
  for (const hit of hits) {
    // A misspelt country is still written as a name: a lower-case near miss is an English word ("turnkey", not Turkey).
    if (hit.fuzzy && !/^\p{Lu}/u.test((tokens[hit.start] as Token).raw)) continue;
    // A gazetteer name is a place only as a proper noun, and one that is also an English word never opens a sentence.
    const g = hit.value.kind === 'place' ? hit.value.gazetteer : undefined;
    if (g) {
      const first = tokens[hit.start] as Token;
      const sentenceStart = hit.start === 0 || (tokens[hit.start - 1] as Token).clauseEnd;
      if (hit.fuzzy || !/^\p{Lu}/u.test(first.raw) || (g.englishWord && sentenceStart)) continue;
    }
    // "a non-Chinese separator": the prefix denies the place.
    if ((tokens[hit.start] as Token).hyphenBefore && NEGATING_PREFIXES.has(tokens[hit.start - 1]?.low ?? '')) continue;
    // Short capitalised forms ("US", "UK") were kept out of the matcher; "US" as written is added below.
    const { role, recipient, asker, measure, sends } = roleOf(tokens, hit.start, hit.end, hit.value, lex);
    const mention: PlaceMention = { country: hit.value.country, role, start: hit.start, end: hit.end, recipient, defence: hit.value.kind === 'defence', ...(asker ? { asker } : {}), ...(measure ? { measure } : {}), ...(sends ? { sends } : {}) };
    if (hit.value.kind === 'place' && hit.value.demonym) demonyms.add(mention);
    out.push(mention);
  }
  tokens.forEach((t, i) => {
    const code = COUNTRY_CODES.get(t.raw) ?? null;
    if (!code || out.some((p) => p.start <= i && i < p.end)) return;
    const { role, recipient, asker } = roleOf(tokens, i, i + 1, { kind: 'place', country: code, demonym: false }, lex);
    out.push({ country: code, role, start: i, end: i + 1, recipient, defence: false, ...(asker ? { asker } : {}) });
  });
  // "No Chinese material, equipment or technology used": a Chinese input or technology said not to be there is none.
  // So is "No Chinese anything": a negation right before the nationality, whatever role it was given.
  const negated = (p: PlaceMention) => ((p.role === 'content' || p.role === 'technology') && negatedInputList(tokens, p.start, lex))
    || (p.role === 'other' && NEGATION_CUES.has(tokens[p.start - 1]?.low ?? '') && (ANYTHING_WORDS.has(tokens[p.end]?.low ?? '') || CONTENT_WORDS.has(tokens[p.end]?.low ?? '')));
  // "We're a German WFOE in Tianjin": the nationality of a company said to be somewhere is its owner's; the place is
  // where the asker sits.
  // So is "our Korean subsidiary in Tianjin produces": a site's nationality, with the site's place right after it.
  const sameSide = (p: PlaceMention, q: PlaceMention) => (p.asker === true && q.asker === true) || (p.asker !== true && p.role === 'site' && q.role === 'site');
  const sitsElsewhere = (p: PlaceMention) => demonyms.has(p) && out.some((q) => q !== p && sameSide(p, q) && q.start > p.end && q.start - p.end <= 5
    && tokens.slice(p.end, q.start).some((w) => INTRO_PLACE_CUES.has(w.low)) && !tokens.slice(p.end - 1, q.start - 1).some((w) => w.clauseEnd)
    // Not "a Chinese magnet maker's sales agent in Stuttgart": there the nationality is another party's.
    && !tokens.slice(p.end, q.start).some((w) => POSSESSIVE_ENDING.test(w.raw)));
  const owners = new Set(out.filter(sitsElsewhere));
  const placed = out.map((p): PlaceMention => {
    if (!owners.has(p)) return p;
    const { asker: _owner, ...rest } = p;
    return { ...rest, role: 'party' };
  });
  // "terbium targets, Ningbo to Hsinchu": a place no word placed, right before "to" and the place goods go to, is where
  // they leave from (the route written as "A to B").
  const routeStart = (p: PlaceMention) => p.role === 'other' && !p.negated && tokens[p.end]?.low === 'to' && !(tokens[p.end - 1] as Token).clauseEnd
    && placed.some((q) => q.start === p.end + 1 && q.role === 'destination');
  return inputsOfGoodsMadeElsewhere(tokens, placed, lex).map((p) => (negated(p) ? { ...p, role: 'other' as const, negated: true } : routeStart(p) ? { ...p, role: 'origin' as const }
    : siteBeingSetUp(tokens, p) ? { ...p, role: 'destination' as const, recipient: true } : p)).sort((a, b) => a.start - b.start);
}

/**
 * "We're setting up a battery plant in Batam", "building a new magnet plant in Mexico": a site still being set up
 * makes and sends nothing yet; goods bought for it go there. The site's noun must be the verb's object (no preposition
 * between: "building motors in our plant in Mexico" makes motors there).
 */
function siteBeingSetUp(tokens: readonly Token[], p: PlaceMention): boolean {
  if (p.role !== 'site') return false;
  const siteNoun = [1, 2].map((k) => p.start - k).find((i) => PRODUCTION_SITES.has(tokens[i]?.low ?? '') && tokens[i + 1]?.low === 'in') ?? (PRODUCTION_SITES.has(tokens[p.end]?.low ?? '') ? p.end : undefined);
  if (siteNoun === undefined) return false;
  const from = Math.min(siteNoun, p.start);
  for (let v = from - 1; v >= Math.max(0, from - 6); v--) {
    const t = tokens[v] as Token;
    if (t.clauseEnd || t.commaAfter || LOCATIVE_CUES.has(t.low)) return false;
    // ("setting up": the particle after the verb is part of it.)
    if (SITE_SETUP_VERBS.has(t.low) || SITE_SETUP_VERBS.has(`${tokens[v - 1]?.low ?? ''} ${t.low}`)) return true;
  }
  return false;
}

/** "We're a (new) customer in", "I am an importer in": the asker introduces itself as one who receives goods, there. */
function introducesReceiver(tokens: readonly Token[], start: number): boolean {
  if (!INSIDE_CUES.has(tokens[start - 1]?.low ?? '')) return false;
  for (let i = start - 2; i >= Math.max(0, start - 6); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (RECEIVER_NOUNS.has(t.low)) return [1, 2, 3, 4, 5].some((k) => introducesAsker(tokens, i - k));
  }
  return false;
}

/** Up to `count` tokens from `from`, ending with the first that closes a clause or carries a comma: a short phrase. */
function wordsToBreak(tokens: readonly Token[], from: number, count: number): readonly Token[] {
  const words = tokens.slice(from, from + count);
  const stop = words.findIndex((t) => t.clauseEnd || t.commaAfter);
  return stop >= 0 ? words.slice(0, stop + 1) : words;
}

/**
 * "Korea buyer: Chinese yttrium oxide …", "Brazilian importer here.": the asker signs with its place and a buyer's noun,
 * so it receives the goods; not when it says it holds goods of its own ("Lisbon buyer here. We hold Chinese Tb metal in
 * our warehouse …"), which it would send.
 */
function signsAsBuyer(tokens: readonly Token[], end: number): boolean {
  if (tokens[end - 1]?.clauseEnd || tokens[end - 1]?.commaAfter) return false;
  if (!wordsToBreak(tokens, end, 3).some((t) => RECEIVER_NOUNS.has(t.low))) return false;
  return !tokens.some((t, i) => HOLD_VERBS.has(t.low) && FIRST_PERSON.has(tokens[i - 1]?.low ?? ''));
}

/** "Rotterdam client with Chinese-origin Tb oxide": the party noun after the place, then "with" and goods' words. */
function buyerWithGoods(tokens: readonly Token[], end: number, lex: Lexicon): boolean {
  const withAt = [0, 1, 2].map((k) => end + k).find((i) => tokens[i]?.low === 'with');
  if (withAt === undefined || tokens.slice(end, withAt).some((t) => t.clauseEnd || t.commaAfter) || !BUYER_NOUNS.has(tokens[withAt - 1]?.low ?? '')) return false;
  const after = wordsToBreak(tokens, withAt + 1, 4);
  // (The goods right after it, words of origin at most between: "a customer with questions about Tb oxide" holds none.)
  return lex.items.find(after).some((h) => h.start <= 3 && (h.value.kind === 'element' || h.value.kind === 'compound' || h.value.kind === 'form')
    && after.slice(0, h.start).every((t) => !TOPIC_PREPOSITIONS.has(t.low) && !OF_WORDS.has(t.low) && t.low !== 'for'));
}

/** A verb of fitting shortly before the place, after a verb of shipping earlier in the sentence. */
function fittedAfterShipping(tokens: readonly Token[], start: number, end: number, lex: Lexicon): boolean {
  // "… from Wuxi": where goods come from is never where they are fitted.
  if (nearestCue(tokens, start)?.word === 'from') return false;
  // "We sell tablets assembled in Vietnam to retailers in Chile": a participle right after the goods it describes says
  // where they were made, as "made in" does, not where shipped goods are fitted.
  const participle = tokens[start - 2];
  if (participle && MADE_VERBS.has(participle.low) && !participle.hyphenBefore && tokens[start - 1]?.low === 'in'
    && lex.items.find(tokens.slice(Math.max(0, start - 6), start - 2)).some((h) => h.end === start - 2 - Math.max(0, start - 6))) return false;
  let fit = -1;
  // "we glue them in at our plant in Czechia": the verb's object and particle stand between, so seven words back.
  for (let i = start - 1; i >= Math.max(0, start - 7); i--) {
    if ((tokens[i] as Token).clauseEnd) return false;
    // "our pressing line", "the NdFeB pressing line": a verb form after a determiner or before a site noun names the
    // site, and fits nothing.
    // "injection-molded sensors": a participle in a hyphenated adjective describes the goods.
    // Past five words only a verb with its pronoun object reaches ("glue them in at our plant in"): "magnetic building
    // tiles for kids made in" holds no verb of fitting.
    const far = i < start - 5 && !OBJECT_PRONOUN_WORDS.has(tokens[i + 1]?.low ?? '');
    if (!far && FIXING_VERBS_ANY.has((tokens[i] as Token).low) && !(tokens[i] as Token).hyphenBefore && !DETERMINERS.has(tokens[i - 1]?.low ?? '') && !SITE_NOUNS.has(tokens[i + 1]?.low ?? '')) {
      fit = i;
      break;
    }
  }
  // "… ships the magnets and the stacks separately and our plant in Mexico glues them together": the place's party
  // fits the goods, its verb right after the place with the goods as a pronoun object.
  if (fit < 0) {
    const after = [end, end + 1].find((i) => FIXING_VERBS_ANY.has(tokens[i]?.low ?? '') && OBJECT_PRONOUN_WORDS.has(tokens[i + 1]?.low ?? '')
      && tokens.slice(end - 1, i).every((t) => !t.clauseEnd && !t.commaAfter));
    if (after === undefined) return false;
    fit = start;
  }
  // The shipping verb may stand a comma away ("will ship the cores and the magnets in one crate, and we glue them in
  // at …") or before a colon ("proposes to ship a kit: loose magnets, a yoke …, we assemble in"), never in another
  // sentence.
  for (let i = fit - 1; i >= 0 && !endsSentence(tokens[i] as Token); i--) if (EXPORT_VERBS.has((tokens[i] as Token).low)) return true;
  // "Loose rings; we assemble them into the cathode here in Taiwan": goods the asker fits, in a message that sends
  // nothing, came to the asker's place.
  return FIRST_PERSON.has(tokens[fit - 1]?.low ?? '') && OBJECT_PRONOUN_WORDS.has(tokens[fit + 1]?.low ?? '') && !tokens.some((t) => EXPORT_VERBS.has(t.low));
}

/**
 * A negation opens the list the place stands in: "no Chinese material", "no Chinese material or Chinese technology".
 * Only list words, inputs, know-how and other nationality words may stand between.
 */
function negatedInputList(tokens: readonly Token[], start: number, lex: Lexicon): boolean {
  for (let i = start - 1; i >= Math.max(0, start - 8); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (NEGATION_CUES.has(t.low)) return true;
    const listWord = LIST_JOINERS.has(t.low) || CONTENT_WORDS.has(t.low) || lex.knowledge.cues.knowHowNouns.has(t.low) || lex.places.find([t]).length > 0;
    if (!listWord) return false;
  }
  return false;
}

/**
 * "We make e-motors in Czechia … Our magnets come from China": once the goods are said to be made in another country,
 * a part that "comes from" China is Chinese content of those goods, not where they leave from.
 */
function inputsOfGoodsMadeElsewhere(tokens: readonly Token[], places: readonly PlaceMention[], lex: Lexicon): PlaceMention[] {
  // "made in Vietnam", or "our Vietnam subsidiary makes …": a site said to make the goods is where they are made.
  const madeSaid = places.find((p) => p.role === 'made');
  const made = madeSaid ?? places.find((p) => p.role === 'site' && siteMakesAfter(tokens, p.end));
  if (!made) return [...places];
  // A making site speaks only of inputs named after it; "made in X" of any.
  const after = (p: PlaceMention) => madeSaid !== undefined || p.start >= made.end;
  // A copula says where a magnet or material came from ("the motor magnets are from China"), not the goods ("the
  // goods are from China").
  const originVerb = (i: number) => ORIGIN_OF_VERBS.has(tokens[i]?.low ?? '') && (!COPULAS.has(tokens[i]?.low ?? '') || heldGoodsEndAt(tokens, i, lex));
  // "Inside are SmCo magnets from China": a clause opened by "inside" and a copula names the part held.
  const heldInside = (fromAt: number) => {
    const s = clauseStartOf(tokens, fromAt);
    return FIXED_INSIDE.has(tokens[s]?.low ?? '') && COPULAS.has(tokens[s + 1]?.low ?? '') && heldGoodsEndAt(tokens, fromAt, lex);
  };
  return places.map((p) => {
    if (p.role !== 'origin' || p.country === made.country || !after(p)) return p;
    const cue = nearestCue(tokens, p.start);
    if (cue?.word !== 'from') return p;
    if (heldInside(cue.index)) return { ...p, role: 'content' };
    // "comes from China", or "comes as dysprosium oxide from China": the input's form between the verb and "from".
    const verb = originVerb(cue.index - 1) ? cue.index - 1
      : [2, 3, 4, 5].map((k) => cue.index - k).find((i) => originVerb(i) && tokens[i + 1]?.low === 'as' && tokens.slice(i, cue.index).every((t) => !t.clauseEnd));
    return verb !== undefined && !onlyOwnInputMoves(tokens, verb) ? { ...p, role: 'content' } : p;
  });
}

/** "made by our Chinese partner", "produced by a Japanese maker": a participle of making, "by" and a determiner. */
function madeByBefore(tokens: readonly Token[], start: number): boolean {
  const by = DETERMINERS.has(tokens[start - 1]?.low ?? '') ? start - 2 : start - 1;
  return tokens[by]?.low === 'by' && MADE_VERBS.has(tokens[by - 1]?.low ?? '');
}

/** "magnets that our Chinese partner makes": a relative clause whose subject is the party and whose verb makes. */
function objectOfTheirMaking(tokens: readonly Token[], start: number, end: number): boolean {
  const relative = DETERMINERS.has(tokens[start - 1]?.low ?? '') ? start - 2 : start - 1;
  return RELATIVE_PRONOUNS.has(tokens[relative]?.low ?? '') && siteMakesAfter(tokens, end);
}

/** "Our Vietnam subsidiary makes sintered magnets": a verb of making right after the site's own noun. */
function siteMakesAfter(tokens: readonly Token[], end: number): boolean {
  return [0, 1, 2].some((k) => MAKE_NOW_VERBS.has(tokens[end + k]?.low ?? '') && tokens.slice(end, end + k).every((t) => !t.clauseEnd));
}
