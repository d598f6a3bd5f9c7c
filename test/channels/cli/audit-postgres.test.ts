/**
 * `lodestone audit verify|export` with DATABASE_URL: the PostgreSQL audit chain, verified and exported as on SQLite;
 * and the CLI's audited questions, which are not on PostgreSQL yet, refused rather than kept in SQLite (rules record
 * is on PostgreSQL: rules-status-postgres.test.ts).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/channels/cli/run.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { PgAuditChain } from '../../../src/cases/postgres/pg-audit-chain.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../../support/postgres.js';

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => '' });
  return { code, out, err };
}

let cluster: PostgresCluster;
const pools: pg.Pool[] = [];
beforeAll(async () => {
  cluster = await startPostgres();
}, CLUSTER_START_MS);
afterEach(async () => {
  delete process.env.DATABASE_URL;
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
afterAll(async () => {
  await cluster.stop();
}, CLUSTER_STOP_MS);

async function chainOf(n: number): Promise<{ url: string; pool: pg.Pool }> {
  const url = await cluster.freshDatabase();
  const pool = await openPostgres(url);
  pools.push(pool);
  const log = new PgAuditChain(pool);
  for (let i = 0; i < n; i++) await log.append({ kind: 'question', actor: 'slack:U1', at: new Date('2026-03-01T09:00:00Z'), payload: { i }, text: `question ${i}` });
  process.env.DATABASE_URL = url;
  return { url, pool };
}

describe('the CLI\'s writes with DATABASE_URL', () => {
  it('refuses ask --audit rather than write to a SQLite file the servers do not read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lodestone-cli-pg-'));
    process.env.DATABASE_URL = await cluster.freshDatabase();
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      for (const argv of [['ask', '--audit', 'Dy oxide from Baotou to Japan, licence?']]) {
        const r = await cli(argv);
        expect({ argv, code: r.code, said: r.err.join('\n').includes('is not available on PostgreSQL yet') }).toEqual({ argv, code: 2, said: true });
      }
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('lodestone audit on PostgreSQL', () => {
  it('verifies the chain and says what it did not check', async () => {
    await chainOf(3);
    const r = await cli(['audit', 'verify']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^ok: 3 records, chain head #3 [0-9a-f]{16}; PostgreSQL at postgres:\/\/.*: anchors and the cases' cross-check are not run on PostgreSQL yet$/);
  });

  it('names the first record rewritten behind disabled triggers', async () => {
    const { pool } = await chainOf(3);
    await pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await pool.query(`UPDATE audit_log SET payload = '{"i":7}' WHERE seq = 2`);
    const r = await cli(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe('TAMPERED: record #2: hash_mismatch: the record does not hash to its stored hash (1 records checked)');
  });

  it('exports the chain as CSV', async () => {
    await chainOf(2);
    const r = await cli(['audit', 'export']);
    expect(r.code).toBe(0);
    const lines = r.out.join('\n').split(/\r?\n/);
    expect(lines[0]).toBe('seq,at,kind,actor,payload,text,text_hash,prev_hash,hash,redacted_at');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('question 1');
  });

  it('says in one line that an unmigrated database has no audit log', async () => {
    process.env.DATABASE_URL = await cluster.freshDatabase();
    const r = await cli(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(/^lodestone: audit: cannot read the audit log at postgres:\/\/.*relation "audit_log" does not exist$/) as unknown]);
  });
});
