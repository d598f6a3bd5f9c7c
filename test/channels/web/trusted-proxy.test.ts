/**
 * Employees' web chat behind an authenticating proxy: off loopback, a request from an address in TRUSTED_PROXIES
 * (Express's `trust proxy` list) that carries TRUSTED_USER_HEADER opens the chat as that user, without the
 * officers' CONSOLE_TOKEN. The header from anywhere else is ignored, and the console still needs the token.
 * The test server listens on 127.0.0.1, so the test client is the proxy when TRUSTED_PROXIES names loopback.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { Client } from './http-client.js';
import { startWebServer, type WebServer } from './web-server.js';

const TOKEN = 'correct-horse-battery-staple-2026';
const BEHIND_PROXY = { HOST: '0.0.0.0', CONSOLE_TOKEN: TOKEN, TRUSTED_PROXIES: 'loopback', TRUSTED_USER_HEADER: 'X-Forwarded-User' };
const QUESTION = 'Do sintered NdFeB magnets with Dy from Ningbo to Germany need a licence?';
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function open(env: Record<string, string>, headers: Record<string, string> = {}): Promise<Client> {
  server = await startWebServer(env);
  return new Client(server.url, headers);
}

function questionActors(): string[] {
  return (server?.app.cases.audit.records() ?? []).filter((r) => r.kind === 'question').map((r) => r.actor);
}

async function ask(client: Client, init: { headers?: Record<string, string> } = {}): Promise<Response> {
  const { csrfToken } = (await (await client.get('/api/chat/session')).json()) as { csrfToken: string };
  return client.postJson('/api/chat/messages', { text: QUESTION }, { headers: { 'x-csrf-token': csrfToken, ...init.headers } });
}

describe('the web chat behind an authenticating proxy', () => {
  test('a trusted proxy vouching for a user opens the chat, and the question is asked as that user', async () => {
    const client = await open(BEHIND_PROXY, { 'x-forwarded-user': 'ada.lovelace@example.com' });
    expect((await client.get('/')).status).toBe(200);
    expect((await client.get('/sources')).status).toBe(200);
    const res = await ask(client);
    expect(res.status).toBe(200);
    expect(questionActors()).toEqual(['web:ada.lovelace@example.com']);
  });

  test('the page a proxy user sees offers no token logout', async () => {
    const client = await open(BEHIND_PROXY, { 'x-forwarded-user': 'ada' });
    expect(await (await client.get('/')).text()).not.toContain('Log out');
  });

  test('the console still needs the officers\' token, whoever the proxy vouches for', async () => {
    const client = await open(BEHIND_PROXY, { 'x-forwarded-user': 'ada' });
    for (const path of ['/console', '/console/audit', '/console/audit.csv', '/console/rules']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login\?next=/);
    }
  });

  test('the header from an address outside TRUSTED_PROXIES is ignored', async () => {
    const client = await open({ ...BEHIND_PROXY, TRUSTED_PROXIES: '10.0.0.5' }, { 'x-forwarded-user': 'ada' });
    expect((await client.get('/')).status).toBe(303);
    expect((await client.get('/api/chat/session')).status).toBe(401);
    expect(questionActors()).toEqual([]);
  });

  test('a request from the proxy without the header (or with an empty one) needs the token', async () => {
    const client = await open(BEHIND_PROXY);
    expect((await client.get('/')).status).toBe(303);
    expect((await client.get('/api/chat/session')).status).toBe(401);
    const empty = new Client(client.base, { 'x-forwarded-user': ' ' });
    expect((await empty.get('/api/chat/session')).status).toBe(401);
  });

  test('without CONSOLE_TOKEN the proxy\'s users still chat, and the console answers 503', async () => {
    const { CONSOLE_TOKEN: _token, ...noToken } = BEHIND_PROXY;
    const client = await open(noToken, { 'x-forwarded-user': 'ada' });
    expect((await ask(client)).status).toBe(200);
    expect((await client.get('/console')).status).toBe(503);
    expect(questionActors()).toEqual(['web:ada']);
  });

  test('behind a TLS proxy: X-Forwarded-Proto from the proxy makes cookies Secure and an https Origin same-origin', async () => {
    const client = await open(BEHIND_PROXY, { 'x-forwarded-user': 'ada', 'x-forwarded-proto': 'https' });
    const page = await client.get('/');
    expect(page.headers.getSetCookie().find((c) => c.startsWith('lodestone_session='))).toMatch(/; Secure/);
    const host = new URL(client.base).host;
    const res = await ask(client, { headers: { origin: `https://${host}` } });
    expect(res.status).toBe(200);
  });
});
