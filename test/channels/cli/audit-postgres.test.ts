/**
 * `lodestone audit verify|export` with DATABASE_URL: the PostgreSQL audit chain, verified and exported as on SQLite;
 * and the CLI's audited questions (`ask --audit`), recorded in PostgreSQL as any instance's turn would be, never in a
 * SQLite file the servers do not read (rules record is on PostgreSQL too: rules-status-postgres.test.ts).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/channels/cli/run.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { PgAuditChain } from '../../../src/cases/postgres/pg-audit-chain.js';
import { PgCaseService } from '../../../src/cases/postgres/pg-case-service.js';
import { createPostgresApp } from '../../../src/app-postgres.js';
import { readAnchors } from '../../../src/cases/audit-anchor.js';
import { ConfigSchema } from '../../../src/config.js';
import { newMessage } from '../../../src/contracts/message.js';
import { fixedClock } from '../../../src/core/clock.js';
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
  it('records ask --audit in PostgreSQL: the question, the answer and the case with its post to compliance; nothing in DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lodestone-cli-pg-'));
    const url = await cluster.freshDatabase();
    process.env.DATABASE_URL = url;
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      const r = await cli(['ask', '--as-of', '2026-03-01', '--audit', 'I want to talk to compliance about our terbium oxide shipment to Korea.']);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toMatch(/C-\d{6}/);
      expect(r.out.join('\n')).not.toContain('held in memory only');
      expect(readdirSync(dataDir)).toEqual([]);
      const pool = await openPostgres(url);
      pools.push(pool);
      const chain = new PgAuditChain(pool);
      expect((await chain.records()).map((rec) => rec.kind).sort()).toEqual(['answer', 'escalation', 'question']);
      expect(await chain.verify()).toMatchObject({ ok: true, count: 3 });
      expect((await pool.query('SELECT COUNT(*)::int AS n FROM cases')).rows[0]).toEqual({ n: 1 });
      // The case waits in the shared outbox for whichever instance's dispatcher posts it to compliance.
      expect((await pool.query("SELECT kind FROM outbox WHERE kind = 'post_case'")).rows).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('lodestone audit on PostgreSQL', () => {
  it('verifies the chain and the cases, and says what it did not check', async () => {
    await chainOf(3);
    const r = await cli(['audit', 'verify']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^ok: 3 records, chain head #3 [0-9a-f]{16}; PostgreSQL at postgres:\/\/.*; no AUDIT_ANCHOR_FILE given, anchors not checked; cases checked against their audit records: 0, all match$/);
  });

  it('checks each case against its audit records, as on SQLite: a decision flipped behind the service fails', async () => {
    const url = await cluster.freshDatabase();
    process.env.DATABASE_URL = url;
    const asked = await cli(['ask', '--as-of', '2026-03-01', '--audit', 'I want to talk to compliance about our terbium oxide shipment to Korea.']);
    expect(asked.code).toBe(0);
    const pool = await openPostgres(url);
    pools.push(pool);
    const desk = new PgCaseService({ pool, officers: { slack: ['UOFF'], teams: [], web: [] }, clock: fixedClock('2026-03-01T10:00:00Z') });
    const [open] = await desk.list();
    await desk.decide(open!.id, { channel: 'slack', user: 'UOFF' }, { verdict: 'license_required', note: 'Apply for the licence.' });
    const ok = await cli(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out[0]).toMatch(/; cases checked against their audit records: 1, all match$/);

    await pool.query(`UPDATE cases SET resolution = replace(resolution, '"license_required"', '"not_required"')`);
    const flipped = await cli(['audit', 'verify']);
    expect(flipped.code).toBe(1);
    expect(flipped.out[0]).toMatch(/^TAMPERED: record #\d+: case_mismatch: case C-\d{6}: its decision is not the one audited \(license_required, by slack:UOFF\) \(\d+ records checked\)$/);
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

describe('audit anchors on PostgreSQL', () => {
  it('anchors the committed head from an instance and catches a truncation below the anchor', async () => {
    const url = await cluster.freshDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-pg-anchors-'));
    const file = join(dir, 'anchors.jsonl');
    const before = process.env.AUDIT_ANCHOR_FILE;
    try {
      const config = ConfigSchema.parse({ LOG_LEVEL: 'silent', DATABASE_URL: url, AUDIT_ANCHOR_FILE: file });
      const app = await createPostgresApp({ config: { ...config, DATABASE_URL: url }, clock: fixedClock('2026-03-01T09:00:00Z') });
      const out = await app.webChat.ask('c1', newMessage({ id: 'm1', text: 'Dy oxide from Baotou to Japan, licence?', user: 'u1', conversation: 'c1', channel: 'web', receivedAt: new Date('2026-03-01T09:00:00Z') }), undefined);
      expect(out.kind).toBe('answered');
      await app.close();
      expect(readAnchors(file).anchors.at(-1)?.seq).toBeGreaterThanOrEqual(2);

      process.env.DATABASE_URL = url;
      process.env.AUDIT_ANCHOR_FILE = file;
      const ok = await cli(['audit', 'verify']);
      expect(ok.code).toBe(0);
      expect(ok.out[0]).toMatch(/anchored up to #\d+ by \d+ anchors in .*anchors\.jsonl, not authenticated/);

      // Cut the newest record off (and the head row with it): the chain alone still verifies, the anchor does not.
      const pool = await openPostgres(url);
      pools.push(pool);
      await pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await pool.query('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
      await pool.query('UPDATE audit_head SET seq = seq - 1 WHERE id = 1');
      const cut = await cli(['audit', 'verify']);
      expect(cut.code).toBe(1);
      expect(cut.out[0]).toMatch(/^TAMPERED: record #\d+: truncated: /);
    } finally {
      if (before === undefined) delete process.env.AUDIT_ANCHOR_FILE;
      else process.env.AUDIT_ANCHOR_FILE = before;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
