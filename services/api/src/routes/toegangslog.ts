/** The access log, for the people who must be able to see who looked: the regisseur, the coordinator, the auditor. */
import { ACCESS_LOG_PAGING_DESCRIPTION, accessLogCaseParams, accessLogListResponse, accessLogQuery, caseAccessLogQuery } from '@veilig-samen/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { accessLog, caseAccessLog } from '../access-log/use-cases.js';
import { accessLogView } from '../access-log/views.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { paginateKeyset } from './pagination.js';
import { problems } from './responses.js';
import { noteAccess } from '../plugins/victim-side.js';

/** The Link headers of one page of the log. */
function linkPage(request: FastifyRequest, reply: FastifyReply, pageSize: number, { rows, more, total, page }: Awaited<ReturnType<typeof accessLog>>) {
  paginateKeyset(request, reply, { pageSize, page, nextAfter: more ? rows.at(-1)?.id : undefined, total });
  return { toegangen: rows.map(accessLogView) };
}

export function toegangslogRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/casussen/:id/toegangslog', {
      config: { access: ['lokaal-team', 'mda-coordinator', 'auditor'], audit: true },
      schema: {
        tags: ['toegangslog'],
        summary: 'Wie heeft deze casus ingezien of gewijzigd (regisseur, MDA++-coördinator, auditor)',
        description: ACCESS_LOG_PAGING_DESCRIPTION,
        params: accessLogCaseParams,
        querystring: caseAccessLogQuery,
        response: { 200: accessLogListResponse, ...problems(404) },
      },
    }, async (request, reply) => {
      const { row, access, ...page } = await caseAccessLog(cases, callerOf(request), request.params.id, request.query);
      if (access) noteAccess(request, access, row);
      return linkPage(request, reply, request.query.paginaGrootte, page);
    });

    api.get('/v1/toegangslog', {
      config: { access: ['auditor'] },
      schema: {
        tags: ['toegangslog'],
        summary: 'Het toegangslog, nieuwste eerst, te filteren op medewerker (auditor)',
        description: ACCESS_LOG_PAGING_DESCRIPTION,
        querystring: accessLogQuery,
        response: { 200: accessLogListResponse },
      },
    }, async (request, reply) => {
      const { medewerker, ...query } = request.query;
      return linkPage(request, reply, query.paginaGrootte, await accessLog(cases, medewerker, query));
    });
  };
}
