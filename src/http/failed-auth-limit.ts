/**
 * Guessing the console token: each request that presents it (a bearer token, or the login form) and is refused
 * counts against its client address; after FAILED_AUTH_LIMIT refusals in the window, that client gets 429 for the
 * rest of the window on every request that presents a secret, even with the right token, so guessing learns
 * nothing more. Requests that succeed are not counted, so a script using the token correctly is never locked out.
 * One counter for the web pages, their APIs, the login form and /metrics, which all take the same token. Whoever
 * checks the token says that it failed (markFailedAuth), so other 401s (a Bot Framework JWT refused on
 * /api/messages, from a platform address shared by many tenants) never lock anyone out.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';

export const FAILED_AUTH_LIMIT = 10;
export const FAILED_AUTH_WINDOW_MS = 15 * 60_000;

const FAILED = 'lodestoneFailedAuth';
const MESSAGE = 'Too many failed attempts at the console token from this address; try again in 15 minutes.';

/** Records on the response that the console token it presented was refused. */
export function markFailedAuth(res: Response): void {
  res.locals[FAILED] = true;
}

function presentsSecret(req: Request): boolean {
  return req.headers.authorization !== undefined || (req.method === 'POST' && req.path === '/login');
}

export function failedAuthLimit(onLimited: (req: Request) => void = () => undefined): RequestHandler {
  return rateLimit({
    windowMs: FAILED_AUTH_WINDOW_MS,
    limit: FAILED_AUTH_LIMIT,
    skip: (req) => !presentsSecret(req),
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.locals[FAILED] !== true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // The key is the socket address (the server trusts no proxy), so a client's X-Forwarded-For is ignored on
    // purpose and needs no warning on stderr.
    validate: { xForwardedForHeader: false },
    handler: (req, res) => {
      onLimited(req);
      res.set('Retry-After', String(Math.ceil(FAILED_AUTH_WINDOW_MS / 1000)));
      res.status(429).format({
        html: () => res.type('text/plain').send(MESSAGE),
        default: () => res.json({ error: 'too_many_attempts', message: MESSAGE }),
      });
    },
  });
}
