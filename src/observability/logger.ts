// The pino logger factory: JSON lines on stdout, credentials and secrets redacted.
import { type DestinationStream, type Logger, pino } from 'pino';
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

/** JSON lines on stdout; commands whose stdout is their result log to stderr; tests may read them from a stream. */
export function createLogger(
  level: LogLevel,
  to: 'stdout' | 'stderr' | DestinationStream = 'stdout',
): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (to === 'stdout') return pino(options);
  return pino(options, to === 'stderr' ? pino.destination(2) : to);
}
