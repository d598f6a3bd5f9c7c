/**
 * Where a request claims to come from. On loopback the Host header must name this machine, so a page on another
 * site cannot reach the console by rebinding its DNS name to 127.0.0.1. A state-changing request must come from
 * this origin: browsers send Origin (and Sec-Fetch-Site) on POSTs; a client that sends neither is not a browser
 * and still needs the CSRF token.
 */
import type { Request } from 'express';
import type { Config } from '../../config.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '';
}

export function hostAllowed(req: Request, config: Pick<Config, 'loopback' | 'HOST'>): boolean {
  if (!config.loopback) return true;
  const host = req.headers.host;
  if (!host) return false;
  const name = hostname(host.toLowerCase());
  const bound = config.HOST.includes(':') ? `[${config.HOST.toLowerCase()}]` : config.HOST.toLowerCase();
  return LOOPBACK_NAMES.has(name) || name === bound;
}

export function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `${req.protocol}://${req.headers.host ?? ''}`;
}
