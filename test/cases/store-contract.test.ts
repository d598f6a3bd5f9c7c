/**
 * One store suite, two engines: the delivery claims, the audit chain, the outbox queue and the daily jobs behave
 * the same on SQLite and on PostgreSQL. Each test gets a fresh database and, where it is about several instances,
 * several store sets on it (separate connections to one SQLite file; separate pools on one PostgreSQL database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { openCaseDatabase } from '../../src/cases/database.js';
import { fixedClock, type Clock } from '../../src/core/clock.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { PgAuditChain } from '../../src/cases/postgres/pg-audit-chain.js';
import { PgDailyJobs } from '../../src/cases/postgres/pg-daily-jobs.js';
import { PgDeliveryClaims } from '../../src/cases/postgres/pg-delivery-claims.js';
import { PgOutboxQueue } from '../../src/cases/postgres/pg-outbox-queue.js';
import { inProcessDailyJobs, sqliteAuditChain, sqliteDeliveryClaims, sqliteOutboxQueue } from '../../src/cases/sqlite-ports.js';
import type { AuditChain, DailyJobs, DeliveryClaims, OutboxQueue } from '../../src/cases/store-ports.js';
import { type PostgresCluster, useThrowawayPostgres } from '../support/postgres.js';

interface Instance {
  readonly claims: DeliveryClaims;
  readonly audit: AuditChain;
  readonly outbox: OutboxQueue;
  readonly jobs: DailyJobs;
  /** Runs SQL straight on the database, as an intruder or an operator would. */
  raw(sql: string): Promise<void>;
}

interface Engine {
  readonly name: string;
  /** `n` instances sharing one fresh database. */
  instances(n: number, clock: Clock): Promise<Instance[]>;
  close(): Promise<void>;
}

function sqliteEngine(): Engine {
  const dirs: string[] = [];
  const dbs: Database.Database[] = [];
  return {
    name: 'sqlite',
    async instances(n, clock) {
      const dir = mkdtempSync(join(tmpdir(), 'lodestone-contract-'));
      dirs.push(dir);
      const file = join(dir, 'lodestone.db');
      return Array.from({ length: n }, () => {
        const db = openCaseDatabase(file, { synchronous: 'NORMAL' });
        dbs.push(db);
        return {
          claims: sqliteDeliveryClaims(db, 60_000, clock), audit: sqliteAuditChain(db), outbox: sqliteOutboxQueue(db),
          jobs: inProcessDailyJobs(),
          raw: async (sql: string) => {
            db.exec(sql);
          },
        };
      });
    },
    async close() {
      for (const db of dbs.splice(0)) db.close();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresEngine(cluster: () => PostgresCluster): Engine {
  const pools: pg.Pool[] = [];
  return {
    name: 'postgres',
    async instances(n, clock) {
      const url = await cluster().freshDatabase();
      const made = await Promise.all(Array.from({ length: n }, () => openPostgres(url, { poolMax: 5 })));
      pools.push(...made);
      return made.map((pool, i) => ({
        claims: new PgDeliveryClaims(pool, 60_000, clock), audit: new PgAuditChain(pool), outbox: new PgOutboxQueue(pool),
        jobs: new PgDailyJobs(pool, `instance-${i}`, clock),
        raw: async (sql: string) => {
          await pool.query(sql);
        },
      }));
    },
    async close() {
      await Promise.all(pools.splice(0).map((p) => p.end()));
    },
  };
}

const cluster = useThrowawayPostgres();

const T0 = '2026-03-01T09:00:00.000Z';

describe.each([
  ['sqlite', () => sqliteEngine()],
  ['postgres', () => postgresEngine(cluster)],
])('%s stores', (_name, makeEngine) => {
  const engine = makeEngine();
  afterEach(async () => {
    await engine.close();
  });

  describe('delivery claims', () => {
    it('let a key through once, then refuse repeats until it expires', async () => {
      const clock = fixedClock(T0);
      const [a] = await engine.instances(1, clock);
      expect(await a!.claims.claim('slack:event:Ev1')).toBe(true);
      expect(await a!.claims.claim('slack:event:Ev1')).toBe(false);
      clock.advance(61_000);
      expect(await a!.claims.claim('slack:event:Ev1')).toBe(true);
    });

    it('forget a released key, so the retry after a failed first delivery is handled', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      expect(await a!.claims.claim('teams:activity:c:1')).toBe(true);
      await a!.claims.release('teams:activity:c:1');
      expect(await a!.claims.claim('teams:activity:c:1')).toBe(true);
    });

    it('let exactly one instance through when a retry lands on three instances at once', async () => {
      const instances = await engine.instances(3, fixedClock(T0));
      const keys = Array.from({ length: 20 }, (_, i) => `slack:event:Ev${i}`);
      const results = await Promise.all(keys.flatMap((key) => instances.map(async (inst) => ({ key, won: await inst.claims.claim(key) }))));
      for (const key of keys) expect(results.filter((r) => r.key === key && r.won)).toHaveLength(1);
    });
  });

  describe('audit chain', () => {
    it('appends a linked chain that verifies, and exports it', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      const first = await a!.audit.append({ kind: 'question', actor: 'slack:U1', at: new Date(T0), payload: { n: 1 }, text: 'Dy oxide to Japan?' });
      const second = await a!.audit.append({ kind: 'answer', actor: 'system', at: new Date(T0), payload: { verdict: 'license_required' } });
      expect(first).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
      expect(await a!.audit.verify()).toEqual({ ok: true, count: 2, head: { seq: 2, hash: second.hash } });
      const records = await a!.audit.records();
      expect(records.map((r) => [r.seq, r.kind, r.text])).toEqual([[1, 'question', 'Dy oxide to Japan?'], [2, 'answer', null]]);
      const csv = await a!.audit.exportCsv();
      expect(csv.split(/\r?\n/).filter(Boolean)).toHaveLength(3);
      expect(csv).toContain('Dy oxide to Japan?');
    });

    it('stays one chain when three instances append at once', async () => {
      const instances = await engine.instances(3, fixedClock(T0));
      await Promise.all(instances.flatMap((inst, i) => Array.from({ length: 15 }, (_, j) =>
        inst.audit.append({ kind: 'question', actor: `web:i${i}`, at: new Date(T0), payload: { i, j }, text: `q ${i}.${j}` }))));
      const verified = await instances[1]!.audit.verify();
      expect(verified).toMatchObject({ ok: true, count: 45, head: { seq: 45 } });
      const seqs = (await instances[2]!.audit.records()).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: 45 }, (_, k) => k + 1));
    });

    it('refuses deleting a record and editing one', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      await a!.audit.append({ kind: 'question', actor: 'web:x', at: new Date(T0), payload: {}, text: 'hello' });
      await expect(a!.raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(a!.raw(`UPDATE audit_log SET actor = 'web:y'`)).rejects.toThrow(/append-only/);
      await expect(a!.raw(`UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = 'now'`)).rejects.toThrow(/append-only/);
      expect(await a!.audit.verify()).toMatchObject({ ok: true, count: 1 });
    });

    it('redacts old text through the retention job only, and the chain still verifies', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      await a!.audit.append({ kind: 'question', actor: 'web:x', at: new Date('2025-01-01T00:00:00Z'), payload: {}, text: 'old question' });
      await a!.audit.append({ kind: 'question', actor: 'web:x', at: new Date('2026-02-28T00:00:00Z'), payload: {}, text: 'new question' });
      expect(await a!.audit.redactOlderThan(365, new Date(T0), { cases: 0 })).toBe(1);
      const records = await a!.audit.records();
      expect(records.map((r) => r.text)).toEqual([null, 'new question', null]);
      expect(records[2]).toMatchObject({ kind: 'redaction', payload: { cases: 0, days: 365, auditRecords: 1 } });
      expect(await a!.audit.verify()).toMatchObject({ ok: true, count: 3 });
    });
  });

  describe('outbox queue', () => {
    const alert = (key: string) => ({ kind: 'alert' as const, key, payload: { text: `alert ${key}` } });

    it('enqueues a key once', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      expect(await a!.outbox.enqueue(alert('a1'), new Date(T0))).toBe(true);
      expect(await a!.outbox.enqueue(alert('a1'), new Date(T0))).toBe(false);
      expect(await a!.outbox.counts()).toEqual({ pending: 1, done: 0, dead: 0 });
    });

    it('hands each due row to one of three instances draining together', async () => {
      const instances = await engine.instances(3, fixedClock(T0));
      const now = new Date(T0);
      for (let i = 0; i < 30; i++) await instances[0]!.outbox.enqueue(alert(`k${i}`), now);
      const taken = (await Promise.all(instances.flatMap((inst) => [inst.outbox.claimDue(now, 7, 30_000), inst.outbox.claimDue(now, 7, 30_000)]))).flat();
      const ids = taken.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(taken.every((r) => r.attempts === 1)).toBe(true);
      // What is left is taken by the next round, and nothing is due twice within the lease.
      const rest = await instances[1]!.outbox.claimDue(now, 100, 30_000);
      expect(new Set([...ids, ...rest.map((r) => r.id)]).size).toBe(30);
      expect(ids.length + rest.length).toBe(30);
    });

    it('gives a row back when its lease ends without a result (the instance died)', async () => {
      const clock = fixedClock(T0);
      const [a, b] = await engine.instances(2, clock);
      await a!.outbox.enqueue(alert('lost'), clock.now());
      const [taken] = await a!.outbox.claimDue(clock.now(), 10, 30_000);
      expect(taken).toBeDefined();
      expect(await b!.outbox.claimDue(clock.now(), 10, 30_000)).toEqual([]);
      clock.advance(30_001);
      const again = await b!.outbox.claimDue(clock.now(), 10, 30_000);
      expect(again.map((r) => [r.id, r.attempts])).toEqual([[taken!.id, 2]]);
    });

    it('keeps retry and Retry-After: a rate limit waits without counting an attempt, a failure counts', async () => {
      const clock = fixedClock(T0);
      const [a] = await engine.instances(1, clock);
      await a!.outbox.enqueue(alert('r'), clock.now());
      const [row] = await a!.outbox.claimDue(clock.now(), 1, 30_000);
      await a!.outbox.retryAt(row!.id, clock.now().getTime() + 5_000, 'ratelimited (Retry-After 5 s)', false);
      expect(await a!.outbox.get(row!.id)).toMatchObject({ attempts: 0, last_error: 'ratelimited (Retry-After 5 s)' });
      expect(await a!.outbox.claimDue(clock.now(), 1, 30_000)).toEqual([]);
      clock.advance(5_000);
      const [second] = await a!.outbox.claimDue(clock.now(), 1, 30_000);
      expect(second).toMatchObject({ id: row!.id, attempts: 1 });
      await a!.outbox.retryAt(row!.id, clock.now().getTime() + 1_000, 'HTTP 500', true);
      clock.advance(1_000);
      const [third] = await a!.outbox.claimDue(clock.now(), 1, 30_000);
      expect(third).toMatchObject({ attempts: 2, last_error: 'HTTP 500' });
    });

    it('remembers the channels a row reached, and ends rows done or dead', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      const now = new Date(T0);
      await a!.outbox.enqueue(alert('d1'), now);
      await a!.outbox.enqueue(alert('d2'), now);
      const [r1, r2] = await a!.outbox.claimDue(now, 2, 30_000);
      await a!.outbox.markDelivered(r1!.id, 'slack', 'C1/1.2', now);
      await a!.outbox.markDelivered(r1!.id, 'slack', 'C1/1.2', now);
      await a!.outbox.markDelivered(r1!.id, 'teams', null, now);
      expect(await a!.outbox.deliveredChannels(r1!.id)).toEqual(new Set(['slack', 'teams']));
      await a!.outbox.complete(r1!.id, now);
      await a!.outbox.kill(r2!.id, now, 'channel_not_found');
      expect(await a!.outbox.counts()).toEqual({ pending: 0, done: 1, dead: 1 });
      expect(await a!.outbox.get(r2!.id)).toMatchObject({ state: 'dead', last_error: 'channel_not_found' });
    });
  });

  describe('daily jobs', () => {
    it('run a job once per day', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      let runs = 0;
      const task = async () => {
        runs++;
      };
      expect(await a!.jobs.runOnce('retention', '2026-03-01', task)).toBe('ran');
      expect(await a!.jobs.runOnce('retention', '2026-03-01', task)).toBe('done_already');
      expect(await a!.jobs.runOnce('reminders', '2026-03-01', task)).toBe('ran');
      expect(await a!.jobs.runOnce('retention', '2026-03-02', task)).toBe('ran');
      expect(runs).toBe(3);
    });

    it('run a job again when the first run failed', async () => {
      const [a] = await engine.instances(1, fixedClock(T0));
      await expect(a!.jobs.runOnce('retention', '2026-03-01', async () => {
        throw new Error('disk full');
      })).rejects.toThrow('disk full');
      expect(await a!.jobs.runOnce('retention', '2026-03-01', async () => undefined)).toBe('ran');
    });
  });
});

describe('postgres daily jobs across instances', () => {
  const engine = postgresEngine(cluster);
  afterEach(async () => {
    await engine.close();
  });

  it('run once when three instances start the day together', async () => {
    const instances = await engine.instances(3, fixedClock(T0));
    let runs = 0;
    let finish = () => undefined as void;
    const gate = new Promise<void>((r) => {
      finish = r;
    });
    const task = async () => {
      runs++;
      await gate;
    };
    let settled = 0;
    const started = instances.map((inst) => inst.jobs.runOnce('retention', '2026-03-01', task).finally(() => {
      settled++;
    }));
    // The two that find the job running say so without waiting for it; the runner finishes only when let go.
    for (let i = 0; i < 100 && settled < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(2);
    finish();
    const all = await Promise.all(started);
    expect(runs).toBe(1);
    expect(all.filter((r) => r === 'ran')).toHaveLength(1);
    expect(all.filter((r) => r === 'running_elsewhere')).toHaveLength(2);
    expect(await instances[2]!.jobs.runOnce('retention', '2026-03-01', task)).toBe('done_already');
  });

  it('runs the job on another instance when the first dies mid-run', async () => {
    const instances = await engine.instances(2, fixedClock(T0));
    let entered = () => undefined as void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    let finish = () => undefined as void;
    const never = new Promise<void>((r) => {
      finish = r;
    });
    const dying = instances[0]!.jobs.runOnce('reminders', '2026-03-01', async () => {
      entered();
      await never;
    });
    await inside;
    expect(await instances[1]!.jobs.runOnce('reminders', '2026-03-01', async () => undefined)).toBe('running_elsewhere');
    // The first instance's connection dies, as it does when its process is killed: PostgreSQL drops its lock.
    await instances[1]!.raw(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`,
    );
    let ranOnSecond = false;
    for (let i = 0; i < 50 && !ranOnSecond; i++) {
      const r = await instances[1]!.jobs.runOnce('reminders', '2026-03-01', async () => undefined);
      ranOnSecond = r === 'ran';
      if (!ranOnSecond) await new Promise((res) => setTimeout(res, 100));
    }
    expect(ranOnSecond).toBe(true);
    finish();
    await expect(dying).rejects.toThrow();
    expect(await instances[0]!.jobs.runOnce('reminders', '2026-03-01', async () => undefined)).toBe('done_already');
  });
});
