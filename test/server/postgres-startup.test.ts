/**
 * `npm start` with DATABASE_URL, as a real process: an unreachable database is one line on stderr and exit 1; a
 * reachable one is migrated and served from (app-postgres.ts), with no SQLite file written beside it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_SCHEMA_VERSION } from '../../src/cases/postgres/pg-migrations.js';
import { bundle, LISTENING, runServer, startNode, type Bundle } from '../support/child-process.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../support/postgres.js';

// Assigned in beforeAll; afterAll must cope with a beforeAll that did not get that far.
let main: Bundle;
let cluster: PostgresCluster;
let work: string;

beforeAll(async () => {
  [main, cluster] = await Promise.all([bundle('src/main.ts', 'postgres-startup-main'), startPostgres()]);
  work = mkdtempSync(join(tmpdir(), 'lodestone-pg-startup-'));
}, CLUSTER_START_MS);

afterAll(async () => {
  (main as Bundle | undefined)?.remove();
  await (cluster as PostgresCluster | undefined)?.stop();
  if ((work as string | undefined) !== undefined) rmSync(work, { recursive: true, force: true });
}, CLUSTER_STOP_MS);

describe('DATABASE_URL at start', () => {
  it('names an unreachable database in one line, without its password, and exits 1', async () => {
    const run = await runServer(main.file, {
      cwd: work, env: { PORT: '0', DATA_DIR: join(work, 'data'), DATABASE_URL: 'postgres://lodestone:hunter2@127.0.0.1:1/lodestone' },
    });
    expect(run.code).toBe(1);
    expect(run.saidListening).toBe(false);
    expect(run.stderr).toMatch(/^lodestone: cannot start: cannot reach the database at postgres:\/\/lodestone:\*\*\*@127\.0\.0\.1:1\/lodestone: .+\n$/);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('refuses a URL that is not postgres://', async () => {
    const run = await runServer(main.file, { cwd: work, env: { PORT: '0', DATABASE_URL: 'mysql://db/lodestone' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('lodestone: cannot start: configuration: DATABASE_URL: must be a postgres:// or postgresql:// URL\n');
  });

  it('migrates a reachable database and serves from it, writing no SQLite file in DATA_DIR', async () => {
    const url = await cluster.freshDatabase();
    const dataDir = join(work, 'pg-data');
    const server = startNode(main.file, { cwd: work, env: { PORT: '0', LOG_FORMAT: 'json', DATA_DIR: dataDir, DATABASE_URL: url } });
    try {
      const line = await server.lineWith(LISTENING);
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1];
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, database: 'ok' });
    } finally {
      const run = await server.stop();
      expect(run.code).toBe(0);
    }
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM lodestone_schema')).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
    } finally {
      await client.end();
    }
  });
});
