/**
 * Off loopback, the web chat and the console need CONSOLE_TOKEN: as a bearer header (scripts) or through the
 * login form, which sets an HttpOnly cookie signed with the server key. The cookie carries an expiry and a hash
 * of the token, so changing CONSOLE_TOKEN logs everyone out.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Config } from '../../config.js';
import { sameSecret } from '../../core/same-secret.js';
import { bearerToken } from '../../http/bearer-token.js';
import { cookieOptions, readCookie } from './cookies.js';
import { sign } from './signing.js';

export const AUTH_COOKIE = 'lodestone_auth';
const AUTH_MAX_AGE_MS = 12 * 3_600_000;

export class ConsoleAuth {
  constructor(
    private readonly config: Pick<Config, 'loopback' | 'CONSOLE_TOKEN'>,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loopback needs no token: only this machine can connect. */
  get required(): boolean {
    return !this.config.loopback;
  }

  /** Off loopback with no token set, nothing is served: failing closed beats an open console. */
  get usable(): boolean {
    return !this.required || this.config.CONSOLE_TOKEN !== undefined;
  }

  allows(req: Request): boolean {
    if (!this.required) return true;
    const token = this.config.CONSOLE_TOKEN;
    if (token === undefined) return false;
    const bearer = bearerToken(req);
    if (bearer !== undefined) return sameSecret(bearer, token);
    return this.cookieValid(readCookie(req, AUTH_COOKIE), token);
  }

  tokenMatches(candidate: string): boolean {
    const token = this.config.CONSOLE_TOKEN;
    return token !== undefined && sameSecret(candidate, token);
  }

  logIn(req: Request, res: Response): void {
    const token = this.config.CONSOLE_TOKEN;
    if (token === undefined) return;
    const expires = this.now() + AUTH_MAX_AGE_MS;
    res.cookie(AUTH_COOKIE, `${expires}.${this.mac(expires, token)}`, cookieOptions(req, AUTH_MAX_AGE_MS));
  }

  logOut(req: Request, res: Response): void {
    res.clearCookie(AUTH_COOKIE, { ...cookieOptions(req, 0), maxAge: undefined });
  }

  private cookieValid(value: string | undefined, token: string): boolean {
    const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!m?.[1] || !m[2]) return false;
    const expires = Number(m[1]);
    return expires > this.now() && sameSecret(m[2], this.mac(expires, token));
  }

  private mac(expires: number, token: string): string {
    return sign(this.key, 'auth', `${expires}|${createHash('sha256').update(token).digest('hex')}`);
  }
}
