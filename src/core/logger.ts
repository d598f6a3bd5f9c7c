/** Structured logs with pino; one logger, children per concern. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'lodestone' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}
