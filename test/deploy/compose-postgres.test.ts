/**
 * compose.postgres.yaml, read without Docker: PostgreSQL with a health check, two instances of the image on it (each
 * with the /healthz check, started once the database is healthy), and a proxy that sends requests only to instances
 * whose /healthz answers 200. What the compose file promises the README's deployment section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigSchema } from '../../src/config.js';

const ROOT = join(import.meta.dirname, '../..');

const ServiceSchema = z.looseObject({
  image: z.string().optional(),
  build: z.string().optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  ports: z.array(z.string()).optional(),
  configs: z.array(z.object({ source: z.string(), target: z.string() })).optional(),
});
const ComposeSchema = z.object({
  services: z.record(z.string(), ServiceSchema),
  configs: z.record(z.string(), z.object({ content: z.string() })),
});

/** Compose's interpolation, for what the file uses: `${VAR:-default}` as its default, `${VAR:?why}` as a set value. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)\}/g, (_m, _name: string, fallback: string | undefined) => fallback ?? 'secret42');
}

const compose = ComposeSchema.parse(parse(readFileSync(join(ROOT, 'compose.postgres.yaml'), 'utf8'), { merge: true }));
const instances = Object.entries(compose.services).filter(([, s]) => s.build === '.');

describe('compose.postgres.yaml', () => {
  it('runs PostgreSQL with a readiness check, on a pinned image', () => {
    const db = compose.services['postgres'];
    expect(db?.image).toMatch(/^postgres:\d+\.\d+/);
    expect(db?.healthcheck?.test).toContain('pg_isready');
  });

  it('runs two instances of the image on that database, each checked on /healthz once the database is healthy', () => {
    expect(instances.map(([name]) => name)).toEqual(['lodestone-1', 'lodestone-2']);
    for (const [name, s] of instances) {
      const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
      // The instance's configuration as the server reads it, after compose has filled in the variables.
      const config = ConfigSchema.parse(env);
      expect({ host: config.HOST, port: config.PORT, url: config.DATABASE_URL }).toEqual({ host: '0.0.0.0', port: 3978, url: 'postgres://lodestone:secret42@postgres:5432/lodestone' });
      expect(s.depends_on?.['postgres']?.condition, name).toBe('service_healthy');
      expect(s.healthcheck?.test.join(' '), name).toContain('http://127.0.0.1:3978/healthz');
      expect(s.ports, `${name} is reached through the proxy only`).toBeUndefined();
    }
  });

  it('puts a proxy in front that load-balances only over instances whose /healthz answers 200', () => {
    const proxy = compose.services['proxy'];
    expect(proxy?.ports).toEqual(['3978:3978']);
    const caddyfile = compose.configs[proxy?.configs?.[0]?.source ?? '']?.content ?? '';
    for (const [name] of instances) expect(caddyfile).toContain(`${name}:3978`);
    expect(caddyfile).toMatch(/health_uri \/healthz/);
    expect(caddyfile).toMatch(/health_status 200/);
    expect(Object.keys(proxy?.depends_on ?? {})).toEqual(instances.map(([name]) => name));
  });
});
