/**
 * How long the Bot Connector asked us to wait, from a throttled (429/503) response's headers: the millisecond
 * headers Azure services send first, then Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3).
 */
export function retryAfterMs(header: (name: string) => string | undefined, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = header(name)?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  }
  const value = header('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
