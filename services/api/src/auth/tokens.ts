import { createSigner } from 'fast-jwt';
import type { TokenClaims } from '@veilig-samen/contracts';

export interface SignOptions {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  /** Lifetime in seconds. */
  readonly expiresInSeconds: number;
  /** Seconds since the epoch to sign as "now"; tests sign tokens in the past. */
  readonly nowSeconds?: number;
}

/**
 * Signs a development or test token with the shared secret. Production tokens
 * come from the region's identity provider; this exists for `pnpm token`,
 * demo mode and the tests.
 */
export function signToken(claims: TokenClaims, options: SignOptions): string {
  const sign = createSigner({
    key: options.secret,
    algorithm: 'HS256',
    iss: options.issuer,
    aud: options.audience,
    expiresIn: options.expiresInSeconds * 1000,
    clockTimestamp: options.nowSeconds === undefined ? undefined : options.nowSeconds * 1000,
  });
  return sign({ ...claims });
}
