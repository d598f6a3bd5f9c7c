/**
 * The web chat's turns answered in the turn worker (turn-worker.ts), the real worker thread on its own connection to
 * the app's database file: the answer, its transcript row and audit records are the ones the HTTP thread reads back;
 * a conversation continues in the one assistant that remembers it; a repeated key is answered once; a status an
 * officer records on the HTTP thread decides the worker's next answer; and a worker that dies refuses the turn it
 * held and is replaced. The worker script is bundled once with vite (Node 20 cannot run TypeScript in a worker).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ComposedApp } from '../../src/app.js';
import { ConfigSchema } from '../../src/config.js';
import { newMessage, type Message } from '../../src/contracts/message.js';
import { TurnWorkerChat, TurnWorkerError } from '../../src/turn-worker-client.js';
import { RESUMED } from '../cases/status-fixtures.js';
import { bundleEntry, type Bundle } from '../support/bundle.js';
import { clockOn } from '../support/clock.js';
import { Client } from '../channels/web/http-client.js';
import { startWebServer } from '../channels/web/web-server.js';

let worker: Bundle;
let dir: string;
const apps: ComposedApp[] = [];

beforeAll(async () => {
  worker = await bundleEntry('src/turn-worker.ts', 'turn-worker');
  dir = mkdtempSync(join(tmpdir(), 'lodestone-turn-worker-'));
}, 120_000);

afterAll(() => {
  worker.remove();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

let files = 0;
function app(day = '2026-11-30'): ComposedApp {
  const a = createApp({
    config: ConfigSchema.parse({ LOG_LEVEL: 'silent', DATA_DIR: dir }), dbFile: join(dir, `worker-${++files}.db`), clock: clockOn(day), turnWorker: worker.file,
  });
  apps.push(a);
  return a;
}

let ids = 0;
function message(a: ComposedApp, text: string, conversation: string): Message {
  return newMessage({ id: `web-m${++ids}`, text, user: 'u1', conversation, channel: 'web', receivedAt: a.clock.now() });
}

describe('the turn worker', () => {
  it('answers a web turn in the worker thread, and the HTTP thread reads the same turn, case and audit records back', async () => {
    const a = app();
    expect(a.webChat).toBeInstanceOf(TurnWorkerChat);
    const text = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
    const outcome = await a.webChat.ask('conv-1', message(a, text, 'conv-1'), 'key-000000000000001');
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    const [turn] = await a.webChat.list('conv-1');
    expect(turn?.text).toBe(text);
    expect(turn?.reply.verdict).toBe(outcome.reply.verdict);
    // Its records are on the one chain the HTTP thread verifies, dated by the HTTP thread's clock.
    const kinds = a.cases.audit.records().map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['question', 'answer']));
    expect(a.cases.audit.records().every((r) => r.at.startsWith('2026-11-30'))).toBe(true);
    expect(a.cases.verifyAuditTrail().ok).toBe(true);
    // The escalation's case, opened in the worker, is on the officers' desk here.
    expect(outcome.reply.verdict).toBe('escalate');
    const caseId = outcome.reply.escalation?.caseId ?? '';
    expect((await a.desk.get(caseId))?.state).toBe('open');
  }, 60_000);

  it('keeps a conversation in the one assistant that answers it: a short follow-up fills the question asked', async () => {
    const a = app();
    const first = await a.webChat.ask('conv-2', message(a, 'We want to ship magnets to Canada. Do we need a licence?', 'conv-2'), undefined);
    expect(first.kind === 'answered' && first.reply.verdict).toBe('need_info');
    const second = await a.webChat.ask('conv-2', message(a, 'they are NdFeB with dysprosium, from our Ningbo supplier', 'conv-2'), undefined);
    expect(second.kind === 'answered' && second.reply.verdict).toBe('license_required');
  }, 60_000);

  it('answers a key sent three times at once once, and shows every request that one turn', async () => {
    const a = app();
    const text = 'Tb metal from Baotou to Korea, licence?';
    const outcomes = await Promise.all([1, 2, 3].map(() => a.webChat.ask('conv-3', message(a, text, 'conv-3'), 'key-000000000000003')));
    expect(outcomes.filter((o) => o.kind === 'answered')).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.kept?.id)).size).toBe(1);
    expect(a.cases.audit.records().filter((r) => r.kind === 'question')).toHaveLength(1);
  }, 60_000);

  it('decides the next turn on a status an officer recorded on the HTTP thread', async () => {
    const a = app();
    const text = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
    const before = await a.webChat.ask('conv-4', message(a, text, 'conv-4'), undefined);
    expect(before.kind === 'answered' && before.reply.verdict).toBe('escalate');
    const recorded = a.statusDesk.record(RESUMED);
    const after = await a.webChat.ask('conv-5', message(a, text, 'conv-5'), undefined);
    expect(after.kind === 'answered' && after.reply.verdict).toBe('license_required');
    expect(after.kind === 'answered' && after.reply.rulesVersion).toBe(recorded.version);
  }, 60_000);

  it('refuses the turn a dying worker held, starts a new one, and answers the same post then', async () => {
    const a = app();
    const chat = a.webChat as TurnWorkerChat;
    await chat.ask('conv-6', message(a, 'hello', 'conv-6'), undefined);
    const held = chat.ask('conv-6', message(a, 'Gd2O3 from Ganzhou to Japan, licence?', 'conv-6'), 'key-000000000000006');
    await chat.terminate();
    await expect(held).rejects.toBeInstanceOf(TurnWorkerError);
    const again = await chat.ask('conv-6', message(a, 'Gd2O3 from Ganzhou to Japan, licence?', 'conv-6'), 'key-000000000000006');
    expect(chat.restarted).toBe(1);
    // Either the first try committed before the worker died (the same turn comes back) or it did not (answered now).
    expect(again.kept?.text).toBe('Gd2O3 from Ganzhou to Japan, licence?');
    expect(a.cases.audit.records().filter((r) => r.kind === 'question' && r.text?.startsWith('Gd2O3'))).toHaveLength(1);
  }, 60_000);

  it('serves the web chat JSON API through the worker: five posts of one key at once get one turn', async () => {
    const server = await startWebServer({}, '2026-11-30', { dbFile: join(dir, 'http.db'), turnWorker: worker.file });
    try {
      expect(server.app.webChat).toBeInstanceOf(TurnWorkerChat);
      const client = new Client(server.url);
      const csrf = await client.csrf();
      const post = () => client.postJson('/api/chat/messages', { text: 'Sm metal from Baotou to a civil customer in Brazil, licence?', key: 'http-key-0000000001' }, { headers: { 'x-csrf-token': csrf } });
      const bodies = await Promise.all(Array.from({ length: 5 }, async () => {
        const r = await post();
        expect(r.status).toBe(200);
        return (await r.json()) as { turn: number; reply: { verdict: string } };
      }));
      expect(new Set(bodies.map((b) => b.turn)).size).toBe(1);
      expect(bodies[0]?.reply.verdict).toBe('license_required');
      expect(server.app.cases.audit.records().filter((r) => r.kind === 'question')).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses turns while a worker cannot start, keeps trying with a growing wait, and never ends the process', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('the database file cannot be opened');\n");
    const a = app();
    const chat = new TurnWorkerChat({
      file: broken, transcript: a.stores.web.transcript, logger: a.logger, restartDelayMs: 20,
      init: { dbFile: join(dir, 'x.db'), rulesDir: 'rules', intentsDir: 'intents', officers: { slack: [], teams: [], web: [] }, reminderHours: 4, budgetMs: 12 },
      onCommitted: () => undefined,
    });
    await expect(chat.ask('conv-9', message(a, 'Tb metal to Korea?', 'conv-9'), undefined)).rejects.toBeInstanceOf(TurnWorkerError);
    // The failed starts with nobody waiting (the restarts) must not surface as unhandled rejections; vitest fails on one.
    await new Promise((r) => setTimeout(r, 400));
    expect(chat.restarted).toBeGreaterThanOrEqual(1);
    expect(chat.restarted).toBeLessThan(6);
    await chat.close();
  }, 60_000);
});
