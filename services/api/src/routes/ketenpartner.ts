/**
 * GET /v1/casussen/{id}/mijn-afspraken: what a network partner (police, youth
 * care, shelter...) needs and nothing more: the case's phase and the safety
 * plan agreements it owns, personally or as an organisation. Members (never
 * their address or contact details) and the explanatory analysis only when the
 * regisseur granted them in the network entry.
 */
import { involvementCaseParams, partnerOverviewResponse } from '@veilig-samen/contracts';
import { currentPlan, localDate, restoreCase } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { readCase } from '../cases/use-cases.js';
import { grantsOf, ownsAgreement } from '../cases/access.js';
import { callerOf } from '../plugins/auth.js';
import { etag } from '../cases/if-match.js';
import { agreementView } from '../cases/views.js';
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
      const snapshot = restoreCase(row.state);
      const plan = currentPlan(snapshot.context);
      const today = localDate(deps.clock.now());
      const mine = (plan?.afspraken ?? []).filter((a) => ownsAgreement(a, caller));
      // Grants come from the partner's entries in the network (lokaal-team sees what it sees anyway elsewhere).
      const granted = await grantsOf(cases.db, caller, row.id);
      // The case's ETag: a partner granted the analysis proposes a new version with it in If-Match.
      void reply.header('etag', etag(row.version));
      if (granted.has('leden')) request.audit.memberIds = snapshot.context.leden.map((l) => l.id);
      return {
        leden: granted.has('leden')
          ? snapshot.context.leden.map((l) => ({ id: l.id, naam: l.naam, relatie: l.relatie, betrokkenheid: [...l.betrokkenheid] }))
          : null,
        verklarendeAnalyse:
          granted.has('verklarende-analyse') && snapshot.context.analyse
            ? { toelichting: snapshot.context.analyse.toelichting, problemen: [...snapshot.context.analyse.problemen] }
            : null,
        casusId: row.id,
        gemeente: row.municipality,
        fase: row.phase,
        veiligheidsplanVersie: plan?.versie ?? null,
        afspraken: mine.map((a) => agreementView(a, today)),
      };
    });
  };
}
