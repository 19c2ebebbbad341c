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
  itemOutcomeRequest,
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
} from '../escalations/meetings.js';
import { itemView, meetingView } from '../escalations/meeting-views.js';
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
      return reply.code(201).header('location', `/v1/expertoverleggen/${meeting.id}`).send(meetingView({ meeting, items: [] }));
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
      schema: { tags: TAG, summary: 'Haal een agendapunt van de agenda', params: meetingItemParams, response: { 204: z.null(), ...problems(404, 409) } },
    }, async (request, reply) => {
      await removeAgendaItem(cases, request.params.id, request.params.puntId, auditInTransaction(request, deps.clock, 204));
      return reply.code(204).send(null);
    });

    api.post('/v1/expertoverleggen/:id/agendapunten/:puntId/uitkomst', {
      config: audited,
      schema: {
        tags: TAG,
        summary: 'Leg deelnemers, besluiten en nieuwe afspraken vast (de afspraken gaan direct in het veiligheidsplan)',
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
          'Al besloten: 409 opschaling.al-besloten. Daarna legt POST .../uitkomst de afspraken vast (alleen bij mda-traject).',
        params: meetingItemParams,
        body: meetingDecisionRequest,
        response: { 200: meetingResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const meeting = await decideInMeeting(cases, callerOf(request), request.params.id, request.params.puntId, request.body, auditInTransaction(request, deps.clock, 200));
      return meetingView(meeting);
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
