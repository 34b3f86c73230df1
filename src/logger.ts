// Structured logs. Never log message texts, names, usernames or the token:
// log ids, counts and error codes.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    // Belt and braces: fields that could carry personal data are never printed.
    redact: { paths: ['text', 'token', 'first_name', 'last_name', 'username', '*.text', '*.first_name', '*.last_name', '*.username'], remove: true },
  });
}
