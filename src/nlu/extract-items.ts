/**
 * What is being shipped: the elements it contains (and those it is said not to), its form, magnet type and, for
 * built-up goods, the kind of downstream product. The item is the head noun (the last word of a run of item words)
 * of the first run that is not describing a party ("motor maker") or an end use ("for welding wire").
 */
import type { ItemFrame } from '../contracts/frame.js';
import { MATERIAL_FORMS, PURE_FORMS, RARE_EARTH_DOWNSTREAM, RARE_EARTH_MAGNETS, type DOWNSTREAM_KINDS, type Element, type Form } from '../rules/facts.js';
import type { ItemTag, Lexicon } from './lexicon.js';
import type { PhraseHit } from './phrase-matcher.js';
import { allGrammarWords, customerMakesAt, fitsPronounIntoAt, grammarWords, inEndClause, madeIntoLinkAt, nounRightAfter, SENDING_VERB_FORMS, wordAt } from './grammar.js';
import { clauseStartOf, endsSentence, POSSESSIVE_ENDING, positionsOf, sentenceStartOf, tokenize, withoutPossessives, wordsPattern, type Token } from './text.js';

type Downstream = (typeof DOWNSTREAM_KINDS)[number];

const NEGATION_CUES = grammarWords('negationCues');
const REASON_CONJUNCTIONS = grammarWords('reasonConjunctions');
const CLAIM_VERBS = grammarWords('claimVerbs');
const OTHER_GOODS_CUES = new Set([...grammarWords('replacedGoodsCues'), ...grammarWords('otherGoodsCues')]);
const CHANGE_OVER_VERBS = grammarWords('changeOverVerbs');
/** How far before "from" the verb of changing over may stand: its object ("the magnet in our cochlear implant") between. */
const CHANGE_OVER_REACH = [2, 3, 4, 5, 6, 7, 8, 9];
const REPLACE_VERBS = grammarWords('replaceVerbs');
const CARRYING_CONTAINERS = grammarWords('carryingContainers');
const PRECURSOR_NOUNS = grammarWords('precursorNouns');
const REPLACE_JOINERS = grammarWords('replaceJoiners');
const SWAP_VERBS = grammarWords('swapVerbs');
const REPLACED_CUES = grammarWords('replacedGoodsCues');
const REPLACE_OBJECT_VERBS = grammarWords('replaceObjectVerbs');
const SUBSTITUTE_VERBS = grammarWords('substituteVerbs');
const PARTIAL_ADVERBS = grammarWords('partialAdverbs');
const WHOLE_WORDS = grammarWords('wholeWords');
const AUXILIARY_PASSIVE = grammarWords('passiveAuxiliaries');
const QUESTION_NOUNS = grammarWords('questionNouns');
const OF_WORDS = grammarWords('ofWords');
const BUYER_NOUNS = grammarWords('buyerNouns');
const SELLER_NOUNS = grammarWords('sellerNouns');
const PRODUCTION_SITES = grammarWords('productionSites');
const SITE_WORDS = grammarWords('siteNouns');
const OWNING_VERBS = grammarWords('owningVerbs');
const COMPANY_NOUNS = grammarWords('companyNouns');
const BUYER_DESCRIPTION_NOUNS = grammarWords('buyerDescriptionNouns');
const CUSTOMER_PRODUCT_PARTICIPLES = grammarWords('customerProductParticiples');
const RARE_EARTH_WORDS = grammarWords('rareEarthWords');
const CAUSAL_PHRASES = grammarWords('causalPhrases');
const MAGNET_DESCRIBERS = grammarWords('magnetDescribers');
const COMPLETE_AFTER = grammarWords('completeAfter');
const NO_RARE_EARTH = [...grammarWords('noRareEarthPhrases')];
const CUSTOMER_PRODUCT_VERBS = grammarWords('customerProductVerbs');
const NEGATION_AFTER = grammarWords('negationAfter');
const NEGATION_AFTER_PHRASES = [...grammarWords('negationAfterPhrases')];
const COMPLETE_CUES = grammarWords('completeCues');
const OPEN_LIST_WORDS = grammarWords('openListWords');
const SELF_CORRECTION = wordsPattern(grammarWords('selfCorrections'));
const CONTENT_DOUBT_WORDS = grammarWords('contentDoubtWords');
const CONSIGNMENT_WORDS = grammarWords('consignmentWords');
const NO_STOPS: ReadonlySet<string> = new Set();
/** "Composition per our test report:" right before a list of elements. */
// "Composition per our test report: Nd, Pr, Fe, B", "the composition is Nd, Pr, Ce, La, Fe, B": a list a composition word opens.
// "composition per their test report is Nd, Pr, …": a few words may stand between the head and its copula.
const COMPOSITION_LIST_LEAD = new RegExp(String.raw`\b(?:${[...grammarWords('compositionHeads')].join('|')})\b(?:[^.:\n]*:|(?:\s+[\p{L}-]+){0,5}?\s+(?:${[...grammarWords('copulas')].join('|')}))\s*$`, 'iu');
const ASKING_VERBS = new Set([...grammarWords('wantVerbs'), ...grammarWords('askingVerbs')]);
const FILLER = grammarWords('filler');
const CLOSED_CLASS = new Set([...grammarWords('prepositions'), ...grammarWords('closedClassWords')]);
/** Every word the grammar lists (verbs, cues, function words): none is a noun a product name could modify. */
const GRAMMAR_WORDS = allGrammarWords();
const POSTPOSITIVE_ADJECTIVES = grammarWords('postpositiveAdjectives');
const PURCHASE_VERBS = grammarWords('purchaseVerbs');
const DEST_WORDS = grammarWords('destCues');
const ASKER_POSSESSIVES = grammarWords('askerPossessives');
const ASSEMBLY_HEADS = grammarWords('assemblyHeads');
const MACHINE_HEADS = grammarWords('machineHeads');
const POSSESSIVES = new Set([...ASKER_POSSESSIVES, ...grammarWords('thirdPersonPossessives')]);
const LIST_JOINERS = grammarWords('listJoiners');
const TRADE_VERBS = new Set([...grammarWords('makeVerbs'), ...grammarWords('tradeVerbs')]);
const WANT_VERBS = grammarWords('wantVerbs');
const RELATIVE_WORDS = grammarWords('relativePronouns');
const FIRST_PERSON = grammarWords('firstPerson');
/** How far after a product its parts' heading may end ("; material:", " - components:"), in characters. */
const PRODUCT_HEADING_MAX = 24;
// "8 % of value", "4 % of the motor value", "3 % of the BOM cost": up to three words say whose value it is.
const VALUE_SHARE = new RegExp(String.raw`^\s*(?:of\s+(?:[\p{L}-]+\s+){0,3}|by\s+)?(?:${[...grammarWords('valueWords')].join('|')})\b`, 'iu');
const NEW_ITEM_WORDS = grammarWords('newItemAfterComma');
const TRACE_WORDS = grammarWords('traceWords');
const FIXING_VERBS = grammarWords('fixingVerbs');
const OBJECT_PRONOUNS = grammarWords('objectPronouns');
const FIXING_VERBS_ACTIVE = grammarWords('fixingVerbsActive');
const APPLICATION_NOUNS = grammarWords('applicationNouns');
const END_USE_HEADS = grammarWords('endUseHeads');
const PERSONAL_SUBJECTS = grammarWords('personalSubjectPronouns');
const DETERMINER_WORDS = grammarWords('determinerWords');
const COMPARISON_MARKERS = grammarWords('comparisonMarkers');
/** "like for Dy", "compared with Tb": the word between a comparison and what the goods are compared with. */
const TOPIC_AFTER_COMPARISON = grammarWords('comparisonLinks');
const SAMENESS_WORDS = grammarWords('samenessWords');
const IDIOMS = [...grammarWords('notGoodsIdioms')].map((p) => p.split(' '));
const HEDGE_WORDS = grammarWords('hedgeWords');
const DEFINITE_WORDS = grammarWords('definiteWords');
const COPULAS = grammarWords('copulas');
const PRONOUN_OBJECTS = grammarWords('pronounObjects');
// "The magnets come from Ningbo", "the magnets contain Dy": verbs by which a part named again is described.
const DESCRIBING_VERBS = new Set([...COPULAS, ...grammarWords('originOfVerbs'), ...grammarWords('containVerbs'), ...grammarWords('haveVerbs')]);
const VERB_ADVERBS = grammarWords('verbAdverbs');

/** Whether a describing verb follows at `at`, or after one adverb or modal ("magnets probably have some Dy"). */
function describingVerbAt(tokens: readonly Token[], at: number): boolean {
  const t = tokens[at];
  if (!t) return false;
  if (DESCRIBING_VERBS.has(t.low)) return true;
  return VERB_ADVERBS.has(t.low) && !t.clauseEnd && DESCRIBING_VERBS.has(tokens[at + 1]?.low ?? '');
}
const HEDGE_MODALS = grammarWords('hedgeModals');
const HEDGE_MODAL_VERBS = grammarWords('hedgeModalVerbs');
const DOUBT_BEFORE_IF = grammarWords('doubtBeforeIf');
const SHAPE_WORDS = grammarWords('shapeWords');
const INTO_WORDS = grammarWords('intoWords');
// What a material named after one of these is to the goods: part of their make-up, not goods of its own.
const MAKE_UP_WORDS = new Set([...grammarWords('containVerbs'), ...grammarWords('inputVerbs'), ...grammarWords('makeUpLinks')]);
const MAX_OTHER_GOODS = 4;
const GOODS_COORDINATORS = grammarWords('goodsCoordinators');
/** Words a clause opens on to say where the things it then names sit ("inside there is a magnet"). */
const INSIDE_OPENERS = grammarWords('insideOpeners');
const RULES_NOUNS = grammarWords('rulesNouns');
const TRADE_DIRECTION_WORDS = grammarWords('tradeDirectionWords');
const CONTROL_STATUS_WORDS = grammarWords('controlStatusWords');
/** Words that make "chips" semiconductors ("AI accelerator chips", "logic chips", "3nm chips"), not metal chips. */
const CHIP_MODIFIERS = new Set([...grammarWords('logicChipWords'), ...grammarWords('memoryChipWords'), ...grammarWords('aiWords')]);
const PROCESS_NODE = /^\d+(?:\.\d+)?nm$/;
const PRODUCT_HOLDS_VERBS = grammarWords('productHoldsVerbs');
/** Downstream goods made of a rare-earth material rather than holding a part (MOFCOM FAQ No. 5, brief R2). */
const MATERIAL_PRODUCTS: ReadonlySet<Downstream> = new Set<Downstream>(['phosphor', 'calcined_catalyst']);
const ENCLOSING_WORDS = grammarWords('enclosingWords');
/** A comma that separates listed things: not the thousands separator of "2,000 pcs". */
const LIST_COMMA = /,(?!\d{3}(?!\d))/;
const GOODS_DESTINATION_VERBS = grammarWords('goodsDestinationVerbs');
const COMES_FROM_VERBS = grammarWords('comesFromVerbs');
const GOODS_BACK_REFERENCES = grammarWords('goodsBackReferences');
const NEGATED_PLACE_DETERMINERS = grammarWords('negatedPlaceDeterminers');
const PART_OF_NOUNS = grammarWords('partOfNouns');
const DETERMINERS = grammarWords('determiners');
const TRACE_SOURCE_NOUNS = grammarWords('traceSourceNouns');
/** A reply this short is an answer to the question under discussion, not a question of its own. */
const SHORT_REPLY_WORDS = 8;
const BALANCE_WORDS = grammarWords('balanceWords');
const INPUT_VERBS = grammarWords('inputVerbs');
/** Verbs by which the asker uses goods ("we use Sm-Fe-N powder from a supplier"), and the words for who makes goods. */
const USE_VERBS = grammarWords('useVerbs');
const MAKER_WORDS = grammarWords('makerNouns');
// "(3 % of value)", "~2% of the magnet value", "about 4 % by value", "is approx 0.05 % of value": a share of value said
// right after a material.
const SHARE_OF_VALUE_AFTER = new RegExp(String.raw`^\s*[(,:;-]?\s*(?:[\p{L}.]{1,13}\s+){0,2}[~≈]?\s*\d+(?:[.,]\d+)?\s*%\s*(?:of\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2})?(?:${[...grammarWords('valueWords')].map((w) => w.replace(/\s+/g, String.raw`\s+`)).join('|')})\b`, 'iu');
const ASKER_INTRODUCTIONS = [...grammarWords('askerIntroductions')].map((p) => p.split(' '));
const ARTICLES = grammarWords('indefiniteArticles');
/** Symbols that are ordinary words or abbreviations when not written in element case, and single letters. */
const AMBIGUOUS_SYMBOLS = grammarWords('ambiguousSymbols');
/** Symbols safe to accept in any case (no English word or common abbreviation). */
const CASE_FREE_SYMBOLS = grammarWords('caseFreeSymbols');
/** An oxide formula of one element ("Dy2O3", "Tb4O7"); which elements count comes from the element table. */
const FORMULA = /^([A-Z][a-z]?)\d*O\d*$/;
const DOWNSTREAM_FORM: Record<Downstream, Form> = {
  rotor_stator_assembly: 'component',
  formed_sensor: 'component',
  motor: 'finished_product',
  consumer_magnetic_product: 'finished_product',
  device: 'finished_product',
  calcined_catalyst: 'catalyst',
  phosphor: 'phosphor',
  other_assembly: 'component',
};
/** Magnet families that hold rare earths (ferrite and AlNiCo do not). */
/** "A licence for X" and "needed for X" name the item; any other "for X" describes an end use. */
const LICENCE_WORDS = grammarWords('licenceWords');
const LICENCE_NOUNS = grammarWords('licenceNouns');
const VALUE_NOUNS = grammarWords('valueWords');
/** "The licence was approved for Tb magnets": participles of granting a licence, which "for" then completes with its goods. */
const LICENCE_GRANTED = grammarWords('licenceHeldAfter');
const PRODUCTION_LINE = wordsPattern(grammarWords('productionLinePhrases'));
// A verb between "for" and the goods ends the purpose phrase: "a lab for autonomous targeting wants Gd2O3".
// ("For our solar pumps we buy rotor assemblies": a verb of buying between ends the purpose too.)
const PURPOSE_ENDING_VERBS = new Set([...grammarWords('wantVerbs'), ...grammarWords('exportVerbs'), ...grammarWords('holdVerbs'), ...grammarWords('makeVerbs'), ...grammarWords('purchaseVerbs'), ...grammarWords('boughtVerbs')]);

export interface ItemExtraction {
  readonly item: ItemFrame | undefined;
  /** The item was named only generically ("our product"), so its nature must be asked. */
  readonly genericOnly: boolean;
  /** Number of item words found: used by the classifier fusion and the out-of-scope guard. */
  readonly hits: number;
  /** Token spans that are item words, so other extractors can skip them. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
  /** The object of "export/ship/sell X" when X is no word the rules know ("bananas"). */
  readonly unknownObject: string | undefined;
  /** Token span of the words naming the item, so a nationality word right before it ("Chinese NdFeB blocks")
   * can be read as the goods' origin. */
  readonly itemSpan: readonly [number, number] | undefined;
  /** Token spans of other loose goods named beside the item ("Er-doped fibre and Ho:YAG rods"): each is read and
   * decided on its own, and the strictest answer given (src/assistant/assistant.ts). */
  readonly otherSpans?: ReadonlyArray<readonly [number, number]>;
  /** Token span of magnets or material named as what a product the goods are was made from ("buy Dy magnets from
   * China, build the motors and ship them"): a place said of them is where the product's content came from. */
  readonly inputSpan?: readonly [number, number];
}

const EXPORT_VERBS = grammarWords('exportVerbs');
const MAKE_VERBS = grammarWords('makeVerbs');
const THEN_WORDS = grammarWords('thenWords');
const PLACE_RELATIVES = grammarWords('placeRelatives');
const RECEIVER_PRONOUNS = grammarWords('receiverPronouns');
const SKIP_BEFORE_OBJECT = grammarWords('skipBeforeObject');
const NOT_OBJECTS = grammarWords('notObjects');

function unknownObjectOf(tokens: readonly Token[], lex: Lexicon): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!EXPORT_VERBS.has((tokens[i] as Token).low)) continue;
    let j = i + 1;
    while (j < tokens.length && SKIP_BEFORE_OBJECT.has((tokens[j] as Token).low)) j++;
    const obj = tokens[j];
    if (!obj || NOT_OBJECTS.has(obj.low) || !/^[a-z]{3,}$/.test(obj.low)) continue;
    if (lex.words.has(obj.low) || lex.words.has(obj.low.replace(/e?s$/, ''))) continue;
    return obj.raw;
  }
  return undefined;
}

interface ElementMention {
  readonly element: Element;
  readonly start: number;
  readonly end: number;
  readonly oxide: boolean;
  /** Named by a magnet family ("NdFeB", "SmCo"), the goods' own kind rather than one of their elements. */
  readonly family?: boolean;
}

/** The element a token names as a symbol or a formula ("Dy", "Y2O3"), where it can only be one. */
export function symbolAt(tokens: readonly Token[], i: number, lex: Lexicon): Element | null {
  const t = tokens[i];
  if (!t) return null;
  const formula = FORMULA.exec(t.raw);
  const formulaElement = formula && t.raw !== formula[1] ? lex.symbols.get(formula[1] as string) : undefined;
  if (formulaElement && lex.knowledge.rareEarths.has(formulaElement)) return formulaElement;
  const exact = lex.symbols.get(t.raw);
  if (exact && !AMBIGUOUS_SYMBOLS.has(t.raw)) return exact;
  if (CASE_FREE_SYMBOLS.has(t.low)) {
    const sym = t.low.charAt(0).toUpperCase() + t.low.slice(1);
    return lex.symbols.get(sym) ?? null;
  }
  // Single-letter and ambiguous symbols only inside a list of symbols ("Nd, Pr, Fe, B and Al").
  if (exact) {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const inList = (n: Token | undefined) => n !== undefined && lex.symbols.has(n.raw) && !AMBIGUOUS_SYMBOLS.has(n.raw);
    const prevPrev = tokens[i - 2];
    // "Fe, B, Co only": an ambiguous symbol after another ambiguous one is in the list when that one is.
    const chained = prev !== undefined && lex.symbols.has(prev.raw) && inList(prevPrev);
    if (inList(prev) || inList(next) || (prev?.low === 'and' && inList(prevPrev)) || chained) return exact;
    // "Y target 99.99 %", "Y metal": a rare-earth symbol right before the word for a rare-earth material's form names
    // that element (only the forms of a pure material: not "magnet", "powder" or "parts").
    const formNext = next === undefined ? undefined : lex.items.find([next])[0]?.value;
    if (lex.knowledge.rareEarths.has(exact) && !t.clauseEnd && !t.commaAfter && formNext?.kind === 'form' && PURE_FORMS.includes(formNext.form)) return exact;
  }
  return null;
}

function isFormulaOxide(t: Token | undefined, lex: Lexicon): boolean {
  const formula = t === undefined ? null : FORMULA.exec(t.raw);
  const element = formula ? lex.symbols.get(formula[1] as string) : undefined;
  return t !== undefined && t.raw !== formula?.[1] && element !== undefined && lex.knowledge.rareEarths.has(element);
}

/** Walks back over fillers and other element mentions to find a negation or "only" cue for this mention. */
function cueBefore(tokens: readonly Token[], start: number, elementTokens: ReadonlySet<number>, cues: ReadonlySet<string>, stops: ReadonlySet<string> = NO_STOPS, text?: string): boolean {
  for (let i = start - 1, steps = 0; i >= 0 && steps < 8; i--, steps++) {
    const t = tokens[i] as Token;
    // "with no Dy or Tb (Ce, Nd, Pr, Fe, B)": a bracket opened since is an aside the cue does not reach into.
    if (t.clauseEnd || stops.has(t.low) || (tokens[i + 1] as Token).parenBefore) return false;
    // "Tb not detected, Dy 0.08 %": a negation written after an element is about that element, not the next.
    if (cues.has(t.low) && text !== undefined && NEGATION_AFTER_PHRASES.some((p) => text.slice(t.start, t.start + 24).toLowerCase().startsWith(p))) return false;
    if (cues.has(t.low)) return true;
    // "no SmCo, with Dy": a new list item that says what is there ends what the negation covers.
    if (NEW_ITEM_WORDS.has(t.low) && tokens[i - 1]?.commaAfter) return false;
    // A list of elements counts as one step: "none of them is Sm, Gd, Tb, Dy, Lu, Sc or Y" reaches "none" from "Y".
    if (elementTokens.has(i)) {
      steps--;
      continue;
    }
    if (FILLER.has(t.low)) continue;
    if (t.commaAfter && elementTokens.has(i + 1)) continue;
    return false;
  }
  return false;
}

/**
 * A doubt about the element earlier in its clause: "whether", "maybe", "not sure if", "might have", "may contain".
 * A plain conditional ("if it contains Dy, do we need …?") asks about that case, so "if" alone is no doubt.
 */
function hedgedBefore(tokens: readonly Token[], start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - 6); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    // "Whether it contains Dy" doubts the content; "advise whether export of Dy oxide needs a licence" asks about the
    // export of Dy oxide, which is named for sure.
    if (HEDGE_WORDS.has(t.low)) return t.low !== 'whether' || tokens.slice(i + 1, start).some((w) => CONTENT_DOUBT_WORDS.has(w.low));
    if (HEDGE_MODALS.has(t.low) && HEDGE_MODAL_VERBS.has(tokens[i + 1]?.low ?? '')) return true;
    if ((t.low === 'if' || t.low === 'whether') && DOUBT_BEFORE_IF.has(tokens[i - 1]?.low ?? '')) return true;
  }
  return false;
}

/** A plain lower-case word that can modify a noun after it: no function word, joiner, "to" word or punctuation after. */
function plainModifier(t: Token): boolean {
  return /^[a-z][a-z-]*$/.test(t.raw) && !t.commaAfter && !t.clauseEnd
    && !LIST_JOINERS.has(t.low) && !DEST_WORDS.has(t.low) && !FILLER.has(t.low) && !CLOSED_CLASS.has(t.low);
}

function isPartyContext(tokens: readonly Token[], hit: PhraseHit<ItemTag>, lex: Lexicon, text: string): boolean {
  const next = tokens[hit.end];
  const last = tokens[hit.end - 1];
  // "magnet customers" describes a party; "magnets, customer in Turkey" names the goods and then the party.
  // So do "fab-equipment group", "magnet plant" and, with one or two modifiers between, "magnet pilot plant", "oxide
  // trading company" or "tablet-press tooling supplier" (a compound noun): an item word before a site's or company's
  // noun (not a buyer's after a modifier: "magnets but customer now wants" goes on to another clause).
  // "a Czech motor start-up": wordAt reads a company noun the tokenizer split at its hyphen.
  const companyNoun = (i: number) => tokens[i] !== undefined && (PRODUCTION_SITES.has((tokens[i] as Token).low) || wordAt(tokens, i, COMPANY_NOUNS));
  // "a magnet maker's website": the party noun in the possessive is the party still. One that opens a parenthesis
  // ("servo motors (brand in Suzhou)") says something about the goods, it makes no compound with them.
  const nextBare = next === undefined || next.parenBefore ? undefined : withoutPossessives([next])[0];
  if (nextBare !== undefined && (lex.partyNouns.has(nextBare.low) || companyNoun(hit.end) || PRODUCTION_SITES.has(nextBare.low) || COMPANY_NOUNS.has(nextBare.low)) && !last?.commaAfter && !last?.clauseEnd) return true;
  const modifier = (i: number) => tokens[i] !== undefined && plainModifier(tokens[i] as Token) && !companyNoun(i);
  // "a motor and cable workshop": a list of trades may stand before the noun.
  for (let m = 1; m <= 3 && !last?.commaAfter && !last?.clauseEnd; m++) {
    const t = tokens[hit.end + m - 1];
    // Not "furnaces and jet mills": a noun modifying another is singular, and the words after the joiner name no goods.
    if (m === 1 && t !== undefined && LIST_JOINERS.has(t.low) && !/[^s]s$/.test(last?.low ?? '') && modifier(hit.end + 1) && companyNoun(hit.end + 2)
      && lex.items.find(tokens.slice(hit.end + 1, hit.end + 3)).length === 0) continue;
    if (!modifier(hit.end + m - 1) || t?.parenBefore) break;
    // ("a Turkish machine tool builder", "a pump motor customer": so may a maker's or a buyer's noun.)
    const noun = tokens[hit.end + m]?.low ?? '';
    if ((companyNoun(hit.end + m) || MAKER_WORDS.has(noun) || BUYER_NOUNS.has(noun)) && !tokens[hit.end + m]?.parenBefore) return true;
  }
  // "a Japanese carmaker (only passenger cars, no defence work)": a parenthesis opened right after a party describes it.
  for (let k = hit.start; k >= Math.max(1, hit.start - 4); k--) {
    const t = tokens[k] as Token;
    if (k < hit.start && t.clauseEnd) break;
    if (t.parenBefore) {
      // "we are a start-up in Finland (magnet recycling, …)": where a company is may stand between it and the parenthesis
      // that says what it does. (Not a buyer's: "to a customer in Japan (NdFeB magnets, 5 kg)" lists the goods.)
      const placed = k >= 3 && /^\p{Lu}/u.test((tokens[k - 1] as Token).raw) && (tokens[k - 2] as Token).low === 'in' ? k - 2 : k;
      const partyAt = (i: number) => {
        const w = tokens[i] as Token | undefined;
        if (w === undefined) return false;
        if (placed < k) return (companyNoun(i) || (w.hyphenBefore && companyNoun(i - 1))) && !BUYER_NOUNS.has(w.low);
        return lex.partyNouns.has(w.low) || BUYER_NOUNS.has(w.low);
      };
      // Still open at the item word: "our plant (Japan). They contain Dy" has closed it.
      const open = !text.slice(t.start, (tokens[hit.start] as Token).start).includes(')');
      if (open && partyAt(placed - 1)) return true;
      break;
    }
  }
  // "Buyer is an auto parts maker, motors for side mirrors and oil pumps": products in apposition to what a sentence
  // says the buyer is describe the buyer.
  const k = sentenceStartOf(tokens, hit.start);
  const opener = DETERMINERS.has(tokens[k]?.low ?? '') || tokens[k]?.low === 'end' ? k + 1 : k;
  const apposition = [1, 2].some((d) => hit.start - d > opener + 2 && tokens[hit.start - d]?.commaAfter === true);
  const describesBuyer = BUYER_DESCRIPTION_NOUNS.has(tokens[opener]?.low ?? '') && COPULAS.has(tokens[opener + 1]?.low ?? '')
    && ARTICLES.has(tokens[opener + 2]?.low ?? '');
  if (apposition && describesBuyer) return true;
  // "The customer is a tier-1 supplier making power-seat and e-bike motors": so is what the buyer is said to make.
  if (describesBuyer && tokens.slice(Math.max(opener + 3, hit.start - 6), hit.start).some((t) => CUSTOMER_PRODUCT_PARTICIPLES.has(t.low))) return true;
  // "They make actuators", "a customer who builds motors": the customer's product, not the goods asked about.
  // Its modifiers may stand between: "They make side-mirror and oil-pump motors".
  // Not across a closed parenthesis: "our customer (they make logic chips) wants terbium targets" names the goods after it.
  const hitAt = (tokens[hit.start] as Token).start;
  for (let i = hit.start - 1; i >= Math.max(0, hit.start - 6); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd || text.slice(t.end, hitAt).includes(')')) return false;
    // ("a status for US buyers makes licences unnecessary for Tb magnets": a verb whose object is a licence makes no goods.)
    if (CUSTOMER_PRODUCT_VERBS.has(t.low)) return !LICENCE_WORDS.has(tokens[i + 1]?.low ?? '') && customerMakesAt(tokens, i) && !ownSiteMakes(tokens, i);
  }
  return false;
}

/**
 * "Our group owns a WFOE in Tianjin that makes Dy magnets", "our plant in Ganzhou, which sinters …": what a site of the
 * asker's (its own by a possessive, or one the sentence says is owned) makes, said in a relative clause, is the asker's
 * own goods, not a customer's product. "We sell mischmetal to a factory in Johor that produces magnets" is not.
 */
function ownSiteMakes(tokens: readonly Token[], verb: number): boolean {
  if (!RELATIVE_WORDS.has(tokens[verb - 1]?.low ?? '')) return false;
  const opening = sentenceStartOf(tokens, verb);
  const site = [2, 3, 4, 5].map((k) => verb - k).find((j) => j > opening && SITE_WORDS.has(tokens[j]?.low ?? ''));
  if (site === undefined) return false;
  return [1, 2].some((k) => ASKER_POSSESSIVES.has(tokens[site - k]?.low ?? '')) || tokens.slice(opening, site).some((t) => OWNING_VERBS.has(t.low));
}

function isEndUseContext(tokens: readonly Token[], start: number, lex: Lexicon): boolean {
  // "End user is an automaker's EV plant in Aichi, civilian passenger cars only": the clause an "end user"/"end use"
  // opens describes who uses the goods, whatever products it names.
  if (inEndClause(tokens, start, END_USE_HEADS)) return true;
  for (let i = start - 1; i >= Math.max(0, start - 6); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    // "Application is e-bike hub motors", "end use: servo motors": what the goods go into, not the goods.
    if (APPLICATION_NOUNS.has(t.low) && start - i <= 5) return true;
    if (t.low === 'for') {
      for (let k = i + 1; k < start; k++) if (PURPOSE_ENDING_VERBS.has((tokens[k] as Token).low)) return false;
      // "a licence for X", "our supplier for X", "an order for X" name the item; other "for X" is an end use.
      const before = tokens[i - 1]?.low ?? '';
      // "a PO from a depot in Norfolk for SmCo magnets": a request earlier in the clause names the item too.
      let request = false;
      for (let k = i - 1; k >= Math.max(0, i - 10) && !(tokens[k] as Token).clauseEnd; k--) {
        if (lex.knowledge.cues.requestNouns.has((tokens[k] as Token).low) || QUESTION_NOUNS.has((tokens[k] as Token).low)) request = true;
      }
      // "for this order, the magnets go loose": "for" governs the order, not the goods after it.
      for (let k = i + 1; k < start; k++) if (lex.knowledge.cues.requestNouns.has((tokens[k] as Token).low)) request = true;
      // "The COA for the N52 blocks": a document about the goods names them too.
      // "asks for 2 t of Y2O3", "looking for Tb metal": a request verb names the item too.
      if (ASKING_VERBS.has(before)) return false;
      // "from a Chinese supplier for our drones": the asker's own product after a seller's "for" is what the goods go
      // into; "our supplier for magnets" names what it sells.
      // ("A customer for our Dy oxide" is who buys the goods named.)
      if (SELLER_NOUNS.has(before) && ASKER_POSSESSIVES.has(tokens[i + 1]?.low ?? '') && !request) return true;
      // "The licence was approved for Tb magnets": what a licence was granted for is what it covers.
      if (LICENCE_GRANTED.has(before) && [2, 3, 4].some((k) => LICENCE_WORDS.has(tokens[i - k]?.low ?? '') && tokens.slice(i - k, i).every((x) => !x.clauseEnd))) return false;
      return !(request || LICENCE_WORDS.has(before) || lex.partyNouns.has(before) || lex.knowledge.cues.requestNouns.has(before) || lex.knowledge.cues.goodsDocumentNouns.has(before));
    }
  }
  return false;
}

/**
 * Doped-crystal notation, host and dopant either way round ("LYSO:Ce", "GAGG:Ce", "Ce:LuAG"): the host as the vocabulary
 * knows it, with the dopant's element added. Only when the whole token is no known phrase or formula.
 */
function dopedHost(raw: string, lex: Lexicon): ItemTag | undefined {
  const parts = raw.split(':');
  if (parts.length !== 2) return undefined;
  for (const [host, dopant] of [parts, [...parts].reverse()] as [string, string][]) {
    const hit = lex.items.find(tokenize(host)).find((h) => h.value.kind === 'compound' && !h.fuzzy);
    const symbols = dopant.split(/[,+]/).filter((d) => lex.symbols.has(d));
    if (hit?.value.kind === 'compound' && symbols.length > 0 && symbols.length === dopant.split(/[,+]/).length) {
      const elements = [...new Set([...hit.value.elements, ...symbols.filter((d) => lex.knowledge.rareEarths.has(d as Element))])] as Element[];
      return { ...hit.value, elements };
    }
  }
  return undefined;
}

/** Grades ("45SH", "YXG-28") and chemical formulas ("Tb4O7", "Y2O3:Eu") as item words, from the knowledge tables. */
function knowledgeHits(tokens: readonly Token[], text: string, lex: Lexicon, taken: ReadonlySet<number>): PhraseHit<ItemTag>[] {
  const out: PhraseHit<ItemTag>[] = [];
  const used = new Set(taken);
  for (const g of lex.knowledge.grades(text)) {
    const idx = tokens.map((t, i) => (t.start >= g.start && t.end <= g.end ? i : -1)).filter((i) => i >= 0);
    const start = idx[0];
    if (start === undefined || idx.some((i) => used.has(i))) continue;
    const tag: ItemTag = { kind: 'compound', elements: [...g.elements], magnetType: g.magnetType, form: g.form, grade: g.text };
    if (g.complete) tag.complete = true;
    if (g.heavyRareEarthLikely) tag.heavyRareEarthLikely = true;
    out.push({ value: tag, start, end: start + idx.length, fuzzy: false });
    for (const i of idx) used.add(i);
  }
  tokens.forEach((t, i) => {
    if (used.has(i)) return;
    const doped = dopedHost(t.raw, lex);
    if (doped) {
      out.push({ value: doped, start: i, end: i + 1, fuzzy: false });
      return;
    }
    const f = lex.knowledge.formula(t.raw);
    if (!f) return;
    const tag: ItemTag = { kind: 'compound', elements: [...f.elements], complete: true };
    if (f.form) tag.form = f.form;
    out.push({ value: tag, start: i, end: i + 1, fuzzy: false });
  });
  return out;
}

/** An amount that is nothing: "0", "0.00" (the tokenizer drops a "%" after it). */
const ZERO_AMOUNT = /^0+(?:[.,]0+)?$/;

/**
 * "Test report shows 0 Dy/Tb", "Dy: 0.00 %", "0 % Tb": an element said to be there in an amount of nothing is absent,
 * as a measurement, not a claim (a trace, "Dy 0.02 %", is an amount and stays present).
 */
function zeroAmount(tokens: readonly Token[], text: string, m: ElementMention, elementTokens: ReadonlySet<number>): boolean {
  const zeroAt = (i: number) => ZERO_AMOUNT.test(tokens[i]?.raw ?? '');
  // Before it: "0 Dy", and the second of a pair joined by a slash, "0 Dy/Tb".
  const before = zeroAt(m.start - 1) && !tokens[m.start - 2]?.commaAfter && !(tokens[m.start - 1] as Token).clauseEnd;
  const paired = elementTokens.has(m.start - 1) && zeroAt(m.start - 2)
    && text.slice((tokens[m.start - 1] as Token).end, (tokens[m.start] as Token).start).trim() === '/';
  // After it: "Dy 0", "Dy: 0.00 %", "Dy = 0".
  const last = tokens[m.end - 1] as Token;
  const after = zeroAt(m.end) && !last.commaAfter && (!last.clauseEnd || last.colonAfter);
  return before || paired || after;
}

/** A percentage written next to a Dy or Tb mention ("0.05 % Dy", "Tb 0.3 wt%", "Dy 200 ppm"): its content. */
function heavyContent(tokens: readonly Token[], text: string, mentions: readonly ElementMention[]): number | undefined {
  let best: { value: number; distance: number } | undefined;
  for (const m of mentions) {
    const from = (tokens[m.start] as Token).start;
    const to = (tokens[m.end - 1] as Token).end;
    const lo = Math.max(0, from - 30);
    for (const x of text.slice(lo, to + 30).matchAll(/(\d+(?:\.\d+)?)\s*(wt\s*\.?\s*%|%|percent\b|per cent\b|ppm\b)/gi)) {
      const at = lo + (x.index ?? 0);
      // "Chinese Dy magnets (~8 % of value)": a share of the goods' value, not the element's content.
      const after = text.slice(at + x[0].length, at + x[0].length + 24);
      if (VALUE_SHARE.test(after)) continue;
      const value = /ppm/i.test(x[2] as string) ? Number(x[1]) / 10_000 : Number(x[1]);
      const distance = at < from ? from - at : at - to;
      if (value <= 100 && (!best || distance < best.distance)) best = { value, distance };
    }
  }
  return best?.value;
}

/** "Dy-free", "Dy and Tb not detected", "Tb: none": a negation written after the element (and any list of others). */
function negatedAfter(tokens: readonly Token[], text: string, end: number, elementTokens: ReadonlySet<number>): boolean {
  let i = end;
  while (i < tokens.length && (elementTokens.has(i) || (tokens[i] as Token).low === 'and' || (tokens[i] as Token).low === 'or')) {
    if ((tokens[i - 1] as Token).clauseEnd) return false;
    i++;
  }
  const t = tokens[i];
  if (!t || (tokens[i - 1] as Token).clauseEnd) return false;
  if (NEGATION_AFTER.has(t.low)) return true;
  const rest = text.slice(t.start, t.start + 24).toLowerCase();
  return NEGATION_AFTER_PHRASES.some((p) => rest.startsWith(p));
}

/** A word that can name goods other parts sit in: a product, a machine, a component, or a generic word for goods. */
function containerWord(tag: ItemTag): boolean {
  return tag.kind === 'downstream' || tag.kind === 'generic' || (tag.kind === 'form' && (tag.form === 'equipment' || tag.form === 'component' || tag.form === 'finished_product'));
}

function isMagnetRun(run: PhraseHit<ItemTag>[], head: (r: PhraseHit<ItemTag>[]) => PhraseHit<ItemTag>): boolean {
  const v = head(run).value;
  if (v.kind === 'compound' && (v.magnetType === 'ndfeb' || v.magnetType === 'smco' || v.magnetType === 'cerium') && v.form !== 'alloy') return true;
  return (v.kind === 'form' || v.kind === 'compound') && (v.form === 'magnet' || v.form === 'magnet_powder');
}

/** A run that names a material (Lu2O3, terbium oxide, scandium metal, gadolinia), not a product or a generic word. */
function isMaterialRun(run: PhraseHit<ItemTag>[], head: (r: PhraseHit<ItemTag>[]) => PhraseHit<ItemTag>): boolean {
  const v = head(run).value;
  // An oxide's own name ("gadolinia", "yttria") is the oxide, a material, though it is read as its element.
  if (v.kind === 'element') return v.oxide === true;
  return (v.kind === 'form' || v.kind === 'compound') && v.form !== undefined && MATERIAL_FORMS.includes(v.form);
}

/** Whether a verb from `verbs` stands within three words before the run, in its clause, with the asker before it. */
function askerVerbBefore(tokens: readonly Token[], run: PhraseHit<ItemTag>[], verbs: ReadonlySet<string>, itemAt?: ReadonlySet<number>): boolean {
  const start = run[0]?.start ?? 0;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd || t.commaAfter || itemAt?.has(i)) return false;
    // "our cast AlNiCo magnets": a verb form right after a possessive is an adjective.
    if (verbs.has(t.low) && !POSSESSIVES.has(tokens[i - 1]?.low ?? '')) {
      // "… coating shop in Perth. Need 2 t of yttrium oxide": a verb opening its sentence has the asker as its subject, left
      // out as people do in quick messages.
      if (i === 0 || (tokens[i - 1] as Token).clauseEnd) return true;
      // The subject may govern two verbs: "We make fuel assemblies in Sweden and want gadolinia".
      for (let k = i - 1; k >= Math.max(0, i - 10); k--) {
        const w = tokens[k] as Token;
        if (w.clauseEnd || RELATIVE_WORDS.has(w.low)) return false;
        if (FIRST_PERSON.has(w.low)) return true;
      }
      return false;
    }
  }
  return false;
}

/** "We make fuel assemblies", "our Penang line makes scintillator ceramics", "we supply traction equipment": the asker's trade. */
function madeByAsker(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  return askerVerbBefore(tokens, run, TRADE_VERBS);
}

/** "our high-nickel cathode": the asker's own, named with its possessive just before. */
function ownedByAsker(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  const start = run[0]?.start ?? 0;
  return [1, 2].some((k) => ASKER_POSSESSIVES.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd && !t.commaAfter));
}

/** "We want Gd2O3 from a Chinese refinery", "we need 5 t of yttria": goods the asker asks for. */
function wantedByAsker(tokens: readonly Token[], run: PhraseHit<ItemTag>[], itemAt: ReadonlySet<number>): boolean {
  return askerVerbBefore(tokens, run, WANT_VERBS, itemAt);
}

/**
 * "we buy SmCo magnets from Suzhou", "magnets that we source from a supplier in Ningbo": the run is the object of a verb
 * of buying, so it is traded as goods of its own, whatever product uses it later. The verb must govern the run: no
 * other item word between them ("we buy motors with Dy magnets" buys the motors).
 */
function boughtAsGoods(tokens: readonly Token[], text: string, run: PhraseHit<ItemTag>[], itemAt: ReadonlySet<number>): boolean {
  const start = run[0]?.start ?? 0;
  const end = run.at(-1)?.end ?? start;
  // "We use Sm-Fe-N powder (samarium iron nitride) from a Chinese supplier": what the asker uses, said to come from a
  // seller, is bought in from it, whatever the asker makes with it.
  if (askerVerbBefore(tokens, run, USE_VERBS, itemAt) && fromSellerAfter(tokens, text, end)) return true;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd || t.commaAfter || itemAt.has(i)) break;
    if (PURCHASE_VERBS.has(t.low)) return true;
    // "Our Chinese supplier sells us PrNd oxide", "they ship me Tb targets": goods sold or sent to the asker.
    if (RECEIVER_PRONOUNS.has(t.low) && EXPORT_VERBS.has(tokens[i - 1]?.low ?? '')) return true;
  }
  if ((tokens[end - 1] as Token).clauseEnd) return false;
  // "Dy NdFeB magnets from a Chinese maker, shipped to our plant in Nagano": sent on their own from their maker.
  if (tokens[end]?.low === 'from') {
    for (let i = end + 1; i < Math.min(tokens.length - 1, end + 10); i++) {
      // To the asker ("shipped to our plant", "sent to us"): the product made from them is not what travels.
      const toAsker = ASKER_POSSESSIVES.has(tokens[i + 2]?.low ?? '') || tokens[i + 2]?.low === 'us';
      if (EXPORT_VERBS.has((tokens[i] as Token).low) && DEST_WORDS.has(tokens[i + 1]?.low ?? '') && toAsker) return true;
      if ((tokens[i] as Token).clauseEnd) break;
    }
  }
  // A relative clause after it ("magnets that we buy from"), past a shape noun the vocabulary does not know ("SmCo rings
  // that we buy") and a parenthesis about it ("magnets (a few grams) that we buy").
  const k = afterGoodsName(tokens, text, end, (w) => RELATIVE_WORDS.has(w) || FIRST_PERSON.has(w));
  return k >= 0 && askerVerbAt(tokens, k, PURCHASE_VERBS);
}

/** "(that) we buy", "we export": at `k`, a relative pronoun or none, then the asker and a verb of `verbs`. */
function askerVerbAt(tokens: readonly Token[], k: number, verbs: ReadonlySet<string>): boolean {
  const subject = RELATIVE_WORDS.has(tokens[k]?.low ?? '') ? k + 1 : k;
  return FIRST_PERSON.has(tokens[subject]?.low ?? '') && verbs.has(tokens[subject + 1]?.low ?? '');
}

/**
 * Where the words after goods ending at `end` go on: past up to two lower-case words the vocabulary does not know (a
 * shape noun: "SmCo rings", "Sm-Fe-N powder"), none a word `stops` names, and past an aside in brackets after them
 * ("magnets (a few grams) that we buy"). -1 when nothing follows the bracket.
 */
function afterGoodsName(tokens: readonly Token[], text: string, end: number, stops: (low: string) => boolean): number {
  const opensParen = (i: number) => /^\s*\(/.test(text.slice((tokens[i] as Token).end));
  let k = end;
  while (k < end + 2 && /^\p{Ll}+$/u.test(tokens[k]?.raw ?? '') && !stops(tokens[k]?.low ?? '') && !opensParen(k - 1) && !(tokens[k - 1] as Token).commaAfter) k++;
  return opensParen(k - 1) ? tokens.findIndex((t) => t.start > text.indexOf(')', (tokens[k - 1] as Token).end)) : k;
}

/**
 * After goods ending at `end`: "from", then a seller or maker within four words. A shape noun the vocabulary does not
 * know ("Sm-Fe-N powder") and an aside in brackets may stand between.
 */
function fromSellerAfter(tokens: readonly Token[], text: string, end: number): boolean {
  const k = afterGoodsName(tokens, text, end, (w) => w === 'from');
  if (k < 0 || tokens[k]?.low !== 'from') return false;
  return [1, 2, 3, 4].some((j) => (SELLER_NOUNS.has(tokens[k + j]?.low ?? '') || MAKER_WORDS.has(tokens[k + j]?.low ?? '')) && tokens.slice(k, k + j).every((t) => !t.clauseEnd));
}

/**
 * "The magnets come from …", "the magnets contain Dy", "the magnets are N52": a run after "the" (within `reach` words,
 * in its clause) with a describing verb right after it.
 */
function describedByVerb(tokens: readonly Token[], run: PhraseHit<ItemTag>[], reach: number): boolean {
  const start = run[0]?.start ?? 0;
  const end = run.at(-1)?.end ?? 0;
  let definite = false;
  for (let k = start - 1; k >= Math.max(0, start - reach); k--) {
    if ((tokens[k] as Token).clauseEnd) break;
    if (DEFINITE_WORDS.has((tokens[k] as Token).low)) {
      definite = true;
      break;
    }
  }
  return definite && describingVerbAt(tokens, end);
}

/** "Tb metal from China for it", "oxide for them": "for" and a pronoun later in the run's clause. */
function forPronounAfter(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  for (let i = run.at(-1)?.end ?? 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as Token;
    if (t.low === 'for' && PRONOUN_OBJECTS.has(tokens[i + 1]?.low ?? '')) return true;
    if (t.clauseEnd || t.commaAfter) return false;
  }
  return false;
}

/**
 * The goods at `start` end a list of short parts (three or more, each up to three words, joined by commas and "and")
 * that a word putting things inside opens: "with chip, PCB, pins and a tiny magnet". (Two parts joined by "and" alone
 * may be two clauses: "supplies the navy with radar motors and wants SmCo magnets".)
 */
function listedAfterInsideWord(tokens: readonly Token[], start: number, insideWords: ReadonlySet<string>): boolean {
  let parts = 1;
  let words = 0;
  let commas = 0;
  for (let i = start - 1; i >= Math.max(0, start - 14); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (insideWords.has(t.low)) return parts >= 3 && commas > 0 && words <= 3;
    const joins = t.commaAfter || GOODS_COORDINATORS.has(t.low);
    if (joins) {
      if (words === 0 && !t.commaAfter) return false;
      if (words > 3) return false;
      if (t.commaAfter) commas++;
      parts++;
      words = GOODS_COORDINATORS.has(t.low) ? 0 : 1;
    } else words++;
  }
  return false;
}

/** "rotors with Dy magnets", "magnets glued into the stack": the magnets are inside the product. */
function magnetsInside(tokens: readonly Token[], text: string, run: PhraseHit<ItemTag>[], lex: Lexicon): boolean {
  const { magnetsInsideBefore, magnetsInsideAfter, looseWords } = lex.knowledge.cues;
  const start = run[0]?.start ?? 0;
  const end = run.at(-1)?.end ?? start;
  // "the rotor with the magnets un-mounted", "magnets not fitted, in separate crates": said not to be inside.
  const unfixed = (i: number) => {
    const t = tokens[i] as Token;
    const prev = tokens[i - 1]?.low ?? '';
    // ("magnets inside, nothing loose" says none go loose.)
    return (looseWords.has(t.low) && !NEGATION_CUES.has(prev)) || (magnetsInsideAfter.has(t.low) && ((prev === 'un' && t.hyphenBefore) || NEGATION_CUES.has(prev)));
  };
  for (let i = end; i < Math.min(tokens.length, end + 3); i++) {
    if (unfixed(i)) return false;
    if ((tokens[i] as Token).clauseEnd) break;
  }
  // "our fan motors use loose NdFeB magnets": magnets called loose where they are named are not inside anything yet.
  if ([1, 2].some((k) => looseWords.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd))) return false;
  // "phone cases and chargers … because of the magnets?": the goods' own magnets, the reason for asking; chat drops the
  // article ("need licence bc of magnets?").
  // Words may describe them there ("because of the small rare earth magnets", "due to NdFeB magnets").
  const itemWordAt = positionsOf(itemWordHits(tokens, lex));
  let described = start;
  while (described > 0 && start - described < 4 && (itemWordAt.has(described - 1) || MAGNET_DESCRIBERS.has(tokens[described - 1]?.low ?? ''))
    && !tokens[described - 1]?.clauseEnd) described--;
  const article = DETERMINERS.has(tokens[described - 1]?.low ?? '') ? 1 : 0;
  const cause = tokens.slice(Math.max(0, described - article - 2), described - article).map((w) => w.low).join(' ');
  // ("given the magnets?", "considering the magnets": one word of cause does it too.)
  if (CAUSAL_PHRASES.has(cause) || CAUSAL_PHRASES.has(tokens[described - article - 1]?.low ?? '')) return true;
  // "phone cases (NdFeB rings, some with Dy)": a parenthesis after the product says what is in it.
  const first = tokens[start] as Token;
  if (start > 0 && /\(\s*$/.test(text.slice((tokens[start - 1] as Token).end, first.start))) return true;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i] as Token;
    // "Tb-containing magnets" describes the magnets; "rotors containing magnets" puts them inside.
    const hyphenated = text.charAt(t.start - 1) === '-';
    if (magnetsInsideBefore.has(t.low) && !hyphenated) return true;
    if (t.clauseEnd) break;
  }
  // "hall sensors moulded with chip, PCB, pins and a tiny magnet": the last of a list of parts after "with" is inside
  // as much as the first.
  if (listedAfterInsideWord(tokens, start, magnetsInsideBefore)) return true;
  // "…; inside there is a small SmCo magnet", "Inside are two N42 discs": a clause that opens on where they sit. Only
  // magnets: a crystal or material inside a product ("inside is a TGG crystal") is no magnetic part of the FAQ's.
  const clauseStart = clauseStartOf(tokens, start);
  const magnets = run.some(({ value: v }) => (v.kind === 'form' || v.kind === 'compound') && (v.form === 'magnet' || v.form === 'magnet_powder' || (v.kind === 'compound' && v.magnetType !== undefined)));
  if (magnets && start - clauseStart <= 7 && INSIDE_OPENERS.has(tokens[clauseStart]?.low ?? '')) return true;
  for (let i = end; i < Math.min(tokens.length, end + 6); i++) {
    const t = tokens[i] as Token;
    if (magnetsInsideAfter.has(t.low)) return true;
    if (t.clauseEnd) break;
  }
  return false;
}

/** "magnets … glued into the stack", "embedded in the housing": a verb of fixing followed by "in/into/onto". */
/** "Bonds the magnets onto steel plates", "overmolds SmCo magnets with a Hall chip into a sensor": fixed in, said actively. */
function builtInBefore(tokens: readonly Token[], run: PhraseHit<ItemTag>[], containing = false): number {
  const start = run[0]?.start ?? 0;
  let verb = false;
  for (let i = start - 1; i >= Math.max(0, start - 3); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd || NEGATION_CUES.has(t.low)) break;
    // `containing`: "ventilators that contain a SmCo magnet in the blower motor": what a product is said to hold, in a
    // product named right after, is built in as much as what is glued in. Not a participle ("Dy-containing magnets
    // going into motors") nor "use" ("we use the rods in actuators" we build later).
    if (FIXING_VERBS_ACTIVE.has(t.low) || (containing && PRODUCT_HOLDS_VERBS.has(t.low) && !t.hyphenBefore)) verb = true;
  }
  if (!verb) return -1;
  const end = run.at(-1)?.end ?? 0;
  for (let i = end; i < Math.min(tokens.length, end + 10); i++) {
    const t = tokens[i] as Token;
    if (INTO_WORDS.has(t.low)) return i;
    if (t.clauseEnd) break;
  }
  return -1;
}

/**
 * Whether the magnets or material in `run` are said to be fixed into `product`: "glued into the rotor stack". The
 * product must follow the "into" closely: "pre-inserted into a plastic carrier, then we press them into our rotors"
 * fixes them into the carrier, and the rotors are made later, from the goods.
 */
function builtInto(tokens: readonly Token[], run: PhraseHit<ItemTag>[], product: PhraseHit<ItemTag>[]): boolean {
  const productStart = product[0]?.start ?? -1;
  return [builtInAfter(tokens, run), builtInBefore(tokens, run, true)].some((into) => into >= 0 && productStart > into && productStart - into <= 4);
}

/**
 * "… uses Chinese-made NdFeB magnets in open MRI units we export to Nigeria": magnets said to be in a product that the
 * asker then exports or sells (a relative clause right after it, past one more noun such as "units") are its parts.
 */
function inProductExported(tokens: readonly Token[], run: PhraseHit<ItemTag>[], product: PhraseHit<ItemTag>[]): boolean {
  const end = run.at(-1)?.end ?? 0;
  const at = product[0]?.start ?? -1;
  if (!INTO_WORDS.has(tokens[end]?.low ?? '') || (tokens[end - 1] as Token).clauseEnd || at <= end || at - end > 4) return false;
  if (tokens.slice(end, at).some((t) => t.clauseEnd || t.commaAfter)) return false;
  const productEnd = product.at(-1)?.end ?? 0;
  return [productEnd, productEnd + 1].some((after) => !tokens.slice(productEnd - 1, after).some((t) => t.clauseEnd || t.commaAfter)
    && askerVerbAt(tokens, after, EXPORT_VERBS));
}

/**
 * "They go into EPS motors", "these are built into pumps": goods an earlier turn named (the clause's subject points back
 * to them) end up in the product named, which is where they go, not the goods themselves.
 */
function pointedGoodsGoInto(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  const start = run[0]?.start ?? 0;
  let into = -1;
  for (let i = start - 1; i >= Math.max(0, start - 4); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (INTO_WORDS.has(t.low)) {
      into = i;
      break;
    }
  }
  if (into < 0) return false;
  for (let v = into - 1; v >= Math.max(0, into - 3); v--) {
    const t = tokens[v] as Token;
    if (t.clauseEnd) return false;
    if (!GOODS_DESTINATION_VERBS.has(t.low) && !FIXING_VERBS.has(t.low)) continue;
    const subject = sentenceStartOf(tokens, v);
    return GOODS_BACK_REFERENCES.has(tokens[subject]?.low ?? '') && tokens.slice(subject + 1, v).every((x) => !x.clauseEnd && x.low.length <= 6);
  }
  return false;
}

/**
 * "the magnets inside", "the magnets in them": definite magnets said to sit in something named before, in an earlier
 * turn or earlier in this one ("laptops assembled in Penang. The speaker magnets in them are made with Chinese Dy").
 */
function insideSomethingUnnamed(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  const start = run[0]?.start ?? 0;
  const end = run.at(-1)?.end ?? 0;
  const definite = [1, 2].some((k) => DEFINITE_WORDS.has(tokens[start - k]?.low ?? ''));
  const next = tokens[end]?.low;
  const inside = next === 'inside' || (INTO_WORDS.has(next ?? '') && OBJECT_PRONOUNS.has(tokens[end + 1]?.low ?? ''));
  return definite && inside;
}

/**
 * "Bone-conduction transducers for our hearing device. They contain an NdFeB magnet with Dy": magnets that a pronoun
 * pointing back to goods is said to hold (its verb of holding right before them) sit inside those goods.
 */
function heldByPointedGoods(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  const start = run[0]?.start ?? 0;
  return [1, 2, 3].some((k) => {
    const verb = start - k;
    return PRODUCT_HOLDS_VERBS.has(tokens[verb]?.low ?? '') && GOODS_BACK_REFERENCES.has(tokens[verb - 1]?.low ?? '')
      && (verb - 1 === 0 || (tokens[verb - 2] as Token).clauseEnd) && tokens.slice(verb - 1, start).every((t) => !t.clauseEnd && !t.commaAfter);
  });
}

/**
 * "…, build them into hearing aids": between the goods' end and a product named at `productAt`, in one sentence, a verb
 * of fitting, a pronoun pointing back to the goods, and "into", up to two words before the product's.
 */
function pronounFittedInto(tokens: readonly Token[], goodsEnd: number, productAt: number): boolean {
  if (productAt <= goodsEnd || tokens.slice(goodsEnd, productAt).some((t) => t.clauseEnd)) return false;
  for (let i = goodsEnd; i < productAt - 2; i++) if (fitsPronounIntoAt(tokens, i) && productAt - (i + 3) <= 2) return true;
  return false;
}

/** "The permanent magnets in the rotor are NdFeB": definite magnets said to sit in a product named right after. */
function insideProductNamed(tokens: readonly Token[], run: PhraseHit<ItemTag>[], products: readonly PhraseHit<ItemTag>[][]): boolean {
  const start = run[0]?.start ?? 0;
  const end = run.at(-1)?.end ?? 0;
  const definite = [1, 2, 3].some((k) => DEFINITE_WORDS.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd));
  const next = tokens[end]?.low ?? '';
  if (!definite || !(next === 'inside' || next === 'within' || INTO_WORDS.has(next)) || tokens[end - 1]?.clauseEnd || tokens[end - 1]?.commaAfter) return false;
  return products.some((p) => {
    const at = p[0]?.start ?? -1;
    return at > end && at - end <= 3 && tokens.slice(end, at).every((t) => !t.clauseEnd && !t.commaAfter);
  });
}

/**
 * "boxes with small magnets in the lid", "a bracelet with two magnets in the clasp": goods said to have magnets sitting
 * in one of their parts (a determiner before it) hold them built in. The index of the "in", or -1.
 */
function withMagnetsInPart(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): number {
  const start = run[0]?.start ?? 0;
  const end = run.at(-1)?.end ?? 0;
  const afterWith = [1, 2, 3].some((k) => tokens[start - k]?.low === 'with' && tokens.slice(start - k, start).every((t) => !t.clauseEnd && !t.commaAfter));
  if (!afterWith || tokens[end - 1]?.clauseEnd || tokens[end - 1]?.commaAfter) return -1;
  const next = tokens[end]?.low ?? '';
  const part = (next === 'in' || next === 'inside' || next === 'within') && DETERMINERS.has(tokens[end + 1]?.low ?? '');
  return part ? end : -1;
}

/** `placeStarts`: where place names start. "Press our own magnets in the UK" says where the work is done, not what
 * the magnets go into. */
function builtIn(tokens: readonly Token[], run: PhraseHit<ItemTag>[], placeStarts: ReadonlySet<number>): boolean {
  const intoPlace = (into: number) => [1, 2].some((k) => placeStarts.has(into + k) && tokens.slice(into + 1, into + k).every((t) => DEFINITE_WORDS.has(t.low)));
  const fixedInto = (into: number) => into >= 0 && !intoContainer(tokens, into) && !intoPlace(into);
  return fixedInto(builtInAfter(tokens, run)) || fixedInto(builtInBefore(tokens, run)) || enclosedBefore(tokens, run) || fixedInto(withMagnetsInPart(tokens, run));
}

/** "Put 20 sample magnets in my suitcase", "in the same crate": what follows the "in" packs or carries the goods. */
function intoContainer(tokens: readonly Token[], into: number): boolean {
  // A container's name may be hyphenated ("carry-on") or two words ("hand luggage").
  const containerAt = (i: number) => {
    const next = tokens[i + 1];
    const pair = next === undefined ? undefined : `${tokens[i]?.low ?? ''}${next.hyphenBefore ? '-' : ' '}${next.low}`;
    return CARRYING_CONTAINERS.has(tokens[i]?.low ?? '') || (pair !== undefined && CARRYING_CONTAINERS.has(pair));
  };
  return [1, 2, 3].some((k) => containerAt(into + k) && tokens.slice(into, into + k).every((t) => !t.clauseEnd && !t.commaAfter));
}

/** "A housing injection-moulded around a small SmCo magnet": something fixed around the magnets holds them inside. */
function enclosedBefore(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): boolean {
  const start = run[0]?.start ?? 0;
  for (let i = start - 1; i >= Math.max(1, start - 4); i--) {
    const t = tokens[i] as Token;
    if (t.clauseEnd) return false;
    if (ENCLOSING_WORDS.has(t.low) && FIXING_VERBS.has(tokens[i - 1]?.low ?? '') && !(tokens[i - 1] as Token).clauseEnd) return true;
  }
  return false;
}

/** The index of the "in/into/onto" after a verb of fixing that follows the run, or -1. */
function builtInAfter(tokens: readonly Token[], run: PhraseHit<ItemTag>[]): number {
  const end = run.at(-1)?.end ?? 0;
  // "small NdFeB disc magnets (some Dy grades I think) glued into the frames": an aside in brackets does not count
  // towards the reach.
  let limit = end + 7;
  let asideEnd = -1;
  for (let i = end; i < Math.min(tokens.length, limit); i++) {
    const t = tokens[i] as Token;
    if (t.parenBefore) {
      let close = i;
      while (close < tokens.length - 1 && !(tokens[close] as Token).parenAfter && !(tokens[close] as Token).clauseEnd) close++;
      // Its words are still read ("(magnets fixed in rotor, housing, encoder)"); they only do not use up the reach, and
      // a negation in it ("(no Dy)") is about the aside.
      if ((tokens[close] as Token).parenAfter) {
        limit += close - i + 1;
        asideEnd = close;
      }
    }
    if (NEGATION_CUES.has(t.low) && i > asideEnd) return -1;
    if (FIXING_VERBS.has(t.low) && INTO_WORDS.has(tokens[i + 1]?.low ?? '')) return i + 1;
    if (t.clauseEnd) break;
  }
  return -1;
}

/** Item words, less those inside a longer technology phrase ("magnet making", "NdFeB sintering process"): those name the technology. */
export function itemWordHits(tokens: readonly Token[], lex: Lexicon): PhraseHit<ItemTag>[] {
  // The item, collaboration and implied-area readers all ask this of one message's tokens: matched once per message.
  const cached = ITEM_HITS.get(tokens);
  if (cached && cached.lex === lex) return cached.hits;
  const technology = lex.technologyAreas.find(tokens);
  // "CFO here, on the phone": an idiom that holds an item word names no goods.
  const idiom = new Set<number>();
  tokens.forEach((_, i) => {
    for (const words of IDIOMS) if (words.every((w, k) => tokens[i + k]?.low === w)) words.forEach((__, k) => idiom.add(i + k));
  });
  // "We machine the blocks into segments": a one-word noun right after a personal pronoun is that pronoun's verb.
  // So is one in the third person between a party and a determiner: "the supplier machines our blocks" (a noun
  // phrase does not run on into "our" or "the").
  const usedAsVerb = (h: PhraseHit<ItemTag>) => h.end - h.start === 1 && (PERSONAL_SUBJECTS.has(tokens[h.start - 1]?.low ?? '')
    || ((tokens[h.start] as Token).low.endsWith('s') && lex.partyNouns.has(tokens[h.start - 1]?.low ?? '') && DETERMINER_WORDS.has(tokens[h.end]?.low ?? '')));
  const found = lex.items.find(tokens);
  // "refrigerator LED strips", "watch PCB": a product name right before an acronym that names no goods of its own
  // modifies that noun (the head of an English compound is its last noun), so it is no product of the question.
  // So does a product name from the HS nomenclature before a plain noun no list knows ("camera lenses"): no function
  // word or verb of the grammar follows it.
  const modifiesNoun = (h: PhraseHit<ItemTag>) => {
    const next = tokens[h.end];
    const last = tokens[h.end - 1] as Token;
    if (h.value.kind !== 'downstream' || next === undefined || last.commaAfter || last.clauseEnd || next.parenBefore || found.some((o) => o.start === h.end)) return false;
    if (/^[A-Z]{2,5}s?$/.test(next.raw)) return !lex.symbols.has(next.raw);
    return h.value.nomenclature === true && /^[a-z]{3,}$/.test(next.raw) && !CLOSED_CLASS.has(next.low) && !GRAMMAR_WORDS.has(next.low) && !POSTPOSITIVE_ADJECTIVES.has(next.low);
  };
  // "magnetic phone cases … do the magnet rules affect these?": a magnet word before the rules' noun names what the rules
  // are about, not goods of the question, where a product is named as the goods.
  const productNamed = found.some((h) => h.value.kind === 'downstream');
  // ("Does the magnet export ban hit these?": the trade it governs may come between.)
  const rulesNounAfter = (end: number) => RULES_NOUNS.has(tokens[end]?.low ?? '')
    || (TRADE_DIRECTION_WORDS.has(tokens[end]?.low ?? '') && RULES_NOUNS.has(tokens[end + 1]?.low ?? '') && !(tokens[end] as Token).clauseEnd && !(tokens[end] as Token).commaAfter);
  const namesRules = (h: PhraseHit<ItemTag>) => productNamed && h.value.kind === 'form' && (h.value.form === 'magnet' || h.value.form === 'magnet_powder')
    && rulesNounAfter(h.end) && !(tokens[h.end - 1] as Token).clauseEnd && !(tokens[h.end - 1] as Token).commaAfter
    // ("the Dy magnet rules" names goods of its own: an element or family before the magnet word keeps it.)
    && !found.some((o) => o.end === h.start && (o.value.kind === 'element' || o.value.kind === 'compound'));
  // "test sockets for 3nm AI accelerator chips": chips a chip word or a process node describes, in their noun phrase,
  // are semiconductors, not metal chips (a metal's chips are named by the metal: "Dy chips", "Gd metal chips").
  const semiconductorChips = (h: PhraseHit<ItemTag>) => h.value.kind === 'form' && h.value.form === 'metal' && h.end - h.start === 1
    && /^chips?$/.test((tokens[h.start] as Token).low) && !found.some((o) => o.end === h.start && o.value.kind === 'element')
    && [1, 2, 3].some((k) => { const t = tokens[h.start - k]; return t !== undefined && (CHIP_MODIFIERS.has(t.low) || PROCESS_NODE.test(t.low)) && tokens.slice(h.start - k, h.start).every((w) => !w.clauseEnd && !w.commaAfter); });
  // (A finishing step names the magnets it works on, which stay goods: "two magnet grinding machines" are machines for
  // magnets.)
  const hits = found.filter((h) => !technology.some((t) => t.value !== 'magnet_finishing' && t.start <= h.start && t.end >= h.end && t.end - t.start > h.end - h.start)
    && !idiom.has(h.start) && !usedAsVerb(h) && !modifiesNoun(h) && !comparisonStandardAt(tokens, h.start) && !namesRules(h) && !semiconductorChips(h));
  ITEM_HITS.set(tokens, { lex, hits });
  return hits;
}

/**
 * Whether the words from `from` to `to` make the goods before them into those after: a verb of making one material
 * into another, its object, then "into" or "to" at most two words before the new goods, in one sentence ("… oxide and
 * reduce it to Dy metal", "… oxide, which we convert into an alloy").
 */
function madeInto(tokens: readonly Token[], from: number, to: number): boolean {
  if (to - from > 10 || tokens.slice(from, to - 1).some((t) => t.clauseEnd)) return false;
  for (let i = from; i < to; i++) {
    const link = madeIntoLinkAt(tokens, i);
    if (link >= 0 && link < to && to - link - 1 <= 2 && tokens.slice(link, to).every((t) => !t.commaAfter && !t.clauseEnd)) return true;
  }
  return false;
}

/**
 * A share "of the … value" after the goods' words, in their clause ("… are about 3 % of the drive value"): where its
 * "of" and its value word stand.
 */
function valueShareAfter(tokens: readonly Token[], end: number): { of: number; value: number } | undefined {
  for (let i = end; i < Math.min(tokens.length, end + 8); i++) {
    const t = tokens[i] as Token;
    // (The tokens keep the figure, not its per-cent sign.)
    if (/^\d+(?:[.,]\d+)?$/.test(t.raw)) {
      const of = tokens[i + 1]?.low === 'of' ? i + 1 : tokens[i + 1]?.low === 'percent' && tokens[i + 2]?.low === 'of' ? i + 2 : -1;
      if (of < 0) return undefined;
      const valueAt = tokens.slice(of + 1, of + 5).findIndex((x) => VALUE_NOUNS.has(x.low));
      return valueAt < 0 ? undefined : { of, value: of + 1 + valueAt };
    }
    if (t.clauseEnd) return undefined;
  }
  return undefined;
}

/**
 * The product whose value such a share is given of: "(about 2 % of motor value)", "0.05 % of the pump value". Only a
 * product named between "of" and the value word.
 */
function productValued(tokens: readonly Token[], end: number, products: readonly PhraseHit<ItemTag>[][]): PhraseHit<ItemTag>[] | undefined {
  const share = valueShareAfter(tokens, end);
  return share && products.find((run) => (run[0]?.start ?? 0) > share.of && (run.at(-1)?.end ?? 0) <= share.value);
}

/**
 * Whether the words at `start` are what something is compared with ("the same MOFCOM licence as loose magnets", "than
 * for oxide"): a comparison marker right before them, or up to two words between ("as the loose magnets").
 */
function comparisonStandardAt(tokens: readonly Token[], start: number): boolean {
  return [1, 2, 3].some((k) => {
    const marker = tokens[start - k];
    if (!marker || tokens.slice(start - k, start).some((t) => t.clauseEnd || t.commaAfter)) return false;
    if (COMPARISON_MARKERS.has(marker.low)) return true;
    // "Does PrNd oxide need the licence like Dy?": "like" after the licence compares the goods with what follows
    // ("rare earths like Dy" gives examples of the goods, and is no comparison).
    // So does "like" after a word of how goods stand under the rules ("is holmium oxide controlled like dysprosium?").
    if (marker.low === 'like' && (LICENCE_NOUNS.has(tokens[start - k - 1]?.low ?? '') || CONTROL_STATUS_WORDS.has(tokens[start - k - 1]?.low ?? ''))) return true;
    if (marker.low !== 'as') return false;
    const from = sentenceStartOf(tokens, start - k);
    return tokens.slice(Math.max(from, start - k - 6), start - k).some((t) => SAMENESS_WORDS.has(t.low));
  });
}

const ITEM_HITS = new WeakMap<readonly Token[], { readonly lex: Lexicon; readonly hits: PhraseHit<ItemTag>[] }>();

export function extractItem(tokens: readonly Token[], lex: Lexicon, text: string): ItemExtraction {
  // A word saying goods travel loose, not denied just before it ("… nothing loose" says none do).
  const looseSaidAt = (i: number) => lex.knowledge.cues.looseWords.has((tokens[i] as Token).low) && ![1, 2].some((k) => NEGATION_CUES.has(tokens[i - k]?.low ?? ''));
  // Typo tolerance is for the rare earths the rules are about: "carton" is no misspelt carbon.
  // Nor is a word of a name of several capitalised words inside a sentence ("Semicon Europa" is no misspelt europia;
  // "We need Dysprosim oxide" is still dysprosium).
  // (A capitalised item word beside it, "Dysprosim Oxide", is the goods' own name in title case.)
  const allItemHits = itemWordHits(tokens, lex);
  const itemWordAt = (i: number) => allItemHits.some((x) => !x.fuzzy && x.start <= i && i < x.end);
  const capitalised = (i: number) => /^\p{Lu}\p{Ll}/u.test(tokens[i]?.raw ?? '') && !itemWordAt(i);
  const properName = (h: PhraseHit<ItemTag>) => h.start > 0 && !(tokens[h.start - 1] as Token).clauseEnd && capitalised(h.start)
    && ((capitalised(h.start - 1) && !(tokens[h.start - 1] as Token).commaAfter) || (capitalised(h.end) && !(tokens[h.start] as Token).commaAfter && !(tokens[h.start] as Token).clauseEnd));
  const phraseHits = allItemHits.filter((h) => !(h.fuzzy && h.value.kind === 'element' && (!lex.knowledge.rareEarths.has(h.value.element) || properName(h))));
  const taken = positionsOf(phraseHits);
  const allHits = [...phraseHits, ...knowledgeHits(tokens, text, lex, taken)].sort((a, b) => a.start - b.start);
  // "42UH NdFeB segments — sorry, scratch that: they are ferrite Y30BH segments": the goods named after the asker
  // corrects itself replace those named before.
  const corrected = SELF_CORRECTION.exec(text);
  const from = corrected ? tokens.findIndex((t) => t.start >= corrected.index) : -1;
  const hits = from >= 0 && allHits.some((h) => h.start >= from) ? allHits.filter((h) => h.start >= from) : allHits;
  const covered = positionsOf(hits);
  // "loose, in boxes of 500": a short reply opening on a word of looseness, naming no goods, says the goods under
  // discussion travel on their own, not built into a product.
  // ("loose, not in any assembly": goods said not to be there are none.)
  const negatedHit = (h: PhraseHit<ItemTag>) => [1, 2, 3].some((k) => NEGATION_CUES.has(tokens[h.start - k]?.low ?? ''));
  if (hits.every(negatedHit) && tokens.length <= SHORT_REPLY_WORDS && lex.knowledge.cues.looseWords.has(tokens[0]?.low ?? '')) {
    return { item: { besideProduct: false }, genericOnly: false, hits: 0, spans: [], unknownObject: undefined, itemSpan: undefined };
  }

  // "it's added on purpose in the diffusion step, not impurity": a turn naming no goods that denies a trace says the
  // element in the goods under discussion is there by intent.
  const traceAt = tokens.flatMap((t, i) => (TRACE_WORDS.has(t.low) ? [i] : []));
  // A negation one or two words before the word at `i` ("not impurity", "not calcined yet").
  const deniedAt = (i: number) => [1, 2].some((k) => NEGATION_CUES.has(tokens[i - k]?.low ?? ''));
  if (hits.length === 0 && traceAt.length > 0 && traceAt.every(deniedAt)) {
    return { item: { traceImpurityOnly: false }, genericOnly: false, hits: 0, spans: [], unknownObject: undefined, itemSpan: undefined };
  }

  // "permanent-magnet propulsion motors", "magnet traction motors": a magnet word one or two plain words before a
  // product names the kind of product, as "permanent magnet motors" does with nothing between.
  // So does a material's oxide or compound before a luminescent or catalytic product ("yttrium oxide red phosphor
  // powder", "Eu-doped oxide green phosphor"): the product is made of it (MOFCOM FAQ No. 5's phosphors, brief R2).
  // (A named compound too: "YAG yellow phosphor powder", "Gd2O2S green phosphor screens".)
  const materialWord = (prev: PhraseHit<ItemTag>) => (prev.value.kind === 'form' && (prev.value.form === 'oxide' || prev.value.form === 'compound')) || prev.value.kind === 'compound';
  const magnetModifiesProduct = (prev: PhraseHit<ItemTag>, h: PhraseHit<ItemTag>) => {
    const magnetWord = prev.value.kind === 'form' && prev.value.form === 'magnet';
    const product = (h.value.kind === 'downstream' && MATERIAL_PRODUCTS.has(h.value.downstream)) || (h.value.kind === 'form' && h.value.form === 'phosphor');
    const madeOf = materialWord(prev) && product;
    if (!(magnetWord || madeOf) || (h.value.kind !== 'downstream' && !madeOf)) return false;
    const between = tokens.slice(prev.end, h.start);
    // ("magnets loose plus rotor cores": a word saying how the magnets travel, or "plus", ends their phrase.)
    return between.length >= 1 && between.length <= 2 && (tokens[prev.end - 1] as Token).commaAfter !== true && !(tokens[prev.end - 1] as Token).clauseEnd
      && between.every((t) => plainModifier(t) && !t.parenBefore && !lex.knowledge.cues.looseWords.has(t.low) && t.low !== 'plus');
  };
  // Runs of adjacent item words; the head of a run is its last word.
  const runs: PhraseHit<ItemTag>[][] = [];
  for (const h of hits) {
    const last = runs.at(-1);
    const prev = last?.at(-1);
    // Punctuation between two item words ends the run: "sensor modules (SmCo magnet" names two things; so does a plus
    // or an ampersand, which join two things as "and" does ("magnet segments + lamination stack").
    const gap = prev ? text.slice((tokens[prev.end - 1] as Token).end, (tokens[h.start] as Token).start) : '';
    // So does a hyphenated word run through unknown parts ("CeO2-ZrO2-La2O3", one mixed oxide).
    // "magnet pressing machines", "electrolyte filling equipment": goods before a process word ending in -ing say what a
    // machine works on; the machine is the thing.
    const worksOn = h.value.kind === 'form' && h.value.form === 'equipment' && /^\s+[\p{L}-]+ing\s+$/u.test(gap);
    // So does a spaced dash, which opens an aside ("SmCo position sensors - magnet, PCB and pins moulded in - to the UK").
    if (last && prev && (prev.end === h.start || /^-[\p{L}\p{N}-]*-$/u.test(gap) || magnetModifiesProduct(prev, h) || worksOn) && !/[(),;:+&]/.test(gap) && !/\s-\s/.test(gap)) last.push(h);
    else runs.push([h]);
  }
  let form: Form | undefined;
  let downstream: Downstream | undefined;
  let genericOnly = false;
  // The head of a run is its last word that says what the thing is: "lutetium metal shipments" is metal.
  // A word that says what the thing is (a form, a product, a material with its form) outranks a trailing element or
  // formula ("PrNd metal (Pr25/Nd75)" is metal).
  const says = (h: PhraseHit<ItemTag>) => h.value.kind === 'form' || h.value.kind === 'downstream' || (h.value.kind === 'compound' && h.value.form !== undefined);
  const head = (run: PhraseHit<ItemTag>[]) => {
    const said = [...run].reverse().find(says);
    if (said?.value.kind === 'form' && SHAPE_WORDS.has((tokens[said.end - 1] as Token).low)) {
      const material = [...run].reverse().find((h) => h.value.kind === 'compound' && h.value.form !== undefined);
      if (material) return material;
    }
    // "Hall sensor modules", "encoder assemblies": a generic assembly word after a named kind of part is that part.
    // Not "VCM magnet assemblies": an assembly that names its magnet is a magnet assembly, for the product named before.
    const magnetAssembly = said !== undefined && said.end - said.start > 1 && tokens.slice(said.start, said.end - 1).some((t) => /^magnet(?:s|ic)?$/.test(t.low));
    if (said?.value.kind === 'downstream' && said.value.downstream === 'other_assembly' && ASSEMBLY_HEADS.has((tokens[said.end - 1] as Token).low) && !magnetAssembly) {
      const named = [...run].reverse().find((h) => h.value.kind === 'downstream' && h.value.downstream !== 'other_assembly');
      if (named) return named;
    }
    // "NCM precursor hydroxide": a chemical class after a battery-material word says what that material is; the battery
    // material is the thing.
    if (said?.value.kind === 'form' && (said.value.form === 'compound' || said.value.form === 'oxide')) {
      const battery = [...run].reverse().find((h) => h.end <= said.start && h.value.kind === 'form' && h.value.form === 'battery_material');
      if (battery) return battery;
    }
    // "elevator machines", "MRI equipment": a generic machine word after a product is that product's machine.
    if (said?.value.kind === 'form' && said.value.form === 'equipment' && said.end - said.start === 1 && MACHINE_HEADS.has((tokens[said.start] as Token).low)) {
      const product = [...run].reverse().find((h) => h.value.kind === 'downstream' && h.end <= said.start);
      if (product) return product;
    }
    // "red phosphor powder Y2O3:Eu": a formula right after a luminescent or catalytic product spells out that product's
    // make-up; the product is the thing (MOFCOM FAQ No. 5's phosphors, brief R2).
    if (said?.value.kind === 'compound' && said.end - said.start === 1) {
      const product = [...run].reverse().find((h) => h.end === said.start && ((h.value.kind === 'downstream' && MATERIAL_PRODUCTS.has(h.value.downstream)) || (h.value.kind === 'form' && h.value.form === 'phosphor')));
      if (product) return product;
    }
    // "motor parts": a part word after a product names unnamed parts of it, which earn no product's carve-out.
    const last = run.at(-1) as PhraseHit<ItemTag>;
    if (said?.value.kind === 'downstream' && last.value.kind === 'generic' && last.start > said.start && PART_OF_NOUNS.has((tokens[last.end - 1] as Token).low)) return last;
    return said ?? [...run].reverse().find((h) => h.value.kind !== 'generic') ?? last;
  };
  // "for hybrid drive motors in civil passenger cars": a product named inside another the goods are for is an end use too.
  // Up to two plain words may describe it after the preposition.
  const nestedInEndUse = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    for (let k = 1; k <= 3; k++) {
      const at = start - k;
      if (at < 1 || tokens.slice(at, start).some((t) => t.clauseEnd || t.commaAfter)) return false;
      if (!INTO_WORDS.has((tokens[at] as Token).low)) {
        if (!plainModifier(tokens[at] as Token)) return false;
        continue;
      }
      const outer = runs.find((r) => r !== run && (r.at(-1)?.end ?? -1) === at);
      return outer !== undefined && isEndUseContext(tokens, outer[0]?.start ?? 0, lex);
    }
    return false;
  };
  const inContext = (run: PhraseHit<ItemTag>[]) => isPartyContext(tokens, head(run), lex, text) || isEndUseContext(tokens, run[0]?.start ?? head(run).start, lex) || nestedInEndUse(run);
  const namesAThing = (run: PhraseHit<ItemTag>[]) => {
    const h = head(run).value;
    return h.kind !== 'element' && !(h.kind === 'compound' && !h.form);
  };
  // "Our supplier proposes to switch us from SmCo to Ce-rich NdFeB": the goods changed over from are left.
  const changedOverFrom = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    const end = run.at(-1)?.end ?? start;
    // ("We switched the magnet in our cochlear implant from NdFeB to SmCo": what is changed may stand between.)
    return tokens[start - 1]?.low === 'from' && CHANGE_OVER_REACH.some((k) => CHANGE_OVER_VERBS.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd))
      && [0, 1, 2].some((k) => tokens[end + k]?.low === 'to' && tokens.slice(start, end + k).every((t) => !t.clauseEnd));
  };
  // "instead of loose magnets, complete rotors": goods named as replaced are not the goods. Nor are goods named as
  // already dealt with ("besides the FCC catalyst, our lab wants yttrium oxide").
  // Up to two words may describe them ("instead of loose Dy magnets").
  const otherGoodsRun = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    const cueAt = (k: number) => [1, 2, 3].some((n) => OTHER_GOODS_CUES.has(tokens.slice(start - k, start - k + n).map((t) => t.low).join(' ')) && start - k + n >= start - 2);
    // (Not across a comma: "instead of finished magnets, NdFeB powder" names the goods after it.)
    return [1, 2, 3, 4, 5].some((k) => start - k >= 0 && cueAt(k) && tokens.slice(start - k, start).every((t) => !t.clauseEnd && !t.commaAfter));
  };
  // "Dy-free N42 (Nd Pr Fe B Al only) instead of N42SH with Dy": an element said to be in the replaced goods tells
  // nothing of the goods asked about, neither there nor absent.
  const otherGoodsEnds = new Set(runs.filter(otherGoodsRun).map((run) => run.at(-1)?.end ?? -1));
  const inOtherGoods = (m: { start: number }) => tokens[m.start - 1]?.low === 'with' && otherGoodsEnds.has(m.start - 1) && !tokens[m.start - 2]?.clauseEnd;
  // "hard ferrite, not SmCo": a family said not to be the goods is neither the item nor its magnet type.
  // "loose, not in any assembly": a place word and a determiner may stand between the negation and the goods word.
  const negatedRun = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    // Never across a sentence end: "(… not intentional). Magnets go from Ganzhou" negates nothing.
    const sameClause = (k: number) => tokens.slice(start - k, start).every((t) => !t.clauseEnd);
    // "no Dy/Tb NdFeB magnet" (无镝铽钕铁硼磁钢): elements said before a magnet family are what the goods lack, not
    // the goods denied.
    const family = run.some((h) => h.value.kind === 'compound' && h.value.magnetType !== undefined);
    const lacking = family && (run.findIndex((h) => h.value.kind !== 'element') > 0 || symbolAt(tokens, start - 1, lex) !== null);
    if (!lacking && [1, 2].some((k) => NEGATION_CUES.has(tokens[start - k]?.low ?? '') && sameClause(k))) return true;
    // "we never see loose magnets": magnets said loose, with a negation a verb before that.
    if (lex.knowledge.cues.looseWords.has(tokens[start - 1]?.low ?? '') && NEGATION_CUES.has(tokens[start - 3]?.low ?? '') && sameClause(3)) return true;
    if (otherGoodsRun(run)) return true;
    if (changedOverFrom(run)) return true;
    const between = [tokens[start - 2]?.low ?? '', tokens[start - 1]?.low ?? ''];
    return NEGATION_CUES.has(tokens[start - 3]?.low ?? '') && sameClause(3) && INTO_WORDS.has(between[0] ?? '') && NEGATED_PLACE_DETERMINERS.has(between[1] ?? '');
  };
  const negatedHits = new Set(runs.filter(negatedRun).flat());
  // Goods changed over from hold none of the new goods' make-up (unlike goods "instead of" which, in another form, they
  // may still be: "instead of loose Dy magnets, complete rotors").
  const changedOverHits = new Set(runs.filter(changedOverFrom).flat());
  // "Semiconductor equipment parts: we need 5N Y2O3 powder …": a short verbless heading before a colon says what the
  // asker deals in; the goods are named after it.
  const headingEnd = tokens.findIndex((t) => t.clauseEnd);
  // "Fab equipment refurbisher (Arizona): …": a parenthesis may close the heading before its colon.
  // "We're a semiconductor equipment refurbisher in Arizona.": an opening sentence introducing the asker is a heading too.
  const intro = ASKER_INTRODUCTIONS.find((phrase) => phrase.every((w, k) => tokens[k]?.low === w));
  const introduces = intro !== undefined && ARTICLES.has(tokens[intro.length]?.low ?? '');
  const heading = headingEnd >= 0 && ((headingEnd <= 5 && /^\s*\)?\s*:/.test(text.slice((tokens[headingEnd] as Token).end))) || (introduces && headingEnd <= 12)) ? headingEnd : -1;
  // Only a heading of machines or unnamed parts: "Elevator traction machine rotors: 42UH Dy magnets mounted …" and
  // "Question on an N35 grade: …" name the goods themselves.
  const inHeading = (run: PhraseHit<ItemTag>[]) => {
    const tag = head(run).value;
    return (run.at(-1)?.end ?? 0) - 1 <= heading && (tag.kind === 'generic' || (tag.kind === 'form' && tag.form === 'equipment'));
  };
  // "cross-contamination from the furnace", "offcuts from their line": a machine after "from" is where something came
  // from, not the goods (materials after "from" are inputs the place reader reads).
  const sourceRun = (run: PhraseHit<ItemTag>[]) => {
    const tag = head(run).value;
    const start = run[0]?.start ?? 0;
    // "Dy from cross-contamination in the furnace": the machine closes a "from" phrase a few words on.
    const fromBefore = [1, 2, 3, 4, 5].some((k) => tokens[start - k]?.low === 'from' && tokens.slice(start - k, start).every((t) => !t.clauseEnd && !t.commaAfter));
    const afterFrom = tokens[start - 1]?.low === 'from' || (DETERMINERS.has(tokens[start - 1]?.low ?? '') && tokens[start - 2]?.low === 'from') || fromBefore;
    // "it's furnace cross-contamination": a machine naming the kind of contamination is its source too.
    const end = run.at(-1)?.end ?? 0;
    const namesContamination = [0, 1].some((k) => TRACE_SOURCE_NOUNS.has(tokens[end + k]?.low ?? '') && tokens.slice(end - 1, end + k).every((t) => !t.clauseEnd && !t.commaAfter));
    // "cross-contamination in the furnace": a machine a few words after the trace noun is where the trace came from.
    const afterTrace = [1, 2, 3, 4, 5].some((k) => TRACE_SOURCE_NOUNS.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd && !t.commaAfter));
    return (afterFrom || namesContamination || afterTrace) && tag.kind === 'form' && tag.form === 'equipment';
  };
  // "the amplifiers' raw fibre", "the rotor's magnet blocks": goods named right after a possessive are the goods; the
  // possessor says whose or what for. Only a possessive the writer marked, with at most one plain word between.
  const possessorRun = (run: PhraseHit<ItemTag>[]) => {
    const end = run.at(-1)?.end ?? 0;
    const last = tokens[end - 1];
    if (!last || !(POSSESSIVE_ENDING.test(last.raw) || /^['’](?!\w)/u.test(text.slice(last.end)))) return false;
    return runs.some((r) => r !== run && namesAThing(r) && (r[0]?.start ?? 0) >= end && (r[0]?.start ?? 0) <= end + 1
      && tokens.slice(end, r[0]?.start ?? 0).every((t) => plainModifier(t)));
  };
  // "they want photos of the scooter where the magnet is used": a product a document shows, beside magnets or material
  // named as such, is evidence asked for, not the goods.
  const documentedProduct = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    const of = DETERMINERS.has(tokens[start - 1]?.low ?? '') || ASKER_POSSESSIVES.has(tokens[start - 1]?.low ?? '') ? start - 2 : start - 1;
    // "photos of actual production scenes (workshops, machines, workers)": so are products and machines listed further
    // into what the document shows, in its clause.
    const shownFurtherIn = [2, 3, 4, 5, 6, 7, 8].some((k) => tokens[start - k]?.low === 'of' && lex.knowledge.cues.goodsDocumentNouns.has(tokens[start - k - 1]?.low ?? '')
      && tokens.slice(start - k, start).every((t) => !t.clauseEnd));
    const tag = head(run).value;
    const shownRightAfter = tag.kind === 'downstream' && tokens[of]?.low === 'of' && lex.knowledge.cues.goodsDocumentNouns.has(tokens[of - 1]?.low ?? '');
    const shownKind = tag.kind === 'downstream' || (tag.kind === 'form' && tag.form === 'equipment');
    return (shownRightAfter || (shownKind && shownFurtherIn))
      && runs.some((r) => r !== run && namesAThing(r) && !negatedRun(r) && (isMagnetRun(r, head) || isMaterialRun(r, head)));
  };
  // "Do these need the magnet licence?": a magnet word that names a kind of licence, beside other goods named, is no
  // goods of its own.
  const licenceKind = (run: PhraseHit<ItemTag>[]) => {
    const end = run.at(-1)?.end ?? 0;
    const next = tokens[end]?.low === 'export' ? end + 1 : end;
    // Only the bare word: "Dy magnet licences" names the magnets the licence is for.
    const bare = run.every((h) => h.value.kind === 'form' && h.value.form === 'magnet') && !symbolAt(tokens, (run[0]?.start ?? 0) - 1, lex);
    return bare && LICENCE_WORDS.has(tokens[next]?.low ?? '') && tokens.slice(end - 1, next).every((t) => !t.clauseEnd && !t.commaAfter);
  };
  const otherGoods = (run: PhraseHit<ItemTag>[]) => runs.some((r) => r !== run && namesAThing(r) && !licenceKind(r) && !inContext(r) && !negatedRun(r));
  // "loose rings, we assemble them into the cathode here": what the goods are fitted into, after a verb of fitting and
  // its pronoun object, is where they go, not goods (a product there is read as such by the conversation; a material
  // word such as a sputter cathode would otherwise replace the magnets).
  const fittedInto = (run: PhraseHit<ItemTag>[]) => {
    if (head(run).value.kind === 'downstream') return false;
    const start = run[0]?.start ?? 0;
    const into = DETERMINER_WORDS.has(tokens[start - 1]?.low ?? '') ? start - 2 : start - 1;
    if (!INTO_WORDS.has(tokens[into]?.low ?? '')) return false;
    return [1, 2, 3].some((k) => OBJECT_PRONOUNS.has(tokens[into - k]?.low ?? '') && FIXING_VERBS_ACTIVE.has(tokens[into - k - 1]?.low ?? '')
      && tokens.slice(into - k - 1, into).every((t) => !t.clauseEnd));
  };
  const things = runs.filter((run) => namesAThing(run) && !inContext(run) && !negatedRun(run) && !sourceRun(run) && !possessorRun(run) && !documentedProduct(run)
    && !(licenceKind(run) && otherGoods(run)) && !fittedInto(run));
  // Only the heading's machines named, and an element after it ("Vacuum equipment service (Ohio): we need 5N yttria"):
  // the element's material is what is asked for, not the heading.
  const elementAfterHeading = heading >= 0 && hits.some((h) => h.start > heading && h.value.kind === 'element');
  const unheaded = things.some((run) => !inHeading(run)) ? things.filter((run) => !inHeading(run)) : elementAfterHeading ? [] : things;
  // "An alert says foreign firms need a licence for magnets with Chinese Dy. We make motors with such magnets …": goods
  // named bare in what someone else says are the class the claim is about; a product the asker says it makes is what
  // it asks about. ("Our supplier says their 52SH has under 0.1 % Tb" names the goods themselves, with a determiner.)
  const reported = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    // ("says that neodymium magnets need …": "that" after the verb opens what is said, it is no determiner.)
    const opensClaim = tokens[start - 1]?.low === 'that' && CLAIM_VERBS.has(tokens[start - 2]?.low ?? '');
    if (!opensClaim && (DETERMINERS.has(tokens[start - 1]?.low ?? '') || ASKER_POSSESSIVES.has(tokens[start - 1]?.low ?? ''))) return false;
    for (let i = start - 1; i >= 0 && !(tokens[i] as Token).clauseEnd; i--) if (CLAIM_VERBS.has((tokens[i] as Token).low)) return true;
    return false;
  };
  const ownProduct = unheaded.some((run) => head(run).value.kind === 'downstream' && !reported(run) && madeByAsker(tokens, run));
  // So are goods the asker says it buys or wants ("A web shop says China now licenses neodymium magnets. We buy PrNd
  // oxide from China"): the claim is about a class of goods, the purchase names the asker's own.
  // Token positions that hold an item word: what stands between a verb and the goods it governs.
  const itemAt = positionsOf(hits);
  const ownGoods = unheaded.some((run) => !reported(run) && (isMagnetRun(run, head) || isMaterialRun(run, head))
    && (wantedByAsker(tokens, run, itemAt) || boughtAsGoods(tokens, text, run, itemAt)));
  const plain = ownProduct || ownGoods ? unheaded.filter((run) => !reported(run)) : unheaded;
  const reportedAway = new Set(plain === unheaded ? [] : unheaded.filter(reported).flat());
  // "a new formula for our 45SH rotor magnets": with no other goods named, the magnets or material a purpose phrase is
  // "for" are the goods themselves (the formula, drawing or batch is no item word). A product stays an end use, and
  // a party's own product ("a customer that makes magnets") stays the party's.
  // "Our yttrium oxide powder supplier says …": with nothing else named, what the asker's own supplier sells is the goods.
  // "Our Chinese Dy magnet supplier": a nationality and an element's symbol may stand between the possessive and the goods.
  const ownSupplierOf = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    const end = run.at(-1)?.end ?? 0;
    const named = (t: Token) => /^\p{Lu}/u.test(t.raw) && !t.clauseEnd && !t.commaAfter;
    const ours = ownedByAsker(tokens, run) || [2, 3].some((k) => ASKER_POSSESSIVES.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k + 1, start).every(named));
    return ours && nounRightAfter(tokens, end, SELLER_NOUNS);
  };
  const purposeRuns = runs.filter((run) => namesAThing(run) && !negatedRun(run) && !fittedInto(run)
    && !isPartyContext(tokens, head(run), lex, text) && (isMagnetRun(run, head) || isMaterialRun(run, head)));
  // Bare "our magnet supplier" with no element named anywhere stays a party ("… says it holds a general licence").
  const suppliersGoods = runs.filter((run) => namesAThing(run) && !negatedRun(run) && ownSupplierOf(run) && (isMagnetRun(run, head) || isMaterialRun(run, head))
    && (hits.some((h) => h.value.kind === 'element' || h.value.kind === 'compound') || tokens.some((t) => lex.symbols.has(t.raw))));
  // "Our Chinese SmCo supplier sends qualification samples": goods named only by a generic word are what the asker's own
  // supplier of a named material or magnet makes.
  const onlyGeneric = plain.length > 0 && plain.every((run) => head(run).value.kind === 'generic');
  // "Our Thai magnet plant uses Chinese Dy … customers in Germany want deliveries": with nothing else named and an
  // element named, only as an input, what the asker's own plant makes is the goods.
  // (Elements by name or by symbol: "Chinese dysprosium", "Chinese Dy".)
  const elementStarts = [...hits.filter((h) => h.value.kind === 'element').map((h) => h.start), ...tokens.flatMap((_, i) => (!covered.has(i) && symbolAt(tokens, i, lex) ? [i] : []))];
  const elementsOnlyInputs = elementStarts.length > 0 && elementStarts.every((at) => [1, 2, 3].some((k) => INPUT_VERBS.has(tokens[at - k]?.low ?? '')
    && tokens.slice(at - k, at).every((t) => !t.clauseEnd)));
  const ownPlantsGoods = elementsOnlyInputs ? runs.filter((run) => namesAThing(run) && !negatedRun(run) && ownedByAsker(tokens, run)
    && nounRightAfter(tokens, run.at(-1)?.end ?? 0, PRODUCTION_SITES) && (isMagnetRun(run, head) || isMaterialRun(run, head))) : [];
  // "Since magnets are stuck, management wants to import complete hub motors from China instead": goods in a reason
  // clause that opens the sentence are why the asker asks; goods of the main clause after it are what it asks about.
  const inOpeningReason = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    const open = clauseStartOf(tokens, start);
    // ("As a stop-gap we send our rotors …": "as" before an article is a preposition, not a reason.)
    if (!REASON_CONJUNCTIONS.has(tokens[open]?.low ?? '') || (tokens[open]?.low === 'as' && ARTICLES.has(tokens[open + 1]?.low ?? ''))) return false;
    if (tokens.slice(open, start).some((t) => t.commaAfter)) return false;
    const commaAt = tokens.findIndex((t, i) => i >= (run.at(-1)?.end ?? start) - 1 && t.commaAfter);
    return commaAt >= 0 && tokens.slice(start, commaAt).every((t) => !t.clauseEnd);
  };
  const mainClause = plain.filter((run) => !inOpeningReason(run));
  const plainGoods = mainClause.length > 0 && mainClause.length < plain.length ? mainClause : plain;
  const candidates = onlyGeneric && suppliersGoods.length > 0 ? suppliersGoods : plainGoods.length > 0 ? plainGoods : purposeRuns.length > 0 ? purposeRuns
    : suppliersGoods.length > 0 ? suppliersGoods : ownPlantsGoods;
  const elements: ElementMention[] = [];
  let magnetType: string | undefined;
  // "a plant in Penang that makes cerium magnets": another party's product says nothing about the goods' composition,
  // when the goods are named elsewhere. (An end use keeps its family: "settings for their 45SH grade" are NdFeB's.)
  // "Our Chinese SmCo supplier ships magnets to them": magnets named bare are what the asker's own supplier of a
  // named family makes, so the family is theirs.
  const composed = (run: PhraseHit<ItemTag>[]) => run.some((h) => h.value.kind === 'element' || h.value.kind === 'compound');
  // So are magnets named bare beside any maker or seller of one family ("A Chinese SmCo maker wants to exhibit magnets"):
  // its magnets are of that family.
  const makersFamily = (run: PhraseHit<ItemTag>[]) => isMagnetRun(run, head) && composed(run) && !negatedRun(run)
    && (nounRightAfter(tokens, run.at(-1)?.end ?? 0, SELLER_NOUNS) || nounRightAfter(tokens, run.at(-1)?.end ?? 0, MAKER_WORDS));
  const suppliersMake = candidates.some((run) => isMagnetRun(run, head)) && !candidates.some(composed)
    ? [...suppliersGoods.filter((run) => isMagnetRun(run, head) && composed(run)), ...runs.filter((run) => !suppliersGoods.includes(run) && makersFamily(run))] : [];
  const described = new Set(candidates.length > 0 ? runs.filter((run) => namesAThing(run) && !candidates.includes(run) && !suppliersMake.includes(run) && isPartyContext(tokens, head(run), lex, text)).flat() : []);
  // "Magnets glued on a small steel base plate": a material named with all of its make-up and no rare earth, and no
  // magnet family or form (steel), is the carrier of rare-earth goods named beside it, not part of their make-up.
  const rareEarthFree = (v: ItemTag) => v.kind === 'compound' && v.complete === true && v.magnetType === undefined && v.form === undefined
    && !v.elements.some((e) => lex.knowledge.rareEarths.has(e));
  const rareEarthNamed = hits.some((h) => !negatedHits.has(h) && ((h.value.kind === 'element' && lex.knowledge.rareEarths.has(h.value.element))
    || (h.value.kind === 'compound' && !rareEarthFree(h.value)) || (h.value.kind === 'form' && (h.value.form === 'magnet' || h.value.form === 'magnet_powder'))));
  for (const h of hits) {
    if (described.has(h) || changedOverHits.has(h) || reportedAway.has(h) || (rareEarthNamed && rareEarthFree(h.value))) continue;
    if (h.value.kind === 'element') elements.push({ element: h.value.element, start: h.start, end: h.end, oxide: h.value.oxide });
    if (h.value.kind === 'compound') {
      for (const e of h.value.elements) elements.push({ element: e, start: h.start, end: h.end, oxide: false, family: h.value.magnetType !== undefined });
      if (!negatedHits.has(h)) magnetType ??= h.value.magnetType;
    }
  }
  tokens.forEach((_, i) => {
    if (covered.has(i)) return;
    const el = symbolAt(tokens, i, lex);
    if (el) elements.push({ element: el, start: i, end: i + 1, oxide: isFormulaOxide(tokens[i], lex) });
  });
  const elementTokens = positionsOf(elements);
  const familyTokens = positionsOf(elements.filter((m) => m.family === true));

  const present = new Set<Element>();
  const absent = new Set<Element>();
  let complete = false;
  for (const m of elements) {
    // "no idea whether there's Dy", "might have some Tb": neither present nor absent, so the rules ask.
    if (hedgedBefore(tokens, m.start) || inOtherGoods(m)) continue;
    // "Light rare earths - is there licence like for Dy?", "stricter than Tb": an element the goods are compared with
    // is no part of them.
    // ("less than 0.1 % Dy" compares an amount of Dy, which is there.)
    const amountBefore = [1, 2].some((k) => /\d/.test(tokens[m.start - k]?.raw ?? ''));
    if ((comparisonStandardAt(tokens, m.start) && !amountBefore) || (TOPIC_AFTER_COMPARISON.has(tokens[m.start - 1]?.low ?? '') && lex.knowledge.cues.comparisonWords.has(tokens[m.start - 2]?.low ?? ''))) continue;
    // "无镝铽钕铁硼磁钢" ("no Dy, Tb NdFeB magnets"), "no Dy NdFeB": a negation that reaches a magnet family only through
    // elements said before it denies those elements; the family is what the goods are. Only a list of families carries
    // it ("no SmCo or NdFeB").
    const afterElement = m.family === true && elementTokens.has(m.start - 1) && !familyTokens.has(m.start - 1);
    const negatedBefore = !afterElement && cueBefore(tokens, m.start, m.family === true ? familyTokens : elementTokens, NEGATION_CUES, NO_STOPS, text);
    const negated = negatedBefore || negatedAfter(tokens, text, m.end, elementTokens) || replacedElement(tokens, m) || zeroAmount(tokens, text, m, elementTokens);
    if (negated) absent.add(m.element);
    else {
      present.add(m.element);
      // "The composition includes Nd and Pr" names some of it, not all: an open-list word between cue and element.
      if (cueBefore(tokens, m.start, elementTokens, COMPLETE_CUES, OPEN_LIST_WORDS)) complete = true;
      // "Composition per our test report: Nd, Pr, Fe, B": a list opened by a composition word and a colon is the whole.
      const lead = text.slice(Math.max(0, (tokens[m.start] as Token).start - 60), (tokens[m.start] as Token).start);
      if (COMPOSITION_LIST_LEAD.test(lead)) complete = true;
      // "Nd, Pr, Fe, B, Cu, Al only": the cue after the list.
      let j = m.end;
      while (j < tokens.length && (elementTokens.has(j) || (tokens[j] as Token).low === 'and') && !(tokens[j - 1] as Token).clauseEnd) j++;
      if (j < tokens.length && !(tokens[j - 1] as Token).clauseEnd && COMPLETE_AFTER.has((tokens[j] as Token).low)) complete = true;
    }
  }
  // Said both ways ("a Dy-free grade, but the ICP shows Dy 0.02 %"): a trace is still there, so presence wins.
  for (const p of present) absent.delete(p);

  // Safety by construction: a product counts as the item (and can earn the downstream carve-out) only when every
  // bare magnet or material named beside it is said to be inside it; otherwise that material is what is shipped.
  let primary = candidates.find((run) => head(run).value.kind !== 'generic') ?? candidates[0];
  // "A permanent-magnet rim-drive thruster unit (motor, magnets inside, …)": a hyphened magnet word before another noun
  // says what the goods have, not what they are; a product named beside it is the goods.
  const attributive = (run: PhraseHit<ItemTag>[]) => {
    const last = tokens[(run.at(-1)?.end ?? 1) - 1] as Token;
    const next = tokens[run.at(-1)?.end ?? 0];
    // Only the bare word ("permanent-magnet"): a grade or family ("YXG-30H ring magnets") names the magnets themselves.
    return run.every((h) => h.value.kind === 'form' && h.value.form === 'magnet') && last.hyphenBefore && !last.clauseEnd && !last.commaAfter && next !== undefined && /^\p{L}/u.test(next.raw) && !CLOSED_CLASS.has(next.low);
  };
  if (primary && attributive(primary)) primary = candidates.find((run) => run !== primary && head(run).value.kind === 'downstream') ?? primary;
  // "We polish our sapphire watch crystals with cerium oxide powder", "we colour crystal glass with erbium oxide": "crystal"
  // alone is as often a watch glass or lead glass as a laser crystal, so a bare "crystal" with no make-up of its own
  // yields to goods named by their composition and form.
  const namesMakeUp = (run: PhraseHit<ItemTag>[]) => run.some((h) => h.value.kind === 'element' || h.value.kind === 'compound');
  const namesForm = (run: PhraseHit<ItemTag>[]) => run.some((h) => h.value.kind === 'form' || (h.value.kind === 'compound' && h.value.form !== undefined));
  if (primary && primary.every((h) => h.value.kind === 'form' && h.value.form === 'crystal')) {
    primary = candidates.find((run) => run !== primary && namesMakeUp(run) && namesForm(run)) ?? primary;
  }
  // Goods the asker buys in are asked about on their own, unless the product is what is sold on ("build them into motors
  // here and sell the motors to Norway").
  // A verb of selling or shipping right before the goods' words, in their clause ("sell the motors", "ship magnets").
  const soldByVerb = (run: PhraseHit<ItemTag>[]) => [1, 2, 3].some((k) => {
    const i = (run[0]?.start ?? 0) - k;
    return i >= 0 && EXPORT_VERBS.has((tokens[i] as Token).low) && !tokens.slice(i, run[0]?.start ?? 0).some((t) => t.clauseEnd);
  });
  const productSold = runs.some((run) => head(run).value.kind === 'downstream' && soldByVerb(run));
  // "We buy SmCo magnets from a distributor, build them into hearing aids and sell the hearing aids": the product the
  // magnets are fitted into and that is sold is the goods.
  const runWords = (run: PhraseHit<ItemTag>[]) => tokens.slice(run[0]?.start ?? 0, run.at(-1)?.end ?? 0).map((t) => t.low).join(' ');
  const soldWords = new Set(runs.filter((run) => head(run).value.kind === 'downstream' && soldByVerb(run)).map(runWords));
  const fittedHolder = (goods: PhraseHit<ItemTag>[]) => runs.find((run) => head(run).value.kind === 'downstream' && soldWords.has(runWords(run))
    && pronounFittedInto(tokens, goods.at(-1)?.end ?? 0, run[0]?.start ?? 0));
  const soldHolder = primary && (isMagnetRun(primary, head) || isMaterialRun(primary, head)) ? fittedHolder(primary) : undefined;
  if (soldHolder) primary = soldHolder;
  // "PCBAs that include small NdFeB magnets we bought from China": goods a product is said to hold, by a verb of holding
  // right before them, are inside it, though the asker bought them.
  // (Not what a carton or a box holds, nor goods said bare: "the cartons contain bare SmCo blocks".)
  const heldByVerb = (run: PhraseHit<ItemTag>[]) => [1, 2, 3, 4].some((k) => {
    const verb = (run[0]?.start ?? 0) - k;
    return PRODUCT_HOLDS_VERBS.has(tokens[verb]?.low ?? '') && !CARRYING_CONTAINERS.has(tokens[verb - 1]?.low ?? '')
      && tokens.slice(verb, run[0]?.start ?? 0).every((t) => !t.clauseEnd && !t.commaAfter && !lex.knowledge.cues.looseWords.has(t.low));
  });
  // "Our Penang line makes scintillator ceramics. We want Gd2O3 from a Chinese refinery": what the asker makes is its
  // trade; the goods it wants or buys in are what the question is about.
  // So is its own material ("we dope our cathode with yttrium, buying Y(NO3)3 from Jiangxi"). Goods listed with it ("our
  // AlNiCo magnets and the ferrite segments we import") are asked about together, so it stays.
  if (primary && !productSold && (madeByAsker(tokens, primary) || ownedByAsker(tokens, primary))) {
    const first = primary;
    const listedWith = (run: PhraseHit<ItemTag>[]) => {
      const between = tokens.slice(first.at(-1)?.end ?? 0, run[0]?.start ?? 0);
      // A verb between joins clauses, not goods: "we assemble control rods in Finland and want some samaria".
      const verb = between.some((t) => WANT_VERBS.has(t.low) || PURCHASE_VERBS.has(t.low) || TRADE_VERBS.has(t.low));
      return between.length <= 8 && !verb && !between.some((t) => t.clauseEnd) && between.some((t) => LIST_JOINERS.has(t.low));
    };
    // So is a machine it buys for that trade ("our own battery pack assembly … want to buy a cell stacking machine"):
    // equipment has rules of its own (No. 56, No. 58).
    const machineRun = (run: PhraseHit<ItemTag>[]) => { const v = head(run).value; return v.kind === 'form' && v.form === 'equipment'; };
    const wanted = runs.find((run) => run !== first && !inContext(run) && !negatedRun(run) && !listedWith(run) && !heldByVerb(run) && (isMagnetRun(run, head) || isMaterialRun(run, head) || machineRun(run))
      && (wantedByAsker(tokens, run, itemAt) || boughtAsGoods(tokens, text, run, itemAt)));
    if (wanted) primary = wanted;
  }
  // "We assemble e-bikes in Poland. We import complete hub motors from Changzhou": a product the asker buys in, beside
  // the one it makes, is the goods; what it makes is its trade. (Importing is also a verb of moving goods, so the
  // product bought in counts as sold above.)
  if (primary && head(primary).value.kind === 'downstream' && madeByAsker(tokens, primary)) {
    const first = primary;
    const boughtIn = runs.find((run) => run !== first && head(run).value.kind === 'downstream' && !inContext(run) && !negatedRun(run) && boughtAsGoods(tokens, text, run, itemAt));
    if (boughtIn) primary = boughtIn;
  }
  // "We are a buyer for mining equipment … asked to buy the SmCo magnet blocks ourselves": magnets or material the asker
  // buys, wants or ships, and not said to be inside the machine named, are the goods; the machine is the asker's trade
  // or where the goods go. Deciding on the machine cleared bare magnet blocks.
  const machine = primary ? head(primary).value : undefined;
  if (primary && machine?.kind === 'form' && machine.form === 'equipment') {
    const goods = candidates.find((run) => run !== primary && (isMagnetRun(run, head) || isMaterialRun(run, head)) && !magnetsInside(tokens, text, run, lex)
      && (wantedByAsker(tokens, run, itemAt) || boughtAsGoods(tokens, text, run, itemAt) || soldByVerb(run)));
    // "hoisting machine MX-series, complete gearless PM motors w/ magnets inside": a product named with its magnets
    // inside is the goods; the machine names the line it belongs to. (A machine's own magnets leave it the goods:
    // "a jet mill with NdFeB magnets inside".)
    const product = goods ? undefined : candidates.find((run) => run !== primary && head(run).value.kind === 'downstream'
      && runs.some((m) => (m[0]?.start ?? 0) >= (run.at(-1)?.end ?? 0) && (m[0]?.start ?? 0) - (run.at(-1)?.end ?? 0) <= 2 && isMagnetRun(m, head) && magnetsInside(tokens, text, m, lex)));
    if (goods) primary = goods;
    else if (product) primary = product;
  }
  // "A German magnet maker using Chinese Tb metal … whether we need a licence to ship magnets to them": the material
  // used is an input, the magnets shipped are the goods (and the material their Chinese content).
  if (primary && isMaterialRun(primary, head)) {
    const start = primary[0]?.start ?? 0;
    // "Chinese Dy oxide ~2 % of value, magnets sold to Mexico": material given as a share of value is an input too.
    const endChar = (tokens[(primary.at(-1)?.end ?? 1) - 1] as Token).end;
    const shareOfValue = SHARE_OF_VALUE_AFTER.test(text.slice(endChar, endChar + 40));
    const usedAsInput = shareOfValue || [1, 2, 3].some((k) => INPUT_VERBS.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd && !t.commaAfter));
    // "magnets sold to Mexico": a participle of selling or shipping right after the goods' words sells them too.
    const soldAfter = (run: PhraseHit<ItemTag>[]) => EXPORT_VERBS.has(tokens[run.at(-1)?.end ?? 0]?.low ?? '') && !(tokens[(run.at(-1)?.end ?? 1) - 1] as Token).clauseEnd;
    const shipped = runs.find((run) => run !== primary && isMagnetRun(run, head) && !inContext(run) && !negatedRun(run) && (soldByVerb(run) || soldAfter(run)));
    // "Chinese Dy oxide at 3 % of value in our Indonesian-made NdFeB magnets": material said to be in magnets named after
    // it, in its clause, is what they are made with; the magnets are the goods. Only words describing the magnets may
    // stand between "in" and them ("in our Indonesian-made", not "in our warehouse for").
    const materialEnd = primary.at(-1)?.end ?? 0;
    const heldIn = (run: PhraseHit<ItemTag>[]) => {
      const between = tokens.slice(materialEnd, run[0]?.start ?? 0);
      const inAt = between.findIndex((t) => t.low === 'in');
      return inAt >= 0 && between.length <= 8 && between.every((t) => !t.clauseEnd)
        && between.slice(inAt + 1).every((t) => DETERMINERS.has(t.low) || (/^[\p{L}-]+$/u.test(t.raw) && !t.commaAfter && !CLOSED_CLASS.has(t.low) && !DEST_WORDS.has(t.low)));
    };
    const holder = runs.find((run) => run !== primary && (run[0]?.start ?? 0) >= materialEnd && isMagnetRun(run, head) && !inContext(run) && !negatedRun(run) && heldIn(run));
    // "We import Chinese Dy oxide and reduce it to Dy metal in Finland": material the asker makes into other goods
    // ("reduce it to", "convert the oxide into") is their input; what it becomes is the goods.
    const becomes = runs.find((run) => run !== primary && (run[0]?.start ?? 0) >= materialEnd && (isMaterialRun(run, head) || isMagnetRun(run, head))
      && !inContext(run) && !negatedRun(run) && madeInto(tokens, materialEnd, run[0]?.start ?? 0));
    if (usedAsInput && shipped) primary = shipped;
    else if (holder) primary = holder;
    else if (becomes) primary = becomes;
  }
  // Magnets said to be inside the product decided on ("looms with servo motors, magnets inside"): rare-earth goods,
  // whatever else a product of that kind might be.
  let magnetsBuiltIn = false;
  if (primary && head(primary).value.kind === 'downstream') {
    // Once the magnets are said to be inside ("magnets embedded in the TPU"), a later "the magnets" is the same
    // magnets, unless the asker says some ship loose or as spares.
    const compared = (run: PhraseHit<ItemTag>[]) => [1, 2, 3].some((k) => lex.knowledge.cues.comparisonWords.has(tokens[(run[0]?.start ?? 0) - k]?.low ?? ''));
    // ("the magnet licence" names a licence, not magnets beside the product.)
    // (Nor goods an opening reason clause names: "Since magnets are stuck, we import motors instead".)
    const whyAsked = (run: PhraseHit<ItemTag>[]) => plainGoods !== plain && inOpeningReason(run);
    const materialRuns = runs.filter((run) => (isMagnetRun(run, head) || isMaterialRun(run, head)) && !compared(run) && !negatedRun(run) && !licenceKind(run) && !whyAsked(run));
    // "Magnetic phone cases … The magnets are N52": the magnets, named again with "the" after the product and described
    // by "are", are that product's magnets.
    const productEndAt = primary.at(-1)?.end ?? 0;
    // So are bare magnets that open their own clause with such a verb ("… motors made in Ningbo; magnets contain Dy").
    const opensClause = (run: PhraseHit<ItemTag>[]) => (tokens[(run[0]?.start ?? 0) - 1]?.clauseEnd ?? false) && describingVerbAt(tokens, run.at(-1)?.end ?? 0);
    // (Not when the asker sells the product and asks about "the magnet licence": "We sell ROVs … should we expect the
    // magnet licence for us to be refused? Magnets are Dy NdFeB" describes the magnets the licence is for, bought in.)
    const magnetLicenceForSoldProduct = productSold && runs.some(licenceKind);
    const describedAgain = (run: PhraseHit<ItemTag>[]) => (run[0]?.start ?? 0) >= productEndAt && !magnetLicenceForSoldProduct && (describedByVerb(tokens, run, 3) || opensClause(run));
    const bought = new Set(productSold ? [] : materialRuns.filter((run) => boughtAsGoods(tokens, text, run, itemAt)));
    // "gadolinia (Gd2O3) powder": a material in parentheses right after another names the same goods again, it is no
    // part listed inside the product.
    // So is one after a shape word that ends the other's phrase: "NdFeB tiles (GBD with terbium)".
    const appositive = (run: PhraseHit<ItemTag>[]) => {
      const start = run[0]?.start ?? 0;
      return materialRuns.some((r) => {
        const end = r.at(-1)?.end ?? 0;
        return end > 0 && start - end >= 0 && start - end <= 1
          && /^[\s\p{L}-]*\(\s*$/u.test(text.slice((tokens[end - 1] as Token).end, (tokens[start] as Token).start));
      });
    };
    // "phosphor powders: YAG:Ce yellow phosphor and a green phosphor": material of the product's own kind names the
    // product again, it is no loose material beside it.
    const productKind = head(primary).value;
    const ofKind = (run: PhraseHit<ItemTag>[]) => {
      const tag = head(run).value;
      return tag.kind === 'form' && productKind.kind === 'downstream' && tag.form === productKind.downstream;
    };
    // "YAG:Ce yellow phosphor": a material named right before a form word of that kind is that kind.
    const sameKind = (run: PhraseHit<ItemTag>[]) => ofKind(run) || runs.some((r) => {
      const gap = (r[0]?.start ?? 0) - (run.at(-1)?.end ?? 0);
      return r !== run && gap >= 0 && gap <= 2 && ofKind(r) && tokens.slice(run.at(-1)?.end ?? 0, r[0]?.start ?? 0).every((x) => !x.clauseEnd && !x.commaAfter);
    });
    // "We buy SmCo magnets from a distributor, build them into hearing aids and sell the hearing aids": magnets the asker
    // fits into the product it sells are that product's.
    const fittedIntoSold = (run: PhraseHit<ItemTag>[]) => fittedHolder(run) !== undefined;
    // "the Dy-NdFeB magnet pill is NOT moulded in": magnets whose clause denies their fixing are not inside.
    const fixingDenied = (run: PhraseHit<ItemTag>[]) => {
      for (let i = run.at(-1)?.end ?? 0; i < Math.min(tokens.length, (run.at(-1)?.end ?? 0) + 6); i++) {
        const t = tokens[i] as Token;
        if ((FIXING_VERBS.has(t.low) || lex.knowledge.cues.magnetsInsideAfter.has(t.low)) && [1, 2].some((k) => NEGATION_CUES.has(tokens[i - k]?.low ?? ''))) return true;
        if (t.clauseEnd) break;
      }
      return false;
    };
    const inside = new Map(materialRuns.map((run) => {
      const held = heldByVerb(run) || fittedIntoSold(run);
      return [run, (!bought.has(run) || held) && !appositive(run) && !fixingDenied(run) && (held || sameKind(run) || magnetsInside(tokens, text, run, lex) || describedAgain(run))];
    }));
    const saidInside = [...inside.values()].some(Boolean);
    magnetsBuiltIn = [...inside.entries()].some(([run, isInside]) => isInside && isMagnetRun(run, head));
    const saidLoose = tokens.some((_, i) => looseSaidAt(i));
    // "Speed sensor: PCB, pins, a SmCo5 pellet": a list after the product's colon or parenthesis is what it holds.
    const productEnd = tokens[(primary.at(-1) as PhraseHit<ItemTag>).end - 1] as Token;
    const listedInProduct = (run: PhraseHit<ItemTag>[]) => {
      // List markers ("(a) rotors and (b) loose magnets") are no parenthesis about the product.
      const between = text.slice(productEnd.end, (tokens[run[0]?.start ?? 0] as Token).start).replace(/\(\s*(?:[a-h]|\d{1,2}|i{1,3}|iv|v)\s*\)/gi, ' ');
      // A parenthesis, or a colon opening a list of parts ("sensor: PCB, pins, a SmCo5 pellet"); a colon alone is a
      // heading ("For generators: NdFeB magnets with Dy") and says nothing about what is inside what. The colon must
      // follow the product or a short heading after it ("spindle motor; material: steel, NdFeB ring"), not a closed
      // parenthesis: "motors (magnets inside): we also ship spare magnets, …" opens no list of its parts.
      // The parenthesis must still be open: "(Dy magnets bonded into the yoke) and spare magnets" has closed it.
      // "2,000 pcs" lists nothing.
      const colon = between.indexOf(':');
      const headed = colon >= 0 && colon <= PRODUCT_HEADING_MAX && !between.slice(0, colon).includes(')');
      const list = between.lastIndexOf('(') > between.lastIndexOf(')') || (headed && LIST_COMMA.test(between.slice(colon)));
      return (run[0]?.start ?? 0) > (primary?.at(-1)?.end ?? 0) - 1 && list && !/[.?!]/.test(between);
    };
    // "… shafts, and the Dy magnets loose in a separate tray": goods said loose in the list are no part fitted in it.
    const saidLooseHere = (run: PhraseHit<ItemTag>[]) => {
      const start = run[0]?.start ?? 0;
      const end = run.at(-1)?.end ?? start;
      return [...[1, 2].map((k) => start - k), ...[0, 1, 2].map((k) => end + k)].some((i) => lex.knowledge.cues.looseWords.has(tokens[i]?.low ?? '')
        && tokens.slice(Math.min(i, start), Math.max(i, end - 1)).every((t) => !t.clauseEnd && !t.commaAfter));
    };
    // "Hall sensor modules: housing, PCB and a small SmCo magnet. Need licence for the SmCo?": the same family named again
    // with "the", after it was listed as the product's part, is that part, not goods beside the product.
    const familyKey = (run: PhraseHit<ItemTag>[]) => {
      const v = run.map((h) => h.value).find((t) => t.kind === 'compound' || t.kind === 'element');
      return v?.kind === 'compound' ? (v.magnetType ?? [...v.elements].sort().join('')) : v?.kind === 'element' ? v.element : undefined;
    };
    const partNamedAgain = (run: PhraseHit<ItemTag>[]) => {
      const start = run[0]?.start ?? 0;
      const definite = [1, 2].some((k) => DEFINITE_WORDS.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd));
      const key = familyKey(run);
      return definite && key !== undefined && !saidLooseHere(run)
        && materialRuns.some((r) => r !== run && (r.at(-1)?.end ?? 0) <= start && familyKey(r) === key && (inside.get(r) === true || listedInProduct(r)));
    };
    const loose = materialRuns.find((run) => !inside.get(run) && (!listedInProduct(run) || saidLooseHere(run)) && !partNamedAgain(run));
    if (loose && (!saidInside || saidLoose || bought.has(loose))) primary = loose;
  }
  // Several magnet families named ("AlNiCo rods and SmCo discs"): the rare-earth one is what the rules decide on.
  const familyOf = (run: PhraseHit<ItemTag>[]) => run.map((h) => h.value).find((v) => v.kind === 'compound' && v.magnetType !== undefined);
  const rareEarthFamily = (run: PhraseHit<ItemTag>[]) => {
    const f = familyOf(run);
    return f?.kind === 'compound' && f.magnetType !== undefined && RARE_EARTH_MAGNETS.includes(f.magnetType);
  };
  if (primary && familyOf(primary) && !rareEarthFamily(primary)) primary = candidates.find(rareEarthFamily) ?? primary;
  // Two rare-earth families as lines of one order ("N42 NdFeB, no Dy; SmCo 2:17 rings"): No. 18 lists SmCo magnet
  // material whatever its grade and NdFeB only with Dy or Tb (brief R1), so the SmCo line is the one that cannot go
  // without a licence; the stricter line decides the order. Deciding on the NdFeB line cleared a SmCo order.
  const familyIs = (run: PhraseHit<ItemTag>[], type: string) => {
    const f = familyOf(run);
    return f?.kind === 'compound' && f.magnetType === type;
  };
  if (primary && rareEarthFamily(primary) && !familyIs(primary, 'smco')) primary = candidates.find((run) => familyIs(run, 'smco')) ?? primary;
  const primaryFamily = primary ? familyOf(primary) : undefined;
  if (primaryFamily?.kind === 'compound') magnetType = primaryFamily.magnetType;
  // "The magnets are glued into the rotor stack": the product they are fixed in is the item.
  const productRun = candidates.find((run) => head(run).value.kind === 'downstream');
  if (primary && productRun && primary !== productRun && (isMagnetRun(primary, head) || isMaterialRun(primary, head))
    && (builtInto(tokens, primary, productRun) || inProductExported(tokens, primary, productRun))) primary = productRun;
  // "Chinese Dy magnets (about 2 % of motor value)": magnets whose share is given of a product's value are inside that
  // product, which is the goods (not "2 % of the magnet value", the magnets' own). Only a product the message also names
  // outside the share ("… and ships motors to Michigan"): "The magnets come from Ningbo, 4 % of the motor value" after
  // a turn about motors still says where the motors' magnets come from.
  const namedProducts = runs.filter((run) => head(run).value.kind === 'downstream');
  const valuedProduct = primary && isMagnetRun(primary, head) ? productValued(tokens, primary.at(-1)?.end ?? 0, namedProducts) : undefined;
  const downstreamOf = (run: PhraseHit<ItemTag>[]) => {
    const v = head(run).value;
    return v.kind === 'downstream' ? v.downstream : undefined;
  };
  if (valuedProduct && namedProducts.some((run) => run !== valuedProduct && downstreamOf(run) === downstreamOf(valuedProduct))) primary = valuedProduct;
  // "They buy Dy magnets from China, build the motors and ship to us in Italy": a product made after the magnets or
  // material are named, and sent on in the same sentence, is the goods; the magnets went into it.
  const madeThenSent = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    const end = run.at(-1)?.end ?? 0;
    // ("We integrate Tb magnets into Faraday isolators in Brno and sell to …": the magnets fitted into it make it too.)
    // (A word may describe the product after "into": "into water pumps". Only "into": "samples on our stand" are shown
    // there, not fitted.)
    const goodsEnd = primary?.at(-1)?.end ?? -1;
    // ("… Dy magnets into Mexico, build them into car speakers and export the speakers": a pronoun before "into" stands
    // for the goods named before it.)
    const fittedInto = [1, 2].some((k) => tokens[start - k]?.low === 'into' && (goodsEnd >= start - k - 1 || PRONOUN_OBJECTS.has(tokens[start - k - 1]?.low ?? ''))
      && tokens.slice(start - k - 1, start).every((t) => !t.clauseEnd));
    const made = fittedInto || [1, 2].some((k) => MAKE_VERBS.has(tokens[start - k]?.low ?? '') && tokens.slice(start - k, start).every((t) => !t.clauseEnd));
    // The verb of sending right after "and" or "then" ("build the motors and ship", "…, then ship to us"), not a noun
    // ("motors for our ships", "drones for export").
    let sent = false;
    for (let i = end; i < Math.min(tokens.length, end + 6) && !endsSentence(tokens[i - 1] as Token); i++) {
      if (SENDING_VERB_FORMS.has((tokens[i] as Token).low) && THEN_WORDS.has(tokens[i - 1]?.low ?? '')) sent = true;
    }
    return made && sent;
  };
  // (Made by the party that has the magnets, in one run of verbs: not "… to Vietnam, where the customer assembles drones".)
  const sameMaker = (run: PhraseHit<ItemTag>[]) => !tokens.slice(primary?.at(-1)?.end ?? 0, run[0]?.start ?? 0).some((t) => RELATIVE_WORDS.has(t.low) || PLACE_RELATIVES.has(t.low));
  const madeProduct = primary && (isMagnetRun(primary, head) || isMaterialRun(primary, head))
    ? runs.find((run) => head(run).value.kind === 'downstream' && (run[0]?.start ?? 0) > (primary?.at(-1)?.end ?? 0) && madeThenSent(run) && sameMaker(run)) : undefined;
  const inputSpan = madeProduct && primary ? ([primary[0]?.start ?? 0, primary.at(-1)?.end ?? 0] as const) : undefined;
  if (madeProduct) primary = madeProduct;
  // (Not a grade said to be replaced or denied: "Dy-free N42 instead of N42SH".)
  const heavyLikely = hits.some((h) => h.value.kind === 'compound' && h.value.heavyRareEarthLikely === true && !negatedHits.has(h));
  let grade: string | undefined;
  if (primary) {
    const tag = head(primary).value;
    for (const h of primary) if (h.value.kind === 'compound' && h.value.grade) grade ??= h.value.grade;
    // A material that names its whole make-up (ferrite, a formula) settles the composition, but only when it is
    // the item itself and no other magnet family is named beside it ("ferrite and NdFeB magnets").
    if (tag.kind === 'compound' && tag.complete) {
      // Another family that also names its whole make-up ("ferrite arcs and AlNiCo rods") leaves it complete.
      const otherFamily = hits.some((h) => !negatedHits.has(h) && h.value.kind === 'compound' && h.value.magnetType !== undefined && h.value.magnetType !== tag.magnetType && h.value.complete !== true);
      if (!otherFamily) complete = true;
    }
    // "Ferrite arc magnets, grade Y30BH", "Y30BH arc magnets": when every magnet family named spells out its whole
    // make-up (ferrite, AlNiCo and their grades), the magnets asked about have no other rare earth.
    const families = hits.filter((h) => !negatedHits.has(h)).map((h) => h.value).filter((v) => v.kind === 'compound' && v.magnetType !== undefined);
    const magnetHead = (tag.kind === 'form' && tag.form === 'magnet') || (tag.kind === 'compound' && tag.magnetType !== undefined);
    if (magnetHead && families.length > 0 && families.every((v) => v.kind === 'compound' && v.complete === true)) complete = true;
    switch (tag.kind) {
      case 'form':
        form = tag.form;
        if (tag.form === 'phosphor') downstream = 'phosphor';
        // "mixed rare earth carbonate concentrate": a concentrate named by its chemical form is that compound (HS 2846,
        // the compounds of rare-earth metals, holds the mixed carbonate), not an ore concentrate (HS 2530, 2617).
        if (tag.form === 'ore' && primary.some((h) => h.value.kind === 'form' && h.value.form === 'compound' && !negatedHits.has(h))) form = 'compound';
        // "gadolinium contrast-agent precursor", "Lu precursor for Lu-177": a precursor named with a rare earth or one of
        // its compounds is a compound of it (a chemical that makes the other); the battery trade's precursor is its
        // cathode material's (NCM hydroxide), named with no rare earth.
        if (tag.form === 'battery_material' && PRECURSOR_NOUNS.has((tokens[head(primary).start] as Token).low)
          && (primary.some((h) => (h.value.kind === 'element' && lex.knowledge.rareEarths.has(h.value.element))
            || (h.value.kind === 'compound' && h.value.elements.some((e) => lex.knowledge.rareEarths.has(e))))
            || [1, 2].some((k) => {
              const symbol = symbolAt(tokens, head(primary).start - k, lex);
              return symbol !== null && lex.knowledge.rareEarths.has(symbol);
            }))) form = 'compound';
        break;
      case 'downstream':
        downstream = tag.downstream;
        form = DOWNSTREAM_FORM[tag.downstream];
        break;
      case 'compound':
        form = tag.form;
        magnetType = tag.magnetType ?? magnetType;
        break;
      case 'generic':
        // "Dy2O3 and Tb4O7 ... for each shipment": a consignment word holds the goods named, it is no other thing.
        if (!CONSIGNMENT_WORDS.has((tokens[head(primary).end - 1] as Token).low)) genericOnly = true;
        break;
      case 'element':
        break;
    }
  }
  // "ceria", "yttria": an oxide named by its own name, of an element present.
  const oxideByName = elements.some((e) => e.oxide && present.has(e.element));
  if (!form && !genericOnly && oxideByName) form = 'oxide';
  // "ceramic (strontium ferrite) magnets": "ceramic magnet" is the trade's name for a ferrite magnet, so a ceramic
  // named with a magnet family and the word magnet is a magnet.
  // Its family spells out its make-up, as "ferrite magnets" does.
  if (form === 'ceramic' && magnetType !== undefined && hits.some((h) => !negatedHits.has(h) && h.value.kind === 'form' && h.value.form === 'magnet')) {
    form = 'magnet';
    const families = hits.filter((h) => !negatedHits.has(h) && h.value.kind === 'compound' && h.value.magnetType !== undefined);
    if (families.every((h) => h.value.kind === 'compound' && h.value.complete === true)) complete = true;
  }
  // "Calcined ... catalyst powder" is the FAQ's calcined rare-earth catalyst, wherever "calcined" stands; "not calcined
  // yet", "un-calcined" is the powder before that step, which the FAQ leaves controlled.
  const calcinedSaid = tokens.some((t, i) => t.low === 'calcined' && !deniedAt(i) && !(t.hyphenBefore === true && tokens[i - 1]?.low === 'un'));
  if (form === 'catalyst' && !downstream && calcinedSaid) downstream = 'calcined_catalyst';
  // An analysis that ends in "Fe balance", or a formula that spells out every element ("Nd-Pr-Ce-La-Fe-B"), lists
  // the whole composition.
  const balance = tokens.some((t, i) => BALANCE_WORDS.has(t.low) && (elementTokens.has(i - 1) || elementTokens.has(i + 1)));
  // A part may be a run of symbols itself ("PrNd-Fe-B").
  const symbolPart = (part: string) => lex.symbols.has(part) || (lex.knowledge.formula(part)?.symbols.every((sym) => lex.symbols.has(sym)) ?? false);
  const spelledOut = [...text.matchAll(/(?<![\p{L}\p{N}])(?:(?:[A-Z][a-z]?){1,3}-){2,}[A-Z][a-z]?(?![\p{L}\p{N}])/gu)]
    .some((m) => (m[0].match(/[A-Z]/g)?.length ?? 0) >= 4 && m[0].split('-').every(symbolPart));
  if (present.size > 0 && (balance || spelledOut)) complete = true;
  // "Al-Mg-Sc powder", "a Tb-Co target": element symbols joined by hyphens, all of them metals and one of them present,
  // name an alloy when no other word says what the goods are.
  const alloyFormula = [...text.matchAll(/(?<![\p{L}\p{N}])[A-Z][a-z]?(?:-[A-Z][a-z]?)+(?![\p{L}\p{N}])/gu)]
    .some((m) => m[0].split('-').every((part) => lex.symbols.has(part) && !lex.knowledge.nonMetals.has(part)) && m[0].split('-').some((part) => present.has(part as Element)));
  if (!form && !genericOnly && alloyFormula) form = 'alloy';
  // "No rare earth at all": the asker says the composition holds none.
  const lowText = text.toLowerCase();
  if (NO_RARE_EARTH.some((p) => lowText.includes(p)) && ![...present].some((e) => lex.knowledge.rareEarths.has(e))) complete = true;
  // "Europium oxide" or "scandium-aluminium alloy" names its whole composition; "NdFeB magnets" or a doped crystal
  // do not (a magnet may hold Dy, a crystal a host), so those stay open.
  // A symbol right before the run names it too ("Nd metal": the symbol is no phrase hit).
  // (Not an NdFeB family name: "NdFeB alloy" leaves open whether it holds Dy or Tb, as "NdFeB magnets" does.)
  const openFamily = (h: PhraseHit<ItemTag>) => h.value.kind === 'compound' && (h.value.magnetType === 'ndfeb' || h.value.magnetType === 'cerium');
  const named = (primary?.some((h) => h.value.kind === 'element' || (h.value.kind === 'compound' && !openFamily(h))) ?? false)
    || (primary !== undefined && elementTokens.has((primary[0]?.start ?? 0) - 1))
    // An oxide's own name names it as "cerium oxide" does.
    || (form === 'oxide' && oxideByName)
    // "oxide of neodymium", "óxido de neodímio": the element right after the form word and "of".
    || (primary !== undefined && OF_WORDS.has(tokens[primary.at(-1)?.end ?? -1]?.low ?? '') && elementTokens.has((primary.at(-1)?.end ?? -1) + 1));
  // Only with an element known present: a doubted one ("whether there is Dy oxide") leaves the make-up open.
  if (named && form !== undefined && PURE_FORMS.includes(form) && present.size > 0) complete = true;
  // "NdFeB alloy powder", "strip-cast NdFeB alloy": an alloy of a magnet family is magnet material before it is
  // pressed, which No. 18 lists as NdFeB magnet material (brief R1), not an alloy of its elements.
  if (form === 'alloy' && (magnetType === 'ndfeb' || magnetType === 'cerium')) form = 'magnet_powder';
  if (form === 'magnet' && !magnetType && (present.has('Sm') && present.has('Co'))) magnetType = 'smco';
  if (form === 'magnet' && !magnetType && present.has('Nd')) magnetType = 'ndfeb';

  // ("Tb added on purpose, not an impurity": a denied trace is none.)
  const trace = traceAt.some((i) => !deniedAt(i));
  const productRuns = runs.filter((run) => head(run).value.kind === 'downstream');
  const productNamed = productRuns.length > 0;
  // "The magnets are glued into the lamination stack": built into something this message does not name (an earlier
  // turn may have) or names only as someone's product, so they are an assembly's part, not bare magnets. Only a verb
  // of fixing counts, never "already".
  // "The magnets inside contain Dy", "the magnets in them are N52": the magnets of a product named in an earlier turn.
  // Magnets said to travel loose ("we put 20 spare magnets in a separate bag") are bare magnets, whatever holds them.
  const saidLooseAnywhere = tokens.some((_, i) => looseSaidAt(i) && !comparisonStandardAt(tokens, i));
  const pointedHolder = form === 'magnet' && primary !== undefined && heldByPointedGoods(tokens, primary);
  if (form === 'magnet' && primary && !saidLooseAnywhere && (builtIn(tokens, primary, new Set(lex.places.find(tokens).map((h) => h.start))) || insideSomethingUnnamed(tokens, primary) || insideProductNamed(tokens, primary, productRuns) || pointedHolder)) {
    // "Magnetic phone cases made in Dongguan. The magnets inside are N52 with Dy": the product named before them is
    // what they sit in, so it is the goods, with rare-earth magnets built in.
    // ("They contain an NdFeB magnet … ship the transducers": goods the pronoun points to may be named after it.)
    const magnetsAt = primary[0]?.start ?? 0;
    const before = productRuns.filter((run) => (run.at(-1)?.end ?? 0) <= magnetsAt).at(-1);
    const holder = insideSomethingUnnamed(tokens, primary) ? before : pointedHolder ? before ?? productRuns.find((run) => (run[0]?.start ?? 0) > magnetsAt) : undefined;
    const holderTag = holder ? head(holder).value : undefined;
    if (holderTag?.kind === 'downstream') {
      form = DOWNSTREAM_FORM[holderTag.downstream];
      downstream = holderTag.downstream;
      magnetsBuiltIn = true;
    } else {
      form = 'component';
      downstream = 'other_assembly';
    }
  }

  // "They go into EPS motors": the goods are the ones an earlier turn named, and they go beside (into) a product.
  if (primary && form !== undefined && downstream !== undefined && present.size === 0 && !magnetType && pointedGoodsGoInto(tokens, primary)) {
    return { item: { besideProduct: true }, genericOnly: false, hits: 0, spans: hits.map((h) => [h.start, h.end] as const), unknownObject: undefined, itemSpan: undefined };
  }
  const item: ItemFrame = {};
  if (present.size) item.elementsPresent = [...present];
  if (absent.size) item.elementsAbsent = [...absent];
  if (complete) item.compositionComplete = true;
  if (form) item.form = form;
  if (magnetType) item.magnetType = magnetType as ItemFrame['magnetType'];
  if (downstream) item.downstream = downstream;
  if (trace && present.size) item.traceImpurityOnly = true;
  if (grade) item.grade = grade;
  // Bare magnets or material named beside a product (shipped with it, as spares, for a customer who builds it in).
  if (productNamed && !downstream && (form === 'magnet' || form === 'magnet_powder')) item.besideProduct = true;
  // (Only where the kind of product does not say so already: a motor or a molded sensor is rare-earth goods by kind.)
  if (magnetsBuiltIn && downstream !== undefined && !RARE_EARTH_DOWNSTREAM.includes(downstream) && primary !== undefined && head(primary).value.kind === 'downstream') item.sector = 'rare_earth';
  // "The magnets come from Ningbo and contain Dy": magnets named again with "the" and described, nothing said loose, are
  // the magnets of a product the conversation named before (the assistant decides whether there was one).
  if ((form === 'magnet' || form === 'magnet_powder') && primary && !saidLooseAnywhere && describedByVerb(tokens, primary, 2)) item.refersBack = true;
  // "The Dy comes as dysprosium oxide from China": a turn that opens on "the" element and where it comes from speaks of
  // the element in goods named before (their input), not of new goods.
  const opener = elements.find((e) => e.start === 1 && DEFINITE_WORDS.has(tokens[0]?.low ?? '') && COMES_FROM_VERBS.has(tokens[e.end]?.low ?? ''));
  if (opener && present.has(opener.element)) item.refersBack = true;
  // "We buy Tb metal from China for it": a magnet or material bought for something named before is its input.
  // Not "Can our Chinese plant ship SmCo magnets for those motors?": magnets a verb of sending moves are goods of their own.
  const sentGoods = primary !== undefined && [1, 2, 3].some((k) => SENDING_VERB_FORMS.has(tokens[(primary[0]?.start ?? 0) - k]?.low ?? ''));
  // Nor spares said to travel loose ("40 spare magnet segments for these motors, shipped loose"): bare goods of their own.
  if (primary && (isMagnetRun(primary, head) || isMaterialRun(primary, head)) && forPronounAfter(tokens, primary) && !sentGoods && !saidLooseAnywhere) item.refersBack = true;
  // "The servo motors inside the looms have Dy magnets": a part placed inside "the" product is that product's part,
  // the product being one the conversation named before ("the machines", "the units": by its kind or a generic word).
  const primaryEnd = primary?.at(-1)?.end ?? 0;
  const insideNamedProduct = primary !== undefined && head(primary).value.kind === 'downstream' && !(tokens[primaryEnd - 1] as Token).clauseEnd
    && INTO_WORDS.has(tokens[primaryEnd]?.low ?? '') && DEFINITE_WORDS.has(tokens[primaryEnd + 1]?.low ?? '')
    && runs.some((run) => run !== primary && run[0]?.start === primaryEnd + 2 && containerWord(head(run).value));
  if (insideNamedProduct) item.refersBack = true;
  // "Chinese magnets are about 3 % of the drive value": magnets or material said to be a share of another thing's value
  // are parts of that thing, which the conversation named before.
  if (primary && (isMagnetRun(primary, head) || isMaterialRun(primary, head)) && valueShareAfter(tokens, primaryEnd) !== undefined) item.refersBack = true;
  if (primary && (sentGoods || soldByVerb(primary))) item.moved = true;
  // "a complete magnet production line": the goods are a whole line, not a machine (the words that named them say so).
  if (form === 'equipment' && primary && PRODUCTION_LINE.test(text.slice((tokens[primary[0]?.start ?? 0] as Token).start, (tokens[(primary.at(-1) as PhraseHit<ItemTag>).end - 1] as Token).end))) item.productionLine = true;
  if (heavyLikely && !present.has('Dy') && !present.has('Tb') && !(absent.has('Dy') && absent.has('Tb'))) item.heavyRareEarthLikely = true;
  const content = heavyContent(tokens, text, elements.filter((e) => (e.element === 'Dy' || e.element === 'Tb') && present.has(e.element)));
  if (content !== undefined) item.heavyRareEarthPercent = content;
  const spans = hits.map((h) => [h.start, h.end] as const);
  // (An oxide by its own name counts: "yttria-stabilised zirconia".)
  const eligible = (run: PhraseHit<ItemTag>[]) => (namesAThing(run) || isMaterialRun(run, head)) && !inContext(run) && !negatedRun(run) && !sourceRun(run) && !possessorRun(run);
  // Goods a verb of wanting, buying, selling or offering governs ("the partner offered to sell us YSZ").
  const movedAsGoods = (run: PhraseHit<ItemTag>[]) => wantedByAsker(tokens, run, itemAt) || boughtAsGoods(tokens, text, run, itemAt) || soldByVerb(run);
  const otherSpans = primary ? otherGoodsSpans(tokens, text, runs.filter(eligible), primary, head, elementTokens, movedAsGoods) : [];
  const hasItem = Object.keys(item).length > 0;
  // Only words specific to this domain count as evidence of a goods question: "machine" or "wire" alone does not.
  // So do goods said to be of rare earths ("calcined rare-earth catalyst powder", "rare-earth phosphors").
  const rareEarthGoods = (h: PhraseHit<ItemTag>) => (h.value.kind === 'form' || h.value.kind === 'downstream') && [1, 2].some((k) => RARE_EARTH_WORDS.has(tokens[h.start - k]?.low ?? ''));
  const specific = elements.length + hits.filter((h) => h.value.kind === 'compound' || (h.value.kind === 'form' && (h.value.form === 'magnet' || h.value.form === 'magnet_powder')) || rareEarthGoods(h)).length;
  const unknownObject = hasItem || genericOnly ? undefined : unknownObjectOf(tokens, lex);
  const first = primary?.[0];
  const last = primary?.at(-1);
  // Element words right before the run belong to it ("Dy-NdFeB blocks").
  let spanStart = first?.start;
  while (spanStart !== undefined && elementTokens.has(spanStart - 1)) spanStart--;
  const itemSpan = spanStart !== undefined && last ? ([spanStart, last.end] as const) : undefined;
  return { item: hasItem ? item : undefined, genericOnly: genericOnly && !hasItem, hits: specific, spans, unknownObject, itemSpan, ...(otherSpans.length > 0 ? { otherSpans } : {}),
    ...(inputSpan ? { inputSpan } : {}) };
}

/**
 * Other loose goods a message names beside the item ("erbium-doped fibre and Ho:YAG laser rods", "… also offered us
 * yttria-stabilised zirconia and some Dy oxide"): magnets or materials of their own kind, each to be decided on its own.
 * An order is as strict as its strictest line; deciding only the first-named goods cleared a list that held a listed
 * oxide. Not beside a product (what is inside it is read there), nor material said to be in the goods
 * ("washcoat containing ceria"): that describes their make-up.
 */
function otherGoodsSpans(tokens: readonly Token[], text: string, runs: readonly PhraseHit<ItemTag>[][], primary: PhraseHit<ItemTag>[],
  head: (r: PhraseHit<ItemTag>[]) => PhraseHit<ItemTag>, elementTokens: ReadonlySet<number>, movedAsGoods: (run: PhraseHit<ItemTag>[]) => boolean): Array<readonly [number, number]> {
  const kind = head(primary).value;
  if (kind.kind === 'downstream' || kind.kind === 'generic') return [];
  // Listed with other goods: only conjunctions, determiners and describing words between, in one sentence.
  const listedWith = (a: PhraseHit<ItemTag>[], b: PhraseHit<ItemTag>[]) => {
    const from = a.at(-1)?.end ?? 0;
    const to = b[0]?.start ?? 0;
    if (to < from || to - from > 4 || from === 0) return false;
    const between = tokens.slice(from, to);
    if (tokens.slice(from - 1, to).some((t) => t.clauseEnd)) return false;
    const gap = text.slice((tokens[from - 1] as Token).end, (tokens[to] as Token).start);
    const joined = /[,+&]/.test(gap) || between.some((t) => GOODS_COORDINATORS.has(t.low));
    return joined && between.every((t, n) => GOODS_COORDINATORS.has(t.low) || LIST_JOINERS.has(t.low) || DETERMINERS.has(t.low) || elementTokens.has(from + n) || plainModifier(t) || t.hyphenBefore);
  };
  // (Not across other goods: "erbium-doped fibre and Ho:YAG rods" says what the fibre is doped with, not the rods.)
  const thingAt = positionsOf(runs.flat().filter((h) => h.value.kind === 'form' || h.value.kind === 'downstream'));
  const describesMakeUp = (run: PhraseHit<ItemTag>[]) => {
    const start = run[0]?.start ?? 0;
    return [1, 2, 3, 4].some((k) => MAKE_UP_WORDS.has(tokens[start - k]?.low ?? '')
      && tokens.slice(start - k, start).every((t, n) => !t.clauseEnd && !t.commaAfter && !t.parenBefore && !thingAt.has(start - k + n)));
  };
  const out: Array<readonly [number, number]> = [];
  // A material with its own form ("Ho:YAG" is a crystal) is goods as much as a magnet or an oxide is.
  const goods = (run: PhraseHit<ItemTag>[]) => {
    const v = head(run).value;
    return isMagnetRun(run, head) || isMaterialRun(run, head) || (v.kind === 'compound' && v.form !== undefined);
  };
  const goodsRuns = runs.filter((run) => run === primary || goods(run));
  const inList = (run: PhraseHit<ItemTag>[]) => goodsRuns.some((other) => other !== run && (listedWith(other, run) || listedWith(run, other)));
  // "YAG:Ce yellow phosphor powder": a material a word or two before goods of another kind names what they are made
  // of. (Not before a bare shape, "Ho:YAG laser rods": those are the material's own shape.)
  const kindWord = (other: PhraseHit<ItemTag>[]) => other.some((h) => (h.value.kind === 'form' || h.value.kind === 'downstream') && !SHAPE_WORDS.has((tokens[h.end - 1] as Token).low));
  const modifiesGoods = (run: PhraseHit<ItemTag>[]) => {
    const end = run.at(-1)?.end ?? 0;
    return runs.some((other) => {
      const gap = (other[0]?.start ?? 0) - end;
      return other !== run && gap >= 0 && gap <= 2 && kindWord(other) && tokens.slice(end - 1, other[0]?.start ?? 0).every((t, n) => n === 0 ? !t.clauseEnd && !t.commaAfter && !t.parenAfter : plainModifier(t));
    });
  };
  for (const run of goodsRuns) {
    if (run === primary || describesMakeUp(run) || modifiesGoods(run) || !(inList(run) || movedAsGoods(run))) continue;
    // Element words and hyphened words right before the run name its make-up ("Dy oxide", "yttrium-stabilised zirconia").
    let start = run[0]?.start ?? 0;
    const end = run.at(-1)?.end ?? start;
    while (start > 0 && start > (run[0]?.start ?? 0) - 3 && !(tokens[start - 1] as Token).clauseEnd && !(tokens[start - 1] as Token).commaAfter
      && (elementTokens.has(start - 1) || (tokens[start] as Token).hyphenBefore || (tokens[start - 1] as Token).hyphenBefore)) start--;
    out.push([start, end]);
  }
  return out.slice(0, MAX_OTHER_GOODS);
}

/**
 * "Our supplier replaced Dy with holmium", "Dy was replaced by Ce", "holmium replaces the Dy", "Ho instead of Dy",
 * "substituted Ce for Dy": an element another takes the place of is no longer in the goods, unless only in part
 * ("Ho partially replaces Dy").
 */
function replacedElement(tokens: readonly Token[], m: ElementMention): boolean {
  // "Ce instead of Dy", "Ho in place of the Dy".
  let head = m.start;
  while (head > m.start - 2 && (DETERMINER_WORDS.has(tokens[head - 1]?.low ?? '') || WHOLE_WORDS.has(tokens[head - 1]?.low ?? ''))) head--;
  const sameClause = (from: number) => tokens.slice(from, head).every((t) => !t.clauseEnd);
  if ([2, 3].some((n) => head - n >= 0 && REPLACED_CUES.has(tokens.slice(head - n, head).map((t) => t.low).join(' ')) && sameClause(head - n))) return true;
  // "holmium replaces the Dy", "we replaced Dy entirely", "Ho substitutes for Dy", "substituted Ce for Dy".
  const verbAt = tokens[head - 1]?.low === 'for' ? head - 2 : head - 1;
  const verb = tokens[verbAt];
  // "Ho has fully replaced Dy": an adverb of wholeness may stand before the verb; one of part keeps the element.
  if (verb && !verb.clauseEnd && !tokens[verbAt - 1]?.clauseEnd && !PARTIAL_ADVERBS.has(tokens[verbAt - 1]?.low ?? '')) {
    if (verbAt === head - 1 && REPLACE_OBJECT_VERBS.has(verb.low) && !REPLACE_JOINERS.has(tokens[m.end]?.low ?? '')) return true;
    if (verbAt === head - 2 && SUBSTITUTE_VERBS.has(verb.low)) return true;
  }
  if (tokens[head - 1]?.low === 'for' && SUBSTITUTE_VERBS.has(tokens[head - 3]?.low ?? '') && !tokens[head - 2]?.clauseEnd) return true;
  const joinerAfter = REPLACE_JOINERS.has(tokens[m.end]?.low ?? '') && !tokens[m.end - 1]?.clauseEnd && !tokens[m.end - 1]?.commaAfter;
  if (REPLACE_VERBS.has(tokens[m.start - 1]?.low ?? '') && joinerAfter && tokens[m.end]?.low !== 'for') return true;
  // "swapped Tb for Ce": with "for", only the verbs of swapping (substitute … for reads the other way).
  if (SWAP_VERBS.has(tokens[m.start - 1]?.low ?? '') && tokens[m.end]?.low === 'for') return true;
  // "Dy was replaced by Ho", "Dy has been replaced with Ce", "Dy replaced by Ce".
  for (const k of [0, 1, 2]) {
    const verb = tokens[m.end + k];
    if (!verb || !REPLACE_VERBS.has(verb.low) || !verb.low.endsWith('ed')) continue;
    if (tokens.slice(m.end - 1, m.end + k + 1).some((t) => t.clauseEnd)) return false;
    if (!tokens.slice(m.end, m.end + k).every((t) => AUXILIARY_PASSIVE.has(t.low))) return false;
    return REPLACE_JOINERS.has(tokens[m.end + k + 1]?.low ?? '') && tokens[m.end + k + 1]?.low !== 'for';
  }
  return false;
}
