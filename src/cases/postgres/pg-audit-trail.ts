/**
 * `audit verify` on PostgreSQL beyond the chain itself: the chain walk (verifyChain) and the cases' cross-check
 * against their audit records (audit-cross-check.ts, the same replay as SQLite's), read in one REPEATABLE READ
 * snapshot. Without the one snapshot, a case opened by another instance between the two reads would be a case
 * "without audit" (its escalation committed after the chain was read) and a false alarm under load.
 */
import type pg from 'pg';
import { verifyChain, type AuditVerification } from '../audit-log.js';
import { crossCheckCaseRows, CROSS_CHECK_CASES_SQL, type CaseCrossCheck } from '../audit-cross-check.js';
import { inTransaction } from './pg-database.js';

export interface PgTrailCheck {
  readonly chain: AuditVerification;
  /** Undefined when the chain itself fails: cases are only checked against a chain that verifies. */
  readonly cases: CaseCrossCheck | undefined;
}

export async function verifyPgTrail(pool: pg.Pool): Promise<PgTrailCheck> {
  const { auditRows, caseRows } = await inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const audit = await client.query('SELECT * FROM audit_log ORDER BY seq');
    const cases = await client.query(CROSS_CHECK_CASES_SQL);
    return { auditRows: audit.rows as unknown[], caseRows: cases.rows as unknown[] };
  });
  const chain = verifyChain(auditRows);
  return { chain, cases: chain.ok ? crossCheckCaseRows(auditRows, caseRows) : undefined };
}
