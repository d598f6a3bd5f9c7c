/** Plain HTTP against the real server on loopback: CSRF, origin and host checks, security headers, input limits. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/channels/web/security-headers.js';
import { Client, rawGet } from './http-client.js';
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

function questionsAudited(): number {
  return server.app.cases.audit.records().filter((r) => r.kind === 'question').length;
}

describe('CSRF', () => {
  test('a chat form post without the CSRF token is refused with 403 and nothing is asked or audited', async () => {
    await client.get('/');
    const res = await client.postForm('/chat', { text: 'Do our magnets need an export license?' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Reload the page');
    expect(questionsAudited()).toBe(0);
  });

  test("a post carrying another session's CSRF token is refused", async () => {
    const other = new Client(server.url);
    const stolen = await other.csrf();
    await client.get('/');
    const res = await client.postForm('/chat', { csrf: stolen, text: 'Do our magnets need an export license?' });
    expect(res.status).toBe(403);
    expect(questionsAudited()).toBe(0);
  });

  test('a post from another origin is refused even with the right token', async () => {
    const csrf = await client.csrf();
    const res = await client.postForm('/chat', { csrf, text: 'hello' }, { headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    const crossSite = await client.postForm('/chat', { csrf, text: 'hello' }, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(questionsAudited()).toBe(0);
  });

  test('the JSON API needs the token in X-CSRF-Token', async () => {
    const csrf = await client.csrf();
    const refused = await client.postJson('/api/chat/messages', { text: 'Do our magnets need an export license?' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'csrf' });
    const ok = await client.postJson('/api/chat/messages', { text: 'Do our magnets need an export license?' }, { headers: { 'x-csrf-token': csrf } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ turn: 1, reply: { verdict: 'need_info' } });
  });

  test('with the token the form post is answered and redirects to the new turn', async () => {
    const csrf = await client.csrf();
    const res = await client.postForm('/chat', { csrf, text: 'Do our magnets need an export license?' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#turn-1');
    expect(await (await client.get('/')).text()).toContain('More information needed');
  });

  test('console actions without the token are refused and leave the case as it was', async () => {
    const csrf = await client.csrf();
    await client.postForm('/chat', { csrf, text: 'I want to talk to compliance' });
    const res = await client.postForm('/console/cases/C-000001/claim', { officer: 'console' });
    expect(res.status).toBe(403);
    expect(server.app.cases.get('C-000001')?.state).toBe('open');
  });

  test('logging out and starting a new conversation need the token too', async () => {
    await client.get('/');
    expect((await client.postForm('/chat/new', {})).status).toBe(403);
    expect((await client.postForm('/logout', {})).status).toBe(403);
  });
});

describe('headers and hosts', () => {
  test('pages and APIs carry a strict CSP, nosniff, a referrer policy and no framing', async () => {
    for (const path of ['/', '/console', '/api/chat/inbox', '/assets/chat.js']) {
      const res = await client.get(path);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  test('the session cookie is HttpOnly and SameSite=Strict', async () => {
    const res = await fetch(`${server.url}/`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lodestone_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  test('pages use no inline script: the only script is the chat file', async () => {
    const page = await (await client.get('/')).text();
    expect(page.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/chat.js" defer>']);
    const js = await client.get('/assets/chat.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  test('on loopback a Host header naming another site is refused (DNS rebinding)', async () => {
    const res = await rawGet(`${server.url}/console`, { host: 'evil.example:3978' });
    expect(res.status).toBe(421);
    const localhost = await rawGet(`${server.url}/console`, { host: 'localhost:3978' });
    expect(localhost.status).toBe(200);
  });

  test("other channels' paths pass through without the web's headers, but not with another site's Host", async () => {
    const res = await rawGet(`${server.url}/healthz`, { host: 'localhost:3978' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect((await rawGet(`${server.url}/healthz`, { host: 'evil.example' })).status).toBe(421);
  });
});

describe('input', () => {
  test('what the user typed is escaped in the page and in the rendered card of the JSON answer', async () => {
    const csrf = await client.csrf();
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & \'single\'';
    const res = await client.postJson('/api/chat/messages', { text: payload }, { headers: { 'x-csrf-token': csrf } });
    const body = (await res.json()) as { html: string };
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; &#39;single&#39;';
    expect(body.html).toContain(escaped);
    expect(body.html).not.toContain('<img');
    const page = await (await client.get('/')).text();
    expect(page).toContain(escaped);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
  });

  test('an over-long message reaches the assistant, which cuts it and says so', async () => {
    const csrf = await client.csrf();
    const text = `Do our magnets need an export license? ${'very '.repeat(3_000)}`;
    const res = await client.postJson('/api/chat/messages', { text }, { headers: { 'x-csrf-token': csrf } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply: { inputNote?: string }; html: string };
    expect(body.reply.inputNote).toMatch(/I read the first/);
    expect(body.html).toContain('class="input-note"');
  });

  test('a body over the size limit is refused with 413', async () => {
    const csrf = await client.csrf();
    const res = await client.postJson('/api/chat/messages', { text: 'x'.repeat(300_000) }, { headers: { 'x-csrf-token': csrf } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  test('malformed input is refused with 400 and a reason', async () => {
    const csrf = await client.csrf();
    const headers = { 'x-csrf-token': csrf };
    const badDate = await client.postJson('/api/chat/messages', { text: 'magnets', asOf: '2025-02-30' }, { headers });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ error: 'invalid', message: expect.stringContaining('asOf') });
    const notText = await client.postJson('/api/chat/messages', { text: 42 }, { headers });
    expect(notText.status).toBe(400);
    const badCase = await client.get('/console/cases/C-000001%3Cscript%3E');
    expect(badCase.status).toBe(404);
  });

  test('an as-of date is passed to the assistant, which answers as of that day', async () => {
    const csrf = await client.csrf();
    const res = await client.postJson('/api/chat/messages', { text: 'Can we export samarium metal from China to a German university?', asOf: '2025-10-20' }, { headers: { 'x-csrf-token': csrf } });
    const body = (await res.json()) as { reply: { asOf: string; disclaimer: string } };
    expect(body.reply.asOf).toBe('2025-10-20');
    expect(body.reply.disclaimer).toContain('as of 2025-10-20');
  });
});
