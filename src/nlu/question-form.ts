/**
 * Whether a message asks for a decision: its last question is a yes/no question ("is that ok?", "can we rely on
 * that?", "is a licence needed for the next lot?") and not about a procedure ("what documents…", "how long…",
 * "can we apply for one too?"). A question about named goods leaving China in this form wants a verdict, even
 * when it cites announcements or mentions customs.
 */
import { grammarWords } from './grammar.js';
import { tokensOf, wordsPattern } from './text.js';

const YES_NO_OPENERS = grammarWords('yesNoOpeners');
const OCCASION_WORDS = grammarWords('occasionWords');
const PROCEDURE_WORDS = grammarWords('procedureWords');
const PAST_OPENERS = grammarWords('pastOpeners');
const DECISION_WORDS = grammarWords('decisionWords');
const APPLY_VERBS = grammarWords('applyVerbs');
/** Nouns for a country's rules ("the announcement", "the controls"): a subject that applies, as no person does. */
const REGIME_NOUNS = grammarWords('regimeNouns');
const RULE_APPLY_OPENERS = grammarWords('ruleApplyOpeners');
const CONFIRM_TAGS = grammarWords('confirmTags');
const INDIRECT_ASKS = wordsPattern(grammarWords('indirectAsks'));
const DISCOURSE_OPENERS = grammarWords('discourseOpeners');
const SUBJECTS = grammarWords('subjectPronouns');
const LICENCE_NOUNS = grammarWords('licenceNouns');
const NEED_WORDS = grammarWords('needWords');
const DROPPED_COPULA_OPENERS = grammarWords('droppedCopulaOpeners');
const PAPERWORK_NOUNS = grammarWords('paperworkNouns');
const STATUS_PARTICIPLES = grammarWords('statusParticiples');
/** "since", "because": a reason clause after a check ("… is fine since it's the same order?"). */
const REASON_CONJUNCTIONS = grammarWords('reasonConjunctions');
const COPULAS = grammarWords('copulas');
const NEGATED_COPULAS = grammarWords('negatedCopulas');
const VERDICT_NOUNS = grammarWords('verdictNouns');
const EXPORT_VERBS = grammarWords('exportVerbs');
const WH_WORDS = grammarWords('whWords');
const MODALS = grammarWords('modals');
const REPETITION_WORDS = grammarWords('repetitionWords');
const DEMONSTRATIVES = grammarWords('demonstratives');
const LICENSABLE_WORDS = grammarWords('licensableWords');
const NEGATION_CUES = grammarWords('negationCues');
const ELLIPSIS_FILLERS = grammarWords('ellipsisFillers');
const OUTCOME_ALTERNATIVES = grammarWords('outcomeAlternatives');
const OUTCOME_HEDGES = grammarWords('outcomeHedges');

/** A licence noun with only fillers around it ("Licence?", "still no licence?", "licence yes or no?"): whether one is needed. */
function bareLicenceQuestion(words: readonly string[]): boolean {
  const content = words.filter((w) => !ELLIPSIS_FILLERS.has(w));
  if (content.length === 1) return LICENCE_NOUNS.has(content[0] ?? '');
  // "Licence or ban?", "licence or not?", "banned or just licensable?": a choice between outcomes, nothing else asked.
  const outcomes = content.filter((w) => !OUTCOME_HEDGES.has(w));
  return words.includes('or') && outcomes.length >= 1 && outcomes.length <= 2
    && outcomes.every((w) => LICENCE_NOUNS.has(w) || OUTCOME_ALTERNATIVES.has(w));
}

/** The message's questions, each up to and with its question mark. */
function questionsIn(text: string): string[] {
  // "Is this true??": a run of question marks ends one question.
  return text.split(/(?<=\?)(?!\?)/).map((q) => q.trim()).filter((q) => q.endsWith('?'));
}

/** A question's own clause: after the last sentence break inside it ("No. 57" and "Art. 2" break nothing). */
function ownClause(question: string): string {
  // A dash between spaces ends a clause as a full stop does ("We're a new customer in Spain - can they ship …?").
  return question.split(/(?<=[!;:]|(?<!\b(?:[Nn]o|[Nn]r|[Aa]rt|[Ee]tc|[Vv]s))\.)\s+|\s+[-\u2013\u2014]\s+/).at(-1) ?? question;
}

/** The last question's own clause. */
function lastQuestionClause(text: string): string | undefined {
  const last = questionsIn(text).at(-1);
  return last === undefined ? undefined : ownClause(last);
}

/** "Was a licence required at that time?": a yes/no question about the past, so a date the message names is the day to decide for. */
export function asksAboutThePast(text: string): boolean {
  const clause = lastQuestionClause(text);
  if (!clause) return false;
  return opensWith(clause, PAST_OPENERS);
}

/** Where a clause's own words start, after linking words ("so", "and then"); the last word is never skipped. */
function afterLinkingWords(words: readonly string[]): number {
  let at = 0;
  while (at < words.length - 1 && DISCOURSE_OPENERS.has(words[at] ?? '')) at++;
  return at;
}

/** "As of today, with the suspension over, is a licence needed?": one of the comma-separated parts opens with the verb. */
function opensWith(clause: string, openers: ReadonlySet<string>): boolean {
  return clause.split(',').some((part) => {
    const words = tokensOf(part);
    // "So we can order freely …?", "and we don't need to worry?": a linking word and a subject may come first.
    let at = afterLinkingWords(words.map((t) => t.low));
    if (SUBJECTS.has(words[at]?.low ?? '')) at++;
    const opener = words.findIndex((t) => openers.has(t.low));
    return opener >= 0 && opener <= Math.max(1, at);
  });
}

export function asksForDecision(text: string): boolean {
  return asksForDecisionLast(text) || earlierQuestionAsksNeed(text);
}

/**
 * "Is true we need licence now? What we must give them?": an earlier question whether a licence is needed, about no
 * procedure of its own, asks for the decision as much as a last one does (the procedure then comes as next steps).
 */
function earlierQuestionAsksNeed(text: string): boolean {
  // "Is a Chinese export licence needed and who must apply?": a yes/no question joined to a question-word one by "and"
  // or "or" asks both, as two questions do.
  const questions = questionsIn(text);
  const last = questions.at(-1);
  const joined = last === undefined ? [] : tokensOf(last);
  const split = joined.findIndex((t, i) => i > 2 && (t.low === 'and' || t.low === 'or') && WH_WORDS.has(joined[i + 1]?.low ?? ''));
  // Only a plain question of need: "does that mean our orders don't need separate licences any more, and how long is
  // it valid?" asks what a licence already held means, which is procedure.
  const firstPart = last !== undefined && split > 0 && !joined.slice(0, split).some((t) => NEGATION_CUES.has(t.low)) ? last.slice(0, (joined[split] as { start: number }).start) : undefined;
  return [...questions.slice(0, -1), ...(firstPart ? [firstPart] : [])].some((q) => {
    const words = tokensOf(ownClause(q)).map((t) => t.low);
    // The licence itself is what is needed ("we need licence", "a licence required"), not something for it ("is
    // this required for the licence?").
    // So is whether one can be had at all ("Is there even a licence possible for India?").
    const licenceNeeded = words.some((w, i) => (NEED_WORDS.has(w) || LICENSABLE_WORDS.has(w)) && words.slice(Math.max(0, i - 2), i + 3).some((x) => LICENCE_NOUNS.has(x)));
    return !words.some((w) => PROCEDURE_WORDS.has(w) || WH_WORDS.has(w)) && licenceNeeded;
  });
}

/**
 * "Do we need the Chinese side to have a licence?": the last question asks whether a licence is needed at all, with no
 * question word or procedure in its clause.
 */
export function asksWhetherLicenceNeeded(text: string): boolean {
  const clause = lastQuestionClause(text);
  if (!clause) return false;
  const words = tokensOf(clause).map((t) => t.low);
  // "… The customer is a fab running 3 nm logic. Licence?"
  if (bareLicenceQuestion(words)) return true;
  return words.some((w) => NEED_WORDS.has(w)) && words.some((w) => LICENCE_NOUNS.has(w)) && !words.some((w) => PROCEDURE_WORDS.has(w) || WH_WORDS.has(w));
}

function asksForDecisionLast(text: string): boolean {
  // "do we need a licence now": a yes/no question typed without its question mark is still one.
  // "The suspension ended on Nov 10 right? do we need a licence now": the unmarked question after the last mark counts.
  const trailing = text.slice(text.lastIndexOf('?') + 1).trim();
  const clause = (trailing ? unmarkedQuestion(trailing) : undefined) ?? lastQuestionClause(text) ?? unmarkedQuestion(text);
  // "Kindly advise whether export of Dy2O3 … requires any permission": a yes/no question asked indirectly.
  if (!clause) return INDIRECT_ASKS.test(text);
  const words = tokensOf(clause).map((t) => t.low);
  // "At that time", "at the time": when, not how long a procedure takes. So is "every time", "this time": an occasion.
  const procedure = (w: string, i: number) => PROCEDURE_WORDS.has(w) && !(w === 'time' && (words[i - 2] === 'at' || OCCASION_WORDS.has(words[i - 1] ?? '')));
  // "Can we rely on that and skip the end-user certificate?": whether a claim holds is a decision, paperwork or not.
  // "Can they ship right away without a new application?": whether the goods may go without the paperwork is a decision.
  // ("What are the penalties for shipping without a licence?" asks what, not whether.)
  // "So our Shenzhen supplier can ship them without applying?": a statement with a modal, asked with a question mark.
  // So is "So from now on our Dy magnets ship without a licence?": a statement of the goods moving, asked.
  // ("What's the penalty if someone ships … without a licence?" asks what.)
  const whAsked = words.some((w) => WH_WORDS.has(w.replace(/'s$/, '')));
  const withoutPaperwork = !PROCEDURE_WORDS.has(words[0] ?? '') && (opensWith(clause, YES_NO_OPENERS) || (clause.trim().endsWith('?') && words.some((w) => MODALS.has(w) || (EXPORT_VERBS.has(w) && !whAsked))))
    // ("… with no licence?" says "without" in two words.)
    && words.some((w, i) => (w === 'without' || (w === 'no' && words[i - 1] === 'with')) && words.slice(i + 1, i + 4).some((x) => LICENCE_NOUNS.has(x) || PAPERWORK_NOUNS.has(x))
      && !words.slice(i + 1, i + 6).some((x) => REPETITION_WORDS.has(x)));
  // "Does the superhard announcement apply now?": a rule (no person) applying, not applying for something.
  const ruleApplies = opensWith(clause, RULE_APPLY_OPENERS) && words.some((w, i) => APPLY_VERBS.has(w) && words[i + 1] !== 'for'
    && !words.slice(Math.max(0, i - 3), i).some((x) => SUBJECTS.has(x)) && words[i - 1] !== 'to' && !MODALS.has(words[i - 1] ?? ''));
  // "Surely the new announcement from 4 April doesn't apply to contracts signed before it?": the same asked as a
  // statement with a question mark, a rule's noun the verb's subject ("… a general licence so we don't apply per
  // shipment?" has a person applying).
  const statedRuleApplies = clause.trim().endsWith('?') && !whAsked && words.some((w, i) => APPLY_VERBS.has(w) && words[i + 1] !== 'for'
    && words[i - 1] !== 'to' && words.slice(Math.max(0, i - 5), i).some((x, k, before) => REGIME_NOUNS.has(x) && !before.slice(k + 1).some((y) => SUBJECTS.has(y))));
  // "Affected by the April rare earth rules?", "Still covered?": how the goods stand under a rule, asked with the
  // subject and the verb left out.
  const elidedStatus = clause.trim().endsWith('?') && STATUS_PARTICIPLES.has(words[afterLinkingWords(words)] ?? '');
  const decisionAsked = withoutPaperwork || ruleApplies || statedRuleApplies || elidedStatus || words.some((w) => DECISION_WORDS.has(w));
  // "What exposure does the client have and should they have had a licence?": a yes/no question about a licence or a
  // decision, joined to another and about no procedure of its own ("what is that and can it cover our orders?" asks
  // what a general licence is).
  const joined = clause.split(/\band\b/).slice(1).some((part) => {
    const low = tokensOf(part).map((t) => t.low);
    return opensWith(part, YES_NO_OPENERS) && !low.some((w) => PROCEDURE_WORDS.has(w)) && low.some((w) => LICENCE_NOUNS.has(w) || DECISION_WORDS.has(w));
  });
  if (joined) return true;
  // "… so their shipments need no separate licence. Is that how it works?": a yes/no question about "that", after a
  // statement whether a licence is needed, checks the statement.
  if (opensWith(clause, YES_NO_OPENERS) && DEMONSTRATIVES.has(words[1] ?? '')) {
    const before = tokensOf(text.slice(0, text.lastIndexOf(clause))).map((t) => t.low);
    if (before.some((w, i) => LICENCE_NOUNS.has(w) && before.slice(Math.max(0, i - 4), i + 4).some((x) => NEED_WORDS.has(x)))) return true;
  }
  // "How long does MOFCOM take to approve it? The supplier said 45 days, is that calendar days?": after a question of
  // procedure, a yes/no question about "that" with no licence, need or decision word of its own asks about a detail
  // of the procedure.
  // (The words after the last comma: the tag checks below read them too.)
  const lastPart = clause.split(',').at(-1) ?? '';
  const tag = tokensOf(lastPart).map((t) => t.low);
  if (YES_NO_OPENERS.has(tag[0] ?? '') && DEMONSTRATIVES.has(tag[1] ?? '') && !tag.some((w) => LICENCE_NOUNS.has(w) || NEED_WORDS.has(w) || DECISION_WORDS.has(w))) {
    const before = tokensOf(text.slice(0, text.lastIndexOf(lastPart))).map((t) => t.low);
    if (before.some((w) => WH_WORDS.has(w)) && before.some((w) => PROCEDURE_WORDS.has(w) && !WH_WORDS.has(w))) return false;
  }
  if (words.length === 0 || (words.some(procedure) && !decisionAsked)) return false;
  if (withoutPaperwork || statedRuleApplies || elidedStatus) return true;
  // "… so they don't need anything from us. true?": a one-word check of what was just said.
  if (words.length <= 2 && decisionAsked) return true;
  if (words.length <= 2 && words.some((w) => CONFIRM_TAGS.has(w))) {
    const before = tokensOf(text.slice(0, text.lastIndexOf(clause))).map((t) => t.low);
    if (before.some((w) => LICENCE_NOUNS.has(w)) && before.some((w) => NEED_WORDS.has(w))) return true;
  }
  // "So the suspension covers it too, right?": a tag after the last comma checks the statement before it.
  if (tag.length <= 2 && tag.some((w) => DECISION_WORDS.has(w))) return true;
  // "I read the rules ended on 10 November, so no licence now?": a licence noun with only fillers after the last comma
  // asks whether one is needed, as it does standing alone.
  if (bareLicenceQuestion(tag)) return true;
  // "… so hiring him is fine?", "then the resale is allowed?": a statement asked with a question mark, ending in whether
  // something is fine or allowed.
  // "That's fine too since it's the same order?": a reason given after the check is no part of it.
  const reasonAt = words.findIndex((w, i) => i > 1 && REASON_CONJUNCTIONS.has(w));
  const checked = reasonAt > 0 ? words.slice(0, reasonAt) : words;
  const [copula, verdictWord] = checked.slice(-2);
  if (words.length >= 3 && !words.some((w) => WH_WORDS.has(w)) && (COPULAS.has(copula ?? '') || NEGATED_COPULAS.has(copula ?? '')) && DECISION_WORDS.has(verdictWord ?? '')) return true;
  // "Same answer as in March (no licence)?": whether the answer given before still holds.
  if (!words.some((w) => WH_WORDS.has(w)) && words.some((w, i) => w === 'same' && VERDICT_NOUNS.has(words[i + 1] ?? ''))) return true;
  // "Correct for our Dy arc magnets?", "fine for the Tb oxide too?": a check that opens on the verdict word.
  // "Still fine without a licence?", "so fine for the Tb grade?": linking words may come before it.
  const firstWord = words.find((w) => !DISCOURSE_OPENERS.has(w)) ?? '';
  if (clause.trim().endsWith('?') && DECISION_WORDS.has(firstWord) && !words.some((w) => WH_WORDS.has(w))) return true;
  // "The rule is suspended so fine?": the same with the copula left out after "so" or "then".
  if (words.length >= 3 && !words.some((w) => WH_WORDS.has(w)) && DISCOURSE_OPENERS.has(copula ?? '') && DECISION_WORDS.has(verdictWord ?? '')) return true;
  // "… just want to confirm we are still fine now that it's past 10 November?": the same with an adverb between and
  // a time clause after, in a question.
  if (clause.trim().endsWith('?') && !words.some((w) => WH_WORDS.has(w))
    && words.some((w, i) => COPULAS.has(w) && SUBJECTS.has(words[i - 1] ?? '') && [1, 2].some((k) => DECISION_WORDS.has(words[i + k] ?? '') || CONFIRM_TAGS.has(words[i + k] ?? '')))) return true;
  // "… so that's fine now?", "then it's allowed again?": the same with the copula contracted, a time word after it.
  const contracted = (w: string) => w.endsWith("'s") && !WH_WORDS.has(w.slice(0, -2));
  if (!words.some((w) => WH_WORDS.has(w)) && checked.slice(-4).some((w, i, last) => contracted(w) && DECISION_WORDS.has(last[i + 1] ?? ''))) return true;
  // "So surely no licence is needed for this?", "still no licence needed?": a question whether a licence is needed,
  // however it opens.
  if (words.some((w) => LICENCE_NOUNS.has(w)) && words.some((w) => NEED_WORDS.has(w))) return true;
  // "Was fine in March - still no licence?"
  if (bareLicenceQuestion(words)) return true;
  // "fine to ship under it?", "so ok to send them?": "is it" left out, as people type on phones.
  // ("ok" may also open a sentence as a discourse word, so each opening word is tried.)
  for (let i = 0; i < words.length && (i === 0 || DISCOURSE_OPENERS.has(words[i - 1] ?? '')); i++) {
    if (DROPPED_COPULA_OPENERS.has(words[i] ?? '') && (words[i + 1] === 'to' || words[i + 1] === 'if')) return true;
  }
  return opensWith(clause, YES_NO_OPENERS);
}

/** The last sentence when it opens like a yes/no question but has no question mark ("do we need a licence now"). */
function unmarkedQuestion(text: string): string | undefined {
  const last = text.trim().split(/(?<=[.!;:])\s+/).at(-1);
  if (last === undefined || !opensWithVerb(last, YES_NO_OPENERS)) return undefined;
  // "need it for our production plan": "need" first with its subject dropped states a need, unless a licence or its
  // paperwork is what is needed ("need licence for this").
  const words = tokensOf(last).map((t) => t.low);
  if (NEED_WORDS.has(words[afterLinkingWords(words)] ?? '') && !words.some((w) => LICENCE_NOUNS.has(w) || PAPERWORK_NOUNS.has(w))) return undefined;
  return last;
}

/**
 * Without a question mark only the verb first makes a question ("do we need a licence now"): "production will stop",
 * "we need to plan our production" put a subject first and state something. Linking words may come before the verb.
 */
function opensWithVerb(clause: string, openers: ReadonlySet<string>): boolean {
  return clause.split(',').some((part) => {
    const words = tokensOf(part).map((t) => t.low);
    return openers.has(words[afterLinkingWords(words)] ?? '');
  });
}
