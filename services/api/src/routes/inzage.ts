/**
 * GET /v1/casussen/{id}/leden/{lidId}/inzage: everything held about one
 * household member, for their right of access (AVG art. 15): their data, the
 * agreements that concern them, the safety scores, the case's timeline and
 * who accessed their data. JSON, or with `Accept: text/html` a readable
 * Dutch document to print or hand over.
 */
import { inzageParams, inzageResponse } from '@veilig-samen/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { READ_ROLES } from '../cases/access.js';
import { readCase } from '../cases/use-cases.js';
import { memberInzage } from '../inzage/use-cases.js';
import { inzageHtml } from '../inzage/views.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';
import { noteAccess, shownTo } from '../plugins/victim-side.js';

export function inzageRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/leden/:lidId/inzage', {
      config: { access: READ_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Inzage (AVG art. 15): alles wat over één lid is vastgelegd, als JSON of (Accept: text/html) als leesbaar document',
        params: inzageParams,
        response: { 200: inzageResponse, ...problems(404) },
      },
    }, async (request: FastifyRequest<{ Params: { id: string; lidId: string } }>, reply) => {
      const { row, access } = await readCase(cases, callerOf(request), request.params.id);
      noteAccess(request, access, row);
      const inzage = await memberInzage(cases, callerOf(request), { row, access }, request.params.lidId);
      request.audit.memberIds = [inzage.lid.id];
      if (request.headers.accept?.includes('text/html')) {
        return reply.type('text/html; charset=utf-8').serializer((value: unknown) => String(value)).send(inzageHtml(shownTo(request, inzage)));
      }
      return inzage;
    });
  };
}
