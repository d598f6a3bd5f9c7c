/** Starts the real HTTP server with the web channel on 127.0.0.1 and a free port, for the HTTP and browser tests. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ComposedApp as App } from '../../../src/app.js';
import type { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import type { ChannelModule } from '../../../src/channels/channel-module.js';
import { createWebChannel } from '../../../src/channels/web/web-channel.js';
import { ConfigSchema } from '../../../src/config.js';
import { createHttpApp } from '../../../src/server.js';
import { clockOn, TEST_DAY } from '../../support/clock.js';

export interface WebServer {
  readonly url: string;
  readonly app: App;
  readonly web: ChannelModule;
  readonly dispatcher: OutboxDispatcher;
  close(): Promise<void>;
}

export interface WebServerOptions {
  /** A database file, to start again on the same data (a restart); in memory if unset. */
  readonly dbFile?: string;
  /** The turn worker's (bundled) script: the web chat's turns are answered in it (needs a database file). */
  readonly turnWorker?: string;
}

export async function startWebServer(env: Record<string, string> = {}, day = TEST_DAY, options: WebServerOptions = {}): Promise<WebServer> {
  const app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', ...env }), dbFile: options.dbFile ?? ':memory:', clock: clockOn(day), turnWorker: options.turnWorker });
  const web = createWebChannel(app);
  if (!web.humanChannel) throw new Error('the web channel has no HumanChannel');
  const dispatcher = app.startBackground({ web: web.humanChannel });
  await web.start?.();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createHttpApp(app, [web]).listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    web,
    dispatcher,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await web.stop?.();
      await app.close();
    },
  };
}
