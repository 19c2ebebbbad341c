import type { TokenClaims } from '@veilig-samen/contracts';
import type { ResolvedJwtKeys } from '../auth/keys.js';
import { signToken } from '../auth/tokens.js';
import type { Config } from '../config.js';

/** Demo callers, one per role, so a new user can try every part of the API. */
export const DEMO_CALLERS: readonly TokenClaims[] = [
  { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] },
  // A member of Nijmegen's intake team (issue 16): sees GET /v1/intake and takes items up.
  { sub: 'intake-001', rol: 'lokaal-team', organisatie: 'Intaketeam Nijmegen', gemeenten: ['Nijmegen'], teams: ['intake-nijmegen'] },
  { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'Zorg- en Veiligheidshuis Gelderland-Zuid', gemeenten: [] },
  { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] },
  { sub: 'beleid-001', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
  { sub: 'regiobeheer-001', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] },
  // Issue 17 point 10: Nijmegen's privacy officer reviews and releases a member's inzage export.
  { sub: 'privacy-001', rol: 'privacy', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] },
];

/** A working day, or the configured maximum lifetime when that is shorter (the service refuses longer tokens). */
export function demoTokenSeconds(config: Config): number {
  return Math.min(8 * 3600, config.jwt.maxLifetimeSeconds);
}

/** Whether this service hands out demo tokens (and the pages offer the demo role picker). */
export function demoTokensAvailable(config: Config, keys: ResolvedJwtKeys): boolean {
  return config.demo && keys.isDemoSecret && keys.signingSecret !== undefined;
}

/**
 * One signed token per demo caller. Only in demo mode and only with the
 * demo's own generated secret: a token handed out here must never open an
 * installation that runs on an operator's key (config.ts refuses DEMO=true
 * with a key; this is the second lock).
 */
export function demoTokens(config: Config, keys: ResolvedJwtKeys, now: Date): { caller: TokenClaims; token: string }[] {
  const secret = keys.signingSecret;
  if (!demoTokensAvailable(config, keys) || !secret) return [];
  return DEMO_CALLERS.map((caller) => ({
    caller,
    token: signToken(caller, {
      secret,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      expiresInSeconds: demoTokenSeconds(config),
      nowSeconds: Math.floor(now.getTime() / 1000),
    }),
  }));
}

/** What the start command prints in demo mode: a ready token and how to make others. */
export function demoBanner(config: Config, keys: ResolvedJwtKeys, now: Date): string {
  const tokens = demoTokens(config, keys, now);
  if (tokens.length === 0) return '  Tokens komen van de identity provider van de regio.';
  const minutes = Math.floor(demoTokenSeconds(config) / 60);
  const validity = minutes % 60 === 0 ? `${minutes / 60} uur` : `${minutes} minuten`;
  const lines = [`  Demomodus: demo-tokens (${validity} geldig):`];
  for (const { caller, token } of tokens) lines.push(`    ${caller.rol} (${caller.sub}): ${token}`);
  lines.push('  Een ander token: pnpm token -- --rol lokaal-team --gemeente Nijmegen --sub mw-002');
  lines.push(`  Probeer: curl -H "Authorization: Bearer <token>" http://localhost:${config.port}/v1/ik`);
  return lines.join('\n');
}
