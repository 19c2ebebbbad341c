/**
 * /v1/casussen: household cases. Thin handlers: validate (zod), call one
 * use-case, shape the answer. Every write needs If-Match with the case's
 * ETag and returns the new ETag.
 */
import { randomUUID } from 'node:crypto';
import {
  agreementParams,
  agreementPatch,
  analysisRequest,
  caseListQuery,
  caseListResponse,
  caseParams,
  caseResponse,
  createCaseRequest,
  handoverRequest,
  ifMatchHeaders,
  incidentRequest,
  memberInput,
  memberParams,
  memberPatch,
  phaseRequest,
  planRequest,
  planVersionResponse,
  planVersionsResponse,
  reasonRequest,
  scoreRequest,
  scoreSeriesResponse,
  timelineResponse,
  versionParams,
} from '@veilig-samen/contracts';
import type { CaseRow } from '@veilig-samen/db';
import { caseErrors, currentPlan, currentWindow, localDate, restoreCase, type Agreement, type Member } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.js';
import { CREATE_ROLES, HANDOVER_ROLES, READ_ROLES, WRITE_ROLES } from '../cases/access.js';
import { etag, expectedVersion } from '../cases/if-match.js';
import { caseEvents, createCase, newMember, policyFor, readCase, runCaseCommand, searchCases, type CaseDeps } from '../cases/use-cases.js';
import { caseListItemView, caseView, planVersionView, timelineView } from '../cases/views.js';
import { callerOf } from '../plugins/auth.js';
import { paginate } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['casussen'];
/** Problems every write on an existing case can give. */
const WRITE_PROBLEMS = problems(400, 404, 409, 412, 422, 428);

export function casussenRoutes(deps: AppDeps) {
  const cases: CaseDeps = { db: deps.database.db, clock: deps.clock, region: deps.config.region };
  const sendCase = (reply: FastifyReply, status: 200 | 201, row: CaseRow) =>
    reply.code(status).header('etag', etag(row.version)).send(caseView(row, deps.clock.now()));

  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post('/v1/casussen', {
      config: { access: CREATE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Open een casus voor een huishouden',
        description: 'De casus start in directe veiligheid met één regisseur (standaard de aanroeper) en een veiligheidsvenster van 3 maanden volgens het regionale beleid.',
        body: createCaseRequest,
        response: { 201: caseResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const row = await createCase(cases, callerOf(request), request.body);
      void reply.header('location', `/v1/casussen/${row.id}`);
      return sendCase(reply, 201, row);
    });

    api.get('/v1/casussen', {
      config: { access: READ_ROLES },
      schema: {
        tags: TAG,
        summary: 'Zoek casussen in uw gemeenten',
        description: 'Oudste casus eerst. Paginering via `pagina` en `paginaGrootte`; de Link-header geeft first, prev, next en last; X-Total-Count het totaal.',
        querystring: caseListQuery,
        response: { 200: caseListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, ...filters } = request.query;
      const { rows, total } = await searchCases(cases, callerOf(request), filters, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { casussen: rows.map(caseListItemView) };
    });

    api.get('/v1/casussen/:id', {
      config: { access: READ_ROLES },
      schema: { tags: TAG, summary: 'Een casus met fase, regisseur, veiligheidsscore en deadline', params: caseParams, response: { 200: caseResponse, ...problems(404) } },
    }, async (request, reply) => sendCase(reply, 200, await readCase(cases, callerOf(request), request.params.id)));

    api.post('/v1/casussen/:id/leden', {
      config: { access: WRITE_ROLES },
      schema: { tags: TAG, summary: 'Voeg een lid toe aan het huishouden', params: caseParams, headers: ifMatchHeaders, body: memberInput, response: { 201: caseResponse, ...WRITE_PROBLEMS } },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ now, actor }) => ({
        type: 'lid.toegevoegd',
        op: now.toISOString(),
        door: actor,
        lid: newMember(request.body, localDate(now), 'geboortedatum'),
      }));
      return sendCase(reply, 201, row);
    });

    api.patch('/v1/casussen/:id/leden/:lidId', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Corrigeer de gegevens van een lid (JSON merge patch)',
        params: memberParams,
        headers: ifMatchHeaders,
        body: memberPatch,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ snapshot, now, actor }) => {
        if (!snapshot.context.leden.some((lid) => lid.id === request.params.lidId)) throw caseErrors.memberNotFound();
        const { geboortedatum, ...rest } = request.body;
        if (geboortedatum && geboortedatum > localDate(now)) throw caseErrors.birthDateInFuture('geboortedatum');
        const wijzigingen: Partial<Omit<Member, 'id'>> = { ...rest, ...(geboortedatum === undefined ? {} : { geboortedatum }) };
        return { type: 'lid.gecorrigeerd', op: now.toISOString(), door: actor, lidId: request.params.lidId, wijzigingen };
      });
      return sendCase(reply, 200, row);
    });

    api.put('/v1/casussen/:id/veiligheidsplan', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Stel een nieuwe versie van het veiligheidsplan vast',
        description: 'Elke versie is een volledige set afspraken. Oude versies blijven leesbaar. Geef het id van een afspraak uit de vorige versie mee om die voort te zetten.',
        params: caseParams,
        headers: ifMatchHeaders,
        body: planRequest,
        response: { 200: planVersionResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ snapshot, now, actor }) => {
        const known = new Set(currentPlan(snapshot.context)?.afspraken.map((a) => a.id) ?? []);
        const afspraken: Agreement[] = request.body.afspraken.map((a) => {
          if (a.id !== undefined && !known.has(a.id)) throw caseErrors.unknownAgreementId(a.id);
          return { id: a.id ?? randomUUID(), omschrijving: a.omschrijving, eigenaar: a.eigenaar, deadline: a.deadline, status: a.status };
        });
        const { akkoord, toelichting } = request.body.akkoordHuishouden;
        return { type: 'veiligheidsplan.vastgesteld', op: now.toISOString(), door: actor, afspraken, akkoordHuishouden: { akkoord, toelichting: toelichting ?? null } };
      });
      const plan = currentPlan(restoreCase(row.state).context);
      if (!plan) throw caseErrors.noPlan();
      return reply.header('etag', etag(row.version)).send(planVersionView(plan, deps.clock.now()));
    });

    api.get('/v1/casussen/:id/veiligheidsplan', {
      config: { access: READ_ROLES },
      schema: { tags: TAG, summary: 'Het huidige veiligheidsplan', params: caseParams, response: { 200: planVersionResponse, ...problems(404) } },
    }, async (request, reply) => {
      const row = await readCase(cases, callerOf(request), request.params.id);
      const plan = currentPlan(restoreCase(row.state).context);
      if (!plan) throw caseErrors.noPlan();
      return reply.header('etag', etag(row.version)).send(planVersionView(plan, deps.clock.now()));
    });

    api.get('/v1/casussen/:id/veiligheidsplan/versies', {
      config: { access: READ_ROLES },
      schema: { tags: TAG, summary: 'Alle versies van het veiligheidsplan', params: caseParams, response: { 200: planVersionsResponse, ...problems(404) } },
    }, async (request) => {
      const row = await readCase(cases, callerOf(request), request.params.id);
      return {
        versies: restoreCase(row.state).context.veiligheidsplan.map((v) => ({
          versie: v.versie,
          vastgesteldOp: v.vastgesteldOp,
          vastgesteldDoor: v.vastgesteldDoor,
          aantalAfspraken: v.afspraken.length,
        })),
      };
    });

    api.get('/v1/casussen/:id/veiligheidsplan/versies/:versie', {
      config: { access: READ_ROLES },
      schema: { tags: TAG, summary: 'Eén versie van het veiligheidsplan', params: versionParams, response: { 200: planVersionResponse, ...problems(404) } },
    }, async (request) => {
      const row = await readCase(cases, callerOf(request), request.params.id);
      const version = restoreCase(row.state).context.veiligheidsplan.find((v) => v.versie === request.params.versie);
      if (!version) throw caseErrors.planVersionNotFound(request.params.versie);
      return planVersionView(version, deps.clock.now());
    });

    api.patch('/v1/casussen/:id/veiligheidsplan/afspraken/:afspraakId', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Wijzig de status van een afspraak in het huidige plan',
        params: agreementParams,
        headers: ifMatchHeaders,
        body: agreementPatch,
        response: { 200: planVersionResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ snapshot, now, actor }) => {
        if (!currentPlan(snapshot.context)?.afspraken.some((a) => a.id === request.params.afspraakId)) throw caseErrors.agreementNotFound();
        return { type: 'afspraak.status-gewijzigd', op: now.toISOString(), door: actor, afspraakId: request.params.afspraakId, status: request.body.status };
      });
      const plan = currentPlan(restoreCase(row.state).context);
      if (!plan) throw caseErrors.noPlan();
      return reply.header('etag', etag(row.version)).send(planVersionView(plan, deps.clock.now()));
    });

    api.post('/v1/casussen/:id/veiligheidsscores', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Leg een veiligheidsscore vast (TOP3: score 0-10 en drie acties)',
        params: caseParams,
        headers: ifMatchHeaders,
        body: scoreRequest,
        response: { 201: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ now, actor }) => {
        const [a = '', b = '', c = ''] = request.body.acties;
        return { type: 'veiligheidsscore.vastgelegd', op: now.toISOString(), door: actor, score: request.body.score, acties: [a, b, c], perspectieven: request.body.perspectieven };
      });
      return sendCase(reply, 201, row);
    });

    api.get('/v1/casussen/:id/veiligheidsscores', {
      config: { access: READ_ROLES },
      schema: { tags: TAG, summary: 'De reeks veiligheidsscores (voor een grafiek)', params: caseParams, response: { 200: scoreSeriesResponse, ...problems(404) } },
    }, async (request) => {
      const row = await readCase(cases, callerOf(request), request.params.id);
      const context = restoreCase(row.state).context;
      const window = currentWindow(context);
      return {
        drempel: window.beleid.safetyThreshold,
        veiligheidsdeadline: window.deadline,
        scores: context.scores.map((s) => ({ ...s, acties: [...s.acties], perspectieven: [...s.perspectieven] })),
      };
    });

    api.post('/v1/casussen/:id/verklarende-analyse', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Leg de verklarende analyse vast (oorzaken en onderliggende problemen)',
        params: caseParams,
        headers: ifMatchHeaders,
        body: analysisRequest,
        response: { 201: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ now, actor }) => ({
        type: 'verklarende-analyse.vastgelegd',
        op: now.toISOString(),
        door: actor,
        toelichting: request.body.toelichting,
        problemen: request.body.problemen,
      }));
      return sendCase(reply, 201, row);
    });

    api.post('/v1/casussen/:id/incidenten', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Meld een nieuw geweldsincident',
        description: 'In een latere fase gaat de casus terug naar directe veiligheid met een nieuw veiligheidsvenster.',
        params: caseParams,
        headers: ifMatchHeaders,
        body: incidentRequest,
        response: { 201: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', async ({ now, actor, tx }) => {
        if (request.body.datum.getTime() > now.getTime()) throw caseErrors.incidentInFuture();
        return {
          type: 'incident.gemeld',
          op: now.toISOString(),
          door: actor,
          datum: request.body.datum.toISOString(),
          soort: request.body.soort,
          omschrijving: request.body.omschrijving,
          beleid: await policyFor(tx, deps.config.region, now),
        };
      });
      return sendCase(reply, 201, row);
    });

    api.post('/v1/casussen/:id/faseovergangen', {
      config: { access: WRITE_ROLES },
      schema: { tags: TAG, summary: 'Zet de casus door naar de volgende fase', params: caseParams, headers: ifMatchHeaders, body: phaseRequest, response: { 201: caseResponse, ...WRITE_PROBLEMS } },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ now, actor }) => ({
        type: `fase.naar-${request.body.naar}` as const,
        op: now.toISOString(),
        door: actor,
      }));
      return sendCase(reply, 201, row);
    });

    api.post('/v1/casussen/:id/afsluiting', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Sluit de casus af (alleen vanuit nazorg, na de stabiliteitsperiode, zonder open afspraken)',
        params: caseParams,
        headers: ifMatchHeaders,
        body: reasonRequest,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', ({ now, actor }) => ({
        type: 'casus.afgesloten',
        op: now.toISOString(),
        door: actor,
        reden: request.body.reden,
      }));
      return sendCase(reply, 200, row);
    });

    api.post('/v1/casussen/:id/heropening', {
      config: { access: WRITE_ROLES },
      schema: {
        tags: TAG,
        summary: 'Heropen een afgesloten casus (telt als herhaling)',
        params: caseParams,
        headers: ifMatchHeaders,
        body: reasonRequest,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'command', async ({ now, actor, tx }) => ({
        type: 'casus.heropend',
        op: now.toISOString(),
        door: actor,
        reden: request.body.reden,
        beleid: await policyFor(tx, deps.config.region, now),
      }));
      return sendCase(reply, 200, row);
    });

    api.put('/v1/casussen/:id/regisseur', {
      config: { access: HANDOVER_ROLES },
      schema: {
        tags: TAG,
        summary: 'Draag de regie over aan een andere regisseur (alleen de regisseur of beheer)',
        params: caseParams,
        headers: ifMatchHeaders,
        body: handoverRequest,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const row = await runCaseCommand(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), 'handover', ({ now, actor }) => ({
        type: 'regisseur.overgedragen',
        op: now.toISOString(),
        door: actor,
        regisseur: request.body.regisseur,
        reden: request.body.reden,
      }));
      return sendCase(reply, 200, row);
    });

    api.get('/v1/casussen/:id/tijdlijn', {
      config: { access: READ_ROLES },
      schema: { tags: TAG, summary: 'Elke gebeurtenis van de casus, in volgorde, met wie en wanneer', params: caseParams, response: { 200: timelineResponse, ...problems(404) } },
    }, async (request) => timelineView(await caseEvents(cases, callerOf(request), request.params.id)));
  };
}
