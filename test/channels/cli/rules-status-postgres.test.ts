/**
 * `lodestone rules record|status` with DATABASE_URL: the record is stored and audited in the PostgreSQL database the
 * instances share (no SQLite file written), an identical second one changes nothing, an invalid one is refused with
 * the reason, `rules status` and an in-memory `ask` read the shared records (none, without migrating, on a database never started on).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/channels/cli/run.js';
import { PgAuditChain } from '../../../src/cases/postgres/pg-audit-chain.js';
import { useThrowawayPostgres } from '../../support/postgres.js';

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => '' });
  return { code, out, err };
}

const RECORD = [
  'rules', 'record', 'CN-ANN-2025-70', '--status', 'resumed', '--from', '2026-11-10', '--source', 'CN-ANN-2026-99',
  '--source-title', 'Test notice: No. 70 not renewed', '--source-date', '2026-11-12', '--source-url', 'https://www.mofcom.gov.cn/test-notice',
  '--by', 'officer-a', '--note', 'MOFCOM notice: the suspension was not renewed.',
];

const QUESTION = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';

interface StatusJson { rulesVersion: string; rules: { rule: string; status: { kind: string }; origin: string }[] }

const cluster = useThrowawayPostgres();
let dataDir: string;
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

async function onFreshDatabase(): Promise<string> {
  const url = await cluster().freshDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'lodestone-cli-rules-pg-'));
  vi.stubEnv('DATABASE_URL', url);
  vi.stubEnv('DATA_DIR', dataDir);
  return url;
}

async function status(): Promise<StatusJson> {
  const r = await cli(['rules', 'status', '--as-of', '2026-11-30', '--json']);
  expect(r.err).toEqual([]);
  return JSON.parse(r.out[0] ?? '{}') as StatusJson;
}

describe('lodestone rules record and status on PostgreSQL', () => {
  it('records a status in the shared database, audited, and rules status reads it back; no SQLite file is written', async () => {
    const url = await onFreshDatabase();
    const before = await status();

    const r = await cli(RECORD);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^recorded 1: CN-ANN-2025-70 resumed; \d+ rules changed .*; rules version \w+ -> \w+ \(on PostgreSQL: every instance answers on it from its next turn\); 0 earlier answers and 0 open cases re-decided \(their askers are told\)$/);

    const changed = (/rules changed \(([^)]*)\)/.exec(r.out[0] ?? '')?.[1] ?? '').split(', ');
    expect(changed.length).toBeGreaterThan(0);
    for (const id of changed) expect(before.rules.find((x) => x.rule === id)).toMatchObject({ status: { kind: 'status_unknown' }, origin: 'data' });
    const after = await status();
    expect(after.rulesVersion).not.toBe(before.rulesVersion);
    expect(after.rules.filter((x) => x.origin === 'overlay').map((x) => x.rule).sort()).toEqual([...changed].sort());
    for (const id of changed) expect(after.rules.find((x) => x.rule === id)).toMatchObject({ status: { kind: 'in_force' } });

    const again = await cli([...RECORD.slice(0, -4), '--by', 'officer-b', '--note', 'The same notice again.']);
    expect(again.out[0]).toBe(`unchanged: the same status is already recorded (record 1); rules version ${after.rulesVersion}`);

    const pool = new pg.Pool({ connectionString: url });
    try {
      const audited = (await new PgAuditChain(pool).records()).filter((x) => x.kind === 'rule_status');
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ actor: 'officer-a', payload: { type: 'status_recorded', target: 'CN-ANN-2025-70', previousVersion: before.rulesVersion } });
      expect(await new PgAuditChain(pool).verify()).toMatchObject({ ok: true });
    } finally {
      await pool.end();
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('answers an in-memory ask on the statuses recorded in the shared database', async () => {
    await onFreshDatabase();
    const ask = async () => {
      const r = await cli(['ask', '--json', '--as-of', '2026-11-30', QUESTION]);
      expect(r.err).toEqual([]);
      return JSON.parse(r.out[0] ?? '{}') as { verdict: string; citations: { source: string }[] };
    };
    expect((await ask()).verdict).toBe('escalate');
    expect((await cli(RECORD)).code).toBe(0);
    const after = await ask();
    expect(after.verdict).toBe('license_required');
    expect(after.citations.map((c) => c.source)).toContain('CN-ANN-2026-99');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses an invalid record with the reason and stores nothing', async () => {
    await onFreshDatabase();
    const r = await cli(['rules', 'record', 'no-such-rule', ...RECORD.slice(3)]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('rules record: no rule "no-such-rule"');
    const s = await status();
    expect(s.rules.every((x) => x.origin === 'data')).toBe(true);
  });

  it('reads no records from a database no instance has migrated, and migrates nothing', async () => {
    const url = await onFreshDatabase();
    expect((await status()).rules.every((x) => x.origin === 'data')).toBe(true);
    const pool = new pg.Pool({ connectionString: url });
    try {
      expect((await pool.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  });
});
