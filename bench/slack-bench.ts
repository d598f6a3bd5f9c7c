/**
 * The Slack channel under load: signed Events API deliveries (app mentions, each in its own thread) sent on
 * loopback at a fixed rate to the real Bolt app on the real HTTP server, with the Web API faked on 127.0.0.1.
 * One delivery in ten is sent again with Slack's retry headers. Reports the rate achieved, the ack latency
 * (request sent to HTTP response: what Slack's 3-second timeout measures), the answer latency (request sent to
 * chat.postMessage arriving at the fake), and how many events were answered twice (must be 0) or not at all.
 *
 * The load generator and the fake Web API run in a worker thread, as Slack would run elsewhere, so the server's
 * event loop does only the server's work; run from TypeScript sources (vitest), where a worker cannot load this
 * file, they share the server's thread and the latencies are pessimistic (`loadInWorker` says which).
 * The database is a file with the production settings (WAL, synchronous=FULL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createApp } from '../src/app.js';
import { createSlackChannel } from '../src/channels/slack/slack-channel.js';
import { ConfigSchema } from '../src/config.js';
import { createHttpApp } from '../src/server.js';
import { BOT_USER_ID, FakeSlackApi } from '../test/channels/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackSender } from '../test/channels/slack/signed-requests.js';

export interface SlackBenchOptions {
  /** Events per second. Default 200. */
  readonly rate?: number;
  /** How long to send for; at most 60 s. Default 10 s. */
  readonly durationMs?: number;
  /** Every n-th delivery is sent again as a retry. Default 10. */
  readonly retryEvery?: number;
  /** Longest wait for the last answers after sending stops. Default 20 s. */
  readonly drainMs?: number;
  /** Run the load generator in the server's thread. Default: only when running from TypeScript sources. */
  readonly inProcess?: boolean;
}

interface LoadPlan {
  readonly port: number;
  readonly rate: number;
  readonly durationMs: number;
  readonly retryEvery: number;
  readonly drainMs: number;
}

const QUESTIONS = [
  'Do Dy-containing NdFeB blocks from Ganzhou to a pump maker in Poland need a licence?',
  'Can we sell SmCo rings out of Xiamen to a customer in Brazil?',
  'Yttrium oxide from Baotou to a coating shop in Ohio, licence?',
  'Can I export samarium metal from China to Germany for a civil motor maker?',
  'Can we ship NdFeB magnets from Ningbo to Germany?',
  'What does announcement 70 say?',
  'How long does a dual-use licence take?',
  'hi there, what can you do?',
  'Europium oxide from China to Germany, licence?',
  'Can we export terbium-containing magnets from China to a European company that builds missiles?',
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mention(i: number, channel: string, base: number): Record<string, unknown> {
  const ts = `${base}.${String(i).padStart(6, '0')}`;
  return { type: 'app_mention', user: `U_B${i % 50}`, channel, ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${QUESTIONS[i % QUESTIONS.length] ?? ''}` };
}

/** Sends the load and reads the answers off the fake; runs wherever the fake runs. */
async function runLoad(fake: FakeSlackApi, plan: LoadPlan): Promise<Record<string, number>> {
  const send = new SlackSender(plan.port);
  try {
    // Warm-up: the first answers pay for JIT and lazy loading, which a running server has already paid.
    for (let i = 0; i < 50; i++) await send.event(mention(i, 'C_WARM', 1_600_000_000));
    const warmDeadline = performance.now() + 10_000;
    while (fake.callsOf('chat.postMessage').length < 50 && performance.now() < warmDeadline) await sleep(20);
    fake.reset();

    const total = Math.round((plan.rate * plan.durationMs) / 1000);
    const acks: number[] = [];
    const sentAt = new Map<string, number>();
    const inflight: Promise<void>[] = [];
    let failed = 0;
    let retries = 0;
    const deliver = (event: Record<string, unknown>, eventId: string, retryNum?: number) => {
      inflight.push(send.event(event, { eventId, ...(retryNum ? { retryNum } : {}) }).then((r) => {
        if (r.status === 200) acks.push(r.ms);
        else failed++;
      }, () => {
        failed++;
      }));
    };

    const start = performance.now();
    for (let i = 0; i < total; i++) {
      // Open loop: each delivery leaves at its scheduled time, whether or not earlier ones were answered.
      const wait = start + (i * 1000) / plan.rate - performance.now();
      if (wait > 1) await sleep(wait);
      const event = mention(i, 'C_BENCH', 1_700_000_000);
      const eventId = `EvBENCH${i}`;
      sentAt.set(String(event.ts), performance.now());
      deliver(event, eventId);
      if (i % plan.retryEvery === plan.retryEvery - 1) {
        retries++;
        // Slack retries after its 3 s timeout; sooner here, so the retry lands while the first may be in flight.
        setTimeout(() => deliver(event, eventId, 1), 50);
      }
    }
    const sendMs = performance.now() - start;
    await sleep(60);
    await Promise.all(inflight);
    const drainDeadline = performance.now() + plan.drainMs;
    while (fake.callsOf('chat.postMessage').length < total && performance.now() < drainDeadline) await sleep(50);
    await sleep(200);

    const answersPerThread = new Map<string, number>();
    const answerMs: number[] = [];
    for (const c of fake.callsOf('chat.postMessage')) {
      const thread = String(c.args.thread_ts);
      const n = (answersPerThread.get(thread) ?? 0) + 1;
      answersPerThread.set(thread, n);
      const sent = sentAt.get(thread);
      if (n === 1 && sent !== undefined && c.at !== undefined) answerMs.push(c.at - sent);
    }
    acks.sort((a, b) => a - b);
    answerMs.sort((a, b) => a - b);
    return {
      events: total,
      retryDeliveries: retries,
      eventsPerSec: round((total / sendMs) * 1000),
      ackP50Ms: round(percentile(acks, 0.5)),
      ackP99Ms: round(percentile(acks, 0.99)),
      ackMaxMs: round(acks.at(-1) ?? 0),
      answerP50Ms: round(percentile(answerMs, 0.5)),
      answerP99Ms: round(percentile(answerMs, 0.99)),
      duplicateAnswers: [...answersPerThread.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      unanswered: [...sentAt.keys()].filter((ts) => !answersPerThread.has(ts)).length,
      failedRequests: failed,
    };
  } finally {
    send.close();
  }
}

/** The server side: the App on a file database, the Slack channel, the one HTTP server on an ephemeral port. */
export async function startServer(apiUrl: string, dir: string) {
  const config = ConfigSchema.parse({
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl,
    SLACK_COMPLIANCE_CHANNEL: 'C_COMPLIANCE', OFFICERS_SLACK: 'U_OFFICER', LOG_LEVEL: 'silent',
  });
  const app = createApp({ config, dbFile: join(dir, 'bench.db') });
  const slack = await createSlackChannel(app, { retryConfig: { retries: 0 } });
  const server: Server = await new Promise((resolve) => {
    const s = createHttpApp(app, [slack]).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    port: (server.address() as AddressInfo).port,
    slack,
    async close() {
      await slack.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

type FromWorker = { readonly type: 'fake'; readonly apiUrl: string } | { readonly type: 'result'; readonly numbers: Record<string, number> } | { readonly type: 'error'; readonly message: string };

export async function benchSlack(options: SlackBenchOptions = {}): Promise<Record<string, number>> {
  const plan = {
    rate: options.rate ?? 200,
    durationMs: Math.min(options.durationMs ?? 10_000, 60_000),
    retryEvery: options.retryEvery ?? 10,
    drainMs: options.drainMs ?? 20_000,
  };
  const inProcess = options.inProcess ?? import.meta.url.endsWith('.ts');
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-slack-bench-'));
  try {
    if (inProcess) {
      const fake = await FakeSlackApi.start();
      const server = await startServer(fake.apiUrl, dir);
      try {
        return { ...(await runLoad(fake, { ...plan, port: server.port })), loadInWorker: 0 };
      } finally {
        await server.close();
        await fake.close();
      }
    }
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'slack-bench-load' } });
    const messages: FromWorker[] = [];
    const waiters: (() => void)[] = [];
    worker.on('message', (m: FromWorker) => {
      messages.push(m);
      waiters.splice(0).forEach((w) => w());
    });
    worker.on('error', (err) => {
      messages.push({ type: 'error', message: err.message });
      waiters.splice(0).forEach((w) => w());
    });
    const next = async (): Promise<FromWorker> => {
      while (messages.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
      const m = messages.shift();
      if (!m || m.type === 'error') throw new Error(`slack bench load worker: ${m?.message ?? 'no message'}`);
      return m;
    };
    try {
      const fakeReady = await next();
      if (fakeReady.type !== 'fake') throw new Error('slack bench: expected the fake API first');
      const server = await startServer(fakeReady.apiUrl, dir);
      try {
        worker.postMessage({ ...plan, port: server.port } satisfies LoadPlan);
        const result = await next();
        if (result.type !== 'result') throw new Error('slack bench: expected a result');
        return { ...result.numbers, loadInWorker: 1 };
      } finally {
        await server.close();
      }
    } finally {
      await worker.terminate();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The worker's side: the fake Web API and the load generator, in their own thread.
if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === 'slack-bench-load') {
  const port = parentPort;
  const fake = await FakeSlackApi.start();
  port.postMessage({ type: 'fake', apiUrl: fake.apiUrl } satisfies FromWorker);
  port.once('message', (plan: LoadPlan) => {
    runLoad(fake, plan)
      .then((numbers) => port.postMessage({ type: 'result', numbers } satisfies FromWorker))
      .catch((err: unknown) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker))
      .finally(() => void fake.close());
  });
}
