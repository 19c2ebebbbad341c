/**
 * Finding 12: no answer to a caller on the perpetrator's side carries a name
 * of the victim's side (packages/domain/src/case/sealing.ts `withoutNames`).
 * Routes note the caller's access to a case with `noteAccess`; this hook then
 * rewrites the answer before it is serialized, whatever the route put in it.
 */
import { restoreCase, withoutNames, type CaseContext, type StoredSnapshot } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Access } from '../cases/access.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Names the answer may not carry (set by `noteAccess`). */
    hiddenNames?: ReadonlySet<string>;
  }
}

/**
 * Records how the caller reached the case: break-the-glass for the access
 * log, the victim side's names to hide (with the organisations the
 * professionals among them own agreements for, when `state` is given).
 */
export function noteAccess(request: FastifyRequest, access: Access, state?: StoredSnapshot): void {
  request.audit.breakGlass = access.breakGlass;
  if (!access.hiddenNames?.size) return;
  request.hiddenNames = access.hiddenNames;
  if (state) hideOrganisationsOf(request, agreementOwners(restoreCase(state).context));
}

/** The answer as the caller may see it (for answers built outside serialization, such as HTML). */
export function shownTo<T>(request: FastifyRequest, value: T): T {
  return request.hiddenNames ? withoutNames(value, request.hiddenNames) : value;
}

export function registerVictimSide(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, _reply, payload) => shownTo(request, payload));
}

/**
 * People on the victim's side are known by sub; the organisation they act
 * for may be named differently where they acted (their token) or where they
 * own an agreement. Those names are hidden too.
 */
export function hideOrganisationsOf(request: FastifyRequest, people: Iterable<{ readonly sub: string; readonly organisation: string }>): void {
  const hidden = request.hiddenNames;
  if (!hidden) return;
  const more = new Set(hidden);
  for (const person of people) if (hidden.has(person.sub)) more.add(person.organisation);
  request.hiddenNames = more;
}

/** The professionals who own agreements in any version of the plan, with the organisation they are named with. */
export function agreementOwners(context: CaseContext): { sub: string; organisation: string }[] {
  return context.veiligheidsplan.flatMap((version) =>
    version.afspraken.flatMap((a) => (a.eigenaar.soort === 'professional' ? [{ sub: a.eigenaar.id, organisation: a.eigenaar.organisatie }] : [])),
  );
}
