import pino, { type LoggerOptions } from 'pino';

/**
 * Structured JSON logs without personal data. Bodies are never logged; the
 * paths below catch what could still slip in through headers or error
 * objects. URLs carry only identifiers by design (no names or BSNs), except a
 * search term, which loggableUrl hides.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  '*.naam',
  '*.voornamen',
  '*.voorvoegsel',
  '*.geslachtsnaam',
  '*.aanduiding',
  '*.zoek',
  '*.geboortedatum',
  '*.bsn',
  '*.adres',
  '*.telefoon',
  '*.email',
  '*.toelichting',
  '*.omschrijving',
  // Issue 17: how to reach a member safely (a safe moment: when the perpetrator is away).
  '*.veiligContact',
  '*.veiligMoment',
  '*.password',
  '*.secret',
  // A subscription's Authorization header for its receiver (issue 18 point 7), by its API and its column name.
  '*.autorisatie',
  '*.authorizationHeader',
];

/**
 * The web pages' query strings carry the identity provider's one-time code
 * and state on the way back from signing in: they are logged without them.
 * A search term (`zoek`, issue 17: a name or a birth date) is the one query
 * parameter of the API that names a person: logged as `[verborgen]`.
 */
export function loggableUrl(url: string | undefined): string | undefined {
  return url?.replace(/^(\/coordinator|\/inzichten)\?.*$/, '$1?[verborgen]').replace(/([?&]zoek=)[^&#]*/g, '$1[verborgen]');
}

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[verborgen]' },
    // Fastify's own request serializer, with the URL made loggable.
    serializers: {
      req: (request: RequestLike) => ({
        method: request.method,
        url: loggableUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}

export function createLogger(level: string): pino.Logger {
  return pino(loggerOptions(level));
}

/**
 * What an unexpected error may put in a log line: its type and codes, never
 * its message or details (a database error's message and parameters can
 * carry names, dates of birth or free text from the request).
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = error.cause as { code?: unknown; routine?: unknown } | undefined;
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    pgCode: cause?.code,
    pgRoutine: cause?.routine,
    // The first stack frames say where, without the message line.
    stack: error.stack?.split('\n').slice(1, 6).join('\n'),
  };
}
