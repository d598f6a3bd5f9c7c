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

/** The rules of unknown status, one event per suspending instrument ("No. 70 ended: 14 rules"), in first-seen order. */
export interface UnknownEvent {
  readonly sourceId: string;
  readonly since: string;
  readonly rules: readonly UnknownRule[];
}

export function groupBySuspension(unknown: readonly UnknownRule[]): UnknownEvent[] {
  const bySource = new Map<string, UnknownRule[]>();
  for (const u of unknown) bySource.set(u.sourceId, [...(bySource.get(u.sourceId) ?? []), u]);
  return [...bySource].map(([sourceId, rules]) => ({ sourceId, since: rules.map((r) => r.since).sort()[0] ?? '', rules }));
}

export function horizonAlertKey(sourceId: string, day: string): string {
  return `horizon:${sourceId}:${day}`;
}

const HORIZON_KEY = /^horizon:([A-Z][A-Z0-9-]{1,60}):(\d{4}-\d{2}-\d{2})$/;

/** The suspension a horizon alert is about, from its outbox key, so a platform can offer "Record what followed". */
export function parseHorizonAlertKey(key: string): { readonly sourceId: string; readonly day: string } | undefined {
  const m = HORIZON_KEY.exec(key);
  return m?.[1] && m[2] ? { sourceId: m[1], day: m[2] } : undefined;
}

export function horizonAlertText(e: UnknownEvent, day?: string): string {
  const n = e.rules.length;
  // R22: an extension reported without a notice is said once per event, with the next date to watch.
  const r = e.rules.find((u) => u.reported)?.reported;
  const reported = !r ? '' : r.until && day === r.until
    ? ` Today, ${r.until}, is the end of the extension reported by ${r.sourceId}, for which no notice was found: check whether it was extended again or lapsed.`
    : ` An extension${r.until ? ` to ${r.until}` : ''} was reported by ${r.sourceId} without an implementing notice${r.until ? `; ${r.until} is the next date to watch` : ''}.`;
  return (
    `${e.sourceId} ended on ${e.since}: ${n} rule${n === 1 ? '' : 's'}, status unknown (${e.rules.map((u) => u.rule.id).join(', ')}). ` +
    `rules/ record nothing about what followed, so questions that depend on ${n === 1 ? 'it' : 'them'} escalate.${reported} ` +
    `Record what followed in the console's rule status desk (/console/rules) or with lodestone rules record ${e.sourceId}.`
  );
}
