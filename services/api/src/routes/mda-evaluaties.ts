/** /v1/mda-evaluaties: reviews of cases in the MDA++ track, the coordinator's second queue (issue 18 point 4). */
import { reviewListResponse, reviewOutcomeRequest, reviewParams, reviewQuery, reviewResponse } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { caseDepsOf } from './deps.js';
import { COORDINATOR_ROLES } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';
import { listReviews, readReview, recordReview, reviewView } from '../escalations/reviews.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['mda-evaluaties'];

export function mdaEvaluatiesRoutes(deps: AppDeps) {
  const cases: CaseDeps = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/mda-evaluaties', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Evaluaties van het MDA++-traject: standaard de open evaluaties, eerst vervallen eerst',
        description:
          'Een casus in het MDA++-traject wordt geëvalueerd op het ritme van het beleid (mdaEvaluatieMaanden, standaard elke 3 maanden na het besluit of de vorige evaluatie); ' +
          `een evaluatie komt op de vervaldatum in deze wachtrij. Elke getoonde casus krijgt een regel in zijn toegangslog. ${PAGING_DESCRIPTION}`,
        querystring: reviewQuery,
        response: { 200: reviewListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { status, pagina, paginaGrootte } = request.query;
      const { rows, total } = await listReviews(cases, status, { page: pagina, pageSize: paginaGrootte });
      request.audit.caseIds = rows.map((row) => row.caseId);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { evaluaties: rows.map(reviewView) };
    });

    api.get('/v1/mda-evaluaties/:id', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: { tags: TAG, summary: 'Eén evaluatie van het MDA++-traject', params: reviewParams, response: { 200: reviewResponse, ...problems(404) } },
    }, async (request) => {
      const row = await readReview(cases, request.params.id);
      request.audit.caseId = row.caseId;
      return reviewView(row);
    });

    api.post('/v1/mda-evaluaties/:id/uitkomst', {
      config: { access: COORDINATOR_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Leg de uitkomst van een evaluatie vast: het traject gaat door (met de volgende evaluatiedatum), of afschalen met de reden',
        description:
          'voortzetten: de volgende evaluatie komt op volgendeEvaluatie in de wachtrij (in het verleden: 422 casus.mda-volgende-evaluatie-in-verleden). ' +
          'afschalen: het MDA++-traject eindigt, zoals POST /v1/casussen/{id}/afschaling (alleen als de laatste veiligheidsscore sinds de opschaling de drempel haalt: 409 casus.veiligheid-onder-drempel); ' +
          'de casus gaat terug naar het lokale team met een nieuw veiligheidsvenster. Het traject eindigt alleen door dit besluit. Al vastgelegd: 409 casus.mda-evaluatie-niet-open.',
        params: reviewParams,
        body: reviewOutcomeRequest,
        response: { 200: reviewResponse, ...problems(400, 404, 409, 422) },
      },
    }, async (request) => {
      // The case is known before the write: a refused outcome is in that case's access log too.
      request.audit.caseId = (await readReview(cases, request.params.id)).caseId;
      const row = await recordReview(cases, callerOf(request), request.params.id, request.body, auditInTransaction(request, deps.clock, 200));
      return reviewView(row);
    });
  };
}
