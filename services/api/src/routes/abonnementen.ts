/** /v1/abonnementen: webhook subscriptions of organisations, and their deliveries (webhooks/subscriptions.ts). */
import { deliveryResponse, pageQuery, subscriptionListResponse, subscriptionParams, subscriptionRequest, subscriptionResponse } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { callerOf } from '../plugins/auth.js';
import { deliveriesOf, subscribe, subscriptionsOf, unsubscribe } from '../webhooks/subscriptions.js';
import { deliveryView, subscriptionView } from '../webhooks/subscription-views.js';
import { caseDepsOf } from './deps.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

export function abonnementenRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const access = { access: ['beheerder'] as const };
    const params = subscriptionParams;

    api.post('/v1/abonnementen', {
      config: access,
      schema: {
        tags: ['abonnementen'],
        summary: 'Abonneer een organisatie op gebeurtenissen (webhooks: Standard Webhooks of Notificaties API 1.0)',
        description:
          'Het geheim wordt alleen in dit antwoord getoond. Berichten bevatten alleen identificaties en de gebeurtenis, geen persoonsgegevens. ' +
          'Elke aflevering draagt `traceparent` (W3C Trace Context) van de wijziging die haar veroorzaakte, en de `Authorization`-kopregel als die is opgegeven (`autorisatie`). ' +
          'De URL moet https gebruiken en naar een publieke host wijzen; bij elke aflevering wordt de naam opnieuw opgezocht en wordt alleen naar een publiek adres verbonden (anders een mislukte poging met de reden).',
        body: subscriptionRequest,
        response: { 201: subscriptionResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const { row, secret } = await subscribe(cases, callerOf(request), request.body, { allowLoopback: deps.config.webhookAllowLoopback, zgwConfigured: deps.config.zgw !== undefined });
      return reply.code(201).header('location', `/v1/abonnementen/${row.id}`).send(subscriptionView(row, secret));
    });

    api.get('/v1/abonnementen', {
      config: access,
      schema: {
        tags: ['abonnementen'],
        summary: 'Actieve abonnementen',
        description: `De abonnementen die alleen uw gemeenten betreffen, oudste eerst. ${PAGING_DESCRIPTION}`,
        querystring: pageQuery(50),
        response: { 200: subscriptionListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { rows, total } = await subscriptionsOf(cases, callerOf(request), { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { abonnementen: rows.map((row) => subscriptionView(row)) };
    });

    api.delete('/v1/abonnementen/:id', {
      config: access,
      schema: { tags: ['abonnementen'], summary: 'Zeg een abonnement op', params, response: { 204: z.null(), ...problems(404) } },
    }, async (request, reply) => {
      await unsubscribe(cases, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    api.get('/v1/abonnementen/:id/afleveringen', {
      // Each delivery names a case and what happened to it: one access-log row per case on the page.
      config: { ...access, audit: true },
      schema: {
        tags: ['abonnementen'],
        summary: 'Afleveringen van een abonnement, nieuwste eerst (ook mislukte)',
        description: PAGING_DESCRIPTION,
        params,
        querystring: pageQuery(20),
        response: { 200: deliveryResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { rows, total } = await deliveriesOf(cases, callerOf(request), request.params.id, { page: pagina, pageSize: paginaGrootte });
      request.audit.caseIds = rows.flatMap((d) => (d.caseId ? [d.caseId] : []));
      paginate(request, reply, pagina, paginaGrootte, total);
      return { afleveringen: rows.map(deliveryView) };
    });
  };
}
