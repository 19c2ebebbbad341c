import pino, { type LoggerOptions } from 'pino';

/**
 * Structured JSON logs without personal data. Bodies are never logged; the
 * paths below catch what could still slip in through headers or error
 * objects. URLs carry only identifiers by design (no names or BSNs).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  '*.naam',
  '*.geboortedatum',
  '*.bsn',
  '*.adres',
  '*.telefoon',
  '*.email',
  '*.toelichting',
  '*.omschrijving',
  '*.password',
  '*.secret',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[verborgen]' },
  };
}

export function createLogger(level: string): pino.Logger {
  return pino(loggerOptions(level));
}
