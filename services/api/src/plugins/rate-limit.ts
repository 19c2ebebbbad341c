/**
 * Rate limits per client: the token's `sub` once authenticated, the IP
 * address before that. Runs after authentication so one client cannot spend
 * another's budget; refusals are 429 problem+json with Retry-After.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import { DomainError } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';

export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => (request.caller ? `sub:${request.caller.sub}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new DomainError({
        status: 429,
        code: 'verzoek.te-veel',
        title: 'Te veel verzoeken.',
        detail: `Hoogstens ${context.max} verzoeken per minuut; probeer het over ${Math.ceil(context.ttl / 1000)} seconden opnieuw.`,
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
  });
}
