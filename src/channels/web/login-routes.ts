/**
 * GET/POST /login and POST /logout. The login form is CSRF-protected like every other (login CSRF would let a
 * site log a user into its own session), and failed attempts are limited per client address.
 */
import express, { type Router } from 'express';
import { formCsrf, requireCsrf } from './csrf.js';
import { BODY_LIMIT, localPath, LoginFormSchema } from './input-schemas.js';
import { renderLoginPage } from './login-page.js';
import type { WebContext } from './web-context.js';
import { WebError } from './web-error.js';

const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 5 * 60_000;

export function loginRoutes(ctx: WebContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 });
  const failures = new Map<string, { count: number; until: number }>();

  const tooMany = (ip: string, now: number): boolean => {
    const f = failures.get(ip);
    if (f && f.until <= now) failures.delete(ip);
    return (failures.get(ip)?.count ?? 0) >= MAX_FAILURES;
  };
  const fail = (ip: string, now: number): void => {
    if (failures.size > 10_000) failures.clear(); // bounded memory; a flood of addresses only resets the counts
    const f = failures.get(ip);
    failures.set(ip, { count: (f?.count ?? 0) + 1, until: f?.until ?? now + FAILURE_WINDOW_MS });
  };

  router.get('/login', (req, res) => {
    const next = localPath(typeof req.query.next === 'string' ? req.query.next : undefined);
    if (!ctx.auth.required || ctx.auth.allows(req)) {
      res.redirect(303, next);
      return;
    }
    const session = ctx.sessions.ensure(req, res);
    res.type('html').send(renderLoginPage({ csrfToken: session.csrfToken, next }).value);
  });

  router.post('/login', form, (req, res) => {
    const session = requireCsrf(ctx.sessions, req, formCsrf(req.body));
    const input = LoginFormSchema.parse(req.body);
    const next = localPath(input.next);
    const ip = req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    if (tooMany(ip, now)) throw new WebError(429, 'too_many_attempts', 'Too many failed attempts; wait a few minutes.');
    if (!ctx.auth.tokenMatches(input.token)) {
      fail(ip, now);
      res.status(401).type('html').send(renderLoginPage({ csrfToken: session.csrfToken, next, error: 'That token is not right.' }).value);
      return;
    }
    failures.delete(ip);
    ctx.auth.logIn(req, res);
    res.redirect(303, next);
  });

  router.post('/logout', form, (req, res) => {
    requireCsrf(ctx.sessions, req, formCsrf(req.body));
    ctx.auth.logOut(req, res);
    res.redirect(303, '/login');
  });

  return router;
}
