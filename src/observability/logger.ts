// The pino logger factory: JSON lines on stdout, credentials and secrets redacted.
import { type Logger, pino } from 'pino';
import type { LogLevel } from '../config.js';

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.pin',
  '*.password',
  '*.secret',
  '*.token',
];

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
