/**
 * Which channels start, from the configuration, and what the startup log says about what is off or refused:
 * CHANNELS switches each on or off; unset, the web and Teams always run and Slack when any Slack variable is set.
 * A half-configured Slack (or Teams) refuses to start, naming the variable that is missing.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createChannels } from '../../src/channels/create-channels.js';
import type { ChannelModule } from '../../src/channels/channel-module.js';
import { ConfigSchema, loadConfig } from '../../src/config.js';
import { FakeSlackApi } from './slack/fake-slack-api.js';

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly channel?: string;
}

const WARN = 40;
const INFO = 30;

let fake: FakeSlackApi;
const apps: App[] = [];
const started: ChannelModule[] = [];

beforeAll(async () => {
  fake = await FakeSlackApi.start();
});
afterEach(async () => {
  for (const c of started.splice(0)) await c.stop?.();
  for (const a of apps.splice(0)) await a.close();
});
afterAll(async () => {
  await fake.close();
});

function appWith(env: Record<string, string>): { app: App; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  const app = createApp({ config: ConfigSchema.parse({ SLACK_API_URL: fake.apiUrl, ...env }), dbFile: ':memory:', logger: pino({ level: 'info' }, sink) });
  apps.push(app);
  return { app, lines };
}

async function channelsOf(env: Record<string, string>): Promise<{ names: string[]; lines: LogLine[] }> {
  const { app, lines } = appWith(env);
  const channels = await createChannels(app);
  started.push(...channels);
  return { names: channels.map((c) => c.name), lines };
}

async function refusal(env: Record<string, string>): Promise<Error> {
  const { app } = appWith(env);
  const result = await createChannels(app).then((cs) => cs.map((c) => c.name), (e: unknown) => e);
  if (result instanceof Error) return result;
  throw new Error(`started ${JSON.stringify(result)} instead of refusing`);
}

const warnings = (lines: readonly LogLine[]) => lines.filter((l) => l.level === WARN).map((l) => l.msg);
/** Teams in local mode answers nothing until the emulator's origin is configured, and says so at start. */
const TEAMS_LOCAL_WARNING = "teams: local mode without TEAMS_EMULATOR_URL refuses every activity; set it to the Bot Framework Emulator's service URL to try Teams locally";

describe('CHANNELS', () => {
  it('unset: the web and Teams (local mode on loopback), Slack off with a line that says why', async () => {
    const { names, lines } = await channelsOf({});
    expect(names).toEqual(['web', 'teams']);
    expect(lines.filter((l) => l.level === INFO && l.channel === 'slack').map((l) => l.msg))
      .toEqual(['slack: off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) are not set']);
    expect(warnings(lines)).toEqual([TEAMS_LOCAL_WARNING]);
  });

  it('unset: Slack on when its token and signing secret are set', async () => {
    const { names } = await channelsOf({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' });
    expect(names).toEqual(['web', 'teams', 'slack']);
  });

  it('lets HOST=0.0.0.0 run without Teams credentials when Teams is switched off', async () => {
    const { names } = await channelsOf({ HOST: '0.0.0.0', CHANNELS: 'web', CONSOLE_TOKEN: 'a-console-token-of-at-least-32-chars' });
    expect(names).toEqual(['web']);
  });

  it('runs only the channels listed, in any order and spacing', async () => {
    expect((await channelsOf({ CHANNELS: ' teams ,web' })).names).toEqual(['web', 'teams']);
    expect((await channelsOf({ CHANNELS: 'teams' })).names).toEqual(['teams']);
    expect((await channelsOf({ CHANNELS: 'slack', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's' })).names).toEqual(['slack']);
  });

  it('says when a configured channel is left out, so Slack is never off without a word', async () => {
    const { names, lines } = await channelsOf({ CHANNELS: 'web,teams', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's' });
    expect(names).toEqual(['web', 'teams']);
    expect(warnings(lines)).toEqual(['slack: off: CHANNELS=web,teams leaves it out, though SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set', TEAMS_LOCAL_WARNING]);
  });

  it('refuses a name it does not know, naming it', () => {
    expect(() => loadConfig({ CHANNELS: 'web,fax' })).toThrow(/CHANNELS: "fax" is not a channel \(web, slack, teams\)/);
  });

  it('refuses Slack switched on without its variables', async () => {
    const e = await refusal({ CHANNELS: 'web,slack' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/SLACK_BOT_TOKEN/);
  });
});

describe('half-configured Slack and Teams refuse to start', () => {
  it('SLACK_BOT_TOKEN without SLACK_SIGNING_SECRET', async () => {
    const e = await refusal({ SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/SLACK_SIGNING_SECRET/);
  });

  it('SLACK_SIGNING_SECRET without SLACK_BOT_TOKEN', async () => {
    const e = await refusal({ SLACK_SIGNING_SECRET: 'secret' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('SLACK_APP_TOKEN without SLACK_BOT_TOKEN', async () => {
    const e = await refusal({ SLACK_APP_TOKEN: 'xapp-test' });
    expect(e.message).toMatch(/SLACK_BOT_TOKEN/);
  });

  it('MICROSOFT_APP_PASSWORD without MICROSOFT_APP_ID (Teams would otherwise run unauthenticated)', async () => {
    const e = await refusal({ MICROSOFT_APP_PASSWORD: 'secret' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not/);
  });

  it('MICROSOFT_APP_TENANT_ID without MICROSOFT_APP_ID', async () => {
    const e = await refusal({ MICROSOFT_APP_TENANT_ID: 'tenant' });
    expect(e.message).toMatch(/MICROSOFT_APP_TENANT_ID is set but MICROSOFT_APP_ID is not/);
  });

  it('Teams off loopback without credentials says how to leave Teams off', async () => {
    const e = await refusal({ HOST: '0.0.0.0' });
    expect(e.message).toMatch(/MICROSOFT_APP_ID is not set/);
    expect(e.message).toMatch(/CHANNELS=web/);
  });
});

describe('startup warnings about what the web channel refuses', () => {
  it('off loopback without CONSOLE_TOKEN: every page answers 503, and the log says so at start', async () => {
    const { lines } = await channelsOf({ HOST: '0.0.0.0', CHANNELS: 'web' });
    expect(warnings(lines)).toEqual([
      'web: HOST=0.0.0.0 is not loopback and CONSOLE_TOKEN is not set, so the chat and the console answer 503 to everyone; ' +
      'set CONSOLE_TOKEN, and TRUSTED_USER_HEADER with TRUSTED_PROXIES to let employees in through an authenticating proxy',
    ]);
  });

  it('off loopback with a trusted proxy but no CONSOLE_TOKEN: only the console is refused', async () => {
    const { lines } = await channelsOf({ HOST: '0.0.0.0', CHANNELS: 'web', TRUSTED_PROXIES: '10.0.0.5', TRUSTED_USER_HEADER: 'X-Forwarded-User' });
    expect(warnings(lines)).toEqual([
      'web: CONSOLE_TOKEN is not set, so the console answers 503 beyond loopback; the chat takes the user from X-Forwarded-User ' +
      'on requests from TRUSTED_PROXIES',
    ]);
  });

  it('TRUSTED_USER_HEADER without TRUSTED_PROXIES is refused: anyone could claim to be anyone', async () => {
    const e = await refusal({ HOST: '0.0.0.0', CHANNELS: 'web', TRUSTED_USER_HEADER: 'X-Forwarded-User' });
    expect(e.name).toBe('ChannelConfigError');
    expect(e.message).toMatch(/TRUSTED_USER_HEADER is set but TRUSTED_PROXIES is not/);
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address, a subnet or a named range', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example.com' })).toThrow(/TRUSTED_PROXIES/);
    expect(loadConfig({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8, fd00::1' }).TRUSTED_PROXIES).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
  });
});
