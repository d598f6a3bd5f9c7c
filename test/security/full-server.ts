/**
 * Lodestone as `npm start` runs it on loopback, for the security replays: the channels createChannels turns on
 * (web, Teams in local mode, Slack over HTTP) on the one HTTP server on 127.0.0.1, with a fake Slack Web API and
 * a fake Bot Connector standing in for the Bot Framework Emulator. Nothing is mocked.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app.js';
import { createChannels } from '../../src/channels/create-channels.js';
import type { ChannelModule } from '../../src/channels/channel-module.js';
import { ConfigSchema } from '../../src/config.js';
import type { SlackChannel } from '../../src/channels/slack/slack-channel.js';
import { createHttpApp } from '../../src/server.js';
import { FakeSlackApi } from '../channels/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackSender } from '../channels/slack/signed-requests.js';
import { FakeConnector } from '../channels/teams/fake-connector.js';
import { OFFICER } from '../channels/teams/harness.js';
import { clockOn, TEST_DAY } from '../support/clock.js';

export interface FullServer {
  readonly app: App;
  readonly channels: readonly ChannelModule[];
  readonly url: string;
  readonly port: number;
  readonly slackApi: FakeSlackApi;
  readonly emulator: FakeConnector;
  readonly slack: SlackSender;
  /** Resolves when Slack's queued answers are done (Slack is acked first and answered after). */
  slackIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startFullServer(env: Record<string, string> = {}): Promise<FullServer> {
  const slackApi = await FakeSlackApi.start();
  const emulator = await FakeConnector.start();
  const config = ConfigSchema.parse({
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    OFFICERS_TEAMS: OFFICER.aadObjectId,
    TEAMS_EMULATOR_URL: emulator.url,
    ...env,
  });
  const app = createApp({ config, dbFile: ':memory:', clock: clockOn(TEST_DAY) });
  const channels = await createChannels(app);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createHttpApp(app, channels).listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const slack = new SlackSender(port);
  const slackChannel = channels.find((c): c is SlackChannel => c.name === 'slack');
  if (!slackChannel) throw new Error('Slack is not on');
  return {
    app, channels, port, slackApi, emulator, slack,
    slackIdle: () => slackChannel.idle(),
    url: `http://127.0.0.1:${port}`,
    async close() {
      slack.close();
      for (const c of channels) await c.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await slackApi.close();
      await emulator.close();
    },
  };
}
