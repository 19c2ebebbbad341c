/**
 * /v1/expertoverleggen: MDA++ expert meetings, their agenda, outcomes and minutes.
 * The agenda is case data: a meeting read or written logs one access-log row per
 * case on its agenda (writes in their own transaction); the list of meetings and
 * a new meeting show no case and are not logged.
 */
import {
  agendaItemRequest,
  agendaItemResponse,
  closeMeetingRequest,
  createMeetingRequest,
  expertCaseResponse,
  expertRequest,
  expertResponse,
  itemOutcomeRequest,
  meetingCaseParams,
  meetingExpertParams,
  meetingItemParams,
  meetingDecisionRequest,
  meetingListQuery,
  meetingListResponse,
  meetingParams,
  meetingResponse,
} from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { caseDepsOf } from './deps.js';
import { COORDINATOR_ROLES } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';
import {
  addAgendaItem,
  closeMeeting,
  createMeeting,
  decideInMeeting,
  listMeetings,
  MAX_AGENDA_ITEMS,
  meetingWithAgenda,
  recordOutcome,
  removeAgendaItem,
  startMeeting,
} from '../escalations/meetings.js';
import { expertView, itemView, meetingView } from '../escalations/meeting-views.js';
import { EXPERT_ROLES, expertCaseView, MAX_MEETING_EXPERTS, readExpertCase, registerExpert, unregisterExpert } from '../escalations/expert-reading.js';
import { noteAccess } from '../plugins/victim-side.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['expertoverleggen'];

export function expertoverleggenRoutes(deps: AppDeps) {
  const cases: CaseDeps = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const access = { access: COORDINATOR_ROLES };
    /** Routes that show or change a case on an agenda. */
    const audited = { access: COORDINATOR_ROLES, audit: true };

    api.post('/v1/expertoverleggen', {
      config: access,
      schema: { tags: TAG, summary: 'Plan een MDA++-expertoverleg', body: createMeetingRequest, response: { 201: meetingResponse, ...problems(400) } },
    }, async (request, reply) => {
      const meeting = await createMeeting(cases, callerOf(request), request.body.tijdstip);
      return reply.code(201).header('location', `/v1/expertoverleggen/${meeting.id}`).send(meetingView({ meeting, items: [], experts: [] }));
    });

    api.get('/v1/expertoverleggen', {
      config: access,
      schema: {
        tags: TAG,
        summary: 'De expertoverleggen van de regio, op datum',
        description: `Filter status=gepland voor de overleggen waarop nog geagendeerd kan worden. ${PAGING_DESCRIPTION}`,
        querystring: meetingListQuery,
        response: { 200: meetingListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { status, pagina, paginaGrootte } = request.query;
      const { rows, total } = await listMeetings(cases, status, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { expertoverleggen: rows.map((m) => ({ id: m.id, tijdstip: m.date.toISOString(), status: m.status })) };
    });

    api.get('/v1/expertoverleggen/:id', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Een expertoverleg met agenda, besluiten en notulen',
        description: 'Elke casus op de agenda krijgt een regel in zijn toegangslog.',
        params: meetingParams,
        response: { 200: meetingResponse, ...problems(404) },
      },
    }, async (request) => {
      const meeting = await meetingWithAgenda(cases, request.params.id);
      request.audit.caseIds = meeting.items.map((item) => item.caseId);
      return meetingView(meeting);
    });

    api.post('/v1/expertoverleggen/:id/agendapunten', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Zet een wachtende opschaling of aanmelding, of een casus in het MDA++-traject, op de agenda',
        description:
          'Een opschaling of aanmelding die op het besluit wacht (status open) kan op de agenda om in het overleg te besluiten (triage: POST .../agendapunten/{puntId}/besluit). ' +
          'Een opschaling die terug is bij het lokale team (terug-naar-lokaal-team of afgeschaald) niet: 409 expertoverleg.opschaling-terug-bij-lokaal-team. ' +
          `Hoogstens ${MAX_AGENDA_ITEMS} agendapunten per expertoverleg (409 expertoverleg.agenda-vol); plan anders een extra overleg.`,
        params: meetingParams,
        body: agendaItemRequest,
        response: { 201: agendaItemResponse, ...problems(400, 404, 409, 422) },
      },
    }, async (request, reply) => {
      const item = await addAgendaItem(cases, request.params.id, request.body.opschalingId, auditInTransaction(request, deps.clock, 201));
      return reply.code(201).send(itemView(item));
    });

    api.delete('/v1/expertoverleggen/:id/agendapunten/:puntId', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Haal een agendapunt van de agenda',
        description: 'Niet als de uitkomst is vastgelegd (409 expertoverleg.uitkomst-al-vastgelegd) of als op dit agendapunt in het overleg is besloten (409 expertoverleg.besluit-op-agendapunt).',
        params: meetingItemParams,
        response: { 204: z.null(), ...problems(404, 409) },
      },
    }, async (request, reply) => {
      await removeAgendaItem(cases, request.params.id, request.params.puntId, auditInTransaction(request, deps.clock, 204));
      return reply.code(204).send(null);
    });

    api.post('/v1/expertoverleggen/:id/agendapunten/:puntId/uitkomst', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Leg de uitkomst van een agendapunt vast: wie aan tafel zat, besluiten, afspraken, de gezamenlijke TOP3-score en de opvolging',
        description:
          'Pas nadat het overleg is gestart (409 expertoverleg.niet-gestart). Nieuwe afspraken gaan direct als nieuwe versie in het veiligheidsplan; ' +
          'de TOP3-score wordt de gezamenlijke veiligheidsscore van de casus (bron expertoverleg) en telt voor het venster en voor afsluiten. ' +
          'Weigert de casus de score of het plan (bijvoorbeeld 409 casus.afgesloten), dan wordt niets vastgelegd.',
        params: meetingItemParams,
        body: itemOutcomeRequest,
        response: { 200: meetingResponse, ...problems(400, 404, 409, 422) },
      },
    }, async (request) => {
      const meeting = await recordOutcome(cases, callerOf(request), request.params.id, request.params.puntId, request.body, auditInTransaction(request, deps.clock, 200));
      return meetingView(meeting);
    });

    api.post('/v1/expertoverleggen/:id/agendapunten/:puntId/besluit', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Besluit in het overleg over de opschaling op dit agendapunt: MDA++-traject, of terug naar het lokale team met advies',
        description:
          'Hetzelfde besluit als POST /v1/opschalingen/{id}/besluit, genomen in het expertoverleg, met wie aan tafel zat (deelnemers). ' +
          'Alleen aan tafel: vóór de start van het overleg 409 expertoverleg.niet-gestart. Al besloten: 409 opschaling.al-besloten. Daarna legt POST .../uitkomst de afspraken vast (alleen bij mda-traject).',
        params: meetingItemParams,
        body: meetingDecisionRequest,
        response: { 200: meetingResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const meeting = await decideInMeeting(cases, callerOf(request), request.params.id, request.params.puntId, request.body, auditInTransaction(request, deps.clock, 200));
      return meetingView(meeting);
    });

    api.post('/v1/expertoverleggen/:id/start', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Start het overleg aan tafel; daarna worden uitkomsten vastgelegd',
        description: 'Op de dag van het overleg (of later), één keer: 409 expertoverleg.nog-niet-de-dag ervoor, 409 expertoverleg.al-gestart daarna. Elke casus op de agenda krijgt een regel in zijn toegangslog.',
        params: meetingParams,
        response: { 200: meetingResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const meeting = await startMeeting(cases, callerOf(request), request.params.id, auditInTransaction(request, deps.clock, 200));
      return meetingView(meeting);
    });

    api.post('/v1/expertoverleggen/:id/experts', {
      config: access,
      schema: {
        tags: TAG,
        summary: 'Meld een expert aan voor het overleg',
        description: `De expert (rol ${EXPERT_ROLES.join(' of ')}, herkend aan de sub in het token) leest op de dag van het overleg de casussen op de agenda. Hoogstens ${MAX_MEETING_EXPERTS} experts.`,
        params: meetingParams,
        body: expertRequest,
        response: { 201: expertResponse, ...problems(400, 404, 409) },
      },
    }, async (request, reply) => {
      const expert = await registerExpert(cases, callerOf(request), request.params.id, request.body);
      return reply.code(201).send(expertView(expert));
    });

    api.delete('/v1/expertoverleggen/:id/experts/:expertId', {
      config: access,
      schema: { tags: TAG, summary: 'Meld een expert af', params: meetingExpertParams, response: { 204: z.null(), ...problems(404, 409) } },
    }, async (request, reply) => {
      await unregisterExpert(cases, request.params.id, request.params.expertId);
      return reply.code(204).send(null);
    });

    api.get('/v1/expertoverleggen/:id/casussen/:casusId', {
      config: { access: EXPERT_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Een casus op de agenda, voor een aangemelde expert op de dag van het overleg',
        description:
          'Het ketenpartneroverzicht, het huidige veiligheidsplan en de reeks veiligheidsscores; nooit afgeschermde gegevens. Alleen voor een expert die is aangemeld voor dit overleg, ' +
          'alleen voor een casus op de agenda en alleen op de dag van het overleg; anders 404 expertoverleg.casus-niet-beschikbaar. Elke lezing komt in het toegangslog van de casus.',
        params: meetingCaseParams,
        response: { 200: expertCaseResponse, ...problems(404) },
      },
    }, async (request) => {
      const caller = callerOf(request);
      request.audit.caseId = request.params.casusId;
      const read = await readExpertCase(cases, caller, request.params.id, request.params.casusId);
      noteAccess(request, read.access, read.row);
      const view = await expertCaseView(cases, caller, read);
      if (view.leden) request.audit.memberIds = view.leden.map((l) => l.id);
      return view;
    });

    api.post('/v1/expertoverleggen/:id/sluiting', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Sluit het verslag; daarna verandert het expertoverleg niet meer',
        params: meetingParams,
        body: closeMeetingRequest,
        response: { 200: meetingResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const meeting = await closeMeeting(cases, callerOf(request), request.params.id, request.body.notulen, auditInTransaction(request, deps.clock, 200));
      return meetingView(meeting);
    });
  };
}
