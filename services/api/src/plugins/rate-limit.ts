/**
 * Rate limits: RATE_LIMIT_PER_MINUTE requests per client, with two kinds of
 * client:
 * - a client address, for every request without a valid token: none, a bad
 *   or an expired one, public routes and unknown URLs;
 * - a token subject (`sub`), once its token is verified. A signed-in user
 *   does not spend the address's budget, so a flood from one address locks
 *   out no signed-in user, from elsewhere or from behind the same address.
 * The limit is spent in the first onRequest hook (plugins/auth.ts), before
 * the body is read or validated: a flood of 400s, 401s or 404s meets 429 like
 * any other. A request without a token spends its address's budget before
 * any token work; a bad token spends it when its check fails.
 *
 * The address is the TCP peer, unless the peer is a trusted proxy
 * (TRUSTED_PROXIES, Fastify's trustProxy): only then does X-Forwarded-For
 * count, read from the right up to the first untrusted address. IPv6
 * addresses count by their /64 network (one host usually holds a whole /64).
 *
 * Counts are per instance, in memory, in a fixed window per client from its
 * first request, in real time (like token expiry, not domain time). At most
 * TRACKED_CLIENTS clients are kept (least recently seen forgotten first), so
 * a spray of addresses cannot grow memory.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import { DomainError } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientAddress } from './client-address.js';
import type { SecurityEvents } from './security-events.js';

const WINDOW_MS = 60_000;
const TRACKED_CLIENTS = 20_000;

/** Spends one request of the request's client: its `sub` when `request.caller` is set, else its address. Throws 429 beyond the limit. */
export type RateLimit = (request: FastifyRequest) => Promise<void>;

export async function registerRateLimit(app: FastifyInstance, perMinute: number, events: SecurityEvents): Promise<RateLimit> {
  await app.register(fastifyRateLimit, {
    // No hook of its own: the limit is spent where plugins/auth.ts calls it.
    global: false,
    max: perMinute,
    timeWindow: WINDOW_MS,
    cache: TRACKED_CLIENTS,
    keyGenerator: (request) => (request.caller ? `sub:${request.caller.sub}` : `adres:${clientAddress(request)}`),
  });
  const spend = app.createRateLimit();
  return async (request) => {
    const result = await spend(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    const error = new DomainError({
      status: 429,
      code: 'verzoek.te-veel',
      title: 'Te veel verzoeken.',
      detail: `Hoogstens ${result.max} verzoeken per minuut ${request.caller ? 'per gebruiker' : 'per adres zonder geldig token'}; probeer het over ${seconds} seconden opnieuw.`,
      headers: { 'retry-after': String(seconds) },
    });
    events.refused(request, error);
    throw error;
  };
}
