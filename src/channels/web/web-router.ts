/**
 * The web channel's router: the chat at `/`, the console at `/console`, login, and assets. Its guards run only
 * on its own paths, so Slack's and Teams' endpoints on the same server are untouched:
 * - security headers on everything it serves;
 * - off loopback, CONSOLE_TOKEN (bearer or login cookie) for everything but login and assets; the chat's pages
 *   also open to a user a trusted proxy vouches for (proxy-users.ts), the console never does.
 * The server has already refused a Host that does not name this machine (src/http/host-check.ts), and limited
 * the failed attempts at the token (src/http/failed-auth-limit.ts).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ZodError } from 'zod';
import { bearerToken } from '../../http/bearer-token.js';
import { markFailedAuth } from '../../http/failed-auth-limit.js';
import { assetRoutes } from './asset-routes.js';
import { bomRoutes, consoleBomRoutes } from './bom-routes.js';
import { chatRoutes } from './chat-routes.js';
import { consoleRoutes } from './console-routes.js';
import { errorPage } from './layout.js';
import { loginRoutes } from './login-routes.js';
import { setSecurityHeaders } from './security-headers.js';
import type { WebContext } from './web-context.js';
import { WebError } from './web-error.js';

const OWN_PATH = /^\/(?:$|chat(?:\/|$)|api\/chat(?:\/|$)|sources(?:\/|$)|console(?:\/|$)|login$|logout$|assets\/)/;
const OPEN_PATH = /^\/(?:login$|logout$|assets\/)/;
/** The employees' pages: what a proxy-authenticated user may reach without the officers' token. */
const CHAT_PATH = /^\/(?:$|chat(?:\/|$)|api\/chat(?:\/|$)|sources(?:\/|$))/;

export function ownsPath(path: string): boolean {
  return OWN_PATH.test(path);
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.method !== 'GET' && !req.is('application/x-www-form-urlencoded'));
}

function refuse(req: Request, res: Response, status: number, code: string, message: string): void {
  if (wantsJson(req)) res.status(status).json({ error: code, message });
  else res.status(status).type('html').send(errorPage(status === 404 ? 'Not found' : 'Request refused', message).value);
}

export function createWebRouter(ctx: WebContext): Router {
  const router = express.Router();
  const own = express.Router();

  own.use((req, res, next) => {
    setSecurityHeaders(res);
    if (OPEN_PATH.test(req.path) || ctx.auth.allows(req) || (CHAT_PATH.test(req.path) && ctx.proxyUsers.userOf(req) !== undefined)) {
      next();
      return;
    }
    if (bearerToken(req) !== undefined) markFailedAuth(res);
    if (!ctx.auth.usable) {
      refuse(req, res, 503, 'no_console_token', 'The web chat and console are served beyond localhost only with CONSOLE_TOKEN set.');
      return;
    }
    if (req.method === 'GET' && !wantsJson(req)) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="lodestone"');
    refuse(req, res, 401, 'unauthorized', 'Log in, or send the console token as a bearer token.');
  });
  own.use(assetRoutes());
  own.use(loginRoutes(ctx));
  own.use(chatRoutes(ctx));
  own.use(bomRoutes(ctx));
  own.use('/console', consoleBomRoutes(ctx));
  own.use('/console', consoleRoutes(ctx));
  own.use((req, res) => refuse(req, res, 404, 'not_found', 'There is no such page.'));
  own.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (err instanceof WebError) return refuse(req, res, err.status, err.code, err.message);
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      return refuse(req, res, 400, 'invalid', `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
    }
    const status = statusOf(err);
    if (status === 413) return refuse(req, res, 413, 'too_large', 'That message is too large to send.');
    if (status !== undefined && status >= 400 && status < 500) return refuse(req, res, status, 'bad_request', 'The request could not be read.');
    ctx.app.logger.error({ err, path: req.path }, 'web request failed');
    refuse(req, res, 500, 'internal_error', 'Something went wrong on our side. Try again, or ask compliance directly.');
  });

  router.use((req, res, next) => (ownsPath(req.path) ? own(req, res, next) : next()));
  return router;
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const s = 'status' in err ? err.status : 'statusCode' in err ? err.statusCode : undefined;
  return typeof s === 'number' ? s : undefined;
}
