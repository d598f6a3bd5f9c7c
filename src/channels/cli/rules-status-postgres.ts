/**
 * `lodestone rules record|status|overlay export` when DATABASE_URL names PostgreSQL: the records the instances share
 * (PgStatusOverlayStore), recorded with the same checks and audit record as the servers make, and read without
 * migrating anything. Every running instance decides its next answer on a record made here (it checks the newest
 * record before each turn); recording re-decides earlier answers and open cases as the servers' desk does
 * (pg-status-desk.ts), and the instances' dispatchers deliver the updates.
 */
import type pg from 'pg';
import { PgAuditChain } from '../../cases/postgres/pg-audit-chain.js';
import { createPool, openPostgres, PostgresError, redactUrl } from '../../cases/postgres/pg-database.js';
import { PgStatusOverlayStore } from '../../cases/postgres/pg-status-overlay-store.js';
import { PgStatusDesk } from '../../cases/postgres/pg-status-desk.js';
import type { RecordedStatus } from '../../cases/status-desk.js';
import { systemClock } from '../../core/clock.js';
import { CurrentRules } from '../../rules/current-rules.js';
import type { RuleSet } from '../../rules/ruleset.js';
import type { StatusRecord } from '../../rules/status-overlay.js';
import { CliError } from './cli-error.js';

/** PostgreSQL's code for a table that does not exist: a database no instance has migrated yet. */
const UNDEFINED_TABLE = '42P01';

function isUndefinedTable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === UNDEFINED_TABLE;
}

async function withPool<T>(command: string, url: string, open: (url: string) => Promise<pg.Pool>, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  let pool: pg.Pool;
  try {
    pool = await open(url);
  } catch (e) {
    if (e instanceof PostgresError) throw new CliError(`${command}: ${e.message}`);
    throw e;
  }
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** The records in the shared database; none when no instance has migrated it yet. */
export function pgRecordedOverlay(url: string): Promise<StatusRecord[]> {
  return withPool('rules', url, async (u) => createPool(u, { poolMax: 1 }), async (pool) => {
    const store = new PgStatusOverlayStore(pool, new PgAuditChain(pool), systemClock);
    try {
      return await store.list();
    } catch (e) {
      if (isUndefinedTable(e)) return [];
      throw new CliError(`rules: cannot read the recorded statuses at ${redactUrl(url)}: ${(e as Error).message}`, 1);
    }
  });
}

/** Records one status in the shared database (migrated first, as an instance starting would), re-deciding what it changes. */
export function pgRecordStatus(url: string, base: RuleSet, input: unknown, redecideDays: number): Promise<RecordedStatus> {
  return withPool('rules record', url, (u) => openPostgres(u, { poolMax: 1 }), async (pool) => {
    const audit = new PgAuditChain(pool);
    const overlay = new PgStatusOverlayStore(pool, audit, systemClock);
    const rules = new CurrentRules(base, await overlay.list());
    return new PgStatusDesk({ pool, audit, overlay, rules, clock: systemClock, redecideDays }).record(input);
  });
}
