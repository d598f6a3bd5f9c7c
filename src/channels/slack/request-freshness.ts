/**
 * Slack signs `v0:<timestamp>:<body>` and asks apps to refuse a request whose timestamp is more than five minutes
 * from now, so a captured request cannot be replayed later. Bolt's receiver refuses only old ones; a request
 * stamped in the future (signed ahead of time, or replayed against a clock that is behind) passed. This check
 * runs first and refuses both directions.
 */
export const MAX_SKEW_SECONDS = 5 * 60;

/** Whether Slack's `x-slack-request-timestamp` (seconds since the epoch) is within the skew of `nowMs`. */
export function timestampFresh(header: string | undefined, nowMs: number, maxSkewSeconds = MAX_SKEW_SECONDS): boolean {
  if (header === undefined || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(Number(header) - Math.floor(nowMs / 1000)) <= maxSkewSeconds;
}
