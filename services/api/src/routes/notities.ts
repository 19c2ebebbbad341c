/**
 * /v1/casussen/{id}/notities: notes on a case (issue 17 point 4). Thin
 * handlers: the rules are the domain's (packages/domain/src/case/notes.ts),
 * the use-cases in notes/use-cases.ts. No If-Match: a note changes nothing of
 * the case itself (docs/architecture.md, "Notes beside the case").
 */
import { noteCaseParams, noteListQuery, noteListResponse, noteParams, noteRequest, noteResponse, noteWithdrawalRequest, noteWithholdingRequest } from '@veilig-samen/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { markNote, NOTE_READ_ROLES, NOTE_WRITE_ROLES, readNote, readNotes, writeNote, type NoteAudit } from '../notes/use-cases.js';
import { noteView } from '../notes/views.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { noteAccess } from '../plugins/victim-side.js';
import { caseDepsOf } from './deps.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['casussen'];

const WHO_READS =
  'Wie leest: de regisseur (en diens vervanger) alles; wie de notitie schreef of erin wordt genoemd (`zichtbaarVoor`) die notitie; ' +
  'wie in het netwerk inzage `notities` heeft de notities met zichtbaarheid `netwerk`, net als de MDA++-coördinator zolang de casus is opgeschaald; ' +
  'wie aan de kant van de pleger betrokken is alleen notities die daarvoor zijn gemarkeerd (`voorPlegerzijde`); noodtoegang alles (gemarkeerd in de toegangslog); ' +
  'beheer geen. Een ingetrokken notitie ziet alleen de auditor (die hier alleen ingetrokken notities ziet). ' +
  'Een notitie over een lid dat toestemming om gegevens met u te delen weigerde of introk (zonder andere grondslag) leest u niet, ook niet als u haar schreef of erin wordt genoemd, ' +
  'en ook niet als zij daarnaast over andere leden gaat; de tijdlijn zegt dan alleen dat er een notitie is toegevoegd.';

/** The write's access-log rows in its transaction, naming the members the note is about. */
const noteAudit = (request: FastifyRequest, deps: AppDeps, status: number): NoteAudit => {
  const hook = auditInTransaction(request, deps.clock, status);
  return (tx, caseId, memberIds) => {
    request.audit.memberIds = [...memberIds];
    return hook(tx, caseId);
  };
};

export function notitiesRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/casussen/:id/notities', {
      config: { access: NOTE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'De notities bij de casus die u mag lezen (huisbezoek, gesprek, telefonisch, overleg, overig)',
        description: `Laatste contact eerst; filter op \`soort\` en op de datum van het contact (\`van\`, \`tot\`, beide inclusief). ${WHO_READS} ${PAGING_DESCRIPTION}`,
        params: noteCaseParams,
        querystring: noteListQuery,
        response: { 200: noteListResponse, ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, ...query } = request.query;
      const { row, access, reader, notes, corrections, total } = await readNotes(cases, callerOf(request), request.params.id, query, { page: pagina, pageSize: paginaGrootte });
      noteAccess(request, access, row);
      // The log names the members whose notes were shown.
      request.audit.memberIds = [...new Set(notes.flatMap((note) => note.lidIds))];
      paginate(request, reply, pagina, paginaGrootte, total);
      return { notities: notes.map((note) => noteView(note, reader, corrections.get(note.id))) };
    });

    api.get('/v1/casussen/:id/notities/:notitieId', {
      config: { access: NOTE_READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Eén notitie, als u haar mag lezen',
        description: `Een notitie die u niet mag lezen, geeft 404 \`notitie.niet-gevonden\`, net als een die niet bestaat. ${WHO_READS}`,
        params: noteParams,
        response: { 200: noteResponse, ...problems(404) },
      },
    }, async (request) => {
      const { row, access, reader, note, correctedBy } = await readNote(cases, callerOf(request), request.params.id, request.params.notitieId);
      noteAccess(request, access, row);
      request.audit.memberIds = [...note.lidIds];
      return noteView(note, reader, correctedBy);
    });

    api.post('/v1/casussen/:id/notities', {
      config: { access: NOTE_WRITE_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Leg een notitie vast, bijvoorbeeld van een huisbezoek (de regisseur, of wie in het netwerk inzage notities heeft)',
        description:
          'Zonder If-Match: een notitie verandert de casus zelf niet (geen nieuwe versie), dus een collega die intussen de casus wijzigt, houdt u niet tegen. ' +
          'Notities worden nooit gewijzigd of verwijderd: een correctie is een nieuwe notitie met `corrigeert`; een notitie bij de verkeerde casus trekt u in (POST …/intrekking). ' +
          'Anderen dan de regisseur zonder inzage `notities` in het netwerk: 403 `notitie.schrijven-niet-toegestaan`; noodtoegang schrijft niet. ' +
          'Een lid dat niet bij de casus hoort: 422 `notitie.lid-onbekend`; een datum na vandaag: 422 `notitie.datum-in-toekomst`; ' +
          'een notitie om te corrigeren die u niet mag lezen of die niet bestaat: 404 `notitie.niet-gevonden`. ' +
          'In de tijdlijn staat "notitie toegevoegd", met de tekst alleen voor wie de notitie mag lezen. ' +
          WHO_READS,
        params: noteCaseParams,
        body: noteRequest,
        response: { 201: noteResponse, ...problems(400, 403, 404, 422) },
      },
    }, async (request, reply) => {
      const { row, access, reader, note } = await writeNote(cases, callerOf(request), request.params.id, request.body, noteAudit(request, deps, 201));
      noteAccess(request, access, row);
      return reply.code(201).header('location', `/v1/casussen/${row.id}/notities/${note.id}`).send(noteView(note, reader));
    });

    api.post('/v1/casussen/:id/notities/:notitieId/intrekking', {
      config: { access: NOTE_WRITE_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Trek een notitie in die bij de verkeerde casus is vastgelegd (de schrijver of de regisseur)',
        description:
          'De notitie blijft bewaard (alleen toevoegen, nooit verwijderen), met de reden, maar is daarna voor niemand meer zichtbaar behalve de auditor; ' +
          'in de tijdlijn staat "notitie toegevoegd (later ingetrokken)"; een concept-inzage waarin zij staat, wordt niet meer vrijgegeven (409 `inzage.concept-verouderd`). ' +
          'Anderen dan de schrijver of de regisseur: 403 `notitie.alleen-auteur-of-regisseur`; ' +
          'een notitie die u niet mag lezen of die al is ingetrokken: 404 `notitie.niet-gevonden`.',
        params: noteParams,
        body: noteWithdrawalRequest,
        response: { 204: z.null(), ...problems(400, 403, 404, 409) },
      },
    }, async (request, reply) => {
      const { row, access } = await markNote(cases, callerOf(request), request.params.id, request.params.notitieId, 'intrekking', request.body.reden, noteAudit(request, deps, 204));
      noteAccess(request, access, row);
      return reply.code(204).send(null);
    });

    api.post('/v1/casussen/:id/notities/:notitieId/achterhouding', {
      config: { access: NOTE_WRITE_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Houd een notitie om veiligheidsredenen achter bij de inzage van de leden (de schrijver of de regisseur)',
        description:
          'De inzage van een lid over wie de notitie gaat, noemt dan alleen dat er een notitie is achtergehouden, met de reden, zonder de tekst; ' +
          'een concept-inzage die haar tekst nog bevat, wordt niet meer vrijgegeven (409 `inzage.concept-verouderd`). ' +
          'Eenmalig: al achtergehouden geeft 409 `notitie.al-achtergehouden`. Anderen dan de schrijver of de regisseur: 403 `notitie.alleen-auteur-of-regisseur`.',
        params: noteParams,
        body: noteWithholdingRequest,
        response: { 200: noteResponse, ...problems(400, 403, 404, 409) },
      },
    }, async (request) => {
      const { row, access, reader, note } = await markNote(cases, callerOf(request), request.params.id, request.params.notitieId, 'achterhouding', request.body.reden, noteAudit(request, deps, 200));
      noteAccess(request, access, row);
      return noteView(note, reader);
    });
  };
}
