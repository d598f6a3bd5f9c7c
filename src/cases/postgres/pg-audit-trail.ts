/**
 * `audit verify` on PostgreSQL beyond the chain itself: the chain walk (verifyChain) and the cases' cross-check
 * against their audit records (audit-cross-check.ts, the same replay as SQLite's), read in one REPEATABLE READ
 * snapshot. Without the one snapshot, a case opened by another instance between the two reads would be a case
 * "without audit" (its escalation committed after the chain was read) and a false alarm under load.
 */
import type pg from 'pg';
import type { AnchorCheck } from '../audit-anchor.js';
import { verifyChain, type AuditVerification } from '../audit-log.js';
import { crossCheckCaseRows, CROSS_CHECK_CASES_SQL, type CaseCrossCheck } from '../audit-cross-check.js';
import { trailOutcome, type TrailOptions, type TrailVerification } from '../audit-verify.js';
import { checkPgAnchors } from './pg-audit-anchors.js';
import { inTransaction } from './pg-database.js';

export type PgTrailCheck =
  | { readonly ok: true; readonly chain: Extract<AuditVerification, { ok: true }>; readonly cases: CaseCrossCheck }
  /** Cases are only checked against a chain that verifies. */
  | { readonly ok: false; readonly chain: Extract<AuditVerification, { ok: false }>; readonly cases: undefined };

export async function verifyPgTrail(pool: pg.Pool): Promise<PgTrailCheck> {
  const { auditRows, caseRows } = await inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const audit = await client.query('SELECT * FROM audit_log ORDER BY seq');
    const cases = await client.query(CROSS_CHECK_CASES_SQL);
    return { auditRows: audit.rows as unknown[], caseRows: cases.rows as unknown[] };
  });
  const chain = verifyChain(auditRows);
  return chain.ok ? { ok: true, chain, cases: crossCheckCaseRows(auditRows, caseRows) } : { ok: false, chain, cases: undefined };
}

/**
 * `audit verify` in full on PostgreSQL, for the CLI and the console, with SQLite's result (audit-verify.ts) and its
 * order: the chain, then the anchors (with an anchor file: there is no default beside the database here), then the
 * cases. `requireAnchors` is SQLite's server default and is not read: anchors on PostgreSQL are the operator's choice.
 */
export async function verifyPgAuditTrail(pool: pg.Pool, options: Omit<TrailOptions, 'requireAnchors'> = {}): Promise<TrailVerification> {
  const trail = await verifyPgTrail(pool);
  if (!trail.ok) return trail.chain;
  let anchors: AnchorCheck | undefined;
  if (options.anchorFile !== undefined) {
    const checked = await checkPgAnchors(pool, options.anchorFile, options.anchorKey);
    if (!checked.ok) return { ok: false, count: trail.chain.count, firstBad: checked.problem };
    anchors = checked.check;
  }
  return trailOutcome(trail.chain, anchors, trail.cases);
}
