/**
 * GET/POST /login and POST /logout. The login form is CSRF-protected like every other (login CSRF would let a
 * site log a user into its own session). Failed attempts count against the client's address in the server's
 * failed-auth limit (src/http/failed-auth-limit.ts), shared with bearer tokens and /metrics.
 */
import express, { type Router } from 'express';
import { markFailedAuth } from '../../http/failed-auth-limit.js';
import { formCsrf, requireCsrf } from './csrf.js';
import { BODY_LIMIT, localPath, LoginFormSchema } from './input-schemas.js';
import { renderLoginPage } from './login-page.js';
import type { WebContext } from './web-context.js';

export function loginRoutes(ctx: WebContext): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 });

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
    if (!ctx.auth.tokenMatches(input.token)) {
      markFailedAuth(res);
      res.status(401).type('html').send(renderLoginPage({ csrfToken: session.csrfToken, next, error: 'That token is not right.' }).value);
      return;
    }
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
