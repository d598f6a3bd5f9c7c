/**
 * DNS rebinding: a page on another site can point its own name at 127.0.0.1 and then talk to a server on loopback
 * as if it were its own origin, with `Host: attacker.example`. So on loopback every route (the web pages, Teams'
 * /api/messages, Slack's events, /metrics, /healthz, even a 404) answers only a Host that names this machine.
 * Off loopback the server is meant to be reached by other names, and authentication guards it instead.
 */
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '';
}

export function hostAllowed(host: string | undefined, config: Pick<Config, 'loopback' | 'HOST'>): boolean {
  if (!config.loopback) return true;
  if (!host) return false;
  const name = hostname(host.toLowerCase());
  const bound = config.HOST.includes(':') ? `[${config.HOST.toLowerCase()}]` : config.HOST.toLowerCase();
  return LOOPBACK_NAMES.has(name) || name === bound;
}

/** Refuses with 421 (Misdirected Request) before any route runs; `onRefused` counts it. */
export function hostCheck(config: Pick<Config, 'loopback' | 'HOST'>, onRefused: (req: Request) => void = () => undefined): RequestHandler {
  return (req, res, next) => {
    if (hostAllowed(req.headers.host, config)) {
      next();
      return;
    }
    onRefused(req);
    res.status(421).json({ error: 'bad_host', message: 'This server answers only to localhost.' });
  };
}
