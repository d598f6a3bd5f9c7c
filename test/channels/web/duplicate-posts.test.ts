/**
 * The web chat answers a post once per idempotency key, through the one turn pipeline: concurrent and later
 * repeats of a post get the turn the first was answered with, and the audit log holds one question for it.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Client } from './http-client.js';
import { decodeKeptReply } from '../../../src/channels/web/transcript-store.js';
import { startWebServer, type WebServer } from './web-server.js';

let server: WebServer;
let client: Client;

beforeEach(async () => {
  server = await startWebServer();
  client = new Client(server.url);
});

afterEach(async () => {
  await server.close();
});

const QUESTION = 'Do sintered NdFeB magnets with Dy from Ningbo to Germany need a licence?';

function audited(kind: 'question' | 'answer'): number {
  return server.app.cases.audit.records().filter((r) => r.kind === kind).length;
}

function turnRows(): number {
  return (server.app.db.prepare('SELECT COUNT(*) AS n FROM web_turns').get() as { n: number }).n;
}

describe('duplicate web posts', () => {
  test('the same JSON post sent five times at once is answered once, and every response shows that one turn', async () => {
    const csrf = await client.csrf();
    const key = 'a1b2c3d4e5f6a7b8c9d0e1f2';
    const responses = await Promise.all(Array.from({ length: 5 }, () =>
      client.postJson('/api/chat/messages', { text: QUESTION, key }, { headers: { 'x-csrf-token': csrf } })));
    const bodies = await Promise.all(responses.map(async (r) => {
      expect(r.status).toBe(200);
      return (await r.json()) as { turn: number; reply: { verdict: string }; html: string };
    }));
    expect(new Set(bodies.map((b) => b.turn)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.reply.verdict)).size).toBe(1);
    expect(audited('question')).toBe(1);
    expect(audited('answer')).toBe(1);
    expect(turnRows()).toBe(1);
    // The transcript row, unique per key, is the claim: no delivery claim row is written beside it.
    expect(server.app.db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get()).toBe(0);
  });

  test('a retry after the answer is shown the same turn; a new key is a new question', async () => {
    const csrf = await client.csrf();
    const first = await client.postJson('/api/chat/messages', { text: QUESTION, key: 'retry-key-0000000001' }, { headers: { 'x-csrf-token': csrf } });
    const retry = await client.postJson('/api/chat/messages', { text: QUESTION, key: 'retry-key-0000000001' }, { headers: { 'x-csrf-token': csrf } });
    const firstBody = (await first.json()) as { turn: number; html: string };
    const retryBody = (await retry.json()) as { turn: number; html: string };
    expect(retryBody.turn).toBe(firstBody.turn);
    expect(retryBody.html).toBe(firstBody.html);
    expect(audited('question')).toBe(1);
    const fresh = await client.postJson('/api/chat/messages', { text: QUESTION, key: 'retry-key-0000000002' }, { headers: { 'x-csrf-token': csrf } });
    expect(((await fresh.json()) as { turn: number }).turn).not.toBe(firstBody.turn);
    expect(audited('question')).toBe(2);
  });

  test('a double-submitted form (no script) is answered once: both posts redirect to the one turn', async () => {
    const page = await (await client.get('/')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const key = /name="key" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const [a, b] = await Promise.all([
      client.postForm('/chat', { csrf, key, text: QUESTION }),
      client.postForm('/chat', { csrf, key, text: QUESTION }),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get('location')).toBe(b.headers.get('location'));
    expect(audited('question')).toBe(1);
    expect(turnRows()).toBe(1);
  });

  test('the same key in another session is that session\'s own question', async () => {
    const other = new Client(server.url);
    const key = 'shared-key-000000000001';
    await client.postJson('/api/chat/messages', { text: QUESTION, key }, { headers: { 'x-csrf-token': await client.csrf() } });
    const theirs = await other.postJson('/api/chat/messages', { text: QUESTION, key }, { headers: { 'x-csrf-token': await other.csrf() } });
    expect(theirs.status).toBe(200);
    expect(audited('question')).toBe(2);
  });

  test('the transcript keeps what the page redraws, not the frame, the facts or the conditions each rule checked', async () => {
    const csrf = await client.csrf();
    const res = await client.postJson('/api/chat/messages', { text: QUESTION, key: 'redraw-key-000000000001' }, { headers: { 'x-csrf-token': csrf } });
    const body = (await res.json()) as { turn: number; html: string; reply: { facts?: unknown; frame?: unknown } };
    expect(body.reply.facts).toBeDefined();
    // Deflated with the rules' dictionary, kept beside it.
    const row = server.app.db.prepare('SELECT t.reply, d.dictionary FROM web_turns t JOIN transcript_dictionaries d ON d.id = t.reply_dictionary')
      .get() as { reply: Buffer; dictionary: Buffer };
    const kept = decodeKeptReply(row.reply, row.dictionary) as Record<string, unknown>;
    expect(kept).not.toHaveProperty('facts');
    expect(kept).not.toHaveProperty('frame');
    const fired = kept['fired'] as Record<string, unknown>[];
    expect(fired.length).toBeGreaterThan(0);
    for (const rule of fired) {
      expect(rule).toHaveProperty('ruleId');
      expect(rule).not.toHaveProperty('checks');
    }
    // Stored deflated: well under half of the reply the API returned.
    expect(row.reply.length).toBeLessThan(JSON.stringify(body.reply).length / 2);
    // A reload redraws the turn from the kept row exactly as the answer drew it.
    expect(await (await client.get('/')).text()).toContain(body.html);
  });
});
