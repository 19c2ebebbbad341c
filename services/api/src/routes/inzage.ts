/**
 * A member's right of access (AVG art. 15), reviewed before release (issue
 * 17 point 10): the regisseur or the municipality's privacy officer prepares
 * an export (`inzageverzoeken`), withholds items about others with a reason,
 * releases it; only then is it downloaded, as JSON, the Dutch HTML
 * (Accept: text/html) or PDF (Accept: application/pdf). Every step is in the
 * case's access log, naming the member.
 */
import {
  inzageExportListResponse,
  inzageExportParams,
  inzageExportRequest,
  inzageExportResponse,
  inzageItemParams,
  inzageParams,
  inzageHtmlDocument,
  inzagePdfDocument,
  inzageResponse,
  withholdRequest,
  type Inzage,
} from '@veilig-samen/contracts';
import type { Role } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { inzageDocument } from '../documents/inzage.js';
import { renderPdf } from '../documents/pdf.js';
import {
  inzageExportView,
  latestReleasedDocument,
  listInzageExports,
  prepareInzageExport,
  readInzageExport,
  releasedExportDocument,
  releaseExport,
  restoreItem,
  withholdItem,
  type InzageAudit,
} from '../inzage/use-cases.js';
import { inzageHtml } from '../inzage/views.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { noteAccess, shownTo } from '../plugins/victim-side.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

const TAG = ['casussen'];
/** The regisseur (a case manager) and the municipality's privacy officer; the use-case says which of them may. */
const REVIEW_ROLES = ['lokaal-team', 'privacy'] as const satisfies readonly Role[];
const WHO =
  'Alleen de regisseur van de casus (of diens vervanger) en de privacyfunctionaris (rol `privacy`) van de gemeente: anders 403 `inzage.alleen-regisseur-of-privacy`; ' +
  'wie aan de kant van de pleger betrokken is nooit voor een lid dat geen pleger is (403 `inzage.plegerzijde`). Elke stap staat in de toegangslog van de casus, met het lid.';
const DOWNLOAD =
  'Als JSON, met Accept: text/html als leesbaar Nederlands document, met Accept: application/pdf als PDF. Weggelaten onderdelen staan er niet in; `weggelaten` noemt per onderdeel de sectie en de reden.';

const downloadResponse = { description: 'De vrijgegeven inzage', content: { 'application/json': { schema: inzageResponse }, 'text/html': { schema: inzageHtmlDocument }, 'application/pdf': { schema: inzagePdfDocument } } };

/** Sends the released document as the caller asked: JSON, the Dutch HTML or PDF. */
async function sendDocument(request: FastifyRequest, reply: FastifyReply, document: Inzage, at: Date) {
  const accept = request.headers.accept ?? '';
  const shown = shownTo(request, document);
  if (accept.includes('application/pdf')) {
    const pdf = await renderPdf(inzageDocument(shown), at);
    return reply.type('application/pdf').header('content-disposition', 'inline; filename="inzage.pdf"').send(pdf);
  }
  if (accept.includes('text/html')) return reply.type('text/html; charset=utf-8').serializer((value: unknown) => String(value)).send(inzageHtml(shown));
  return reply.send(shown);
}

export function inzageRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    /** The step's access-log row, in its transaction, naming the member. */
    const audit = (request: FastifyRequest, status: number): InzageAudit => async (tx, caseId, memberId) => {
      request.audit.memberIds = [memberId];
      await auditInTransaction(request, deps.clock, status)(tx, caseId);
    };

    api.get('/v1/casussen/:id/leden/:lidId/inzage', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Inzage (AVG art. 15): de laatst vrijgegeven inzage van één lid, als JSON, HTML of PDF',
        description:
          `De inzage die het laatst is vrijgegeven na beoordeling (POST .../inzageverzoeken, dan .../vrijgave). Zolang er geen is: 409 \`inzage.niet-vrijgegeven\`. ${DOWNLOAD} ${WHO}`,
        params: inzageParams,
        response: { 200: downloadResponse, ...problems(404, 409) },
      },
    }, async (request, reply) => {
      request.audit.memberIds = [request.params.lidId];
      const { read, document } = await latestReleasedDocument(cases, callerOf(request), request.params.id, request.params.lidId);
      noteAccess(request, read.access, read.row);
      return sendDocument(request, reply, document, deps.clock.now());
    });

    api.post('/v1/casussen/:id/leden/:lidId/inzageverzoeken', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Bereid de inzage van een lid voor (een concept om te beoordelen)',
        description:
          'Stelt het document nu op, voor het lid (afgeschermde gegevens van anderen verborgen; voor een lid aan de kant van de pleger niemand van de kant van het slachtoffer genoemd, ' +
          'en de tijdlijn zoals de kant van de pleger die leest: wat over informeren, veilig contact en toestemming van anderen is vastgelegd, alleen als "Gegevens van een lid vastgelegd."), en bewaart het ongewijzigd als concept. ' +
          `Elk onderdeel van een lijst heeft een vaste id, om het weg te laten. ${WHO}`,
        params: inzageParams,
        body: inzageExportRequest,
        response: { 201: inzageExportResponse, ...problems(404, 422) },
      },
    }, async (request, reply) => {
      request.audit.memberIds = [request.params.lidId];
      const { read, row } = await prepareInzageExport(cases, callerOf(request), request.params.id, request.params.lidId, request.body, audit(request, 201));
      noteAccess(request, read.access, read.row);
      return reply.code(201).send(inzageExportView(row));
    });

    api.get('/v1/casussen/:id/leden/:lidId/inzageverzoeken', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'De inzageverzoeken van een lid (concepten en vrijgegeven), nieuwste eerst',
        description: WHO,
        params: inzageParams,
        response: { 200: inzageExportListResponse, ...problems(404) },
      },
    }, async (request) => {
      request.audit.memberIds = [request.params.lidId];
      const { read, rows } = await listInzageExports(cases, callerOf(request), request.params.id, request.params.lidId);
      noteAccess(request, read.access, read.row);
      return { inzageverzoeken: rows.map((row) => { const { document: _document, ...rest } = inzageExportView(row); return rest; }) };
    });

    api.get('/v1/casussen/:id/inzageverzoeken/:verzoekId', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Een inzageverzoek om te beoordelen: het hele document, met wat is weggelaten',
        description: `Het document zoals opgesteld, met alle onderdelen: voor wie beoordeelt, niet om aan het lid te geven (daarvoor .../document na vrijgave). ${WHO}`,
        params: inzageExportParams,
        response: { 200: inzageExportResponse, ...problems(404) },
      },
    }, async (request) => {
      const { read, row } = await readInzageExport(cases, callerOf(request), request.params.id, request.params.verzoekId);
      request.audit.memberIds = [row.memberId];
      noteAccess(request, read.access, read.row);
      return inzageExportView(row);
    });

    api.put('/v1/casussen/:id/inzageverzoeken/:verzoekId/weglatingen/:onderdeelId', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Laat een onderdeel weg uit het concept, met een reden (AVG art. 15 lid 4)',
        description:
          'Het lid leest in de vrijgegeven inzage welk soort onderdeel is weggelaten en de reden, niet de inhoud. Opnieuw voor hetzelfde onderdeel vervangt de reden. ' +
          `Een onbekend onderdeel: 404 \`inzage.onderdeel-niet-gevonden\`; na vrijgave: 409 \`inzage.al-vrijgegeven\`. ${WHO}`,
        params: inzageItemParams,
        body: withholdRequest,
        response: { 200: inzageExportResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const { params } = request;
      const { read, row } = await withholdItem(cases, callerOf(request), params.id, params.verzoekId, params.onderdeelId, request.body.reden, audit(request, 200));
      noteAccess(request, read.access, read.row);
      return inzageExportView(row);
    });

    api.delete('/v1/casussen/:id/inzageverzoeken/:verzoekId/weglatingen/:onderdeelId', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Neem een weggelaten onderdeel weer op in het concept',
        description: `Een onderdeel dat niet is weggelaten: 404 \`inzage.onderdeel-niet-weggelaten\`; na vrijgave: 409 \`inzage.al-vrijgegeven\`. ${WHO}`,
        params: inzageItemParams,
        response: { 200: inzageExportResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const { params } = request;
      const { read, row } = await restoreItem(cases, callerOf(request), params.id, params.verzoekId, params.onderdeelId, audit(request, 200));
      noteAccess(request, read.access, read.row);
      return inzageExportView(row);
    });

    api.post('/v1/casussen/:id/inzageverzoeken/:verzoekId/vrijgave', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Geef de beoordeelde inzage vrij: vanaf nu te downloaden, en onveranderlijk',
        description:
          'Het document wordt bij de vrijgave opnieuw opgesteld voor het lid: staat een onderdeel van het concept er nu anders of niet meer in ' +
          '(een notitie ingetrokken of achtergehouden, het lid nu aan een andere kant, een lid afgeschermd, de regisseur gewisseld) of is het lid of de casus anders, ' +
          'dan 409 `inzage.concept-verouderd` en wordt er niets vrijgegeven: bereid een nieuwe inzage voor en beoordeel die. ' +
          `Wat na het opstellen is gebeurd, staat niet in het concept en houdt de vrijgave niet tegen. Al vrijgegeven: 409 \`inzage.al-vrijgegeven\`. ${WHO}`,
        params: inzageExportParams,
        response: { 200: inzageExportResponse, ...problems(404, 409) },
      },
    }, async (request) => {
      const { read, row } = await releaseExport(cases, callerOf(request), request.params.id, request.params.verzoekId, audit(request, 200));
      noteAccess(request, read.access, read.row);
      return inzageExportView(row);
    });

    api.get('/v1/casussen/:id/inzageverzoeken/:verzoekId/document', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Download een vrijgegeven inzage (JSON, HTML of PDF) om aan het lid te geven',
        description: `Een concept wordt niet gedownload: 409 \`inzage.niet-vrijgegeven\`. ${DOWNLOAD} ${WHO}`,
        params: inzageExportParams,
        response: { 200: downloadResponse, ...problems(404, 409) },
      },
    }, async (request, reply) => {
      const { read, row, document } = await releasedExportDocument(cases, callerOf(request), request.params.id, request.params.verzoekId);
      request.audit.memberIds = [row.memberId];
      noteAccess(request, read.access, read.row);
      return sendDocument(request, reply, document, deps.clock.now());
    });
  };
}
