/**
 * /v1/intake: the municipalities' intake (issue 16). Messages about
 * households without a case, and cases offered after a move, wait here until
 * a member of the municipality's intake team takes them.
 */
import { assignmentResponse, intakeListResponse, intakeParams, intakeQuery } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { intakeList, takeIntakeItem } from '../intake/use-cases.js';
import { intakeItemView } from '../intake/views.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['intake'];

export function intakeRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/intake', {
      config: { access: ['lokaal-team', 'beheerder'], audit: true },
      schema: {
        tags: TAG,
        summary: 'De intake van uw gemeente: berichten over huishoudens zonder casus en aangeboden verhuizingen, oudste eerst',
        description:
          'Voor de leden van het intaketeam van de gemeente (token-claim `teams` bevat het `intaketeam` van de gemeente) en de beheerder van de gemeente; ' +
          'andere casusregisseurs zien een lege lijst. Per item de leeftijd in uren. Elke lezing komt in de toegangslog. ' +
          PAGING_DESCRIPTION,
        querystring: intakeQuery,
        response: { 200: intakeListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, status } = request.query;
      const { rows, total } = await intakeList(cases, callerOf(request), status, { page: pagina, pageSize: paginaGrootte });
      // A moved case shown is logged on that case; items without a case leave one row without one.
      request.audit.caseIds = rows.flatMap((row) => (row.caseId ? [row.caseId] : []));
      paginate(request, reply, pagina, paginaGrootte, total);
      const now = deps.clock.now();
      return { intake: rows.map((row) => intakeItemView(row, now)) };
    });

    api.post('/v1/intake/:id/toewijzing', {
      config: { access: ['lokaal-team'], audit: true },
      schema: {
        tags: TAG,
        summary: 'Pak een intake-item op: u wordt regisseur (alleen het intaketeam van de gemeente)',
        description:
          'Een bericht: er komt een casus met de personen uit het bericht (en uit latere berichten over hetzelfde huishouden), met u als regisseur; ' +
          'het veiligheidsvenster begint toen het eerste bericht binnenkwam, en de incidenten en huisverboden staan erin. ' +
          'Een verhuizing: de casus gaat naar uw gemeente en u wordt regisseur, in één stap (de vorige regisseur bleef tot nu). ' +
          'Al opgepakt: 409 `intake.al-toegewezen`. Niet van uw intake: 404 `intake.niet-gevonden`.',
        params: intakeParams,
        response: { 200: assignmentResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const { item, row } = await takeIntakeItem(cases, callerOf(request), request.params.id, auditInTransaction(request, deps.clock, 200));
      return { intake: intakeItemView(item, deps.clock.now()), casusId: row.id, regisseur: { id: row.regisseurId, organisatie: row.regisseurOrganisation } };
    });
  };
}
