/** /v1/rapportages: aggregates for the region's yearly review of escalations (seed 001). */
import { escalationReportQuery, escalationReportResponse } from '@veilig-samen/contracts';
import { DomainError } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.js';
import { caseDepsOf } from './deps.js';
import { escalationReport } from '../escalations/use-cases.js';
import { problems } from './responses.js';
import { callerOf } from '../plugins/auth.js';

export function rapportagesRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/rapportages/opschalingen', {
      config: { access: ['beleid', 'mda-coordinator', 'beheerder'] },
      schema: {
        tags: ['rapportages'],
        summary: 'Opschalingen in een periode: per reden, besluit en gemeente, en de mediane doorlooptijd tot besluit',
        querystring: escalationReportQuery,
        response: { 200: escalationReportResponse, ...problems(400, 403, 422) },
      },
    }, async (request) => {
      const { van, tot, gemeente } = request.query;
      if (tot.getTime() <= van.getTime()) {
        throw new DomainError({
          status: 422,
          code: 'rapportage.periode-ongeldig',
          title: 'tot moet na van liggen.',
          invalidParams: [{ name: 'tot', code: 'too_small', reason: 'moet na van liggen' }],
        });
      }
      // A municipality's beheerder sees its own figures; policy staff and the coordinator the region's.
      const caller = callerOf(request);
      if (caller.role === 'beheerder' && (gemeente === undefined || !caller.municipalities.includes(gemeente))) {
        throw new DomainError({
          status: 403,
          code: 'rapportage.gemeente-niet-toegestaan',
          title: 'Als beheerder ziet u alleen de cijfers van uw eigen gemeenten.',
          detail: 'Geef gemeente= op met een gemeente waarvoor u beheerder bent.',
        });
      }
      return escalationReport(caseDepsOf(deps), van, tot, gemeente);
    });
  };
}
