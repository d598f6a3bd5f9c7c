/**
 * `npm start`: reads `.env` (when present; the environment wins) and the configuration, builds the app, turns on
 * the channels the configuration asks for, and serves them on one port. With no configuration: 127.0.0.1:3978,
 * web chat and console, Teams in local mode, SQLite in DATA_DIR; with DATABASE_URL=postgres://… the app is
 * composed on PostgreSQL (app-postgres.ts), the shared store of several instances. Anything that stops it from
 * serving (a bad variable, a half-configured channel, a taken port, an unreachable database) ends it with one line on
 * stderr and exit code 1.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import type { ChannelApp } from './app-context.js';
import { createPostgresApp } from './app-postgres.js';
import type { ChannelModule } from './channels/channel-module.js';
import { loadConfig } from './config.js';
import { describeDotEnv, loadDotEnv } from './core/dotenv.js';
import { isoDay } from './core/clock.js';
import { chooseLogFormat, createLogger } from './core/logger.js';
import { rulesWithUnknownStatus } from './cases/rules-horizon.js';
import { startupSummary } from './startup-summary.js';
import { listen } from './listen.js';
import { createHttpApp } from './server.js';
import { createChannels } from './channels/create-channels.js';

async function main(): Promise<void> {
  const dotenv = loadDotEnv();
  const config = loadConfig();
  const logFormat = chooseLogFormat(config.LOG_FORMAT, process.stdout.isTTY === true);
  const logger = createLogger(config.LOG_LEVEL, logFormat);
  const url = config.DATABASE_URL;
  // An unreachable database ends the start with one line (PostgresError), before anything listens.
  // The turn worker's script sits next to this file once built (dist/src/turn-worker.js, or turn-worker.mjs in a
  // bundle); without it the turns are answered on the HTTP thread.
  const workerFile = [new URL('./turn-worker.js', import.meta.url), new URL('./turn-worker.mjs', import.meta.url)].find((f) => existsSync(f));
  const turnWorker = config.TURN_WORKER === 'on' ? workerFile : undefined;
  const app: ChannelApp = url === undefined ? createApp({ config, logger, turnWorker }) : await createPostgresApp({ config: { ...config, DATABASE_URL: url }, logger });
  if (dotenv) app.logger.info(describeDotEnv(dotenv));
  let channels: ChannelModule[] = [];
  let server: Server;
  try {
    channels = await createChannels(app);
    const humanChannels = Object.fromEntries(channels.filter((c) => c.humanChannel).map((c) => [c.name, c.humanChannel]));
    server = await listen(createHttpApp(app, channels), config.PORT, config.HOST);
    app.startBackground(humanChannels);
    for (const c of channels) await c.start?.();
  } catch (e) {
    await stopAll(app, channels);
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const consoleAt = `http://${host}:${port}/console (compliance console${app.engine === 'postgres' ? ', on PostgreSQL' : ''})`;
  app.logger.info({ rulesVersion: app.rules.version, channels: channels.map((c) => c.name) }, `Lodestone is listening on http://${host}:${port}/ (web chat), ${consoleAt}`);
  if (logFormat === 'pretty') {
    process.stdout.write(startupSummary({
      baseUrl: `http://${host}:${port}`, rulesVersion: app.rules.version, channels: channels.map((c) => c.name), config,
      unknownRules: rulesWithUnknownStatus(app.rules.rules, isoDay(app.clock.now())).length,
    }));
  }

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

async function stopAll(app: ChannelApp, channels: readonly ChannelModule[]): Promise<void> {
  for (const c of channels) await c.stop?.().catch(() => undefined);
  await app.close();
}

/** Errors that are about the configuration or the machine carry their own sentence; anything else is a bug. */
const SAYS_WHY = new Set(['ConfigError', 'ChannelConfigError', 'ListenError', 'PostgresError']);

main().catch((e: unknown) => {
  const msg = e instanceof Error ? (SAYS_WHY.has(e.name) ? e.message : `${e.name}: ${e.message}`) : String(e);
  process.stderr.write(`lodestone: cannot start: ${msg}\n`);
  process.exit(1);
});
