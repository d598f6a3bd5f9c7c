import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { openCaseDatabase } from '../../../src/cases/database.js';
import { SCHEMA_VERSION } from '../../../src/cases/migrations.js';
import { openPostgres, pingPostgres, PostgresError } from '../../../src/cases/postgres/pg-database.js';
import { migratePostgres, PG_ONLY_TABLES, PG_SCHEMA_VERSION } from '../../../src/cases/postgres/pg-migrations.js';
import { useThrowawayPostgres } from '../../support/postgres.js';

const cluster = useThrowawayPostgres();

type Shape = Record<string, string[]>;

function sqliteShape(): Shape {
  const db = openCaseDatabase(':memory:');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  const shape: Shape = {};
  for (const { name } of tables) {
    const cols = db.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(name) as { name: string; nn: number; pk: number }[];
    shape[name] = cols.map((c) => `${c.name}${c.nn || c.pk ? ' not null' : ''}`).sort();
  }
  db.close();
  return shape;
}

async function postgresShape(pool: pg.Pool): Promise<Shape> {
  const r = await pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const shape: Shape = {};
  for (const row of r.rows) {
    if (PG_ONLY_TABLES.includes(row.table_name)) continue;
    (shape[row.table_name] ??= []).push(`${row.column_name}${row.is_nullable === 'NO' ? ' not null' : ''}`);
  }
  for (const cols of Object.values(shape)) cols.sort();
  return shape;
}

describe('PostgreSQL schema', () => {
  it('has as many numbered migrations as SQLite, making the same tables and columns', async () => {
    expect(PG_SCHEMA_VERSION).toBe(SCHEMA_VERSION);
    const pool = await openPostgres(await cluster().freshDatabase());
    try {
      expect(await postgresShape(pool)).toEqual(sqliteShape());
    } finally {
      await pool.end();
    }
  });

  it('migrates once when several instances start together, under the advisory lock', async () => {
    const url = await cluster().freshDatabase();
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: url }));
    try {
      const versions = await Promise.all(pools.map((p) => migratePostgres(p)));
      expect(versions).toEqual([PG_SCHEMA_VERSION, PG_SCHEMA_VERSION, PG_SCHEMA_VERSION]);
      const rows = await pools[0]!.query<{ version: number }>('SELECT version FROM lodestone_schema');
      expect(rows.rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
      // And again later: nothing left to do, nothing fails.
      expect(await migratePostgres(pools[1]!)).toBe(PG_SCHEMA_VERSION);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('refuses a schema newer than this build', async () => {
    const url = await cluster().freshDatabase();
    const pool = await openPostgres(url);
    try {
      await pool.query('UPDATE lodestone_schema SET version = $1', [PG_SCHEMA_VERSION + 1]);
      await expect(migratePostgres(pool)).rejects.toThrow(/newer than this build understands/);
    } finally {
      await pool.end();
    }
  });

  it('says in one line that the database is unreachable, without the password', async () => {
    const url = 'postgres://lodestone:s3cret@127.0.0.1:1/lodestone';
    const err: unknown = await openPostgres(url, { connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostgresError);
    expect((err as PostgresError).code).toBe('unreachable');
    expect((err as Error).message).toMatch(/^cannot reach the database at postgres:\/\/lodestone:\*\*\*@127\.0\.0\.1:1\/lodestone: /);
    expect((err as Error).message).not.toContain('s3cret');
    expect((err as Error).message).not.toContain('\n');
  });

  it('reports the round trip when reachable and the reason when the server is gone', async () => {
    const pool = await openPostgres(await cluster().freshDatabase());
    const up = await pingPostgres(pool);
    expect(up.ok).toBe(true);
    await pool.end();
    const down = await pingPostgres(pool);
    expect(down).toEqual({ ok: false, error: expect.stringMatching(/./) as unknown });
  });

  it('cancels a statement that runs past the statement timeout', async () => {
    const pool = await openPostgres(await cluster().freshDatabase(), { statementTimeoutMs: 200 });
    try {
      await expect(pool.query('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
    } finally {
      await pool.end();
    }
  });
});
