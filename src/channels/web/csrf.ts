/**
 * Every POST must come from this origin and carry the session's CSRF token (a form field, or the X-CSRF-Token
 * header for the chat's fetch calls). SameSite=Strict cookies already keep other sites' posts anonymous; the
 * token and the Origin check hold even where a browser gets SameSite wrong.
 */
import type { Request } from 'express';
import { CsrfFieldSchema } from './input-schemas.js';
import { sameOrigin } from './request-origin.js';
import type { Sessions, WebSession } from './session.js';
import { WebError } from './web-error.js';

export function requireCsrf(sessions: Sessions, req: Request, formToken?: unknown): WebSession {
  if (!sameOrigin(req)) throw new WebError(403, 'cross_origin', 'This request came from another site, so it was refused.');
  const session = sessions.read(req);
  const token = formToken ?? req.headers['x-csrf-token'];
  if (!session || !sessions.csrfMatches(session, token)) {
    throw new WebError(403, 'csrf', 'The form has expired or did not come from this page. Reload the page and try again.');
  }
  return session;
}

/** The token a form posted, or '' when there is none (which then fails the check, as a 403 not a 400). */
export function formCsrf(body: unknown): string {
  const r = CsrfFieldSchema.safeParse(body);
  return r.success ? r.data.csrf : '';
}
