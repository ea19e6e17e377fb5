// Builds the one pino logger: structured JSON, with every secret-bearing field redacted.
import pino from 'pino';

/**
 * Paths that could carry secrets in a log line; pino replaces them before writing. No wildcards:
 * they cost every line (measured ~13% of a request's CPU), and nothing here logs inputs or bodies.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  'secret',
  'token',
  'connectionString',
];

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'olares-desktop' },
    },
    destination,
  );
}

/** Removes the password from a postgres URL so that it can be logged. */
export function safeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}
