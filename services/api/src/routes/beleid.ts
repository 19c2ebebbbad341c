/**
 * /v1/beleid: the region's escalation policy, versioned. Only the region's
 * functional administration (`regiobeheerder`) adopts a new version, always
 * with a reason; the adoption is in the access log, in the same transaction
 * as the version, and the history shows who, when and why.
 */
import { pageQuery, policyListResponse, policyRequest, policyVersionResponse } from '@veilig-samen/contracts';
import type { Role } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { adoptPolicy, policyHistory } from '../policy/use-cases.js';
import { policyVersionView } from '../policy/views.js';
import { caseDepsOf } from './deps.js';
import { callerOf } from '../plugins/auth.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

/**
 * The policy applies region-wide, so only a region-wide role may set it. Tokens
 * carry no region claim: a deployment serves one region and accepts only its own
 * identity provider's tokens (iss, aud), so the role alone decides.
 */
const ADOPT_ROLES: readonly Role[] = ['regiobeheerder'];
/** Who may read the history: the region's administration, municipalities' administrators, and the auditor (who changed what). */
const READ_ROLES: readonly Role[] = ['regiobeheerder', 'beheerder', 'auditor'];

export function beleidRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const region = deps.config.region;

    api.get('/v1/beleid', {
      config: { access: READ_ROLES },
      schema: {
        tags: ['beleid'],
        summary: 'De versies van het regionale opschalingsbeleid, met wie, wanneer en waarom',
        description: `Voor regiobeheerder, beheerder en auditor. Nieuwste versie eerst. ${PAGING_DESCRIPTION}`,
        querystring: pageQuery(50),
        response: { 200: policyListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte } = request.query;
      const { inForce, rows, total } = await policyHistory(cases, { page: pagina, pageSize: paginaGrootte });
      paginate(request, reply, pagina, paginaGrootte, total);
      return { regio: region, inWerking: inForce, versies: rows.map(policyVersionView) };
    });

    api.post('/v1/beleid', {
      // Audited: the adoption is logged with the version; a refused attempt (another role, a missing reason) is logged too.
      config: { access: ADOPT_ROLES, audit: true },
      schema: {
        tags: ['beleid'],
        summary: 'Stel een nieuwe versie van het beleid vast (alleen de regiobeheerder, met een reden; geldt voor nieuwe veiligheidsvensters)',
        description:
          'Alleen de rol regiobeheerder (functioneel beheer van de regio); een beheerder van een gemeente krijgt 403. De reden is verplicht. ' +
          'De vaststelling staat in het toegangslog en in de geschiedenis (GET /v1/beleid). Lopende vensters houden de versie waaronder ze begonnen.',
        body: policyRequest,
        response: { 201: policyVersionResponse, ...problems(400, 422) },
      },
    }, async (request, reply) => {
      const audit = auditInTransaction(request, deps.clock, 201);
      // No case: the row chains by the regiobeheerder, with the route as its action.
      const row = await adoptPolicy(cases, callerOf(request), request.body, (tx) => audit(tx, null));
      return reply.code(201).send(policyVersionView(row));
    });
  };
}
