/**
 * `audit verify` in full, for the CLI and the console: the hash chain and its redactions (audit-log.ts), the chain's
 * anchors outside the database (audit-anchor.ts), and the cases against their audit records (audit-cross-check.ts).
 * The first problem found is named; integrity_check of the file itself is the CLI's, before this.
 */
import type Database from 'better-sqlite3';
import { checkAnchors, readAnchors, type AnchorCheck, type AnchorProblem } from './audit-anchor.js';
import { crossCheckCases, type CaseCrossCheck, type CaseProblemReason } from './audit-cross-check.js';
import { AuditLog, type AuditProblem, type AuditVerification } from './audit-log.js';
import { assertNever } from '../rules/verdict.js';

export type TrailProblem = AuditProblem | AnchorProblem['reason'] | CaseProblemReason | 'unanchored';

/**
 * Where a problem lies: at one record of the chain (the records before it verify), or in the trail as a whole
 * (every record links up, yet text was cleared outside the retention job, records were cut or rewritten past the
 * anchors, or a case disagrees with its audit records).
 */
export function problemScope(p: TrailProblem): 'record' | 'trail' {
  switch (p) {
    case 'hash_mismatch':
    case 'broken_link':
    case 'text_mismatch':
    case 'bad_record':
      return 'record';
    case 'unjustified_redaction':
    case 'truncated':
    case 'anchor_mismatch':
    case 'bad_anchor':
    case 'unanchored':
    case 'case_without_audit':
    case 'case_missing':
    case 'case_mismatch':
      return 'trail';
    default:
      return assertNever(p, 'audit problem');
  }
}

export type TrailVerification =
  | {
      readonly ok: true;
      readonly count: number;
      readonly head: { readonly seq: number; readonly hash: string };
      /** Undefined when no anchor file was given (an in-memory database). */
      readonly anchors: AnchorCheck | undefined;
      /** Cases checked against their audit records. */
      readonly cases: number;
    }
  | {
      readonly ok: false;
      readonly count: number;
      readonly firstBad: { readonly seq: number; readonly reason: TrailProblem; readonly detail: string };
    };

export interface TrailOptions {
  /** The anchor file to check the chain against. */
  readonly anchorFile?: string | undefined;
  /** The HMAC key anchors were written with; without it their MACs are not checked. */
  readonly anchorKey?: string | undefined;
  /**
   * Fail a non-empty chain that has no anchors at all: where anchors are always written (the server), a missing
   * anchor file means it was removed, and the tail could have been cut with it.
   */
  readonly requireAnchors?: boolean;
}

export function verifyAuditTrail(db: Database.Database, options: TrailOptions = {}): TrailVerification {
  const chain = new AuditLog(db).verifyAudit();
  if (!chain.ok) return chain;
  let anchors: AnchorCheck | undefined;
  if (options.anchorFile !== undefined) {
    const read = readAnchors(options.anchorFile);
    if (options.requireAnchors && chain.count > 0 && read.anchors.length === 0 && read.badLines.length === 0) {
      return {
        ok: false, count: chain.count,
        firstBad: { seq: chain.head.seq, reason: 'unanchored', detail: `no anchors in ${options.anchorFile}, so removed or rewritten records cannot be ruled out (set AUDIT_ANCHOR_FILE if they are kept elsewhere)` },
      };
    }
    const checked = checkAnchors(db, read, options.anchorKey);
    if (!checked.ok) return { ok: false, count: chain.count, firstBad: checked.problem };
    anchors = checked.check;
  }
  return trailOutcome(chain, anchors, crossCheckCases(db));
}

/**
 * The trail's result once the chain verifies and its anchors check out: the first case that disagrees with its audit
 * records, or ok. Both engines end `audit verify` here (PostgreSQL's: pg-audit-trail.ts).
 */
export function trailOutcome(
  chain: Extract<AuditVerification, { ok: true }>, anchors: AnchorCheck | undefined, cases: CaseCrossCheck,
): TrailVerification {
  const first = cases.problems[0];
  if (first) return { ok: false, count: chain.count, firstBad: { seq: first.seq, reason: first.reason, detail: first.detail } };
  return { ok: true, count: chain.count, head: chain.head, anchors, cases: cases.checked };
}
