/** Starts the real HTTP server with the web channel on 127.0.0.1 and a free port, for the HTTP and browser tests. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createApp, type ComposedApp as App } from '../../../src/app.js';
import type { ChannelApp } from '../../../src/app-context.js';
import { createPostgresApp } from '../../../src/app-postgres.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import type { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import type { ChannelModule } from '../../../src/channels/channel-module.js';
import { createWebChannel } from '../../../src/channels/web/web-channel.js';
import { ConfigSchema } from '../../../src/config.js';
import { createHttpApp } from '../../../src/server.js';
import { clockOn, TEST_DAY } from '../../support/clock.js';

/** The server on either engine (PostgreSQL's: `startPostgresWebServer`). */
export interface AnyWebServer<A extends ChannelApp = ChannelApp> {
  readonly url: string;
  readonly app: A;
  readonly web: ChannelModule;
  readonly dispatcher: OutboxDispatcher;
  /** Runs SQL straight on the database, as an operator (or an attacker with database access) would: per engine. */
  sql(statements: { readonly sqlite: string; readonly postgres: string }): Promise<void>;
  close(): Promise<void>;
}

export type WebServer = AnyWebServer<App>;

export interface WebServerOptions {
  /** A database file, to start again on the same data (a restart); in memory if unset. */
  readonly dbFile?: string;
  /** The turn worker's (bundled) script: the web chat's turns are answered in it (needs a database file). */
  readonly turnWorker?: string;
}

async function serve<A extends ChannelApp>(app: A, sql: AnyWebServer['sql'], closeDb: () => Promise<void> = async () => undefined): Promise<AnyWebServer<A>> {
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
    sql,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await web.stop?.();
      await app.close();
      await closeDb();
    },
  };
}

export async function startWebServer(env: Record<string, string> = {}, day = TEST_DAY, options: WebServerOptions = {}): Promise<WebServer> {
  const app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', ...env }), dbFile: options.dbFile ?? ':memory:', clock: clockOn(day), turnWorker: options.turnWorker });
  return serve(app, async (statements) => {
    app.db.exec(statements.sqlite);
  });
}

/** The same on PostgreSQL: the app several instances would run (app-postgres.ts) on the database at `url`. */
export async function startPostgresWebServer(url: string, env: Record<string, string> = {}, day = TEST_DAY): Promise<AnyWebServer> {
  const app = await createPostgresApp({ config: { ...ConfigSchema.parse({ LOG_LEVEL: 'silent', ...env }), DATABASE_URL: url }, clock: clockOn(day) });
  const pool: pg.Pool = await openPostgres(url, { poolMax: 1 });
  return serve(app, async (statements) => {
    await pool.query(statements.postgres);
  }, () => pool.end());
}
