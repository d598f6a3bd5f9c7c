/**
 * The rules horizon: a rule whose suspension has ended with nothing recorded about what followed has an unknown
 * status, and answers that depend on it cannot be trusted until an officer updates `rules/`. Officers are told.
 */
import { ruleStatus } from '../rules/rule-status.js';
import type { Rule } from '../rules/schema.js';

export interface UnknownRule {
  readonly rule: Rule;
  /** The day the status became unknown. */
  readonly since: string;
  /** The source of the suspension that ended. */
  readonly sourceId: string;
  /** An extension reported without a notice (brief R22): its end date is the next date to watch. */
  readonly reported?: { readonly until?: string; readonly sourceId: string };
}

export function rulesWithUnknownStatus(rules: readonly Rule[], day: string): UnknownRule[] {
  const out: UnknownRule[] = [];
  for (const rule of rules) {
    const s = ruleStatus(rule, day);
    if (s.kind === 'status_unknown') {
      out.push({ rule, since: s.since, sourceId: s.by.id, ...(s.reported ? { reported: { sourceId: s.reported.source.id, ...(s.reported.until ? { until: s.reported.until } : {}) } } : {}) });
    }
  }
  return out;
}

export function horizonAlertKey(ruleId: string, day: string): string {
  return `horizon:${ruleId}:${day}`;
}

export function horizonAlertText(u: UnknownRule, day?: string): string {
  const r = u.reported;
  const reported = !r ? '' : r.until && day === r.until
    ? ` Today, ${r.until}, is the end of the extension reported by ${r.sourceId}, for which no notice was found: check whether it was extended again or lapsed.`
    : ` An extension${r.until ? ` to ${r.until}` : ''} was reported by ${r.sourceId} without an implementing notice${r.until ? `; ${r.until} is the next date to watch` : ''}.`;
  return (
    `Rule ${u.rule.id} ("${u.rule.title}") has an unknown status since ${u.since}: the suspension under ` +
    `${u.sourceId} has ended and rules/ record nothing about what followed.${reported} Please check the announcements and ` +
    `update the rule.`
  );
}
