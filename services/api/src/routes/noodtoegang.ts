/**
 * Break-the-glass (noodtoegang): a professional of the local team who is not
 * involved can read a case for 24 hours by giving a reason. Every read through
 * it is flagged in the access log; grants are listed for review by the
 * coordinator and the auditor.
 */
import { randomUUID } from 'node:crypto';
import { findCase, insertBreakGlass, listBreakGlass, type BreakGlassRow } from '@veilig-samen/db';
import { caseErrors, DomainError } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '@veilig-samen/contracts';
import type { AppDeps } from '../app.js';
import { accessTo } from '../cases/access.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { boundedPage } from './pagination.js';
import { problems } from './responses.js';

export const BREAK_GLASS_HOURS = 24;

const grantResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    medewerker: z.object({ id: z.string(), organisatie: z.string(), rol: z.string() }),
    reden: z.string(),
    verleendOp: z.string(),
    geldigTot: z.string(),
  })
  .meta({ id: 'Noodtoegang' });

const view = (row: BreakGlassRow) => ({
  id: row.id,
  casusId: row.caseId,
  medewerker: { id: row.actorSub, organisatie: row.actorOrganisation, rol: row.actorRole },
  reden: row.reason,
  verleendOp: row.grantedAt.toISOString(),
  geldigTot: row.expiresAt.toISOString(),
});

export function noodtoegangRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post('/v1/casussen/:id/noodtoegang', {
      config: { access: ['lokaal-team'], audit: true },
      schema: {
        tags: ['noodtoegang'],
        summary: `Noodtoegang: ${BREAK_GLASS_HOURS} uur inzage in een casus waarbij u niet betrokken bent, met een reden`,
        description: 'Alleen inzage, geen wijzigingen. Elke inzage wordt als noodtoegang gelogd en door de coördinator en de auditor beoordeeld.',
        params: z.object({ id: z.uuid() }),
        body: z.object({ reden: text(2000).refine((value) => value.length >= 10, 'geef een reden van minstens 10 tekens').meta({ description: 'Waarom inzage nu nodig is (minstens 10 tekens).' }) }),
        response: { 201: grantResponse, ...problems(400, 404, 409) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const now = deps.clock.now();
      const row = await findCase(db, request.params.id);
      // Only cases of this deployment's region, in a municipality the professional works for.
      if (!row || row.region !== deps.config.region || !caller.municipalities.includes(row.municipality)) throw caseErrors.notFound();
      request.audit.caseId = row.id;
      const access = await accessTo(db, caller, row, now);
      if (access?.involved) {
        throw new DomainError({ status: 409, code: 'noodtoegang.al-betrokken', title: 'U bent al betrokken bij deze casus; noodtoegang is niet nodig.' });
      }
      request.audit.breakGlass = true;
      const audit = auditInTransaction(request, deps.clock, 201);
      const grant = await db.transaction(async (tx) => {
        const inserted = await insertBreakGlass(tx, {
        id: randomUUID(),
        caseId: row.id,
        actorSub: caller.sub,
        actorOrganisation: caller.organisation,
        actorRole: caller.role,
        reason: request.body.reden,
        grantedAt: now,
        expiresAt: new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000),
        });
        await audit(tx, row.id);
        return inserted;
      });
      request.audit.logged = true;
      return reply.code(201).send(view(grant));
    });

    api.get('/v1/noodtoegang', {
      config: { access: ['mda-coordinator', 'auditor'] },
      schema: {
        tags: ['noodtoegang'],
        summary: 'Verleende noodtoegang, nieuwste eerst, ter beoordeling',
        querystring: z.object({ pagina: boundedPage(), paginaGrootte: z.coerce.number().int().min(1).max(100).default(50) }),
        response: { 200: z.object({ noodtoegang: z.array(grantResponse) }) },
      },
    }, async (request) => ({
      noodtoegang: (await listBreakGlass(db, { page: request.query.pagina, pageSize: request.query.paginaGrootte })).map(view),
    }));
  };
}
