/**
 * The decision engine: pure. Given a rule set, facts and a day, it says which rules apply that day, combines their
 * verdicts (stricter wins), lists the facts still missing and builds the reasons and citations from the trace.
 *
 * The one mistake the product must not make is `not_required` where a licence may be needed, so:
 * - a rule whose conditions are unknown (neither true nor false) yields `need_info` with the question to ask;
 * - a rule whose status is unknown on the day (a suspension ended, nothing recorded after) yields `escalate`;
 * - `not_required` comes out only when every rule in force is false on known facts, or a carve-out applies.
 */
import { conditionTruth, evaluateCondition, factsIn, type AssumedFacts, type ConditionCheck } from './condition.js';
import type { Citation, Decision, MissingFact, RuleResult } from './decision.js';
import { FACTS } from './fact-registry.js';
import type { Facts } from './facts.js';
import { partyMatchNotes } from './party-notes.js';
import { reportedNote, ruleStatus, type RuleStatus } from './rule-status.js';
import type { RuleSet } from './ruleset.js';
import type { CitationRef, Rule } from './schema.js';
import { assertNever, strictness, stricter, type Verdict } from './verdict.js';
import { verdictsOverAnswers, verdictWhateverTheAnswer } from './whatever-the-answer.js';

function statusNote(rule: Rule, status: RuleStatus, asOf: string): string {
  switch (status.kind) {
    case 'in_force':
      return `in force on ${asOf}`;
    case 'not_yet':
      return `not yet in force on ${asOf}; takes effect on ${status.from}`;
    case 'suspended':
      return `suspended by ${status.by.id} until ${status.until}`;
    case 'ended':
      return `no longer in force since ${status.on}`;
    case 'status_unknown':
      return `its suspension by ${status.by.id} ended on ${status.since}, and the rules data records nothing about what followed, so its status on ${asOf} is unknown`;
    default:
      return assertNever(status, `status of ${rule.id}`);
  }
}

/** What a rule adds to the verdict, given whether its conditions hold and its status that day. */
/** Facts every goods rule reads (the route, the item's form and make-up): a match on them alone says nothing particular. */
const SETTING_FACTS: ReadonlySet<string> = new Set(['fromChina', 'foreignExporter', 'madeAbroad', 'destination', 'shipFrom', 'item.form', 'item.elements']);

/** A check on what sets one rule apart (an end use, a party), not on the route or the item every goods rule reads. */
function particularFact(check: { readonly fact: string }): boolean {
  return !SETTING_FACTS.has(check.fact) && !check.fact.startsWith('item.');
}

function contribution(rule: Rule, match: RuleResult['match'], status: RuleStatus, unknownFacts: readonly string[], checks: readonly RuleResult['checks'][number][] = []): Verdict | null {
  if (match === 'false') return null;
  switch (status.kind) {
    case 'in_force':
      if (match === 'true') return rule.verdict;
      return rule.verdict === 'not_required' ? null : 'need_info';
    case 'status_unknown':
      return match === 'true' ? 'escalate' : 'need_info';
    case 'suspended':
    case 'not_yet':
    case 'ended':
      // Informative only: the rule would (or might) apply but is not in force that day, so it requires nothing;
      // it is still reported and cited so the asker learns what is suspended or pending. "Might" only when the
      // item is known to be of the kind the rule covers; an unknown composition would make every rule "might",
      // unless a fact particular to the rule holds ("made with Chinese magnet technology" for No. 61 §1(2)).
      if (match === 'unknown' && unknownFacts.includes('item.elements') && !checks.some((c) => c.result === 'true' && !SETTING_FACTS.has(c.fact))) return null;
      return 'not_required';
    default:
      return assertNever(status, 'status');
  }
}

function reasonFor(rule: Rule, r: RuleResult, status: RuleStatus, asOf: string): string | null {
  if (r.match === 'false') return null;
  const maybe = r.match === 'unknown';
  switch (status.kind) {
    case 'in_force': {
      const text = maybe ? `${rule.title} may apply, depending on facts not yet known.` : rule.explanation;
      return status.by ? `${text} (In force again since ${status.by.id}${status.note ? `, as amended: ${status.note}` : ''}.)` : text;
    }
    case 'status_unknown':
      return `${rule.title} ${maybe ? 'may apply' : 'would apply'}, but ${r.statusNote}: a compliance officer must decide.`;
    case 'suspended':
      return `${rule.title} ${maybe ? 'might' : 'would'} apply, but it is ${r.statusNote}, so it requires nothing on ${asOf}.`;
    case 'not_yet':
      return `${rule.title} ${maybe ? 'might' : 'would'} apply, but it is ${r.statusNote}.`;
    case 'ended':
      return `${rule.title} is ${r.statusNote}.`;
    default:
      return assertNever(status, 'status');
  }
}

function describeActual(c: Pick<ConditionCheck, "actual">): string {
  const a = c.actual;
  if (a === null || a === undefined) return 'unknown';
  if (typeof a === 'object' && !Array.isArray(a) && 'present' in a) {
    const comp = a as { present: string[]; absent: string[] };
    const parts = [];
    if (comp.present.length) parts.push(comp.present.join(', '));
    if (comp.absent.length) parts.push(`not ${comp.absent.join(', ')}`);
    return parts.join('; ') || 'none';
  }
  return Array.isArray(a) ? a.join(', ') : String(a);
}

/** Why a rule does not apply, in one line: the first condition that is false. */
function whyNot(rule: Rule, r: RuleResult, particularFirst = false): string | null {
  const failures = r.checks.filter((c) => c.result === 'false');
  // The failed fact particular to the rule ("military end use: no") says more than the item's form.
  const failed = (particularFirst ? failures.find(particularFact) : undefined) ?? failures[0];
  if (!failed) return null;
  const expected = Array.isArray(failed.expected) ? failed.expected.join(', ') : String(failed.expected);
  const want = failed.op === 'notEqual' || failed.op === 'notIn' ? `not ${expected}` : expected;
  return `${rule.title} does not apply (${failed.label}: ${describeActual(failed)}; it needs ${want}).`;
}

/** Whether a rule requires one destination country itself (the Japan ban), not through a wider condition (DFARS's "to the US, or a US end user"). */
function aimsAtDestination(rule: Rule): boolean {
  return 'all' in rule.when && rule.when.all.some((c) => 'fact' in c && c.fact === 'destination' && c.op === 'equal');
}

function cite(set: RuleSet, ref: CitationRef): Citation {
  const source = set.sources.get(ref.id);
  const c: Citation = { source: ref.id };
  if (ref.article) c.article = ref.article;
  if (source) {
    c.title = source.title;
    if (source.url && source.urlConfirmed) c.url = source.url;
  }
  return c;
}

function addCitation(list: Citation[], c: Citation): void {
  const existing = list.find((x) => x.source === c.source);
  if (!existing) {
    list.push(c);
    return;
  }
  if (c.article && existing.article !== c.article) {
    const articles = new Set((existing.article ?? '').split('; ').filter(Boolean));
    articles.add(c.article);
    existing.article = [...articles].join('; ');
  }
}

/**
 * Which rules a case is about: goods rules when an item is described, technology rules when a collaboration is,
 * both when neither is known yet (so that every rule can still ask for what it needs).
 */
export function rulesInScope(set: RuleSet, facts: Facts): readonly Rule[] {
  const goods = facts.item !== undefined;
  const technology = facts.collaboration !== undefined;
  if (!goods && !technology) return set.rules;
  return set.rules.filter((r) => r.appliesTo === 'any' || (r.appliesTo === 'goods' ? goods : technology));
}

export interface EvaluateOptions {
  /** Decide with only the instruments published by this day (the day asked, when deciding for a later day). */
  readonly knownOn?: string;
  /** Values assumed for facts not known: a what-if evaluation, which does not look further ahead itself. */
  readonly assume?: AssumedFacts;
  /** For a what-if evaluation: the real evaluation's results, reused for every rule that reads no assumed fact. */
  readonly reuse?: Reused;
}

interface Reused {
  readonly results: readonly RuleResult[];
  /** Each rule's contribution before overrides (the overrides are worked out again). */
  readonly contributions: readonly (Verdict | null)[];
}

const factsReadCache = new WeakMap<Rule, Set<string>>();

function readsAny(rule: Rule, set: RuleSet, assumed: AssumedFacts): boolean {
  let read = factsReadCache.get(rule);
  if (!read) {
    read = factsIn(rule.when, set.conditions);
    factsReadCache.set(rule, read);
  }
  for (const fact of assumed.keys()) if (read.has(fact)) return true;
  return false;
}

/**
 * A rule's result in a what-if evaluation, which wants the verdict alone: its truth without the checks (the unknown
 * facts only where the contribution reads them: a rule not in force whose match is unknown).
 */
function whatIfResult(rule: Rule, status: RuleStatus, facts: Facts, set: RuleSet, assume: AssumedFacts): RuleResult {
  const match = conditionTruth(rule.when, facts, set.conditions, assume);
  const readsUnknowns = match === 'unknown' && status.kind !== 'in_force' && status.kind !== 'status_unknown';
  const unknowns = readsUnknowns ? evaluateCondition(rule.when, facts, set.conditions, assume).unknowns : [];
  return {
    ruleId: rule.id, title: rule.title, match, status: status.kind, statusNote: '', contributes: contribution(rule, match, status, unknowns),
    overriddenBy: null, confirmed: rule.confirmed, checks: [], unknownFacts: [...unknowns],
  };
}

/**
 * Rules citing an instrument the asker named ("with the Japan announcement, is this banned?") that do not apply on
 * these facts: why not, with that instrument cited, so the answer speaks to what was asked.
 */
export function namedButNotApplying(set: RuleSet, decision: Decision, named: readonly string[]): { reasons: string[]; citations: Citation[] } {
  const reasons: string[] = [];
  const citations: Citation[] = [];
  for (const id of named) {
    // Already answered by a rule that cites it, unless that rule only notes it beside a stricter answer (a note on
    // 2026 No. 1 for goods to Japan does not say why its ban on military users does not apply here).
    const citing = decision.fired.filter((r) => r.match === 'true' && set.rules.find((x) => x.id === r.ruleId)?.sources.some((s) => s.id === id));
    const onlyNoted = decision.verdict !== 'not_required' && citing.length > 0 && citing.every((r) => r.contributes === 'not_required');
    if (decision.citations.some((c) => c.source === id) && !onlyNoted) continue;
    const candidates = decision.trace.flatMap((r) => {
      const rule = set.rules.find((x) => x.id === r.ruleId);
      const source = rule?.sources.find((s) => s.id === id);
      return rule && source && r.match === 'false' ? [{ rule, r, source }] : [];
    });
    const particular = (c: (typeof candidates)[number]) => c.r.checks.some((k) => k.result === 'false' && particularFact(k));
    const best = candidates.find(particular) ?? candidates[0];
    const line = best ? whyNot(best.rule, best.r, true) : null;
    if (!best || !line) continue;
    reasons.push(line);
    addCitation(citations, cite(set, best.source));
  }
  return { reasons, citations };
}

/**
 * For an asker who believes the controls were suspended ("I heard they were suspended after the truce"): the rules in
 * force that decided this answer were never suspended, said with the suspending instrument cited (No. 70 suspended the
 * October 2025 announcements, not No. 18). Nothing when no suspension had been announced by that day.
 */
export function notAmongSuspended(set: RuleSet, decision: Decision): { reasons: string[]; citations: Citation[] } {
  const asOf = decision.asOf;
  // Rules that were never suspended: one in force again after a suspension has its own status note.
  const deciding = decision.fired.flatMap((r) => {
    const rule = set.rules.find((x) => x.id === r.ruleId);
    return rule && rule.suspensions.length === 0 && r.contributes === decision.verdict && r.match === 'true' && r.status === 'in_force' ? [rule] : [];
  });
  if (deciding.length === 0) return { reasons: [], citations: [] };
  // The suspensions announced by that day, each with the rules it suspends.
  const suspended = new Map<string, { ref: CitationRef; rules: Rule[] }>();
  for (const rule of set.rules) {
    for (const s of rule.suspensions) {
      const date = set.sources.get(s.source.id)?.date;
      if (s.from > asOf || (date !== undefined && date > asOf)) continue;
      const entry = suspended.get(s.source.id) ?? { ref: s.source, rules: [] };
      entry.rules.push(rule);
      suspended.set(s.source.id, entry);
    }
  }
  if (suspended.size === 0) return { reasons: [], citations: [] };
  // The one that suspends part of the same instrument (No. 72 and No. 46 art. 2, beside the art. 1 ban); otherwise the
  // broadest, the suspension people have heard of (No. 70 and the October announcements).
  const decidingSources = new Set(deciding.flatMap((r) => r.sources.map((s) => s.id)));
  const entries = [...suspended.values()];
  const sameInstrument = entries.filter((e) => e.rules.some((r) => r.sources.some((s) => decidingSources.has(s.id))));
  const chosen = sameInstrument.length > 0 ? sameInstrument : [entries.reduce((a, b) => (b.rules.length > a.rules.length ? b : a))];
  const titles = [...new Set(deciding.map((r) => r.title))];
  const by = chosen.map((e) => set.sources.get(e.ref.id)?.title ?? e.ref.id).join(' and ');
  const reasons = [`${titles.join('; ')} ${titles.length > 1 ? 'are' : 'is'} in force on ${asOf} and ${titles.length > 1 ? 'were' : 'was'} never suspended: ${by} ${chosen.length > 1 ? 'concern' : 'concerns'} other measures.`];
  const citations: Citation[] = [];
  for (const e of chosen) addCitation(citations, cite(set, e.ref));
  return { reasons, citations };
}

export function evaluate(set: RuleSet, facts: Facts, asOf: string, options: EvaluateOptions = {}): Decision {
  const statuses = new Map<string, RuleStatus>();
  const rules = rulesInScope(set, facts);
  const { knownOn } = options;
  const known = knownOn === undefined ? undefined : (ref: { id: string }) => {
    const date = set.sources.get(ref.id)?.date;
    return date === undefined || date <= knownOn;
  };
  const results: RuleResult[] = rules.map((rule, i) => {
    const reused = options.reuse?.results[i];
    if (reused && options.assume && !readsAny(rule, set, options.assume)) {
      return { ...reused, contributes: options.reuse?.contributions[i] ?? null, overriddenBy: null };
    }
    const status = ruleStatus(rule, asOf, known);
    statuses.set(rule.id, status);
    if (options.assume) return whatIfResult(rule, status, facts, set, options.assume);
    const { result, checks, unknowns } = evaluateCondition(rule.when, facts, set.conditions, options.assume);
    return {
      ruleId: rule.id,
      title: rule.title,
      match: result,
      status: status.kind,
      statusNote: statusNote(rule, status, asOf),
      contributes: contribution(rule, result, status, unknowns, checks),
      overriddenBy: null,
      confirmed: rule.confirmed,
      checks,
      unknownFacts: [...unknowns],
    };
  });

  const contributions = results.map((r) => r.contributes);
  // A rule is moot when a rule that overrides it applies in force that day.
  const byId = new Map(results.map((r) => [r.ruleId, r]));
  rules.forEach((rule, i) => {
    const r = results[i];
    if (!r || r.contributes === null) return;
    const winner = rule.overriddenBy.find((id) => {
      const o = byId.get(id);
      return o !== undefined && o.match === 'true' && o.status === 'in_force';
    });
    if (winner) {
      r.overriddenBy = winner;
      r.contributes = null;
    }
  });

  let verdict: Verdict = 'not_required';
  for (const r of results) if (r.contributes) verdict = stricter(verdict, r.contributes);
  // When only rules of unknown status still ask for facts, no answer to the question could settle it: escalate. So
  // when the others asking could at most send the case to compliance themselves (an end-user commitment to check):
  // every open path ends with an officer or with nothing, and the brief says to escalate rather than ask (issue 10 §6).
  const paired = rules.map((rule, i) => ({ rule, r: results[i] as RuleResult }));
  const asking = paired.filter(({ r }) => r.contributes === 'need_info');
  const unknownStatusEscalates = verdict === 'need_info' && asking.some(({ r }) => r.status === 'status_unknown')
    && asking.every(({ rule, r }) => r.status === 'status_unknown' || rule.verdict === 'escalate');
  if (unknownStatusEscalates) verdict = 'escalate';
  // A what-if evaluation wants the verdict alone: the reasons and citations are the real evaluation's.
  if (options.assume !== undefined) {
    return { verdict, reasons: [], citations: [], fired: [], trace: [], missing: [], nextSteps: [], rulesVersion: set.version, asOf };
  }

  // Missing facts: the unknowns of rules that could still make the verdict stricter.
  const missingByFact = new Map<string, MissingFact>();
  rules.forEach((rule, i) => {
    const r = results[i];
    if (!r || r.match !== 'unknown' || r.overriddenBy) return;
    const status = statuses.get(rule.id);
    if (!status || (status.kind !== 'in_force' && status.kind !== 'status_unknown')) return;
    const potential: Verdict = status.kind === 'status_unknown' ? 'escalate' : rule.verdict;
    if (strictness(potential) <= strictness(verdict)) return;
    for (const fact of r.unknownFacts) {
      const q = set.questions.get(fact);
      const m = missingByFact.get(fact) ?? {
        fact,
        label: FACTS[fact]?.label ?? fact,
        question: q?.ask ?? `What is the ${FACTS[fact]?.label ?? fact}?`,
        choices: q?.choices ?? [],
        forRules: [],
      };
      if (!m.forRules.includes(rule.id)) m.forRules.push(rule.id);
      missingByFact.set(fact, m);
    }
  });
  const missing = [...missingByFact.values()].sort(
    (a, b) => (set.questions.get(a.fact)?.priority ?? 50) - (set.questions.get(b.fact)?.priority ?? 50),
  );

  // A question is worth asking only if some answer to it could clear the case. Tried on the rules themselves: when
  // every answer leads to a licence, a prohibition or an escalation, that is the answer now (a what-if evaluation
  // does not look ahead again).
  const whatever = verdict === 'need_info' && options.assume === undefined
    ? verdictWhateverTheAnswer(verdictsOverAnswers(set, missing.map((m) => m.fact), (assume) => evaluate(set, facts, asOf, { ...options, assume, reuse: { results, contributions } }).verdict))
    : undefined;
  const noAnswerClears = whatever !== undefined;
  if (whatever !== undefined) verdict = whatever;
  /** Whether a rule's contribution made this verdict (the rules still asking included, when no answer could clear). */
  const decided = (r: RuleResult) => r.contributes === verdict || ((unknownStatusEscalates || noAnswerClears) && r.contributes === 'need_info');

  // Reasons and citations: strictest contributions first.
  const contributing = paired
    .filter(({ r }) => r.contributes !== null)
    .sort((a, b) => strictness(b.r.contributes as Verdict) - strictness(a.r.contributes as Verdict) || Number(b.rule.leadReason) - Number(a.rule.leadReason));

  const reasons: string[] = [];
  const citations: Citation[] = [];
  const nextSteps: string[] = [];
  if (noAnswerClears) {
    const labels = missing.map((m) => m.label).join(', ');
    reasons.push(verdict === 'escalate'
      ? `Whatever the answer on ${labels}, this needs a licence or cannot be done at all, depending on that answer: a compliance officer decides.`
      : `Whatever the answer on ${labels}, the outcome is the same.`);
  }
  for (const { rule, r } of contributing) {
    const status = statuses.get(rule.id) as RuleStatus;
    // A rule out of force (suspended, of unknown status) that only might apply and did not make the verdict did not
    // affect this answer: its status note would only repeat itself under every answer it touches. The trace keeps
    // it. One that would apply stays: that it is suspended is why the answer is not stricter.
    if (status.kind !== 'in_force' && r.match !== 'true' && !decided(r)) continue;
    // A rule citing the announcement that lists a party in the question shows the match first.
    if (status.kind === 'in_force' && r.match === 'true') {
      for (const line of partyMatchNotes(set, facts, rule.sources.map((s) => s.id))) if (!reasons.includes(line)) reasons.push(line);
    }
    const reason = reasonFor(rule, r, status, asOf);
    if (reason && !reasons.includes(reason)) reasons.push(reason);
    for (const s of rule.sources) addCitation(citations, cite(set, s));
    if (status.kind === 'suspended' || status.kind === 'status_unknown') addCitation(citations, cite(set, status.by));
    if (status.kind === 'in_force' && status.by) addCitation(citations, cite(set, status.by));
    const note = reportedNote(status);
    // Said wherever the rule made the verdict: also when a status unknown escalated a rule that would only have asked.
    if (note && decided(r)) {
      if (!reasons.includes(note)) reasons.push(note);
      if (status.kind === 'status_unknown' && status.reported) addCitation(citations, cite(set, status.reported.source));
    }
    // Steps are for a rule that applies (matched) and gave the verdict: a question still open has no licence steps.
    if (r.contributes === verdict && r.match === 'true' && status.kind === 'in_force') {
      for (const step of rule.nextSteps) if (!nextSteps.includes(step)) nextSteps.push(step);
    }
  }
  // A ban aimed at the very country the goods go to (the Japan or US military bans), for a military end user there, that
  // does not apply is worth its line whatever the verdict: "No. 46 art. 1 does not reach these rotor assemblies" is
  // what an asker supplying a US Army depot needs beside the escalation. Not for civil users (the line would ride on
  // every answer about those countries), nor when the goods' route rules it out (they never leave China).
  rules.forEach((rule, i) => {
    const r = results[i] as RuleResult;
    if (rule.verdict !== 'prohibited' || r.status !== 'in_force' || r.match !== 'false') return;
    const aimed = aimsAtDestination(rule) && r.checks.some((c) => c.fact === 'destination' && c.result === 'true')
      && r.checks.some((c) => c.fact === 'militaryEnd' && c.result === 'true');
    const offRoute = r.checks.some((c) => c.fact === 'fromChina' && c.result === 'false') && !r.checks.some((c) => c.fact === 'item.chinaOrigin' && c.result === 'true');
    if (!aimed || offRoute) return;
    const line = whyNot(rule, r, true);
    if (!line) return;
    if (!reasons.includes(line)) reasons.push(line);
    for (const s of rule.sources) addCitation(citations, cite(set, s));
  });
  if (verdict === 'not_required') {
    // Cite the rules in force that the item's make-up was checked against on its route ("Nd and Pr are not No. 18
    // elements" cites No. 18), also beside a carve-out or a suspension that decided it, and with the route unsaid;
    // not those that the route (goods not leaving China) or the date ruled out.
    rules.forEach((rule, i) => {
      const r = results[i] as RuleResult;
      if (r.status !== 'in_force') return;
      const compositionFailed = r.checks.some((c) => c.fact === 'item.elements' && c.result === 'false');
      const routeHeld = r.checks.some((c) => c.fact === 'fromChina') && !r.checks.some((c) => c.fact === 'fromChina' && c.result === 'false');
      if (compositionFailed && routeHeld) for (const s of rule.sources) addCitation(citations, cite(set, s));
    });
    // A carve-out in force that holds on everything but the route ("does it ship from China?" unsaid) is half of why
    // nothing is needed: shipped from China, it is what clears the goods (the FAQ on built-in magnets), so it is said
    // and cited beside whatever clears the other route (a suspended No. 61).
    rules.forEach((rule, i) => {
      const r = results[i] as RuleResult;
      if (r.status !== 'in_force' || rule.verdict !== 'not_required' || r.match !== 'unknown') return;
      if (r.unknownFacts.some((f) => f !== 'fromChina') || r.checks.some((c) => c.result === 'false')) return;
      // First: the lines about the other route repeat one suspension, and an answer shows only its first few reasons.
      const line = `If the goods ship from China: ${rule.explanation}`;
      if (!reasons.includes(line)) reasons.unshift(line);
      for (const s of rule.sources) addCitation(citations, cite(set, s));
    });
  }
  if (verdict === 'not_required' && contributing.length === 0) {
    // Goods with a Chinese link that do not leave China: the rules for goods leaving China are beside the point, and
    // what reaches goods abroad (No. 61) is out of force that day. That, with the suspension cited, is the answer's why.
    const item = facts.item;
    const chineseLink = item?.chinaOrigin === true || item?.hasChineseContent === true || (item?.chineseContentPercent ?? 0) > 0 || item?.madeWithChineseTechnology === true;
    const notFromChina = results.some((r) => r.checks.some((c) => c.fact === 'fromChina' && c.result === 'false'));
    const told = new Set<string>();
    if (chineseLink && notFromChina) {
      rules.forEach((rule, i) => {
        const r = results[i] as RuleResult;
        const status = statuses.get(rule.id);
        const source = rule.sources[0];
        if (!status || !source || status.kind !== 'suspended' || told.has(source.id)) return;
        if (!r.checks.some((c) => c.fact === 'foreignExporter' || c.fact === 'madeAbroad')) return;
        told.add(source.id);
        const title = set.sources.get(source.id)?.title ?? source.id;
        reasons.push(`These goods are not exported from China, so the rules on exports from China do not reach them. ${title} reaches goods outside China, but on ${asOf} it is ${r.statusNote}.`);
        addCitation(citations, cite(set, { id: source.id }));
        addCitation(citations, cite(set, status.by));
      });
    }
    // Say why nothing applies, from the rules that came closest (fewest false conditions).
    // (Not when the route said it: "shipped from China: false" under every rule would only repeat it.)
    const closest = told.size > 0 ? [] : rules
      .map((rule, i) => ({ rule, r: results[i] as RuleResult }))
      // (Not one that fails only for want of something the asker would have said, "a change from the licence: unknown".)
      .filter(({ r }) => r.status === 'in_force' && !r.checks.some((c) => c.result === 'false' && (c.actual === undefined || c.actual === null)))
      .map(({ rule, r }) => ({ rule, r, misses: r.checks.filter((c) => c.result === 'false').length }))
      .sort((a, b) => a.misses - b.misses)
      .slice(0, 2);
    for (const { rule, r } of closest) {
      const line = whyNot(rule, r);
      if (line) reasons.push(line);
    }
    if (reasons.length === 0) {
      const pending = results.filter((r) => r.status === 'not_yet').length;
      reasons.push(`None of the ${results.length} rules that could bear on this applies on ${asOf}${pending ? `; ${pending} of them were not yet in force that day` : ''}.`);
    }
  }

  return {
    verdict,
    reasons,
    citations,
    fired: results.filter((r) => r.contributes !== null),
    trace: results,
    missing,
    nextSteps,
    rulesVersion: set.version,
    asOf,
    ...(knownOn === undefined ? {} : { knownOn }),
  };
}
