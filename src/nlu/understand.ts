/**
 * Understanding one message: the classifier's intent, the extracted facts, and the rules that reconcile them.
 * The extractors are deterministic and see structure the bag-of-words classifier cannot (a foreign factory with
 * Chinese content is a re-export question), so they decide when the classifier is unsure or contradicts them.
 */
import type { Intent } from '../contracts/reply.js';
import type { Frame } from '../contracts/frame.js';
import type { ForeignRegime } from './knowledge.js';
import type { Facts } from '../rules/facts.js';
import type { IntentModel, Scored } from './classifier.js';
import { extractFacts, type Signals } from './extract-facts.js';
import { extractReferences } from './extract-references.js';
import { COOPERATION_KINDS } from './extract-collaboration.js';
import { featurize } from './features.js';
import { asksForDecision } from './question-form.js';
import { grammarWords } from './grammar.js';
import { wordsPattern } from './text.js';
import type { Lexicon } from './lexicon.js';

export interface Understanding {
  readonly intent: Intent;
  readonly confidence: number;
  readonly scores: readonly Scored[];
  readonly frame: Frame;
  /** Another country's rules or tariffs the question is only about, with where to go instead. */
  readonly foreignRegime: ForeignRegime | undefined;
  readonly facts: Facts;
  readonly signals: Signals;
  /** Share of the message's words that the classifier or the lexicon knows. */
  readonly knownShare: number;
  /** The decision intent the extracted facts point to, if any. */
  readonly suggested: Intent | null;
  /** The facts settle the suggestion by their structure (goods named and leaving China; a named cooperation). */
  readonly suggestedStrong: boolean;
  /** The last question is a yes/no question about the case, not about procedure. */
  readonly asksForDecision: boolean;
  /** The message as understanding read it: Chinese terms, shorthand and arrows as the English they stand for. */
  readonly read: string;
}

export const MIN_MARGIN = 0.2;
export const MIN_KNOWN_SHARE = 0.34;
/** Export-control words (and word pairs) a message needs, without extracted facts, to be read as a rules question;
 * chosen by cross-validation on the training files (1: macro-F1 0.79, 3: 0.81 and out-of-scope recall 0.57 → 0.71). */
export const MIN_DOMAIN_FEATURES = 3;
const DECISION: readonly Intent[] = ['part_license', 'collaboration_license', 'reexport_license'];

export interface Understander {
  understand(text: string): Understanding;
  /** Any text as understanding reads it (earlier turns, say); a message understood carries its own as `read`. */
  gloss(text: string): string;
}

interface Suggestion {
  readonly intent: Intent;
  /** Strong when the structure of the facts settles it: goods leaving China, goods abroad with Chinese content,
   * a named kind of cooperation on a named technology. */
  readonly strong: boolean;
}

/** What the extracted facts alone suggest the question is about. */
function suggestedIntent(signals: Signals, facts: Facts): Suggestion | null {
  const c = facts.collaboration;
  // "A Chinese consultancy would design our flowsheet in Brazil": Chinese know-how or services going abroad, with no
  // goods named, is cooperation even though it happens outside China.
  const goodsNamed = facts.item?.form !== undefined || (facts.item?.elementsPresent?.length ?? 0) > 0;
  if (c?.kind && c.area && c.chineseProvider === true && !goodsNamed) return { intent: 'collaboration_license', strong: true };
  // Hiring someone or licensing know-how is cooperation whatever goods the message names: "an engineer who ran NdFeB
  // sintering at a Chinese magnet plant" names magnets only to say what he knows.
  if ((c?.kind === 'hiring' || c?.kind === 'licensing') && c.area && c.chineseProvider === true) return { intent: 'collaboration_license', strong: true };
  if (signals.reexport) return { intent: 'reexport_license', strong: true };
  if (c?.kind && c.area) return { intent: 'collaboration_license', strong: true };
  // Hiring, joint research, a JV, licensing, training or consulting are cooperation whatever the material.
  // (with something that ties it to Chinese rare earths: a Chinese party, an element, a technology).
  if (c?.kind && COOPERATION_KINDS.includes(c.kind) && (c.chineseProvider !== undefined || signals.goods > 0)) {
    return { intent: 'collaboration_license', strong: true };
  }
  const fromChina = facts.shipFrom === 'CN' || (facts.shipFrom === undefined && facts.madeIn === 'CN');
  if (signals.goods > 0) return { intent: 'part_license', strong: fromChina && facts.item !== undefined };
  if (c?.area) return { intent: 'collaboration_license', strong: false };
  return null;
}

const PERSON_REQUEST = wordsPattern(grammarWords('personRequestWords'));
const CAPABILITY_QUESTION = wordsPattern(grammarWords('capabilityQuestions'));
/** "Sent: 19 January 2026" opening a line of a forwarded e-mail: the header's label, not goods being sent. */
const MAIL_DATE_LABEL = new RegExp(`^([ \\t>]*)(?:${[...grammarWords('mailDateLabels')].join('|')})[ \\t]*:`, 'gimu');
const CHINESE_ASKER = [...grammarWords('chineseFirstPerson'), ...grammarWords('chineseSentenceWords')];

/** "talk to someone in compliance", "can a person call me": the words of asking for a person, not of naming a party. */
function asksForPerson(text: string): boolean {
  return PERSON_REQUEST.test(text);
}

function namesListedParty(facts: Facts): boolean {
  return (facts.endUser?.lists?.length ?? 0) > 0 || (facts.endUser?.nearLists?.length ?? 0) > 0;
}

const GENERAL: readonly Intent[] = ['help', 'talk_to_human', 'out_of_scope'];

/** The message names a Chinese announcement by number and no goods, technology, party or place to decide on. */
function namesAnnouncementOnly(signals: Signals, facts: Facts): boolean {
  return signals.references.sources.some((id) => id.startsWith('CN-ANN-')) && signals.goods === 0 && facts.item === undefined && facts.collaboration === undefined
    && facts.shipFrom === undefined && facts.destination === undefined && facts.madeIn === undefined && facts.endUser === undefined;
}

/** Each step of the fusion can be switched off, so its worth can be measured (cross-validation in the bench). */
export interface FusionOptions {
  readonly domainGate?: boolean;
  readonly evidenceGate?: boolean;
  readonly unknownWordsGuard?: boolean;
  readonly factOverrides?: boolean;
}

export function createUnderstander(model: IntentModel, lex: Lexicon, sourceIds: readonly string[], fusion: FusionOptions = {}): Understander {
  const { domainGate = true, evidenceGate = true, unknownWordsGuard = true, factOverrides = true } = fusion;
  const gloss = (original: string) => lex.knowledge.gloss(original.replace(MAIL_DATE_LABEL, '$1'));
  return {
    gloss,
    understand(original: string): Understanding {
      // Chinese terms, shorthand and arrows are read as the English they stand for, by classifier and extractors alike.
      const text = gloss(original);
      const features = featurize(text, lex);
      const scores = model.classify(features);
      const extracted = extractFacts(text, lex, sourceIds, { chineseAsker: CHINESE_ASKER.some((w) => original.includes(w)) });
      const { facts, signals } = extracted;
      // "The import licence was for our Hamburg company. With No. 61 paused, can we sell it on?": a question that names a
      // Chinese announcement by number asks about China's rules, whatever regime the message names before it.
      // (Sentences end at a stop, not at the one in "No. 61".)
      const question = text.split(/(?<=[.!?])(?<!\bNo\.)\s+/i).filter((q) => q.includes('?')).at(-1);
      // Only a numbered announcement: "Dual-Use Regulation" or "ECL" also name other countries' rules.
      const asksChineseRule = question !== undefined && extractReferences(question, sourceIds).sources.some((id) => id.startsWith('CN-ANN-'));
      const foreignRegime = asksChineseRule ? undefined : lex.knowledge.foreignRegime(text, signals.foreignRegimeCountry);
      const frame: Frame = foreignRegime ? { ...extracted.frame, foreignRegime: foreignRegime.name } : extracted.frame;
      const known = features.filter((f) => f.startsWith('x') || model.vocabulary.has(f)).length;
      const knownShare = features.length ? known / features.length : 0;
      const suggestion = suggestedIntent(signals, facts);
      const domain = suggestion !== null || signals.references.sources.length > 0
        || features.includes('xelement') || features.filter((f) => model.domainFeatures.has(f)).length >= MIN_DOMAIN_FEATURES;
      // Without a single export-control word or fact, only help, a human or out of scope can be meant.
      // Greetings share words with small talk, so help is not held to evidence; a human or a rule question is.
      const hasEvidence = (i: Intent) => !evidenceGate || i === 'out_of_scope' || i === 'help' || features.some((f) => model.evidence.get(i)?.has(f));
      const ranked = (domain || !domainGate ? scores : scores.filter((s) => GENERAL.includes(s.intent))).filter((s) => hasEvidence(s.intent));
      const top = ranked[0] ?? { intent: 'out_of_scope' as Intent, score: 0 };
      const margin = top.score - (ranked[1]?.score ?? 0);
      let intent: Intent = top.intent;
      let confidence = domain ? top.score : top.score / Math.max(1e-9, ranked.reduce((sum, s) => sum + s.score, 0));

      // Few known words and nothing extracted: out of scope, unless the classifier reads a greeting (short
      // greetings in other languages are mostly unknown words; help is a safe answer to them).
      if (unknownWordsGuard && (top.intent !== 'help' || knownShare === 0) && knownShare < MIN_KNOWN_SHARE && suggestion === null && signals.references.sources.length === 0) {
        intent = 'out_of_scope';
        confidence = Math.max(confidence, 1 - knownShare);
      } else if (factOverrides && !domain && top.intent === 'talk_to_human' && !asksForPerson(text) && !namesListedParty(facts)) {
        // "Does anyone know if the canteen is open?", "who do I ask about the shift plan?": with no export-control word
        // and no word of asking for a person, a question for a colleague about something else is out of scope.
        intent = 'out_of_scope';
      } else if (factOverrides && suggestion === null && top.intent === 'talk_to_human' && namesListedParty(facts) && !asksForPerson(text)) {
        // "The customer is Japan Marine United.": naming a party on a MOFCOM list answers who the goods are for (a
        // follow-up adds it to the goods asked about), not a request for a person.
        intent = 'part_license';
        confidence = Math.max(0.5, scores.find((s) => s.intent === intent)?.score ?? 0);
      } else if (factOverrides && suggestion === null && DECISION.includes(top.intent) && namesAnnouncementOnly(signals, facts)) {
        // "What happens on 10 November with No. 61 and No. 62?": a question that names announcements and nothing to
        // decide on (no goods, no technology, no route) asks about the rules themselves.
        intent = 'regulation_info';
        confidence = Math.max(0.5, scores.find((s) => s.intent === intent)?.score ?? 0);
      } else if (factOverrides && suggestion !== null) {
        if (top.intent === 'talk_to_human' && DECISION.includes(suggestion.intent)
          && (suggestion.strong ? !asksForPerson(text) : !features.some((f) => model.personEvidence.has(f)))) {
          // Asking for a person opens a case; a question about an item needs a word about a person to do that. When it
          // names goods and a route (a strong suggestion), the learned person words are not enough ("a trade fair",
          // "give me 20 samples" are about the goods): it takes a word of asking for a person.
          intent = suggestion.intent;
        } else if (!DECISION.includes(top.intent) && ((facts.endUser?.lists?.length ?? 0) > 0 || (facts.endUser?.nearLists?.length ?? 0) > 0) && signals.goods > 0
          && !(top.intent === 'talk_to_human' && asksForPerson(text))) {
          // Goods for a party on a MOFCOM list: always a question for the rules, however it is phrased, unless the asker
          // asks for a person in words ("the Tatra thing and our magnets. Can I talk to someone in compliance?"): the
          // case goes to compliance, who see the listing.
          intent = suggestion.intent;
        } else if (top.intent === 'collaboration_license' && suggestion.intent !== 'collaboration_license' && !facts.collaboration) {
          // A cooperation question with no cooperation in it (no kind of cooperation, no technology) but with goods
          // is a goods question: the technology rules would have nothing to decide on.
          intent = suggestion.intent;
        } else if (top.intent === 'collaboration_license' && suggestion.intent === 'part_license' && facts.collaboration?.kind === undefined
          && facts.item?.form === 'equipment' && !signals.knowHow && facts.collaboration?.area !== 'production_line_services') {
          // "A jet mill and an HD furnace bought from a Chinese vendor": machines named with no cooperation around them
          // are goods (No. 56 equipment); the process words in their names are no technology passing to anyone.
          intent = suggestion.intent;
        } else if (DECISION.includes(top.intent) && top.intent !== suggestion.intent && suggestion.strong) {
          intent = suggestion.intent;

        } else if (top.intent === 'help' && !suggestion.strong && CAPABILITY_QUESTION.test(text) && (facts.item?.elementsPresent?.length ?? 0) === 0) {
          // "Can I ask you about magnets and motors?": goods named as examples of what to ask about; it asks for help.
          intent = 'help';
        } else if (!DECISION.includes(top.intent) && (margin < MIN_MARGIN || top.intent === 'out_of_scope' || top.intent === 'help')) {
          intent = suggestion.intent;
        }
        if (intent !== top.intent) confidence = Math.max(0.5, scores.find((s) => s.intent === intent)?.score ?? 0);
      }
      return { intent, confidence: Math.min(1, Math.max(0, confidence)), scores, frame, foreignRegime, facts, signals, knownShare, suggested: suggestion?.intent ?? null, suggestedStrong: suggestion?.strong ?? false, asksForDecision: asksForDecision(original), read: text };
    },
  };
}
