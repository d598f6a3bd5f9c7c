/** The privacy and terms pages the Teams app package links to are served by the server, to anyone, as HTML. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp, type App } from '../../src/app.js';
import { ConfigSchema } from '../../src/config.js';
import { createHttpApp } from '../../src/server.js';
import { unzip } from '../channels/teams/unzip.js';

const ROOT = join(import.meta.dirname, '../..');
const DeveloperSchema = z.object({ developer: z.object({ websiteUrl: z.url(), privacyUrl: z.url(), termsOfUseUrl: z.url() }) });

let app: App;
let server: Server;
let base: string;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lodestone-legal-'));
  // Off loopback and with no CONSOLE_TOKEN: the chat and console are shut, the pages Teams links to are not.
  app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', HOST: '0.0.0.0', RETENTION_DAYS: '90' }), dbFile: ':memory:' });
  const http = createHttpApp(app, []);
  server = await new Promise((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await app.close();
  rmSync(tmp, { recursive: true, force: true });
});

function packedDeveloper(host: string): z.infer<typeof DeveloperSchema>['developer'] {
  const out = join(tmp, 'app.zip');
  execFileSync(process.execPath, [join(ROOT, 'scripts/package-teams.mjs'), '--out', out], { env: { ...process.env, LODESTONE_PUBLIC_HOST: host }, stdio: 'pipe' });
  const manifest = unzip(readFileSync(out)).find((e) => e.name === 'manifest.json');
  return DeveloperSchema.parse(JSON.parse(manifest?.data.toString('utf8') ?? '{}')).developer;
}

describe('the Teams package\'s privacy and terms links', () => {
  it('point at LODESTONE_PUBLIC_HOST, and the server answers both paths with its pages', async () => {
    const dev = packedDeveloper('lodestone.acme.test');
    expect(dev).toEqual({
      websiteUrl: 'https://lodestone.acme.test/',
      privacyUrl: 'https://lodestone.acme.test/privacy',
      termsOfUseUrl: 'https://lodestone.acme.test/terms',
    });
    const privacy = await fetch(`${base}${new URL(dev.privacyUrl).pathname}`);
    expect(privacy.status).toBe(200);
    expect(privacy.headers.get('content-type')).toMatch(/^text\/html/);
    const privacyText = await privacy.text();
    expect(privacyText).toContain('<title>Lodestone: privacy · Lodestone</title>');
    expect(privacyText).toContain('removed after 90 days');

    const terms = await fetch(`${base}${new URL(dev.termsOfUseUrl).pathname}`);
    expect(terms.status).toBe(200);
    expect(await terms.text()).toContain('<strong>Not legal advice.</strong>');
  });

  it('in the committed manifest are the same two paths', () => {
    const dev = DeveloperSchema.parse(JSON.parse(readFileSync(join(ROOT, 'manifest/teams/manifest.json'), 'utf8'))).developer;
    expect([new URL(dev.privacyUrl).pathname, new URL(dev.termsOfUseUrl).pathname]).toEqual(['/privacy', '/terms']);
  });

  it('are served with a policy that runs no script', async () => {
    const res = await fetch(`${base}/privacy`);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(await res.text()).not.toMatch(/<script/i);
  });
});
