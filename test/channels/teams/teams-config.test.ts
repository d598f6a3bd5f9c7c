/** When the Teams channel agrees to start, and what it says when it will not. */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { createTeamsChannel } from '../../../src/channels/teams/teams-channel.js';
import { ConfigSchema } from '../../../src/config.js';

const apps: App[] = [];

function appWith(env: Record<string, string>): App {
  const app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', ...env }), dbFile: ':memory:' });
  apps.push(app);
  return app;
}

function startError(env: Record<string, string>): Error {
  try {
    createTeamsChannel(appWith(env));
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('the Teams channel started');
}

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('starting the Teams channel', () => {
  it('refuses to run unauthenticated on a host that is not loopback', () => {
    const e = startError({ HOST: '0.0.0.0' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/MICROSOFT_APP_ID is not set/);
    expect(e.message).toMatch(/HOST is 0\.0\.0\.0/);
  });

  it('runs unauthenticated (emulator mode) on loopback', () => {
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) {
      expect(createTeamsChannel(appWith({ HOST }))).toMatchObject({ name: 'teams' });
    }
  });

  it('runs on any host once MICROSOFT_APP_ID and its password are set', () => {
    const teams = createTeamsChannel(appWith({ HOST: '0.0.0.0', MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'secret' }));
    expect(teams.router).toBeDefined();
    expect(teams.humanChannel).toBeDefined();
  });

  it('asks for the tenant id of a SingleTenant app', () => {
    const e = startError({ MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'SingleTenant' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/SingleTenant needs MICROSOFT_APP_TENANT_ID/);
  });

  it('asks for the password of a MultiTenant app', () => {
    const e = startError({ MICROSOFT_APP_ID: 'app-id' });
    expect(e.message).toMatch(/MultiTenant needs MICROSOFT_APP_PASSWORD/);
  });

  it('refuses a password for a managed identity', () => {
    const e = startError({ MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: 't' });
    expect(e.message).toMatch(/unset MICROSOFT_APP_PASSWORD/);
  });
});
