/**
 * Structured logs with pino; one logger, children per concern. JSON lines by default (what a log collector reads);
 * `pretty` is for a person at a terminal (pino-pretty, written synchronously so nothing is lost at exit).
 */
import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** LOG_FORMAT when set; otherwise pretty on a terminal and JSON anywhere else (a pipe, a file, a container). */
export function chooseLogFormat(setting: LogFormat | undefined, stdoutIsTTY: boolean): LogFormat {
  return setting ?? (stdoutIsTTY ? 'pretty' : 'json');
}

export function createLogger(level: string = 'info', format: LogFormat = 'json'): Logger {
  const options = { level, base: { app: 'lodestone' }, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  if (format === 'json') return pino(options);
  return pino(options, pinoPretty({ sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' }));
}
