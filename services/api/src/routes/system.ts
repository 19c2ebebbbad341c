import { healthResponse } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.js';
import { isDatabaseReady } from '../database.js';

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
        response: { 200: healthResponse, 503: healthResponse },
      },
    }, async (_request, reply) => {
      const ready = await isDatabaseReady(deps.database);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'niet-gereed' });
    });

    api.get('/v1/openapi.json', {
      config: { access: 'public' },
      schema: { hide: true },
    }, async () => app.swagger());
  };
}
