/**
 * Finding 12: nobody on the perpetrator's side learns who works on the
 * victim's side (packages/domain/src/case/sealing.ts `withoutIdentities`).
 * Routes note the caller's access to a case with `noteAccess`; this hook then
 * rewrites the answer before it is serialized, whatever the route put in it.
 */
import { withoutIdentities } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../cases/access.js';
import { callerOf } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** For a caller on the perpetrator's side: the only identities the answer may show (set by `noteAccess`). */
    shownIdentities?: ReadonlySet<string>;
  }
}

/**
 * Records how the caller reached the case: break-the-glass for the access
 * log; for a caller on the perpetrator's side, that the answer shows no one
 * but themselves and the regisseur.
 */
export function noteAccess(request: FastifyRequest, access: Access, regisseur?: { readonly regisseurId: string; readonly regisseurOrganisation: string }): void {
  request.audit.breakGlass = access.breakGlass;
  if (access.substituteFor !== undefined) request.audit.substituteFor = access.substituteFor;
  if (!access.perpetratorSide) return;
  const caller = callerOf(request);
  request.shownIdentities = new Set([caller.sub, caller.organisation, ...(caller.oin ? [caller.oin] : []), ...(regisseur ? [regisseur.regisseurId, regisseur.regisseurOrganisation] : [])]);
}

/** The answer as the caller may see it (for answers built outside serialization, such as HTML). */
export function shownTo<T>(request: FastifyRequest, value: T): T {
  return request.shownIdentities ? withoutIdentities(value, request.shownIdentities) : value;
}

export function registerVictimSide(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, _reply, payload) => shownTo(request, payload));
}
