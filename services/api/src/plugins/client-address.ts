/** The address a request is counted (rate-limit.ts) and reported (security-events.ts) under. */
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

export function clientAddress(request: FastifyRequest): string {
  // The peer's address is gone when its socket already closed: such requests share one budget rather than fail.
  return request.ip ? normalizeIP(request.ip) : 'onbekend';
}
