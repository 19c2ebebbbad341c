import { healthResponse, problem } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { isDatabaseReady } from '../database.js';
import { databaseUnavailable, sendProblem } from '../plugins/problems.js';

/** Liveness, readiness and the OpenAPI document: what operators and clients need before anything else. */
export function systemRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/health/live', {
      config: { access: 'public' },
      schema: { tags: ['systeem'], summary: 'Leeft het proces?', response: { 200: healthResponse } },
    }, async () => ({ status: 'ok' as const }));

    api.get('/health/ready', {
      config: { access: 'public' },
      schema: {
        tags: ['systeem'],
        summary: 'Kan de service verzoeken aan? (controleert de database)',
        response: { 200: healthResponse, 503: problem },
      },
    }, async (request, reply) => {
      // Not ready is the same problem any route gives while the database is away (503, Retry-After),
      // sent directly: a probe that finds the service not ready is no error to log.
      if (!(await isDatabaseReady(deps.database))) return sendProblem(request, reply, databaseUnavailable());
      return { status: 'ok' as const };
    });

    api.get('/v1/openapi.json', {
      config: { access: 'public' },
      schema: { hide: true },
    }, async () => app.swagger());
  };
}
