/** /v1/opschalingen: the MDA++ coordinator's queue, decisions and follow-ups (region-wide). */
import { decisionRequest, escalationListResponse, escalationParams, escalationQuery, escalationResponse, followUpRequest } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { caseDepsOf } from './deps.js';
import { COORDINATOR_ROLES } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';
import { decideEscalation, escalationQueue, readEscalation, setFollowUp } from '../escalations/use-cases.js';
import { escalationView } from '../escalations/views.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { paginate } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['opschalingen'];

export function opschalingenRoutes(deps: AppDeps) {
  const cases: CaseDeps = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/opschalingen', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'De wachtrij: opschalingen, oudste eerst',
        description:
          'Standaard de open opschalingen (wachtend op besluit). Per opschaling de casus: fase, dagen sinds start, scores, veiligheidsplan, regisseur en betrokken organisaties, ' +
          'zolang de casus is opgeschaald; daarna alleen de opschaling en het besluit (casus: null). Elke getoonde casus krijgt een regel in zijn toegangslog.',
        querystring: escalationQuery,
        response: { 200: escalationListResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, ...query } = request.query;
      const { items, total } = await escalationQueue(cases, query, { page: pagina, pageSize: paginaGrootte });
      // One access-log row per case on the page.
      request.audit.caseIds = items.map((item) => item.caseRow.id);
      paginate(request, reply, pagina, paginaGrootte, total);
      const now = deps.clock.now();
      return { opschalingen: items.map((item) => escalationView(item, now)) };
    });

    api.get('/v1/opschalingen/:id', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: { tags: TAG, summary: 'Eén opschaling met de samenvatting van de casus', params: escalationParams, response: { 200: escalationResponse, ...problems(404) } },
    }, async (request) => {
      const item = await readEscalation(cases, request.params.id);
      request.audit.caseId = item.caseRow.id;
      return escalationView(item, deps.clock.now());
    });

    api.post('/v1/opschalingen/:id/besluit', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Besluit over een opschaling: MDA++-traject, of terug naar het lokale team met advies',
        params: escalationParams,
        body: decisionRequest,
        response: { 200: escalationResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const item = await decideEscalation(cases, callerOf(request), request.params.id, request.body, auditInTransaction(request, deps.clock, 200));
      return escalationView(item, deps.clock.now());
    });

    api.post('/v1/opschalingen/:id/opvolging', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Zet een opvolgmoment; als het verstrijkt, vraagt de opschaling weer aandacht',
        params: escalationParams,
        body: followUpRequest,
        response: { 200: escalationResponse, ...problems(400, 404, 422) },
      },
    }, async (request) => {
      const item = await setFollowUp(cases, request.params.id, request.body.tijdstip, request.body.notitie, auditInTransaction(request, deps.clock, 200));
      return escalationView(item, deps.clock.now());
    });
  };
}
