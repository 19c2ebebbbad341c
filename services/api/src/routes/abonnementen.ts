/** /v1/abonnementen: webhook subscriptions of organisations, and their deliveries. */
import { randomUUID } from 'node:crypto';
import { deliveryResponse, subscriptionRequest, subscriptionResponse } from '@veilig-samen/contracts';
import { deactivateSubscription, findSubscription, insertSubscription, listDeliveries, listSubscriptions, type SubscriptionRow } from '@veilig-samen/db';
import { DomainError } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { callerOf } from '../plugins/auth.js';
import { newWebhookSecret } from '../webhooks/signing.js';
import { paginate } from './pagination.js';
import { problems } from './responses.js';

const notFound = () => new DomainError({ status: 404, code: 'abonnement.niet-gevonden', title: 'Abonnement niet gevonden.' });

const view = (row: SubscriptionRow, secret?: string) => ({
  id: row.id,
  organisatie: row.organisation,
  url: row.url,
  gebeurtenissen: row.events,
  gemeenten: row.municipalities,
  aangemaaktOp: row.createdAt.toISOString(),
  ...(secret ? { geheim: secret } : {}),
});

export function abonnementenRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const access = { access: ['beheerder'] as const };
    const params = z.object({ id: z.uuid() });

    api.post('/v1/abonnementen', {
      config: access,
      schema: {
        tags: ['abonnementen'],
        summary: 'Abonneer een organisatie op gebeurtenissen (webhooks, Standard Webhooks-handtekening)',
        description: 'Het geheim wordt alleen in dit antwoord getoond. Berichten bevatten alleen identificaties en de gebeurtenis, geen persoonsgegevens.',
        body: subscriptionRequest,
        response: { 201: subscriptionResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      if (request.body.url.startsWith('http:') && !deps.config.webhookAllowHttp) {
        throw new DomainError({
          status: 422,
          code: 'abonnement.url-niet-https',
          title: 'Een webhook-URL moet https gebruiken.',
          invalidParams: [{ name: 'url', code: 'invalid_format', reason: 'alleen https' }],
        });
      }
      const secret = newWebhookSecret();
      const row = await insertSubscription(deps.database.db, {
        id: randomUUID(),
        organisation: request.body.organisatie,
        url: request.body.url,
        events: request.body.gebeurtenissen,
        municipalities: request.body.gemeenten,
        secret,
        createdAt: deps.clock.now(),
        createdBy: callerOf(request).sub,
      });
      return reply.code(201).header('location', `/v1/abonnementen/${row.id}`).send(view(row, secret));
    });

    api.get('/v1/abonnementen', {
      config: access,
      schema: { tags: ['abonnementen'], summary: 'Actieve abonnementen', response: { 200: z.object({ abonnementen: z.array(subscriptionResponse) }) } },
    }, async () => ({ abonnementen: (await listSubscriptions(deps.database.db)).map((row) => view(row)) }));

    api.delete('/v1/abonnementen/:id', {
      config: access,
      schema: { tags: ['abonnementen'], summary: 'Zeg een abonnement op', params, response: { 204: z.null(), ...problems(404) } },
    }, async (request, reply) => {
      if (!(await deactivateSubscription(deps.database.db, request.params.id))) throw notFound();
      return reply.code(204).send(null);
    });

    api.get('/v1/abonnementen/:id/afleveringen', {
      config: access,
      schema: {
        tags: ['abonnementen'],
        summary: 'Afleveringen van een abonnement, nieuwste eerst (ook mislukte)',
        params,
        querystring: z.object({ pagina: z.coerce.number().int().min(1).default(1), paginaGrootte: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: deliveryResponse, ...problems(404) },
      },
    }, async (request, reply) => {
      if (!(await findSubscription(deps.database.db, request.params.id))) throw notFound();
      const { pagina, paginaGrootte } = request.query;
      const { rows, total } = await listDeliveries(deps.database.db, request.params.id, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return {
        afleveringen: rows.map((d) => ({
          id: d.id,
          gebeurtenis: d.eventType,
          casusId: d.caseId,
          status: d.status as 'wachtend' | 'afgeleverd' | 'mislukt',
          pogingen: d.attempts,
          laatsteStatus: d.lastStatus,
          laatsteFout: d.lastError,
          aangemaaktOp: d.createdAt.toISOString(),
          afgeleverdOp: d.deliveredAt?.toISOString() ?? null,
          volgendePoging: d.status === 'wachtend' ? d.nextAttemptAt.toISOString() : null,
        })),
      };
    });
  };
}
