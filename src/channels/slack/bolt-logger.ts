/**
 * Bolt and its Web API client log through this adapter into the app's pino logger, so Slack's messages share
 * the app's level, format and redaction. The level is the app's (LOG_LEVEL): Bolt's `setLevel` is ignored.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

function show(a: unknown): string {
  if (typeof a === 'string') return a;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

function split(args: readonly unknown[]): { err: Error | undefined; msg: string } {
  const err = args.find((a): a is Error => a instanceof Error);
  const msg = args.filter((a) => a !== err).map(show).join(' ');
  return { err, msg: msg || (err ? err.message : '') };
}

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (!log.isLevelEnabled(level)) return;
    const { err, msg } = split(args);
    if (err) log[level]({ err }, msg);
    else log[level](msg);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => undefined,
    getLevel: () => {
      if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (log.isLevelEnabled('info')) return LogLevel.INFO;
      if (log.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
