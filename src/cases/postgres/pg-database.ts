/**
 * Opens the PostgreSQL database a multi-instance deployment shares (DATABASE_URL=postgres://…), the counterpart of
 * database.ts for SQLite: a `pg` connection pool with a statement timeout on every session, checked at start so an
 * unreachable or refusing server is one clear line instead of the first turn's failure, then brought up to the
 * schema version with the same numbered migrations (pg-migrations.ts).
 *
 * BIGINT columns (epoch milliseconds, COUNT(*)) come back as JavaScript numbers: every one of them is far below
 * 2^53, and the stores' zod schemas read numbers, as they do from SQLite.
 */
import pg from 'pg';
import { migratePostgres } from './pg-migrations.js';

export const PG_ERROR_CODES = ['unreachable', 'bad_url'] as const;
export type PgErrorCode = (typeof PG_ERROR_CODES)[number];

export class PostgresError extends Error {
  constructor(readonly code: PgErrorCode, message: string) {
    super(message.replace(/\s*\n\s*/g, '; '));
    this.name = 'PostgresError';
  }
}

export interface OpenPostgresOptions {
  /** Longest one statement may run before the server cancels it. Default 10 s. */
  readonly statementTimeoutMs?: number;
  /** Connections in this instance's pool. Default 10. */
  readonly poolMax?: number;
  /** Longest a connection attempt may take at start. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /**
   * Longest a turn or a job may wait for a connection of the pool (all busy under load) or for a new one. Default
   * 30 s: under a burst, turns queue for a connection rather than fail; a server that cannot be reached at all was
   * already refused at start, within connectTimeoutMs.
   */
  readonly acquireTimeoutMs?: number;
}

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

/** A pool on `url`, without touching the server yet. */
export function createPool(url: string, options: OpenPostgresOptions = {}): pg.Pool {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new PostgresError('bad_url', `DATABASE_URL must start with postgres:// (got ${redactUrl(url)})`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 30_000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    // Sessions waiting on a row lock or an advisory lock inside a transaction must not hold a connection forever.
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'lodestone',
    types,
  });
  // An idle client losing its server (a failover, a restart) is reported here; the pool replaces it on next use.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Connects, checks the server answers, and migrates. Throws PostgresError('unreachable') with the server's reason
 * when it cannot connect; the pool is closed then.
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<pg.Pool> {
  const pool = createPool(url, options);
  // The start check is a connection of its own, with the start's shorter timeout.
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new PostgresError('unreachable', `cannot reach the database at ${redactUrl(url)}: ${(err as Error).message || String(err)}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return pool;
}

/** Runs `fn` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection the server ends mid-transaction fails its next query; its 'error' event must not end the process.
  const onError = () => undefined;
  client.on('error', onError);
  // A connection that cannot even roll back is broken: it is destroyed, not handed to the next turn.
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** What /healthz says of the database: reachable, with the round trip, or the reason it is not. */
export async function pingPostgres(pool: pg.Pool): Promise<{ ok: true; ms: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    await pool.query('SELECT 1');
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: (err as Error).message || String(err) };
  }
}
