/**
 * Web API failures, translated for the outbox: a 429 becomes a HumanChannelError with the Retry-After Slack
 * gave, and errors that retrying cannot fix (the channel is gone, the bot was removed) become permanent, so the
 * dispatcher dead-letters the row with an alert instead of retrying for hours.
 */
import { webApi } from '@slack/bolt';
import { HumanChannelError } from '../../cases/human-channel.js';

/** Platform errors where a retry cannot help; token errors are left retryable, since an operator can fix them. */
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'message_not_found', 'cant_update_message',
  'invalid_blocks', 'msg_too_long', 'no_text', 'restricted_action', 'user_not_found', 'cannot_dm_bot',
]);

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
}

/** The Slack error code of a Web API platform error (`channel_not_found`), if it is one. */
export function platformError(err: unknown): string | undefined {
  if (field(err, 'code') !== webApi.ErrorCode.PlatformError) return undefined;
  const e = field(field(err, 'data'), 'error');
  return typeof e === 'string' ? e : undefined;
}

export function isRateLimited(err: unknown): boolean {
  return field(err, 'code') === webApi.ErrorCode.RateLimitedError;
}

export function toHumanChannelError(err: unknown, what: string): HumanChannelError {
  if (err instanceof HumanChannelError) return err;
  if (isRateLimited(err)) {
    const seconds = field(err, 'retryAfter');
    const retryAfterMs = typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
    return new HumanChannelError(`Slack rate-limited ${what}; retry after ${retryAfterMs} ms`, { retryAfterMs, cause: err });
  }
  const code = platformError(err);
  if (code !== undefined) {
    return new HumanChannelError(`Slack refused ${what}: ${code}`, { permanent: PERMANENT.has(code), cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HumanChannelError(`Slack call for ${what} failed: ${message}`, { cause: err });
}
