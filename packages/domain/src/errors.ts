/**
 * Every refusal the service can give has a stable machine-readable code, an
 * HTTP status and a Dutch title. One error handler in the API turns these into
 * RFC 9457 problem documents, so rules never need to know about HTTP beyond
 * the status number.
 */
export interface InvalidParam {
  /** Where the problem is: a field path such as `leden[0].naam`, or a header name. */
  readonly name: string;
  readonly code: string;
  readonly reason: string;
}

export interface DomainErrorOptions {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly invalidParams?: readonly InvalidParam[];
  /** Extra response headers, e.g. `Allow` on a 405. */
  readonly headers?: Readonly<Record<string, string>>;
  /** For a refused case event: the machine's guard that refused it. */
  readonly guard?: string;
}

/**
 * Codes of refusals of the request itself that several places give, with one
 * meaning: defined once here (tests/code/refusal-codes.test.ts).
 */
export const REQUEST_CODES = {
  /** The request (or message) is invalid; invalidParams says where, when known. */
  invalid: 'verzoek.ongeldig',
  /** The body's Content-Type is not one this route takes. */
  unsupportedMediaType: 'verzoek.mediatype-niet-ondersteund',
  /** The body holds text that cannot be stored (a lone surrogate, a NUL character). */
  invalidCharacters: 'verzoek.ongeldige-tekens',
  /** A query parameter the route does not know: refused rather than ignored (a typo would otherwise drop a filter). */
  unknownParameter: 'verzoek.onbekende-parameter',
} as const;

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly invalidParams: readonly InvalidParam[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly guard: string | undefined;

  constructor(options: DomainErrorOptions) {
    super(options.detail ?? options.title);
    this.name = 'DomainError';
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail;
    this.invalidParams = options.invalidParams;
    this.headers = options.headers;
    this.guard = options.guard;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
