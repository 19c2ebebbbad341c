/**
 * /v1/casussen: household cases. Thin handlers: validate (zod), call one
 * use-case, shape the answer. Every write needs If-Match with the case's
 * ETag and returns the new ETag.
 */
import {
  agreementConsentRequest,
  agreementParams,
  agreementPatch,
  analysisAdoptionRequest,
  analysisProposalParams,
  analysisProposalRequest,
  analysisProposalResponse,
  analysisRequest,
  analysisVersionsQuery,
  analysisVersionsResponse,
  caseListQuery,
  caseListResponse,
  caseParams,
  caseResponse,
  childConversationRequest,
  closeRequest,
  consentParams,
  consentRequest,
  createCaseRequest,
  handoverDeclineRequest,
  handoverRequest,
  handleWithCareRequest,
  ifMatchHeaders,
  incidentRequest,
  informingRequest,
  letterParams,
  letterSentRequest,
  manualEscalationRequest,
  referralRequest,
  designationRequest,
  memberInput,
  memberParams,
  memberPatch,
  moveRequest,
  networkPerspectivesQuery,
  networkPerspectivesResponse,
  ownerMarkRequest,
  partnerOverviewResponse,
  perspectiveRequest,
  phaseRequest,
  planRequest,
  planVersionResponse,
  planVersionsQuery,
  planVersionsResponse,
  reasonRequest,
  reportBackRequest,
  safeContactRequest,
  safetyCoordinationRequest,
  scoreRequest,
  scoreSeriesQuery,
  scoreSeriesResponse,
  splitParams,
  timelineQuery,
  timelineResponse,
  traumaScreeningRequest,
  versionParams,
} from '@veilig-samen/contracts';
import { caseErrors, currentPlan, currentWindow, restoreCase, type Caller, type CaseEvent, type CaseSnapshot, type Role } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { caseDepsOf } from './deps.js';
import { CASE_READ_ROLES, COORDINATOR_ROLES, CREATE_ROLES, HANDOVER_ROLES, PARTNER_ROLES, PROPOSAL_ROLES, READ_ROLES, viewerOf, withheldFrom, WRITE_ROLES, type WriteKind } from '../cases/access.js';
import { etag, expectedVersion } from '../cases/if-match.js';
import * as commands from '../cases/commands.js';
import { caseEvents, caseViewLinks, commandLookups, readCase, runCaseCommand, searchCases, type CaseDeps, type CaseRead, type CommandLookups } from '../cases/use-cases.js';
import { analysisVersions, caseViewIncidents, networkPerspectives, planVersion, planVersions, scoreSeries } from '../cases/history.js';
import { analysisView, caseListItemView, caseView, networkPerspectiveView, planVersionView, scoreView, timelineView, analysisProposalView } from '../cases/views.js';
import { partnerOverview } from '../network/partner-view.js';
import { auditActor, auditCaseList, auditInTransaction, auditRefusalInTransaction, auditRowsOfChange } from '../plugins/access-log.js';
import { createCaseForCaller } from '../cases/creation-attempts.js';
import { offerMove, undoMerge, withdrawMove } from '../intake/use-cases.js';
import { callerOf } from '../plugins/auth.js';
import { paginate, paginateKeyset, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';
import { noteAccess } from '../plugins/victim-side.js';

const TAG = ['casussen'];
/** The access log's action for an attempt to open a second case for a household (finding 6). */
const CREATION_ATTEMPT_ACTION = 'aanmaakpoging (POST /v1/casussen): huishouden heeft al een casus';

/** What a route's event builder gets: the request, the case as it is, who acts and when, and the lookups of commandLookups. */
type BuildInput<B extends z.ZodType, P extends z.ZodType> = commands.CommandInput<z.output<B>> & {
  readonly params: z.output<P>;
  readonly snapshot: CaseSnapshot;
  readonly lookups: CommandLookups;
  /** Who asks, as the verified token says (a partner acting as an agreement's owner: its sub or OIN). */
  readonly caller: Caller;
};

interface CommandRoute<B extends z.ZodType, P extends z.ZodType> {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  readonly url: string;
  readonly summary: string;
  readonly description?: string;
  readonly params?: P;
  readonly body: B;
  readonly status: 200 | 201;
  readonly kind?: WriteKind;
  readonly access?: readonly Role[];
  /**
   * What the answer shows: the case (default), the current safety plan, the
   * waiting analysis proposal, or the partner view (for a partner, who may not see the case).
   */
  readonly answer?: 'case' | 'plan' | 'proposal' | 'partner';
  /** One call of a pure builder in cases/commands.ts. */
  readonly build: (input: BuildInput<B, P>) => CaseEvent | Promise<CaseEvent>;
}
/** Problems every write on an existing case can give. */
const WRITE_PROBLEMS = problems(400, 404, 409, 412, 422, 428);

export function casussenRoutes(deps: AppDeps) {
  const cases: CaseDeps = caseDepsOf(deps);
  const sendCase = async (reply: FastifyReply, status: 200 | 201, { row, access, snapshot = restoreCase(row.state), links: known }: CaseRead) => {
    // A read has the links from its one statement; a command's answer reads them (the command may have changed them).
    const [incidents, links] = await Promise.all([caseViewIncidents(cases.db, row, snapshot.context), known ?? caseViewLinks(cases.db, row.id)]);
    const view = caseView(row, snapshot, incidents, links, deps.clock.now(), viewerOf(callerOf(reply.request), row, access));
    // The log names whose data was shown.
    reply.request.audit.memberIds = view.leden.map((lid) => lid.id);
    return reply.code(status).header('etag', etag(row.version)).send(view);
  };

  /** Reads a case for the caller; a read through break-the-glass is flagged in the access log. */
  const read = async (request: FastifyRequest, id: string): Promise<CaseRead> => {
    const found = await readCase(cases, callerOf(request), id);
    noteAccess(request, found.access, found.row);
    return found;
  };

  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    /**
     * A write on one case: If-Match required, one use-case call, the event's
     * envelope (when, who) added here, the new ETag on the answer.
     */
    function command<B extends z.ZodType, P extends z.ZodType<{ id: string }> = typeof caseParams>(route: CommandRoute<B, P>): void {
      const answer = route.answer ?? 'case';
      api.route({
        method: route.method,
        url: route.url,
        config: { access: route.access ?? WRITE_ROLES, audit: true },
        schema: {
          tags: TAG,
          summary: route.summary,
          ...(route.description ? { description: route.description } : {}),
          params: route.params ?? caseParams,
          headers: ifMatchHeaders,
          body: route.body,
          response: { [route.status]: { case: caseResponse, plan: planVersionResponse, proposal: analysisProposalResponse, partner: partnerOverviewResponse }[answer], ...WRITE_PROBLEMS },
        },
        handler: async (request, reply) => {
          const params = request.params as z.output<P>;
          const body = request.body as z.output<B>;
          const ifMatch = (request.headers as { 'if-match'?: string })['if-match'];
          const done = await runCaseCommand(
            cases,
            callerOf(request),
            params.id,
            expectedVersion(ifMatch),
            route.kind ?? 'command',
            (context) => {
              // A substitute's refusal by the machine is logged as the substitute's too (issue 16 point 14).
              auditActor(request, context.actor);
              const caller = callerOf(request);
              return route.build({ body, params, now: context.now, actor: context.actor, snapshot: context.snapshot, lookups: commandLookups(cases, params.id, context, caller), caller });
            },
            // The log row commits with the write, or not at all (then onSend logs the refusal); members the answer leaves out are not named.
            auditRowsOfChange(request, deps.clock, route.status, {
              members: answer === 'case',
              withheld: (after: CaseSnapshot, access) => withheldFrom(callerOf(request), { regisseurId: after.context.regisseur.id }, after.context.leden, access ?? { involved: true, breakGlass: false }),
            }),
          );
          noteAccess(request, done.access, done.row);
          if (answer === 'case') return sendCase(reply, route.status, done);
          const row = done.row;
          if (answer === 'partner') {
            return reply.code(route.status).header('etag', etag(row.version)).send(await partnerOverview(cases.db, callerOf(request), row, done.access, deps.clock.now(), done.snapshot));
          }
          const context = (done.snapshot ?? restoreCase(row.state)).context;
          if (answer === 'proposal') {
            const proposal = context.analyseVoorstel;
            if (!proposal) throw new Error('a proposal was just recorded');
            return reply.code(route.status).header('etag', etag(row.version)).send(analysisProposalView(proposal));
          }
          const plan = currentPlan(context);
          if (!plan) throw caseErrors.noPlan();
          return reply.code(route.status).header('etag', etag(row.version)).send(planVersionView(plan, deps.clock.now()));
        },
      });
    }


    api.post('/v1/casussen', {
      config: { access: CREATE_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Open een casus voor een huishouden',
        description:
          'De casus start in directe veiligheid met één regisseur (standaard de aanroeper) en een veiligheidsvenster van 3 maanden volgens het regionale beleid.\n\n' +
          '1 gezin, 1 plan: is één van de personen die u noemt (BSN, of naam en geboortedatum) al lid van een lopende casus in de gemeente van de nieuwe casus, dan volgt 409 `casus.huishouden-heeft-al-casus`, ' +
          'altijd hetzelfde antwoord, zonder id, fase, regisseur, leden of aantal. De poging komt in de toegangslog van de bestaande casus, ' +
          'in de tijdlijn ervan (`casus.aanmaakpoging`), in de werkvoorraad van de regisseur en als webhooks `casus.aanmaakpoging` en `werkvoorraad.item`; de regisseur beslist of u aan het netwerk wordt toegevoegd. ' +
          'Wie per dag meer dan `CREATION_MATCHES_PER_DAY` (standaard 3) van zulke antwoorden krijgt, opent tot middernacht geen casus meer: ' +
          '429 `casus.aanmaakpogingen-limiet` met Retry-After, voor elke aanmaakpoging; beheer van de gemeente krijgt een item in de werkvoorraad (`aanmaakpogingen-limiet`). ' +
          'Een gemeente ziet alleen haar eigen huishoudens: een casus in een andere gemeente telt niet en wordt niet genoemd of gekoppeld ' +
          '(alleen berichten van Veilig Thuis en de ZVH via POST /v1/berichten en de intake herkennen huishoudens in de hele regio).',
        body: createCaseRequest,
        response: { 201: caseResponse, ...problems(400, 409, 422, 429) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const row = await createCaseForCaller(
        cases,
        caller,
        request.body,
        {
          perDay: deps.config.creationMatchesPerDay,
          requestId: request.id,
          // One row per matched case, naming the members that matched: the attempt is in their inzage too.
          audit: auditRefusalInTransaction(request, deps.clock, CREATION_ATTEMPT_ACTION),
          refused: (error) => {
            if (error.status === 429) app.securityEvents.refused(request, error);
          },
        },
        (tx, created) => {
          request.audit.memberIds = restoreCase(created.state).context.leden.map((lid) => lid.id);
          return auditInTransaction(request, deps.clock, 201)(tx, created.id);
        },
      );
      void reply.header('location', `/v1/casussen/${row.id}`);
      // The creator is the regisseur or hands the case over; nobody is in its network yet.
      return sendCase(reply, 201, { row, access: { involved: true, breakGlass: false } });
    });

    api.get('/v1/casussen', {
      config: { access: READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Zoek de casussen waarbij u betrokken bent (beheerder: van uw gemeenten)',
        description:
          'Het lokale team ziet de casussen waarvan het regisseur is of waarbij het in het netwerk staat; een beheerder die van zijn gemeenten. Oudste casus eerst. ' +
          'Met `zoek`: de huishoudens onder die casussen met een lid van die naam (zonder onderscheid in hoofdletters en accenten, met ruimte voor kleine typefouten) of die geboortedatum, best passende eerst. ' +
          'Een lid dat toestemming om gegevens met u te delen weigerde of introk (zonder andere grondslag), vindt u niet en laat een huishouden niet vinden, net zoals de casus dat lid niet toont; de regisseur (en diens vervanger) vindt het wel. ' +
          'Elke zoekopdracht staat in de toegangslog van elke gevonden casus, met de gevonden leden, zodat zij haar in hun inzage zien (ook zonder treffer, als één regel zonder casus). ' +
          PAGING_DESCRIPTION,
        querystring: caseListQuery,
        response: { 200: caseListResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, ...filters } = request.query;
      const { rows, total, substituteFor, matchedMembers } = await searchCases(cases, callerOf(request), filters, { page: pagina, pageSize: paginaGrootte });
      // Phase, regisseur and score of each case on the page: one access-log row per case (a substitute's say for whom; a search's the members it matched).
      auditCaseList(request, rows.map((row) => row.id), substituteFor, matchedMembers);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { casussen: rows.map(caseListItemView) };
    });

    api.get('/v1/casussen/:id', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: { tags: TAG, summary: 'Een casus met fase, regisseur, veiligheidsscore en deadline', params: caseParams, response: { 200: caseResponse, ...problems(404) } },
    }, async (request, reply) => sendCase(reply, 200, await read(request, request.params.id)));

    command({
      method: 'POST',
      url: '/v1/casussen/:id/leden',
      summary: 'Voeg een lid toe aan het huishouden',
      body: memberInput,
      status: 201,
      build: (input) => commands.memberAdded(input),
    });

    command({
      method: 'PATCH',
      url: '/v1/casussen/:id/leden/:lidId',
      summary: 'Corrigeer de gegevens van een lid (JSON merge patch)',
      params: memberParams,
      body: memberPatch,
      status: 200,
      build: (input) => commands.memberCorrected({ ...input, lidId: input.params.lidId }),
    });

    // Issue 17 point 8: what is recorded per child of the household (relatie kind; another member: 422 casus.lid-geen-kind).
    command({
      method: 'PUT',
      url: '/v1/casussen/:id/leden/:lidId/gesprek',
      summary: 'Leg vast dat een professional met een kind sprak (datum)',
      description: 'Alleen voor een kind van het huishouden (relatie kind; anders 422 `casus.lid-geen-kind`). Een datum na vandaag: 422 `casus.kind-datum-in-toekomst`. Een nieuwe vastlegging vervangt de vorige.',
      params: memberParams,
      body: childConversationRequest,
      status: 200,
      build: (input) => commands.childConversationRecorded({ ...input, lidId: input.params.lidId }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/leden/:lidId/traumascreening',
      summary: 'Leg vast dat traumascreening van een kind is gewogen: gedaan (instrument, datum) of niet nodig (reden)',
      description: 'Alleen voor een kind van het huishouden (anders 422 `casus.lid-geen-kind`); bijvoorbeeld instrument CRIES-13. Een nieuwe vastlegging vervangt de vorige.',
      params: memberParams,
      body: traumaScreeningRequest,
      status: 200,
      build: (input) => commands.traumaScreeningWeighed({ ...input, lidId: input.params.lidId }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/leden/:lidId/handle-with-care',
      summary: 'Leg het Handle with Care-signaal aan de school van een kind vast (wanneer, welke school), of dat het niet van toepassing is',
      description:
        'Na een incident waarbij de politie betrokken was (bron politie, of een incidentbericht) krijgt de school van elk kind binnen 24 uur een signaal dat het kind steun nodig kan hebben, ' +
        'nooit inhoud van de casus; tot het is vastgelegd staat het als `handle-with-care` in de werkvoorraad van de regisseur (vervaldatum: het incident plus 24 uur). ' +
        'Dit record bevat alleen het tijdstip en de naam van de school; andere velden geven 400. Een signaal van vóór het incident beantwoordt het niet; `niet-van-toepassing` (met reden) wel. ' +
        'Alleen voor een kind van het huishouden (anders 422 `casus.lid-geen-kind`).',
      params: memberParams,
      body: handleWithCareRequest,
      status: 200,
      build: (input) => commands.handleWithCareRecorded({ ...input, lidId: input.params.lidId }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/veiligheidsplan',
      summary: 'Stel een nieuwe versie van het veiligheidsplan vast',
      description: 'Elke versie is een volledige set afspraken. Oude versies blijven leesbaar. Geef het id van een afspraak uit de vorige versie mee om die voort te zetten.',
      body: planRequest,
      status: 200,
      answer: 'plan',
      build: (input) => commands.planAdopted(input),
    });

    api.get('/v1/casussen/:id/veiligheidsplan', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: { tags: TAG, summary: 'Het huidige veiligheidsplan', params: caseParams, response: { 200: planVersionResponse, ...problems(404) } },
    }, async (request, reply) => {
      const { row } = await read(request, request.params.id);
      const plan = currentPlan(restoreCase(row.state).context);
      if (!plan) throw caseErrors.noPlan();
      return reply.header('etag', etag(row.version)).send(planVersionView(plan, deps.clock.now()));
    });
    api.get('/v1/casussen/:id/veiligheidsplan/versies', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Alle versies van het veiligheidsplan',
        description: 'Oudste versie eerst. ' + PAGING_DESCRIPTION,
        params: caseParams,
        querystring: planVersionsQuery,
        response: { 200: planVersionsResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { row, access, versions, total } = await planVersions(cases, callerOf(request), request.params.id, { page: pagina, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      paginate(request, reply, pagina, paginaGrootte, total);
      return {
        versies: versions.map((v) => ({
          versie: v.versie,
          vastgesteldOp: v.vastgesteldOp,
          vastgesteldDoor: v.vastgesteldDoor,
          aantalAfspraken: v.afspraken.length,
        })),
      };
    });
    api.get('/v1/casussen/:id/veiligheidsplan/versies/:versie', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: { tags: TAG, summary: 'Eén versie van het veiligheidsplan', params: versionParams, response: { 200: planVersionResponse, ...problems(404) } },
    }, async (request) => {
      const { row, access, version } = await planVersion(cases, callerOf(request), request.params.id, request.params.versie);
      noteAccess(request, access, row);
      return planVersionView(version, deps.clock.now());
    });

    command({
      method: 'PATCH',
      url: '/v1/casussen/:id/veiligheidsplan/afspraken/:afspraakId',
      summary: 'Wijzig de status van een afspraak in het huidige plan',
      params: agreementParams,
      body: agreementPatch,
      status: 200,
      answer: 'plan',
      build: (input) => commands.agreementStatusChanged({ ...input, afspraakId: input.params.afspraakId }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/veiligheidsplan/afspraken/:afspraakId/akkoord-huishouden',
      summary: 'Leg vast dat het huishouden akkoord is met een afspraak uit het MDA++-expertoverleg (alleen de regisseur)',
      description:
        'Een afspraak uit het expertoverleg heeft `bron` expertoverleg en `akkoordHuishouden` false tot dit is vastgelegd. Alleen de regisseur (403 `casus.alleen-regisseur-legt-akkoord-vast`); al akkoord: 409 `casus.afspraak-al-akkoord`.',
      params: agreementParams,
      body: agreementConsentRequest,
      status: 200,
      answer: 'plan',
      build: (input) => commands.agreementConsentRecorded({ ...input, afspraakId: input.params.afspraakId }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/mijn-afspraken/:afspraakId/afmelding',
      summary: 'Meld een afspraak die bij u (of uw organisatie) hoort af als gedaan of vervallen, met een toelichting',
      description:
        'Voor de eigenaar van de afspraak in het netwerk: een professional (op de sub in het token) of een organisatie (op het OIN in het token, nooit op de naam); anders 403 `casus.afspraak-niet-van-u`. ' +
        'Alleen een open afspraak (409 `casus.afspraak-niet-open`); een afspraak die niet in het huidige plan staat: 404 `casus.afspraak-niet-gevonden`. ' +
        'De ETag voor If-Match staat op GET .../mijn-afspraken; het antwoord is die weergave. De toelichting staat bij de afspraak (`statuswijziging`), de regisseur ziet haar in het plan en de tijdlijn.',
      params: agreementParams,
      body: ownerMarkRequest,
      status: 200,
      kind: 'partner',
      access: PARTNER_ROLES,
      answer: 'partner',
      build: (input) => commands.agreementMarkedByOwner({ ...input, afspraakId: input.params.afspraakId }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/veiligheidsscores',
      summary: 'Leg een veiligheidsscore vast (TOP3: score 0-10 en drie acties)',
      description:
        'Elke actie is een tekst, of volgt een afspraak: een bestaande (`afspraakId`, anders 422 `casus.actie-afspraak-onbekend`) of een nieuwe met eigenaar en datum (`nieuweAfspraak`), ' +
        'die in de huidige versie van het veiligheidsplan komt (zonder plan: 409 `casus.geen-veiligheidsplan`). De score legt vast hoe de acties van de vorige scoring gingen (`vorigeActies`).',
      body: scoreRequest,
      status: 201,
      build: (input) => commands.scoreRecorded(input),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/perspectieven',
      summary: 'Geef als partner in het netwerk uw eigen perspectief op de veiligheid (0-10, met een reden)',
      description:
        'Voor professionals en organisaties in het netwerk van de casus (de ketenpartnerweergave). Het perspectief telt nooit als de gezamenlijke score: niet voor de drempel, het venster of de afsluiting; ' +
        'de gezamenlijke score legt het lokale team vast met het huishouden (POST .../veiligheidsscores). De regisseur geeft geen eigen perspectief (403 `casus.perspectief-van-regisseur`). ' +
        'Een nieuw perspectief vervangt uw vorige in de casus; alle staan in GET .../perspectieven. De ETag voor If-Match staat op GET .../mijn-afspraken.',
      body: perspectiveRequest,
      status: 201,
      kind: 'partner',
      access: PARTNER_ROLES,
      answer: 'partner',
      build: (input) => commands.perspectiveRecorded({ ...input, van: input.lookups.partnerKey() }),
    });

    api.get('/v1/casussen/:id/perspectieven', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'De eigen perspectieven van de partners in het netwerk op de veiligheid',
        description: 'Oudste eerst, uit het gebeurtenissenlog. Ze tellen niet als gezamenlijke score. ' + PAGING_DESCRIPTION,
        params: caseParams,
        querystring: networkPerspectivesQuery,
        response: { 200: networkPerspectivesResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { row, access, perspectives, total } = await networkPerspectives(cases, callerOf(request), request.params.id, { page: pagina, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { perspectieven: perspectives.map(networkPerspectiveView) };
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/leden/:lidId/informering',
      summary: 'Leg vast of een lid over de casus is geïnformeerd (alleen de regisseur)',
      description:
        '`ja`, `nee`, of `niet-om-veiligheidsredenen` met een reden en een datum om te herzien (`herzienOp`, niet in het verleden: 422 `casus.herziendatum-in-verleden`); ' +
        'op die datum staat het in uw werkvoorraad (`informering-herzien`), tot u het opnieuw vastlegt. Alleen de regisseur of diens vervanger (403 `casus.alleen-regisseur-legt-vast`). Kan ook bij een afgesloten casus.',
      params: memberParams,
      body: informingRequest,
      status: 200,
      build: (input) => commands.memberInformed({ ...input, lidId: input.params.lidId }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/leden/:lidId/veilig-contact',
      summary: 'Leg vast hoe een lid veilig te bereiken is (alleen de regisseur)',
      description:
        'Bijvoorbeeld geen post naar het huisadres, een voorkeurskanaal en een veilig moment. Staat bij het lid, waar contact wordt voorgesteld (`veiligContact`), en elke brief houdt zich eraan. ' +
        'Nooit zichtbaar aan de kant van de pleger. `veiligContact: null` wist de voorkeur. Alleen de regisseur of diens vervanger (403 `casus.alleen-regisseur-legt-vast`).',
      params: memberParams,
      body: safeContactRequest,
      status: 200,
      build: (input) => commands.memberSafeContactRecorded({ ...input, lidId: input.params.lidId }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/leden/:lidId/toestemmingen/:betrokkeneId',
      summary: 'Leg de toestemming van een lid vast om gegevens te delen met een betrokkene uit het netwerk (alleen de regisseur)',
      description:
        '`ja`, `nee` of `ingetrokken` (alleen na een gegeven toestemming: 409 `casus.toestemming-niet-gegeven`), met de datum. Bij nee of ingetrokken ziet die betrokkene (de professional op zijn sub, ' +
        'de organisatie op haar OIN) vanaf zijn volgende verzoek de gegevens van dit lid niet meer: niet in de casus, de tijdlijn, de scores, de ketenpartnerweergave, de ZGW-export of de inzage, tenzij u een andere grondslag ' +
        'voor dit lid met deze betrokkene vastlegt (`andereGrondslag`: wettelijke-taak, meldcode of vitaal-belang). De andere leden blijven gedeeld. De betrokkene moet in het netwerk staan (404 `betrokkene.niet-gevonden`). ' +
        'Alleen de regisseur of diens vervanger (403 `casus.alleen-regisseur-legt-vast`). Kan ook bij een afgesloten casus.',
      params: consentParams,
      body: consentRequest,
      status: 200,
      build: async (input) => commands.consentRecorded({ ...input, lidId: input.params.lidId, entry: await input.lookups.involvement(input.params.betrokkeneId) }),
    });

    api.get('/v1/casussen/:id/veiligheidsscores', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'De reeks veiligheidsscores (voor een grafiek)',
        description: 'Oudste score eerst. ' + PAGING_DESCRIPTION,
        params: caseParams,
        querystring: scoreSeriesQuery,
        response: { 200: scoreSeriesResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { row, access, scores, total } = await scoreSeries(cases, callerOf(request), request.params.id, { page: pagina, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      paginate(request, reply, pagina, paginaGrootte, total);
      const window = currentWindow(restoreCase(row.state).context);
      const viewer = viewerOf(callerOf(request), row, access);
      return {
        drempel: window.beleid.safetyThreshold,
        veiligheidsdeadline: window.deadline,
        scores: scores.map((s) => scoreView(s, viewer)),
      };
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/verklarende-analyse',
      summary: 'Leg een nieuwe versie van de verklarende analyse vast (oorzaken en onderliggende problemen, met het akkoord van het huishouden)',
      description:
        'Elke vastlegging is een nieuwe versie; alle versies: GET .../verklarende-analyse/versies. Na een heropening gaat de casus pas naar blijvend voorkomen met een versie van na de heropening (409 `casus.analyse-van-voor-heropening`).',
      body: analysisRequest,
      status: 201,
      build: (input) => commands.analysisRecorded(input),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/verklarende-analyse/voorstellen',
      summary: 'Stel een nieuwe versie van de verklarende analyse voor (netwerkprofessional met inzage in de analyse)',
      description:
        'Voor wie in het netwerk inzage in de verklarende analyse heeft (en het lokale team); anders 403 `casus.analysevoorstel-niet-toegestaan`. Het voorstel wacht op vaststelling door de regisseur; een nieuwer voorstel vervangt het wachtende.',
      body: analysisProposalRequest,
      status: 201,
      kind: 'voorstel',
      access: PROPOSAL_ROLES,
      answer: 'proposal',
      build: async (input) => commands.analysisProposed({ ...input, mayPropose: await input.lookups.mayProposeAnalysis() }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/verklarende-analyse/voorstellen/:voorstelId/vaststelling',
      summary: 'Stel het wachtende voorstel vast als nieuwe versie van de verklarende analyse (alleen de regisseur), met het akkoord van het huishouden',
      description:
        'Alleen de regisseur (anders 403 `casus.alleen-regisseur-stelt-analyse-vast`); een voorstel dat niet (meer) wacht: 404 `casus.analysevoorstel-niet-gevonden`.',
      params: analysisProposalParams,
      body: analysisAdoptionRequest,
      status: 201,
      build: (input) => commands.analysisProposalAdopted({ ...input, voorstelId: input.params.voorstelId }),
    });

    api.get('/v1/casussen/:id/verklarende-analyse/versies', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Alle versies van de verklarende analyse',
        description: 'Oudste versie eerst, uit het gebeurtenissenlog. ' + PAGING_DESCRIPTION,
        params: caseParams,
        querystring: analysisVersionsQuery,
        response: { 200: analysisVersionsResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { row, access, versions, total } = await analysisVersions(cases, callerOf(request), request.params.id, { page: pagina, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { versies: versions.map((v) => ({ versie: v.versie, ...analysisView(v) })) };
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/incidenten',
      summary: 'Meld een nieuw geweldsincident',
      description: 'In een latere fase gaat de casus terug naar directe veiligheid met een nieuw veiligheidsvenster.',
      body: incidentRequest,
      status: 201,
      build: async (input) => commands.incidentReported({ ...input, beleid: await input.lookups.policy() }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/faseovergangen',
      summary: 'Zet de casus door naar de volgende fase',
      body: phaseRequest,
      status: 201,
      build: (input) => commands.phaseAdvanced(input),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/afsluiting',
      summary: 'Sluit de casus af, om een van de redenen met elk een eigen regel',
      description:
        '`stabiel-veilig` alleen vanuit nazorg: gezamenlijke scores op of boven de drempel door de stabiliteitsperiode heen, minstens het minimum van het beleid (standaard 2) en de laatste niet ouder dan het maximum (standaard 1 maand), ' +
        'geen incident in de periode en geen open afspraken (409 `casus.te-weinig-stabiele-scores`, `casus.laatste-score-te-oud`, `casus.incident-in-stabiliteitsperiode`, `casus.niet-stabiel-veilig`, `casus.open-afspraken`; buiten nazorg `casus.afsluiten-alleen-vanuit-nazorg`). ' +
        'De echte eindes kunnen in elke open fase: `verhuisd-buiten-regio` (nieuwe gemeente buiten de regio, anders 422 `casus.verhuisd-binnen-regio`) en `hulp-geweigerd` vragen een terugmelding aan Veilig Thuis met die reden (409 `casus.terugmelding-ontbreekt`); ' +
        '`overgedragen` noemt aan wie (gecertificeerde instelling of Veilig Thuis); `overleden` noemt het lid (422 `casus.overleden-lid-onbekend`) met een toelichting. ' +
        'Een casus die is opgeschaald of in het MDA++-traject zit, wordt om geen enkele reden afgesloten (409 `casus.nog-opgeschaald`).',
      body: closeRequest,
      status: 200,
      build: (input) => commands.caseClosed({ ...input, municipalities: cases.municipalities }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/brieven/:soort/verzendingen',
      summary: 'Leg vast wanneer en hoe een brief aan een lid is verstuurd',
      description:
        'Alleen de regisseur (of diens vervanger): 403 `brief.alleen-regisseur`. Het lid moet bij het huishouden horen (422 `brief.lid-onbekend`) en 16 jaar of ouder zijn (422 `brief.lid-te-jong`); ' +
        'de afsluitbrief alleen bij een afgesloten casus (409 `brief.casus-niet-afgesloten`), het veiligheidsplan alleen als er een is (409 `brief.geen-veiligheidsplan`). ' +
        '`post` aan een lid dat geen post op het huisadres wil (veilig contact) wordt geweigerd: 409 `brief.geen-post-thuisadres`. Een datum na vandaag: 422 `brief.datum-in-toekomst`. ' +
        'De verzending staat in de tijdlijn en handelt het werkvoorraad-item `brief-versturen` van dit lid en deze brief af. Kan ook na afsluiting (de afsluitbrief).',
      params: letterParams,
      body: letterSentRequest,
      status: 201,
      kind: 'brief',
      build: (input) => commands.letterSent({ ...input, brief: input.params.soort }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/terugmeldingen',
      summary: 'Leg een terugmelding aan Veilig Thuis vast',
      description:
        'Gaat als gebeurtenis `casus.terugmelding` (met de reden, zonder toelichting) naar de abonnementen op dat type, zoals dat van Veilig Thuis. ' +
        'Afsluiten om `hulp-geweigerd` of `verhuisd-buiten-regio` vraagt een terugmelding met die reden sinds de (her)opening.',
      body: reportBackRequest,
      status: 201,
      build: (input) => commands.reportedBack(input),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/heropening',
      summary: 'Heropen een afgesloten casus (telt als herhaling)',
      body: reasonRequest,
      status: 200,
      build: async (input) => commands.caseReopened({ ...input, beleid: await input.lookups.policy() }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/opschalingen',
      summary: 'Schaal de casus op naar het MDA++-expertoverleg (alleen de regisseur)',
      description: 'Een casus die al is opgeschaald of in het MDA++-traject zit, wordt niet nog eens opgeschaald (409).',
      body: manualEscalationRequest,
      status: 201,
      kind: 'regisseur',
      build: (input) => commands.escalatedByRegisseur(input),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/mda-aanmeldingen',
      summary: 'Meld de casus aan voor MDA++ (partners in het netwerk en de regisseur)',
      description:
        'Veilig Thuis, het Zorg- en Veiligheidshuis, de politie en het lokale team in het netwerk van de casus, en de regisseur, melden de casus aan met een reden: ' +
        'een opschaling met reden aanmelding-partner in de wachtrij van de MDA++-coördinator, met wie aanmeldde (organisatie en persoon); de regisseur krijgt een signaal (mda-aanmelding) in de werkvoorraad. ' +
        'Een casus die al is opgeschaald, aangemeld of in het MDA++-traject zit: 409 casus.al-opgeschaald (de coördinator heeft haar al; bespreek aanvullende zorgen met de regisseur). ' +
        'Wie aan de kant van de pleger staat, meldt niet aan: 403 casus.aanmelding-plegerzijde. Een afgesloten casus: 409 casus.afgesloten. ' +
        'De ETag voor If-Match staat op de casus of het partneroverzicht; het antwoord is het partneroverzicht.',
      body: referralRequest,
      status: 201,
      kind: 'partner',
      access: PARTNER_ROLES,
      answer: 'partner',
      build: (input) => commands.referredForMda({ ...input, persoon: input.actor.sub }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/afschaling',
      summary: 'Schaal af: de casus gaat uit het MDA++-traject terug naar het lokale team (MDA++-coördinator)',
      description: 'Alleen als de laatste veiligheidsscore de drempel weer haalt.',
      body: reasonRequest,
      status: 200,
      kind: 'coordinator',
      access: COORDINATOR_ROLES,
      build: async (input) => commands.deEscalated({ ...input, beleid: await input.lookups.policy() }),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/coordinatie-op-veiligheid',
      summary: 'Markeer de casus als coördinatie op veiligheid, of hef de markering op (alleen de regisseur)',
      description:
        'Waar het beleid de opschalingsregel beperkt tot casussen met coördinatie op veiligheid (reikwijdte coordinatie-op-veiligheid), geldt de regel voor een venster dat begint terwijl de casus gemarkeerd is. ' +
        'De wijziging telt vanaf het volgende veiligheidsvenster (na een incident, heropening, terugval of terugverwijzing), niet voor het lopende. Ongewijzigd: 409 `casus.markering-ongewijzigd`.',
      body: safetyCoordinationRequest,
      status: 200,
      kind: 'regie',
      build: (input) => commands.safetyCoordinationMarked(input),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/aanduiding',
      summary: 'Geef het huishouden een aanduiding voor lijsten, of zet de standaard terug (alleen de regisseur)',
      description:
        'De aanduiding staat in de casus en in de lijst van iedereen die de casus mag lezen (ook aan de kant van de pleger). Standaard "Huishouden <geslachtsnaam van het eerste lid>"; `aanduiding: null` zet die terug. ' +
        'Geweigerd: een afgeschermd adres of afgeschermde contactgegevens van een lid in de tekst (422 `casus.aanduiding-afgeschermd`), een regisseur aan de kant van de pleger (403 `casus.aanduiding-plegerzijde`), en een ongewijzigde aanduiding (409 `casus.aanduiding-ongewijzigd`).',
      body: designationRequest,
      status: 200,
      kind: 'regie',
      build: (input) => commands.designationChanged(input),
    });

    command({
      method: 'PUT',
      url: '/v1/casussen/:id/regisseur',
      summary: 'Stel voor de regie over te dragen aan een andere regisseur (alleen de regisseur, diens vervanger of beheer)',
      description:
        'Een overdracht wordt geaccepteerd, niet opgelegd: dit verzoek legt een voorstel vast (`regiewissel` in het antwoord). ' +
        'De voorgestelde regisseur accepteert (POST /v1/casussen/{id}/regiewissel/acceptatie) of wijst af (.../afwijzing); wie het voorstel deed, kan het intrekken (.../intrekking). ' +
        'Tot de acceptatie blijft de huidige regisseur regisseur. Is het voorstel na 2 werkdagen (zonder weekend en feestdagen) niet beantwoord, dan staat het in de werkvoorraad van beide regisseurs; na 5 werkdagen ook in die van beheer.\n\n' +
        'De voorgestelde moet in GET /v1/medewerkers staan als medewerker van een lokaal team van de gemeente van de casus (422 `medewerker.onbekend`) en niet vertrokken zijn (422 `medewerker.vertrokken`). ' +
        'Geweigerd (422) aan wie in het netwerk van deze casus aan de plegerzijde staat of stond (`casus.regisseur-plegerzijde`, ook nog bij de acceptatie), aan wie het voorstel doet (`casus.regisseur-zelf`), en aan de huidige regisseur (409 `casus.regisseur-ongewijzigd`). ' +
        'Er staat hoogstens één voorstel open (409 `regiewissel.al-voorgesteld`).',
      body: handoverRequest,
      status: 200,
      kind: 'handover',
      access: HANDOVER_ROLES,
      build: async (input) =>
        commands.handoverProposed({
          ...input,
          perpetratorSide: await input.lookups.everOnPerpetratorSide(input.body.regisseur.id),
          standing: await input.lookups.directoryStanding(input.body.regisseur.id),
        }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/regiewissel/acceptatie',
      summary: 'Accepteer de voorgestelde regie (alleen de voorgestelde regisseur)',
      description:
        'Vanaf nu bent u de regisseur; de vorige regisseur niet meer. Alleen wie is voorgesteld accepteert (403 `regiewissel.niet-aan-u`); zonder open voorstel 409 `regiewissel.geen-open-voorstel`. ' +
        'Staat u inmiddels aan de plegerzijde in het netwerk, dan 422 `casus.regisseur-plegerzijde`; bent u inmiddels als vertrokken gemarkeerd, dan 422 `medewerker.vertrokken`.',
      body: handoverDeclineRequest,
      status: 200,
      kind: 'proposal-answer',
      access: WRITE_ROLES,
      build: async (input) =>
        commands.handoverAnswered({
          ...input,
          answer: 'geaccepteerd',
          perpetratorSide: await input.lookups.everOnPerpetratorSide(input.actor.sub),
          standing: await input.lookups.directoryStanding(input.actor.sub),
        }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/regiewissel/afwijzing',
      summary: 'Wijs de voorgestelde regie af (alleen de voorgestelde regisseur); de huidige regisseur blijft',
      body: handoverDeclineRequest,
      status: 200,
      kind: 'proposal-answer',
      access: WRITE_ROLES,
      build: (input) => commands.handoverAnswered({ ...input, answer: 'afgewezen' }),
    });

    command({
      method: 'POST',
      url: '/v1/casussen/:id/regiewissel/intrekking',
      summary: 'Trek het voorstel voor een regiewissel in (alleen wie het deed)',
      body: handoverDeclineRequest,
      status: 200,
      kind: 'handover',
      access: HANDOVER_ROLES,
      build: (input) => commands.handoverAnswered({ ...input, answer: 'ingetrokken' }),
    });

    api.post('/v1/casussen/:id/verhuizing', {
      config: { access: HANDOVER_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Verhuizing: bied de casus aan de intake van de nieuwe gemeente aan (alleen de regisseur of beheer)',
        description:
          'Het huishouden verhuisde naar een andere gemeente van de regio. De casus komt met haar geschiedenis in de intake van die gemeente (GET /v1/intake); ' +
          'het intaketeam daar kan haar lezen (zonder afgeschermde gegevens) tot iemand haar oppakt (POST /v1/intake/{id}/toewijzing). ' +
          'Tot dan blijft u regisseur (warme overdracht); bij de toewijzing gaan gemeente en regie in één stap over: nooit geen of twee regisseurs. ' +
          'Een tweede aanbod terwijl het eerste wacht: 409 `verhuizing.loopt-al`; terwijl de casus als herhaling in een intake op een regisseur wacht: 409 `verhuizing.herhaling-wacht`; dezelfde gemeente: 422 `verhuizing.zelfde-gemeente`; ' +
          'een gemeente zonder intaketeam: 422 `verhuizing.geen-intaketeam` (niemand daar kan haar overnemen). ' +
          'Een wachtend aanbod vervalt als de casus wordt afgesloten; intrekken kan met DELETE.',
        params: caseParams,
        headers: ifMatchHeaders,
        body: moveRequest,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const done = await offerMove(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), request.body, auditInTransaction(request, deps.clock, 200));
      noteAccess(request, done.access, done.row);
      return sendCase(reply, 200, done);
    });

    api.delete('/v1/casussen/:id/verhuizing', {
      config: { access: HANDOVER_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Trek het wachtende verhuisaanbod in (alleen de regisseur of beheer)',
        description:
          'Bijvoorbeeld om een verkeerde gemeente te herstellen: het item verdwijnt uit de intake van die gemeente en het intaketeam daar kan de casus niet meer lezen; ' +
          'de casus blijft waar zij was, met u als regisseur. Daarna kunt u haar aan de juiste gemeente aanbieden. Geen wachtend aanbod: 409 `verhuizing.geen-aanbod`.',
        params: caseParams,
        headers: ifMatchHeaders,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const done = await withdrawMove(cases, callerOf(request), request.params.id, expectedVersion(request.headers['if-match']), auditInTransaction(request, deps.clock, 200));
      noteAccess(request, done.access, done.row);
      return sendCase(reply, 200, done);
    });

    api.post('/v1/casussen/:id/samenvoegingen/:berichtId/ongedaan-maken', {
      config: { access: WRITE_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Maak een onterechte samenvoeging ongedaan (alleen de regisseur, binnen 30 dagen)',
        description:
          'Een overdracht (bericht `berichtId`) werd aan deze casus toegevoegd, maar beschrijft een ander huishouden. De leden die het bericht meebracht gaan met het bericht naar een eigen casus, ' +
          'met de regisseur die de afzender koos en een veiligheidsvenster vanaf het bericht; de twee casussen worden gekoppeld (`gedeeld-lid`). ' +
          'Na 30 dagen: 409 `casus.samenvoeging-te-oud`; al ongedaan: 409 `samenvoeging.al-ongedaan`; geen samenvoeging met deze casus: 404 `samenvoeging.niet-gevonden`. ' +
          'Het antwoord is deze casus; de nieuwe staat in `gekoppeldeCasussen`.',
        params: splitParams,
        headers: ifMatchHeaders,
        response: { 200: caseResponse, ...WRITE_PROBLEMS },
      },
    }, async (request, reply) => {
      const done = await undoMerge(cases, callerOf(request), request.params.id, request.params.berichtId, expectedVersion(request.headers['if-match']), auditInTransaction(request, deps.clock, 200));
      noteAccess(request, done.access, done.row);
      return sendCase(reply, 200, done);
    });

    api.get('/v1/casussen/:id/tijdlijn', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Elke gebeurtenis van de casus, in volgorde, met wie en wanneer',
        description:
          'Oudste gebeurtenis eerst, per pagina van hoogstens 100 (`paginaGrootte`, standaard 100). Verder bladert u op sleutel: `na=<volgnummer>` gaat door na die gebeurtenis ' +
          '(de Link rel="next" zet het, zo lang er meer gebeurtenissen zijn); X-Total-Count is het aantal gebeurtenissen. `fasen` beschrijft steeds de hele geschiedenis. ' +
          'Met de signalen over de casus op hun tijd ertussen: `casus.aanmaakpoging` (iemand probeerde een tweede casus voor dit huishouden te openen; `door` zegt wie), zonder volgnummer, want een signaal verandert de casus niet. ' +
          'Zo ook de notities (`notitie.toegevoegd`, zonder volgnummer): soort, datum en tekst alleen voor wie de notitie mag lezen (GET /v1/casussen/{id}/notities); voor anderen alleen dat er een notitie is toegevoegd.',
        params: caseParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { na, paginaGrootte } = request.query;
      const { row, access, page, history, signals, notes } = await caseEvents(cases, callerOf(request), request.params.id, { after: na, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      const viewer = viewerOf(callerOf(request), row, access);
      // The members whose details this page shows, and those of the notes whose text it shows (not those whose data is withheld from the caller).
      request.audit.memberIds = [
        ...new Set([
          ...page.rows.flatMap((e) => (e.payload.type === 'lid.toegevoegd' ? [e.payload.lid.id] : e.payload.type === 'casus.geopend' ? e.payload.leden.map((l) => l.id) : [])),
          ...notes.flatMap(({ note, readable }) => (readable && !note.ingetrokken ? note.lidIds : [])),
        ]),
      ].filter((id) => !viewer.withheld?.has(id));
      // The log is numbered 1..version without gaps, so the case's version is the count.
      paginateKeyset(request, reply, { pageSize: paginaGrootte, page: undefined, nextAfter: page.more ? page.rows.at(-1)?.seq : undefined, total: row.version });
      const context = restoreCase(row.state).context;
      return timelineView(page.rows, history, context, viewer, signals, notes);
    });
  };
}
