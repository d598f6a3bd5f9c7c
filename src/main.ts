/**
 * `npm start`: reads the configuration, builds the app, turns on the channels the configuration enables, and
 * serves them on one port. With no configuration: 127.0.0.1:3978, web chat and console, Teams in local mode.
 */
import type { Server } from 'node:http';
import { createApp } from './app.js';
import type { ChannelModule } from './channels/channel-module.js';
import { loadConfig, ConfigError } from './config.js';
import { createHttpApp } from './server.js';
import { createChannels } from './channels/create-channels.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = createApp({ config });
  let channels: ChannelModule[];
  try {
    channels = await createChannels(app);
  } catch (e) {
    await app.close();
    throw e;
  }
  const humanChannels = Object.fromEntries(channels.filter((c) => c.humanChannel).map((c) => [c.name, c.humanChannel]));
  app.startBackground(humanChannels);
  const http = createHttpApp(app, channels);
  const server: Server = await new Promise((resolve, reject) => {
    const s = http.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', reject);
  });
  for (const c of channels) await c.start?.();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  app.logger.info({ rulesVersion: app.rules.version, channels: channels.map((c) => c.name) }, `Lodestone is listening on http://${host}:${port}/ (web chat), http://${host}:${port}/console (compliance console)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    for (const c of channels) await c.stop?.().catch(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', (s) => void shutdown(s));
  process.on('SIGTERM', (s) => void shutdown(s));
}

main().catch((e: unknown) => {
  const msg = e instanceof ConfigError || (e instanceof Error && e.name === 'ChannelConfigError') ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  process.stderr.write(`lodestone: cannot start: ${msg}\n`);
  process.exit(1);
});
