/**
 * Crash safety with a real process: a child opens a case in a file database and is SIGKILLed at a chosen
 * point; a fresh dispatcher on the same file must then post the case exactly once overall.
 *
 * The child is TypeScript, and Node 20 cannot run that directly (no tsx here), so it is bundled once with vite
 * (already a dev dependency) into test-artifacts/, inside the repo so `better-sqlite3` and `zod` resolve.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/cases/case-service.js';
import { MemoryHumanChannel } from '../../src/cases/memory-human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { officers } from './fixtures.js';

const repo = resolve(import.meta.dirname, '../..');
const outDir = join(repo, 'test-artifacts', `cases-crash-${process.pid}`);
const childJs = join(outDir, 'crash-child.mjs');
let work: string;

beforeAll(async () => {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repo,
    build: {
      ssr: 'test/cases/crash-child.ts',
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { entryFileNames: 'crash-child.mjs', format: 'es' } },
    },
  });
  work = mkdtempSync(join(tmpdir(), 'lodestone-crash-'));
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Runs the child until it reports `mode` reached, SIGKILLs it, and returns the case id it reported. */
async function runChildAndKill(mode: 'after-save' | 'after-post' | 'turn', dbPath: string, postsFile: string): Promise<string> {
  const child = fork(childJs, [], {
    env: { ...process.env, CRASH_DB: dbPath, CRASH_POSTS: postsFile, CRASH_MODE: mode },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('exit', (_code, signal) => ok(signal)));
  const caseId = await new Promise<string>((ok, fail) => {
    child.on('message', (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'caseId' in m && typeof m.caseId === 'string') ok(m.caseId);
    });
    child.on('exit', (code) => fail(new Error(`child exited (${code}) before reaching ${mode}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return caseId;
}

/** Runs the child in `mid-turn`, which SIGKILLs itself between the pipeline's steps; returns how it ended. */
async function runChildUntilItDies(dbPath: string, markerFile: string): Promise<NodeJS.Signals | null> {
  const child = fork(childJs, [], {
    env: { ...process.env, CRASH_DB: dbPath, CRASH_POSTS: markerFile, CRASH_MODE: 'mid-turn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((ok) => child.on('exit', (_code, signal) => ok(signal)));
}

describe('crash safety of a turn (killed process)', () => {
  it('leaves no case without its question and answer when killed between opening it and auditing them; the retry is answered once', async () => {
    const dbPath = join(work, 'mid-turn.db');
    const marker = join(work, 'mid-turn.log');
    expect(await runChildUntilItDies(dbPath, marker)).toBe('SIGKILL');
    // The killed turn had opened this case (and audited its escalation) inside the turn's transaction.
    const opened = readFileSync(marker, 'utf8').trim();
    expect(opened).toMatch(/^C-\d+$/);

    const after = new CaseService({ db: dbPath, officers });
    expect(after.get(opened)).toBeUndefined();
    expect(after.audit.records()).toEqual([]);
    expect(after.outbox.counts()).toEqual({ pending: 0, done: 0, dead: 0 });
    after.close();

    // Restarted: the platform's retry of the delivery was never claimed, so it is answered, and only once.
    const caseId = await runChildAndKill('turn', dbPath, marker);
    const svc = new CaseService({ db: dbPath, officers });
    expect(svc.get(caseId)?.state).toBe('open');
    const kinds = svc.audit.records().map((r) => r.kind).sort();
    expect(kinds).toEqual(['answer', 'escalation', 'question']);
    expect(svc.verifyAuditTrail()).toMatchObject({ ok: true, count: 3, cases: 1 });
    svc.close();
  });
});

describe('crash safety (killed process)', () => {
  it('posts a case saved just before the process was killed exactly once, after restart', async () => {
    const dbPath = join(work, 'after-save.db');
    const caseId = await runChildAndKill('after-save', dbPath, join(work, 'unused.log'));

    const svc = new CaseService({ db: dbPath, officers });
    const slack = new MemoryHumanChannel('slack');
    const dispatcher = new OutboxDispatcher({ db: svc.db, channels: { slack } });
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(svc.get(caseId)?.state).toBe('open');
    expect(slack.callsOf('postCase').map((p) => p.caseId)).toEqual([caseId]);
    expect(svc.audit.verifyAudit()).toMatchObject({ ok: true, count: 1 });
    svc.close();
  });

  it('does not post again after restart when the killed process had already posted the case', async () => {
    const dbPath = join(work, 'after-post.db');
    const postsFile = join(work, 'after-post-posts.log');
    const caseId = await runChildAndKill('after-post', dbPath, postsFile);
    expect(readFileSync(postsFile, 'utf8')).toBe(`${caseId}\n`);

    const svc = new CaseService({ db: dbPath, officers });
    const slack = new MemoryHumanChannel('slack');
    await new OutboxDispatcher({ db: svc.db, channels: { slack } }).runOnce();
    expect(slack.callsOf('postCase')).toEqual([]);
    expect(svc.outbox.cards(1, 'slack')).toEqual([`child-${caseId}`]);
    expect(svc.outbox.counts()).toEqual({ pending: 0, done: 1, dead: 0 });
    svc.close();
  });

  it('leaves the database file usable in WAL mode after the kill', async () => {
    const dbPath = join(work, 'wal.db');
    await runChildAndKill('after-save', dbPath, join(work, 'unused2.log'));
    expect(existsSync(`${dbPath}-wal`)).toBe(true);
    const svc = new CaseService({ db: dbPath, officers });
    expect(svc.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(svc.db.pragma('integrity_check', { simple: true })).toBe('ok');
    svc.close();
  });
});
