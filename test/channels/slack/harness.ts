/**
 * The real thing, wired for tests and the benchmark: the App (in-memory or file database), the Slack channel
 * (real Bolt, real ExpressReceiver) mounted on the app's one HTTP server on an ephemeral port, the fake Web API,
 * and a sender of signed requests. Nothing here is mocked.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ComposedApp as App } from '../../../src/app.js';
import type { ChannelApp, PostgresApp } from '../../../src/app-context.js';
import { createPostgresApp } from '../../../src/app-postgres.js';
import { ConfigSchema, type Config } from '../../../src/config.js';
import type { Clock } from '../../../src/core/clock.js';
import { createHttpApp } from '../../../src/server.js';
import { clockOn, TEST_DAY } from '../../support/clock.js';
import { createSlackChannel, type AnySlackChannel, type SlackChannel } from '../../../src/channels/slack/slack-channel.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { SIGNING_SECRET, SlackSender } from './signed-requests.js';

export const COMPLIANCE_CHANNEL = 'C_COMPLIANCE';
export const OFFICER = 'U_OFFICER';

export type Harness = AnyHarness<App, SlackChannel>;

export interface HarnessOptions {
  readonly dbFile?: string;
  readonly env?: Record<string, string>;
  /** The app's clock, for answers that depend on the day (rules suspended or resumed); TEST_DAY if unset, as the web's. */
  readonly clock?: Clock;
}

/** The harness around an app on either engine (PostgreSQL's: `startPostgresHarness`). */
export interface AnyHarness<A extends ChannelApp = ChannelApp, S extends AnySlackChannel = AnySlackChannel> {
  readonly fake: FakeSlackApi;
  readonly app: A;
  readonly slack: S;
  readonly server: Server;
  readonly port: number;
  readonly send: SlackSender;
  close(): Promise<void>;
}

function slackConfig(fake: FakeSlackApi, env: Record<string, string> = {}): Config {
  return ConfigSchema.parse({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_COMPLIANCE_CHANNEL: COMPLIANCE_CHANNEL,
    OFFICERS_SLACK: OFFICER,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

async function serve<A extends ChannelApp, S extends AnySlackChannel>(fake: FakeSlackApi, app: A, slack: S): Promise<AnyHarness<A, S>> {
  const http = createHttpApp(app, [slack]);
  const server: Server = await new Promise((resolve) => {
    const s = http.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const send = new SlackSender(port);
  return {
    fake, app, slack, server, port, send,
    async close() {
      send.close();
      await slack.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await fake.close();
    },
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeSlackApi.start();
  const app = createApp({ config: slackConfig(fake, options.env), dbFile: options.dbFile ?? ':memory:', clock: options.clock ?? clockOn(TEST_DAY) });
  return serve(fake, app, await createSlackChannel(app, { retryConfig: { retries: 0 } }));
}

/** The same, on PostgreSQL: the app several instances would run (app-postgres.ts) on the database at `url`. */
export async function startPostgresHarness(url: string, options: Omit<HarnessOptions, 'dbFile'> = {}): Promise<AnyHarness<PostgresApp>> {
  const fake = await FakeSlackApi.start();
  const app = await createPostgresApp({ config: { ...slackConfig(fake, options.env), DATABASE_URL: url }, clock: options.clock ?? clockOn(TEST_DAY) });
  return serve(fake, app, await createSlackChannel(app, { retryConfig: { retries: 0 } }));
}
