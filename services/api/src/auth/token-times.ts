/**
 * The time rules of a token, checked against the service's clock (deps.clock:
 * the system clock in production, a clock tests move by hand). The signature,
 * algorithm, issuer and audience are checked by @fastify/jwt first; this adds
 * what it does not know: an upper bound on how long a token may be valid.
 *
 * `iat` is required. RFC 9068 (JWT access tokens) makes it mandatory and the
 * identity providers a region uses (and `pnpm token`) always send it; without
 * it a token's lifetime cannot be measured, only how long it still runs.
 */

/** How far a token's `iat` or `nbf` may lie ahead of our clock: an identity provider's clock drifts a little. */
export const CLOCK_SKEW_SECONDS = 60;

export interface TokenTimeRefusal {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
}

const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Why the token's times refuse it, or undefined when they are fine. Checked:
 * exp, iat and nbf are numbers; not expired; iat and nbf not beyond the skew
 * ahead of now; exp - iat within the maximum lifetime; and exp at most the
 * maximum lifetime (plus the skew) from now, whatever iat says.
 */
export function tokenTimeRefusal(payload: Readonly<Record<string, unknown>>, nowMs: number, maxLifetimeSeconds: number): TokenTimeRefusal | undefined {
  const { exp, iat, nbf } = payload;
  const invalid = (claim: string): TokenTimeRefusal => ({
    code: 'auth.token-ongeldig',
    title: 'Het token is ongeldig.',
    detail: `De claim ${claim} moet een tijdstip zijn: seconden sinds 1970-01-01T00:00:00Z.`,
  });
  if (!isNumericDate(exp)) return invalid('exp');
  if (iat === undefined) {
    return {
      code: 'auth.token-zonder-uitgiftetijd',
      title: 'Het token heeft geen uitgiftetijd (iat).',
      detail: 'Deze service accepteert alleen tokens met iat, zodat hun geldigheidsduur te controleren is; vraag een token aan bij de identity provider.',
    };
  }
  if (!isNumericDate(iat)) return invalid('iat');
  if (nbf !== undefined && !isNumericDate(nbf)) return invalid('nbf');

  const now = nowMs / 1000;
  if (exp <= now) return { code: 'auth.token-verlopen', title: 'Het token is verlopen.', detail: 'Vraag een nieuw token aan.' };
  if (iat > now + CLOCK_SKEW_SECONDS) {
    return {
      code: 'auth.token-uitgifte-in-toekomst',
      title: 'Het token is uitgegeven in de toekomst (iat).',
      detail: `De uitgiftetijd mag hoogstens ${CLOCK_SKEW_SECONDS} seconden na de tijd van de service liggen; controleer de klok van de uitgever.`,
    };
  }
  if (nbf !== undefined && nbf > now + CLOCK_SKEW_SECONDS) {
    return { code: 'auth.token-nog-niet-geldig', title: 'Het token is nog niet geldig (nbf).', detail: 'Gebruik het token vanaf het tijdstip in nbf.' };
  }
  const tooLong = (what: string): TokenTimeRefusal => ({
    code: 'auth.token-te-lang-geldig',
    title: 'Het token is te lang geldig.',
    detail: `${what}; deze service accepteert tokens die hoogstens ${Math.round(maxLifetimeSeconds / 60)} minuten geldig zijn. Vraag een token met een kortere geldigheid aan.`,
  });
  if (exp - iat > maxLifetimeSeconds) return tooLong('Tussen uitgifte (iat) en vervaltijd (exp) ligt te veel tijd');
  if (exp - now > maxLifetimeSeconds + CLOCK_SKEW_SECONDS) return tooLong('De vervaltijd (exp) ligt te ver in de toekomst');
  return undefined;
}
