/**
 * /v1/casussen/{id}/betrokkenen: the case's network. The regisseur (or a
 * beheerder) adds professionals and organisations with their role and the
 * legal ground for sharing; removal takes effect on the person's next request.
 */
import { randomUUID } from 'node:crypto';
import { findCase, insertInvolvement, listInvolvementPage, listInvolvements, removeInvolvement, type InvolvementRow } from '@veilig-samen/db';
import { caseErrors, DomainError } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { oin, pageQuery, text } from '@veilig-samen/contracts';
import type { AppDeps } from '../app.js';
import { assertMayRead, assertMayWrite, CASE_READ_ROLES, HANDOVER_ROLES } from '../cases/access.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';
import { noteAccess } from '../plugins/victim-side.js';

const side = z.enum(['slachtoffer', 'pleger', 'neutraal']).default('neutraal').meta({
  description: 'Aan wiens kant de betrokkene werkt; wie aan de kant van de pleger staat, ziet nooit afgeschermde gegevens.',
});
const grants = z
  .array(z.enum(['leden', 'verklarende-analyse']))
  .max(2)
  .default([])
  .meta({ description: 'Voor ketenpartners: wat zij naast hun eigen afspraken mogen zien (leden zonder afgeschermde gegevens, de verklarende analyse).' });
const involvementRequest = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200), rol: text(200), grondslag: text(500), zijde: side, inzage: grants }),
  z.object({
    soort: z.literal('organisatie'),
    organisatie: text(200),
    oin: oin.meta({ description: 'Het OIN van de organisatie: haar medewerkers worden alleen hierop herkend (het OIN in hun token), nooit op de naam. Een organisatie krijgt de ketenpartnerweergave, nooit de rechten van een lokaal team.' }),
    rol: text(200),
    grondslag: text(500),
    zijde: side,
    inzage: grants,
  }),
]);
const involvementResponse = z
  .object({
    id: z.string(),
    soort: z.enum(['professional', 'organisatie']),
    professional: z.string().nullable(),
    organisatie: z.string(),
    oin: z.string().nullable(),
    rol: z.string(),
    grondslag: z.string().meta({ description: 'De wettelijke grondslag voor het delen van gegevens met deze betrokkene.' }),
    zijde: z.enum(['slachtoffer', 'pleger', 'neutraal']),
    inzage: z.array(z.string()),
    toegevoegdOp: z.string(),
    toegevoegdDoor: z.string(),
  })
  .meta({ id: 'Betrokkene' });

const view = (row: InvolvementRow) => ({
  id: row.id,
  soort: row.kind,
  professional: row.kind === 'professional' ? row.subject : null,
  organisatie: row.organisation,
  oin: row.kind === 'organisatie' ? row.subject : null,
  rol: row.role,
  grondslag: row.legalGround,
  zijde: row.side,
  inzage: row.grants,
  toegevoegdOp: row.addedAt.toISOString(),
  toegevoegdDoor: row.addedBy,
});

export function betrokkenenRoutes(deps: AppDeps) {
  const db = deps.database.db;
  /** The regisseur (or a beheerder) manages the network. */
  async function managedCase(request: FastifyRequest, id: string) {
    const caller = callerOf(request);
    const row = await findCase(db, id);
    const access = await assertMayRead(db, caller, row, deps.clock.now());
    if (!row) throw caseErrors.notFound();
    assertMayWrite(caller, row, 'handover', access);
    request.audit.caseId = row.id;
    return row;
  }

  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: z.uuid() });

    api.get('/v1/casussen/:id/betrokkenen', {
      config: { access: CASE_READ_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Het netwerk van de casus: wie is betrokken, met welke rol en grondslag',
        description: `Oudste vermelding eerst. ${PAGING_DESCRIPTION}`,
        params,
        querystring: pageQuery(100),
        response: { 200: z.object({ betrokkenen: z.array(involvementResponse) }), ...problems(400, 404) },
      },
    }, async (request, reply) => {
      const row = await findCase(db, request.params.id);
      const access = await assertMayRead(db, callerOf(request), row, deps.clock.now());
      noteAccess(request, access, row);
      const { pagina, paginaGrootte } = request.query;
      // The perpetrator's side does not learn who works on the victim's side (finding 12): left out in the query, so the count does not tell either.
      const { rows, total } = await listInvolvementPage(db, request.params.id, { withoutVictimSide: access.perpetratorSide === true }, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { betrokkenen: rows.map(view) };
    });

    api.post('/v1/casussen/:id/betrokkenen', {
      config: { access: HANDOVER_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Voeg een professional of organisatie toe aan het netwerk (regisseur of beheer)',
        params,
        body: involvementRequest,
        response: { 201: involvementResponse, ...problems(400, 403, 404, 409) },
      },
    }, async (request, reply) => {
      const row = await managedCase(request, request.params.id);
      const body = request.body;
      const subject = body.soort === 'professional' ? body.id : body.oin;
      const alreadyInvolved = () => new DomainError({ status: 409, code: 'betrokkene.al-betrokken', title: 'Deze betrokkene staat al in het netwerk van de casus.' });
      const existing = await listInvolvements(db, row.id);
      if (existing.some((i) => i.kind === body.soort && i.subject === subject)) throw alreadyInvolved();
      const audit = auditInTransaction(request, deps.clock, 201);
      const inserted = await db.transaction(async (tx) => {
        const added = await insertInvolvement(tx, {
        id: randomUUID(),
        caseId: row.id,
        kind: body.soort,
        subject,
        organisation: body.organisatie,
        role: body.rol,
        legalGround: body.grondslag,
        side: body.zijde,
        grants: [...new Set(body.inzage)],
        addedAt: deps.clock.now(),
        addedBy: callerOf(request).sub,
        });
        await audit(tx, row.id);
        return added;
      }).catch((error: unknown) => {
        // Two requests at once: the unique index lets one through.
        if ((error as { cause?: { code?: string } }).cause?.code === '23505') throw alreadyInvolved();
        throw error;
      });
      request.audit.logged = true;
      return reply.code(201).send(view(inserted));
    });

    api.delete('/v1/casussen/:id/betrokkenen/:betrokkeneId', {
      config: { access: HANDOVER_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Haal een betrokkene uit het netwerk; de toegang vervalt bij het volgende verzoek',
        params: z.object({ id: z.uuid(), betrokkeneId: z.uuid() }),
        response: { 204: z.null(), ...problems(403, 404) },
      },
    }, async (request, reply) => {
      const row = await managedCase(request, request.params.id);
      const audit = auditInTransaction(request, deps.clock, 204);
      await db.transaction(async (tx) => {
        if (!(await removeInvolvement(tx, row.id, request.params.betrokkeneId, deps.clock.now(), callerOf(request).sub))) {
          throw new DomainError({ status: 404, code: 'betrokkene.niet-gevonden', title: 'Deze betrokkene staat niet in het netwerk van de casus.' });
        }
        await audit(tx, row.id);
      });
      request.audit.logged = true;
      return reply.code(204).send(null);
    });
  };
}
