/**
 * `lodestone audit verify|export` when DATABASE_URL names PostgreSQL: the same chain walk and redaction checks as on
 * SQLite (verifyChain) and the same cases' cross-check against their audit records, both in one snapshot
 * (pg-audit-trail.ts), and the same CSV; with AUDIT_ANCHOR_FILE, the anchors an instance wrote (pg-audit-anchors.ts)
 * are checked against the chain as on SQLite. The order of the checks, and so which problem is named first, is
 * SQLite's: the chain, the anchors, the cases.
 */
import { writeFileSync } from 'node:fs';
import { PgAuditChain } from '../../cases/postgres/pg-audit-chain.js';
import { createPool, PostgresError, redactUrl } from '../../cases/postgres/pg-database.js';
import { CliError } from './cli-error.js';
import { describeAnchors, ExportRangeSchema } from './commands.js';
import { AuditAnchorEnvSchema } from '../../config.js';
import { verifyPgAuditTrail } from '../../cases/postgres/pg-audit-trail.js';

type Out = (line: string) => void;

export async function auditPostgresCommand(
  url: string, sub: string | undefined, opts: { from?: string; to?: string; out?: string }, out: Out,
): Promise<number> {
  if (sub !== 'verify' && sub !== 'export') throw new CliError('audit needs verify or export');
  let pool;
  try {
    pool = createPool(url, { poolMax: 2 });
  } catch (e) {
    if (e instanceof PostgresError) throw new CliError(`audit: ${e.message}`);
    throw e;
  }
  try {
    const log = new PgAuditChain(pool);
    if (sub === 'verify') {
      const env = AuditAnchorEnvSchema.safeParse(process.env);
      if (!env.success) throw new CliError(`audit verify: ${String(env.error.issues[0]?.path[0])}: ${env.error.issues[0]?.message}`);
      const file = env.data.AUDIT_ANCHOR_FILE;
      const v = await verifyPgAuditTrail(pool, { anchorFile: file, anchorKey: env.data.AUDIT_ANCHOR_KEY });
      if (!v.ok) {
        out(`TAMPERED: record #${v.firstBad.seq}: ${v.firstBad.reason}: ${v.firstBad.detail} (${v.count} records checked)`);
        return 1;
      }
      const anchored = file === undefined ? 'no AUDIT_ANCHOR_FILE given, anchors not checked' : describeAnchors(v.anchors, v.head.seq, file);
      out(`ok: ${v.count} records, chain head #${v.head.seq} ${v.head.hash.slice(0, 16)}; PostgreSQL at ${redactUrl(url)}; ${anchored}; cases checked against their audit records: ${v.cases}, all match`);
      return 0;
    }
    const r = ExportRangeSchema.safeParse(opts);
    if (!r.success) throw new CliError(`audit export: --${String(r.error.issues[0]?.path[0])}: ${r.error.issues[0]?.message}`);
    const csv = await log.exportCsv({ ...(r.data.from ? { from: r.data.from } : {}), ...(r.data.to ? { to: r.data.to } : {}) });
    if (r.data.out) writeFileSync(r.data.out, csv);
    else out(csv.trimEnd());
    return 0;
  } catch (e) {
    if (e instanceof CliError) throw e;
    // No table: the database was never migrated; anything else about reaching it is one line too.
    throw new CliError(`audit: cannot read the audit log at ${redactUrl(url)}: ${(e as Error).message}`, 1);
  } finally {
    await pool.end();
  }
}
