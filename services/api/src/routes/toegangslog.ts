/** The access log, for the people who must be able to see who looked: the regisseur, the coordinator, the auditor. */
import { findCase, listAccessLog, type AccessLogRow } from '@veilig-samen/db';
import { caseErrors } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '@veilig-samen/contracts';
import type { AppDeps } from '../app.js';
import { callerOf } from '../plugins/auth.js';
import { paginate } from './pagination.js';
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
const paging = { pagina: z.coerce.number().int().min(1).default(1), paginaGrootte: z.coerce.number().int().min(1).max(100).default(50) };

const view = (row: AccessLogRow) => ({
  volgnummer: row.id,
  op: row.at.toISOString(),
  medewerker: { id: row.actorSub, organisatie: row.actorOrganisation, rol: row.actorRole },
  namens: row.onBehalfOf,
  casusId: row.caseId,
  leden: row.memberIds,
  actie: row.action,
  resultaat: row.result as 'toegestaan' | 'geweigerd',
  status: row.status,
  doel: row.purpose,
  noodtoegang: row.breakGlass,
  requestId: row.requestId,
});

export function toegangslogRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/casussen/:id/toegangslog', {
      config: { access: ['lokaal-team', 'mda-coordinator', 'auditor'], audit: true },
      schema: {
        tags: ['toegangslog'],
        summary: 'Wie heeft deze casus ingezien of gewijzigd (regisseur, MDA++-coördinator, auditor)',
        params: z.object({ id: z.uuid() }),
        querystring: z.object(paging),
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
      const { pagina, paginaGrootte } = request.query;
      const { rows, total } = await listAccessLog(deps.database.db, { caseId: request.params.id }, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { toegangen: rows.map(view) };
    });

    api.get('/v1/toegangslog', {
      config: { access: ['auditor'] },
      schema: {
        tags: ['toegangslog'],
        summary: 'Het toegangslog, nieuwste eerst, te filteren op medewerker (auditor)',
        querystring: z.object({ medewerker: text(200).optional(), ...paging }),
        response: { 200: listResponse },
      },
    }, async (request, reply) => {
      const { medewerker, pagina, paginaGrootte } = request.query;
      const { rows, total } = await listAccessLog(deps.database.db, medewerker ? { actorSub: medewerker } : {}, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { toegangen: rows.map(view) };
    });
  };
}
