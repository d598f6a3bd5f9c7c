/**
 * The rule status overlay store, one suite on both engines (SQLite's status-overlay-store.ts, PostgreSQL's
 * pg-status-overlay-store.ts): a record is stored, audited on the one chain, applied to the current rules (new rules
 * version) and read back the same after a restart; a second identical record changes nothing; an invalid one is
 * refused with nothing stored. Several instances on one PostgreSQL: a record made on one reaches the others'
 * rules, and the same record sent to two at once is stored once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { AuditLog, type AuditRecord, type AuditVerification } from '../../src/cases/audit-log.js';
import { CaseError } from '../../src/cases/case-error.js';
import { openCaseDatabase } from '../../src/cases/database.js';
import { PgAuditChain } from '../../src/cases/postgres/pg-audit-chain.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { PgStatusOverlayStore } from '../../src/cases/postgres/pg-status-overlay-store.js';
import { StatusOverlayStore, type RecordOutcome } from '../../src/cases/status-overlay-store.js';
import { fixedClock } from '../../src/core/clock.js';
import { CurrentRules } from '../../src/rules/current-rules.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { ruleStatus } from '../../src/rules/rule-status.js';
import type { StatusRecord } from '../../src/rules/status-overlay.js';
import { type PostgresCluster, useThrowawayPostgres } from '../support/postgres.js';
import { RESUMED } from './status-fixtures.js';

const base = loadRuleSet('rules');
const clock = fixedClock('2026-11-30T10:00:00Z');
const DAY = '2026-11-30';

/** One instance's view: its current rules and the store it records through. */
interface OverlayInstance {
  readonly rules: CurrentRules;
  record(input: unknown): Promise<RecordOutcome>;
  list(): Promise<StatusRecord[]>;
}

interface OverlayEngine {
  open(): Promise<OverlayInstance>;
  /** The same database opened again, as after a restart. */
  reopen(): Promise<OverlayInstance>;
  audit(): Promise<AuditRecord[]>;
  verify(): Promise<AuditVerification>;
  close(): Promise<void>;
}

function sqliteOverlay(): OverlayEngine {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-overlay-'));
  const file = join(dir, 'lodestone.db');
  const dbs: ReturnType<typeof openCaseDatabase>[] = [];
  const open = async (): Promise<OverlayInstance> => {
    const db = openCaseDatabase(file);
    dbs.push(db);
    const store = new StatusOverlayStore(db, new AuditLog(db), clock);
    const rules = new CurrentRules(base, store.list());
    return { rules, record: async (input) => store.record(rules, input), list: async () => store.list() };
  };
  const last = () => {
    const db = dbs.at(-1);
    if (!db) throw new Error('not open');
    return new AuditLog(db);
  };
  return {
    open, reopen: async () => {
      dbs.pop()?.close();
      return open();
    },
    audit: async () => last().records(), verify: async () => last().verifyAudit(),
    async close() {
      for (const db of dbs.splice(0)) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresOverlay(cluster: () => PostgresCluster): OverlayEngine & { instances(n: number): Promise<(OverlayInstance & { refresh(): Promise<boolean> })[]> } {
  let url: Promise<string> | undefined;
  const pools: pg.Pool[] = [];
  const open = async () => {
    // One database for every instance, however many open at once.
    url ??= cluster().freshDatabase();
    const pool = await openPostgres(await url, { poolMax: 4 });
    pools.push(pool);
    const store = new PgStatusOverlayStore(pool, new PgAuditChain(pool), clock);
    const rules = new CurrentRules(base, await store.list());
    return { rules, record: (input: unknown) => store.record(rules, input), list: () => store.list(), refresh: () => store.refresh(rules) };
  };
  const first = () => {
    const p = pools[0];
    if (!p) throw new Error('not open');
    return new PgAuditChain(p);
  };
  return {
    open, reopen: open,
    instances: (n) => Promise.all(Array.from({ length: n }, open)),
    audit: () => first().records(), verify: () => first().verify(),
    async close() {
      await Promise.all(pools.splice(0).map((p) => p.end()));
    },
  };
}

const running = useThrowawayPostgres();

const RESUMED_RULES = base.rules.filter((r) => r.suspensions.some((s) => s.source.id === RESUMED.target)).map((r) => r.id);

describe.each([['sqlite', sqliteOverlay], ['postgres', () => postgresOverlay(running)]] as const)('the rule status overlay on %s', (_name, make) => {
  let engine: OverlayEngine;
  afterEach(async () => {
    await engine.close();
  });

  it('stores, audits and applies a record, and reads it back the same after a restart', async () => {
    engine = make();
    const a = await engine.open();
    const before = a.rules.version;
    for (const id of RESUMED_RULES) expect(ruleStatus(a.rules.rules.find((r) => r.id === id)!, DAY).kind).toBe('status_unknown');
    const outcome = await a.record(RESUMED);
    expect(outcome).toMatchObject({ kind: 'recorded', previousVersion: before, rules: RESUMED_RULES });
    expect(RESUMED_RULES.length).toBeGreaterThan(0);
    expect(a.rules.version).toBe(outcome.version);
    expect(outcome.version).not.toBe(before);
    for (const id of RESUMED_RULES) {
      expect(a.rules.originOf(id)).toBe('overlay');
      expect(ruleStatus(a.rules.rules.find((r) => r.id === id)!, DAY).kind).toBe('in_force');
    }
    const audited = (await engine.audit()).filter((r) => r.kind === 'rule_status');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor: 'officer-a', payload: { type: 'status_recorded', target: RESUMED.target, status: 'resumed', previousVersion: before } });
    expect(await engine.verify()).toMatchObject({ ok: true });

    const stored = await a.list();
    expect(stored).toHaveLength(1);
    const again = await engine.reopen();
    expect(await again.list()).toEqual(stored);
    expect(again.rules.version).toBe(outcome.version);
  });

  it('changes nothing on a second identical record, whoever sends it', async () => {
    engine = make();
    const a = await engine.open();
    const first = await a.record(RESUMED);
    const second = await a.record({ ...RESUMED, by: 'officer-b' });
    expect(second).toMatchObject({ kind: 'unchanged', version: first.version, record: { id: first.record.id } });
    expect(await a.list()).toHaveLength(1);
    expect((await engine.audit()).filter((r) => r.kind === 'rule_status')).toHaveLength(1);
  });

  it('refuses an invalid record with the reason, and stores nothing', async () => {
    engine = make();
    const a = await engine.open();
    const version = a.rules.version;
    await expect(a.record({ ...RESUMED, target: 'no-such-rule' })).rejects.toThrow(CaseError);
    await expect(a.record({ ...RESUMED, from: undefined })).rejects.toThrow(/from/);
    expect(await a.list()).toEqual([]);
    expect(a.rules.version).toBe(version);
    expect(await engine.audit()).toEqual([]);
  });
});

describe('the rule status overlay on PostgreSQL, several instances', () => {
  let engine: ReturnType<typeof postgresOverlay>;
  afterEach(async () => {
    await engine.close();
  });

  it('brings a record made on one instance into the others when they refresh, with one query when nothing is new', async () => {
    engine = postgresOverlay(running);
    const [a, b] = await engine.instances(2);
    expect(await b!.refresh()).toBe(false);
    const outcome = await a!.record(RESUMED);
    expect(b!.rules.version).not.toBe(outcome.version);
    expect(await b!.refresh()).toBe(true);
    expect(b!.rules.version).toBe(outcome.version);
    expect(await b!.refresh()).toBe(false);
  });

  it('stores the same record sent to three instances at once once, and every instance ends on it', async () => {
    engine = postgresOverlay(running);
    const instances = await engine.instances(3);
    const outcomes = await Promise.all(instances.map((inst, i) => inst.record({ ...RESUMED, by: `officer-${i}` })));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['recorded', 'unchanged', 'unchanged']);
    expect(new Set(outcomes.map((o) => o.record.id)).size).toBe(1);
    expect(new Set(instances.map((inst) => inst.rules.version))).toEqual(new Set([outcomes[0]!.version]));
    expect(await instances[0]!.list()).toHaveLength(1);
    expect(await engine.verify()).toMatchObject({ ok: true });
  });

  it('checks a record against what other instances recorded, not against its own older rules', async () => {
    engine = postgresOverlay(running);
    const [a, b] = await engine.instances(2);
    await a!.record({ ...RESUMED, status: 'revoked' });
    // b has not refreshed: its own rules still say suspended; it records "resumed", a change after the revocation.
    const outcome = await b!.record(RESUMED);
    expect(outcome).toMatchObject({ kind: 'recorded' });
    if (outcome.kind !== 'recorded') throw new Error('not recorded');
    expect(outcome.previousVersion).toBe(a!.rules.version);
    expect(await b!.list()).toHaveLength(2);
  });

  it('accepts a source that a record made on another instance added, before this instance has seen it', async () => {
    engine = postgresOverlay(running);
    const [a, b] = await engine.instances(2);
    await a!.record(RESUMED);
    const cited = { ...RESUMED, status: 'revoked', from: '2026-11-20', source: { id: RESUMED.source.new.id }, why: 'Revoked, per the same notice.' };
    expect(b!.rules.sources.has(RESUMED.source.new.id)).toBe(false);
    expect(await b!.record(cited)).toMatchObject({ kind: 'recorded' });
    expect(b!.rules.sources.has(RESUMED.source.new.id)).toBe(true);
  });
});
