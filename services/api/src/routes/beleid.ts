/** /v1/beleid: the region's escalation policy, versioned. */
import { policyListResponse, policyRequest, policyVersionResponse } from '@veilig-samen/contracts';
import { addPolicyVersion, listPolicyVersions, policyInForce, type PolicyVersionRow } from '@veilig-samen/db';
import { DomainError } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.js';
import { callerOf } from '../plugins/auth.js';
import { problems } from './responses.js';

const view = (row: PolicyVersionRow) => ({
  versie: row.version,
  drempel: row.safetyThreshold,
  vensterMaanden: row.escalationWindowMonths,
  stabiliteitMaanden: row.stabilityMonths,
  herinneringDagenVoorDeadline: row.reminderDaysBeforeDeadline,
  geldigVanaf: row.validFrom.toISOString(),
  vastgesteldOp: row.createdAt.toISOString(),
  vastgesteldDoor: row.createdBy,
});

export function beleidRoutes(deps: AppDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const region = deps.config.region;

    api.get('/v1/beleid', {
      config: { access: ['beheerder'] },
      schema: { tags: ['beleid'], summary: 'De versies van het regionale opschalingsbeleid', response: { 200: policyListResponse } },
    }, async () => {
      const current = await policyInForce(deps.database.db, region, deps.clock.now());
      return { regio: region, inWerking: current?.version ?? null, versies: (await listPolicyVersions(deps.database.db, region)).map(view) };
    });

    api.post('/v1/beleid', {
      config: { access: ['beheerder'] },
      schema: {
        tags: ['beleid'],
        summary: 'Stel een nieuwe versie van het beleid vast (geldt voor nieuwe veiligheidsvensters)',
        description: 'Lopende vensters houden de versie waaronder ze begonnen.',
        body: policyRequest,
        response: { 201: policyVersionResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const now = deps.clock.now();
      const validFrom = request.body.geldigVanaf ?? now;
      if (validFrom.getTime() < now.getTime() - 60_000) {
        throw new DomainError({
          status: 422,
          code: 'beleid.geldig-vanaf-in-verleden',
          title: 'Een beleidsversie kan niet met terugwerkende kracht gelden.',
          invalidParams: [{ name: 'geldigVanaf', code: 'too_small', reason: 'niet in het verleden' }],
        });
      }
      const row = await addPolicyVersion(
        deps.database.db,
        {
          region,
          safetyThreshold: request.body.drempel,
          escalationWindowMonths: request.body.vensterMaanden,
          stabilityMonths: request.body.stabiliteitMaanden,
          reminderDaysBeforeDeadline: request.body.herinneringDagenVoorDeadline,
        },
        validFrom,
        now,
        callerOf(request).sub,
      );
      return reply.code(201).send(view(row));
    });
  };
}
