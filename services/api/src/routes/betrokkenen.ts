/**
 * /v1/casussen/{id}/betrokkenen: the case's network. The regisseur (or a
 * beheerder) adds professionals and organisations with their role and the
 * legal ground for sharing; removal takes effect on the person's next request.
 * The rules are in network/use-cases.ts.
 */
import { involvementCaseParams, involvementListQuery, involvementListResponse, involvementParams, involvementRequest, involvementResponse } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { CASE_READ_ROLES, HANDOVER_ROLES } from '../cases/access.js';
import { addToNetwork, listNetwork, removeFromNetwork } from '../network/use-cases.js';
import { involvementView } from '../network/views.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';
import { noteAccess } from '../plugins/victim-side.js';

export function betrokkenenRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);

  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const params = involvementCaseParams;

    api.get('/v1/casussen/:id/betrokkenen', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Het netwerk van de casus: wie is betrokken, met welke rol en grondslag',
        description: `Oudste vermelding eerst. ${PAGING_DESCRIPTION}`,
        params,
        querystring: involvementListQuery,
        response: { 200: involvementListResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { row, access, rows, total } = await listNetwork(cases, callerOf(request), request.params.id, { page: pagina, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { betrokkenen: rows.map(involvementView) };
    });

    api.post('/v1/casussen/:id/betrokkenen', {
      config: { access: HANDOVER_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Voeg een professional of organisatie toe aan het netwerk (regisseur of beheer)',
        params,
        body: involvementRequest,
        response: { 201: involvementResponse, ...problems(400, 403, 404, 409) },
      },
    }, async (request, reply) => {
      const added = await addToNetwork(cases, callerOf(request), request.params.id, request.body, auditInTransaction(request, deps.clock, 201));
      return reply.code(201).send(involvementView(added));
    });

    api.delete('/v1/casussen/:id/betrokkenen/:betrokkeneId', {
      config: { access: HANDOVER_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Haal een betrokkene uit het netwerk; de toegang vervalt bij het volgende verzoek',
        params: involvementParams,
        response: { 204: z.null(), ...problems(403, 404) },
      },
    }, async (request, reply) => {
      await removeFromNetwork(cases, callerOf(request), request.params.id, request.params.betrokkeneId, auditInTransaction(request, deps.clock, 204));
      return reply.code(204).send(null);
    });
  };
}
