/**
 * Three real servers (src/main.ts, bundled, each its own process) on one throwaway PostgreSQL behave as one, over
 * real HTTP: signed Slack events (the fake Web API), Teams activities (the fake Bot Connector, local mode) and web
 * chat posts, a seeded mix, each delivery sent to one or two different instances at once (a platform's retry landing
 * on another instance behind a load balancer); one instance is SIGKILLed mid-load and what it never acknowledged is
 * delivered again to the others, as the platforms do. An officer decides a case on one instance. Then: every
 * delivery answered and audited exactly once, every case posted once to the compliance channel, the decision posted
 * once in the asker's thread, one audit chain that verifies, the daily jobs run once, a shared BOM screened once, the
 * console on any instance showing every case, `/healthz` ok on the survivors (and 503 once their database is gone),
 * and no SQLite file written in any instance's DATA_DIR.
 *
 * The seed is printed; LODESTONE_SEED=<n> replays a run's choices (the kill moment falls where the machine's speed
 * puts it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PgAuditChain } from '../../src/cases/postgres/pg-audit-chain.js';
import { PgCaseService } from '../../src/cases/postgres/pg-case-service.js';
import { createPool } from '../../src/cases/postgres/pg-database.js';
import { isoDay } from '../../src/core/clock.js';
import { bundle, type Bundle } from '../support/child-process.js';
import { CLUSTER_START_MS, CLUSTER_STOP_MS, startPostgres, type PostgresCluster } from '../support/postgres.js';
import { BOT_USER_ID, FakeSlackApi } from '../channels/slack/fake-slack-api.js';
import { decisionSubmission } from '../channels/slack/fixtures.js';
import { SIGNING_SECRET, SlackSender } from '../channels/slack/signed-requests.js';
import { FakeConnector } from '../channels/teams/fake-connector.js';

const SEED = Number(process.env['LODESTONE_SEED'] ?? Date.now() % 1_000_000);
const DELIVERIES = 45;
const WORKERS = 6;
const OFFICER = 'U_OFFICER';
const COMPLIANCE = 'C_COMPLIANCE';
const ESCALATES = 'I want to talk to compliance about our terbium oxide shipment to Korea.';
const QUESTIONS = [
  'Can I export samarium metal from China to Germany for a civil motor maker?',
  'I want to talk to compliance about our terbium oxide shipment to Korea.',
  'Can we export terbium-containing magnets from China to a European company that builds missiles?',
  'What does announcement 18 cover?',
  'Dy oxide from Baotou to Japan, licence?',
];

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

type Kind = 'web' | 'slack' | 'teams';

interface Delivery {
  readonly kind: Kind;
  /** The Message id the server audits it under: `web-<key>`, the Slack event id, the Teams activity id. */
  readonly messageId: string;
  readonly text: string;
  /** Slack: the event's ts (the answer's thread); web: the post's key. */
  readonly ref: string;
  acked: boolean;
  sends: number;
}

interface Instance {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  readonly sender: SlackSender;
  readonly exited: Promise<NodeJS.Signals | null>;
  alive: boolean;
}

let main: Bundle;
let cluster: PostgresCluster;
let work: string;
let slack: FakeSlackApi;
let teams: FakeConnector;
const instances: Instance[] = [];

beforeAll(async () => {
  [main, cluster, slack, teams] = await Promise.all([
    bundle('src/main.ts', 'multi-instance-main'), startPostgres(), FakeSlackApi.start(), FakeConnector.start(),
  ]);
  work = mkdtempSync(join(tmpdir(), 'lodestone-multi-'));
}, CLUSTER_START_MS);

afterAll(async () => {
  for (const i of instances) {
    i.sender.close();
    if (i.alive) i.child.kill('SIGKILL');
  }
  await Promise.all(instances.map((i) => i.exited));
  await slack?.close();
  await teams?.close();
  main?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
  await cluster?.stop();
}, CLUSTER_STOP_MS);

async function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [main.file], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin', DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: '5', DATA_DIR: join(work, `data-${name}`),
      PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl,
      SLACK_COMPLIANCE_CHANNEL: COMPLIANCE, OFFICERS_SLACK: OFFICER, TEAMS_EMULATOR_URL: teams.url,
      // What a killed instance held is taken over after these, not after 30 s and 5 min: the test stays short.
      ANSWER_HOLD_MS: '12000', OUTBOX_LEASE_MS: '12000',
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
    void exited.then(() => reject(new Error(`${name} exited before listening:\n${out}\n${err}`)));
  });
  // Only the start line was needed; the rest is drained so the pipe never fills.
  child.stdout?.removeAllListeners('data').resume();
  const instance: Instance = { name, child, url: `http://127.0.0.1:${port}`, sender: new SlackSender(port), exited, alive: true };
  instances.push(instance);
  return instance;
}

/** The web asker's session, from one instance; its cookie is signed with the key every instance shares. */
async function webSession(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/chat/session`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Delivers `d` to `to` once; true when it was acknowledged (a 2xx). A killed instance's refusal is false. */
async function deliver(d: Delivery, to: Instance, session: { cookie: string; csrf: string }): Promise<boolean> {
  d.sends++;
  try {
    switch (d.kind) {
      case 'web': {
        const res = await fetch(`${to.url}/api/chat/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: to.url, cookie: session.cookie, 'x-csrf-token': session.csrf },
          body: JSON.stringify({ text: d.text, key: d.ref }),
        });
        await res.arrayBuffer();
        return res.ok;
      }
      case 'slack': {
        const event = { type: 'app_mention', user: 'U_ASKER', channel: 'C_LOAD', ts: d.ref, event_ts: d.ref, text: `<@${BOT_USER_ID}> ${d.text}` };
        const res = await to.sender.event(event, { eventId: d.messageId, ...(d.sends > 1 ? { retryNum: d.sends - 1 } : {}) });
        return res.status === 200;
      }
      case 'teams': {
        const res = await fetch(`${to.url}/api/messages`, {
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

async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > until) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it(`three servers on one PostgreSQL answer every delivery once over HTTP, through a SIGKILL (seed ${SEED})`, async () => {
  process.stdout.write(`multi-instance: seed ${SEED} (repeat with LODESTONE_SEED=${SEED})\n`);
  const random = seeded(SEED);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const url = await cluster.freshDatabase();
  // Started together: they migrate the fresh database once between them (the migration's advisory lock).
  const [i1, i2, i3] = await Promise.all(['i1', 'i2', 'i3'].map((n) => startInstance(n, url))) as [Instance, Instance, Instance];
  const session = await webSession(i1.url);

  const deliveries: Delivery[] = Array.from({ length: DELIVERIES }, (_, n) => {
    // The first is a Slack question that escalates, for the officer to decide below.
    const kind = n === 0 ? 'slack' : pick<Kind>(['web', 'slack', 'teams']);
    const text = n === 0 ? ESCALATES : pick(QUESTIONS);
    // At least the 16 characters a web key needs.
    const id = `${SEED.toString(36)}x${n.toString(36).padStart(12, '0')}`;
    return kind === 'web' ? { kind, messageId: `web-${id}`, text, ref: id, acked: false, sends: 0 }
      : kind === 'slack' ? { kind, messageId: `Ev${id.toUpperCase()}`, text, ref: `17${String(1e8 + n)}.000100`, acked: false, sends: 0 }
      : { kind, messageId: `17${String(1e10 + n)}`, text, ref: '', acked: false, sends: 0 };
  });

  // Load: each delivery to one or two different instances at once; i3 is killed once a third are acknowledged.
  let killedAt: number | undefined;
  /** When i3 was seen dead: a post it sent between the signal and its death arrives before this, not before killedAt. */
  let diedAt: number | undefined;
  let next = 0;
  const alive = () => instances.filter((i) => i.alive);
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++] as Delivery;
      const targets = [...alive()].sort(() => random() - 0.5).slice(0, random() < 0.5 ? 2 : 1);
      const acks = await Promise.all(targets.map((t) => deliver(d, t, session)));
      if (acks.some(Boolean)) d.acked = true;
      if (killedAt === undefined && deliveries.filter((x) => x.acked).length >= DELIVERIES / 3) {
        killedAt = performance.now();
        void i3.exited.then(() => {
          diedAt = performance.now();
        });
        i3.alive = false;
        i3.child.kill('SIGKILL');
      }
    }
  }));
  expect(await i3.exited).toBe('SIGKILL');
  // The platforms deliver again what got no 2xx, to whichever instance the load balancer picks.
  for (const d of deliveries.filter((x) => !x.acked)) {
    for (let n = 0; n < 5 && !d.acked; n++) d.acked = await deliver(d, pick(alive()), session);
  }
  expect(deliveries.filter((d) => !d.acked)).toEqual([]);

  // A bill of materials shared in Slack, its delivery sent to two instances: it is claimed once (app.deliveries, on
  // PostgreSQL), screened once, and answered once in its thread. Checked at the end.
  const fileTs = '1730000999.000200';
  const fileEvent = {
    type: 'message', subtype: 'file_share', channel_type: 'im', channel: 'D_ASKER', user: 'U_ASKER', ts: fileTs, event_ts: fileTs, text: '',
    files: [slack.hostFile('F_BOM', 'bom.csv', Buffer.from('Part No,Description,Qty,Material,Origin\nM-1,Rotor magnet,1,NdFeB with Dy,CN\nM-2,Steel shaft,1,steel,DE\n'))],
  };
  const fileAcks = await Promise.all([i1, i2].map((i) => i.sender.event(fileEvent, { eventId: 'EvFILESHARE0000001' })));
  expect(fileAcks.map((r) => r.status)).toEqual([200, 200]);
  const fileReplies = () => slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D_ASKER' && c.args.thread_ts === fileTs);

  const pool = createPool(url, { poolMax: 2 });
  try {
    const count = async (sql: string): Promise<number> => Number((await pool.query(sql)).rows[0]?.n);
    // Everything queued is posted: what the killed instance held is taken by a survivor once its hold or lease ends.
    const pending = async () => (await pool.query(`SELECT key, kind, attempts, last_error, next_at FROM outbox WHERE state = 'pending' ORDER BY id`)).rows;
    await waitUntil('the outbox to drain', async () => (await count(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`)) === 0, 30_000)
      .catch(async (err: unknown) => {
        throw new Error(`${String(err)}; pending: ${JSON.stringify(await pending())}`);
      });

    // An officer decides one escalated Slack question on i2; the decision reaches the asker's thread once.
    const cases = await new PgCaseService({ pool, officers: { slack: [OFFICER] }, clock: { now: () => new Date() } }).list({ limit: 1_000 });
    expect(cases.length).toBeGreaterThan(0);
    const slackCase = cases.find((c) => c.replyTo.channel === 'slack');
    expect(slackCase).toBeDefined();
    if (slackCase) {
      const decided = await i2.sender.interaction(decisionSubmission({ user: OFFICER, caseId: slackCase.id, verdict: 'prohibited', note: 'Military end use.' }));
      expect(decided.status).toBe(200);
      const thread = String(slackCase.replyTo.threadRef);
      const decisions = () => slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_LOAD' && c.args.thread_ts === thread && String(c.args.text).includes('decided'));
      await waitUntil('the decision in the asker\'s thread', async () => decisions().length > 0, 10_000);
      await waitUntil('the outbox to drain after the decision', async () => (await count(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`)) === 0, 10_000);
      expect(decisions()).toHaveLength(1);
    }

    // A Teams card click (an invoke) delivered to two instances is handled once: the other is told it is done already.
    // Teams runs in local mode here, so the claim itself is refused, and that refusal audited, once.
    const invoke = {
      type: 'invoke', name: 'adaptiveCard/action', id: '1799000000001', timestamp: new Date().toISOString(), serviceUrl: teams.url, channelId: 'msteams',
      from: { id: '29:asker', aadObjectId: 'asker-aad-id', name: 'Ada Asker' }, recipient: { id: '28:lodestone-bot', name: 'Lodestone' },
      conversation: { id: 'a:chat-invoke', conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
      value: { action: { type: 'Action.Execute', verb: 'claim', data: { caseId: cases[0]?.id } }, trigger: 'manual' },
    };
    const invoked = await Promise.all([i1, i2].map(async (i) => {
      const res = await fetch(`${i.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(invoke) });
      return { status: res.status, value: String(((await res.json()) as { value?: unknown }).value) };
    }));
    expect(invoked.map((r) => r.status)).toEqual([200, 200]);
    expect(invoked.map((r) => r.value).sort()).toEqual(['Already done.', expect.stringContaining('off in Teams local mode')].sort());
    const refusals = (await new PgAuditChain(pool).records()).filter((r) => r.kind === 'refusal' && (r.payload as { caseId?: string }).caseId === cases[0]?.id);
    expect(refusals).toHaveLength(1);

    // Every delivery answered and audited exactly once, whichever instances it reached and however often.
    await waitUntil('the shared file\'s answer', async () => fileReplies().length > 0, 10_000);
    const all = await new PgAuditChain(pool).records();
    // The shared file's question and answer are the upload's (no message id), once for two deliveries of its event.
    const isBom = (r: (typeof all)[number]) => (r.payload as { bomUpload?: string }).bomUpload !== undefined;
    expect(all.filter((r) => isBom(r)).map((r) => r.kind)).toEqual(['question', 'answer']);
    const records = all.filter((r) => (r.kind === 'question' || r.kind === 'answer') && !isBom(r));
    const audited = new Map<string, { questions: number; answers: number }>();
    for (const r of records) {
      const id = (r.payload as { messageId?: string }).messageId ?? `#${r.seq}`;
      const c = audited.get(id) ?? { questions: 0, answers: 0 };
      if (r.kind === 'question') c.questions++;
      else c.answers++;
      audited.set(id, c);
    }
    expect(deliveries.filter((d) => audited.get(d.messageId)?.questions !== 1 || audited.get(d.messageId)?.answers !== 1)
      .map((d) => ({ d, audited: audited.get(d.messageId) }))).toEqual([]);
    expect(audited.size).toBe(deliveries.length);

    // Posted once on its platform. The one repeat no platform API rules out: a post the killed instance made just
    // before the kill, before it could record it, is posted again by a survivor after the hold.
    const repeatedAcrossKill = (first?: number, second?: number) => diedAt !== undefined && first !== undefined && second !== undefined && first <= diedAt && second > diedAt;
    for (const d of deliveries.filter((x) => x.kind === 'slack')) {
      const posts = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C_LOAD' && c.args.thread_ts === d.ref && !String(c.args.text).includes('decided'));
      if (posts.length !== 1) expect({ d: d.messageId, posts: posts.length, repeatedAcrossKill: repeatedAcrossKill(posts[0]?.at, posts[1]?.at) }).toEqual({ d: d.messageId, posts: 2, repeatedAcrossKill: true });
    }
    for (const d of deliveries.filter((x) => x.kind === 'teams')) {
      const posts = teams.activities.filter((a) => a.op === 'reply' && a.activityId === d.messageId);
      if (posts.length !== 1) {
        const seen = { d: d.messageId, posts: posts.length, repeatedAcrossKill: repeatedAcrossKill(posts[0]?.at, posts[1]?.at) };
        expect(seen, JSON.stringify({ killedAt, diedAt, posts: posts.map((p) => ({ at: p.at, text: p.body['text'] ?? p.body['summary'] })) })).toEqual({ ...seen, posts: 2, repeatedAcrossKill: true });
      }
    }

    // Every case (and every alert) posted once to the compliance channel, whichever instance's dispatcher took it.
    const compliance = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === COMPLIANCE);
    for (const c of cases) {
      const cards = compliance.filter((p) => String(p.args.text).includes(c.id));
      if (cards.length !== 1) expect({ c: c.id, cards: cards.length, repeatedAcrossKill: repeatedAcrossKill(cards[0]?.at, cards[1]?.at) }).toEqual({ c: c.id, cards: 2, repeatedAcrossKill: true });
    }
    const alerts = compliance.filter((p) => !cases.some((c) => String(p.args.text).includes(c.id)));
    for (const text of new Set(alerts.map((p) => String(p.args.text)))) {
      const same = alerts.filter((p) => String(p.args.text) === text);
      if (same.length !== 1) expect({ text, posts: same.length, repeatedAcrossKill: repeatedAcrossKill(same[0]?.at, same[1]?.at) }).toEqual({ text, posts: 2, repeatedAcrossKill: true });
    }

    // One chain, verified; the daily jobs of today ran once, on one of the three.
    expect(await new PgAuditChain(pool).verify()).toMatchObject({ ok: true });
    const jobs = (await pool.query<{ job: string; day: string; n: number }>(
      'SELECT job, day, COUNT(*)::int AS n FROM job_runs GROUP BY job, day ORDER BY job',
    )).rows;
    expect(jobs).toEqual([
      { job: 'retention', day: isoDay(new Date()), n: 1 },
      { job: 'rules-horizon', day: isoDay(new Date()), n: 1 },
    ]);

    // The survivors report their database; no instance wrote a SQLite file beside it.
    for (const i of [i1, i2]) {
      const health = await fetch(`${i.url}/healthz`);
      expect({ i: i.name, status: health.status, body: await health.json() }).toEqual({ i: i.name, status: 200, body: { ok: true, database: 'ok' } });
    }
    // The console on any instance shows the one set of cases and the one audit trail, its cases checked against it.
    const consolePage = await (await fetch(`${i1.url}/console?state=all`)).text();
    for (const c of cases) expect(consolePage).toContain(`href="/console/cases/${c.id}"`);
    expect((await fetch(`${i2.url}/console/cases/${cases[0]?.id ?? ''}`)).status).toBe(200);
    expect(await (await fetch(`${i2.url}/console/audit`)).text()).toContain(`Cases checked against their audit records: ${cases.length}, all match.`);
    for (const n of ['i1', 'i2', 'i3']) {
      const dir = join(work, `data-${n}`);
      expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    }
    expect(fileReplies().map((c) => String(c.args.text))).toEqual([expect.stringContaining('bom.csv: 2 lines screened as of')]);
    expect(slack.callsOf('files.completeUploadExternal').filter((c) => c.args.channel_id === 'D_ASKER')).toHaveLength(1);
    expect((await fetch(`${i2.url}/chat/bom`)).status).toBe(200);
    console.log(`multi-instance: ${deliveries.length} deliveries (${deliveries.reduce((s, d) => s + d.sends - 1, 0)} sent again), ${cases.length} cases, ${records.length} question/answer records, ${compliance.length} compliance posts`);
  } finally {
    await pool.end();
  }

  // The database gone: /healthz takes the survivors out of rotation.
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const gone = await fetch(`${i1.url}/healthz`);
  expect({ status: gone.status, body: await gone.json() }).toEqual({ status: 503, body: { ok: false, database: 'unreachable' } });
  for (const i of [i1, i2]) {
    i.alive = false;
    i.child.kill('SIGTERM');
  }
}, 120_000);
