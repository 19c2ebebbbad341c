import { whoAmIResponse } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { callerOf } from '../plugins/auth.js';

/** Who the token says the caller is: lets a client check its token and claims. */
export async function ikRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/v1/ik', {
    config: { access: 'any-role' },
    schema: { tags: ['ik'], summary: 'Wie ben ik volgens mijn token?', response: { 200: whoAmIResponse } },
  }, async (request) => {
    const caller = callerOf(request);
    return {
      sub: caller.sub,
      rol: caller.role,
      organisatie: caller.organisation,
      gemeenten: [...caller.municipalities],
      oin: caller.oin ?? null,
      teams: [...(caller.teams ?? [])],
      intakeGemeenten: [...(caller.intakeMunicipalities ?? [])],
    };
  });
}
