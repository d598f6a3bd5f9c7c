/** Constant-time comparison of secrets (tokens, MACs). */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares hashes of both sides, so neither the length nor the content leaks through timing. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
