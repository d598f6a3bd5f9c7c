/**
 * Three instances (child processes, pg-instance-child.ts) on one PostgreSQL behave as one: a seeded mix of Slack,
 * Teams and web deliveries, each handed to one to three instances at once (a platform's retries landing on different
 * instances behind a load balancer), with one instance SIGKILLed mid-load and what it was handed re-sent to the
 * others, as the platforms retry an unanswered delivery. Then: every delivery answered exactly once (its question
 * and answer each audited once), every case posted once, one audit chain that verifies, and the daily job run once.
 *
 * The deliveries go to the instances' turn pipelines over IPC, not through the channels' HTTP endpoints, which
 * still run on SQLite (see the README's PostgreSQL section).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { PgAuditChain } from '../../src/cases/postgres/pg-audit-chain.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { bundle, type Bundle } from '../support/child-process.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../support/postgres.js';
import type { ChildReport, Delivery } from './pg-instance-child.js';

const SEED = Number(process.env['LODESTONE_SEED'] ?? Date.now() % 1_000_000);
const DELIVERIES = 120;

/** mulberry32: a small seeded generator, so a failing run can be repeated with LODESTONE_SEED. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const QUESTIONS = [
  'Dy oxide from Baotou to Japan, licence?',
  'Can we export samarium metal from China to a company that builds missiles for a European army?',
  'Do we need a licence for our magnets?',
  'Tb metal from China to Korea?',
  'what is in announcement 61?',
  'I would like to speak to someone in compliance please',
];

let cluster: PostgresCluster;
let child: Bundle;
let work: string;
beforeAll(async () => {
  [cluster, child] = await Promise.all([startPostgres(), bundle('test/assistant/pg-instance-child.ts', 'pg-instance-child')]);
  work = mkdtempSync(join(tmpdir(), 'lodestone-multi-'));
}, CLUSTER_START_MS);
afterAll(async () => {
  child?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
  await cluster?.stop();
}, CLUSTER_STOP_MS);

interface Instance {
  readonly name: string;
  readonly process: ChildProcess;
  alive: boolean;
}

it(`three instances on one PostgreSQL answer every delivery once, post every case once, keep one chain (seed ${SEED})`, async () => {
  process.stdout.write(`multi-instance: seed ${SEED} (repeat with LODESTONE_SEED=${SEED})\n`);
  const random = seeded(SEED);
  const url = await cluster.freshDatabase();
  // Migrated once before the instances start, as a deploy's release step would (they would also each migrate safely).
  await (await openPostgres(url)).end();
  const eventsFile = join(work, 'events.jsonl');
  writeFileSync(eventsFile, '');

  const reports: (Exclude<ChildReport, { ready: string }> & { from: string })[] = [];
  let stderr = '';
  const waiting = new Map<string, Set<string>>();
  const instances: Instance[] = ['i1', 'i2', 'i3'].map((name) => {
    const p = fork(child.file, [], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PG_URL: url, INSTANCE: name, EVENTS_FILE: eventsFile }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    p.stderr?.setEncoding('utf8');
    p.stderr?.on('data', (chunk: string) => {
      stderr += `${name}: ${chunk}`;
    });
    return { name, process: p, alive: true };
  });
  const ready = instances.map((inst) => new Promise<void>((resolve, reject) => {
    inst.process.once('exit', (code) => reject(new Error(`${inst.name} exited with ${code} before it was ready: ${stderr}`)));
    inst.process.on('message', (m: ChildReport) => {
      if ('ready' in m) resolve();
      else {
        reports.push({ ...m, from: inst.name });
        waiting.get(m.key)?.delete(inst.name);
      }
    });
  }));
  try {
    await Promise.all(ready);
    const deliveries: Delivery[] = Array.from({ length: DELIVERIES }, (_, i) => {
      const channel = (['slack', 'teams', 'web'] as const)[Math.floor(random() * 3)]!;
      // Some conversations get several questions: their turns queue on the conversation's lock.
      const conversation = `conv-${Math.floor(random() * DELIVERIES * 0.7)}`;
      const text = QUESTIONS[Math.floor(random() * QUESTIONS.length)]!;
      return { key: `${channel}:event:${i}`, message: { id: `msg-${i}`, text, user: `U${i % 7}`, conversation, channel } };
    });
    const send = (d: Delivery, inst: Instance) => {
      (waiting.get(d.key) ?? waiting.set(d.key, new Set()).get(d.key)!).add(inst.name);
      inst.process.send(d);
    };
    const killAt = Math.floor(DELIVERIES * (0.3 + random() * 0.3));
    const victim = instances[Math.floor(random() * 3)]!;
    for (const [i, d] of deliveries.entries()) {
      if (i === killAt) {
        victim.process.kill('SIGKILL');
        victim.alive = false;
      }
      const live = instances.filter((x) => x.alive);
      const copies = 1 + Math.floor(random() * 3);
      for (let c = 0; c < copies; c++) send(d, live[Math.floor(random() * live.length)]!);
      // About 15 deliveries a second, each handed out one to three times: a steady load on a shared machine.
      if (i % 3 === 2) await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise<void>((resolve) => (victim.process.exitCode !== null || victim.process.signalCode !== null ? resolve() : victim.process.once('exit', () => resolve())));
    // What the dead instance never answered is delivered again, to a live one, as Slack and Teams retry.
    for (const d of deliveries) {
      if (waiting.get(d.key)?.has(victim.name)) {
        waiting.get(d.key)!.delete(victim.name);
        send(d, instances.find((x) => x.alive)!);
      }
    }
    for (let i = 0; i < 600 && [...waiting.values()].some((s) => s.size > 0); i++) await new Promise((r) => setTimeout(r, 100));
    expect([...waiting.entries()].filter(([, s]) => s.size > 0)).toEqual([]);

    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      // The outbox drained: every case's card is posted.
      for (let i = 0; i < 300; i++) {
        const pending = await pool.query(`SELECT count(*)::int AS n FROM outbox WHERE state = 'pending'`);
        if (pending.rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(reports.filter((r) => r.kind === 'failed')).toEqual([]);
      // Exactly once: no delivery answered twice by the live instances, and each question and answer audited once.
      const answeredKeys = reports.filter((r) => r.kind === 'answered').map((r) => r.key);
      expect(answeredKeys.length).toBe(new Set(answeredKeys).size);
      const audit = await new PgAuditChain(pool).records();
      for (const kind of ['question', 'answer'] as const) {
        const ids = audit.filter((r) => r.kind === kind).map((r) => String(r.payload['messageId']));
        expect(ids.sort()).toEqual(deliveries.map((d) => d.message.id).sort());
      }
      expect(await new PgAuditChain(pool).verify()).toMatchObject({ ok: true, count: audit.length });

      const events = readFileSync(eventsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>);
      const cases = (await pool.query<{ num: number }>('SELECT num FROM cases ORDER BY num')).rows;
      expect(cases.length).toBeGreaterThan(0);
      const posts = events.filter((e) => e.op === 'postCase');
      for (const { num } of cases) {
        const id = `C-${String(num).padStart(6, '0')}`;
        const byLive = posts.filter((p) => p.caseId === id && p.instance !== victim.name);
        const byVictim = posts.filter((p) => p.caseId === id && p.instance === victim.name);
        // Once; the only repeat the outbox allows is a card the killed instance posted and died before recording.
        expect(byLive.length + byVictim.length, `posts of ${id}`).toBeGreaterThanOrEqual(1);
        expect(byLive.length, `posts of ${id} by the live instances`).toBeLessThanOrEqual(1);
        if (byVictim.length === 0) expect(byLive.length, `posts of ${id}`).toBe(1);
        else expect(byVictim.length, `posts of ${id} by ${victim.name}`).toBe(1);
      }
      const jobs = events.filter((e) => e.op === 'job');
      expect(jobs).toHaveLength(1);
      expect((await pool.query('SELECT job, day FROM job_runs')).rows).toEqual([{ job: 'reminders', day: jobs[0]!.day }]);
      process.stdout.write(`multi-instance: ${DELIVERIES} deliveries, ${reports.length} handed out, ${victim.name} killed after ${killAt}, ${cases.length} cases, ${audit.length} audit records\n`);
    } finally {
      await pool.end();
    }
  } finally {
    for (const inst of instances) if (inst.process.exitCode === null && inst.process.signalCode === null) inst.process.kill('SIGTERM');
  }
}, 120_000);
