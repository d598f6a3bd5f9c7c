/**
 * Turns one message into Facts, with the signals the intent fusion needs. Pure and deterministic; the vocabulary
 * comes from `rules/vocabulary.yaml`, so the words it knows are the words the rules speak of.
 */
import { stem } from './stem.js';
import type { Frame, ItemFrame, PartyFrame } from '../contracts/frame.js';
import type { Facts, ItemFacts, LicenceChange, LicenceHeld } from '../rules/facts.js';
import { factsFromFrame } from './frame-facts.js';
import { extractMentionedWhen, extractShipWhen } from './extract-ship-date.js';
import { grammarWords, madeHyphenAt, SENDING_VERB_FORMS, wordAt } from './grammar.js';
import { findListedParties, listedPartyFrame } from './extract-parties.js';
import { extractCollaboration } from './extract-collaboration.js';
import { extractEndUse } from './extract-end-use.js';
import { extractItem, itemWordHits, symbolAt, type ItemExtraction } from './extract-items.js';
import { findPlaces, type PlaceMention } from './extract-places.js';
import { extractReferences, type References } from './extract-references.js';
import type { ItemTag, Lexicon } from './lexicon.js';
import type { PhraseHit } from './phrase-matcher.js';
import { clauseEndOf, clauseStartOf, endsSentence, normaliseText, sentenceStartOf, tokensOf, wordsPattern, type Token } from './text.js';

export interface Signals {
  /** Item words (elements, forms, products) found. */
  readonly goods: number;
  /** Collaboration words (kinds, technology areas) found. */
  readonly collaboration: number;
  /** Goods outside China with Chinese content, origin or technology. */
  readonly reexport: boolean;
  /** Named process know-how (recipes, settings, parameters, drawings, manuals), not just "technology". */
  readonly knowHow: boolean;
  /** Such know-how named, whether or not a verb passes it ("their flowsheet and dosing parameters, as part of the deal"). */
  readonly knowHowNamed: boolean;
  /** The item was named only generically. */
  readonly genericItem: boolean;
  /** The thing to be exported is a word the rules do not know ("bananas"): outside Lodestone's scope. */
  readonly unknownObject: string | undefined;
  /** Share of words the lexicon or classifier knows, filled in by the classifier. */
  readonly references: References;
  readonly tokens: number;
  /** Another country whose licence or rules are named ("the EU dual-use licence"); none when China's are named too. */
  readonly foreignRegimeCountry: string | undefined;
}

export interface Extraction {
  readonly frame: Frame;
  readonly facts: Facts;
  readonly signals: Signals;
}

const TECH_PERSONS = grammarWords('techPersons');
const CORRECTION = wordsPattern(grammarWords('correctionPhrases'));
/** Every self-correction cue in a message, built once: `matchAll` copies it, so it is shared safely. */
const SELF_CORRECTIONS = new RegExp(wordsPattern(grammarWords('selfCorrectionPhrases')).source, 'giu');
const STORE_NOUNS = grammarWords('storeNouns');
const CLAIM_VERBS = grammarWords('claimVerbs');
const CLAIM_SUBJECTS = grammarWords('claimSubjects');
const ACTIVITY_SHIP = grammarWords('activityShip');
const FINISHING_VERBS = grammarWords('finishingVerbs');
const OBJECT_PRONOUNS = grammarWords('objectPronouns');
const DEPART_FROM_VERBS = grammarWords('departFromVerbs');
const SHIPMENT_WORDS = grammarWords('shipmentWords');
const ACTIVITY_RESELL = grammarWords('activityResell');
const ACTIVITY_CARRY = grammarWords('activityCarry');
const PAST_TIME_WORDS = grammarWords('pastTimeWords');
const ACTIVITY_EXHIBIT = grammarWords('activityExhibit');
const SHOWING_VERBS = grammarWords('showingVerbs');
const PRODUCTION_SITES = grammarWords('productionSites');
const DEST_CUES = grammarWords('destCues');
const RETURN_WORDS = grammarWords('returnWords');
const RECEIVE_VERBS = grammarWords('receiveVerbs');
const REPLACEMENT_NOUNS = grammarWords('replacementNouns');
const DETERMINERS = grammarWords('determiners');
/** Verbs of sending in any form ("shipped", "sends", "sent"), as stems. */
const SENDING_STEMS = new Set([...grammarWords('sendingVerbs'), ...grammarWords('irregularParticiples')].map((v) => stem(v)));
const BOUGHT_VERBS = grammarWords('boughtVerbs');
const PURCHASE_VERBS = grammarWords('purchaseVerbs');
const ACQUIRED_VERBS = grammarWords('acquiredVerbs');
/** A year as written on its own ("2024"). */
const YEAR = /^(?:19|20)\d\d$/;
const NAMING_VERBS = grammarWords('namingVerbs');
// "named as the end user": what may stand between the verb and "end user".
const ARTICLE_OR_AS = new Set([...grammarWords('articles'), 'as']);
const RULES_NOUNS = grammarWords('rulesNouns');
const FIRST_PERSON_SUBJECTS = grammarWords('firstPerson');
const COMES_FROM_VERBS = grammarWords('comesFromVerbs');
const SOURCED_PARTICIPLES = grammarWords('sourcedParticiples');
const HOLD_VERBS = grammarWords('holdVerbs');
const SUBJECT_PRONOUNS = grammarWords('subjectPronouns');
const MODALS = grammarWords('modals');
const INSTRUCTION_VERBS = grammarWords('instructionVerbs');
const END_USER_DOCUMENTS = new RegExp(wordsPattern(grammarWords('endUserDocuments')).source, 'giu');
const NEGATION_WORDS = grammarWords('negationCues');
const ASKER_POSSESSIVES = grammarWords('askerPossessives');
const SITE_NOUNS = grammarWords('siteNouns');
const DISGUISE_VERBS = grammarWords('disguiseVerbs');
const AVOIDANCE_PHRASES = grammarWords('avoidancePhrases');
const EVASION_WORDS = grammarWords('evasionWords');
const GIFT_WORDS = wordsPattern(grammarWords('giftWords'));
const REPAIR_WORDS = wordsPattern(grammarWords('repairWords'));
const HELD_LICENCE_NOUNS = grammarWords('heldLicenceNouns');
const LICENCE_NAMING_VERBS = grammarWords('licenceNamingVerbs');
const ONWARD_MOVE_VERBS = grammarWords('onwardMoveVerbs');
const LICENCE_REDIRECT_VERBS = grammarWords('licenceRedirectVerbs');
const LICENCE_CHANGE_VERBS = grammarWords('licenceChangeVerbs');
const COPULAS = grammarWords('copulas');
const LICENCE_OTHER_WORDS = grammarWords('licenceOtherWords');
const LICENCE_RECIPIENT_NOUNS = grammarWords('licenceRecipientNouns');
const LICENCE_ITEM_NOUNS = grammarWords('licenceItemNouns');
const LICENCE_QUANTITY_OVER = grammarWords('licenceQuantityOverWords');
const LICENCE_QUANTITY_NOUNS = grammarWords('licenceQuantityNouns');
/** Words before a licence that make it one not (yet) held: "a licence", "any licence", "no licence", "a new licence". */
const LICENCE_INDEFINITE = grammarWords('licenceIndefiniteWords');
/** A licence referred to as one that exists ("that licence", "the same licence"). */
const LICENCE_REFERENCE_DETERMINERS = grammarWords('licenceReferenceDeterminers');
/** "Licence was for a Czech customer", "licence says 500 kg": a licence as the subject of what it states. */
const LICENCE_STATING_VERBS = grammarWords('licenceStatingVerbs');
const LICENSED_ADJECTIVES = grammarWords('licensedAdjectives');
const CONSIGNMENT_WORDS = grammarWords('consignmentWords');
const HELD_LICENCE_NOUNS_PATTERN = wordsPattern(HELD_LICENCE_NOUNS);
const LICENCE_HELD_BEFORE = grammarWords('licenceHeldBefore');
const LICENCE_HELD_AFTER = grammarWords('licenceHeldAfter');
const LICENCE_NOT_HELD = grammarWords('licenceNotHeldWords');
const RULE_FIGURE_NOUNS = grammarWords('ruleFigureNouns');
const NEED_WORDS = grammarWords('needWords');
/** Who sends the catch-all's notice to an exporter, and the words for sending, receiving and the notice itself. */
const NOTICE_AUTHORITIES = grammarWords('noticeAuthorities');
const NOTIFY_VERBS = grammarWords('notifyVerbs');
const NOTICE_SEND_VERBS = grammarWords('noticeSendVerbs');
const NOTICE_RECEIVE_VERBS = grammarWords('noticeReceiveVerbs');
const NOTICE_NOUNS = grammarWords('noticeNouns');
const NOTICE_RECIPIENT_PRONOUNS = grammarWords('noticeRecipientPronouns');
const AVOID_VERBS = grammarWords('avoidVerbs');
const CONTROL_CHECK_NOUNS = grammarWords('controlCheckNouns');
const REASON_CONJUNCTIONS = grammarWords('reasonConjunctions');
const PAST_EXPORT_VERBS = grammarWords('pastExportVerbs');
const PAST_AUXILIARIES = grammarWords('pastAuxiliaries');
/** How far into a purpose clause ("so …") a negated control is read as its aim. */
const PURPOSE_CLAUSE_REACH = 14;
const NOT_DONE_YET = grammarWords('planMarkers');
const OWN_UNITS = new Set([...grammarWords('departmentNouns'), ...grammarWords('ownUnitNouns')]);
const LICENCE_NOUNS = grammarWords('licenceNouns');
const SPLITTING_WORDS = grammarWords('splittingWords');
/** Forms that are built things (products, parts of products, machines), not bare magnets or materials. */
const BUILT_FORMS: readonly string[] = ['finished_product', 'component', 'equipment', 'battery'];
const BUYER_SUBJECTS = grammarWords('buyerSubjects');
const WANT_VERBS = grammarWords('wantVerbs');
// Words between a subject and its own verb ("want to", "are going to", "will").
const AUXILIARIES = grammarWords('auxiliaries');
/** Verbs that say a site makes the goods (knowledge/language.yaml). */
const MAKE_VERBS = wordsPattern(grammarWords('makeVerbs'));
const RELATIVE_PRONOUNS = grammarWords('relativePronouns');
const MAKE_VERB_WORDS_PRESENT = grammarWords('makeVerbsPlain');
const MAKE_WORDS = grammarWords('makeVerbs');
const PHRASE_STOPS = grammarWords('phraseStops');
const FITTING_VERBS = grammarWords('fixingVerbsActive');
const FIT_INTO_WORDS = grammarWords('fitIntoWords');
const PARTICIPLE_ENDINGS = grammarWords('participleEndings');
const ADJECTIVE_BEFORE = new Set([...grammarWords('determiners'), ...grammarWords('adjectivePrecedents')]);
const SPECIFIC_KNOW_HOW = wordsPattern(grammarWords('specificKnowHow'));
const DEST_WORDS = grammarWords('destWords');
const NEW_ITEM_WORDS = grammarWords('newItemAfterComma');
const INPUT_VERBS = grammarWords('inputVerbs');
const DETERMINER_WORDS = grammarWords('determinerWords');
const DESTINATION_FILLERS = grammarWords('destinationFillers');
const NOUN_OPENERS = grammarWords('nounOpeners');
const END_USER_NOUNS = grammarWords('endUserNouns');
const CONSIGNEE_WORDS = grammarWords('consigneeWords');
/** A verb's object: any word this close, and further only up to the clause's end or where it goes ("to"). */
const NEAR_OBJECT = 5;
const OBJECT_REACH = 10;
/** "Our magnets contain Chinese Dy oxide": Chinese inputs of goods made elsewhere, not Chinese goods. */
const CONTAIN_VERBS = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${[...grammarWords('containVerbs')].join('|')})(?![\\p{L}\\p{N}])`, 'iu');
/** "We're a Korean magnet maker": the asker makes the goods. */
const SELF_MAKER = new RegExp(String.raw`\b(?:we(?:'re| are)|as)\s+an?\s+(?:[\w-]+\s+){0,3}(?:${[...grammarWords('makerNouns')].join('|')})\b`, 'i');
const FOREIGN_MADE = wordsPattern(grammarWords('foreignMadePhrases'));
const CHINA_ORIGIN = wordsPattern(grammarWords('chinaOriginPhrases'));
const RECEIVER_PRONOUNS = grammarWords('receiverPronouns');
const CONTENT_SHARE_NOUNS = grammarWords('contentShareNouns');
const NIL_AMOUNTS = grammarWords('nilAmounts');
const NIL_HEDGES = grammarWords('nilHedges');

/**
 * "Chinese content in value is almost zero", "the Chinese share: nil": Chinese content said to be none, in its clause.
 * 'zero' when said plainly, 'near_zero' when hedged (no figure to weigh against a 0.1 % threshold). A "0" counts only as
 * a figure of its own ("0 %"); the tokens keep "0.3" whole.
 */
function nilChineseContent(tokens: readonly Token[], places: readonly PlaceMention[]): 'zero' | 'near_zero' | undefined {
  for (const p of places) {
    if (p.country !== 'CN' || p.role !== 'content' || !CONTENT_SHARE_NOUNS.has(tokens[p.end]?.low ?? '')) continue;
    for (let i = p.end + 1; i < Math.min(tokens.length, p.end + 8) && !(tokens[i - 1] as Token).clauseEnd; i++) {
      if (NIL_AMOUNTS.has((tokens[i] as Token).low)) return [1, 2].some((k) => NIL_HEDGES.has(tokens[i - k]?.low ?? '')) ? 'near_zero' : 'zero';
    }
  }
  return undefined;
}
const VALUE_WORDS = wordsPattern(grammarWords('valueWords'));

function shareOfValue(text: string, chineseContent: boolean, composition: (from: number, to: number) => boolean): number | undefined {
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)/gi)) {
    const at = m.index ?? 0;
    const around = text.slice(Math.max(0, at - 70), at + m[0].length + 70);
    // "I read about a 0.1% rule from China": the figure is the rule's.
    const nextWord = /^\s*([a-z]+)/i.exec(text.slice(at + m[0].length))?.[1]?.toLowerCase() ?? '';
    if (RULE_FIGURE_NOUNS.has(nextWord)) continue;
    // "Grade has ~2% dysprosium ... stalling on price": a figure written against an item word is a composition, even
    // with a word of value nearby; only one that says so itself ("2 % of the motor's value") is a share of value.
    const end = at + m[0].length;
    const ofValue = VALUE_WORDS.test(text.slice(end, end + 30).split(/[.,;:!?]/)[0] ?? '');
    if (composition(at, end) && !ofValue) continue;
    if (VALUE_WORDS.test(around) || (chineseContent && /chin(?:a|ese)/i.test(around))) {
      const v = Number(m[1]);
      if (v >= 0 && v <= 100) return v;
    }
  }
  return undefined;
}

/**
 * "99.99 % yttrium oxide", "Al-2%Sc", "Dy 2 %", "about 5% Y2O3": a percentage written against an item word, or an element's
 * symbol or formula, is a purity or a content.
 */
function againstItemWord(tokens: readonly Token[], hits: readonly PhraseHit<ItemTag>[], lex: Lexicon, from: number, to: number): boolean {
  const next = tokens.findIndex((t) => t.start >= to);
  if (next >= 0 && (tokens[next] as Token).start - to <= 2 && (hits.some((h) => h.start === next) || symbolAt(tokens, next, lex) !== null)) return true;
  const prev = tokens.findLastIndex((t) => t.end <= from);
  return prev >= 0 && from - (tokens[prev] as Token).end <= 2 && (hits.some((h) => h.end - 1 === prev) || symbolAt(tokens, prev, lex) !== null);
}

/** A Chinese place the goods (or inputs) came from: "bought from China", "our Chinese supplier" beside our own site. */
const MAKER_NOUNS = grammarWords('makerNouns');
const CONTENT_AFTER = grammarWords('contentAfter');
const SELLER_NOUNS = grammarWords('sellerNouns');
const TECH_WORDS = grammarWords('techWords');
const INTRO_PLACE_CUES = grammarWords('introPlaceCues');
const BUYER_DESCRIPTION_NOUNS = grammarWords('buyerDescriptionNouns');
const ANYTHING_WORDS = grammarWords('anythingWords');

/** "Our Chinese supplier's licence": a Chinese maker or supplier of the goods named. */
function chineseMakerNamed(places: readonly PlaceMention[], tokens: readonly Token[]): boolean {
  return places.some((p) => p.country === 'CN' && p.role === 'party' && MAKER_NOUNS.has((tokens[p.end]?.low ?? '').replace(/['’]s$/, '')));
}

/**
 * A verb of making used as a verb: "our stock of sintered NdFeB", "sintered magnets" use the participle as an
 * adjective (after an article, a possessive or a preposition, or opening the clause) and say nothing about making.
 */
/** "We put (glue, press) the magnets into actuators": fitting goods into a product makes that product. */
function fitsInto(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => FITTING_VERBS.has(t.low) && tokens.slice(i + 1, i + 7).some((n) => FIT_INTO_WORDS.has(n.low)));
}

/** A verb of making at `i` that is the asker's or its site's, not another party's ("a Japanese firm that builds headsets"). */
function ownMakingVerbAt(tokens: readonly Token[], i: number): boolean {
  return MAKE_WORDS.has((tokens[i] as Token).low) && !RELATIVE_PRONOUNS.has(tokens[i - 1]?.low ?? '');
}

function makingSaid(tokens: readonly Token[], fittedProduct: boolean): boolean {
  return fittedProduct || tokens.some((t, i) => {
    if (!ownMakingVerbAt(tokens, i)) return false;
    const prev = tokens[i - 1];
    const participle = [...PARTICIPLE_ENDINGS].some((e) => t.low.endsWith(e));
    const next = tokens[i + 1];
    // "holds sintered NdFeB": a participle right before a word that is no preposition or article describes it.
    const beforeNoun = next !== undefined && !t.clauseEnd && !t.commaAfter && !PHRASE_STOPS.has(next.low) && !ADJECTIVE_BEFORE.has(next.low) && /^\p{L}/u.test(next.low);
    const adjective = participle && (prev === undefined || prev.clauseEnd || ADJECTIVE_BEFORE.has(prev.low) || beforeNoun);
    return !adjective;
  });
}

/**
 * A clause after the goods (which end at `itemEnd`) whose only item words before `at` name a product ("; the
 * generators are assembled in Brazil"): its place of making is the product's. A clause that names magnets or material
 * too ("the Tb magnets inside our motors are made in Thailand") is about them.
 */
function productClauseAfter(tokens: readonly Token[], itemEnd: number, at: number, lex: Lexicon): boolean {
  let from = at;
  while (from > 0 && !(tokens[from - 1] as Token).clauseEnd && !(tokens[from - 1] as Token).commaAfter) from--;
  if (from < itemEnd) return false;
  const hits = lex.items.find(tokens.slice(from, at));
  return hits.length > 0 && hits.every((h) => h.value.kind === 'downstream');
}

/**
 * "the yttrium oxide itself, to make our own phosphors in NL": a purpose of making something (to, a verb of making)
 * between the goods and the place says where the goods will be made into something, not where they were made.
 */
function makingPurposeBetween(tokens: readonly Token[], itemEnd: number, at: number): boolean {
  if (at <= itemEnd) return false;
  for (let i = itemEnd; i < at - 1; i++) {
    if ((tokens[i] as Token).low === 'to' && MAKE_VERB_WORDS_PRESENT.has(tokens[i + 1]?.low ?? '')) return true;
    // Within the sentence: commas (", 5N purity, to make …") do not end it.
    if ((tokens[i] as Token).clauseEnd) return false;
  }
  return false;
}

/**
 * "We make fuel assemblies in Sweden and …", "Our Penang line makes scintillator ceramics.": the place of making is said,
 * before the goods, in a clause that names something else the asker makes.
 */
function productClauseBefore(tokens: readonly Token[], itemStart: number, at: number, lex: Lexicon): boolean {
  if (at >= itemStart) return false;
  let from = at;
  while (from > 0 && !(tokens[from - 1] as Token).clauseEnd && !(tokens[from - 1] as Token).commaAfter) from--;
  let to = at;
  while (to < itemStart && !(tokens[to] as Token).clauseEnd) to++;
  return lex.items.find(tokens.slice(from, Math.min(to + 1, itemStart))).length > 0;
}

const CHINA_ORIGIN_ALL = new RegExp(CHINA_ORIGIN.source, 'giu');
/**
 * "Loose Dy-NdFeB magnets (Chinese origin)", "Tb oxide of Chinese origin": a Chinese origin said right after the goods'
 * own words, nothing between but a bracket, a comma or "of", is said of them (not of what they were made from:
 * "recovered Dy oxide (from scrap magnets of Chinese origin)").
 */
function chinaOriginAfterGoods(text: string, tokens: readonly Token[], span: readonly [number, number] | undefined): boolean {
  const end = span === undefined ? undefined : tokens[span[1] - 1]?.end;
  if (end === undefined) return false;
  return [...text.matchAll(CHINA_ORIGIN_ALL)].some((m) => m.index >= end && /^[\s(,:–-]*(?:of\s+)?$/i.test(text.slice(end, m.index)));
}

/**
 * A verb of buying the goods in, said as done by someone ("we bought", "they already imported"); "we need Gd2O3
 * purchased from China" is a purchase to come.
 */
function boughtIn(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => BOUGHT_VERBS.has(t.low) && [1, 2].some((k) => BUYER_SUBJECTS.has(tokens[i - k]?.low ?? '')));
}

/**
 * "We make RF filters in Oregon and buy AlSc targets from a Chinese maker", "… buy LYSO crystals grown in China": once
 * the goods read as the item are the ones the asker buys ("buy <the goods> from/made in <there>"), where they are bought
 * from is where they leave from or were made, not an input of the asker's own product (the place reader, which does not
 * know the item, reads a bought material as an input); and the asker's own place before the purchase is where they go.
 */
function boughtGoodsSource(places: PlaceMention[], tokens: readonly Token[], span: readonly [number, number] | undefined, item: ItemFacts | undefined): PlaceMention[] {
  const form = item?.form;
  if (!span || form === undefined || BUILT_FORMS.includes(form)) return places;
  const [start, end] = span;
  const clauseBetween = (a: number, b: number) => tokens.slice(a, b).some((t) => t.clauseEnd);
  const bought = [1, 2, 3].map((k) => start - k).find((i) => i >= 0 && PURCHASE_VERBS.has((tokens[i] as Token).low) && !clauseBetween(i, start));
  // "Our yttrium oxide comes from China": the asker's own goods said to come from somewhere are bought from there too.
  const ours = [1, 2].some((k) => ASKER_POSSESSIVES.has(tokens[start - k]?.low ?? ''));
  // Not the magnets of a product the asker makes and ships ("We make e-motors … and sell them to Italy. Our magnets
  // come from China"): those are its parts, and the product's route is the question.
  const shipsOn = places.some((p) => p.role === 'destination');
  const comesFrom = ours && item?.besideProduct !== true && !shipsOn && [0, 1].some((k) => COMES_FROM_VERBS.has(tokens[end + k]?.low ?? '') && tokens.slice(end + k + 1, end + k + 3).some((t) => t.low === 'from'));
  // "Our TBC powder is yttria-stabilised zirconia (8YSZ) sourced from China": goods followed in their clause by a
  // participle of buying were bought from there, whoever's they are. Not stock held somewhere ("stock of Tb oxide bought
  // from China last year" stays where it is held), and not with a subject between ("metal it bought from China"), nor
  // with another thing named between ("magnets with Dy oxide bought from China": the oxide was bought).
  // (Not a word of the goods' own name: "bonded NdFeB powder" is no bonded warehouse.)
  const heldInStock = tokens.some((t, i) => (STORE_NOUNS.has(t.low) || HOLD_VERBS.has(t.low)) && !(i >= start && i < end));
  // ("magnets using Dy oxide bought from China": nor with a verb of using an input between.)
  const sourcedFrom = item?.besideProduct !== true && !shipsOn && !heldInStock && [0, 1, 2, 3, 4, 5].some((k) => SOURCED_PARTICIPLES.has(tokens[end + k]?.low ?? '')
    // ("magnetic powder with Dy, bought from China": a participle a comma sets off is said of the whole phrase, the goods.)
    && tokens[end + k + 1]?.low === 'from' && tokens.slice(end, end + k).every((t, n) => !t.clauseEnd && (!t.commaAfter || n === k - 1) && !SUBJECT_PRONOUNS.has(t.low)
      && ((tokens[end + k - 1]?.commaAfter ?? false) || (!NEW_ITEM_WORDS.has(t.low) && !INPUT_VERBS.has(t.low)))));
  const verb = bought ?? (comesFrom || sourcedFrom ? start : undefined);
  if (verb === undefined) return places;
  // An origin only where the place reader already read "our Tb oxide comes from X" as the goods' own route (nothing
  // else moves); after a verb of buying, an origin may be a buyer's request ("an order for magnets from a US prime").
  // ("Terfenol-D rods (Tb-Dy-Fe, 铽镝铁) from Gansu": an aside in brackets does not count towards the six words.)
  const source = places.find((p) => p.start >= end && p.start - end - bracketed(tokens, end, p.start) <= 6 && !clauseBetween(end - 1, p.start)
    && (((p.role === 'content' || (p.role === 'origin' && bought === undefined && !shipsOn)) && tokens.slice(end, p.start).some((t) => t.low === 'from')) || p.role === 'made'));
  if (!source) return places;
  return places.map((p) => {
    if (p === source) return p.role === 'content' ? { ...p, role: 'origin' as const } : p;
    // The asker's place, said before it buys ("We make PET scanners in the Netherlands and buy …").
    if (p.start < verb && (p.role === 'made' || p.role === 'site') && p.country !== source.country) return { ...p, role: 'destination' as const, recipient: true };
    return p;
  });
}

/** How many of the tokens from `from` to `to` stand inside brackets opened and closed between them. */
function bracketed(tokens: readonly Token[], from: number, to: number): number {
  let inside = 0;
  let open = -1;
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    if (t.parenBefore) open = i;
    if (open >= 0 && t.parenAfter) {
      inside += i - open + 1;
      open = -1;
    }
  }
  return inside;
}

function chineseSource(places: readonly PlaceMention[], tokens: readonly Token[]): boolean {
  const firstSite = places.find((p) => p.role === 'site');
  return chineseMakerNamed(places, tokens)
    || places.some((p) => p.country === 'CN' && (p.role === 'content' || p.role === 'origin' || (p.role === 'site' && p !== firstSite)));
}

/**
 * Know-how passes to someone: a verb of giving with a know-how noun in its object ("send us the furnace settings",
 * "share the recipe", "email the heat-treatment curves and jet mill settings"), or a verb of learning ("so our team
 * can replicate it"). "Sells Dy oxide" passes goods. The object runs to the clause's end or to where it goes ("to").
 */
function passesKnowHow(tokens: readonly Token[], lex: Lexicon): boolean {
  const { provisionVerbs, learningVerbs, knowHowNouns } = lex.knowledge.cues;
  const objectHasKnowHow = (verb: number): boolean => {
    for (let i = verb + 1; i < Math.min(tokens.length, verb + OBJECT_REACH + 1); i++) {
      if (wordAt(tokens, i, knowHowNouns)) return true;
      const t = tokens[i] as Token;
      if (i >= verb + NEAR_OBJECT && (t.clauseEnd || DEST_WORDS.has(t.low))) return false;
    }
    return false;
  };
  // "… to assemble the line and train our operators": a verb of instruction, as a verb (after "to", "and", a modal or
  // a subject), teaches its object, whatever that object is ("regional trains" are no verb).
  const instructs = (i: number) => INSTRUCTION_VERBS.has((tokens[i] as Token).low)
    && (tokens[i - 1]?.low === 'to' || tokens[i - 1]?.low === 'and' || MODALS.has(tokens[i - 1]?.low ?? '') || SUBJECT_PRONOUNS.has(tokens[i - 1]?.low ?? ''));
  // "Is there any Chinese licence needed because of the Chinese technology?": a licence word after a determiner is the
  // export licence, a noun, not a verb of licensing know-how.
  const licenceNoun = (i: number) => LICENCE_NOUNS.has((tokens[i] as Token).low) && [1, 2].some((k) => NOUN_OPENERS.has(tokens[i - k]?.low ?? ''));
  return tokens.some((t, i) => learningVerbs.has(t.low) || (provisionVerbs.has(t.low) && !licenceNoun(i) && objectHasKnowHow(i)) || instructs(i));
}

/** "… our Stuttgart plant as (the) end user", "… as consignee": the place's phrase, then "as" and the role it is given. */
function namedAsEndUser(tokens: readonly Token[], end: number): boolean {
  for (let k = end; k < Math.min(tokens.length, end + 3); k++) {
    const t = tokens[k] as Token;
    if (t.low === 'as') {
      const role = DETERMINER_WORDS.has(tokens[k + 1]?.low ?? '') ? k + 2 : k + 1;
      return (tokens[role]?.low === 'end' && END_USER_NOUNS.has(tokens[role + 1]?.low ?? '')) || CONSIGNEE_WORDS.has(tokens[role]?.low ?? '');
    }
    if (t.clauseEnd) return false;
  }
  return false;
}

/**
 * "A general licence that names our Hwaseong fab", "the licence covering our Brno plant": a site a licence names is its
 * end user, where the goods are received (a Chinese licence is for goods leaving China, not made at that site).
 */
function namedByLicence(tokens: readonly Token[], start: number): boolean {
  const clause = (from: number) => tokens.slice(from, start).every((t) => !t.clauseEnd);
  return [1, 2, 3].some((k) => {
    const verb = start - k;
    return LICENCE_NAMING_VERBS.has(tokens[verb]?.low ?? '') && clause(verb)
      && [1, 2, 3, 4, 5, 6].some((j) => HELD_LICENCE_NOUNS.has(tokens[verb - j]?.low ?? '') && clause(verb - j));
  });
}

/** "Chinese magnet supplier": a maker noun closes the place's own noun phrase (no parenthesis or clause between). */
function makerNounAfter(tokens: readonly Token[], end: number, nouns: ReadonlySet<string> = MAKER_NOUNS): boolean {
  // "… ourselves in Turkey. Supplier wants to ship": a place that ends its sentence heads no noun phrase.
  if (tokens[end - 1]?.clauseEnd) return false;
  for (let i = end; i < Math.min(tokens.length, end + 3); i++) {
    const t = tokens[i] as Token;
    if (t.parenBefore) return false;
    if (nouns.has(t.low)) return true;
    if (t.clauseEnd || t.commaAfter) return false;
  }
  return false;
}

/**
 * The place is a party's of a kind: a noun of that kind closes the place's noun phrase ("Chinese magnet supplier"), or
 * stands right before "in" and the place ("a maker in Dongguan").
 */
function placeOfParty(tokens: readonly Token[], p: PlaceMention, after: ReadonlySet<string>, before: (noun: string) => boolean): boolean {
  return makerNounAfter(tokens, p.end, after) || (INTRO_PLACE_CUES.has(tokens[p.start - 1]?.low ?? '') && before(tokens[p.start - 2]?.low ?? ''));
}

/** A verb of finishing with the goods as its pronoun object a few words before the site ("coat them ourselves in"). */
function finishedThere(tokens: readonly Token[], site: PlaceMention): boolean {
  for (let i = site.start - 1; i >= Math.max(1, site.start - 6); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (OBJECT_PRONOUNS.has(t.low) && FINISHING_VERBS.has(tokens[i - 1]?.low ?? '')) return true;
  }
  return false;
}

/**
 * "Is bonded NdFeB powder controlled? We'd like to make our own magnets in Sweden", "we buy Dy magnets and assemble the
 * motors in Sweden": the asker ("we") makes something other than the goods named before, at a site; the goods arrive
 * there.
 * (Not goods said made there: "the magnets are made in Sweden", "magnets made in Sweden" name no maker before the verb.)
 */
function madeOfGoodsThere(tokens: readonly Token[], site: PlaceMention, itemSpan: readonly [number, number] | undefined, goodsWordAt: (i: number) => boolean): boolean {
  if (itemSpan === undefined || itemSpan[1] > site.start) return false;
  const from = sentenceStartOf(tokens, site.start);
  for (let i = site.start - 1; i >= Math.max(itemSpan[1], site.start - 7, from); i--) {
    if ((tokens[i] as Token).clauseEnd && i < site.start - 1) return false;
    if (!ownMakingVerbAt(tokens, i) || COPULAS.has(tokens[i - 1]?.low ?? '') || PAST_AUXILIARIES.has(tokens[i - 1]?.low ?? '')) continue;
    // ("… magnet-making know-how … now sinter magnets in our Taoyuan plant": what is made there is the goods themselves.)
    for (let k = i + 1; k < site.start; k++) if (goodsWordAt(k)) return false;
    // ("We'd like to", "we'll": the subject before its contracted auxiliary.)
    return tokens.slice(from, i).some((t) => FIRST_PERSON_SUBJECTS.has(t.low.split("'")[0] ?? ''));
  }
  return false;
}

function placesToFrame(places: readonly PlaceMention[], text: string, tokens: readonly Token[], fittedProduct: boolean, way: WayBack | undefined, itemSpan?: readonly [number, number], goodsWordAt: (i: number) => boolean = () => false): Frame['places'] {
  // "ex Baotou" names where goods leave from more surely than any "from"; so does a "from" said of the shipment itself
  // ("Actually shipment is directly from China to our plant in Spain"), more surely than a supplier's nationality.
  const shipmentFrom = (p: PlaceMention) => tokens[p.start - 1]?.low === 'from'
    && [2, 3, 4].some((k) => SHIPMENT_WORDS.has(tokens[p.start - k]?.low ?? '') && tokens.slice(p.start - k, p.start).every((t) => !t.clauseEnd && !t.commaAfter));
  // So does a place the goods are said to leave ("the container is leaving Ningbo port"), more surely than a place the
  // asker's introduction names ("we are importer of motor parts from Poznań").
  const leftFrom = (p: PlaceMention) => tokens[p.start - 1]?.low === 'ex' || DEPART_FROM_VERBS.has(tokens[p.start - 1]?.low ?? '');
  // "They are loose magnets bought from Xiamen in 2024": where stock was bought from in a year past is where it came
  // from then, not where it leaves from now; it is where the goods were made, when nothing else says.
  // So is one the stock came from in a sentence of its own before the goods are moved on ("We bought 1 t of Tb oxide from
  // China in 2025 … Can we resell?", "They were exported from China under the supplier's licence … Can we move them
  // Vietnam -> Mexico?"): the past verb of buying or exporting may stand a few words back.
  // ("from a Chinese refinery": the "from" may stand a few words before the place.)
  const cameBefore = (p: PlaceMention) => {
    const from = [1, 2, 3].map((k) => p.start - k).find((i) => tokens[i]?.low === 'from' && tokens.slice(i, p.start).every((t) => !t.clauseEnd && !t.commaAfter));
    if (from === undefined) return false;
    for (let i = from - 1; i >= Math.max(0, from - 7); i--) {
      const t = tokens[i] as Token;
      if (t.clauseEnd) return false;
      const pastVerb = ACQUIRED_VERBS.has(t.low) || (PAST_EXPORT_VERBS.has(t.low) && PAST_AUXILIARIES.has(tokens[i - 1]?.low ?? ''));
      // The move is asked in a sentence of its own: "bought them from China and resell them in Korea" is one trade.
      // ("They were exported from China to us with a MOFCOM licence": a past export to the asker, said in a later turn,
      // is how the goods came, whatever move the conversation asks about.)
      if (pastVerb && PAST_EXPORT_VERBS.has(t.low) && tokens[p.end]?.low === 'to' && RECEIVER_PRONOUNS.has(tokens[p.end + 1]?.low ?? '')) return true;
      if (pastVerb) {
        const sentenceEnd = tokens.findIndex((x, k) => k >= p.end && endsSentence(x));
        return sentenceEnd >= 0 && tokens.slice(sentenceEnd + 1).some((x) => ONWARD_MOVE_VERBS.has(x.low));
      }
    }
    return false;
  };
  // So is the place stock is said to be from ("our Mexico plant has 3,000 SmCo magnets from China in stock", "we keep Tb
  // oxide from China"): a verb of holding before the goods, or the stock itself right after the place; the goods are
  // held where the holder is.
  const heldFrom = (p: PlaceMention) => {
    if (tokens[p.start - 1]?.low !== 'from') return false;
    const stockAfter = (tokens[p.end]?.low === 'in' || tokens[p.end]?.low === 'at') && !tokens[p.end - 1]?.clauseEnd
      && tokens.slice(p.end + 1, p.end + 3).some((t, k, after) => STORE_NOUNS.has(t.low) && after.slice(0, k).every((x) => !x.clauseEnd && !x.commaAfter));
    const holder = itemSpan !== undefined && itemSpan[1] <= p.start - 1 && p.start - 1 - itemSpan[1] <= 1
      && [1, 2, 3, 4].some((k) => HOLD_VERBS.has(tokens[itemSpan[0] - k]?.low ?? '') && tokens.slice(itemSpan[0] - k, p.start).every((t) => !t.clauseEnd));
    return stockAfter || holder;
  };
  const boughtBack = (p: PlaceMention) => p.role === 'origin' && (cameBefore(p) || heldFrom(p) || (tokens[p.start - 1]?.low === 'from' && ACQUIRED_VERBS.has(tokens[p.start - 2]?.low ?? '')
    && tokens.slice(p.end, p.end + 4).some((t, k, after) => YEAR.test(t.low) && after.slice(0, k).every((x) => !x.clauseEnd))));
  const pastSource = places.find(boughtBack)?.country;
  const first = (role: PlaceMention['role']) => places.find((p) => p.role === role && !boughtBack(p))?.country;
  const origin = places.find((p) => p.role === 'origin' && leftFrom(p) && !boughtBack(p))?.country
    ?? places.find((p) => p.role === 'origin' && shipmentFrom(p) && !boughtBack(p))?.country ?? first('origin');
  // "We build scanners in Ohio. The yoke uses NdFeB blocks that are machined in Baotou": of two places of making, the
  // one said in the goods' own clause is theirs.
  const madeOfGoods = itemSpan === undefined ? undefined : places.find((p) => p.role === 'made' && p.start >= itemSpan[1] && p.start - itemSpan[1] <= 12
    && !tokens.slice(itemSpan[1], p.start).some((t) => t.clauseEnd));
  // "NdFeB magnets from a Vietnamese maker", "our magnet plant in South Carolina sells": goods that come from a producer
  // (not a supplier or trader, who may sell what others make) were made where it is.
  // (Not "Korean customer fab wants …": a buyer's plant.)
  const buyersPlant = (p: PlaceMention) => tokens.slice(Math.max(0, p.start - 3), p.end + 2).some((t) => BUYER_DESCRIPTION_NOUNS.has(t.low));
  const producerOrigin = places.find((p) => p.role === 'origin' && !buyersPlant(p) && placeOfParty(tokens, p, PRODUCTION_SITES, (noun) => PRODUCTION_SITES.has(noun)))?.country;
  const made = madeOfGoods?.country ?? first('made') ?? producerOrigin ?? pastSource;
  // "We assemble yokes in Cebu. The magnets are bonded in our Dongguan plant then shipped to Cebu": a site the goods are
  // then sent to (a "to" before a later mention of its country) is where they go; another site of the asker's is theirs.
  const sentToSite = (s: PlaceMention) => places.some((p) => p.role === 'destination' && p.country === s.country && p.start > s.end
    && DEST_CUES.has(tokens[p.start - 1]?.low ?? ''));
  const site = places.find((p) => p.role === 'site' && !sentToSite(p)) ?? places.find((p) => p.role === 'site');
  // The site's own noun, right after the place ("Ningbo plant") or just before it ("our separation plant in Estonia").
  const siteWords = site === undefined ? [] : [...tokens.slice(site.end, site.end + 2), ...tokens.slice(Math.max(0, site.start - 3), site.start).filter((t) => !t.clauseEnd)];
  const siteIsStore = siteWords.some((t) => STORE_NOUNS.has(t.low));
  const siteMakes = !siteIsStore && siteWords.some((t) => PRODUCTION_SITES.has(t.low));
  // Where goods leave from only when said (a "from", a site); a place of making alone leaves it to the rules, which
  // read "made in X" as the route only when nothing else is known, so a later turn cannot undo an earlier "from".
  // "We are a supplier in Monterrey. Our Chinese magnet supplier sends the tiles", "our supplier in Baotou": a later site
  // that is a maker or supplier is where goods leave from, before the asker's own (not the asker's store: stock held
  // there stays there).
  // "Our magnet vendor in Zhejiang says …": a seller's place is where its goods leave from, as a maker's is.
  const makersPlace = (p: PlaceMention) => placeOfParty(tokens, p, MAKER_NOUNS, (noun) => MAKER_NOUNS.has(noun) || SELLER_NOUNS.has(noun));
  // "Dutch trader: our Chinese partner ships gallium metal to …": a later party said to send the goods is where they
  // leave from, whatever it makes.
  // (Not one that sent them already, to an asker who now holds them: "stock of Tb magnets that the Chinese supplier
  // exported to us".)
  const heldStock = tokens.some((t) => STORE_NOUNS.has(t.low));
  const sentAlready = (p: PlaceMention) => heldStock && tokens.slice(p.end, p.end + 4).some((t, k, after) => PAST_EXPORT_VERBS.has(t.low)
    && after.slice(0, k).every((x) => !x.clauseEnd) && (after[k + 1]?.low === 'us' || (after[k + 1]?.low === 'to' && after[k + 2]?.low === 'us')));
  // ("Our subcontractor in Chennai will assemble … Can our Chinese supplier ship the magnets to India?": a maker's site
  // the goods are then sent to is where they go, not where they leave from.)
  const makerSite = siteIsStore ? undefined : places.find((p) => p.role === 'site' && p !== site && p.asker !== true && (makersPlace(p) || p.sends === true) && !sentAlready(p)
    && !(sentToSite(p) && p.sends !== true && site?.sends === true));
  // "We are a mining-equipment maker in Belo Horizonte. Our supplier writes: …", "… we found a Chinese producer": goods
  // that "our (usual) supplier" or a Chinese maker named as a party sends, from a place not said, come to the asker's
  // place; they do not leave from it.
  // So does a seller opening a sentence ("Supplier quotation footnote: …", "Vendor says …") to an asker abroad (not
  // one visiting the vendor in Shenzhen).
  const sellerOpens = (i: number) => (i === 0 || (tokens[i - 1] as Token).clauseEnd) && site?.country !== 'CN';
  // (The possessive in the seller's own phrase: "a sensor for our line; supplier is in Wuhan" names no supplier of ours.)
  const ourSupplier = tokens.some((t, i) => SELLER_NOUNS.has(t.low) && ([1, 2].some((k) => ASKER_POSSESSIVES.has(tokens[i - k]?.low ?? '') && tokens.slice(i - k, i).every((x) => !x.clauseEnd)) || sellerOpens(i)))
    || places.some((p) => p.country === 'CN' && p.role === 'party' && MAKER_NOUNS.has(tokens[p.end]?.low ?? ''));
  // "The blocks are raw 毛坯; we machine & coat them ourselves in Germany": goods the asker finishes at a site abroad,
  // with nothing said to go on from there, arrive at that site.
  const finishedAtSite = site !== undefined && site.country !== 'CN' && origin === undefined && makerSite === undefined
    && !places.some((p) => p.role === 'destination' || p.role === 'transit') && (finishedThere(tokens, site) || madeOfGoodsThere(tokens, site, itemSpan, goodsWordAt));
  const suppliedToSite = origin === undefined && makerSite === undefined && site !== undefined && (site.asker === true || !makersPlace(site)) && ourSupplier
    && !places.some((p) => p.role === 'destination');
  // "Norwegian salmon farmer here. We import feeding cameras … shipped from Xiamen": goods the asker buys in from a place
  // it names go to the asker's own.
  // "We want Dy magnets from China", "we need Tb oxide from Baotou": wanting goods (not "wanting to" do something with
  // them) is buying them in too.
  // ("would" is a modal there: "we would ship them from China" says nothing of buying.)
  const wantsGoods = (i: number) => WANT_VERBS.has((tokens[i] as Token).low) && !MODALS.has((tokens[i] as Token).low) && tokens[i + 1]?.low !== 'to';
  const buys = (t: Token) => PURCHASE_VERBS.has(t.low) || BOUGHT_VERBS.has(t.low);
  // "We want to buy a furnace from China", "we are going to order …": the subject stands before the words that carry
  // the verb (wanting, planning, "to"), as it does right before it.
  const weBefore = (i: number) => {
    let at = i;
    while (at > 0 && i - at < 4 && AUXILIARIES.has(tokens[at - 1]?.low ?? '') && !tokens[at - 1]?.clauseEnd) at--;
    return [1, 2].some((k) => FIRST_PERSON_SUBJECTS.has(tokens[at - k]?.low ?? '') || FIRST_PERSON_SUBJECTS.has(tokens[i - k]?.low ?? ''))
      // "Our Japanese subsidiary buys Tb magnets from China": a site or unit of the asker's that buys is the asker buying.
      || (SITE_NOUNS.has(tokens[at - 1]?.low ?? '') && [1, 2, 3].some((k) => ASKER_POSSESSIVES.has(tokens[at - 1 - k]?.low ?? '')
        && tokens.slice(at - 1 - k, at).every((t) => !t.clauseEnd && !t.commaAfter)));
  };
  // "Want 50 kg of PrNd oxide from Baotou": a sentence opening on the verb has the asker as its subject, as chat does.
  const opensSentence = (i: number) => i === 0 || (tokens[i - 1] as Token).clauseEnd;
  const weBuy = tokens.some((t, i) => (buys(t) || wantsGoods(i)) && (weBefore(i) || (opensSentence(i) && !BOUGHT_VERBS.has(t.low))));
  // "Coating question from our MRO shop in Toulouse: we buy 8YSZ powder made in China": goods the asker buys, made
  // elsewhere, with no route said, come from where they were made to the asker.
  // Only a verb of buying: "do we need anything from MOFCOM" wants no goods, and stock the asker holds stays put.
  const weBuyIn = tokens.some((t, i) => buys(t) && weBefore(i));
  const boughtFromMaker = origin === undefined && makerSite === undefined && site?.asker === true && made !== undefined && made !== site.country && weBuyIn;
  // "The licence names our Stuttgart plant as end user": goods licensed to a site are received there, not made there.
  // So are goods the asker received under a licence ("we received a MOFCOM-licensed shipment at our Bangkok plant").
  const licensedToSite = site !== undefined && (namedAsEndUser(tokens, site.end) || namedByLicence(tokens, site.start) || receivedUnderLicence(tokens));
  // Nor are they sent from there, unless they are moved on from it ("move 200 of the magnets to Vietnam"): "deliver them
  // to our Czech plant instead" changes where the exporter in China sends them.
  const stillToCome = licensedToSite && !tokens.some((t) => ONWARD_MOVE_VERBS.has(t.low));
  const shipFrom = origin ?? makerSite?.country ?? (boughtFromMaker ? made : suppliedToSite || stillToCome || finishedAtSite ? undefined : site?.country);
  // "The magnets come from a plant in Malaysia", "sourced from a factory in Pune": goods that come from a production site
  // were made where it is (its place is read as an origin, or as content's when no route is said). Only after a verb
  // of coming or buying: "the order is from a magnet plant in India" names a buyer.
  const plantOrigin = places.find((p) => {
    if (!(p.role === 'origin' && p.country === origin) && !(p.role === 'content' && origin === undefined)) return false;
    const before = tokens.slice(Math.max(0, p.start - 6), p.start);
    const from = before.findIndex((t) => t.low === 'from');
    return from > 0 && COMES_FROM_VERBS.has(before[from - 1]?.low ?? '') && before.slice(from).some((t) => PRODUCTION_SITES.has(t.low));
  })?.country;
  // Goods a sender ships to the asker's own site were not made there ("We are a magnet plant. Our trader sends us oxide").
  const sentToOwnSite = site?.asker === true && makerSite?.sends === true;
  const from = origin ?? makerSite?.country;
  // "Thai catalyst plant. We buy catalyst powder from a Jiangxi supplier": goods the asker buys in from elsewhere were not
  // made at its site.
  const boughtElsewhere = weBuyIn && site !== undefined && from !== undefined && from !== site.country;
  // "Our Penang sister plant is short. Can we send … from Bangkok to Penang?": the site the goods go to did not make them.
  const siteIsDestination = site !== undefined && sentToSite(site);
  // (A participle describing the goods, "the sintered NdFeB magnets", says nothing of the site making them; "are
  // assembled here", after a copula, still does.)
  const describesGoods = (i: number) => itemSpan !== undefined && i >= itemSpan[0] - 1 && i < itemSpan[1]
    && [...PARTICIPLE_ENDINGS].some((e) => (tokens[i] as Token).low.endsWith(e)) && !COPULAS.has(tokens[i - 1]?.low ?? '') && !PAST_AUXILIARIES.has(tokens[i - 1]?.low ?? '');
  const siteMaking = tokens.some((_, i) => ownMakingVerbAt(tokens, i) && !describesGoods(i));
  const madeIn = made ?? plantOrigin ?? (site && !siteIsStore && !suppliedToSite && !finishedAtSite && !licensedToSite && !sentToOwnSite && !boughtElsewhere && !siteIsDestination && (siteMakes || siteMaking || fittedProduct) ? site.country : undefined);
  // "from Estonia to France" names where the goods go more surely than a buyer's place read from its noun ("designed
  // by a Chinese engineering firm").
  // So does "to us in SG", "to our plant in Pune": the cue, then only the asker and its site before the place.
  // So does "to a crystal grower in Germany": the cue, a party of up to four words, and "in" before the place.
  const toPartyIn = (p: PlaceMention) => tokens[p.start - 1]?.low === 'in' && [3, 4, 5, 6].some((k) => tokens[p.start - k]?.low === 'to'
    && DETERMINERS.has(tokens[p.start - k + 1]?.low ?? '') && tokens.slice(p.start - k, p.start).every((t) => !t.clauseEnd && !t.commaAfter));
  const cued = (p: PlaceMention) => toPartyIn(p) || [1, 2, 3, 4].some((k) => DEST_CUES.has(tokens[p.start - k]?.low ?? '')
    && tokens.slice(p.start - k + 1, p.start).every((t) => !t.clauseEnd && (DESTINATION_FILLERS.has(t.low) || PRODUCTION_SITES.has(t.low))));
  // "through China to Tianjin port and then by ship to a buyer in Japan": a port in the country the goods pass through
  // is a stop on the way; a place beyond it is where they go.
  const passedThrough = new Set(places.filter((p) => p.role === 'transit').map((p) => p.country));
  const onward = places.filter((p) => p.role === 'destination' && !passedThrough.has(p.country));
  const destinations = onward.length > 0 ? onward : places.filter((p) => p.role === 'destination');
  const read = destinations.find((p) => p.country !== shipFrom && cued(p))?.country
    ?? destinations.find((p) => p.country !== shipFrom)?.country
    ?? destinations[0]?.country;
  // "Our Chinese trader sends us PrNd oxide", "they ship to us": goods sent to the asker come to the asker's place.
  const toAsker = (w: string | undefined) => w === 'us' || w === 'me';
  const sentToUs = tokens.some((t, i) => SENDING_VERB_FORMS.has(t.low) && (toAsker(tokens[i + 1]?.low) || (tokens[i + 1]?.low === 'to' && toAsker(tokens[i + 2]?.low))));
  const boughtToSite = read === undefined && site !== undefined
    && (boughtFromMaker || (from !== undefined && site.country !== from && (weBuy || (sentToUs && site.asker === true)))) ? site.country : undefined;
  // Goods abroad going into China ("back to the supplier in Ningbo for rework") leave No. 61's reach, so that reading
  // needs a "to" or "back" in the clause before the Chinese place; a Chinese party read from its noun alone ("assembly
  // time in China", "designed by a Chinese firm") says nothing about where foreign goods go, and is asked.
  const towards = (p: PlaceMention) => {
    for (let i = p.start - 1; i >= Math.max(0, p.start - 6) && !(tokens[i] as Token).clauseEnd; i--) {
      const w = (tokens[i] as Token).low;
      // "To save assembly time in China", "we want to": an infinitive's "to" points nowhere.
      const infinitive = w === 'to' && (i === 0 || (tokens[i - 1] as Token).clauseEnd || WANT_VERBS.has(tokens[i - 1]?.low ?? ''));
      if ((DEST_CUES.has(w) && !infinitive) || RETURN_WORDS.has(w)) return true;
    }
    return false;
  };
  const intoChinaUnsaid = read === 'CN' && shipFrom !== undefined && shipFrom !== 'CN'
    && !places.some((p) => p.role === 'destination' && p.country === 'CN' && towards(p));
  const destination = intoChinaUnsaid ? places.find((p) => p.role === 'destination' && p.country !== 'CN')?.country
    : read ?? boughtToSite ?? (suppliedToSite || stillToCome || finishedAtSite ? site?.country : undefined);
  // "We are an Austrian company; our subsidiary in Suzhou makes parts. They want to export Gd targets to our Vienna lab":
  // goods read as leaving the asker's home for that same country would go nowhere, so another site of the asker's, in
  // another country, sends them (and made them, when the home site was read as where they were made).
  const sendingSite = origin === undefined && makerSite === undefined && site?.asker === true && shipFrom === site.country && destination === site.country
    ? places.find((p) => p.role === 'site' && p !== site && p.asker !== true && p.country !== site.country && !p.negated) : undefined;
  const leavesFrom = sendingSite?.country ?? shipFrom;
  const madeAt = sendingSite !== undefined && made === undefined && plantOrigin === undefined && madeIn === site?.country ? sendingSite.country : madeIn;
  const transit = places.find((p) => p.role === 'transit' && p.country !== destination && p.country !== origin)?.country;
  // A round trip to a fair ("show them at the Hannover Messe and bring them back to Suzhou"): the goods leave the
  // Chinese place they come back to for the fair's country, and that leg is the export.
  const exhibit = saysExhibit(tokens, text.toLowerCase());
  const comesBack = places.find((p) => p.role === 'destination' && p.country === 'CN' && [1, 2, 3].some((k) => RETURN_WORDS.has(tokens[p.start - k]?.low ?? '')));
  const fair = places.find((p) => p.country !== 'CN' && (p.role === 'site' || p.role === 'destination'));
  const out: Frame['places'] = {};
  if (exhibit && comesBack && fair && (shipFrom === undefined || shipFrom === fair.country)) {
    if (madeIn) out.madeIn = madeIn;
    out.shipFrom = 'CN';
    out.shipTo = fair.country;
    return out;
  }
  // "A Chinese magnet maker will display Tb magnets at a trade fair in Munich": a Chinese exhibitor named before the
  // showing takes its goods from China to the fair's country, named after it.
  const showAt = tokens.findIndex((_, i) => exhibitAt(tokens, i));
  const chineseExhibitor = showAt > 0 && places.some((p) => p.country === 'CN' && p.start < showAt && p.role !== 'content' && p.role !== 'technology' && !p.negated);
  const fairAfter = places.find((p) => p.country !== 'CN' && p.start > showAt && (p.role === 'site' || p.role === 'destination' || p.role === 'other'));
  if (exhibit && chineseExhibitor && fairAfter && (shipFrom === undefined || shipFrom === 'CN' || shipFrom === fairAfter.country)) {
    if (madeIn) out.madeIn = madeIn;
    out.shipFrom = 'CN';
    out.shipTo = fairAfter.country;
    return out;
  }
  if (way && !exhibit) {
    out.shipFrom = 'CN';
    if (way.home) out.shipTo = way.home;
    return out;
  }
  // Coming back with no way into China said here: an earlier turn may have said it.
  if (wayIntoChina(places) === undefined && tokens.some((_, i) => comesBackAt(tokens, i))) out.comesBack = true;
  if (sentToUs && places.length === 0) out.sentToAsker = true;
  if (transit) out.transitVia = transit;
  if (madeAt) out.madeIn = madeAt;
  if (siteIsStore && site) out.heldIn = site.country;
  if (leavesFrom) out.shipFrom = leavesFrom;
  if (origin !== undefined) out.shipFromSaid = true;
  if (destination) out.shipTo = destination;
  return out;
}

interface WayBack {
  /** Where the words of the way back start. */
  readonly backAt: number;
  /** Where the goods go back to, if said. */
  readonly home: string | undefined;
  /** Where the words naming the goods that come back start: after the way back, or after a verb of getting before it
   * ("get Dy oxide back"). */
  readonly goodsAt: number;
}

/** The way in: to a Chinese place, or to a Chinese party that receives the goods ("to a Chinese toll refiner"). */
function wayIntoChina(places: readonly PlaceMention[]): PlaceMention | undefined {
  return places.find((p) => p.country === 'CN' && (p.role === 'destination' || (p.role === 'party' && p.recipient)));
}

/**
 * A round trip through China ("we ship the concentrate to a separator in Jiangxi and they send back the oxides", "we
 * returned the magnets to our Chinese supplier; it now ships replacements"): the goods asked about come back, and
 * their leg out of China is the export, whoever owns them. Where the way back starts, and where it goes if said.
 */
function wayBackFromChina(places: readonly PlaceMention[], tokens: readonly Token[]): WayBack | undefined {
  const intoChina = wayIntoChina(places);
  if (!intoChina) return undefined;
  const backAt = tokens.findIndex((_, i) => i >= intoChina.end && comesBackAt(tokens, i));
  if (backAt < 0) return undefined;
  // "send them back to China", "Do they need a licence to return them to Ningbo?": the way in, said again.
  if (places.some((p) => p.country === 'CN' && p.start > backAt && !tokens.slice(backAt, p.start).some((t) => t.clauseEnd))) return undefined;
  const home = places.find((p) => p.start > backAt && p.country !== 'CN' && p.role === 'destination')
    ?? places.find((p) => p.start < intoChina.start && p.country !== 'CN' && (p.role === 'site' || p.role === 'origin' || p.role === 'made'));
  const getting = (tokens[backAt] as Token).low === 'back' ? gettingBefore(tokens, backAt) : undefined;
  return { backAt, home: home?.country, goodsAt: getting !== undefined ? backAt - getting + 1 : backAt };
}

/** Goods coming back at `i`: "return", "returned", replacements, or "back" after a verb of sending ("send back",
 * "shipped them back"); not "get back to me about it". */
function comesBackAt(tokens: readonly Token[], i: number): boolean {
  const w = (tokens[i] as Token).low;
  if (REPLACEMENT_NOUNS.has(w)) return true;
  // "for that return", "the return": a noun naming the trip already told.
  if (RETURN_WORDS.has(w) && w !== 'back') return !DETERMINERS.has(tokens[i - 1]?.low ?? '');
  if (w !== 'back') return false;
  return [1, 2, 3].some((k) => SENDING_STEMS.has(stem(tokens[i - k]?.low ?? ''))) || gettingBefore(tokens, i) !== undefined;
}

/**
 * "get Dy and Tb oxide back to our buyer in Denmark": how far before "back" a verb of getting stands, with the goods
 * named between (with nothing between, "get back to me" is a reply).
 */
function gettingBefore(tokens: readonly Token[], back: number): number | undefined {
  return [2, 3, 4, 5, 6].find((k) => RECEIVE_VERBS.has(tokens[back - k]?.low ?? '') && tokens.slice(back - k, back).every((t) => !t.clauseEnd && !t.commaAfter));
}

/** "Our supplier says anything under 0.1 % ships without a licence": a claim to check, kept as said. */
function claimsIn(text: string, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (!CLAIM_VERBS.has(t.low) || !CLAIM_SUBJECTS.has(tokens[i - 1]?.low ?? '')) return;
    out.push(text.slice((tokens[i - 1] as Token).start, (tokens[clauseEndOf(tokens, i)] as Token).end).slice(0, 300));
  });
  return out;
}

/**
 * "Declare the Tb magnets as iron alloy parts so customs won't ask for the licence", "can we split the order so no
 * licence is needed?": a verb of disguising with a purpose of avoiding the licence or customs, or a word that says it.
 */
function proposesEvasion(tokens: readonly Token[], low: string): boolean {
  if (saysAny(tokens, low, EVASION_WORDS)) return true;
  // Disguising: a verb of declaring or splitting, goods sent in pieces, or goods sent "as 'spare parts'" (a quoted name).
  const disguised = saysAny(tokens, low, DISGUISE_VERBS) || saysAny(tokens, low, SPLITTING_WORDS) || /\bas\s+['"][^'"]{2,40}['"]/.test(low);
  return disguised && (saysAny(tokens, low, AVOIDANCE_PHRASES) || avoidsControl(tokens));
}

/**
 * "Our Ningbo plant shipped 500 kg of Dy magnets to Vietnam in May without a licence": the asker's own side ("we", "our"
 * and one of its units) says goods already left without one, in one sentence. A supplier's shipment is the supplier's.
 */
function ownUnlicensedExport(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (!PAST_EXPORT_VERBS.has(t.low)) return false;
    let without = false;
    for (let j = i + 1; j < tokens.length && j <= i + 16 && !(tokens[j - 1] as Token).clauseEnd; j++) {
      // ("without any dual-use licence": a few words may describe it, "dual-use" two of them.)
      if ((tokens[j] as Token).low === 'without' && [1, 2, 3, 4].some((k) => LICENCE_NOUNS.has(tokens[j + k]?.low ?? '') && tokens.slice(j, j + k).every((x) => !x.clauseEnd && !x.commaAfter))) without = true;
    }
    if (!without) return false;
    for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
      const w = tokens[k] as Token;
      // "can we now get Dy magnets shipped without a licence?" is a plan, not what happened.
      if (w.clauseEnd || MODALS.has(w.low) || NOT_DONE_YET.has(w.low)) return false;
      if (w.low === 'we') return true;
      if (ASKER_POSSESSIVES.has(w.low)) return tokens.slice(k + 1, i).some((x) => OWN_UNITS.has(x.low));
    }
    return false;
  });
}

/**
 * "MOFCOM sent them a written notice that shipments to our customer need a licence", "the supplier was notified by the
 * ministry", "MOFCOM informed our supplier": the licensing ministry has told the exporter, in one clause, with no negation
 * ("no notice from MOFCOM yet"). "The MOFCOM notice No. 18" names an announcement: a notice noun counts only as the
 * object of a verb of sending or receiving.
 */
function mofcomNotified(tokens: readonly Token[]): boolean {
  const inClause = (from: number, to: number) => tokens.slice(from, to).every((t) => !t.clauseEnd);
  const negated = (from: number, to: number) => tokens.slice(Math.max(0, from - 3), to).some((t) => NEGATION_WORDS.has(t.low));
  // What it says is that a licence is needed ("… that our orders need a licence"); "informed them the licence was
  // approved" is no catch-all notice.
  const saysNeeded = (from: number) => {
    for (let j = from; j < Math.min(tokens.length, from + 20); j++) {
      if (NEED_WORDS.has((tokens[j] as Token).low)) return true;
      if ((tokens[j] as Token).clauseEnd && (tokens[j] as Token).raw !== ',') return false;
    }
    return false;
  };
  return tokens.some((t, i) => {
    if (!NOTICE_AUTHORITIES.has(t.low)) return false;
    for (let j = i + 1; j <= i + 8 && j < tokens.length && inClause(i, j); j++) {
      const w = (tokens[j] as Token).low;
      // "MOFCOM notified them", "the ministry informed our supplier".
      if (NOTIFY_VERBS.has(w)) return !negated(i, j) && saysNeeded(j);
      // "MOFCOM sent him a notice", "sent a written notice to the supplier": a notice with someone to receive it; "MOFCOM
      // issued a notice extending the suspension" publishes one.
      if (NOTICE_SEND_VERBS.has(w)) {
        const noun = [1, 2, 3, 4, 5].find((k) => NOTICE_NOUNS.has(tokens[j + k]?.low ?? '') && inClause(j, j + k));
        if (noun === undefined) return false;
        const received = NOTICE_RECIPIENT_PRONOUNS.has(tokens[j + 1]?.low ?? '') || tokens[j + noun + 1]?.low === 'to';
        return received && !negated(i, j) && saysNeeded(j + noun);
      }
    }
    // "was notified by MOFCOM", "got a notice from the ministry".
    // ("from the ministry": a determiner may stand between.)
    const by = tokens[i - 1]?.low === 'the' ? i - 2 : i - 1;
    if (tokens[by]?.low !== 'by' && tokens[by]?.low !== 'from') return false;
    for (let j = by - 1; j >= Math.max(0, by - 5) && !(tokens[j] as Token).clauseEnd; j--) {
      const w = (tokens[j] as Token).low;
      const got = NOTIFY_VERBS.has(w) || (NOTICE_NOUNS.has(w) && [1, 2, 3].some((k) => NOTICE_RECEIVE_VERBS.has(tokens[j - k]?.low ?? '')));
      if (got) return !negated(j, i) && saysNeeded(i);
    }
    return false;
  });
}

/**
 * "to skip the export licence", "to avoid the licence wait", "so no licence needed": a verb of getting past a control,
 * or "so" and a negation, then a licence or check within a few words of the clause.
 */
function avoidsControl(tokens: readonly Token[]): boolean {
  const controlWithin = (i: number, n: number) => {
    for (let k = 1; k <= n && i + k < tokens.length; k++) {
      if ((tokens[i + k - 1] as Token).clauseEnd) return false;
      if (CONTROL_CHECK_NOUNS.has((tokens[i + k] as Token).low)) return true;
    }
    return false;
  };
  // "so no licence", "so they don't need the dual-use licence": the negation may follow the subject.
  const soNot = (i: number) => [1, 2, 3].find((k) => NEGATION_WORDS.has(tokens[i + k]?.low ?? '') && tokens.slice(i, i + k).every((x) => !x.clauseEnd));
  // "so each parcel stays under the customs level and no licence is needed": later in the purpose clause, a negation
  // right before the control ("no licence", "no permit") says the same.
  const negatedControlInClause = (i: number) => {
    for (let j = i + 1; j < Math.min(tokens.length, i + PURPOSE_CLAUSE_REACH) && !(tokens[j - 1] as Token).clauseEnd; j++) {
      if (NEGATION_WORDS.has((tokens[j] as Token).low) && controlWithin(j, 2)) return true;
    }
    return false;
  };
  return tokens.some((t, i) => {
    if (AVOID_VERBS.has(t.low) && controlWithin(i, 4)) return true;
    // "as 'iron parts' because the licence takes too long": the licence given as the reason for the disguise.
    if (REASON_CONJUNCTIONS.has(t.low) && controlWithin(i, 3)) return true;
    const not = t.low === 'so' ? soNot(i) : undefined;
    if (not !== undefined && controlWithin(i + not, 5)) return true;
    return t.low === 'so' && negatedControlInClause(i);
  });
}

/**
 * "Our licence names Bosch Hungary", "the licence was approved for 500 kg", "they got a general licence": a licence the
 * asker says is held for the goods, general when said so. Not "without a licence" or "no licence".
 */
function licenceHeld(tokens: readonly Token[]): LicenceHeld | undefined {
  let found: LicenceHeld | undefined;
  if (licensedConsignment(tokens) >= 0) found = 'single';
  tokens.forEach((t, i) => {
    if (!HELD_LICENCE_NOUNS.has(t.low)) return;
    // The words before it in its own clause: "Thanks. Our licence …" starts at "Our".
    const window = tokens.slice(Math.max(0, i - 4), i);
    const lastEnd = window.findLastIndex((b) => b.clauseEnd);
    const before = window.slice(lastEnd + 1);
    if (before.some((b) => NEGATION_WORDS.has(b.low))) return;
    const after = tokens.slice(i + 1, i + 8);
    const cut = after.findIndex((a, k) => k > 0 && (after[k - 1] as Token).clauseEnd);
    // "Do we have to get a licence?": a verb of holding followed by "to" is an obligation, not a licence held.
    // "Is it still under licence now?": goods said to be "under" licence by a copula are subject to licensing; no licence
    // is said to be held.
    // ("Is it still under licence", "are those under licence": the copula may open the question, its subject a pronoun;
    // "was shipped under licence" says a licence was used.)
    const subjectTo = (k: number) => before[k]?.low === 'under' && before.slice(0, k).some((w, c) => COPULAS.has(w.low)
      && before.slice(c + 1, k).every((x) => x.low === 'still' || SUBJECT_PRONOUNS.has(x.low) || OBJECT_PRONOUNS.has(x.low)));
    const heldBefore = before.some((b, k) => LICENCE_HELD_BEFORE.has(b.low) && before[k + 1]?.low !== 'to' && !subjectTo(k));
    const clause = cut < 0 ? after : after.slice(0, cut);
    const held = heldBefore || clause.some((a) => LICENCE_HELD_AFTER.has(a.low));
    // "Do we need a licence naming the end user?", "the magnets for our pumps need a licence": a licence needed is none
    // held, whatever it would name and whoever's "our" stands before it.
    if (!held || [...before, ...clause].some((w) => LICENCE_NOT_HELD.has(w.low)) || before.some((w) => NEED_WORDS.has(w.low))) return;
    found = tokens[i - 1]?.low === 'general' || found === 'general' ? 'general' : 'single';
  });
  return found;
}

/**
 * "Our licence names the Stuttgart plant; can they deliver to our Czech subsidiary instead?", "can the lot go to another
 * customer under that licence?", "540 kg against a 500 kg licence, 8 % over": a change the asker wants from what a licence
 * held names. Changing the end user, destination, item or end use needs a new application; other changes (quantity,
 * price) need MOFCOM's approval (Regs art. 18). Only with a licence the message refers to as held or existing, and
 * never when the licence is negated ("without a licence").
 */
function licenceChangeOf(tokens: readonly Token[], held: LicenceHeld | undefined): LicenceChange | undefined {
  // "That licence", "the same licence", a bare "licence was for …", "licence says 500 kg": a licence spoken of as existing,
  // not one needed or asked for ("do they still need the licence?").
  const referred = tokens.some((t, i) => {
    if (!HELD_LICENCE_NOUNS.has(t.low) || [1, 2, 3].some((k) => { const w = tokens[i - k]?.low ?? ''; return NEGATION_WORDS.has(w) || NEED_WORDS.has(w) || LICENCE_INDEFINITE.has(w); })) return false;
    const opensClause = i === 0 || (tokens[i - 1] as Token).clauseEnd;
    return [1, 2].some((k) => LICENCE_REFERENCE_DETERMINERS.has(tokens[i - k]?.low ?? '')) || (opensClause && LICENCE_STATING_VERBS.has(tokens[i + 1]?.low ?? ''));
  });
  if (held === undefined && !referred) return undefined;
  const near = (i: number, set: ReadonlySet<string>, span: number) => tokens.slice(i + 1, i + 1 + span).some((t) => set.has(t.low));
  // "another customer", "a new fab", "its sister company", "a different grade".
  const otherRecipient = tokens.some((t, i) => LICENCE_OTHER_WORDS.has(t.low) && near(i, LICENCE_RECIPIENT_NOUNS, 2));
  const otherItem = tokens.some((t, i) => LICENCE_OTHER_WORDS.has(t.low) && near(i, LICENCE_ITEM_NOUNS, 2));
  // "redirect half the lot", "… delivered to our Czech plant instead", "change the end user", "amend the address".
  // ("Instead of loose magnets, complete rotors" changes the goods bought, not where licensed goods go.)
  const redirected = tokens.some((t, i) => LICENCE_REDIRECT_VERBS.has(t.low) && !(t.low === 'instead' && tokens[i + 1]?.low === 'of'));
  const changedRecipient = tokens.some((t, i) => LICENCE_CHANGE_VERBS.has(t.low) && near(i, LICENCE_RECIPIENT_NOUNS, 3));
  const changedItem = tokens.some((t, i) => LICENCE_CHANGE_VERBS.has(t.low) && near(i, LICENCE_ITEM_NOUNS, 3));
  // "Use them for a different end use", "change the end use to …": what the goods are for, not who receives them.
  const endUseAt = (i: number) => [1, 2, 3].some((k) => tokens[i + k]?.low === 'end' && /^uses?$/.test(tokens[i + k + 1]?.low ?? ''));
  if (tokens.some((t, i) => (LICENCE_CHANGE_VERBS.has(t.low) || LICENCE_OTHER_WORDS.has(t.low)) && endUseAt(i))) return 'end_use';
  if (otherRecipient || redirected || changedRecipient) return 'recipient';
  if (otherItem || changedItem) return 'item';
  // "8 % over", "more than the licensed 500 kg": an amount beyond the licence's, next to a number or quantity word.
  const numberOrQuantity = (t: Token | undefined) => t !== undefined && (/\d/.test(t.raw) || LICENCE_QUANTITY_NOUNS.has(t.low));
  // (A content "over 0.1 %" is no amount: an amount of goods is named somewhere too, in kilograms, tonnes or pieces.)
  const over = tokens.some((t, i) => LICENCE_QUANTITY_OVER.has(t.low) && [-2, -1, 1, 2].some((k) => numberOrQuantity(tokens[i + k])));
  // (The tokens keep a figure, never its per-cent sign.)
  return over && tokens.some((t) => t.low !== 'percent' && LICENCE_QUANTITY_NOUNS.has(t.low)) ? 'quantity' : undefined;
}

/** Where "licensed" qualifies a consignment ("a MOFCOM-licensed shipment of Dy magnets", "the licensed batch"), or -1. */
function licensedConsignment(tokens: readonly Token[]): number {
  return tokens.findIndex((t, i) => LICENSED_ADJECTIVES.has(t.low) && CONSIGNMENT_WORDS.has(tokens[i + 1]?.low ?? '') && !t.clauseEnd
    && ![1, 2, 3, 4].some((k) => NEGATION_WORDS.has(tokens[i - k]?.low ?? '') && tokens.slice(i - k, i).every((w) => !w.clauseEnd)));
}

/**
 * "Last month we received a MOFCOM-licensed shipment of Dy magnets at our Bangkok plant": goods the asker received under
 * a Chinese licence came with the end user's promise not to pass them on without MOFCOM's consent (Regs art. 24).
 */
function receivedUnderLicence(tokens: readonly Token[]): boolean {
  const at = licensedConsignment(tokens);
  if (at < 0) return false;
  const from = sentenceStartOf(tokens, at);
  const verb = tokens.slice(from, at).findIndex((t) => RECEIVE_VERBS.has(t.low) || PURCHASE_VERBS.has(t.low));
  return verb >= 0 && tokens.slice(from, from + verb).some((t) => FIRST_PERSON_SUBJECTS.has(t.low));
}

/**
 * When goods the asker holds were bought, as said after a verb of acquiring in the past in the same sentence: a year
 * within six words ("bought in 2024", "imported back in autumn 2023"; not a range such as "2024-25", whose end is unsure) or "before" the
 * controls ("bought long before any licence rules"). Not when a licence is said to be held or to have come with them.
 */
function acquisitionOf(tokens: readonly Token[], text: string): { year?: number; beforeControls?: boolean } {
  const out: { year?: number; beforeControls?: boolean } = {};
  tokens.forEach((t, i) => {
    if (!ACQUIRED_VERBS.has(t.low) || t.clauseEnd) return;
    // "bought 2024 with the supplier's export licence": a licence said, in the same sentence, to have come with them
    // outweighs the date ("no licence was involved" and "before any licence rules" do not).
    const from = sentenceStartOf(tokens, i);
    // ("bought 2024, licensed import": so does a licensed consignment.)
    const licensed = tokens.slice(from, clauseEndOf(tokens, i) + 1).some((w, k) => (LICENCE_NOUNS.has(w.low) || LICENSED_ADJECTIVES.has(w.low)) && !RULES_NOUNS.has(tokens[from + k + 1]?.low ?? '')
      && ![1, 2, 3].some((n) => NEGATION_WORDS.has(tokens[from + k - n]?.low ?? '')));
    if (licensed) return;
    for (let j = i + 1; j <= i + 10 && j < tokens.length && !(tokens[j - 1] as Token).clauseEnd; j++) {
      const w = tokens[j] as Token;
      if (YEAR.test(w.low) && !/^\s*[-–/]\s*\d/.test(text.slice(w.end, w.end + 4)) && j <= i + 6) {
        out.year = Math.max(out.year ?? 0, Number(w.low));
        break;
      }
      if (w.low === 'before' && [1, 2, 3, 4, 5].some((k) => RULES_NOUNS.has(tokens[j + k]?.low ?? '') && tokens.slice(j, j + k).every((x) => !x.clauseEnd))) {
        out.beforeControls = true;
        break;
      }
    }
  });
  return out;
}

/**
 * A word of the set among the tokens (or at a token `wordAt` accepts), or one of its several-word phrases in the
 * lower-cased text.
 */
function saysAny(tokens: readonly Token[], low: string, set: ReadonlySet<string>, wordAt = (i: number) => set.has((tokens[i] as Token).low)): boolean {
  // Tokens split at hyphens ("re-sell" is "re" and "sell"), so a hyphened entry is found in the text as a whole word.
  return tokens.some((_, i) => wordAt(i)) || [...set].some((w) => (w.includes(' ') && low.includes(w)) || (w.includes('-') && hyphenedWord(w).test(low)));
}

const HYPHENED_WORDS = new Map<string, RegExp>();
function hyphenedWord(w: string): RegExp {
  let pattern = HYPHENED_WORDS.get(w);
  if (!pattern) HYPHENED_WORDS.set(w, (pattern = wordsPattern([w])));
  return pattern;
}

/** A word of exhibiting at `i`; "show them to offtakers" is the verb of showing something to someone, no trade show. */
function exhibitAt(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i] as Token;
  return ACTIVITY_EXHIBIT.has(t.low) && !(SHOWING_VERBS.has(t.low) && OBJECT_PRONOUNS.has(tokens[i + 1]?.low ?? '') && !t.clauseEnd);
}

/** Whether the message speaks of exhibiting goods (a fair, a show, a booth). */
function saysExhibit(tokens: readonly Token[], low: string): boolean {
  return saysAny(tokens, low, ACTIVITY_EXHIBIT, (i) => exhibitAt(tokens, i));
}

/**
 * "We signed the end-user certificate", "the Chinese end-user certificate says no transfer to third parties": the goods
 * came (or come) under an end user's commitment to MOFCOM. "We never signed an end-user certificate" says they did not.
 */
function underEndUserCertificate(low: string): boolean {
  for (const m of low.matchAll(END_USER_DOCUMENTS)) {
    const before = low.slice(Math.max(0, m.index - 30), m.index).split(/[.;:!?]/).at(-1) ?? '';
    if (!before.split(/[^a-z']+/).some((w) => NEGATION_WORDS.has(w))) return true;
  }
  return false;
}

/** "Our company was named end user on the original licence": the asker's side is said to be named, as a fact. */
function namedEndUser(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => NAMING_VERBS.has(t.low) && !t.clauseEnd && [1, 2, 3].some((k) => tokens[i + k]?.low === 'end' && /^users?$/.test(tokens[i + k + 1]?.low ?? '')
    && tokens.slice(i + 1, i + k).every((w) => ARTICLE_OR_AS.has(w.low))));
}

/**
 * "Licence for our Dy magnets was issued to the supplier with end user = our plant in Brno": a licence held that names
 * an end user binds that end user as a certificate does (Regs art. 18, 24). In one sentence, with no negation before.
 */
function licenceNamesEndUser(low: string): boolean {
  // "The supplier does have the licence for the terbium magnets to us in Finland": a licence for goods sent to the asker
  // names the asker as their consignee, which the end-user commitment binds as much as an end user named as such.
  return low.split(/(?<=[.;!?])\s+/).some((s) => HELD_LICENCE_NOUNS_PATTERN.test(s) && (/\bend[\s-]users?\b/.test(s) || /\blicen[cs]e\b.*\bto (?:us|our)\b/.test(s))
    && !s.split(/[^a-z']+/).some((w) => NEGATION_WORDS.has(w)));
}

/** What is being done: from the kind of cooperation, or the verbs for goods (ship, resell from stock, hand-carry, exhibit). */
function activityOf(tokens: readonly Token[], low: string, frame: Frame, itemHits: readonly PhraseHit<ItemTag>[]): Frame['activity'] {
  const kind = frame.technology?.kind;
  if (kind) {
    const byKind: Record<string, NonNullable<Frame['activity']>> = {
      technology_transfer: 'share_documents', licensing: 'license', joint_rnd: 'joint_research', jv_investment: 'invest',
      services: frame.technology?.area === 'production_line_services' ? 'commission_line' : 'consult', hiring: 'hire', training: 'train', consulting: 'consult', visit: 'visit',
    };
    return byKind[kind];
  }
  const has = (set: ReadonlySet<string>) => saysAny(tokens, low, set);
  // "The servo drives carry Dy magnets": goods that carry parts hold them; only a person carries goods out.
  const goodsEnd = new Set(itemHits.map((h) => h.end));
  const carried = tokens.some((t, i) => ACTIVITY_CARRY.has(t.low) && !goodsEnd.has(i)) || [...ACTIVITY_CARRY].some((w) => w.includes(' ') && low.includes(w));
  if (carried) return 'hand_carry';
  if (saysExhibit(tokens, low)) return 'exhibit';
  if (has(ACTIVITY_RESELL) || (frame.places.heldIn !== undefined && has(ACTIVITY_SHIP))) return 'resell_from_stock';
  if (has(ACTIVITY_SHIP)) return 'ship';
  return undefined;
}

/**
 * "Gd-doped phosphor? Sorry, more precisely: gadolinium oxide powder …": goods named after a correction within the
 * message replace those named before it, as a correcting turn replaces an earlier turn's item.
 */
function correctedItem(tokens: readonly Token[], lex: Lexicon, text: string): ItemExtraction | undefined {
  const cue = [...text.matchAll(SELF_CORRECTIONS)].at(-1);
  if (!cue) return undefined;
  const from = tokens.findIndex((t) => t.start >= (cue.index ?? 0) + cue[0].length);
  if (from <= 0) return undefined;
  const tail = extractItem(tokens.slice(from), lex, text);
  if (tail.item?.form === undefined) return undefined;
  const shift = (span: readonly [number, number]): readonly [number, number] => [span[0] + from, span[1] + from];
  return { ...tail, spans: tail.spans.map(shift), ...(tail.itemSpan ? { itemSpan: shift(tail.itemSpan) } : { itemSpan: undefined }),
    ...(tail.otherSpans ? { otherSpans: tail.otherSpans.map(shift) } : {}) };
}

/** What is known of the message beyond its words in English: whether its writer says "we" in Chinese. */
export interface ReadOptions {
  readonly chineseAsker?: boolean;
}

/** Reads one message into its frame, and the signals the intent fusion needs. */
export function readFrame(rawText: string, lex: Lexicon, sourceIds: readonly string[], options: ReadOptions = {}): { frame: Frame; signals: Signals } {
  const text = normaliseText(rawText);
  const tokens = tokensOf(text);
  const items = correctedItem(tokens, lex, text) ?? extractItem(tokens, lex, text);
  // A listed party's name is not a place ("Kawasaki Heavy Industries" is no city): its words are the party's.
  const listedParties = findListedParties(tokens, text, lex);
  const read = findPlaces(tokens, lex).filter((p) => !listedParties.some((m) => m.start < p.end && p.start < m.end));
  // "They buy Dy magnets from China, build the motors and ship them": the place the inputs came from is the product's
  // Chinese content, not where the product leaves from.
  const inputEnd = items.inputSpan?.[1];
  const inputsFrom = (p: PlaceMention) => inputEnd !== undefined && p.role === 'origin' && p.start > inputEnd && p.start - inputEnd <= 3
    && tokens.slice(inputEnd, p.start).some((t) => t.low === 'from') && !tokens.slice(inputEnd - 1, p.start - 1).some((t) => t.clauseEnd);
  // "our Italian-made e-bikes (motors made in China)": a place of making inside an aside that opens right after a
  // product, said of a part the aside names, says where that part was made: the product's content. ("servo drives
  // (made in China)" names no part: the goods were made there.)
  const spanEnd = items.itemSpan?.[1];
  const builtProduct = items.item?.form !== undefined && BUILT_FORMS.includes(items.item.form);
  const madeInAside = (p: PlaceMention) => builtProduct && spanEnd !== undefined && p.role === 'made' && p.start > spanEnd
    && tokens[spanEnd]?.parenBefore === true && !tokens.slice(spanEnd, p.start).some((t) => t.parenAfter || t.clauseEnd)
    && itemWordHits(tokens, lex).some((h) => h.start >= spanEnd && h.end <= p.start);
  const placeMentions = boughtGoodsSource(read.map((p) => (inputsFrom(p) || madeInAside(p) ? { ...p, role: 'content' as const } : p)), tokens, items.itemSpan, items.item);
  const endUse = extractEndUse(tokens, text, lex);
  const namesKnowHow = SPECIFIC_KNOW_HOW.test(text);
  // A magnet named only by its grade ties named know-how to magnet making ("the jet-mill settings for their 45SH").
  const magnetNamed = items.item?.magnetType !== undefined && items.item.magnetType !== 'ferrite' && items.item.magnetType !== 'other'
    && namesKnowHow;
  const noRareEarthItem = items.item?.compositionComplete === true && !(items.item.elementsPresent ?? []).some((e) => lex.knowledge.rareEarths.has(e));
  const collab = extractCollaboration(tokens, text, placeMentions, lex, magnetNamed, noRareEarthItem, options.chineseAsker === true);
  const references = extractReferences(text, sourceIds);

  // The goods are a product the asker fits them into ("we put the magnets into actuators … export the actuators"); not
  // magnets fitted into a carrier they receive, which stay the goods asked about.
  const fittedProduct = fitsInto(tokens) && (items.item?.form === 'finished_product' || items.item?.form === 'component') && items.item.downstream !== 'other_assembly';
  const way = wayBackFromChina(placeMentions, tokens);
  // A word naming goods of the item's own form or magnet family ("magnets" for NdFeB magnets), wherever it stands.
  const goodsForm = items.item?.form;
  const goodsWordAt = (i: number) => goodsForm !== undefined && itemWordHits(tokens, lex).some((h) => h.start <= i && i < h.end
    && (h.value.kind === 'form' || h.value.kind === 'compound') && h.value.form === goodsForm);
  const places: Frame['places'] = { ...placesToFrame(placeMentions, text, tokens, fittedProduct, way, items.itemSpan, goodsWordAt) };
  // In a round trip, the goods asked about are those that come back ("… and they send back separated Dy oxide"), when
  // the words after the way back name goods of their own.
  const cameBack = way ? extractItem(tokens.slice(way.goodsAt), lex, text).item : undefined;
  const item: ItemFrame = { ...((cameBack?.elementsPresent !== undefined && cameBack.form !== undefined ? cameBack : items.item) ?? {}) };
  // "NdFeB blocks for a wind-turbine OEM; the generators are assembled in Brazil": a place of making said of a product
  // named in its own clause belongs to that product, so the bare magnets or material asked about go there; where they
  // are made is still unsaid.
  const bareGoods = item.form !== undefined && !BUILT_FORMS.includes(item.form) && item.downstream === undefined;
  // So is one said before goods that leave from somewhere else, of the asker's own product ("We make fuel assemblies in
  // Sweden and want gadolinia from China"): it stays with that product.
  // A site after a purpose of making the goods into something ("to make our own phosphors in NL") is such a place too.
  const productMade = placeMentions.find((p) => p.country === places.madeIn && items.itemSpan !== undefined
    && ((p.role === 'made' && (productClauseAfter(tokens, items.itemSpan[1], p.start, lex)
      || (productClauseBefore(tokens, items.itemSpan[0], p.start, lex) && placeMentions.some((q) => q.role === 'origin' && q.start >= (items.itemSpan?.[1] ?? 0)))))
      || ((p.role === 'made' || p.role === 'site') && makingPurposeBetween(tokens, items.itemSpan[1], p.start))));
  if (bareGoods && productMade) {
    delete places.madeIn;
    // Nor do the goods leave from there, unless the message says they do.
    if (places.shipFrom === productMade.country && places.shipFromSaid !== true) delete places.shipFrom;
    places.shipTo ??= productMade.country;
  }
  if (items.itemSpan) item.words = text.slice(tokens[items.itemSpan[0]]?.start ?? 0, tokens[items.itemSpan[1] - 1]?.end ?? 0).slice(0, 200);
  // "Chinese NdFeB blocks", "Chinese-origin Tb oxide": the goods themselves are of Chinese origin.
  const span = items.itemSpan;
  // "came from Chinese-made magnets" names what the goods were made from, not the goods.
  // "China-origin Dy-containing NdFeB magnets": "origin" and hyphen-joined describers may stand between.
  const adjacent = (from: number, to: number) => to - from <= 1;
  const describesGoods = (from: number, to: number) => adjacent(from, to)
    || (to - from <= 4 && CONTENT_AFTER.has(tokens[from]?.low ?? '') && tokens.slice(from + 1, to).every((t, k) => t.hyphenBefore || tokens[from + k + 2]?.hyphenBefore === true));
  /** A nationality said of the goods themselves, right before their words. */
  const namesGoods = (p: PlaceMention, near: (from: number, to: number) => boolean) => span !== undefined && p.role === 'content' && p.start < span[0]
    && near(madeHyphenEnd(p), span[0]) && tokens[p.start - 1]?.low !== 'from';
  const chineseGoods = placeMentions.some((p) => p.country === 'CN' && namesGoods(p, describesGoods));
  /** "Chinese-made": the nationality and its verb of making, read as one describer. */
  function madeHyphenEnd(p: PlaceMention): number {
    return madeHyphenAt(tokens, p.end) ? p.end + 1 : p.end;
  }
  const madeSaid = placeMentions.some((p) => p.role === 'made');
  if (chineseGoods && !madeSaid) places.madeIn = 'CN';
  // "our Vietnamese speaker modules", "Korean-built motors": goods named by another nationality were made there.
  const foreignGoods = placeMentions.find((p) => p.country !== 'CN' && namesGoods(p, adjacent));
  if (foreignGoods && !chineseGoods && places.madeIn === undefined && !madeSaid) places.madeIn = foreignGoods.country;

  // A place of making read from a plant's name alone ("our Pune plant"), with no verb of making anywhere.
  // With a Chinese supplier of the goods named, that plant is where they are, not where they were made.
  // So is a plant's stock of magnets or material "bought from China": its Chinese source is named, and nothing is made
  // (a product at a plant, "motors with Chinese magnets", is still made there; machines at a plant are its own).
  // So is a plant's stock of bare goods said to be of Chinese origin ("our Mexico plant resells loose magnets (Chinese
  // origin)"): the origin is said of the goods, and the plant only holds them.
  const madeInOnlyBySite = places.madeIn !== undefined && !placeMentions.some((p) => p.role === 'made') && !MAKE_VERBS.test(text)
    && (chineseMakerNamed(placeMentions, tokens) || (bareGoods && !item.besideProduct && chineseSource(placeMentions, tokens)) || (bareGoods && chinaOriginAfterGoods(text, tokens, span)));
  const chineseContent = placeMentions.some((p) => p.country === 'CN' && p.role === 'content') || CHINA_ORIGIN.test(text);
  const foreignContent = placeMentions.some((p) => p.country !== 'CN' && p.role === 'content');
  const chineseTech = placeMentions.some((p) => p.country === 'CN' && p.role === 'technology');
  const foreignTech = placeMentions.some((p) => p.country !== 'CN' && p.role === 'technology');
  // "The magnets come from Ningbo, about 4 % of the motor value": parts from China, their share of a product's value.
  const partsFromChina = item.refersBack === true && places.shipFrom === 'CN';
  const itemHits = itemWordHits(tokens, lex);
  const share = shareOfValue(text, chineseContent || partsFromChina, (from, to) => againstItemWord(tokens, itemHits, lex, from, to));
  const content: Frame['chineseContent'] = {};
  const nilContent = nilChineseContent(tokens, placeMentions);
  // A Chinese share said to be none names no Chinese source of the goods.
  const chineseSourceNamed = () => nilContent === undefined && chineseSource(placeMentions, tokens);
  if (chineseGoods && places.shipFrom !== undefined && places.shipFrom !== 'CN') content.origin = true;
  else if (FOREIGN_MADE.test(text)) content.origin = false;
  else if (places.madeIn !== undefined && places.madeIn !== 'CN' && !madeInOnlyBySite) content.origin = false;
  else if (CHINA_ORIGIN.test(text) && places.shipFrom !== undefined && places.shipFrom !== 'CN') {
    content.origin = true;
    if (madeInOnlyBySite) delete places.madeIn;
  }
  else if (places.shipFrom !== 'CN' && (places.shipFrom !== undefined || (bareGoods && boughtIn(tokens))) && !makingSaid(tokens, fittedProduct) && !CONTAIN_VERBS.test(text) && !SELF_MAKER.test(text) && chineseSourceNamed()
    // "The Chinese Dy is about 2 % of the magnet value": Chinese material said as a share of the goods' value is content.
    && share === undefined) {
    // Stock held abroad that was bought from China ("holds Sm metal it bought from China", "magnets our Chinese
    // supplier exported to us"), with nothing said about making anything from it: the goods are of Chinese origin.
    // "Our Pune plant" then says where they are, not where they were made.
    content.origin = true;
    if (madeInOnlyBySite) delete places.madeIn;
  } else if (madeInOnlyBySite && places.madeIn !== 'CN') content.origin = false;
  // "We build a position sensor in Järfälla with a Chinese SmCo magnet inside … exporting the sensor from Sweden": a
  // product the asker says it makes itself ("we build"), leaving from a place outside China, is the asker's own, made
  // there and not of Chinese origin, though the town named is none the gazetteer knows.
  else if (content.origin === undefined && places.madeIn === undefined && places.shipFrom !== undefined && places.shipFrom !== 'CN' && !chineseGoods
    && (item.downstream !== undefined || item.form === 'component' || item.form === 'finished_product')
    && tokens.some((t, i) => ownMakingVerbAt(tokens, i) && FIRST_PERSON_SUBJECTS.has(tokens[i - 1]?.low ?? ''))) content.origin = false;
  if (share !== undefined && (chineseContent || partsFromChina || content.origin === false)) content.percentOfValue = share;
  else if (nilContent === 'zero') content.percentOfValue = 0;
  else if (foreignContent && !chineseContent && /\bonly\b/i.test(text)) content.percentOfValue = 0;
  // "We assemble motors in Saltillo with Chinese Dy magnets": goods made abroad that hold Chinese content.
  if (chineseContent && content.origin === false) content.present = true;
  // "Magnets from Malaysia that use oxide separated in China": goods shipped from a third country, not said to be
  // Chinese-origin, that hold something Chinese hold Chinese content.
  else if (chineseContent && content.origin === undefined && places.shipFrom !== undefined && places.shipFrom !== 'CN') content.present = true;
  if (content.percentOfValue !== undefined) content.present = content.percentOfValue > 0;
  // "motors containing Chinese-made Dy magnets": the Chinese content is parts made in China.
  // So is "uses NdFeB magnets sourced from China": parts said to come from China were made there.
  const partsCameFrom = (p: PlaceMention) => tokens[p.start - 1]?.low === 'from' && COMES_FROM_VERBS.has(tokens[p.start - 2]?.low ?? '') && item.downstream !== undefined;
  if (content.present === true && placeMentions.some((p) => p.country === 'CN' && p.role === 'content' && ((madeHyphenEnd(p) > p.end && !namesGoods(p, describesGoods)) || partsCameFrom(p)))) {
    content.partsMadeInChina = true;
  }
  // "No Chinese material, equipment or technology used": said absent, for the list the negation opens.
  const absent = placeMentions.filter((p) => p.negated === true && p.country === 'CN');
  const listAfter = (p: PlaceMention) => {
    const end = tokens.findIndex((t, i) => i >= p.end && t.clauseEnd);
    return tokens.slice(p.end, Math.min(p.end + 6, end < 0 ? tokens.length : end + 1));
  };
  if (!chineseContent && absent.length > 0 && content.percentOfValue === undefined) {
    content.present = false;
    content.percentOfValue = 0;
  }
  if (chineseTech) content.technology = true;
  else if (foreignTech && /\bonly\b/i.test(text)) content.technology = false;
  else if (absent.some((p) => listAfter(p).some((t) => TECH_WORDS.has(t.low) || ANYTHING_WORDS.has(t.low)))) content.technology = false;
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
  // Graphite named anywhere outranks the battery it goes into ("battery materials buyer … artificial graphite anode"):
  // graphite carries controls of its own beside No. 58 (brief §9 example 24).
  // "magnetron sputter cathodes": a sector's word inside a longer name of goods of another kind names those goods,
  // not the sector.
  // ("LFP battery packs" are goods of the battery sector's own kind: the sector stands.)
  const longerItem = (h: { start: number; end: number; value: string }) => itemWordHits(tokens, lex).some((i) => i.start <= h.start && h.end <= i.end && i.end - i.start > h.end - h.start
    && !(i.value.kind === 'form' && i.value.form === h.value));
  const sectors = lex.sectors.find(tokens).filter((h) => !longerItem(h)).map((h) => h.value);
  const sector = sectors.includes('graphite') ? 'graphite' : sectors[0];
  if (sector && sector !== 'rare_earth') item.sector = sector;
  if (sector === 'rare_earth' && (item.form === 'equipment' || item.form === 'ore')) item.sector = 'rare_earth';
  // "a vacuum furnace for sintering NdFeB magnets": equipment for magnet-making serves the rare-earth industry.
  if (!item.sector && item.form === 'equipment' && endUse.endUses.includes('rare_earth_processing')) item.sector = 'rare_earth';
  // "magnet pressing machines": a machine named for the magnets it works on is magnet-making equipment.
  if (!item.sector && item.form === 'equipment' && span && tokens.slice(span[0], span[1]).some((t) => /^magnets?$/.test(t.low))) item.sector = 'rare_earth';

  const frame: Frame = {
    places,
    parties: [...partiesOf(placeMentions, tokens, text), ...listedParties.map((m) => listedPartyFrame(m, tokens, text))],
    endUses: endUse.endUses,
    chineseContent: content,
    claims: [],
  };
  if (Object.keys(item).some((k) => k !== 'words')) frame.item = item;
  // Other loose goods named beside the item, each read on its own words.
  const others = cameBack || !frame.item ? [] : (items.otherSpans ?? []).flatMap(([from, to]) => {
    const other = extractItem(tokens.slice(from, to), lex, text).item;
    const words = text.slice(tokens[from]?.start ?? 0, tokens[to - 1]?.end ?? 0).slice(0, 200);
    // Goods of their own say what they are made of: a bare shape word ("rods") is no line to decide.
    // Goods of the item's own kind ("NdFeB magnets … grade N38") are the item named again.
    const ownKind = other?.form === item.form || (other?.magnetType !== undefined && other.magnetType === item.magnetType);
    if (other?.form === undefined || ownKind || (other.elementsPresent === undefined && other.magnetType === undefined)) return [];
    // An element the message says is not there ("no yttrium") is in none of the goods, unless said of these.
    const absent = [...new Set([...(other.elementsAbsent ?? []), ...(item.elementsAbsent ?? [])])].filter((e) => !(other.elementsPresent ?? []).includes(e));
    return [{ ...other, ...(absent.length > 0 ? { elementsAbsent: absent } : {}), words }];
  });
  if (others.length > 0) frame.otherItems = others;
  if (endUse.endUser) frame.endUser = endUse.endUser;
  // Chinese know-how bought in the past and used abroad ("the process package was bought from a Chinese maker in
  // 2022"), with nothing passing to anyone now: goods made with Chinese technology, not a new transfer.
  const clauseOf = (at: number) => {
    return tokens.slice(clauseStartOf(tokens, at), clauseEndOf(tokens, at) + 1);
  };
  // ("We'd like to license a Chinese company's process": a licence still to be granted passes know-how now.)
  // "A factory in Vietnam that licensed its sintering know-how from a Chinese maker a few years ago": know-how passed in
  // a clause set in the past came then; it is how the goods are made, not something passing now.
  const passesNow = (clause: readonly Token[]) => passesKnowHow(clause, lex) && !clause.some((t) => PAST_TIME_WORDS.has(t.low));
  const pastTechnology = chineseTech && places.shipFrom !== 'CN' && collab.kind !== 'licensing'
    && !placeMentions.some((p) => p.country === 'CN' && (p.role === 'origin' || p.role === 'site' || p.role === 'destination'))
    && placeMentions.filter((p) => p.country === 'CN' && p.role === 'technology').every((p) => !passesNow(clauseOf(p.start)));
  // "Our supplier switched our 48H grade to a Ho-modified recipe; first shipment Ningbo -> Suwon": goods on a route,
  // with one know-how word and nothing passing to anyone, are a shipment of goods made to that recipe.
  const goodsShipment = frame.item?.form !== undefined && (frame.item.elementsPresent !== undefined || frame.item.magnetType !== undefined)
    && places.shipFrom !== undefined && places.shipTo !== undefined && places.shipFrom !== places.shipTo
    && collab.hits <= 1 && !passesKnowHow(tokens, lex)
    // "license it out to a Korean maker": a licence is no shipment of goods, whatever it is for. (Other kinds are
    // often read from a party's name, "our Baotou JV", "our Chinese workshop", so they do not undo a shipment.)
    // Nor is training or a visit of people named: "our engineers go to the supplier's factory in Baotou for training on
    // sintered NdFeB production" moves the engineers, and the route is theirs. ("Metro trains" name no one.)
    && collab.kind !== 'licensing' && !((collab.kind === 'training' || collab.kind === 'visit') && tokens.some((t) => TECH_PERSONS.has(t.low)));
  // "Two of our Chinese engineers will travel to our plant in Monterrey": who would provide know-how, before what it
  // is; a later turn ("they'll tune the sintering furnaces") says what, and the two merge.
  const providersOnly = !collab.kind && !collab.area && collab.chineseProvider === true && frame.item === undefined
    && placeMentions.some((p) => p.country === 'CN' && (
      (p.role === 'party' && TECH_PERSONS.has(tokens[p.end]?.low ?? ''))
      // "engineers from our Chinese supplier": people who come from the Chinese party.
      || (p.role === 'origin' && tokens.slice(Math.max(0, p.start - 5), p.start).some((t, k, near) => TECH_PERSONS.has(t.low) && near[k + 1]?.low === 'from'))));
  // "Only published results": the answer to the research question (brief R26), naming no goods, is about the work asked.
  const researchOnly = !collab.kind && !collab.area && collab.publicOrBasicResearch && frame.item === undefined;
  if ((collab.kind || collab.area || providersOnly || researchOnly) && !pastTechnology && !goodsShipment) {
    const t: NonNullable<Frame['technology']> = {};
    if (collab.kind) t.kind = collab.kind;
    if (collab.area) t.area = collab.area;
    // "license LFP cathode manufacturing process know-how": know-how passed about goods of a sector with its own
    // technology controls (No. 58's battery and graphite-anode technology, No. 55's superhard materials) is of that area.
    else if (collab.kind && passesKnowHow(tokens, lex) && frame.item?.sector !== undefined) {
      const area = SECTOR_TECHNOLOGY_AREA[frame.item.sector];
      if (area) t.area = area;
    }
    if (collab.chineseProvider !== undefined) t.chineseProvider = collab.chineseProvider;
    if (collab.abroad !== undefined) t.abroad = collab.abroad;
    if (collab.domesticOnly) t.domesticOnly = true;
    if (collab.publicOrBasicResearch) t.publicOrBasicResearch = true;
    frame.technology = t;
  }
  if (references.asOf) frame.asOf = references.asOf;
  const shipWhen = extractShipWhen(text);
  if (shipWhen) frame.shipWhen = shipWhen;
  const mentionedWhen = shipWhen ? undefined : extractMentionedWhen(text);
  if (mentionedWhen) frame.mentionedWhen = mentionedWhen;
  const lowText = text.toLowerCase();
  if (CORRECTION.test(text)) frame.correction = true;
  frame.claims = claimsIn(text, tokens);
  if (proposesEvasion(tokens, lowText)) frame.evasion = true;
  if (GIFT_WORDS.test(lowText)) frame.gift = true;
  if (REPAIR_WORDS.test(lowText) && saysAny(tokens, lowText, RETURN_WORDS)) frame.returnAfterRepair = true;
  if (ownUnlicensedExport(tokens)) frame.exportedWithoutLicence = true;
  if (mofcomNotified(tokens)) frame.mofcomNotice = true;
  const held = licenceHeld(tokens);
  if (held) frame.licenceHeld = held;
  const change = licenceChangeOf(tokens, held);
  if (change) frame.licenceChange = change;
  const acquired = acquisitionOf(tokens, text);
  if (acquired.year !== undefined) frame.acquiredYear = acquired.year;
  if (acquired.beforeControls) frame.acquiredBeforeControls = true;
  if (underEndUserCertificate(lowText) || ((held !== undefined || namedEndUser(tokens)) && licenceNamesEndUser(lowText)) || receivedUnderLicence(tokens)) frame.endUserCommitment = true;
  const activity = activityOf(tokens, lowText, frame, itemHits);
  if (activity) frame.activity = activity;

  const outside = (places.shipFrom !== undefined && places.shipFrom !== 'CN') || (places.madeIn !== undefined && places.madeIn !== 'CN');
  return {
    frame,
    signals: {
      goods: items.hits + (frame.item?.form !== undefined && frame.item.sector !== undefined ? 1 : 0),
      collaboration: collab.hits,
      reexport: outside && (chineseContent || chineseTech || content.origin === true),
      knowHow: namesKnowHow && passesKnowHow(tokens, lex),
      knowHowNamed: namesKnowHow,
      genericItem: items.genericOnly,
      unknownObject: items.unknownObject,
      references,
      tokens: tokens.length,
      // A government's measure ("Malaysia banned raw rare-earth exports") is what is asked about only for goods leaving
      // that country; said in passing before a question about goods from China, it is background.
      // So is another country's rules named in a sentence before the question, for goods leaving China ("Our sales
      // team says the truce fixed the US issues. Can we quote?").
      foreignRegimeCountry: placeMentions.some((p) => p.role === 'regime' && p.country === 'CN') ? undefined
        : placeMentions.find((p) => p.role === 'regime' && (!p.measure || p.country === places.shipFrom) && !(places.shipFrom === 'CN' && beforeQuestion(text, tokens, p)))?.country,
    },
  };
}

/** Sectors whose know-how the rules name as an area of technology of their own. */
const SECTOR_TECHNOLOGY_AREA: Partial<Record<NonNullable<ItemFrame['sector']>, NonNullable<Frame['technology']>['area']>> = {
  battery: 'battery', graphite: 'battery', superhard: 'superhard',
};

/** The mention lies in a sentence before the one the last question mark closes. */
function beforeQuestion(text: string, tokens: readonly Token[], p: PlaceMention): boolean {
  const mark = text.lastIndexOf('?');
  if (mark < 0) return false;
  const opens = Math.max(text.lastIndexOf('.', mark), text.lastIndexOf('!', mark), text.lastIndexOf('?', mark - 1));
  return opens >= 0 && (tokens[p.end - 1]?.end ?? 0) <= opens;
}

/** The parties the place words name, with the role their cue gives them ("to a customer in X" buys). */
function partiesOf(places: readonly PlaceMention[], tokens: readonly Token[], text: string): PartyFrame[] {
  return places
    .filter((p) => p.role === 'destination' || p.role === 'party' || p.role === 'site' || p.role === 'origin' || p.role === 'made')
    .map((p): PartyFrame => {
      const role: PartyFrame['role'] = p.role === 'destination' ? (p.defence ? 'end_user' : 'buyer') : p.role === 'party' ? 'other' : 'seller';
      const from = tokens[Math.max(0, p.start - 3)]?.start ?? 0;
      const to = tokens[Math.min(tokens.length - 1, p.end + 1)]?.end ?? text.length;
      const party: PartyFrame = { role, country: p.country, words: text.slice(from, to).slice(0, 200) };
      if (p.defence) party.defence = true;
      return party;
    });
}

export function extractFacts(rawText: string, lex: Lexicon, sourceIds: readonly string[], options: ReadOptions = {}): Extraction {
  const { frame, signals } = readFrame(rawText, lex, sourceIds, options);
  return { frame, facts: factsFromFrame(frame), signals };
}
