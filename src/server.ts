/**
 * The one HTTP server (Express 5): health, metrics, and the routers of the enabled channels. Each channel mounts
 * its own paths (`/slack/events`, `/api/messages`, `/`, `/console`) and parses its own bodies, because Slack's
 * signature check needs the raw body. Before any route: the Host check (DNS rebinding) and the limit on failed
 * attempts at the console token. `/healthz` says only that the server and its database are up; `/metrics` is guarded like
 * the console; `/privacy` and `/terms` (the Teams manifest's links) are public.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { ChannelApp } from './app-context.js';
import type { ChannelModule } from './channels/channel-module.js';
import { failedAuthLimit } from './http/failed-auth-limit.js';
import { hostCheck } from './http/host-check.js';
import { legalPagesRouter } from './http/legal-pages.js';
import { metricsAuth } from './http/metrics-auth.js';

export function createHttpApp(app: ChannelApp, channels: readonly ChannelModule[]): Express {
  const http = express();
  http.disable('x-powered-by');
  // X-Forwarded-For and -Proto (req.ip, req.secure) are believed only from the proxies in TRUSTED_PROXIES.
  http.set('trust proxy', app.config.TRUSTED_PROXIES.length > 0 ? [...app.config.TRUSTED_PROXIES] : false);
  http.use(hostCheck(app.config, (req) => {
    app.metrics.rejected.inc({ channel: 'http', reason: 'host' });
    app.logger.debug({ host: req.headers.host, path: req.path }, 'refused a request whose Host does not name this machine');
  }));
  http.use(failedAuthLimit((req) => {
    app.metrics.rejected.inc({ channel: 'http', reason: 'auth_limit' });
    app.logger.debug({ client: req.ip, path: req.path }, 'refused a client after too many failed attempts at the console token');
  }));
  // The database's state too, and nothing more (no versions, channels or counts): 503 takes the instance out of a
  // load balancer's rotation while its database is unreachable; the reason goes to the log, not to the caller.
  http.get('/healthz', async (_req, res) => {
    const database = await app.databaseHealth();
    if (!database.ok) app.logger.warn({ error: database.error }, '/healthz: the database does not answer');
    res.status(database.ok ? 200 : 503).json({ ok: database.ok, database: database.ok ? 'ok' : 'unreachable' });
  });
  http.get('/metrics', metricsAuth(app.config), async (_req, res) => {
    res.type(app.metrics.registry.contentType).send(await app.metrics.registry.metrics());
  });
  // The Teams manifest links to these; whatever channels run, they say what this deployment keeps.
  http.use(legalPagesRouter(app.config));
  for (const c of channels) if (c.router) http.use(c.router);
  http.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  // Express 5 passes rejected promises here too; never leak a stack trace to a client.
  http.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) app.logger.error({ err }, 'request failed');
    if (!res.headersSent) res.status(status).json({ error: status >= 500 ? 'internal_error' : 'bad_request' });
  });
  return http;
}
