/** The one HTTP server: health, metrics, unknown paths, and errors that never leak a stack trace. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { ConfigSchema } from '../../src/config.js';
import { createHttpApp } from '../../src/server.js';
import { rawRequest } from '../channels/web/http-client.js';

let app: App;
let server: Server;
let base: string;

beforeAll(async () => {
  app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent' }), dbFile: ':memory:' });
  const boom = Router();
  boom.get('/boom', () => {
    throw new Error('secret internals');
  });
  const http = createHttpApp(app, [{ name: 'web', router: boom }]);
  server = await new Promise((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.close();
});

describe('http server', () => {
  it('reports health and the database\'s, and nothing else: no versions, channels or counts', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"ok":true,"database":"ok"}');
  });

  it('refuses a Host naming another site on every route, /healthz and /metrics included (DNS rebinding)', async () => {
    for (const path of ['/healthz', '/metrics', '/boom', '/nope']) {
      const res = await rawRequest(`${base}${path}`, { headers: { host: 'attacker.example' } });
      expect(res.status, path).toBe(421);
      expect(res.body, path).not.toMatch(/lodestone_|nodejs_/);
    }
  });

  it('exposes Prometheus metrics, counting answered questions', async () => {
    app.answer({ id: 'm1', text: 'Dy magnets from China to Germany?', user: 'u', conversation: 'c', channel: 'cli', receivedAt: new Date() });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/lodestone_questions_total\{channel="cli",verdict="license_required",intent="part_license"\} 1/);
    expect(text).toMatch(/lodestone_turn_seconds_bucket/);
  });

  it('answers 404 as JSON for unknown paths', async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });

  it('answers 500 without the error message or a stack trace', async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toBe('{"error":"internal_error"}');
  });
});

describe('http server off loopback', () => {
  const TOKEN = 'metrics-and-console-token-0123456789';

  async function serve(env: Record<string, string>): Promise<{ base: string; close: () => Promise<void> }> {
    const offApp = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', HOST: '0.0.0.0', ...env }), dbFile: ':memory:' });
    const s = await new Promise<Server>((resolve) => {
      const srv = createHttpApp(offApp, []).listen(0, '127.0.0.1', () => resolve(srv));
    });
    return {
      base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
      close: async () => {
        await new Promise((resolve) => s.close(resolve));
        await offApp.close();
      },
    };
  }

  it('serves /metrics only with CONSOLE_TOKEN as a bearer token', async () => {
    const { base: off, close } = await serve({ CONSOLE_TOKEN: TOKEN });
    try {
      const open = await fetch(`${off}/metrics`);
      expect(open.status).toBe(401);
      expect(open.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await open.text()).not.toMatch(/lodestone_|nodejs_/);
      expect((await fetch(`${off}/metrics`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
      const authorised = await fetch(`${off}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(authorised.status).toBe(200);
      expect(await authorised.text()).toMatch(/lodestone_questions_total/);
    } finally {
      await close();
    }
  });

  it('serves no /metrics at all without CONSOLE_TOKEN (503, failing closed), and a bare /healthz', async () => {
    const { base: off, close } = await serve({});
    try {
      expect((await fetch(`${off}/metrics`)).status).toBe(503);
      expect(await (await fetch(`${off}/healthz`)).text()).toBe('{"ok":true,"database":"ok"}');
    } finally {
      await close();
    }
  });
});

// Its own app, built after the tests above: building one takes seconds, past the shared server's keep-alive.
describe('http server with a broken database', () => {
  it('answers 503 on /healthz when the database does not answer, without saying why', async () => {
    const broken = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent' }), dbFile: ':memory:' });
    broken.db.close();
    const s: Server = await new Promise((resolve) => {
      const srv = createHttpApp(broken, []).listen(0, '127.0.0.1', () => resolve(srv));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('{"ok":false,"database":"unreachable"}');
    } finally {
      await new Promise((resolve) => s.close(resolve));
    }
  });
});
