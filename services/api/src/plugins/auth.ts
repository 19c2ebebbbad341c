/**
 * Authentication and the role gate. Every /v1 route must declare who may
 * call it (`config.access`); a route without a rule stops the service at
 * start-up, so no endpoint is ever open by omission. The same hook spends the
 * rate limit, by address before the caller is known and by subject after.
 */
import fastifyJwt from '@fastify/jwt';
import { tokenClaims } from '@veilig-samen/contracts';
import { DomainError, findMunicipality, isDomainError, type Caller, type Clock, type Municipality, type Role } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { ResolvedJwtKeys } from '../auth/keys.js';
import { tokenTimeRefusal } from '../auth/token-times.js';
import { VerifiedTokens } from '../auth/verified-tokens.js';
import { problem } from '@veilig-samen/contracts';
import type { RateLimit } from './rate-limit.js';
import type { SecurityEvents } from './security-events.js';

/** `public`: no token; `any-role`: any valid token; otherwise the roles allowed. */
export type Access = 'public' | 'any-role' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    caller: Caller | undefined;
  }
}

const unauthorized = (code: string, title: string, detail: string) =>
  new DomainError({ status: 401, code, title, detail, headers: { 'www-authenticate': 'Bearer realm="veilig-samen"' } });

/** Maps @fastify/jwt's error codes to ours; the detail tells the client what to fix. */
function tokenError(error: unknown): DomainError {
  const code = (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'FST_JWT_NO_AUTHORIZATION_IN_HEADER':
      return unauthorized('auth.token-ontbreekt', 'Er is geen token meegestuurd.', 'Stuur een header Authorization: Bearer <token>.');
    default:
      return unauthorized(
        'auth.token-ongeldig',
        'Het token is ongeldig.',
        'Handtekening, algoritme, uitgever (iss), doelgroep (aud), onderwerp (sub) of vervaltijd (exp) klopt niet of ontbreekt.',
      );
  }
}

function keyByKid(keys: Readonly<Record<string, string>>) {
  return async (_request: FastifyRequest, token: { header?: { kid?: unknown } }): Promise<string> => {
    const kid = token.header?.kid;
    const key = typeof kid === 'string' ? keys[kid] : undefined;
    if (!key) throw Object.assign(new Error('unknown key id'), { code: 'FST_JWT_AUTHORIZATION_TOKEN_INVALID' });
    return key;
  };
}

/**
 * Registers the token check as the first onRequest hook; it spends the rate
 * limit (plugins/rate-limit.ts) and records refusals of unknown callers as
 * security events. A token's times are checked against `clock`.
 */
export async function registerAuth(
  app: FastifyInstance,
  config: Config,
  keys: ResolvedJwtKeys,
  rateLimit: RateLimit,
  securityEvents: SecurityEvents,
  clock: Clock,
): Promise<void> {
  await app.register(fastifyJwt, {
    // With public keys the service can only verify; it never signs. Several
    // keys are chosen by the token's `kid`; an unknown kid is an invalid token.
    secret: keys.signingSecret ?? (typeof keys.verificationKey === 'string' ? { public: keys.verificationKey } : keyByKid(keys.verificationKey)),
    // The key callback needs the token's header (kid), not only its payload.
    decode: { complete: true },
    verify: {
      algorithms: [...keys.algorithms],
      allowedIss: config.jwt.issuer,
      allowedAud: config.jwt.audience,
      requiredClaims: ['exp', 'iss', 'aud', 'sub'],
      // exp, nbf and iat are checked by tokenTimeRefusal against the service's
      // clock (fast-jwt would read Date.now()), with an upper bound on lifetime.
      ignoreExpiration: true,
      ignoreNotBefore: true,
    },
  } as Parameters<typeof fastifyJwt>[1]);

  app.decorateRequest('caller', undefined);
  const verified = new VerifiedTokens();

  app.addHook('onRoute', (route) => {
    const isApiRoute = route.url.startsWith('/v1');
    const access = route.config?.access;
    if (isApiRoute && access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no access rule (config.access)`);
    }
    if (access !== undefined && access !== 'public' && route.schema && !route.schema.hide) {
      route.schema.security = [{ bearerAuth: [] }];
      route.schema.response = { 401: problem, 403: problem, ...(route.schema.response as object | undefined) };
    }
  });

  // The first onRequest hook: the rate limit is spent here, before the token check, the body and validation.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    const needsToken = access !== undefined && access !== 'public' && !request.is404;
    const hasToken = request.headers.authorization !== undefined;
    // Without a token to check, the address pays before anything else is done.
    if (!needsToken || !hasToken) await rateLimit(request);
    if (!needsToken) return;
    let caller: Caller;
    try {
      caller = await authenticate(request, config, clock, verified);
    } catch (error) {
      // A bad token pays from the address's budget too (beyond it the answer is 429, not 401).
      if (hasToken) await rateLimit(request);
      if (isDomainError(error)) securityEvents.refused(request, error);
      throw error;
    }
    request.caller = caller;
    // From here on the subject pays, also for a refused role or invalid input.
    await rateLimit(request);
    if (access !== 'any-role' && !access.includes(request.caller.role)) {
      throw new DomainError({
        status: 403,
        code: 'auth.rol-niet-toegestaan',
        title: 'Uw rol mag dit niet.',
        detail: `Rol ${request.caller.role} heeft geen toegang tot ${request.method} ${request.routeOptions.url}; toegestaan: ${access.join(', ')}.`,
      });
    }
  });
}

async function authenticate(request: FastifyRequest, config: Config, clock: Clock, verified: VerifiedTokens): Promise<Caller> {
  const now = clock.now().getTime();
  const token = request.headers.authorization ?? '';
  const known = verified.get(token, now);
  if (known) {
    // Signature and claims were checked for exactly this text; its times are checked now, as for every request.
    const refusal = tokenTimeRefusal(known.payload, now, config.jwt.maxLifetimeSeconds);
    if (refusal) throw unauthorized(refusal.code, refusal.title, refusal.detail);
    return known.caller;
  }
  let payload: Record<string, unknown>;
  try {
    payload = await request.jwtVerify<Record<string, unknown>>();
  } catch (error) {
    throw tokenError(error);
  }
  const refusal = tokenTimeRefusal(payload, now, config.jwt.maxLifetimeSeconds);
  if (refusal) throw unauthorized(refusal.code, refusal.title, refusal.detail);
  const caller = callerFromClaims(payload, config);
  verified.set(token, { payload, caller });
  return caller;
}

/** The caller a verified token names, or the refusal of its claims. */
function callerFromClaims(payload: Readonly<Record<string, unknown>>, config: Config): Caller {
  const municipalities: readonly Municipality[] = config.municipalities;
  const claims = tokenClaims.safeParse(payload);
  if (!claims.success) {
    throw unauthorized(
      'auth.claims-ongeldig',
      'Het token mist verplichte gegevens.',
      `Ongeldige claims: ${claims.error.issues.map((issue) => issue.path.join('.')).join(', ')}. Verwacht: sub, rol, organisatie, gemeenten.`,
    );
  }
  // The caller's municipalities decide what it may see and do: only the region's own count, so a
  // token naming another (or a misspelt one) is refused as a whole rather than half believed.
  const unknown = claims.data.gemeenten.filter((name) => !findMunicipality(municipalities, name));
  if (unknown.length > 0) {
    throw new DomainError({
      status: 403,
      code: 'auth.gemeente-onbekend',
      title: 'Het token noemt een gemeente die niet bij de regio hoort.',
      detail:
        `De claim gemeenten mag alleen gemeenten van de regio bevatten, precies zo geschreven: ${municipalities.map((m) => m.name).join(', ')}. ` +
        'Vraag de beheerder van uw identiteitsprovider het token te corrigeren.',
    });
  }
  const teams = claims.data.teams ?? [];
  // An intake team member is a case manager of the municipality in its intake team (docs/security.md).
  const intakeMunicipalities =
    claims.data.rol === 'lokaal-team'
      ? municipalities.filter((m) => m.intakeTeam !== undefined && teams.includes(m.intakeTeam) && claims.data.gemeenten.includes(m.name)).map((m) => m.name)
      : [];
  return {
    sub: claims.data.sub,
    role: claims.data.rol,
    organisation: claims.data.organisatie,
    municipalities: claims.data.gemeenten,
    ...(claims.data.oin ? { oin: claims.data.oin } : {}),
    ...(claims.data.name ? { name: claims.data.name } : {}),
    ...(teams.length > 0 ? { teams } : {}),
    ...(intakeMunicipalities.length > 0 ? { intakeMunicipalities } : {}),
  };
}

/** For handlers behind an access rule: the caller is always there. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error('callerOf used on a route without authentication');
  return request.caller;
}
