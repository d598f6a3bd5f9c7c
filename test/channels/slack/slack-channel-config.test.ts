import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { createSlackChannel } from '../../../src/channels/slack/slack-channel.js';
import { ConfigSchema } from '../../../src/config.js';
import { FakeSlackApi } from './fake-slack-api.js';

let fake: FakeSlackApi;
const apps: App[] = [];
beforeAll(async () => {
  fake = await FakeSlackApi.start();
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await fake.close();
});

function appWith(env: Record<string, string>): App {
  const app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', SLACK_API_URL: fake.apiUrl, ...env }), dbFile: ':memory:' });
  apps.push(app);
  return app;
}

describe('Slack channel configuration', () => {
  it('refuses HTTP mode without SLACK_SIGNING_SECRET with a ChannelConfigError that says so', async () => {
    const err = await createSlackChannel(appWith({ SLACK_BOT_TOKEN: 'xoxb-test' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('ChannelConfigError');
    expect((err as Error).message).toContain('SLACK_SIGNING_SECRET');
  });

  it('refuses to start without a bot token', async () => {
    const err = await createSlackChannel(appWith({ SLACK_SIGNING_SECRET: 's' })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ChannelConfigError');
    expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
  });

  it('reports a bot token Slack refuses as a ChannelConfigError', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    const err = await createSlackChannel(appWith({ SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_SIGNING_SECRET: 's' })).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ChannelConfigError');
    expect((err as Error).message).toContain('invalid_auth');
  });

  it('mounts /slack/events over HTTP with a signing secret, using SLACK_API_URL for the Web API', async () => {
    fake.reset();
    const slack = await createSlackChannel(appWith({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 's' }));
    expect(slack.mode).toBe('http');
    expect(slack.router).toBeDefined();
    expect(fake.callsOf('auth.test')).toHaveLength(1);
    await slack.stop?.();
  });

  it('uses socket mode with SLACK_APP_TOKEN, with no HTTP route and no signing secret needed', async () => {
    const slack = await createSlackChannel(appWith({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-test' }));
    expect(slack.mode).toBe('socket');
    expect(slack.router).toBeUndefined();
    expect(slack.humanChannel).toBeDefined();
    await slack.stop?.();
  });
});
