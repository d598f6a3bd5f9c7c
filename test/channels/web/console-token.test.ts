/**
 * Off loopback (config HOST 0.0.0.0, while the test server listens on 127.0.0.1), the chat, the console and their
 * APIs need CONSOLE_TOKEN: a bearer header or the login form's cookie.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { Client } from './http-client.js';
import { startWebServer, type WebServer } from './web-server.js';

const TOKEN = 'correct-horse-battery-staple-2026';
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function open(env: Record<string, string>): Promise<Client> {
  server = await startWebServer({ HOST: '0.0.0.0', ...env });
  return new Client(server.url);
}

describe('beyond loopback', () => {
  test('with no CONSOLE_TOKEN set nothing is served: 503, failing closed', async () => {
    const client = await open({});
    for (const path of ['/', '/console', '/console/audit.csv', '/api/chat/inbox']) {
      expect((await client.get(path)).status, path).toBe(503);
    }
    expect((await client.postJson('/api/chat/messages', { text: 'hi' })).status).toBe(503);
  });

  test('without the token pages redirect to the login form and APIs answer 401', async () => {
    const client = await open({ CONSOLE_TOKEN: TOKEN });
    const page = await client.get('/console/rules?asOf=2025-10-20');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fconsole%2Frules%3FasOf%3D2025-10-20');
    const api = await client.get('/api/chat/inbox');
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const csv = await client.get('/console/audit.csv');
    expect(csv.status).toBe(303);
    expect((await client.postJson('/api/chat/messages', { text: 'hi' })).status).toBe(401);
  });

  test('the bearer token opens the chat API and the console; a wrong one does not', async () => {
    const client = await open({ CONSOLE_TOKEN: TOKEN });
    const wrong = new Client(server?.url ?? '', { authorization: 'Bearer not-the-token' });
    expect((await wrong.get('/api/chat/session')).status).toBe(401);

    const bearer = new Client(client.base, { authorization: `Bearer ${TOKEN}` });
    const { csrfToken } = (await (await bearer.get('/api/chat/session')).json()) as { csrfToken: string };
    const res = await bearer.postJson('/api/chat/messages', { text: 'Do our magnets need an export license?' }, { headers: { 'x-csrf-token': csrfToken } });
    expect(res.status).toBe(200);
    expect((await bearer.get('/console')).status).toBe(200);
    expect((await bearer.get('/console/audit.csv')).status).toBe(200);
  });

  test('the login form sets an HttpOnly, SameSite=Strict cookie that opens the pages, and logout ends it', async () => {
    const client = await open({ CONSOLE_TOKEN: TOKEN });
    const loginPage = await client.get('/login?next=/console');
    expect(loginPage.status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1] ?? '';

    const wrong = await client.postForm('/login', { csrf, token: 'guess', next: '/console' });
    expect(wrong.status).toBe(401);
    expect(client.cookies.has('lodestone_auth')).toBe(false);

    const res = await client.postForm('/login', { csrf, token: TOKEN, next: '/console' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lodestone_auth='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const consolePage = await client.get('/console');
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('Log out');

    expect((await client.postForm('/logout', { csrf })).status).toBe(303);
    expect((await client.get('/console')).status).toBe(303);
  });

  test('the login form needs its CSRF token, and only redirects to paths on this site', async () => {
    const client = await open({ CONSOLE_TOKEN: TOKEN });
    await client.get('/login');
    expect((await client.postForm('/login', { token: TOKEN })).status).toBe(403);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await client.get('/login')).text())?.[1] ?? '';
    const res = await client.postForm('/login', { csrf, token: TOKEN, next: '//evil.example/phish' });
    expect(res.headers.get('location')).toBe('/');
  });

  test('a forged or expired login cookie does not open anything', async () => {
    const client = await open({ CONSOLE_TOKEN: TOKEN });
    client.cookies.set('lodestone_auth', `${Date.now() + 3_600_000}.${'A'.repeat(43)}`);
    expect((await client.get('/console')).status).toBe(303);
    client.cookies.set('lodestone_auth', TOKEN);
    expect((await client.get('/api/chat/inbox')).status).toBe(401);
  });

  test('the stylesheet and script load without the token, so the login page works', async () => {
    const client = await open({ CONSOLE_TOKEN: TOKEN });
    expect((await client.get('/assets/lodestone.css')).status).toBe(200);
    expect((await client.get('/assets/chat.js')).status).toBe(200);
  });
});
