/** HMAC signing and constant-time comparison for session-bound tokens. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function sign(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');
}

/** Compares hashes of both sides, so neither the length nor the content leaks through timing. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
