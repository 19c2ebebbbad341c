import type { TokenClaims } from '@veilig-samen/contracts';
import type { ResolvedJwtKeys } from '../auth/keys.js';
import { signToken } from '../auth/tokens.js';
import type { Config } from '../config.js';

/** Demo callers, one per role, so a new user can try every part of the API. */
export const DEMO_CALLERS: readonly TokenClaims[] = [
  { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] },
  { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'Zorg- en Veiligheidshuis Gelderland-Zuid', gemeenten: [] },
  { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] },
  { sub: 'beleid-001', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
  { sub: 'regiobeheer-001', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
];

const DEMO_TOKEN_HOURS = 8;

/** One signed token per demo caller; none when the service only verifies (JWT_PUBLIC_KEY). */
export function demoTokens(config: Config, keys: ResolvedJwtKeys, now: Date): { caller: TokenClaims; token: string }[] {
  const secret = keys.signingSecret;
  if (!secret) return [];
  return DEMO_CALLERS.map((caller) => ({
    caller,
    token: signToken(caller, {
      secret,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      expiresInSeconds: DEMO_TOKEN_HOURS * 3600,
      nowSeconds: Math.floor(now.getTime() / 1000),
    }),
  }));
}

/** What the start command prints in demo mode: a ready token and how to make others. */
export function demoBanner(config: Config, keys: ResolvedJwtKeys, now: Date): string {
  if (!keys.signingSecret) return '  Demomodus met JWT_PUBLIC_KEY: tokens komen van de identity provider.';
  const lines = ['  Demomodus: demo-tokens (8 uur geldig):'];
  for (const { caller, token } of demoTokens(config, keys, now)) lines.push(`    ${caller.rol} (${caller.sub}): ${token}`);
  lines.push('  Een ander token: pnpm token -- --rol lokaal-team --gemeente Nijmegen --sub mw-002');
  lines.push(`  Probeer: curl -H "Authorization: Bearer <token>" http://localhost:${config.port}/v1/ik`);
  return lines.join('\n');
}
