/**
 * /v1/medewerkers: the professionals the service knows from their tokens
 * (issue 16 point 14), marking one as gone and handing all their cases to a
 * colleague (beheerder), and one's own substitute for a period of absence.
 * The rules are in directory/use-cases.ts.
 */
import {
  goneResponse,
  professionalListQuery,
  professionalListResponse,
  professionalParams,
  reassignRequest,
  reassignResponse,
  substitutionRequest,
  substitutionResponse,
} from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { WRITE_ROLES } from '../cases/access.js';
import { DIRECTORY_ROLES, endSubstitution, markBack, markGone, ownSubstitution, reassignAll, searchProfessionals, setSubstitution } from '../directory/use-cases.js';
import { professionalView, substitutionView } from '../directory/views.js';
import { auditInTransaction, auditRefusalInTransaction, auditRowsOfChange } from '../plugins/access-log.js';

/** The access-log action of a case the beheerder looked at in a reassignment but could not hand over. */
const REASSIGN_REFUSED_ACTION = 'overdracht geweigerd (POST /v1/medewerkers/{sub}/overdracht)';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['medewerkers'];

export function medewerkersRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);

  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/medewerkers', {
      config: { access: DIRECTORY_ROLES },
      schema: {
        tags: TAG,
        summary: 'De medewerkers die Veilig Samen kent (beheer en MDA++-coördinator)',
        description:
          'Iedereen die zich met een geldig token bij Veilig Samen meldde, met wat dat token zei (naam als het die gaf, organisatie, OIN, gemeenten, rol) en wanneer laatst gezien. ' +
          'Beheer ziet de medewerkers van zijn gemeenten; de MDA++-coördinator (regiobreed) ziet ze allemaal. Casusregisseurs krijgen geen lijst (die zou medewerkers en organisaties van elke kant noemen, ook aan wie aan de plegerzijde van een casus staat); bij een overdracht of vervanging noemen zij een collega bij id, en de dienst controleert die. Wie als vertrokken is gemarkeerd, staat er alleen met `vertrokken=ja` in. Op naam, dan id. ' +
          PAGING_DESCRIPTION,
        querystring: professionalListQuery,
        response: { 200: professionalListResponse, ...problems(400, 403, 422) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, ...query } = request.query;
      const { rows, total } = await searchProfessionals(cases, callerOf(request), query, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { medewerkers: rows.map(professionalView) };
    });

    api.post('/v1/medewerkers/:sub/vertrokken', {
      config: { access: ['beheerder'], audit: true },
      schema: {
        tags: TAG,
        summary: 'Markeer een medewerker als vertrokken (beheerder van een gemeente van de medewerker)',
        description:
          'De medewerker heeft vanaf nu geen rechten meer in Veilig Samen (elk verzoek: 403 `auth.medewerker-vertrokken`; andere instanties van de dienst binnen 15 seconden) en wordt niet meer voorgesteld als regisseur of vervanger. ' +
          'Elke lopende casus waarvan die regisseur is, in welke gemeente ook, komt als `regisseur-vertrokken` in de werkvoorraad van beheer van de gemeente van die casus: ' +
          'draag ze een voor een over (PUT /v1/casussen/{id}/regisseur, de nieuwe regisseur accepteert) of alle tegelijk aan één collega (POST /v1/medewerkers/{id}/overdracht). Elke casus komt in de toegangslog.',
        params: professionalParams,
        response: { 200: goneResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const { professional, caseIds } = await markGone(cases, callerOf(request), request.params.sub, auditInTransaction(request, deps.clock, 200), app.goneProfessionals);
      return { medewerker: professionalView(professional), casussen: [...caseIds] };
    });

    api.post('/v1/medewerkers/:sub/terug', {
      config: { access: ['beheerder'], audit: true },
      schema: {
        tags: TAG,
        summary: 'Maak het markeren als vertrokken ongedaan (beheerder van een gemeente van de medewerker)',
        description:
          'Voor een vergissing: de medewerker heeft zijn of haar rechten weer (andere instanties van de dienst binnen 15 seconden). ' +
          'De `regisseur-vertrokken`-items van de casussen waarvan die nog regisseur is, zijn daarmee afgehandeld; elke casus komt in de toegangslog. ' +
          'Alleen voor wie als vertrokken is gemarkeerd (409 `medewerker.niet-vertrokken`).',
        params: professionalParams,
        response: { 200: goneResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const { professional, caseIds } = await markBack(cases, callerOf(request), request.params.sub, auditInTransaction(request, deps.clock, 200), app.goneProfessionals);
      return { medewerker: professionalView(professional), casussen: [...caseIds] };
    });

    api.post('/v1/medewerkers/:sub/overdracht', {
      config: { access: ['beheerder'], audit: true },
      schema: {
        tags: TAG,
        summary: 'Draag alle lopende casussen van een vertrokken medewerker over aan één collega (beheerder)',
        description:
          'Eén overdracht per casus, elk in een eigen transactie: een casus heeft nooit nul of twee regisseurs. De collega moet een bekende, niet vertrokken medewerker van een lokaal team van de gemeente van elke casus zijn ' +
          '(422 `medewerker.onbekend` of `medewerker.vertrokken`); alleen voor wie als vertrokken is gemarkeerd (409 `medewerker.niet-vertrokken`). ' +
          'Een casus die de regel weigert (de collega staat aan de plegerzijde) staat in `geweigerd` en houdt zijn regisseur.',
        params: professionalParams,
        body: reassignRequest,
        response: { 200: reassignResponse, ...problems(400, 404, 409, 422) },
      },
    }, async (request) =>
      reassignAll(
        cases,
        callerOf(request),
        request.params.sub,
        request.body,
        auditRowsOfChange(request, deps.clock, 200, { members: false }),
        auditRefusalInTransaction(request, deps.clock, REASSIGN_REFUSED_ACTION),
      ));

    api.put('/v1/medewerkers/ik/vervanging', {
      config: { access: WRITE_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Noem uw vervanger voor een periode van afwezigheid',
        description:
          'Van `van` tot `tot` heeft de vervanger uw rechten als regisseur op uw casussen (niet op een casus waarin die aan de plegerzijde staat); daarbuiten geen. ' +
          'Elke toegang van de vervanger tot uw casussen staat in de toegangslog als vervanging (`namens`: vervanger van u). ' +
          'De vervanger is een bekende, niet vertrokken collega van een lokaal team in uw gemeente (422 `medewerker.onbekend`, `medewerker.vertrokken`); wordt die later als vertrokken gemarkeerd, dan vervalt zijn of haar recht. Een nieuwe vervanging vervangt de vorige. Het noemen en beëindigen staat in de toegangslog.',
        body: substitutionRequest,
        response: { 200: substitutionResponse, ...problems(400, 422) },
      },
    }, async (request) => substitutionView(await setSubstitution(cases, callerOf(request), request.body, auditInTransaction(request, deps.clock, 200))));

    api.get('/v1/medewerkers/ik/vervanging', {
      config: { access: WRITE_ROLES },
      schema: { tags: TAG, summary: 'Uw vervanger en de periode', response: { 200: substitutionResponse, ...problems(404) } },
    }, async (request) => substitutionView(await ownSubstitution(cases, callerOf(request))));

    api.delete('/v1/medewerkers/ik/vervanging', {
      config: { access: WRITE_ROLES, audit: true },
      schema: { tags: TAG, summary: 'Beëindig uw vervanging', response: { 204: z.null(), ...problems(404) } },
    }, async (request, reply) => {
      await endSubstitution(cases, callerOf(request), auditInTransaction(request, deps.clock, 204));
      return reply.code(204).send(null);
    });
  };
}
