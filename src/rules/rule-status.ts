/**
 * What a rule's dates say about a given day: in force, not yet, suspended, ended, or unknown (a suspension has
 * ended and the data records nothing about what followed). Dates are ISO strings, so comparing them as strings
 * compares them as days.
 */
import type { CitationRef, Rule, Suspension } from './schema.js';

export type RuleStatus =
  /** `by`: the instrument that put it back in force after a suspension (resumed or amended), cited with it. */
  | { readonly kind: 'in_force'; readonly by?: CitationRef; readonly note?: string }
  | { readonly kind: 'not_yet'; readonly from: string }
  | { readonly kind: 'suspended'; readonly until: string; readonly by: CitationRef }
  | { readonly kind: 'ended'; readonly on: string; readonly by?: CitationRef }
  | { readonly kind: 'status_unknown'; readonly since: string; readonly by: CitationRef; readonly reported?: Suspension['reported'] };

function suspensionEnd(s: Suspension): string {
  return s.then?.status === 'extended' && s.then.until ? s.then.until : s.until;
}

function unknownAfter(s: Suspension): RuleStatus {
  return s.reported ? { kind: 'status_unknown', since: suspensionEnd(s), by: s.source, reported: s.reported } : { kind: 'status_unknown', since: suspensionEnd(s), by: s.source };
}

/** The sentence an answer adds where an unconfirmed report says what followed a suspension. */
export function reportedNote(status: RuleStatus): string | undefined {
  if (status.kind !== 'status_unknown' || !status.reported) return undefined;
  const { until, by, source } = status.reported;
  return `An extension${until ? ` to ${until}` : ''} was reported${by ? ` by ${by}` : ''} (${source.id}), but no MOFCOM notice implementing it was found, so the status stays unknown until compliance records it${until ? `; ${until} is the next date to watch, and the horizon alert for ${until} is scheduled` : ''}.`;
}

/**
 * Which instruments were published by a given day. Deciding for a later day (the day goods ship) with only what
 * was known when the question was asked: a suspension, a recorded outcome or a report published after that is
 * left out, and a rule whose own instrument was not yet published does not exist yet.
 */
export type KnownSource = (ref: CitationRef) => boolean;

/** The rule as it was known: what a `known` filter leaves of its suspensions and their outcomes. */
function asKnown(rule: Rule, known: KnownSource): Rule {
  return {
    ...rule,
    suspensions: rule.suspensions.filter((s) => known(s.source)).map((s) => {
      const { then, reported, ...rest } = s;
      return { ...rest, ...(then && known(then.source) ? { then } : {}), ...(reported && known(reported.source) ? { reported } : {}) };
    }),
  };
}

export function ruleStatus(rule: Rule, asOf: string, known?: KnownSource): RuleStatus {
  if (known) {
    // The rule's own instrument is its first source; a later one may be an older law it cites for procedure.
    const own = rule.sources[0];
    if (own === undefined || !known(own)) return { kind: 'not_yet', from: rule.effectiveFrom > asOf ? rule.effectiveFrom : asOf };
    return statusOn(asKnown(rule, known), asOf);
  }
  return cachedStatusOn(rule, asOf);
}

/**
 * A rule's status by day, remembered: every turn asks it of every rule for the same day or two, and rules are data
 * loaded once. Bounded per rule, so questions about many different days cannot grow it.
 */
const STATUS_BY_DAY = new WeakMap<Rule, Map<string, RuleStatus>>();
const DAYS_REMEMBERED = 64;
function cachedStatusOn(rule: Rule, asOf: string): RuleStatus {
  let byDay = STATUS_BY_DAY.get(rule);
  if (!byDay) STATUS_BY_DAY.set(rule, (byDay = new Map()));
  let status = byDay.get(asOf);
  if (status === undefined) {
    status = statusOn(rule, asOf);
    if (byDay.size >= DAYS_REMEMBERED) byDay.clear();
    byDay.set(asOf, status);
  }
  return status;
}

function statusOn(rule: Rule, asOf: string): RuleStatus {
  for (const s of rule.suspensions) {
    const end = suspensionEnd(s);
    if (asOf >= s.from && asOf < end) return { kind: 'suspended', until: end, by: s.source };
  }
  if (asOf < rule.effectiveFrom) return { kind: 'not_yet', from: rule.effectiveFrom };
  if (rule.effectiveUntil !== undefined && asOf >= rule.effectiveUntil) return { kind: 'ended', on: rule.effectiveUntil };
  // The latest suspension that has ended decides what is known after it.
  const ended = rule.suspensions.filter((s) => asOf >= suspensionEnd(s)).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  if (ended) {
    const then = ended.then;
    if (!then || (then.status === 'extended')) return unknownAfter(ended);
    if (then.status === 'revoked' && asOf >= then.date) return { kind: 'ended', on: then.date, by: then.source };
    if ((then.status === 'resumed' || then.status === 'amended') && asOf >= then.date) {
      return { kind: 'in_force', by: then.source, ...(then.note ? { note: then.note } : {}) };
    }
    return unknownAfter(ended);
  }
  return { kind: 'in_force' };
}

/** Every date at which the rule's status may change: the edges a test must check on both sides. */
export function ruleBoundaries(rule: Rule): string[] {
  const dates = new Set<string>([rule.effectiveFrom]);
  if (rule.effectiveUntil) dates.add(rule.effectiveUntil);
  for (const s of rule.suspensions) {
    dates.add(s.from);
    dates.add(suspensionEnd(s));
    if (s.then) dates.add(s.then.date);
    if (s.then?.until) dates.add(s.then.until);
  }
  return [...dates].sort();
}
