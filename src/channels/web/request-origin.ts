/**
 * Where a request claims to come from. A state-changing request must come from this origin: browsers send Origin
 * (and Sec-Fetch-Site) on POSTs; a client that sends neither is not a browser and still needs the CSRF token.
 * (The Host header itself is checked for every route by the server: src/http/host-check.ts.)
 */
import type { Request } from 'express';

export function sameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `${req.protocol}://${req.headers.host ?? ''}`;
}
