/**
 * The web chat JSON API under load (issue 11): autocannon at 10, 50 and 200 connections against the real server in
 * its own process (bench/http-server.ts), then against a bare Express JSON handler in the same run and under the
 * same load generator. Prints turns/s, p50/p99 latency, the server's event-loop lag p99, its CPU per turn, and
 * bytes of database per turn and per case (after a WAL checkpoint). Each post carries its own idempotency key and
 * comes from one of 100 sessions, so turns spread over 100 conversations as real askers' would.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BENCH_CONVERSATIONS } from './questions.js';
import type { ServerStats } from './http-server.js';

const SESSIONS = 100;
const QUESTIONS = BENCH_CONVERSATIONS.flat();

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
}

function onMessage<T>(child: ChildProcess, pick: (m: Record<string, unknown>) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (m: unknown): void => {
      const v = typeof m === 'object' && m !== null ? pick(m as Record<string, unknown>) : undefined;
      if (v === undefined) return;
      child.off('message', listener);
      resolve(v);
    };
    child.on('message', listener);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

async function startServer(mode: 'lodestone' | 'lodestone-main-thread' | 'bare', dir: string): Promise<Server> {
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'http-server.js');
  const child = fork(script, [mode, dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await onMessage(child, (m) => (typeof m['port'] === 'number' ? m['port'] : undefined));
  return { child, url: `http://127.0.0.1:${port}` };
}

async function measure<R>(server: Server, run: () => Promise<R>): Promise<{ result: R; stats: ServerStats }> {
  server.child.send('start');
  const result = await run();
  server.child.send('stop');
  const stats = await onMessage(server.child, (m) => m['stats'] as ServerStats | undefined);
  return { result, stats };
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

async function openSession(url: string): Promise<Session> {
  const res = await fetch(`${url}/api/chat/session`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

function chatLoad(url: string, sessions: readonly Session[], connections: number, durationS: number): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url, connections, duration: durationS,
    requests: [{
      method: 'POST', path: '/api/chat/messages',
      setupRequest: (req) => {
        const i = n++;
        const s = sessions[i % sessions.length] as Session;
        return {
          ...req,
          headers: { 'content-type': 'application/json', origin: url, cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify({ text: QUESTIONS[i % QUESTIONS.length], key: randomBytes(12).toString('hex') }),
        };
      },
    }],
  });
}

function bareLoad(url: string, connections: number, durationS: number): Promise<autocannon.Result> {
  return autocannon({
    url, connections, duration: durationS,
    requests: [{ method: 'POST', path: '/bare', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUESTIONS[0] }) }],
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.send('exit');
  });
}

/**
 * One server's loads: `prefix` names its figures (`web` for the turn worker as shipped, `mainThread` for
 * TURN_WORKER=off, every turn's work and commit on the HTTP thread, as before the worker).
 */
async function benchLodestone(mode: 'lodestone' | 'lodestone-main-thread', prefix: string, dir: string, durationS: number, out: Record<string, number>): Promise<void> {
  const lode = await startServer(mode, dir);
  // The database before any turn: its schema, empty tables and the transcript's dictionary, a fixed cost per
  // database that a per-turn figure should not spread over however few turns a quick run makes.
  const empty = (await measure(lode, async () => undefined)).stats;
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => openSession(lode.url)));
  // Warm-up: JIT, the statement caches and the page cache, not counted.
  await chatLoad(lode.url, sessions, 10, durationS).then(() => undefined);
  // The database as the warm-up left it, so each load's growth is its own.
  let before = (await measure(lode, async () => undefined)).stats;
  for (const c of [10, 50, 200]) {
    const { result, stats } = await measure(lode, () => chatLoad(lode.url, sessions, c, durationS));
    const turns = stats.turns - before.turns;
    const cases = stats.cases - before.cases;
    out[`${prefix}${c}TurnsPerSec`] = result['2xx'] / durationS;
    out[`${prefix}${c}P50Ms`] = result.latency.p50;
    out[`${prefix}${c}P99Ms`] = result.latency.p99;
    out[`${prefix}${c}EventLoopLagP99Ms`] = stats.lagP99Ms;
    out[`${prefix}${c}CpuMsPerTurn`] = turns > 0 ? stats.cpuMs / turns : 0;
    out[`${prefix}${c}Non2xx`] = result.non2xx + result.errors;
    out[`${prefix}${c}DbBytesPerTurn`] = turns > 0 ? (stats.dbBytes - before.dbBytes) / turns : 0;
    out[`${prefix}${c}NewCases`] = cases;
    before = stats;
  }
  if (prefix === 'web') {
    const last = before;
    out['dbBytesPerTurnOverall'] = last.turns > 0 ? (last.dbBytes - empty.dbBytes) / last.turns : 0;
    out['dbBytesEmpty'] = empty.dbBytes;
    // Per case: the whole database over the cases opened, an upper bound (it includes every other turn too).
    out['dbBytesPerCaseUpperBound'] = last.cases > 0 ? last.dbBytes / last.cases : 0;
    // Per case: what opening one adds, the case's own tables (row, history, outbox row, with their indexes).
    const caseTables = ['cases', 'case_events', 'outbox', 'outbox_deliveries', 'case_cards'];
    const caseBytes = caseTables.reduce((sum, t) => sum + (last.tableBytes[t] ?? 0), 0);
    out['dbBytesPerCase'] = last.cases > 0 ? caseBytes / last.cases : 0;
    // Where the bytes go: the tables (with their indexes) that grew most, per turn.
    const grown = Object.entries(last.tableBytes).map(([t, b]): [string, number] => [t, b - (empty.tableBytes[t] ?? 0)]).sort((a, b) => b[1] - a[1]);
    for (const [table, bytes] of grown.slice(0, 7)) {
      out[`bytesPerTurn.${table}`] = last.turns > 0 ? bytes / last.turns : 0;
    }
  }
  await stop(lode);
}

/** `durationS`: each load's length; 6 s for the README's figures, 1 s for the quick pass. */
export async function benchHttp(durationS = 6): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const dirs: string[] = [];
  const freshDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'lodestone-http-bench-'));
    dirs.push(d);
    return d;
  };
  try {
    await benchLodestone('lodestone', 'web', freshDir(), durationS, out);
    await benchLodestone('lodestone-main-thread', 'mainThread', freshDir(), durationS, out);
    const dir = freshDir();
    const bare = await startServer('bare', dir);
    await bareLoad(bare.url, 10, durationS);
    for (const c of [10, 50, 200]) {
      const { result } = await measure(bare, () => bareLoad(bare.url, c, durationS));
      out[`bareExpress${c}ReqPerSec`] = result['2xx'] / durationS;
      out[`bareExpress${c}P99Ms`] = result.latency.p99;
    }
    await stop(bare);
    out['web50OverBareExpress50'] = (out['web50TurnsPerSec'] ?? 0) / Math.max(1, out['bareExpress50ReqPerSec'] ?? 0);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  return out;
}
