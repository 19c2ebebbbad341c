/**
 * Break-the-glass (noodtoegang): a professional of the local team who is not
 * involved can read a case for 24 hours by giving a reason. Every read through
 * it is flagged in the access log; grants are listed for review by the
 * coordinator and the auditor, who record a verdict once (justified or not,
 * with a note); unjustified grants reach the beheerder of the case's
 * municipality through the same list. Every list and review is in the access
 * log of the cases it shows.
 */
import { randomUUID } from 'node:crypto';
import { findBreakGlass, findCase, insertBreakGlass, listBreakGlass, reviewBreakGlass, type BreakGlassFilter, type BreakGlassRow } from '@veilig-samen/db';
import { caseErrors, DomainError, type Role } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageNumber, pageSize, text } from '@veilig-samen/contracts';
import type { AppDeps } from '../app.js';
import { accessTo } from '../cases/access.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

export const BREAK_GLASS_HOURS = 24;

const VERDICTS = ['terecht', 'onterecht'] as const;
/** Who reviews grants (and sees all of them). */
const REVIEW_ROLES: readonly Role[] = ['mda-coordinator', 'auditor'];

const breakGlassErrors = {
  notFound: () => new DomainError({ status: 404, code: 'noodtoegang.niet-gevonden', title: 'Deze noodtoegang bestaat niet.' }),
  alreadyReviewed: (row: BreakGlassRow | undefined) =>
    new DomainError({
      status: 409,
      code: 'noodtoegang.al-beoordeeld',
      title: 'Deze noodtoegang is al beoordeeld.',
      detail: row?.reviewedAt
        ? `Oordeel ${row.reviewVerdict ?? ''} door ${row.reviewedBy ?? ''} op ${row.reviewedAt.toISOString()}; een oordeel wordt niet overschreven.`
        : 'Een oordeel wordt niet overschreven.',
    }),
  beheerderOnlyUnjustified: () =>
    new DomainError({
      status: 403,
      code: 'noodtoegang.beheerder-alleen-onterecht',
      title: 'Een beheerder ziet alleen noodtoegang die als onterecht is beoordeeld.',
      detail: 'Laat beoordeling weg of vraag beoordeling=onterecht; u ziet die van de casussen van uw gemeenten.',
    }),
};

const reviewResponse = z
  .object({
    oordeel: z.enum(VERDICTS),
    toelichting: z.string(),
    door: z.object({ id: z.string(), rol: z.string() }),
    op: z.string(),
  })
  .meta({ id: 'NoodtoegangBeoordeling', description: 'Het oordeel over de noodtoegang, eenmalig vastgelegd door de MDA++-coördinator of de auditor.' });

const grantResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    medewerker: z.object({ id: z.string(), organisatie: z.string(), rol: z.string() }),
    reden: z.string(),
    verleendOp: z.string(),
    geldigTot: z.string(),
    beoordeling: reviewResponse.nullable().meta({ description: 'null zolang de noodtoegang niet is beoordeeld.' }),
  })
  .meta({ id: 'Noodtoegang' });

const view = (row: BreakGlassRow) => ({
  id: row.id,
  casusId: row.caseId,
  medewerker: { id: row.actorSub, organisatie: row.actorOrganisation, rol: row.actorRole },
  reden: row.reason,
  verleendOp: row.grantedAt.toISOString(),
  geldigTot: row.expiresAt.toISOString(),
  beoordeling:
    row.reviewedAt && row.reviewVerdict
      ? {
          oordeel: row.reviewVerdict as (typeof VERDICTS)[number],
          toelichting: row.reviewNote ?? '',
          door: { id: row.reviewedBy ?? '', rol: row.reviewedByRole ?? '' },
          op: row.reviewedAt.toISOString(),
        }
      : null,
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
      config: { access: [...REVIEW_ROLES, 'beheerder'], audit: true },
      schema: {
        tags: ['noodtoegang'],
        summary: 'Verleende noodtoegang, nieuwste eerst, ter beoordeling',
        description:
          'MDA++-coördinator en auditor zien alle noodtoegang (filter beoordeling=open voor wat nog beoordeeld moet worden). ' +
          'Een beheerder ziet de noodtoegang die als onterecht is beoordeeld, op casussen van zijn gemeenten. Elke getoonde casus krijgt een regel in zijn toegangslog. ' +
          PAGING_DESCRIPTION,
        querystring: z.object({
          beoordeling: z.enum(['open', ...VERDICTS]).optional().meta({ description: 'open: nog niet beoordeeld; terecht of onterecht: het oordeel.' }),
          pagina: pageNumber(),
          paginaGrootte: pageSize(50),
        }),
        response: { 200: z.object({ noodtoegang: z.array(grantResponse) }), ...problems(400) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const { beoordeling, pagina, paginaGrootte } = request.query;
      let filter: BreakGlassFilter = beoordeling ? { review: beoordeling } : {};
      if (caller.role === 'beheerder') {
        if (beoordeling && beoordeling !== 'onterecht') throw breakGlassErrors.beheerderOnlyUnjustified();
        filter = { review: 'onterecht', municipalities: caller.municipalities };
      }
      const { rows, total } = await listBreakGlass(db, filter, { page: pagina, pageSize: paginaGrootte });
      request.audit.caseIds = rows.map((row) => row.caseId);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { noodtoegang: rows.map(view) };
    });

    api.post('/v1/noodtoegang/:id/beoordeling', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: ['noodtoegang'],
        summary: 'Beoordeel een noodtoegang: terecht of onterecht, met een toelichting (eenmalig)',
        description:
          'Door de MDA++-coördinator of de auditor. Het oordeel wordt één keer vastgelegd (wie, wanneer, waarom) en niet overschreven (409). ' +
          'Onterechte noodtoegang ziet de beheerder van de gemeente van de casus in GET /v1/noodtoegang.',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          oordeel: z.enum(VERDICTS),
          toelichting: text(2000).meta({ description: 'Waarom terecht of onterecht.' }),
        }),
        response: { 200: grantResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const caller = callerOf(request);
      const grant = await findBreakGlass(db, request.params.id);
      const row = grant ? await findCase(db, grant.caseId) : undefined;
      if (!grant || !row || row.region !== deps.config.region) throw breakGlassErrors.notFound();
      request.audit.caseId = grant.caseId;
      if (grant.reviewedAt) throw breakGlassErrors.alreadyReviewed(grant);
      const audit = auditInTransaction(request, deps.clock, 200);
      const reviewed = await db.transaction(async (tx) => {
        const updated = await reviewBreakGlass(tx, grant.id, {
          verdict: request.body.oordeel,
          note: request.body.toelichting,
          at: deps.clock.now(),
          by: caller.sub,
          byRole: caller.role,
        });
        // Reviewed by a concurrent request in the meantime.
        if (!updated) throw breakGlassErrors.alreadyReviewed(await findBreakGlass(tx, grant.id));
        await audit(tx, grant.caseId);
        return updated;
      });
      request.audit.logged = true;
      return view(reviewed);
    });
  };
}
