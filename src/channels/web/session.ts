/**
 * The web session: a random id in an HttpOnly, SameSite=Strict cookie. The conversation id, the asker's user id
 * and the CSRF token are derived from it with the server's key, so nothing else needs storing, and the
 * conversation id (which lands in cases and the audit log) does not reveal the cookie.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { sameSecret } from '../../core/same-secret.js';
import { cookieOptions, readCookie } from './cookies.js';
import { sign } from './signing.js';

export const SESSION_COOKIE = 'lodestone_session';
const SESSION_MAX_AGE_MS = 30 * 24 * 3_600_000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface WebSession {
  readonly csrfToken: string;
  /** The conversation the assistant keeps facts in, and the key of the web inbox. */
  readonly conversation: string;
  readonly user: string;
}

export class Sessions {
  constructor(private readonly key: Buffer) {}

  read(req: Request): WebSession | undefined {
    const id = readCookie(req, SESSION_COOKIE);
    return id && SESSION_ID.test(id) ? this.derive(id) : undefined;
  }

  /** The request's session, or a new one (its cookie set on `res`). */
  ensure(req: Request, res: Response): WebSession {
    return this.read(req) ?? this.start(req, res);
  }

  /** A fresh session: a new conversation with no facts carried over. */
  start(req: Request, res: Response): WebSession {
    const id = randomBytes(32).toString('base64url');
    res.cookie(SESSION_COOKIE, id, cookieOptions(req, SESSION_MAX_AGE_MS));
    return this.derive(id);
  }

  csrfMatches(session: WebSession, token: unknown): boolean {
    return typeof token === 'string' && token.length > 0 && sameSecret(token, session.csrfToken);
  }

  private derive(id: string): WebSession {
    return {
      csrfToken: sign(this.key, 'csrf', id),
      conversation: `web-${sign(this.key, 'conversation', id).slice(0, 24)}`,
      user: `visitor-${sign(this.key, 'user', id).slice(0, 12)}`,
    };
  }
}
