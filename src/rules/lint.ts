/**
 * Cross-checks a rule set beyond what the schema can see: references to sources, named conditions, facts and
 * rules; date windows that contradict each other; and unconfirmed facts that would decide a verdict.
 */
import { FACTS } from './fact-registry.js';
import type { RuleSet } from './ruleset.js';
import type { CitationRef, Condition, Rule } from './schema.js';

export interface LintProblem {
  readonly code:
    | 'unknown_source' | 'unknown_condition' | 'unknown_fact' | 'bad_value' | 'duplicate_id' | 'bad_window'
    | 'overlapping_windows' | 'unconfirmed_decides' | 'unknown_rule' | 'party_undecided';
  readonly file: string;
  readonly where: string;
  readonly message: string;
}

function checkCondition(c: Condition, where: string, set: RuleSet, out: LintProblem[], file: string): void {
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, `${where}.all[${i}]`, set, out, file));
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, `${where}.any[${i}]`, set, out, file));
  if ('not' in c) return checkCondition(c.not, `${where}.not`, set, out, file);
  if ('ref' in c) {
    if (!(c.ref in set.conditions)) {
      out.push({ code: 'unknown_condition', file, where, message: `refers to unknown named condition "${c.ref}"` });
    }
    return;
  }
  const def = FACTS[c.fact];
  if (!def) {
    out.push({ code: 'unknown_fact', file, where, message: `unknown fact "${c.fact}" (known: ${Object.keys(FACTS).join(', ')})` });
    return;
  }
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const allowed = def.type === 'composition' ? null : def.values;
  for (const v of values) {
    if (def.type === 'boolean' && typeof v !== 'boolean') out.push({ code: 'bad_value', file, where, message: `${c.fact} takes true or false, not ${JSON.stringify(v)}` });
    if (def.type === 'number' && typeof v !== 'number') out.push({ code: 'bad_value', file, where, message: `${c.fact} takes a number, not ${JSON.stringify(v)}` });
    if (def.type === 'country' && (typeof v !== 'string' || !/^[A-Z]{2}$/.test(v))) out.push({ code: 'bad_value', file, where, message: `${c.fact} takes ISO country codes, not ${JSON.stringify(v)}` });
    if (def.type === 'sourceList' && (typeof v !== 'string' || !set.sources.has(v))) out.push({ code: 'bad_value', file, where, message: `${c.fact} takes source IDs of sources.yaml, not ${JSON.stringify(v)}` });
    if (allowed && !allowed.includes(String(v))) out.push({ code: 'bad_value', file, where, message: `${c.fact} cannot be ${JSON.stringify(v)} (allowed: ${allowed.join(', ')})` });
  }
}

function checkRef(ref: CitationRef, where: string, set: RuleSet, out: LintProblem[], file: string): void {
  if (!set.sources.has(ref.id)) out.push({ code: 'unknown_source', file, where, message: `cites unknown source ID "${ref.id}"` });
}

function checkWindows(rule: Rule, out: LintProblem[], file: string): void {
  const where = `rule ${rule.id}`;
  if (rule.effectiveUntil !== undefined && rule.effectiveUntil <= rule.effectiveFrom) {
    out.push({ code: 'bad_window', file, where, message: `effectiveUntil ${rule.effectiveUntil} is not after effectiveFrom ${rule.effectiveFrom}` });
  }
  const sorted = [...rule.suspensions].sort((a, b) => (a.from < b.from ? -1 : 1));
  sorted.forEach((s, i) => {
    if (s.until <= s.from) out.push({ code: 'bad_window', file, where, message: `suspension from ${s.from} ends on ${s.until}, not after it starts` });
    if (rule.effectiveUntil !== undefined && s.from >= rule.effectiveUntil) {
      out.push({ code: 'bad_window', file, where, message: `suspension from ${s.from} starts after the rule ended on ${rule.effectiveUntil}` });
    }
    if (s.then && s.then.date < s.from) out.push({ code: 'bad_window', file, where, message: `what followed the suspension (${s.then.date}) predates it (${s.from})` });
    const next = sorted[i + 1];
    if (next && next.from < s.until) {
      out.push({ code: 'overlapping_windows', file, where, message: `suspensions ${s.from}..${s.until} and ${next.from}..${next.until} overlap` });
    }
  });
}

export function lintRuleSet(set: RuleSet, file = 'rules/'): LintProblem[] {
  const out: LintProblem[] = [];
  const seen = new Set<string>();
  for (const [name, cond] of Object.entries(set.conditions)) checkCondition(cond, `condition ${name}`, set, out, file);
  for (const rule of set.rules) {
    const where = `rule ${rule.id}`;
    if (seen.has(rule.id)) out.push({ code: 'duplicate_id', file, where, message: `rule id "${rule.id}" is used twice` });
    seen.add(rule.id);
    rule.sources.forEach((s, i) => checkRef(s, `${where}.sources[${i}]`, set, out, file));
    rule.suspensions.forEach((s, i) => {
      checkRef(s.source, `${where}.suspensions[${i}].source`, set, out, file);
      if (s.then) checkRef(s.then.source, `${where}.suspensions[${i}].then.source`, set, out, file);
      if (s.reported) checkRef(s.reported.source, `${where}.suspensions[${i}].reported.source`, set, out, file);
    });
    checkCondition(rule.when, `${where}.when`, set, out, file);
    checkWindows(rule, out, file);
    // The brief's own verdict for an unconfirmed row (R23 prohibited, R24 a watch-list licence) may stand when the rule
    // says why; "not required" never rests on an unconfirmed fact.
    if (!rule.confirmed && rule.verdict !== 'escalate' && (rule.verdict === 'not_required' || !rule.unconfirmedVerdictWhy)) {
      out.push({
        code: 'unconfirmed_decides', file, where,
        message: `is unconfirmed but decides "${rule.verdict}": an unconfirmed fact may only escalate`,
      });
    }
  }
  for (const rule of set.rules) {
    for (const id of rule.overriddenBy) {
      if (!seen.has(id)) out.push({ code: 'unknown_rule', file, where: `rule ${rule.id}.overriddenBy`, message: `names unknown rule "${id}"` });
    }
  }
  for (const q of set.questions.values()) {
    if (!FACTS[q.fact]) out.push({ code: 'unknown_fact', file, where: `question ${q.fact}`, message: `asks about unknown fact "${q.fact}"` });
  }
  for (const t of set.topics) t.sources.forEach((s, i) => checkRef(s, `topic ${t.id}.sources[${i}]`, set, out, file));
  const codes = new Set<string>();
  set.parties.forEach((p, i) => p.sources.forEach((id, k) => checkRef({ id }, `parties[${i}] ${p.name}.sources[${k}]`, set, out, 'parties.yaml')));
  // Every listed party's announcement must be one a rule of its list decides on (R23 control list, R24 watch list),
  // or naming the party would change no answer.
  const listRule = { control: 'R23', watch: 'R24' } as const;
  set.parties.forEach((p, i) => p.sources.forEach((id, k) => {
    if (!set.sources.has(id)) return;
    const decided = set.rules.some((r) => r.brief === listRule[p.list] && r.sources.some((s) => s.id === id));
    if (!decided) out.push({ code: 'party_undecided', file: 'parties.yaml', where: `parties[${i}] ${p.name}.sources[${k}]`, message: `${id} is cited by no ${p.list}-list rule (brief ${listRule[p.list]}): a match would decide nothing` });
  }));
  for (const item of set.items) {
    checkRef(item.source, `item ${item.controlCode}.source`, set, out, file);
    if (item.confirmedBy) checkRef(item.confirmedBy, `item ${item.controlCode}.confirmedBy`, set, out, file);
    item.subCodes.forEach((c, i) => checkRef(c.source, `item ${item.controlCode}.subCodes[${i}].source`, set, out, file));
    if (codes.has(item.controlCode)) out.push({ code: 'duplicate_id', file, where: `item ${item.controlCode}`, message: `control code ${item.controlCode} is listed twice` });
    codes.add(item.controlCode);
  }
  return out;
}
