/**
 * /metrics is guarded like the console: open on loopback (only this machine connects, and the Host check holds),
 * and anywhere else only with CONSOLE_TOKEN as a bearer token, which Prometheus sends with
 * `authorization: { credentials: ... }`. Without a token configured nothing is served (503), failing closed.
 */
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { sameSecret } from '../core/same-secret.js';
import { bearerToken } from './bearer-token.js';
import { markFailedAuth } from './failed-auth-limit.js';

export function metricsAuth(config: Pick<Config, 'loopback' | 'CONSOLE_TOKEN'>): RequestHandler {
  return (req, res, next) => {
    if (config.loopback) {
      next();
      return;
    }
    const token = config.CONSOLE_TOKEN;
    if (token === undefined) {
      res.status(503).json({ error: 'no_console_token', message: '/metrics is served beyond localhost only with CONSOLE_TOKEN set.' });
      return;
    }
    const bearer = bearerToken(req);
    if (bearer !== undefined && sameSecret(bearer, token)) {
      next();
      return;
    }
    if (bearer !== undefined) markFailedAuth(res);
    res.set('WWW-Authenticate', 'Bearer realm="lodestone"');
    res.status(401).json({ error: 'unauthorized', message: 'Send the console token as a bearer token.' });
  };
}
