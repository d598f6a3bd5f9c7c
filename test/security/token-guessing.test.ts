/**
 * Replay of the token-guessing probe: off loopback the web chat, the console and /metrics take CONSOLE_TOKEN as a
 * bearer token (or through the login form). The probe made 1,849 guesses a second with no lockout, and a
 * one-character token was accepted. Now the token must be 32 characters or more, and after 10 failed attempts
 * from one client address (bearer, login form or /metrics alike) that client gets 429 for 15 minutes, even with
 * the right token; other clients are not affected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { Client, rawRequest } from '../channels/web/http-client.js';
import { startWebServer, type WebServer } from '../channels/web/web-server.js';

const TOKEN = 'k3y-for-the-console-0123456789abcdef';
/** README: "after 10 failed attempts a client is refused (429) for 15 minutes". */
const FAILURES_ALLOWED = 10;

let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function offLoopback(): Promise<WebServer> {
  server = await startWebServer({ HOST: '0.0.0.0', CONSOLE_TOKEN: TOKEN });
  return server;
}

function bearer(s: WebServer, path: string, token: string, from = '127.0.0.1') {
  return rawRequest(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` }, localAddress: from });
}

describe('CONSOLE_TOKEN strength', () => {
  it('refuses to start with a token shorter than 32 characters, saying so', () => {
    for (const token of ['x', 'hunter2', 'a'.repeat(31)]) {
      expect(() => loadConfig({ CONSOLE_TOKEN: token })).toThrow(ConfigError);
      expect(() => loadConfig({ CONSOLE_TOKEN: token })).toThrow(/CONSOLE_TOKEN.*at least 32 characters/);
    }
    expect(loadConfig({ CONSOLE_TOKEN: 'a'.repeat(32) }).CONSOLE_TOKEN).toBe('a'.repeat(32));
    expect(loadConfig({ CONSOLE_TOKEN: '' }).CONSOLE_TOKEN).toBeUndefined();
  });
});

describe('guessing the token', () => {
  it('locks a client out after 10 wrong bearer tokens, even when its next guess is right', async () => {
    const s = await offLoopback();
    for (let i = 0; i < FAILURES_ALLOWED; i++) {
      expect((await bearer(s, '/api/chat/session', `guess-${i}`)).status, `guess ${i + 1}`).toBe(401);
    }
    const locked = await bearer(s, '/api/chat/session', 'guess-11');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    expect((await bearer(s, '/api/chat/session', TOKEN)).status).toBe(429);
    expect((await bearer(s, '/console', TOKEN)).status).toBe(429);
  });

  it('counts per client: another address still gets in with the right token', async () => {
    const s = await offLoopback();
    for (let i = 0; i <= FAILURES_ALLOWED; i++) await bearer(s, '/api/chat/session', `guess-${i}`);
    expect((await bearer(s, '/api/chat/session', TOKEN)).status).toBe(429);
    expect((await bearer(s, '/api/chat/session', TOKEN, '127.0.0.2')).status).toBe(200);
  });

  it('does not count right tokens: a client using the token correctly is never locked out', async () => {
    const s = await offLoopback();
    for (let i = 0; i < FAILURES_ALLOWED * 3; i++) {
      expect((await bearer(s, '/api/chat/session', TOKEN)).status).toBe(200);
    }
    expect((await bearer(s, '/api/chat/session', 'one-wrong')).status).toBe(401);
  });

  it('shares the count between the login form, bearer tokens and /metrics', async () => {
    const s = await offLoopback();
    for (let i = 0; i < FAILURES_ALLOWED / 2; i++) expect((await bearer(s, '/metrics', `guess-${i}`)).status).toBe(401);
    const browser = new Client(s.url);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await browser.get('/login')).text())?.[1] ?? '';
    for (let i = 0; i < FAILURES_ALLOWED / 2; i++) {
      expect((await browser.postForm('/login', { csrf, token: `guess-${i}`, next: '/console' })).status).toBe(401);
    }
    expect((await browser.postForm('/login', { csrf, token: TOKEN, next: '/console' })).status).toBe(429);
    expect((await bearer(s, '/console', TOKEN)).status).toBe(429);
    expect((await bearer(s, '/metrics', TOKEN)).status).toBe(429);
  });
});
