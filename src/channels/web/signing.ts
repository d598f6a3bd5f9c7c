/** HMAC signing for session-bound tokens (compare them with sameSecret, src/core/same-secret.ts). */
import { createHmac } from 'node:crypto';

export function sign(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');
}
