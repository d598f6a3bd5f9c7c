/**
 * Technology and collaboration: what kind of cooperation (transfer, licensing, joint R&D, JV, services, hiring,
 * training, consulting), which technology, and whether a Chinese party provides it ("our Chinese JV wants to send"
 * provides; "to our Chinese supplier" receives).
 */
import { COLLABORATION_KINDS, isPeopleWork, RARE_EARTH_MAGNETS, type TECHNOLOGY_AREAS } from '../rules/facts.js';
import { itemWordHits } from './extract-items.js';
import type { PlaceMention } from './extract-places.js';
import type { ItemTag, Lexicon } from './lexicon.js';
import type { PhraseHit } from './phrase-matcher.js';
import { grammarWords, tradingPartyNoun, wordAt } from './grammar.js';
import { clauseEndOf, clauseStartOf, positionsOf, sentenceStartOf, wordsPattern, type Token } from './text.js';

type Kind = (typeof COLLABORATION_KINDS)[number];
type Area = (typeof TECHNOLOGY_AREAS)[number];

export interface CollaborationExtraction {
  readonly kind: Kind | undefined;
  readonly area: Area | undefined;
  readonly chineseProvider: boolean | undefined;
  readonly abroad: boolean | undefined;
  readonly domesticOnly: boolean | undefined;
  readonly publicOrBasicResearch: boolean;
  readonly hits: number;
}

/**
 * Kinds of cooperation that are cooperation whatever the material, and never a shipment of goods: hiring, joint
 * research, a JV, licensing, training, consulting (a transfer or a service may be goods moving with their papers).
 */
export const COOPERATION_KINDS: readonly Kind[] = COLLABORATION_KINDS.filter((k) => grammarWords('cooperationKinds').has(k));
/** When several kinds are named, the more specific one decides ("our JV engineer wants to e-mail" is a transfer). */
// A visit comes last: "advise the JV, with a few site visits" is consulting; a visit is the kind only when it is all.
const PRONOUN_OBJECTS = grammarWords('pronounObjects');
/** Verbs that move goods as well as papers ("send", "ship", "sell", "supply"). */
const GOODS_MOVING_VERBS = grammarWords('exportVerbs');
const FILE_NOUNS = grammarWords('fileNouns');
const SCHOLARLY_WORK_NOUNS = grammarWords('scholarlyWorkNouns');
const KIND_ORDER: readonly Kind[] = ['licensing', 'hiring', 'joint_rnd', 'services', 'training', 'technology_transfer', 'consulting', 'jv_investment', 'visit'];
const AREA_ORDER: readonly Area[] = [
  'production_line_services', 'extraction_separation', 'metal_alloy_production', 'magnet_preparation', 'calcium_oxyborate',
  'mining_beneficiation', 'smelting', 'recycling', 'magnet_design', 'magnet_finishing', 'product_design', 'battery', 'superhard', 'no_rare_earth',
];
/**
 * "license its process", "license us a process", "license an NdFeB recycling process", "a licence of that technology": licensing named with what is licensed
 * (its describers may be joined by slashes: "their solvent extraction/separation process").
 */
const LICENSING = new RegExp(String.raw`\blicen[cs](?:e|es|ing)\s+(?:out\s+)?(?:(?:${[...grammarWords('receiverPronouns')].join('|')})\s+)?(?:(?:of|to|for|on|under)\s+)?(?:its|our|their|the|this|that|a|an|his|her)\s+(?:[\w'’()/-]+\s+){0,6}?(?:${[...grammarWords('licensableThings')].map((w) => w.replace(/[-]/g, '\\-')).join('|')})\b`, 'i');
/** "license it to a US company" once the message names what "it" is (a patent, a process): the same licence, by pronoun. */
const LICENSING_BY_PRONOUN = new RegExp(String.raw`\blicen[cs](?:e|es|ing|ed)\s+(?:${[...grammarWords('pronounObjects')].join('|')})\s+(?:out\s+)?(?:to|for)\b`, 'i');
const LICENSABLE = wordsPattern(grammarWords('licensableThings'));
const SETUP = wordsPattern(grammarWords('jvSetupVerbs'));
const MADE_VERBS = grammarWords('madeVerbs');
const LINE_SERVICE = wordsPattern(grammarWords('lineServiceWords'));
const PRODUCTION_LINE = wordsPattern(grammarWords('productionLinePhrases'));
const MAKE_VERBS = grammarWords('makeVerbs');
const LINE_NOUN = wordsPattern(grammarWords('lineNouns'));
const COORDINATORS = grammarWords('goodsCoordinators');

/** Words that say the work is published or basic research (brief R26). */
const RESEARCH = wordsPattern(grammarWords('researchPhrases'));
const PAPER_QUALIFYING = new RegExp(`\\bpaper[\\s-]+(?:${[...grammarWords('paperQualifiedNouns')].join('|')})\\b`, 'giu');
const DEST_WORDS = grammarWords('destWords');
// Goods go to a site, or are bought from one ("GGG stones from a cutting workshop in Wuzhou").
const SITE_CUES = new Set([...DEST_WORDS, ...grammarWords('originCues')]);
const SITE_WORDS = grammarWords('siteNouns');
const RARE_EARTH_MINERALS = grammarWords('rareEarthMineralWords');
const OBJECT_STOPS = grammarWords('phraseStops');
const JV_NOUNS = grammarWords('jvNouns');
/** Words by which the asker names itself or what it owns ("we", "our JV", "51 % ours"). */
const ASKER_OWN_WORDS = grammarWords('askerOwnWords');
const LIST_JOINERS = grammarWords('listJoiners');
const THIRD_PERSON_POSSESSIVES = grammarWords('thirdPersonPossessives');
const NEGATION_CUES = grammarWords('negationCues');
const PREPOSITIONS = grammarWords('prepositions');
const UNRELATED_PHRASES = [...grammarWords('unrelatedPhrases')];
const DETERMINERS = grammarWords('determiners');
const GOODS_COUNT_NOUNS = grammarWords('goodsCountNouns');
const SELF_WORDS = grammarWords('selfWords');
const INABILITY_WORDS = grammarWords('inabilityWords');
const NEW_ITEM_WORDS = grammarWords('newItemAfterComma');
const CLAIM_VERBS = grammarWords('claimVerbs');
const READER_REQUEST_BEFORE = grammarWords('readerRequestBefore');
const MODALS = grammarWords('modals');
const ELECTRONIC_SEND_VERBS = grammarWords('electronicSendVerbs');
const QUESTION_OPENERS = grammarWords('indirectQuestionOpeners');
const READER_REQUEST_AFTER = grammarWords('readerRequestAfter');
const MAIL_FORWARD_AFTER = grammarWords('mailForwardAfter');
const PRESENTING_VERBS = grammarWords('presentingVerbs');
const PRESENTED_WORK = grammarWords('presentedWork');
const PHRASE_ENDERS = grammarWords('nounPhraseEnders');
const RECEIVER_PRONOUNS = grammarWords('receiverPronouns');
// "My manager in Shanghai asks me to email …": the one asked to send, not one who receives.
const REQUEST_VERBS = grammarWords('requestVerbs');
const PLACE_CUES = new Set([...grammarWords('insideCues'), ...grammarWords('destCues')]);
const RECEIVER_OWNERS = grammarWords('firstPerson');
const ASKER_POSSESSIVES = grammarWords('askerPossessives');
const PURPOSE_CLAUSE_OPENERS = grammarWords('purposeClauseOpeners');
const DETERMINER_WORDS = grammarWords('determinerWords');
const OWNERSHIP_WORDS = grammarWords('ownershipWords');
const TECH_PERSON_WORDS = grammarWords('techPersons');
/** The asker's own sites that can receive know-how ("transfer the process to our other plants"). */
const ASKER_UNIT_NOUNS = grammarWords('askerUnitNouns');
const ARRIVAL_VERBS = grammarWords('arrivalVerbs');
const TRAINING_WORDS = grammarWords('trainingWords');
const TRAINEE_CUES = grammarWords('traineeCues');
const TEACHING_VERBS = grammarWords('teachingVerbs');
const ASKING_SUBJECTS = grammarWords('askingSubjects');
const BUYER_NOUNS = grammarWords('buyerNouns');
const SELLER_NOUNS = grammarWords('sellerNouns');
const COMPANY_NOUNS = grammarWords('companyNouns');
// Who research may be done with: people, institutions and companies.
const PARTNER_WORDS = new Set([...grammarWords('personWords'), ...BUYER_NOUNS]);
const DESIGN_KNOW_HOW = grammarWords('designKnowHow');
const LICENSING_AUTHORITIES = grammarWords('licensingAuthorities');
const AUTHORITY_REQUESTS = grammarWords('authorityRequests');
const FINISHED_WORDS = grammarWords('finishedWords');
const FOREIGN_WORDS = grammarWords('foreignWords');
const TOPIC_PREPOSITIONS = grammarWords('topicPrepositions');
const LICENCE_NOUNS = grammarWords('licenceNouns');
const TRAINING_HOMOGRAPHS = grammarWords('trainingHomographs');
const NOUN_FOLLOWERS = grammarWords('nounFollowers');
const NOUN_PRECEDERS = grammarWords('nounPreceders');
const TRAIN_KINDS = grammarWords('trainKinds');
const DESIGN_VERBS = grammarWords('designVerbs');
const DESIGNED_WORKS = grammarWords('designedWorks');
// The endings of the kind words that are nouns (maintenance, installation, recruitment), not verbs that take a product
// as their object ("install motors", "repair rotors").
const NOUN_SUFFIXES = [...grammarWords('kindNounSuffixes')];
const TRAINING_EVENT_NOUNS = grammarWords('trainingEventNouns');
const TRAINING_EVENT_MODIFIERS = grammarWords('trainingEventModifiers');
const TRAINING_EVENT_VERBS = grammarWords('trainingEventVerbs');
const TRAINING_HOST_VERBS = grammarWords('trainingHostVerbs');
const FUTURE_CUES = grammarWords('futureCues');
const TRAINING_EVENT_TOPICS = grammarWords('trainingEventTopics');
const LICENCE_APPLICATION = grammarWords('licenceApplicationWords');
const PART_OF_WORDS = grammarWords('partOfWords');
const PAPERWORK_KINDS = grammarWords('paperworkKinds');
const TEAM_NOUNS = grammarWords('teamNouns');
const DOCUMENT_NOUNS = grammarWords('documentNouns');
const END_PAPER_HEADS = grammarWords('endPaperHeads');

/** "A Japanese-owned WFOE": who owns a site takes no part in what is provided there. */
function ownerOnly(tokens: readonly Token[], p: PlaceMention): boolean {
  return OWNERSHIP_WORDS.has(tokens[p.end]?.low ?? '');
}

/** The places before the first provision verb (the provider's side) and after its "to" (the recipient's). */
function providerSides(tokens: readonly Token[], places: readonly PlaceMention[], verb: number): { provider: PlaceMention[]; recipient: PlaceMention[] } | null {
  if (verb < 0) return null;
  let clauseStart = 0;
  for (let i = verb - 1; i >= 0; i--) if ((tokens[i] as Token).clauseEnd) { clauseStart = i + 1; break; }
  const relevant = places.filter((p) => p.role !== 'content' && p.role !== 'technology' && p.role !== 'regime');
  // Before the verb, only a place right after "to" is on the receiving side ("sent to our German plant").
  const afterTo = (p: PlaceMention) => [1, 2, 3].some((k) => DEST_WORDS.has(tokens[p.start - k]?.low ?? '') && [1, 2, 3].slice(0, k - 1).every((j) => DETERMINER_WORDS.has(tokens[p.start - j]?.low ?? '')));
  // "send X from Germany to ...": where it is sent from is the provider's side too.
  const provider = relevant.filter((p) => (p.start >= clauseStart && p.end <= verb && !afterTo(p)) || (p.start > verb && p.role === 'origin'));
  const recipient = relevant.filter((p) => p.start > verb && p.recipient);
  return { provider, recipient };
}

/** "NdFeB formulation", "the recipe and furnace settings" for magnets: know-how about making the material named. */
function impliedArea(tokens: readonly Token[], lex: Lexicon, kind: Kind | undefined, magnetNamed: boolean, endsAsking: boolean): Area | undefined {
  // Know-how words, or people hired, trained or sent who carry it ("a senior engineer from an NdFeB maker").
  // An investment in a magnet maker ("acquire a Chinese magnet company") takes in its know-how too (No. 62 names
  // investment as a way technology is exported).
  // What is licensed is know-how by definition ("license a patent family on cerium-magnet processing").
  const carriesKnowHow = kind === 'hiring' || kind === 'training' || kind === 'consulting' || kind === 'jv_investment' || kind === 'licensing';
  // ("Design team wants to try a Sc-Al alloy": a know-how word before a team noun names the asker's department.)
  const knowHowAt = (i: number) => wordAt(tokens, i, lex.knowledge.cues.knowHowNouns) && !TEAM_NOUNS.has(tokens[i + 1]?.low ?? '');
  const knowHow = tokens.some((_, i) => knowHowAt(i) && !negatedAt(tokens, i));
  if (!carriesKnowHow && !knowHow) return undefined;
  // Item words inside a technology phrase ("magnet making") name the technology, which the phrase list decides.
  const items = itemWordHits(tokens, lex);
  // Drawings or specifications, and a product named: design data of that product, whatever magnets sit in it.
  // A know-how word in a negated list ("no magnet-making or process specs") is not among them.
  // "Is that a controlled technology?": a closing question that passes nothing names what is asked about, not what is
  // handed over.
  const lastStart = sentenceStartOf(tokens, tokens.length - 1);
  const closingQuestion = (i: number) => endsAsking && i >= lastStart && !tokens.slice(lastStart).some((t) => lex.knowledge.cues.provisionVerbs.has(t.low));
  const knowHowWords = tokens.filter((_, i) => knowHowAt(i) && !negatedList(tokens, i) && !closingQuestion(i));
  if (knowHowWords.length > 0 && knowHowWords.every((t) => DESIGN_KNOW_HOW.has(t.low)) && items.some((h) => h.value.kind === 'downstream')) return 'product_design';
  // Magnets in a negated list ("nothing about how magnets are made") imply no magnet know-how.
  const magnetWord = (h: PhraseHit<ItemTag>) => (h.value.kind === 'form' && (h.value.form === 'magnet' || h.value.form === 'magnet_powder')) || rareEarthFamily(h);
  const named = items.filter((h) => magnetWord(h) && !negatedList(tokens, h.start));
  // "How to handle and install their finished magnets": know-how about magnets only ever said to be finished is how
  // they are used in a product (the downstream user's work, brief R9, R11), not how they are made.
  const finished = (h: PhraseHit<ItemTag>) => [1, 2].some((k) => FINISHED_WORDS.has(tokens[h.start - k]?.low ?? '') && tokens.slice(h.start - k, h.start).every((t) => !t.clauseEnd && !t.commaAfter));
  // (A magnet word that names a party, "our SmCo supplier", says who gives the know-how, not what it is about.)
  const goodsNamed = named.filter((h) => !tradingPartyNoun(tokens[h.end]?.low ?? ''));
  if (goodsNamed.length > 0 && goodsNamed.every(finished)) return 'product_design';
  // A magnet named by its grade ("their 45SH grade") is found by the item reader, not the phrase list.
  if (magnetNamed || named.length > 0) return 'magnet_preparation';
  return undefined;
}

/**
 * "German process engineer", "Chinese line supplier": where a noun of `nouns` stands within two words after a place, in
 * its phrase (no clause end or comma before it).
 */
function nounsAfter(tokens: readonly Token[], p: PlaceMention, nouns: ReadonlySet<string>): number[] {
  return [0, 1, 2].map((k) => p.end + k).filter((i) => nouns.has(tokens[i]?.low ?? '') && tokens.slice(p.end, i).every((t) => !t.clauseEnd && !t.commaAfter));
}

/**
 * Research work as the object of a verb of presenting at `verb`: its noun phrase runs to a preposition, a comma or the
 * clause's end, with determiners, adverbs and modifiers before its head ("present an already published SmCo study").
 */
function presentedAfter(tokens: readonly Token[], verb: number): boolean {
  for (let i = verb + 1; i < Math.min(tokens.length, verb + 7); i++) {
    const t = tokens[i] as Token;
    if (PRESENTED_WORK.has(t.low)) return true;
    if (t.clauseEnd || t.commaAfter || PHRASE_ENDERS.has(t.low)) return false;
  }
  return false;
}

/** "Equipment only, no documents go with it", "not part of the recipe": a word that names what is not provided. */
function negatedAt(tokens: readonly Token[], start: number): boolean {
  return [1, 2].some((k) => NEGATION_CUES.has(tokens[start - k]?.low ?? '')) || partDenied(tokens, start);
}

/** "An unintended impurity, not part of the recipe": a negation a few words back, across "part of the". */
function partDenied(tokens: readonly Token[], start: number): boolean {
  for (let k = start - 1; k >= Math.max(0, start - 5); k--) {
    const t = tokens[k] as Token;
    if (t.clauseEnd) return false;
    if (NEGATION_CUES.has(t.low)) return k < start - 2 && tokens.slice(k + 1, start).some((x) => x.low === 'part');
    if (!PART_OF_WORDS.has(t.low)) return false;
  }
  return false;
}

/** A rare-earth magnet family named (NdFeB, SmCo, cerium magnets), not ferrite or AlNiCo. */
function rareEarthFamily(h: PhraseHit<ItemTag>): boolean {
  return h.value.kind === 'compound' && h.value.magnetType !== undefined && RARE_EARTH_MAGNETS.includes(h.value.magnetType);
}

/**
 * "no magnet-making or process specs": a word in a list a negation opens, within its clause, up to six words back and
 * with no "but" or "with" (a new positive item) between.
 */
function negatedList(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    const t = tokens[k] as Token;
    if (t.clauseEnd || NEW_ITEM_WORDS.has(t.low)) return false;
    if (NEGATION_CUES.has(t.low)) return true;
  }
  return false;
}

/** A place, not a nationality: "in Ningbo", "to our Suzhou plant", "at the Baotou site". */
function located(tokens: readonly Token[], p: PlaceMention): boolean {
  for (let i = p.start - 1; i >= Math.max(0, p.start - 3); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (PLACE_CUES.has(t.low)) return true;
    if (!DETERMINER_WORDS.has(t.low) && !RECEIVER_OWNERS.has(t.low)) return false;
  }
  return false;
}

/** Only Chinese persons in China receive it: Chinese staff named after the verb and no foreign person or place
 * there, or the asker says so ("no foreigners attend"). */
function domesticOnly(tokens: readonly Token[], text: string, places: readonly PlaceMention[], verb: number, lex: Lexicon, chineseAsker: boolean): boolean | undefined {
  const low = text.toLowerCase();
  if (lex.knowledge.cues.domesticPhrases.some((p) => low.includes(p))) return true;
  if (verb < 0) return undefined;
  // "The Chinese side would license their know-how to the JV, which is 51 % ours": a joint venture the asker (not said to
  // be Chinese) is part of has a foreign party in it; No. 62 counts provision by investment, and to foreign
  // organisations in China, as export (brief §4).
  const toJv = tokens.slice(verb + 1).some((_, k) => wordAt(tokens, verb + 1 + k, JV_NOUNS));
  if (toJv && !chineseAsker && tokens.some((t) => ASKER_OWN_WORDS.has(t.low))) return undefined;
  const after = places.filter((p) => p.start > verb && p.role !== 'content' && p.role !== 'technology' && p.role !== 'regime');
  const chinesePersons = after.filter((p) => p.country === 'CN' && p.role === 'party');
  if (chinesePersons.length === 0 || places.some((p) => p.country !== 'CN' && p.role !== 'content' && p.role !== 'regime' && !ownerOnly(tokens, p))) return undefined;
  // Only where the work is said to happen in China: Chinese persons alone do not place it there. "Our Chinese engineers
  // in Ningbo" places them there, and with no foreign person or place named, the work too.
  const inChina = places.some((p) => p.country === 'CN' && (p.role === 'site' || p.role === 'destination' || p.role === 'made' || p.role === 'party') && located(tokens, p));
  // "Chinese students would share lab protocols with us": know-how passes to the asker, who is not said to be in China.
  // "our plant in Suzhou" places the asker there; "our metallurgists in China" only says where the asker's staff will be.
  // "our Chinese magnet supplier", "our Chinese customer" is another party the asker deals with, not the asker's own unit
  // in China ("our Chinese company" may be).
  const counterparty = (p: PlaceMention) => p.role === 'party' && tokens.slice(p.end, p.end + 3).some((t) => SELLER_NOUNS.has(t.low) || (BUYER_NOUNS.has(t.low) && !COMPANY_NOUNS.has(t.low)));
  const askerInChina = places.some((p) => p.country === 'CN' && (p.asker === true || ([1, 2, 3].some((k) => ASKER_POSSESSIVES.has(tokens[p.start - k]?.low ?? '')
    && !tokens.slice(p.start - k + 1, p.start).some((t) => TECH_PERSON_WORDS.has(t.low))) && !counterparty(p))));
  // "train three of our chemists", "transfer the process to our other plants": the asker's own staff or sites receive
  // it, and they are not said to be Chinese or in China.
  const chineseAt = (i: number) => places.some((p) => p.country === 'CN' && p.start <= i && i < p.end);
  // (A site "in Ningbo" is in China; staff "in Ningbo" are only there for the work.)
  const siteInChina = (at: number) => places.some((p) => p.country === 'CN' && p.start > at && p.start <= at + 2);
  const receiver = (at: number) => TECH_PERSON_WORDS.has(tokens[at]?.low ?? '') || (ASKER_UNIT_NOUNS.has(tokens[at]?.low ?? '') && !siteInChina(at));
  const askerStaff = (i: number) => ASKER_POSSESSIVES.has((tokens[i] as Token).low)
    && [1, 2, 3].some((k) => receiver(i + k) && tokens.slice(i + 1, i + k).every((t, j) => !t.clauseEnd && !chineseAt(i + 1 + j)));
  // ("A Chinese vendor offers our maintenance engineers a training in Ganzhou": the asker's staff may stand before the
  // word for the work, as whom it is offered to.)
  const toAsker = tokens.slice(verb + 1).some((t) => RECEIVER_PRONOUNS.has(t.low)) || tokens.some((_, i) => askerStaff(i));
  if (toAsker && !askerInChina) return undefined;
  return inChina ? true : undefined;
}

/**
 * `magnetNamed`: a rare-earth magnet is named with know-how; `noRareEarthItem`: the material the work is about holds no
 * rare earth by its whole composition ("hard ferrite, no rare earths"), so its know-how is on none of the lists.
 */
export function extractCollaboration(tokens: readonly Token[], text: string, places: readonly PlaceMention[], lex: Lexicon, magnetNamed = false, noRareEarthItem = false, chineseAsker = false): CollaborationExtraction {
  const kinds = new Set<Kind>();
  let hits = 0;
  // "A consultant says…", "our advisor told us…": who makes a claim, not a cooperation asked about.
  const claimant = (end: number) => [0, 1].some((k) => CLAIM_VERBS.has(tokens[end + k]?.low ?? ''));
  // "Forwarding below, pls advise", "forwarding from purchasing:": the message itself is forwarded, not know-how.
  const forwardsMessage = (h: { start: number; end: number; value: Kind }) => h.value === 'technology_transfer' && h.end - h.start === 1
    && (tokens[h.start] as Token).low.startsWith('forward') && MAIL_FORWARD_AFTER.has(tokens[h.end]?.low ?? '');
  // So is "please to advise" (second-language English), and "advise if …" / "advise whether …", which asks a question.
  // So is "could you advise?", "can you advise on this?": a modal and "you" ask the reader.
  const askingReader = (h: { start: number; end: number; value: Kind }) =>
    h.value === 'consulting' && (READER_REQUEST_BEFORE.has(tokens[h.start - 1]?.low ?? '')
      || (tokens[h.start - 1]?.low === 'you' && MODALS.has(tokens[h.start - 2]?.low ?? ''))
      || (tokens[h.start - 1]?.low === 'to' && READER_REQUEST_BEFORE.has(tokens[h.start - 2]?.low ?? ''))
      || READER_REQUEST_AFTER.has(tokens[h.end]?.low ?? '') || QUESTION_OPENERS.has(tokens[h.end]?.low ?? ''));
  // "give us advice", "provide training": a verb of giving alone is no transfer when it gives another kind of help.
  let transferByNoun = false;
  let transferBySending = false;
  // "Spare magnets we ship to the dealer workshops", "stones from a cutting workshop": a site goods go to or come from,
  // not a training workshop.
  // A verb of setting one up between them ("want to set up a JV") makes the site the thing created, not a destination.
  // "invited us to a workshop on solvent extraction": a workshop with a topic is an event, wherever it is.
  const goodsSite = (h: { start: number; end: number }) => h.end - h.start === 1 && SITE_WORDS.has((tokens[h.start] as Token).low)
    && !(TRAINING_EVENT_NOUNS.has((tokens[h.start] as Token).low) && TRAINING_EVENT_TOPICS.has(tokens[h.end]?.low ?? ''))
    && [1, 2, 3, 4, 5].some((k) => SITE_CUES.has(tokens[h.start - k]?.low ?? '') && tokens.slice(h.start - k, h.start).every((t) => !t.clauseEnd && !t.commaAfter)
      && !SETUP.test(tokens.slice(h.start - k + 1, h.start).map((t) => t.raw).join(' '))
      // "wants to hold a side workshop": a verb of holding or attending between makes the workshop an event.
      && !tokens.slice(h.start - k + 1, h.start).some((t) => TRAINING_EVENT_NOUNS.has((tokens[h.start] as Token).low) && TRAINING_EVENT_VERBS.has(t.low)));
  // "Send 5 kg of Dy oxide to a university for a sintering trial": a verb of giving whose object is goods (an item word
  // before any know-how word) passes goods, not technology.
  const itemAt = positionsOf(itemWordHits(tokens, lex));
  // ("send back the Dy and Tb oxide": an element's symbol, as written, names goods as a formula does.)
  tokens.forEach((t, i) => { if (lex.knowledge.formula(t.raw) || lex.symbols.has(t.raw)) itemAt.add(i); });
  // A transfer hit that is one verb of giving ("send", "share"), not a noun for papers ("drawings", "recipe").
  const givingVerb = (h: { start: number; end: number; value: Kind }) => h.value === 'technology_transfer' && h.end - h.start === 1
    && lex.knowledge.cues.provisionVerbs.has((tokens[h.start] as Token).low);
  // "as trade-fair give-aways", "forward-looking": a verb of giving joined by a hyphen to the next word is part of a
  // compound, which gives nothing.
  const inCompound = (h: { start: number; end: number; value: Kind }) => givingVerb(h) && tokens[h.end]?.hyphenBefore === true;
  const givesGoods = (h: { start: number; end: number; value: Kind }) => {
    // A verb of sending by wire gives papers and data, whatever goods its object names ("email us their NdFeB sintering
    // + grain boundary diffusion process spec").
    if (!givingVerb(h) || wordAt(tokens, h.start, ELECTRONIC_SEND_VERBS)) return false;
    // The object runs to a preposition or the clause's end; its head (last word) says what is given. A know-how noun
    // ends it as its head: "email the grain boundary diffusion parameters" gives parameters, whatever the words before.
    let head = -1;
    for (let i = h.end; i < Math.min(tokens.length, h.end + 8); i++) {
      const t = tokens[i] as Token;
      if (wordAt(tokens, i, lex.knowledge.cues.knowHowNouns)) return false;
      // "send 10 g of terbium metal": a quantity's "of" opens what is given, it does not end it.
      const afterQuantity = t.low === 'of' && [1, 2].some((k) => i - k >= h.end && /^\d+(?:[.,]\d+)?$/.test((tokens[i - k] as Token).raw));
      if (OBJECT_STOPS.has(t.low) && !afterQuantity) break;
      // "send the magnet blocks loose": how the goods travel ends what is given.
      if (head >= 0 && lex.knowledge.cues.looseWords.has(t.low)) break;
      if (/\p{L}/u.test(t.raw)) head = i;
      if (t.clauseEnd) break;
    }
    return head >= 0 && itemAt.has(head);
  };
  // "We send them to France every quarter": a verb of giving whose object is a pronoun, in a message that names no
  // know-how at all, sends the goods under discussion.
  const namesKnowHow = tokens.some((_, i) => wordAt(tokens, i, lex.knowledge.cues.knowHowNouns));
  // ("send 5,000 of them", "ship 200 of these": a count of the goods named before is goods too.)
  // (The tokens split "5,000" at its comma.)
  // ("send 2 kg to the hospital", "ship 300 pcs": so is an amount of goods, counted or weighed.)
  const countOfThem = (at: number) => {
    let i = at;
    while (/^\d+$/.test(tokens[i]?.raw ?? '')) i++;
    return i > at && ((tokens[i]?.low === 'of' && PRONOUN_OBJECTS.has(tokens[i + 1]?.low ?? '')) || (GOODS_COUNT_NOUNS.has(tokens[i]?.low ?? '') && tokens[i + 1]?.low !== 'of'));
  };
  // "Send rotor cores to Hungary": so does a verb that moves goods ("send", "ship", "sell", "supply") whose object is a
  // thing no list knows, in a message that names no know-how: there is nothing technical for it to give (people sent
  // are a visit, below).
  const sendsPronounGoods = (h: { start: number; end: number; value: Kind }) => givingVerb(h) && !namesKnowHow
    && (PRONOUN_OBJECTS.has(tokens[h.end]?.low ?? '') || countOfThem(h.end) || (GOODS_MOVING_VERBS.has((tokens[h.start] as Token).low) && !sendsPeople(h) && !sendsWork(h)));
  // ("send us the PDF of his published paper", "send the test report": a paper, a file or a report is written work.)
  const sendsWork = (h: { start: number; end: number }) => {
    for (let i = h.end; i < Math.min(tokens.length, h.end + 8); i++) {
      const t = tokens[i] as Token;
      if (SCHOLARLY_WORK_NOUNS.has(t.low) || PRESENTED_WORK.has(t.low) || FILE_NOUNS.has(t.low) || DOCUMENT_NOUNS.has(t.low)) return true;
      if (t.clauseEnd) break;
    }
    return false;
  };
  // "Send a team to tour the line", "send two engineers": a verb of giving whose object is people sends people, so a
  // visit they make stays a visit (people sent to set up a plant still carry know-how: a transfer).
  const sendsPeople = (h: { start: number; end: number; value: Kind }) => {
    if (!givingVerb(h)) return false;
    for (let i = h.end; i < Math.min(tokens.length, h.end + 4); i++) {
      const t = tokens[i] as Token;
      // ("email the Italian team our recipe": people who receive know-how named after them are its recipients.)
      if (TECH_PERSON_WORDS.has(t.low)) return ![1, 2, 3, 4, 5, 6].some((k) => wordAt(tokens, i + k, lex.knowledge.cues.knowHowNouns) && tokens.slice(i, i + k).every((x) => !x.clauseEnd));
      // ("send our German engineers": a nationality may describe them.)
      if (t.clauseEnd || t.commaAfter || !(DETERMINER_WORDS.has(t.low) || /^\d+$|^\p{L}+$/u.test(t.raw)) || wordAt(tokens, i, lex.knowledge.cues.knowHowNouns)) return false;
    }
    return false;
  };
  // "Consignee is our magnet JV in Korea" with goods named and no investment said: the JV is a party to a shipment.
  const goodsElsewhere = (h: { start: number; end: number }) => [...itemAt].some((i) => i < h.start - 2 || i >= h.end);
  // "set up a joint venture", "we are planning a JV": a verb of setting up governs the JV word (up to four words
  // before it, in its clause). "Our Chinese JV has a process … so we can build a plant" sets up no JV.
  const setsUpJv = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'jv_investment') return false;
    if (!JV_NOUNS.has(tokens.slice(h.start, h.end).map((t) => t.low).join(' '))) return true;
    let from = h.start;
    while (from > 0 && h.start - from < 4 && !(tokens[from - 1] as Token).clauseEnd) from--;
    return SETUP.test(text.slice((tokens[from] as Token).start, (tokens[h.start] as Token).start));
  };
  const jvAsParty = (h: { start: number; end: number; value: Kind }) => h.value === 'jv_investment' && !kindHits.some(setsUpJv)
    && JV_NOUNS.has(tokens.slice(h.start, h.end).map((t) => t.low).join(' ')) && goodsElsewhere(h);
  // "magnets made in Japan with Japanese process know-how": know-how that goods were made with is how they were made,
  // not know-how passing to anyone.
  const madeWith = (h: { start: number; value: Kind }) => {
    if (h.value !== 'technology_transfer') return false;
    for (let i = h.start - 1, seenWith = false; i >= Math.max(0, h.start - 8); i--) {
      const t = tokens[i] as Token;
      if (t.clauseEnd || t.commaAfter) return false;
      if (t.low === 'with') seenWith = true;
      else if (seenWith && MADE_VERBS.has(t.low)) return true;
    }
    return false;
  };
  // "Drawings of our motor and the end use for their licence application": papers a licence application asks for are
  // paperwork about goods, not know-how passing (the question is about the procedure).
  const forLicenceApplication = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'technology_transfer') return false;
    // "Supplier returned our application docs asking for more info … after the licence": the papers of an application,
    // in a message about a licence, are that application's.
    if (LICENCE_APPLICATION.has(tokens[h.start - 1]?.low ?? '') && tokens.some((t) => LICENCE_NOUNS.has(t.low))) return true;
    for (let i = h.end; i < Math.min(tokens.length - 1, h.end + 14); i++) {
      if (LICENCE_NOUNS.has((tokens[i] as Token).low) && LICENCE_APPLICATION.has(tokens[i + 1]?.low ?? '')) return true;
      if ((tokens[i] as Token).clauseEnd) return false;
    }
    return false;
  };
  // "the distributor forwarded a MOFCOM request: company introduction, photos of our floor, drawings showing where the
  // magnet sits": papers a licensing authority asks for are the licence file, not know-how handed to anyone.
  const authorityAsks = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'technology_transfer') return false;
    for (let i = h.start - 1; i >= Math.max(0, h.start - 25); i--) {
      const t = tokens[i] as Token;
      if (t.clauseEnd && !t.colonAfter) return false;
      if (LICENSING_AUTHORITIES.has(t.low) && [1, 2, 3].some((k) => AUTHORITY_REQUESTS.has(tokens[i + k]?.low ?? ''))) return true;
    }
    return false;
  };
  // "Supplier now asks us for end-use docs", "the customs documents are ready": documents named for the trade paper
  // they are (end-use statements, customs, shipping or origin papers) are the export's paperwork, not know-how.
  const paperworkDocs = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'technology_transfer' || !tokens.slice(h.start, h.end).every((t) => DOCUMENT_NOUNS.has(t.low))) return false;
    const before = tokens[h.start - 1]?.low ?? '';
    return PAPERWORK_KINDS.has(before) || (END_PAPER_HEADS.has(before) && tokens[h.start - 2]?.low === 'end');
  };
  // "permanent-magnet motors for regional trains", "(civil trains only)": the vehicle, not training.
  const railNoun = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'training' || h.end - h.start !== 1 || !TRAINING_HOMOGRAPHS.has((tokens[h.start] as Token).low)) return false;
    const t = tokens[h.start] as Token;
    const before = tokens[h.start - 1]?.low ?? '';
    return t.clauseEnd || t.commaAfter || DETERMINER_WORDS.has(before) || NOUN_PRECEDERS.has(before) || NOUN_FOLLOWERS.has(tokens[h.end]?.low ?? '')
      || (t.low.startsWith('train') && TRAIN_KINDS.has(before));
  };
  // "Nairobi e-bike workshop", "our repair workshop in Abuja": a workshop that is no event is where work is done.
  const workshopAsPlace = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'training' || h.end - h.start !== 1 || !TRAINING_EVENT_NOUNS.has((tokens[h.start] as Token).low)) return false;
    if (TRAINING_EVENT_TOPICS.has(tokens[h.end]?.low ?? '')) return false;
    for (let i = h.start - 1; i >= Math.max(0, h.start - 5); i--) {
      const t = tokens[i] as Token;
      if (t.clauseEnd) break;
      if (TRAINING_EVENT_MODIFIERS.has(t.low) || TRAINING_EVENT_VERBS.has(t.low)) return false;
    }
    return true;
  };
  // "AI research with defence applications": "research with" is joint research only when a partner follows "with" (a
  // determiner, a pronoun, a name, or a word for people or a company), not what the research has.
  const withoutPartner = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'joint_rnd' || (tokens[h.end - 1] as Token).low !== 'with') return false;
    for (let i = h.end; i < Math.min(tokens.length, h.end + 3); i++) {
      const t = tokens[i] as Token;
      if (DETERMINER_WORDS.has(t.low) || PRONOUN_OBJECTS.has(t.low) || /^\p{Lu}/u.test(t.raw) || PARTNER_WORDS.has(t.low)) return false;
      if (t.clauseEnd || t.commaAfter) break;
    }
    return true;
  };
  // "wafer-transfer robots", "heat-transfer fluid": one kind word hyphen-joined to a word before it is part of a compound
  // modifier, naming no cooperation (unless that word is know-how itself: "technology-transfer").
  const allKindHits = lex.collaborationKinds.find(tokens);
  const compoundPart = (h: { start: number; end: number }) => h.end - h.start === 1 && (tokens[h.start] as Token).hyphenBefore
    && !wordAt(tokens, h.start - 1, lex.knowledge.cues.knowHowNouns) && !allKindHits.some((o) => o.start <= h.start - 1 && o.end >= h.start);
  // "an armoured rail maintenance vehicle", "installation robots": a kind noun right before a product's name says what
  // the product is for; it is no service anyone gives.
  const productHeads = new Set(itemWordHits(tokens, lex).filter((h) => h.value.kind === 'downstream').map((h) => h.start));
  const productModifier = (h: { start: number; end: number }) => h.end - h.start === 1 && NOUN_SUFFIXES.some((x) => (tokens[h.start] as Token).low.endsWith(x))
    && productHeads.has(h.end) && !(tokens[h.start] as Token).clauseEnd && !(tokens[h.start] as Token).commaAfter;
  const kindHits = allKindHits.filter((h) => !compoundPart(h) && !productModifier(h));
  const jvSetUp = kindHits.some(setsUpJv);
  // "No drawings or documents": a negation before a list of such words covers every one of them.
  const kindAt = positionsOf(kindHits);
  const negatedInList = (start: number) => {
    for (let k = start - 1; k >= Math.max(0, start - 8); k--) {
      const t = tokens[k] as Token;
      if (t.clauseEnd) return false;
      if (NEGATION_CUES.has(t.low)) return true;
      if (!kindAt.has(k) && !LIST_JOINERS.has(t.low)) return false;
    }
    return false;
  };
  // "with our own SX process, no Chinese inputs or know-how": know-how a negation opens a list of, a few words back, is
  // said not to be there (the list may hold other words than kinds of cooperation).
  // (Not one a preposition ties to what was negated: "no Dy or Tb in the recipe" negates the Dy, not the recipe.)
  const negatedKnowHow = (h: { start: number }) => wordAt(tokens, h.start, lex.knowledge.cues.knowHowNouns) && negatedList(tokens, h.start)
    && !tokens.slice(Math.max(0, h.start - 6), h.start).some((t) => PREPOSITIONS.has(t.low));
  // "ship the segments loose so our service team can repair old machines": a service that a purpose clause gives the
  // asker's own people is what the goods are for, not a cooperation with anyone.
  const ownPurpose = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'services') return false;
    for (let i = h.start - 1; i >= Math.max(0, h.start - 7); i--) {
      const t = tokens[i] as Token;
      if (t.clauseEnd) return false;
      const subject = tokens[i + 1]?.low === 'that' ? i + 2 : i + 1;
      if (PURPOSE_CLAUSE_OPENERS.has(t.low) && RECEIVER_OWNERS.has(tokens[subject]?.low ?? '')) return true;
    }
    return false;
  };
  // "wants 50 loose pieces for repair", "spare magnets for the maintenance of its motors": a service named as what goods
  // are for is their use, not a service anyone provides.
  const goodsPurpose = (h: { start: number; end: number; value: Kind }) => {
    if (h.value !== 'services') return false;
    const forAt = tokens[h.start - 1]?.low === 'for' ? h.start - 1 : DETERMINERS.has(tokens[h.start - 1]?.low ?? '') && tokens[h.start - 2]?.low === 'for' ? h.start - 2 : -1;
    if (forAt < 0) return false;
    return [1, 2, 3].some((k) => {
      const i = forAt - k;
      return i >= 0 && (itemAt.has(i) || lex.knowledge.cues.looseWords.has(tokens[i]?.low ?? '') || GOODS_COUNT_NOUNS.has(tokens[i]?.low ?? ''))
        && tokens.slice(i, forAt).every((t) => !t.clauseEnd && !t.commaAfter);
    });
  };
  // "We install them ourselves", "commissioning is done in-house": a service the asker's side does itself is no cooperation
  // ("we cannot commission it ourselves" says the opposite).
  const doneOurselves = (h: { start: number; end: number; value: Kind }) => h.value === 'services'
    && tokens.slice(clauseStartOf(tokens, h.start), clauseEndOf(tokens, h.start) + 1).some((t) => SELF_WORDS.has(t.low))
    && !tokens.slice(clauseStartOf(tokens, h.start), h.start).some((t) => NEGATION_CUES.has(t.low) || INABILITY_WORDS.has(t.low));
  for (const h of kindHits) {
    if (ownPurpose(h) || goodsPurpose(h) || doneOurselves(h) || negatedAt(tokens, h.start) || negatedInList(h.start) || negatedKnowHow(h) || claimant(h.end) || askingReader(h) || forwardsMessage(h) || goodsSite(h) || inCompound(h) || givesGoods(h) || sendsPronounGoods(h) || forLicenceApplication(h) || authorityAsks(h) || paperworkDocs(h) || railNoun(h) || workshopAsPlace(h) || jvAsParty(h) || madeWith(h) || withoutPartner(h)) continue;
    kinds.add(h.value);
    if (h.value === 'technology_transfer' && !givingVerb(h)) transferByNoun = true;
    else if (h.value === 'technology_transfer' && !sendsPeople(h)) transferBySending = true;
    hits++;
  }
  // "present already-published results", "presents our published papers": a verb of presenting with research work as
  // its object, a few words on, passes know-how as "present the results" does.
  const presentsWork = tokens.some((t, i) => PRESENTING_VERBS.has(t.low) && !negatedAt(tokens, i)
    && presentedAfter(tokens, i));
  if (presentsWork && !kinds.has('technology_transfer')) {
    kinds.add('technology_transfer');
    transferByNoun = true;
    hits++;
  }
  if (kinds.has('technology_transfer') && !transferByNoun && (kinds.has('consulting') || kinds.has('training'))) kinds.delete('technology_transfer');
  // "Audit the plant and see the process sheets": papers seen on a visit are part of it; "visit, then we email them
  // the recipe" sends them, a transfer.
  if (kinds.has('visit') && kinds.has('technology_transfer')) kinds.delete(transferBySending ? 'visit' : 'technology_transfer');
  if (LICENSING.test(text) || (LICENSING_BY_PRONOUN.test(text) && LICENSABLE.test(text))) kinds.add('licensing');
  // "Our plant would use a solvent-extraction process licensed from a Chinese institute": know-how still to be licensed
  // from a party, in a sentence about what will be done, is a licence now (one already used is made-with technology).
  const licensedFrom = tokens.findIndex((t, i) => /^licen[cs]ed$/.test(t.low) && (tokens[i + 1]?.low === 'from' || (tokens[i + 1]?.low === 'in' && tokens[i + 2]?.low === 'from')));
  if (licensedFrom >= 0 && tokens.slice(sentenceStartOf(tokens, licensedFrom), licensedFrom).some((t) => FUTURE_CUES.has(t.low))) kinds.add('licensing');
  if (kinds.has('jv_investment') && kinds.size > 1 && jvSetUp) {
    // "set up a joint venture ... to share" is the JV; the sharing is part of it.
    kinds.clear();
    kinds.add('jv_investment');
  }
  // "for them to do that work for us", "they would design the flowsheet for us": work another party does for us, "they"
  // or "them" before it in its clause ("for us to share our notes" has us doing it). Know-how named in a message about
  // such work (a flowsheet, a recipe) is what they hand over: a transfer, when no other kind is said.
  const workForUs = tokens.some((t, i) => t.low === 'for' && RECEIVER_PRONOUNS.has(tokens[i + 1]?.low ?? '') && tokens[i + 2]?.low !== 'to'
    && tokens.slice(sentenceStartOf(tokens, i), i).some((x) => x.low === 'they' || x.low === 'them'));
  if (workForUs && kinds.size === 0 && namesKnowHow) kinds.add('technology_transfer');
  // "Chinese engineers to design a solvent-extraction separation plant for us", "a design institute would design the
  // flowsheet": designing a plant, a line or a flowsheet is an engineering service; its drawings carry the technology
  // (brief §4: design drawings are technology carriers).
  const designsWork = tokens.some((t, i) => DESIGN_VERBS.has(t.low) && !t.clauseEnd
    && tokens.slice(i + 1, i + 6).some((x, k, after) => DESIGNED_WORKS.has(x.low) && after.slice(0, k).every((y) => !y.clauseEnd && !y.commaAfter)));
  if (designsWork && kinds.size === 0) kinds.add('consulting');
  // "publish a joint open-access paper", "our joint conference poster": a scholarly work written together is joint
  // research, whatever words describe it between. ("Samples for a joint paper" are goods sent for one.)
  if (tokens.some((t, i) => t.low === 'joint' && ![1, 2].some((k) => tokens[i - k]?.low === 'for')
    && [1, 2, 3].some((k) => SCHOLARLY_WORK_NOUNS.has(tokens[i + k]?.low ?? '') && tokens.slice(i, i + k).every((x) => !x.clauseEnd && !x.commaAfter)))) kinds.add('joint_rnd');
  const kind = KIND_ORDER.find((k) => kinds.has(k));

  const areas = new Set<Area>();
  const areaHits = lex.technologyAreas.find(tokens);
  // A word of an area inside a military end user's name ("mine countermeasure ROVs") is not that area.
  const militaryAt = positionsOf(lex.endUsers.find(tokens).filter((h) => h.value === 'military'));
  // "sent the magnets back for re-magnetising and re-coating": a finishing step done again to goods is a repair of them,
  // no know-how passing.
  const redone = (h: { start: number; value: Area }) => h.value === 'magnet_finishing' && tokens[h.start - 1]?.low === 're' && (tokens[h.start] as Token).hyphenBefore === true;
  // The magnet and rare-earth words of the message.
  const rareEarthWords = itemWordHits(tokens, lex).filter((h) => (h.value.kind === 'form' && (h.value.form === 'magnet' || h.value.form === 'magnet_powder')) || h.value.kind === 'element' || h.value.kind === 'compound');
  // "We need catalyst for our refinery", "RKEF furnace maintenance at our nickel smelter": the asker's own site, named
  // by a word that is also an area's ("refinery", "smelter", "mine"), in a message with no rare-earth or magnet word,
  // is an oil refinery or a base-metal smelter, not rare-earth work.
  const ownSiteWord = (h: { start: number; end: number }) => h.end - h.start === 1 && SITE_WORDS.has(tokens[h.start]?.low ?? '')
    && [1, 2, 3].some((k) => ASKER_POSSESSIVES.has(tokens[h.start - k]?.low ?? '') && tokens.slice(h.start - k, h.start).every((t) => !t.clauseEnd && !t.commaAfter));
  // "A course on bearing replacement … Nothing about magnets": every magnet or rare-earth word said to be outside the
  // work, with words that say so right before it (a determiner or "the" may stand between).
  const unrelatedAt = (start: number) => [2, 3, 4, 5].some((n) => {
    const words = tokens.slice(Math.max(0, start - n), start);
    if (words.length !== n || words.some((t) => t.clauseEnd)) return false;
    const said = words.map((t) => t.low).join(' ');
    const beforeDeterminer = DETERMINERS.has(words.at(-1)?.low ?? '') ? words.slice(0, -1).map((t) => t.low).join(' ') : undefined;
    return UNRELATED_PHRASES.some((p) => said === p || beforeDeterminer === p);
  });
  // Rare earths said by an element (nickel or cobalt is none), a magnet, a rare-earth material, a word of the rare-earth
  // trade or a rare-earth mineral ("ionic clay"). Read only when asked: most messages need neither check below.
  const mineralAt = (i: number) => RARE_EARTH_MINERALS.has((tokens[i] as Token).low) || RARE_EARTH_MINERALS.has(`${(tokens[i] as Token).low} ${tokens[i + 1]?.low ?? ''}`);
  let mentions: readonly { start: number }[] | undefined;
  const rareEarthMentions = () => (mentions ??= [...rareEarthWords.filter((w) => w.value.kind !== 'element' || lex.knowledge.rareEarths.has(w.value.element)),
    ...lex.sectors.find(tokens).filter((h) => h.value === 'rare_earth'), ...tokens.flatMap((_, i) => (mineralAt(i) ? [{ start: i }] : []))]);
  // Said so, and not said to be outside the work ("nothing to do with rare earths").
  const rareEarthSaid = () => rareEarthMentions().some((h) => !unrelatedAt(h.start));
  for (const h of areaHits) {
    if (negatedAt(tokens, h.start) || militaryAt.has(h.start) || redone(h)) continue;
    if (ownSiteWord(h) && !rareEarthSaid()) continue;
    areas.add(h.value);
    hits++;
  }
  // Servicing a rare-earth plant's machines ("remote repair of the jet mill at our magnet plant", "maintenance at our
  // Vietnam magnet plant") services its production line, 1E902.b (brief R9), as much as a line named as such.
  // Not one said absent ("no magnet production involved").
  const processing = lex.endUses.find(tokens).filter((h) => h.value === 'rare_earth_processing');
  const rareEarthPlant = processing.some((h) => !negatedList(tokens, h.start));
  // Only production as a whole said absent, and no magnet or rare-earth goods named otherwise ("repair our magnet
  // machining line, no sintering" still services magnet production).
  const deniedProduction = () => !rareEarthPlant && processing.some((h) => negatedList(tokens, h.start))
    // (Goods said absent with it, "no magnets or rare-earth processes involved", are not named.)
    && !rareEarthWords.some((h) => !negatedList(tokens, h.start));
  const deniedMagnets = () => rareEarthMentions().length > 0 && rareEarthMentions().every((h) => unrelatedAt(h.start));
  // So does commissioning a line that makes magnets ("start making our own bonded magnets … help commission the line").
  const magnetAt = (h: PhraseHit<ItemTag>) => (h.value.kind === 'form' && h.value.form === 'magnet') || rareEarthFamily(h);
  const makesMagnets = itemWordHits(tokens, lex).some((h) => magnetAt(h) && [1, 2, 3, 4].some((k) => MAKE_VERBS.has(tokens[h.start - k]?.low ?? '')
    && tokens.slice(h.start - k, h.start).every((t) => !t.clauseEnd && !NEGATION_CUES.has(t.low))));
  // So does servicing a line a magnet word names ("our magnet press line", "the NdFeB grinding line"): a line named for
  // the magnets it works on.
  // The line may be named for the steps it does to them, coordinated ("a magnet bonding and magnetising line").
  const processStep = (t: Token) => /ing$/.test(t.low) || COORDINATORS.has(t.low);
  // (Every magnet word counts here, also one inside a technology phrase: "a magnet bonding line" is still a line for them.
  // Read only for services, the one kind it decides.)
  const magnetLine = () => lex.items.find(tokens).some((h) => magnetAt(h) && !negatedList(tokens, h.start) && [0, 1, 2, 3, 4].some((k) => LINE_NOUN.test(tokens[h.end + k]?.low ?? '')
    && tokens.slice(h.end - 1, h.end + k).every((t) => !t.clauseEnd && !t.commaAfter)
    && (k <= 2 || tokens.slice(h.end, h.end + k).every(processStep))));
  const line = PRODUCTION_LINE.test(text) || (kind === 'services' && (rareEarthPlant || magnetLine() || (makesMagnets && LINE_NOUN.test(text))));
  if (line && (LINE_SERVICE.test(text) || kind === 'services')) areas.add('production_line_services');
  else if (areas.delete('production_line_services')) areas.add('magnet_preparation');
  if (areas.size === 0) {
    const implied = impliedArea(tokens, lex, kind, magnetNamed, /\?\s*$/.test(text));
    if (implied) areas.add(implied);
    else if (noRareEarthItem) areas.add('no_rare_earth');
    // "send technicians to repair a generator bearing … no magnet production involved": work the asker says touches no
    // rare-earth or magnet production carries none of that technology.
    else if (deniedProduction() || deniedMagnets()) areas.add('no_rare_earth');
  }
  // Magnet-making steps named for recycling ("hydrogen decrepitation of the scrap"): whether the Catalogue's
  // preparation technology covers them depends on content (brief §9 ex. 17), so recycling, the unclear area, decides.
  if (areas.has('recycling') && areas.has('magnet_preparation')) areas.delete('magnet_preparation');
  // Pressing or sintering ferrite: "magnet manufacturing" in the lists means SmCo, NdFeB and Ce magnets only.
  if (noRareEarthItem && [...areas].every((a) => a === 'magnet_preparation' || a === 'magnet_design' || a === 'magnet_finishing')) {
    areas.clear();
    areas.add('no_rare_earth');
  }
  const area = AREA_ORDER.find((a) => areas.has(a));

  // "No Chinese material or technology": a Chinese party said not to be there takes no part.
  const china = places.filter((p) => p.country === 'CN' && p.role !== 'content' && p.role !== 'regime' && p.negated !== true);
  let chineseProvider: boolean | undefined;
  // The first verb by which something passes from one party to another ("licenses", "sends", "trains").
  const verb = tokens.findIndex((t) => lex.knowledge.cues.provisionVerbs.has(t.low));
  const sides = providerSides(tokens, places, verb);
  const learning = tokens.some((t) => lex.knowledge.cues.learningVerbs.has(t.low));
  // A Chinese party before the verb provides ("our JV in Jiangxi licenses its process to ..."); foreigners who
  // come to learn a Chinese party's process receive it. Only a Chinese party that merely receives says "no".
  // Training, services or advice given at a Chinese site ("we send our engineers to our Chinese supplier's
  // factory for training") are provided by the Chinese side; otherwise a Chinese party that only receives says "no".
  const onSite = isPeopleWork(kind) || kind === 'visit';
  // "The JV would give us the process know-how": we receive it, so the Chinese party named provides it.
  const toUs = (verb >= 0 && tokens.slice(verb + 1, verb + 4).some((t) => RECEIVER_PRONOUNS.has(t.low))) || workForUs;
  // "A Chinese engineering firm wants us as agent …, they bring the process package": "they" who bring know-how are the
  // party last named before them, here the Chinese one.
  const theyBring = tokens.some((t, i) => t.low === 'they' && lex.knowledge.cues.provisionVerbs.has(tokens[i + 1]?.low ?? '')
    && [2, 3, 4, 5].some((k) => wordAt(tokens, i + k, lex.knowledge.cues.knowHowNouns))
    && places.filter((p) => p.end <= i && p.asker !== true && !ASKER_POSSESSIVES.has(tokens[p.start - 1]?.low ?? '')
      && [0, 1, 2].some((k) => lex.partyNouns.has(tokens[p.end + k]?.low ?? '') || BUYER_NOUNS.has(tokens[p.end + k]?.low ?? ''))).at(-1)?.country === 'CN');
  // "Two of our German engineers travel to our Ganzhou plant to train the operators": people who arrive to teach provide.
  const teachersArrive = tokens.some((t, i) => ARRIVAL_VERBS.has(t.low)
    && [1, 2, 3, 4, 5, 6, 7].some((k) => tokens[i + k]?.low === 'to' && TEACHING_VERBS.has(tokens[i + k + 1]?.low ?? '') && tokens.slice(i, i + k).every((x) => !x.clauseEnd))
    && places.some((p) => p.end <= i && p.country !== 'CN' && p.role === 'party' && TECH_PERSON_WORDS.has(tokens[p.end]?.low ?? '')));
  // "We send samples to a lab in Ganzhou and they send back a flowsheet report": know-how sent back comes to the asker.
  // So is "they'd deliver a separation flowsheet report back to us": "back" after the know-how, in the verb's clause.
  const backAfter = (i: number) => {
    for (let k = 2; k <= 9 && i + k < tokens.length; k++) {
      if ((tokens[i + k - 1] as Token).clauseEnd) return false;
      if ((tokens[i + k] as Token).low === 'back') return [1, 2, 3, 4, 5, 6, 7].some((j) => j < k && wordAt(tokens, i + j, lex.knowledge.cues.knowHowNouns));
    }
    return false;
  };
  const sentBack = tokens.some((t, i) => lex.knowledge.cues.provisionVerbs.has(t.low)
    && ((tokens[i + 1]?.low === 'back' && [2, 3, 4, 5].some((k) => wordAt(tokens, i + k, lex.knowledge.cues.knowHowNouns))) || backAfter(i)));
  // "We send drill core to a lab in Baotou; the lab will send us the test report and process flowsheet": know-how sent
  // to us by a party the clause does not place abroad comes from the Chinese party named.
  const sentToUs = tokens.some((t, i) => lex.knowledge.cues.provisionVerbs.has(t.low) && RECEIVER_PRONOUNS.has(tokens[i + 1]?.low ?? '')
    && [2, 3, 4, 5, 6, 7, 8].some((k) => wordAt(tokens, i + k, lex.knowledge.cues.knowHowNouns) && tokens.slice(i, i + k).every((x) => !x.clauseEnd || x.commaAfter))
    && !places.some((p) => p.country !== 'CN' && p.start >= sentenceStartOf(tokens, i) && p.start < i));
  // "Ship a furnace from our Shiga plant to Suzhou and send two Japanese engineers to install it": a service that
  // foreign people bring, or that leaves a foreign site for China, is provided by the foreign side.
  const persons = (p: PlaceMention) => p.role === 'party' && TECH_PERSON_WORDS.has(tokens[p.end]?.low ?? '');
  // "maintenance training for the Slovenian engineers": people the service is for receive it; they bring nothing.
  const servedPersons = (p: PlaceMention) => [1, 2].some((k) => tokens[p.start - k]?.low === 'for');
  // "6 engineers from our Mexico plant come to our Chinese factory for two weeks training": people who come to China to
  // be trained ("for … training", "to learn", "attend a course") receive what the Chinese site teaches.
  const trainedOnArrival = tokens.some((t, i) => {
    if (!ARRIVAL_VERBS.has(t.low)) return false;
    let toChina = false;
    for (let j = i + 1; j < Math.min(tokens.length, i + 18) && !(tokens[j - 1] as Token).clauseEnd; j++) {
      if (china.some((p) => p.start === j && p.recipient)) toChina = true;
      const w = (tokens[j] as Token).low;
      const received = w === 'learn' || (TRAINING_WORDS.has(w) && [1, 2, 3, 4].some((k) => TRAINEE_CUES.has(tokens[j - k]?.low ?? '')));
      if (toChina && received) return true;
    }
    return false;
  });
  // "Engineers from our German parent come to the Suzhou JV. They want the process sheets of our line": people who come
  // to China and ask there for know-how receive it from the Chinese side (No. 62 counts that as export; brief §4).
  const askedOnArrival = tokens.some((t, i) => {
    if (!ARRIVAL_VERBS.has(t.low)) return false;
    const arrivedInChina = china.some((p) => p.start > i && p.start <= i + 8 && p.recipient && tokens.slice(i, p.start).every((x) => !x.clauseEnd));
    if (!arrivedInChina) return false;
    for (let j = i + 1; j < Math.min(tokens.length, i + 30); j++) {
      if (!REQUEST_VERBS.has((tokens[j] as Token).low) || !ASKING_SUBJECTS.has(tokens[j - 1]?.low ?? '')) continue;
      if ([1, 2, 3, 4, 5, 6].some((k) => wordAt(tokens, j + k, lex.knowledge.cues.knowHowNouns) && tokens.slice(j, j + k).every((x) => !x.clauseEnd))
        || areaHits.some((h) => h.start > j && h.end <= j + 8)) return true;
    }
    return false;
  });
  const sentPersons = places.filter((p) => p.start > verb && persons(p) && !servedPersons(p));
  const foreignService = kind === 'services' && verb >= 0
    && ((sentPersons.length > 0 && sentPersons.every((p) => p.country !== 'CN')) || (places.some((p) => p.role === 'origin' && p.country !== 'CN') && china.some((p) => p.recipient)));
  // "A Chinese university asked us to share our process notes with them": what is ours passes from us, so the
  // Chinese party named receives it, unless our own site is in China.
  // Only "our" before a know-how word: "give our Finnish plant advice" names who receives.
  const ours = (i: number) => ASKER_POSSESSIVES.has(tokens[i]?.low ?? '') && [1, 2, 3, 4].some((k) => wordAt(tokens, i + k, lex.knowledge.cues.knowHowNouns))
    && !places.some((p) => p.start > i && p.start <= i + 4);
  const ourSite = (p: PlaceMention) => p.role === 'origin' || p.asker === true || (p.role === 'site' && [1, 2, 3, 4].some((k) => ASKER_POSSESSIVES.has(tokens[p.start - k]?.low ?? '')));
  // "Advise on our flowsheet": ours is the topic of what the other side gives, not what passes from us.
  // Nor when whoever sends it is in China ("jv engineer in baotou wants to email our sintering parameters to the german
  // plant"): ours or not, it leaves from there.
  const senderInChina = verb >= 0 && china.some((p) => p.start >= sentenceStartOf(tokens, verb) && p.end <= verb && !p.recipient && p.role !== 'content' && p.role !== 'regime'
    && located(tokens, p) && !tokens.slice(p.end, verb).some((t, j) => RECEIVER_PRONOUNS.has(t.low) && !REQUEST_VERBS.has(tokens[p.end + j - 1]?.low ?? '')));
  // "Design support for our flowsheet": what follows "for" is what is served, not what passes.
  const fromUs = verb >= 0 && (ours(verb + 1) || (ours(verb + 2) && !TOPIC_PREPOSITIONS.has(tokens[verb + 1]?.low ?? '') && tokens[verb + 1]?.low !== 'for')) && !china.some(ourSite) && !senderInChina;
  // "A Chinese university client wants to patent its diffusion process": know-how that is the Chinese party's own.
  // `reach` words after `i`; `inClause`: none of them past the end of a clause.
  const knowHowWithin = (i: number, reach = 4, inClause = false) => {
    const open = (to: number) => !inClause || tokens.slice(i, to).every((t) => !t.clauseEnd);
    for (let k = 1; k <= reach; k++) if (wordAt(tokens, i + k, lex.knowledge.cues.knowHowNouns) && open(i + k)) return true;
    return areaHits.some((h) => h.start > i && h.end <= i + reach + 1 && open(h.start));
  };
  // Only when the Chinese party is the one named first in its sentence: "our German parent sends … to our plant in
  // Ganzhou, with its own manual" is the parent's.
  const firstNamed = (p: PlaceMention) => !places.some((q) => q.country !== 'CN' && q.start >= sentenceStartOf(tokens, p.start) && q.start < p.start && q.role !== 'content' && q.role !== 'other');
  // So is "We sent samples to a lab in Ganzhou. Their final deliverable includes a separation flowsheet": the next
  // sentence may open with the party's possessive, when no other party is named between.
  // So is "…; they offered to walk us through their diffusion process": "they" opening the next clause is that party,
  // and "their" know-how in its clause is the party's own.
  // ("their" know-how named fewer than `reach` words after `at`, in its clause.)
  const theirKnowHowAfter = (at: number, reach: number, inClause: boolean) => {
    for (let j = at + 1; j < Math.min(tokens.length, at + reach) && !(tokens[j - 1] as Token).clauseEnd; j++) {
      if (THIRD_PERSON_POSSESSIVES.has((tokens[j] as Token).low) && knowHowWithin(j, 4, inClause)) return true;
    }
    return false;
  };
  const theirsNext = (i: number) => !places.some((q) => q.start < i && q.start >= sentenceStartOf(tokens, i - 1) && q.country !== 'CN')
    && ((THIRD_PERSON_POSSESSIVES.has(tokens[i]?.low ?? '') && knowHowWithin(i, 8, true)) || (tokens[i]?.low === 'they' && theirKnowHowAfter(i, 12, true)));
  const ownedByChinese = china.some((p) => {
    if (!firstNamed(p)) return false;
    for (let i = p.end; i < Math.min(tokens.length, p.end + 30); i++) {
      if (i > p.end && (tokens[i - 1] as Token).clauseEnd) return theirsNext(i);
      if (THIRD_PERSON_POSSESSIVES.has((tokens[i] as Token).low) && knowHowWithin(i)) return true;
    }
    return false;
  });
  // "Sharing our draft and their process data": what passes is theirs too, so the exchange runs both ways.
  // So does "… Also their engineer will send us their sintering process sheet": any verb of giving, not only the first.
  // "we'd bring our process, they'd bring theirs": the pronoun right after the verb stands for their own know-how.
  const theirsToo = verb >= 0 && china.length > 0 && tokens.some((v, at) => at >= verb && lex.knowledge.cues.provisionVerbs.has(v.low)
    && (theirKnowHowAfter(at, 10, false) || (!v.clauseEnd && tokens[at + 1]?.low === 'theirs' && ours(verb + 1))));
  // "A Chinese exhibitor wants to hold a side workshop in Vienna on sintering": whoever holds, runs or teaches a course
  // provides what it teaches; the host is the party named last before that verb in its sentence.
  const chineseHost = kindHits.some((h) => h.value === 'training' && [1, 2, 3, 4].some((k) => {
    const i = h.start - k;
    if (!TRAINING_HOST_VERBS.has(tokens[i]?.low ?? '') || tokens.slice(i, h.start).some((t) => t.clauseEnd)) return false;
    const host = places.filter((p) => p.end <= i && p.start >= sentenceStartOf(tokens, i) && p.role !== 'content' && p.role !== 'regime' && p.role !== 'technology' && p.negated !== true).at(-1);
    return host?.country === 'CN';
  }));
  // "Hire a German process engineer to work on site in Baotou": a foreign person employed in China is given the work's
  // know-how there (No. 62 counts employing as export; brief §4).
  // A place that describes people ("German process engineer", "Chinese magnet expert"): a word or two may stand between.
  const describesPersons = (p: PlaceMention) => nounsAfter(tokens, p, TECH_PERSON_WORDS).length > 0;
  const foreignPersonHiredInChina = kind === 'hiring' && places.some((p) => p.country !== 'CN' && p.role === 'party' && describesPersons(p))
    && china.some((p) => (p.role === 'site' || p.role === 'destination') && located(tokens, p));
  // "A Chinese magnet expert wants to join our plant in Vietnam": Chinese people hired bring what they know.
  const chinesePersonHired = kind === 'hiring' && china.some(describesPersons);
  // "Chinese partner's engineers training our Texas team": Chinese people who are the subject of a verb of giving
  // provide, wherever the first such verb stands ("Same training question - …").
  const chinesePersonsGive = china.some((p) => p.role === 'party' && nounsAfter(tokens, p, TECH_PERSON_WORDS).some((i) => !(tokens[i] as Token).clauseEnd
    && !(tokens[i] as Token).commaAfter && lex.knowledge.cues.provisionVerbs.has(tokens[i + 1]?.low ?? '')));
  // "Our plant runs a line bought from a Chinese vendor. The vendor wants to do remote maintenance on it": a seller who
  // does the work is the seller the text calls Chinese, when it calls no seller anything else.
  const sellerNamed = (p: PlaceMention) => nounsAfter(tokens, p, SELLER_NOUNS).length > 0;
  const chineseSellerServes = isPeopleWork(kind)
    // (A seller goods were "bought from" is read as where they come from, so any Chinese place counts here.)
    && places.some((p) => p.country === 'CN' && p.negated !== true && p.role !== 'regime' && sellerNamed(p)) && !places.some((p) => p.country !== 'CN' && p.negated !== true && sellerNamed(p))
    && tokens.some((t, i) => SELLER_NOUNS.has(t.low) && kindHits.some((h) => h.start > i && h.start <= i + 6 && tokens.slice(i, h.start).every((x) => !x.clauseEnd)));
  // "Our quality team asked the Chinese magnet supplier for the process flow and sintering profile": a party asked for
  // know-how is the one who would give it.
  const askedForKnowHow = china.some((p) => [1, 2, 3].some((k) => REQUEST_VERBS.has(tokens[p.start - k]?.low ?? '') && tokens.slice(p.start - k, p.start).every((t) => !t.clauseEnd))
    && [0, 1, 2, 3].some((k) => tokens[p.end + k]?.low === 'for' && tokens.slice(p.end, p.end + k).every((t) => !t.clauseEnd) && knowHowWithin(p.end + k, 10, true)));
  // (Ours or not, know-how worked on in China by a foreigner employed there is given there.)
  if (foreignPersonHiredInChina) chineseProvider = true;
  else if (askedForKnowHow) chineseProvider = true;
  else if (fromUs && china.length > 0 && !theirsToo) chineseProvider = false;
  else if (chineseHost || chinesePersonHired || chinesePersonsGive || chineseSellerServes || ownedByChinese || sides?.provider.some((p) => p.country === 'CN') || ((learning || toUs || sentBack || sentToUs || theyBring) && china.length > 0)) chineseProvider = true;
  else if (trainedOnArrival || askedOnArrival) chineseProvider = true;
  else if (teachersArrive) chineseProvider = false;
  else if (foreignService) chineseProvider = false;
  else if (onSite && china.some((p) => p.role === 'destination' || p.role === 'site')) chineseProvider = true;
  // "We ship our furnace from Germany to our subsidiary in Jiangsu": it leaves a foreign site for China.
  else if (places.some((p) => p.role === 'origin' && p.country !== 'CN') && china.some((p) => p.recipient)) chineseProvider = false;
  else if (china.some((p) => !p.recipient)) chineseProvider = true;
  // Joint research and joint ventures run both ways: a Chinese partner brings its know-how too.
  else if ((kind === 'joint_rnd' || kind === 'jv_investment') && china.length > 0) chineseProvider = true;
  else if (china.length > 0) chineseProvider = false;
  // "A foreign delegation wants to see our separation line": in questions about China's controls, an asker who calls
  // the other side foreign is the Chinese side, and what is ours passes from it (not what comes to us or we learn).
  else if (!toUs && !learning && tokens.some((t) => FOREIGN_WORDS.has(t.low))) chineseProvider = true;
  // "我们 engineer 去 Malaysia 帮客户调试 …": a writer who says "we" in Chinese, with no place that says otherwise, is
  // taken as the Chinese side: No. 62's exporters include Chinese citizens and everyone in China (brief §4), and the
  // reading can only bring a technology rule in, never clear one.
  else if (chineseAsker && !toUs && !learning) chineseProvider = true;
  const inChina = china.some((p) => (p.role === 'site' || p.role === 'destination') && located(tokens, p));
  // Foreign people at a Chinese site ("the Slovenian engineers at our Ningbo plant") are no place abroad.
  const foreign = places.filter((p) => p.country !== 'CN' && p.role !== 'content' && p.role !== 'technology' && p.role !== 'regime' && !ownerOnly(tokens, p)
    && !(inChina && persons(p)));
  const abroad = foreign.length > 0 ? true : inChina ? false : undefined;
  // ("Just a paper licence agreement": "paper" qualifying another noun is no research paper.)
  const research = RESEARCH.test(text.replace(PAPER_QUALIFYING, ' '));
  // (Know-how asked for is know-how that would pass: a transfer, when nothing names another kind.)
  return { kind: kind ?? (askedForKnowHow && area !== undefined ? 'technology_transfer' : undefined), area, chineseProvider, abroad, domesticOnly: domesticOnly(tokens, text, places, verb, lex, chineseAsker), publicOrBasicResearch: research, hits };
}
