/**
 * GET /v1/casussen/{id}/mijn-afspraken: what a network partner (police, youth
 * care, shelter...) needs and nothing more: the case's phase and the safety
 * plan agreements it owns, personally or as an organisation, and its own
 * perspective. Members (never their address or contact details; never those
 * who refused or withdrew consent to share with it) and the explanatory
 * analysis only when the regisseur granted them in the network entry
 * (network/partner-view.ts).
 */
import { involvementCaseParams, partnerOverviewResponse } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { readCase } from '../cases/use-cases.js';
import { callerOf } from '../plugins/auth.js';
import { etag } from '../cases/if-match.js';
import { partnerOverview } from '../network/partner-view.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';
import { noteAccess } from '../plugins/victim-side.js';

export function ketenpartnerRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/mijn-afspraken', {
      config: { access: ['ketenpartner', 'integratie', 'lokaal-team'], audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'De fase en de afspraken uit het veiligheidsplan die bij u (of uw organisatie) horen',
        params: involvementCaseParams,
        response: { 200: partnerOverviewResponse, ...problems(404) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const { row, access } = await readCase(cases, caller, request.params.id, 'partner');
      noteAccess(request, access, row);
      const view = await partnerOverview(cases.db, caller, row, access, deps.clock.now());
      // The case's ETag: a partner marks its agreement, gives its perspective or proposes an analysis with it in If-Match.
      void reply.header('etag', etag(row.version));
      // The log names whose data was shown.
      if (view.leden) request.audit.memberIds = view.leden.map((l) => l.id);
      return view;
    });
  };
}
