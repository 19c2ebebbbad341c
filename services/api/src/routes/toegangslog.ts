/** The access log, for the people who must be able to see who looked: the regisseur, the coordinator, the auditor. */
import { countAccessLog, findCase, listAccessLog, type AccessLogFilter, type AccessLogRow } from '@veilig-samen/db';
import { caseErrors } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PAGE, pageNumber, pageSize, text } from '@veilig-samen/contracts';
import type { AppDeps } from '../app.js';
import { callerOf } from '../plugins/auth.js';
import { paginateKeyset } from './pagination.js';
import { problems } from './responses.js';
import { assertMayRead } from '../cases/access.js';
import { noteAccess } from '../plugins/victim-side.js';

const entry = z
  .object({
    volgnummer: z.number().int(),
    op: z.string(),
    medewerker: z.object({ id: z.string(), organisatie: z.string(), rol: z.string() }),
    namens: z.string().nullable(),
    casusId: z.string().nullable(),
    leden: z.array(z.string()),
    actie: z.string(),
    resultaat: z.enum(['toegestaan', 'geweigerd']),
    status: z.number().int(),
    doel: z.string(),
    noodtoegang: z.boolean(),
    requestId: z.string(),
  })
  .meta({ id: 'Toegangslogregel' });
const listResponse = z.object({ toegangen: z.array(entry) });
/** The largest volgnummer PostgreSQL's integer column holds; a larger `na` would be a database error. */
const MAX_ID = 2_147_483_647;

const paging = {
  // Numbers for the first pages only (no deep OFFSET); further back by `na`, which the next link carries from the first page on.
  pagina: pageNumber(`Paginanummer, hoogstens ${MAX_PAGE}. Verder terug bladert u met \`na\` (de Link rel="next").`),
  paginaGrootte: pageSize(50),
  na: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_ID)
    .optional()
    .meta({
      description:
        'Volgnummer van de laatste regel die u al hebt: het antwoord begint bij de regel daarna (ouder). Zo bladert u door het hele log; ' +
        'de Link rel="next" zet het. Niet samen met een pagina boven 1; zonder X-Total-Count.',
    }),
};

/** `na` continues from a row; a page number on top of it would mean two starting points. */
const onePagingStart = (query: { pagina: number; na?: number | undefined }) => query.na === undefined || query.pagina === 1;
const onePagingStartIssue = { message: 'na en pagina gaan niet samen: laat pagina weg als u na gebruikt', path: ['na'] };

const PAGING_DESCRIPTION =
  'Nieuwste eerst (op volgnummer). Link-header: first, prev (bij pagina) en next (met `na`, zo lang er oudere regels zijn); ' +
  'X-Total-Count bij bladeren op pagina.';

const view = (row: AccessLogRow) => ({
  volgnummer: row.id,
  op: row.at.toISOString(),
  medewerker: { id: row.actorSub, organisatie: row.actorOrganisation, rol: row.actorRole },
  namens: row.onBehalfOf,
  casusId: row.caseId,
  leden: row.memberIds,
  actie: row.action,
  resultaat: row.result,
  status: row.status,
  doel: row.purpose,
  noodtoegang: row.breakGlass,
  requestId: row.requestId,
});

/** The rows of one page of the log for the filter; sets its Link headers. */
async function listPage(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  filter: AccessLogFilter,
  query: { pagina: number; paginaGrootte: number; na?: number | undefined },
) {
  const { pagina, paginaGrootte, na } = query;
  const byNumber = na === undefined;
  const [{ rows, more }, total] = await Promise.all([
    listAccessLog(deps.database.db, filter, byNumber ? { page: pagina, pageSize: paginaGrootte } : { beforeId: na, pageSize: paginaGrootte }),
    byNumber ? countAccessLog(deps.database.db, filter) : undefined,
  ]);
  paginateKeyset(request, reply, { pageSize: paginaGrootte, page: byNumber ? pagina : undefined, nextAfter: more ? rows.at(-1)?.id : undefined, total });
  return rows;
}

export function toegangslogRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/casussen/:id/toegangslog', {
      config: { access: ['lokaal-team', 'mda-coordinator', 'auditor'], audit: true },
      schema: {
        tags: ['toegangslog'],
        summary: 'Wie heeft deze casus ingezien of gewijzigd (regisseur, MDA++-coördinator, auditor)',
        description: PAGING_DESCRIPTION,
        params: z.object({ id: z.uuid() }),
        querystring: z.object(paging).refine(onePagingStart, onePagingStartIssue),
        response: { 200: listResponse, ...problems(404) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const row = await findCase(deps.database.db, request.params.id);
      const allowed =
        row !== undefined &&
        row.region === deps.config.region &&
        (caller.role === 'auditor' || (caller.role === 'mda-coordinator' && row.escalated) || (caller.role === 'lokaal-team' && row.regisseurId === caller.sub));
      if (!allowed) throw caseErrors.notFound();
      // A regisseur on the perpetrator's side learns nothing of the victim's side here either (finding 12).
      if (caller.role === 'lokaal-team') noteAccess(request, await assertMayRead(deps.database.db, caller, row, deps.clock.now()), row);
      const rows = await listPage(deps, request, reply, { caseId: request.params.id }, request.query);
      return { toegangen: rows.map(view) };
    });

    api.get('/v1/toegangslog', {
      config: { access: ['auditor'] },
      schema: {
        tags: ['toegangslog'],
        summary: 'Het toegangslog, nieuwste eerst, te filteren op medewerker (auditor)',
        description: PAGING_DESCRIPTION,
        querystring: z.object({ medewerker: text(200).optional(), ...paging }).refine(onePagingStart, onePagingStartIssue),
        response: { 200: listResponse },
      },
    }, async (request, reply) => {
      const { medewerker, ...query } = request.query;
      return { toegangen: (await listPage(deps, request, reply, medewerker ? { actorSub: medewerker } : {}, query)).map(view) };
    });
  };
}
