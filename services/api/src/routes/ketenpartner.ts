/**
 * GET /v1/casussen/{id}/mijn-afspraken: what a network partner (police, youth
 * care, shelter...) needs and nothing more: the case's phase and the safety
 * plan agreements it owns, personally or as an organisation. No members'
 * details, no explanatory analysis.
 */
import { agreementResponse } from '@veilig-samen/contracts';
import { currentPlan, localDate, restoreCase, PHASES } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { readCase } from '../cases/use-cases.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

const partnerView = z
  .object({
    casusId: z.string(),
    gemeente: z.string(),
    fase: z.enum(PHASES),
    veiligheidsplanVersie: z.number().int().nullable(),
    afspraken: z.array(agreementResponse),
  })
  .meta({ id: 'KetenpartnerOverzicht' });

export function ketenpartnerRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/mijn-afspraken', {
      config: { access: ['ketenpartner', 'integratie', 'lokaal-team'], audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'De fase en de afspraken uit het veiligheidsplan die bij u (of uw organisatie) horen',
        params: z.object({ id: z.uuid() }),
        response: { 200: partnerView, ...problems(404) },
      },
    }, async (request) => {
      const caller = callerOf(request);
      const { row, access } = await readCase(cases, caller, request.params.id);
      request.audit.breakGlass = access.breakGlass;
      const snapshot = restoreCase(row.state);
      const plan = currentPlan(snapshot.context);
      const today = localDate(deps.clock.now());
      const mine = (plan?.afspraken ?? []).filter(
        (a) =>
          (a.eigenaar.soort === 'professional' && a.eigenaar.id === caller.sub) ||
          (a.eigenaar.soort === 'organisatie' && a.eigenaar.naam === caller.organisation) ||
          (a.eigenaar.soort === 'professional' && a.eigenaar.organisatie === caller.organisation),
      );
      return {
        casusId: row.id,
        gemeente: row.municipality,
        fase: row.phase as (typeof PHASES)[number],
        veiligheidsplanVersie: plan?.versie ?? null,
        afspraken: mine.map((a) => ({ ...a, teLaat: a.status === 'open' && a.deadline < today })),
      };
    });
  };
}
