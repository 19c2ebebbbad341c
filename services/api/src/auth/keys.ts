import path from 'node:path';
import { readOrCreateSecret } from '@veilig-samen/db';
import type { Config } from '../config.js';

/**
 * The algorithms a token may be signed with. Listing them is what stops
 * `alg: none` and algorithm-confusion tokens (an HS256 token "signed" with
 * the public key); nothing outside this list is ever verified.
 */
export const SECRET_ALGORITHMS = ['HS256'] as const;
export const PUBLIC_KEY_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;

export interface ResolvedJwtKeys {
  /** Key that verifies signatures: one, or several by the token header's `kid`. */
  readonly verificationKey: string | Readonly<Record<string, string>>;
  readonly algorithms: readonly string[];
  /** Only with a shared secret: the key that `pnpm token` and tests sign with. */
  readonly signingSecret: string | undefined;
  /**
   * The keys are the demo's own secret, generated in DATA_DIR. Only then may
   * the service hand out tokens to whoever asks (GET /demo/tokens, the banner).
   */
  readonly isDemoSecret: boolean;
}

/** Turns the configured key material into keys; in demo mode the secret lives in DATA_DIR. */
export async function resolveJwtKeys(config: Config): Promise<ResolvedJwtKeys> {
  const keys = config.jwt.keys;
  switch (keys.kind) {
    case 'secret':
      return { verificationKey: keys.secret, algorithms: SECRET_ALGORITHMS, signingSecret: keys.secret, isDemoSecret: false };
    case 'public-key':
      return { verificationKey: keys.publicKey, algorithms: PUBLIC_KEY_ALGORITHMS, signingSecret: undefined, isDemoSecret: false };
    case 'public-keys':
      return { verificationKey: keys.publicKeys, algorithms: PUBLIC_KEY_ALGORITHMS, signingSecret: undefined, isDemoSecret: false };
    case 'demo-secret': {
      const secret = await readOrCreateSecret(demoSecretFile(config));
      return { verificationKey: secret, algorithms: SECRET_ALGORITHMS, signingSecret: secret, isDemoSecret: true };
    }
  }
}

export function demoSecretFile(config: Config): string {
  return path.resolve(config.dataDir, 'demo-jwt-secret');
}
