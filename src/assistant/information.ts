/**
 * Answers that inform rather than decide: what an instrument says and whether it is in force on the date asked
 * (from the rules' own dates, so the answer moves with the data), and how the licence procedure works.
 */
import { stem } from '../nlu/stem.js';
import type { Citation } from '../rules/decision.js';
import { ruleStatus, type RuleStatus } from '../rules/rule-status.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Rule, Topic } from '../rules/schema.js';
import { normaliseText, tokenize } from '../nlu/text.js';

export interface InformationAnswer {
  readonly headline: string;
  readonly reasons: string[];
  readonly citations: Citation[];
  /** True when the date decides the answer and the data records nothing after a suspension ended. */
  readonly statusUnknown: boolean;
}

function stemSequence(text: string): string[] {
  return tokenize(normaliseText(text)).map((t) => stem(t.low));
}

/** A topic term's stems in order, worked out once per term: every information turn scores every topic's terms. */
const termStemsCache = new Map<string, readonly string[]>();

function stemsOfTerm(term: string): readonly string[] {
  let cached = termStemsCache.get(term);
  if (!cached) {
    cached = stemSequence(term);
    termStemsCache.set(term, cached);
  }
  return cached;
}

/** A text's stems, as a set for one-word terms and in order for phrases, and its words as written for exact terms. */
interface TextStems {
  readonly set: ReadonlySet<string>;
  readonly sequence: readonly string[];
  readonly words: ReadonlySet<string>;
}

function textStems(text: string): TextStems {
  const words = tokenize(normaliseText(text)).map((t) => t.low);
  const sequence = words.map(stem);
  return { set: new Set(sequence), sequence, words: new Set(words) };
}

/** Words a phrase term may have between its own: "October 2025 rare-earth rules" still says "October rules". */
const PHRASE_GAP = 5;

/** True when the phrase's stems occur in order, each within PHRASE_GAP words of the one before. */
function containsPhrase(sequence: readonly string[], phrase: readonly string[]): boolean {
  const match = (from: number, k: number): boolean => {
    if (k === phrase.length) return true;
    const last = k === 0 ? sequence.length - 1 : Math.min(sequence.length - 1, from + PHRASE_GAP);
    for (let i = from; i <= last; i++) if (sequence[i] === phrase[k] && match(i + 1, k + 1)) return true;
    return false;
  };
  return match(0, 0);
}

/**
 * How well a topic matches: the stems of each term found, a phrase ("control code", "how long") only where its words
 * stand in order and close, so "HS code as controlled magnets" is no question about control codes.
 */
function topicScore(topic: Topic, text: TextStems, phrases: 'in_order' | 'anywhere' = 'in_order'): number {
  let score = 0;
  for (const term of topic.terms) {
    const termStems = stemsOfTerm(term);
    if (termStems.length === 0) continue;
    const found = termStems.length === 1 || phrases === 'anywhere' ? termStems.every((t) => text.set.has(t)) : containsPhrase(text.sequence, termStems);
    if (found) score += termStems.length;
  }
  for (const word of topic.exactTerms) if (text.words.has(word.toLowerCase())) score += 1;
  return score;
}

function citation(set: RuleSet, id: string, article?: string): Citation {
  const s = set.sources.get(id);
  const c: Citation = { source: id };
  if (article) c.article = article;
  if (s) {
    c.title = s.title;
    if (s.url && s.urlConfirmed) c.url = s.url;
  }
  return c;
}

function describeStatus(status: RuleStatus, asOf: string): string {
  switch (status.kind) {
    case 'in_force':
      return `in force on ${asOf}`;
    case 'not_yet':
      return `not yet in force on ${asOf} (from ${status.from})`;
    case 'suspended':
      return `suspended on ${asOf} by ${status.by.id}, until ${status.until}`;
    case 'ended':
      return `no longer in force on ${asOf} (since ${status.on})`;
    case 'status_unknown':
      return `of unknown status on ${asOf}: its suspension by ${status.by.id} ended on ${status.since} and nothing is recorded about what followed${status.reported ? ` (an extension${status.reported.until ? ` to ${status.reported.until}` : ''} was reported by ${status.reported.source.id}, with no implementing notice found)` : ''}`;
  }
}

/** A status in a few words, for a list of instruments. */
function shortStatus(status: RuleStatus): string {
  switch (status.kind) {
    case 'in_force':
      return 'in force';
    case 'not_yet':
      return `in force from ${status.from}`;
    case 'suspended':
      return `suspended by ${status.by.id} until ${status.until}`;
    case 'ended':
      return `no longer in force since ${status.on}`;
    case 'status_unknown':
      return `status unknown since ${status.since}`;
  }
}

/**
 * Every instrument a rule speaks for (the source it cites first), in the order of sources.yaml, with the statuses
 * of its rules on the day, one line each: "MOFCOM/GAC Announcement 2025 No. 18 (…): in force". Worked out from the rules'
 * dates, so the list moves with the data and never repeats a status written down in prose.
 */
export function instrumentsOn(set: RuleSet, asOf: string): string[] {
  const entries: string[] = [];
  for (const id of set.sources.keys()) {
    const rules = set.rules.filter((r) => r.sources[0]?.id === id);
    if (rules.length === 0) continue;
    const statuses = [...new Set(rules.map((r) => shortStatus(ruleStatus(r, asOf))))];
    entries.push(`${set.sources.get(id)?.title ?? id}: ${statuses.join('; partly ')}`);
  }
  return entries;
}

/** The status of a source on a day, as its rules say: one line per distinct status. */
export function sourceStatus(set: RuleSet, sourceId: string, asOf: string): { lines: string[]; unknown: boolean; related: string[] } {
  // A rule speaks for the instrument it cites first; later citations are context ("cf. No. 61 §4").
  // A suspending instrument (No. 70) speaks through the rules it suspends.
  const rules = set.rules.filter((r) => r.sources[0]?.id === sourceId);
  const suspended = set.rules.filter((r) => r.suspensions.some((x) => x.source.id === sourceId));
  const seen = new Map<string, string[]>();
  let unknown = false;
  const related: string[] = [];
  const relate = (id: string | undefined) => { if (id && !related.includes(id)) related.push(id); };
  // Sources of suspensions still running, cited after the rest (each rule's status is worked out once).
  const runningSuspensions: string[] = [];
  // A suspension still running whose extension was already reported by that day ("extended to January?"): said, and
  // the report cited, though the status holds until the suspension's own end date. One line per report.
  const reports = new Map<string, string>();
  const noteReport = (r: Rule, st: Extract<RuleStatus, { kind: 'suspended' }>) => {
    const reported = r.suspensions.find((x) => x.source.id === st.by.id && x.reported)?.reported;
    const published = reported ? set.sources.get(reported.source.id)?.date : undefined;
    if (!reported || published === undefined || published > asOf || reports.has(reported.source.id)) return;
    reports.set(reported.source.id, `An extension of the suspension by ${st.by.id}${reported.until ? ` to ${reported.until}` : ''} was reported${reported.by ? ` by ${reported.by}` : ''} (${reported.source.id}), but no MOFCOM notice implementing it was found; on the rules data the suspension ends on ${st.until}.`);
  };
  for (const r of rules) {
    const st = ruleStatus(r, asOf);
    if (st.kind === 'status_unknown') {
      unknown = true;
      // The suspension that ended, and any unconfirmed report of what followed, are part of the answer.
      relate(st.by.id);
      relate(st.reported?.source.id);
    }
    if (st.kind === 'suspended') {
      runningSuspensions.push(st.by.id);
      noteReport(r, st);
    }
    const line = describeStatus(st, asOf);
    seen.set(line, [...(seen.get(line) ?? []), r.title]);
  }
  // "Did No. 70's suspension end?": on a day the rules it suspended stand unknown, so does the answer.
  for (const r of suspended) {
    const st = ruleStatus(r, asOf);
    if (st.kind === 'suspended') noteReport(r, st);
    if (st.kind !== 'status_unknown') continue;
    unknown = true;
    relate(st.reported?.source.id);
  }
  runningSuspensions.forEach(relate);
  const lines = [...seen.entries()].map(([line, titles]) =>
    seen.size === 1 ? `On the rules data it is ${line}.` : `${titles.join('; ')}: ${line}.`);
  for (const [id, line] of reports) {
    lines.push(line);
    relate(id);
  }
  return { lines, unknown, related };
}

/**
 * What a control code named in the question stands for ("1C905.a.4"), from the listed items and the rules' cited
 * articles: a line per code, and the instruments that list it.
 */
function controlCodeLines(set: RuleSet, codes: readonly string[], text: string): { lines: string[]; sources: string[] } {
  const lines: string[] = [];
  const sources: string[] = [];
  for (const code of new Set(codes)) {
    const item = set.items.find((i) => i.controlCode === code);
    if (item) {
      const by = set.sources.get(item.source.id)?.title ?? item.source.id;
      lines.push(`Control code ${code} covers ${item.element} items (${item.forms.join(', ')}) listed in ${by}${item.confirmed ? '' : '; the code is inferred from the sequence, not confirmed in the official text'}.`);
      for (const sub of item.subCodes) {
        if (text.toUpperCase().includes(sub.code.toUpperCase())) lines.push(`${sub.code}: ${sub.what} (${sub.confirmed ? `confirmed by ${sub.source.id}` : 'not confirmed'}).`);
      }
      sources.push(item.source.id, ...(item.confirmedBy ? [item.confirmedBy.id] : []));
      continue;
    }
    const cited = set.rules.flatMap((r) => r.sources).find((s) => s.article?.startsWith(code));
    if (cited) sources.push(cited.id);
  }
  return { lines, sources: [...new Set(sources)] };
}

export function answerRegulation(set: RuleSet, sourceIds: readonly string[], text: string, asOf: string, controlCodes: readonly string[] = []): InformationAnswer {
  const said = textStems(text);
  const topics = set.topics.filter((t) => t.intent === 'regulation_info');
  const codes = controlCodeLines(set, controlCodes, text);
  const ids = [...new Set([...sourceIds, ...codes.sources])];
  const best = topics.map((t) => ({ t, score: topicScore(t, said) })).sort((a, b) => b.score - a.score)[0];
  if (ids.length === 0 && best && best.score > 0) ids.push(...best.t.sources.map((s) => s.id));
  if (ids.length === 0) {
    return {
      headline: 'Which rule do you mean?',
      reasons: [
        `Lodestone holds these instruments of China's export controls; their status on ${asOf}, from the rules' own dates:`,
        ...instrumentsOn(set, asOf),
        'Ask about one of them, for example "What does announcement 61 say?".',
      ],
      citations: [],
      statusUnknown: false,
    };
  }
  const reasons: string[] = [...codes.lines];
  const citations: Citation[] = [];
  let statusUnknown = false;
  const related: string[] = [];
  for (const id of ids.slice(0, 3)) {
    const source = set.sources.get(id);
    if (!source) continue;
    reasons.push(`${source.title}: ${source.summary}`);
    const st = sourceStatus(set, id, asOf);
    reasons.push(...st.lines);
    statusUnknown ||= st.unknown;
    citations.push(citation(set, id));
    for (const r of st.related) if (!related.includes(r)) related.push(r);
  }
  for (const r of related) if (!citations.some((c) => c.source === r) && set.sources.has(r)) citations.push(citation(set, r));
  const topic = best && best.score > 0 && best.t.sources.some((s) => ids.includes(s.id)) ? best.t : undefined;
  if (topic) {
    for (const line of topic.answer) if (!reasons.includes(line)) reasons.push(line);
    for (const s of topic.sources) if (!citations.some((c) => c.source === s.id)) citations.push(citation(set, s.id, s.article));
  }
  const first = set.sources.get(ids[0] as string);
  return { headline: first ? `About ${first.title}` : 'About the rules', reasons, citations, statusUnknown };
}

/**
 * True when some information topic of that intent relates to the text at all: a phrase's words anywhere will do.
 * This only decides whether the classifier's information reading stands ("the supplier asks us to sign this form
 * before they apply: who has to sign it?"); which topic answers is chosen strictly, by topicScore's phrases.
 */
export function topicMatches(set: RuleSet, intent: 'regulation_info' | 'license_process', text: string): boolean {
  const said = textStems(text);
  return set.topics.some((t) => t.intent === intent && topicScore(t, said, 'anywhere') > 0);
}

/**
 * The procedure topics a question asks about. Earlier turns of the conversation count at half weight: "what do we
 * have to send them, and how fast?" after "customs stopped our shipment" asks about the customs challenge.
 */
export function answerProcess(set: RuleSet, text: string, earlierTurns: readonly string[] = []): InformationAnswer {
  const said = textStems(text);
  const context = textStems(earlierTurns.join(' . '));
  const topics = set.topics
    .filter((t) => t.intent === 'license_process')
    .map((t) => ({ t, score: 2 * topicScore(t, said) + topicScore(t, context) }))
    .sort((a, b) => b.score - a.score);
  // A question that touches two topics equally ("customs is holding it: how long do we have?") gets both, the
  // better-matched first; one answer would guess which half was meant.
  const top = topics[0]?.score ?? 0;
  const picked = top > 0 ? topics.filter((x) => x.score === top).slice(0, 2).map((x) => x.t) : topics.slice(0, 2).map((x) => x.t);
  const chosen = picked.length > 0 ? picked : set.topics.filter((t) => t.intent === 'license_process').slice(0, 2);
  const reasons = chosen.flatMap((t) => t.answer);
  const citations: Citation[] = [];
  for (const t of chosen) for (const s of t.sources) if (!citations.some((c) => c.source === s.id)) citations.push(citation(set, s.id, s.article));
  return { headline: chosen[0]?.title ?? 'The licence procedure', reasons, citations, statusUnknown: false };
}
