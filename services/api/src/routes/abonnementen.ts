/** /v1/abonnementen: webhook subscriptions of organisations, and their deliveries. */
import { randomUUID } from 'node:crypto';
import { deliveryResponse, pageQuery, subscriptionRequest, subscriptionResponse } from '@veilig-samen/contracts';
import { deactivateSubscription, findSubscription, insertSubscription, listDeliveries, listSubscriptions, type SubscriptionRow } from '@veilig-samen/db';
import { assertKnownMunicipalities, DomainError, type Caller } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { callerOf } from '../plugins/auth.js';
import { urlRefusal } from '../webhooks/destination.js';
import { newWebhookSecret } from '../webhooks/signing.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const notFound = () => new DomainError({ status: 404, code: 'abonnement.niet-gevonden', title: 'Abonnement niet gevonden.' });

const urlNotAllowed = (reason: string) =>
  new DomainError({
    status: 422,
    code: 'abonnement.url-niet-toegestaan',
    title: 'Een webhook-URL moet https gebruiken en naar een publiek adres wijzen.',
    detail: `${reason}. Gebruik een https-URL met de publieke hostnaam van de ontvanger; interne adressen (loopback, privénetwerk, link-local, CGNAT, unique-local, multicast) worden geweigerd, ook na DNS-resolutie bij elke aflevering.`,
    invalidParams: [{ name: 'url', code: 'invalid_format', reason }],
  });

const view = (row: SubscriptionRow, secret?: string) => ({
  id: row.id,
  organisatie: row.organisation,
  url: row.url,
  gebeurtenissen: row.events,
  gemeenten: row.municipalities,
  aangemaaktOp: row.createdAt.toISOString(),
  ...(secret ? { geheim: secret } : {}),
});

/** A beheerder manages only subscriptions that cover nothing beyond their own municipalities. */
function ownedBy(row: SubscriptionRow, caller: Caller): boolean {
  return row.municipalities.every((m) => caller.municipalities.includes(m));
}

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
        description:
          'Het geheim wordt alleen in dit antwoord getoond. Berichten bevatten alleen identificaties en de gebeurtenis, geen persoonsgegevens. ' +
          'De URL moet https gebruiken en naar een publieke host wijzen; bij elke aflevering wordt de naam opnieuw opgezocht en wordt alleen naar een publiek adres verbonden (anders een mislukte poging met de reden).',
        body: subscriptionRequest,
        response: { 201: subscriptionResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      assertKnownMunicipalities(deps.config.municipalities, Object.fromEntries(request.body.gemeenten.map((name, index) => [`gemeenten[${index}]`, name])));
      const foreign = request.body.gemeenten.filter((m) => !caller.municipalities.includes(m));
      if (foreign.length > 0) {
        throw new DomainError({
          status: 403,
          code: 'abonnement.gemeente-niet-toegestaan',
          title: 'U kunt alleen abonneren op casussen van uw eigen gemeenten.',
          detail: `Niet toegestaan: ${foreign.join(', ')}.`,
        });
      }
      // Early feedback only: the decisive check is at each delivery, after resolving the name (webhooks/destination.ts).
      const refusal = urlRefusal(new URL(request.body.url), deps.config.webhookAllowLoopback);
      if (refusal !== null) throw urlNotAllowed(refusal);
      const secret = newWebhookSecret();
      const row = await insertSubscription(deps.database.db, {
        id: randomUUID(),
        organisation: request.body.organisatie,
        url: request.body.url,
        events: request.body.gebeurtenissen,
        municipalities: request.body.gemeenten,
        secret,
        createdAt: deps.clock.now(),
        createdBy: caller.sub,
      });
      return reply.code(201).header('location', `/v1/abonnementen/${row.id}`).send(view(row, secret));
    });

    api.get('/v1/abonnementen', {
      config: access,
      schema: {
        tags: ['abonnementen'],
        summary: 'Actieve abonnementen',
        description: `De abonnementen die alleen uw gemeenten betreffen, oudste eerst. ${PAGING_DESCRIPTION}`,
        querystring: pageQuery(50),
        response: { 200: z.object({ abonnementen: z.array(subscriptionResponse) }), ...problems(400) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      // ownedBy as a query: only subscriptions within the caller's municipalities are counted and paged.
      const { rows, total } = await listSubscriptions(deps.database.db, callerOf(request).municipalities, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { abonnementen: rows.map((row) => view(row)) };
    });

    api.delete('/v1/abonnementen/:id', {
      config: access,
      schema: { tags: ['abonnementen'], summary: 'Zeg een abonnement op', params, response: { 204: z.null(), ...problems(404) } },
    }, async (request, reply) => {
      const row = await findSubscription(deps.database.db, request.params.id);
      if (!row || !ownedBy(row, callerOf(request)) || !(await deactivateSubscription(deps.database.db, request.params.id))) throw notFound();
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
      const subscription = await findSubscription(deps.database.db, request.params.id);
      if (!subscription || !ownedBy(subscription, callerOf(request))) throw notFound();
      const { pagina, paginaGrootte } = request.query;
      const { rows, total } = await listDeliveries(deps.database.db, request.params.id, { page: pagina, pageSize: paginaGrootte });
      request.audit.caseIds = rows.map((d) => d.caseId);
      paginate(request, reply, pagina, paginaGrootte, total);
      return {
        afleveringen: rows.map((d) => ({
          id: d.id,
          gebeurtenis: d.eventType,
          casusId: d.caseId,
          status: d.status,
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
