/**
 * Cases against their audit records. The cases table is not hash-chained (cases change as officers act), so an edit
 * to it behind the triggers would otherwise go unseen: a decision flipped to `not_required, reusable` would answer
 * every later asker as a precedent. Replaying the audit records of each case gives what its row must say.
 *
 * What is compared: that every case was opened by an `escalation` record (created) and every opened case still
 * exists; its facts key, preliminary verdict and rules version; its question (until redacted); its state, who
 * claimed it, its decision (verdict, reusable, by whom) and how often it was reopened; and that a redacted case was
 * redacted by a retention run (a `redaction` record at its redacted_at, with a cutoff after its resolution).
 *
 * The check itself is pure over rows (crossCheckCaseRows), so SQLite and PostgreSQL (pg-audit-trail.ts) run the same
 * replay on the same queries; each engine only reads the rows, PostgreSQL in one snapshot with the chain.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { wellFormed } from '../core/well-formed.js';
import { formatCaseId, parseCaseId } from './case-id.js';
import { ActorSchema, CaseStateSchema, OfficerDecisionSchema, ResolutionSchema, type CaseState } from './case-view.js';

export type CaseProblemReason = 'case_without_audit' | 'case_missing' | 'case_mismatch';

export interface CaseProblem {
  readonly caseId: string;
  /** The audit record the problem is found against (the case's escalation), 0 when there is none. */
  readonly seq: number;
  readonly reason: CaseProblemReason;
  readonly detail: string;
}

/** What the audit records say a case must look like now. */
interface Expected {
  readonly seq: number;
  readonly factsKey: string;
  readonly verdict: string;
  readonly rulesVersion: string;
  readonly question: string | null;
  state: CaseState;
  claimedBy: string | null;
  decision: { decision: string; reusable: boolean; by: string } | null;
  reopened: number;
}

const EscalationSchema = z.looseObject({
  caseId: z.string(), created: z.boolean(), factsKey: z.string(), verdict: z.string(), rulesVersion: z.string(),
});
const ActionSchema = z.looseObject({ caseId: z.string(), action: z.enum(['claim', 'reopen', 'note']) });
const DecisionPayloadSchema = z.looseObject({ caseId: z.string(), decision: OfficerDecisionSchema, reusable: z.boolean() });
const RedactionPayloadSchema = z.looseObject({ cutoff: z.string() });

const AuditRowSchema = z.object({ seq: z.number(), at: z.string(), kind: z.string(), actor: z.string(), payload: z.string(), text: z.string().nullable() });

const CaseRowSchema = z.object({
  num: z.number().int(),
  state: CaseStateSchema,
  facts_key: z.string(),
  verdict: z.string(),
  rules_version: z.string(),
  question: z.string().nullable(),
  claimed_by: z.string().nullable(),
  resolution: z.string().nullable(),
  resolved_at: z.string().nullable(),
  reopen_count: z.number().int(),
  redacted_at: z.string().nullable(),
});

/** A JSON column as a value, or undefined when it is not JSON (an edited row must not stop the check). */
function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function actorKey(json: string | null): string | null {
  if (json === null) return null;
  const a = ActorSchema.safeParse(parseJson(json));
  return a.success ? wellFormed(`${a.data.channel}:${a.data.user}`) : `unreadable ${json}`;
}

/** The audit records a case's replay reads, in chain order (the same SQL on both engines). */
export const CROSS_CHECK_AUDIT_SQL = `SELECT seq, at, kind, actor, payload, text FROM audit_log
  WHERE kind IN ('escalation', 'officer_action', 'decision', 'redaction') ORDER BY seq`;

/** The case rows compared, in case order (the same SQL on both engines). */
export const CROSS_CHECK_CASES_SQL = `SELECT num, state, facts_key, verdict, rules_version, question, claimed_by, resolution,
  resolved_at, reopen_count, redacted_at FROM cases ORDER BY num`;

/** Replays the audit log into what each case must be; records of other kinds are passed over. */
function expectedCases(auditRows: Iterable<unknown>): { cases: Map<string, Expected>; redactionCutoffs: Map<string, string> } {
  const cases = new Map<string, Expected>();
  const redactionCutoffs = new Map<string, string>();
  for (const raw of auditRows) {
    const r = AuditRowSchema.parse(raw);
    const payload = parseJson(r.payload);
    switch (r.kind) {
      case 'escalation': {
        const p = EscalationSchema.safeParse(payload);
        if (p.success && p.data.created) {
          cases.set(p.data.caseId, {
            seq: r.seq, factsKey: p.data.factsKey, verdict: p.data.verdict, rulesVersion: p.data.rulesVersion,
            question: r.text, state: 'open', claimedBy: null, decision: null, reopened: 0,
          });
        }
        break;
      }
      case 'officer_action': {
        const p = ActionSchema.safeParse(payload);
        const c = p.success ? cases.get(p.data.caseId) : undefined;
        if (!p.success || !c) break;
        if (p.data.action === 'claim') {
          c.state = 'claimed';
          c.claimedBy = r.actor;
        } else if (p.data.action === 'reopen') {
          c.state = 'reopened';
          c.claimedBy = null;
          c.decision = null;
          c.reopened++;
        }
        break;
      }
      case 'decision': {
        const p = DecisionPayloadSchema.safeParse(payload);
        const c = p.success ? cases.get(p.data.caseId) : undefined;
        if (!p.success || !c) break;
        c.state = 'resolved';
        c.decision = { decision: p.data.decision, reusable: p.data.reusable, by: r.actor };
        break;
      }
      case 'redaction': {
        const p = RedactionPayloadSchema.safeParse(payload);
        if (p.success) redactionCutoffs.set(r.at, p.data.cutoff);
        break;
      }
      default:
        break;
    }
  }
  return { cases, redactionCutoffs };
}

export interface CaseCrossCheck {
  readonly checked: number;
  readonly problems: CaseProblem[];
}

/** Every case row in the SQLite database against its audit log; the problems in case order. */
export function crossCheckCases(db: Database.Database): CaseCrossCheck {
  return crossCheckCaseRows(db.prepare(CROSS_CHECK_AUDIT_SQL).iterate(), db.prepare(CROSS_CHECK_CASES_SQL).iterate());
}

/**
 * Case rows against audit rows (as CROSS_CHECK_CASES_SQL and CROSS_CHECK_AUDIT_SQL read them, or any superset of the
 * audit rows: other kinds are passed over); the problems in case order. Both must come from one snapshot.
 */
export function crossCheckCaseRows(auditRows: Iterable<unknown>, caseRows: Iterable<unknown>): CaseCrossCheck {
  const { cases: expected, redactionCutoffs } = expectedCases(auditRows);
  const problems: CaseProblem[] = [];
  let checked = 0;
  const seen = new Set<string>();
  for (const raw of caseRows) {
    const row = CaseRowSchema.parse(raw);
    const caseId = formatCaseId(row.num);
    checked++;
    seen.add(caseId);
    const e = expected.get(caseId);
    if (!e) {
      problems.push({ caseId, seq: 0, reason: 'case_without_audit', detail: `case ${caseId} has no escalation record in the audit log: it was not opened by Lodestone` });
      continue;
    }
    const mismatch = (what: string) => problems.push({ caseId, seq: e.seq, reason: 'case_mismatch', detail: `case ${caseId}: ${what}` });
    const resolution = row.resolution === null ? null : ResolutionSchema.safeParse(parseJson(row.resolution));
    const decided = resolution?.success ? resolution.data : null;
    if (row.facts_key !== e.factsKey) mismatch('its facts key is not the one it was opened with');
    else if (row.verdict !== e.verdict || row.rules_version !== e.rulesVersion) mismatch('its preliminary verdict or rules version is not the one it was opened with');
    else if (row.state !== e.state) mismatch(`it is ${row.state}, but its audit records leave it ${e.state}`);
    else if (row.reopen_count !== e.reopened) mismatch(`it counts ${row.reopen_count} reopenings, its audit records ${e.reopened}`);
    else if (e.state === 'claimed' && actorKey(row.claimed_by) !== e.claimedBy) mismatch(`it is claimed by someone other than ${e.claimedBy ?? 'nobody'}`);
    else if (e.decision !== null && (decided === null || decided.decision !== e.decision.decision || decided.reusable !== e.decision.reusable
      || wellFormed(`${decided.by.channel}:${decided.by.user}`) !== e.decision.by)) {
      mismatch(`its decision is not the one audited (${e.decision.decision}${e.decision.reusable ? ', reusable' : ''}, by ${e.decision.by})`);
    } else if (row.question !== null && e.question !== null && row.question !== e.question) mismatch('its question is not the one asked');
    else if (row.question === null && row.redacted_at === null) mismatch('its question was removed, but it was never redacted');
    else if (row.redacted_at !== null) {
      const cutoff = redactionCutoffs.get(row.redacted_at);
      if (cutoff === undefined) mismatch(`it was redacted at ${row.redacted_at}, when no retention run was audited`);
      else if (row.resolved_at === null || row.resolved_at >= cutoff) mismatch(`it was redacted at ${row.redacted_at}, but it was not resolved before that run's cutoff`);
    }
  }
  for (const [caseId, e] of expected) {
    if (!seen.has(caseId) && parseCaseId(caseId) !== undefined) {
      problems.push({ caseId, seq: e.seq, reason: 'case_missing', detail: `case ${caseId} was opened (audit record #${e.seq}) but is not in the cases table: it was deleted` });
    }
  }
  problems.sort((a, b) => (parseCaseId(a.caseId) ?? 0) - (parseCaseId(b.caseId) ?? 0));
  return { checked, problems };
}
