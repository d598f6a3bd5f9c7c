/**
 * The real server (src/main.ts, bundled, its own process) under mixed web, Slack and Teams load with duplicate
 * deliveries, SIGKILLed at random moments and restarted on the same database, as often as ROUNDS says. The clients
 * behave as the platforms do: a delivery that got no 2xx is delivered again (same event id, activity id or web
 * key), and some acknowledged ones are delivered again too. At the end, with every delivery acknowledged and the
 * outbox drained, the database must show: every acknowledged turn answered, no turn answered twice, every case
 * with its question and answer records, and `audit verify` (chain, anchors, cases) ok.
 *
 * The seed is printed; CRASH_SEED=<n> replays a run's choices (the kill moments still fall where the machine's
 * speed puts them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnchorPath } from '../../src/cases/audit-anchor.js';
import { AuditLog } from '../../src/cases/audit-log.js';
import { CaseStore } from '../../src/cases/case-store.js';
import { verifyAuditTrail } from '../../src/cases/audit-verify.js';
import { bundle, type Bundle } from '../support/child-process.js';
import { BOT_USER_ID, FakeSlackApi } from '../channels/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackSender } from '../channels/slack/signed-requests.js';
import { FakeConnector } from '../channels/teams/fake-connector.js';

const ROUNDS = 2;
const WORKERS = 6;
const QUESTIONS = [
  'Can I export samarium metal from China to Germany for a civil motor maker?',
  'I want to talk to compliance about our terbium oxide shipment to Korea.',
  'Do sintered NdFeB magnets with dysprosium shipped from Ningbo to a motor maker in Germany need a licence?',
  'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?',
  'What does announcement 18 cover?',
];
/** The questions that open a case (a request for compliance; resale from stock abroad escalates). */
const OPENS_CASE = new Set([QUESTIONS[1], QUESTIONS[3]]);

/** mulberry32: small, seeded, good enough to pick moments and channels. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'web' | 'slack' | 'teams';

interface Delivery {
  readonly kind: Kind;
  /** The Message id the server audits it under: the web key's `web-<key>`, the Slack event id, the Teams activity id. */
  readonly messageId: string;
  readonly text: string;
  /** Slack: the event's ts (the answer's thread); Teams: the activity id the answer replies to; web: the key. */
  readonly ref: string;
  acked: boolean;
  sends: number;
}

interface Server {
  /** When it was spawned (performance.now()): it may post what an earlier run left before it says it listens. */
  readonly spawnedAt: number;
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<NodeJS.Signals | null>;
}

let server: Bundle;
let work: string;
let slack: FakeSlackApi;
let teams: FakeConnector;

beforeAll(async () => {
  server = await bundle('src/main.ts', 'crash-load-server', { 'turn-worker': 'src/turn-worker.ts' });
  work = mkdtempSync(join(tmpdir(), 'lodestone-crash-load-'));
  slack = await FakeSlackApi.start();
  teams = await FakeConnector.start();
}, 120_000);

afterAll(async () => {
  await slack?.close();
  await teams?.close();
  server?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** What the servers logged after their start lines, across every run. */
let serverLogs = '';

async function startServer(dataDir: string): Promise<Server> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [server.file], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl,
      SLACK_COMPLIANCE_CHANNEL: 'C_COMPLIANCE', TEAMS_EMULATOR_URL: teams.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (c: string) => { err += c; });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`the server exited before listening:\n${out}\n${err}`)));
  });
  // The rest is kept whole line by line, to see which thread answered the web turns.
  child.stdout?.removeAllListeners('data').on('data', (c: string) => { serverLogs += c; });
  return { spawnedAt, child, url: `http://127.0.0.1:${port}`, exited };
}

/** The web asker's session (cookie and CSRF token): a browser keeps it across the server's restarts. */
async function webSession(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/chat/session`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Delivers `d` once; true when the server acknowledged it (a 2xx). Connection errors (a killed server) are false. */
async function deliver(d: Delivery, url: string, session: { cookie: string; csrf: string }, sender: SlackSender): Promise<boolean> {
  d.sends++;
  try {
    switch (d.kind) {
      case 'web': {
        const res = await fetch(`${url}/api/chat/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: url, cookie: session.cookie, 'x-csrf-token': session.csrf },
          body: JSON.stringify({ text: d.text, key: d.ref }),
        });
        await res.arrayBuffer();
        return res.ok;
      }
      case 'slack': {
        const event = { type: 'app_mention', user: 'U_ASKER', channel: 'C_LOAD', ts: d.ref, event_ts: d.ref, text: `<@${BOT_USER_ID}> ${d.text}` };
        const res = await sender.event(event, { eventId: d.messageId, ...(d.sends > 1 ? { retryNum: d.sends - 1 } : {}) });
        return res.status === 200;
      }
      case 'teams': {
        const res = await fetch(`${url}/api/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message', id: d.messageId, timestamp: new Date().toISOString(), serviceUrl: teams.url, channelId: 'msteams',
            from: { id: '29:asker', aadObjectId: 'asker-aad-id', name: 'Ada Asker' }, recipient: { id: '28:lodestone-bot', name: 'Lodestone' },
            conversation: { id: `a:chat-${d.messageId}`, conversationType: 'personal', tenantId: 'tenant-1' },
            text: d.text, textFormat: 'plain', channelData: { tenant: { id: 'tenant-1' } },
          }),
        });
        await res.arrayBuffer();
        return res.ok;
      }
    }
  } catch {
    return false;
  }
}

describe('crash safety under mixed load (real server, SIGKILL, restart)', () => {
  it('loses no acknowledged turn, answers none twice, leaves no case without its records, and the audit verifies', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash-under-load seed: ${seed} (CRASH_SEED=${seed} to replay)`);
    const random = seeded(seed);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const dataDir = join(work, 'data');
    const deliveries: Delivery[] = [];
    let kills = 0;
    /** When each run was spawned (performance.now(), as the fakes stamp calls), the last (never killed) one included. */
    const spawns: number[] = [];
    let n = 0;

    const newDelivery = (): Delivery => {
      n++;
      const kind = pick<Kind>(['web', 'slack', 'teams']);
      const text = pick(QUESTIONS);
      // Unique per delivery, and at least the 16 characters a web key needs.
      const id = `${seed.toString(36)}x${n.toString(36).padStart(10, '0')}`;
      const d: Delivery = kind === 'web' ? { kind, messageId: `web-${id}`, text, ref: id, acked: false, sends: 0 }
        : kind === 'slack' ? { kind, messageId: `Ev${id.toUpperCase()}`, text, ref: `17${String(1e8 + n)}.000100`, acked: false, sends: 0 }
        : { kind, messageId: `17${String(1e10 + n)}`, text, ref: '', acked: false, sends: 0 };
      deliveries.push(d);
      return d;
    };

    /** One server run: deliveries from WORKERS clients until `until` says stop; `onAck` hears of each ack. */
    let session: { cookie: string; csrf: string } | undefined;
    const load = async (url: string, until: () => boolean, onAck: (d: Delivery) => void): Promise<void> => {
      session ??= await webSession(url);
      const asker = session;
      const sender = new SlackSender(Number(new URL(url).port));
      try {
        await Promise.all(Array.from({ length: WORKERS }, async () => {
          while (!until()) {
            const unacked = deliveries.filter((d) => !d.acked);
            // The platforms deliver again what got no ack; now and then they repeat an acknowledged one too.
            const d = unacked.length > 0 && random() < 0.5 ? pick(unacked)
              : deliveries.length > 0 && random() < 0.15 ? pick(deliveries) : newDelivery();
            if (await deliver(d, url, asker, sender)) {
              d.acked = true;
              onAck(d);
            } else if (until()) return;
          }
        }));
      } finally {
        sender.close();
      }
    };

    for (let round = 0; round < ROUNDS; round++) {
      const s = await startServer(dataDir);
      spawns.push(s.spawnedAt);
      let killed = false;
      let firstAck: () => void = () => undefined;
      const acked = new Promise<void>((resolve) => { firstAck = resolve; });
      // A random moment once turns are flowing (a cold server takes a while over its first ones) and a case has been
      // opened, so every kill can land among cases: on a busy machine a short run could otherwise answer only
      // questions that open none.
      const running = load(s.url, () => killed, (d) => { if (OPENS_CASE.has(d.text)) firstAck(); });
      await acked;
      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 1_500));
      kills++;
      s.child.kill('SIGKILL');
      killed = true;
      expect(await s.exited).toBe('SIGKILL');
      await running;
    }

    // The last run is not killed: everything still unacknowledged is delivered again until it is.
    const last = await startServer(dataDir);
    spawns.push(last.spawnedAt);
    session ??= await webSession(last.url);
    const sender = new SlackSender(Number(new URL(last.url).port));
    for (const d of deliveries.filter((x) => !x.acked)) {
      for (let i = 0; i < 5 && !d.acked; i++) d.acked = await deliver(d, last.url, session, sender);
    }
    sender.close();
    expect(deliveries.filter((d) => !d.acked)).toEqual([]);
    const file = join(dataDir, 'lodestone.db');
    const reader = new Database(file, { readonly: true });
    const pendingAnswers = () => (reader.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'answer' AND state = 'pending'`).get() as { n: number }).n;
    for (let i = 0; i < 100 && pendingAnswers() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pendingAnswers()).toBe(0);
    reader.close();
    last.child.kill('SIGTERM');
    await last.exited;

    const db = new Database(file);
    try {
      const records = new AuditLog(db).records().filter((r) => r.kind === 'question' || r.kind === 'answer');
      const byMessage = new Map<string, { questions: number; answers: number }>();
      const questionSeqs = new Set<number>();
      const answeredCases = new Map<string, number>();
      for (const r of records) {
        const p = r.payload as { messageId?: string; questionSeq?: number; caseId?: string };
        if (p.messageId === undefined) throw new Error(`audit record #${r.seq} names no message`);
        const counts = byMessage.get(p.messageId) ?? { questions: 0, answers: 0 };
        if (r.kind === 'question') {
          counts.questions++;
          questionSeqs.add(r.seq);
        } else {
          counts.answers++;
          if (p.caseId) answeredCases.set(p.caseId, p.questionSeq ?? -1);
        }
        byMessage.set(p.messageId, counts);
      }
      const answerRows = (key: string) => db.prepare('SELECT state, attempts, last_error FROM outbox WHERE key = ?').all(key);
      // Every acknowledged delivery answered, exactly once.
      const notOnce = deliveries.filter((d) => {
        const c = byMessage.get(d.messageId);
        return c?.questions !== 1 || c.answers !== 1;
      });
      expect(notOnce.map((d) => ({ d, audited: byMessage.get(d.messageId) }))).toEqual([]);
      // And posted once on its platform; a second copy only of a post a run that was then killed had sent, posted
      // again by a later run: the process died between Slack or Teams taking the post and the outbox recording
      // that (the window the outbox dispatcher documents), never more than that, and never within one run.
      // A post belongs to the last run spawned before the fake stamped it. Not "before the kill": a post the killed
      // run had already written can reach the fake (and be stamped) a few milliseconds after the test noted the kill,
      // but never after the next run was spawned, which waits for the killed process to exit.
      const runOf = (at: number) => spawns.filter((s) => s <= at).length - 1;
      const repeatedAfterKill = (first: number | undefined, second: number | undefined) => first !== undefined && second !== undefined
        && runOf(first) < runOf(second);
      for (const d of deliveries.filter((x) => x.kind === 'slack')) {
        const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_LOAD' && c.args.thread_ts === d.ref);
        expect(posts.length, `Slack answers to ${d.messageId}; outbox: ${JSON.stringify(answerRows(`answer:slack:slack:event:${d.messageId}`))}`).toBeGreaterThanOrEqual(1);
        if (posts.length > 1) expect({ d, posts: posts.length, repeatedAfterKill: repeatedAfterKill(posts[0]?.at, posts[1]?.at) }).toEqual({ d, posts: 2, repeatedAfterKill: true });
      }
      for (const d of deliveries.filter((x) => x.kind === 'teams')) {
        const posts = teams.activities.filter((a) => a.op === 'reply' && a.activityId === d.messageId);
        expect(posts.length, `Teams answers to ${d.messageId}; outbox: ${JSON.stringify(answerRows(`answer:teams:teams:activity:a:chat-${d.messageId}:${d.messageId}`))}`).toBeGreaterThanOrEqual(1);
        if (posts.length > 1) expect({ d, posts: posts.length, repeatedAfterKill: repeatedAfterKill(posts[0]?.at, posts[1]?.at) }).toEqual({ d, posts: 2, repeatedAfterKill: true });
      }
      // No case without its question and answer records.
      const cases = new CaseStore(db).list(undefined, 100_000);
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const q = answeredCases.get(c.id);
        expect(q !== undefined && questionSeqs.has(q), `case ${c.id} has its question and answer records`).toBe(true);
      }
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const verified = verifyAuditTrail(db, { anchorFile: defaultAnchorPath(file), requireAnchors: true });
      expect(verified).toMatchObject({ ok: true, cases: cases.length });
      // The web turns went through the turn worker, as under `npm start`.
      expect(serverLogs).toContain('web chat turns are answered in a worker thread');
      const duplicatesSent = deliveries.reduce((sum, d) => sum + d.sends - 1, 0);
      const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_LOAD').length + teams.of('reply').length;
      const posted = deliveries.filter((d) => d.kind !== 'web').length;
      console.log(`crash-under-load: ${deliveries.length} deliveries (${duplicatesSent} sent again), ${kills} kills, ${cases.length} cases, ${records.length} question/answer records, ${posts} Slack/Teams posts for ${posted} answers (${posts - posted} repeated after a kill mid-post)`);
    } finally {
      db.close();
    }
  }, 120_000);
});
