/**
 * Break-the-glass (noodtoegang): a professional of the local team who is not
 * involved can read a case for 24 hours by giving a reason. Every read through
 * it is flagged in the access log; grants are listed for review by the
 * coordinator and the auditor, who record a verdict once (justified or not,
 * with a note); unjustified grants reach the beheerder of the case's
 * municipality through the same list. Every list and review is in the access
 * log of the cases it shows. The rules are in break-glass/use-cases.ts.
 */
import {
  breakGlassListQuery,
  breakGlassListResponse,
  breakGlassParams,
  breakGlassRequest,
  breakGlassReviewRequest,
  grantResponse,
} from '@veilig-samen/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { BREAK_GLASS_HOURS, grantBreakGlass, listGrants, REVIEW_ROLES, reviewGrant, type WriteAudit } from '../break-glass/use-cases.js';
import { breakGlassView } from '../break-glass/views.js';
import { auditBreakGlass, auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

/** The request's access-log notes for a write (plugins/access-log.ts). */
function writeAudit(request: FastifyRequest, deps: AppDeps, status: number): WriteAudit {
  return {
    caseFound: (caseId) => {
      request.audit.caseId = caseId;
    },
    inTransaction: auditInTransaction(request, deps.clock, status),
  };
}

export function noodtoegangRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post('/v1/casussen/:id/noodtoegang', {
      config: { access: ['lokaal-team'], audit: true },
      schema: {
        tags: ['noodtoegang'],
        summary: `Noodtoegang: ${BREAK_GLASS_HOURS} uur inzage in een casus waarbij u niet betrokken bent, met een reden`,
        description: 'Alleen inzage, geen wijzigingen. Elke inzage wordt als noodtoegang gelogd en door de coördinator en de auditor beoordeeld.',
        params: breakGlassParams,
        body: breakGlassRequest,
        response: { 201: grantResponse, ...problems(400, 404, 409) },
      },
    }, async (request, reply) => {
      const grant = await grantBreakGlass(cases, callerOf(request), request.params.id, request.body.reden, {
        ...writeAudit(request, deps, 201),
        breakGlass: () => auditBreakGlass(request),
      });
      return reply.code(201).send(breakGlassView(grant));
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
        querystring: breakGlassListQuery,
        response: { 200: breakGlassListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { beoordeling, pagina, paginaGrootte } = request.query;
      const { rows, total } = await listGrants(cases, callerOf(request), beoordeling, { page: pagina, pageSize: paginaGrootte });
      request.audit.caseIds = rows.map((row) => row.caseId);
      paginate(request, reply, pagina, paginaGrootte, total);
      return { noodtoegang: rows.map(breakGlassView) };
    });

    api.post('/v1/noodtoegang/:id/beoordeling', {
      config: { access: REVIEW_ROLES, audit: true },
      schema: {
        tags: ['noodtoegang'],
        summary: 'Beoordeel een noodtoegang: terecht of onterecht, met een toelichting (eenmalig)',
        description:
          'Door de MDA++-coördinator of de auditor. Het oordeel wordt één keer vastgelegd (wie, wanneer, waarom) en niet overschreven (409). ' +
          'Onterechte noodtoegang ziet de beheerder van de gemeente van de casus in GET /v1/noodtoegang.',
        params: breakGlassParams,
        body: breakGlassReviewRequest,
        response: { 200: grantResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const reviewed = await reviewGrant(cases, callerOf(request), request.params.id, { verdict: request.body.oordeel, note: request.body.toelichting }, writeAudit(request, deps, 200));
      return breakGlassView(reviewed);
    });
  };
}
