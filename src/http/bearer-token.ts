/** The token of an `Authorization: Bearer <token>` header, if the request has one. */
import type { Request } from 'express';

export function bearerToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}
