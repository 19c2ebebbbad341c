/**
 * Reading the access log: for the people who must be able to see who looked
 * (the regisseur of the case, the MDA++ coordinator of an escalated case, the
 * auditor). Who may read a case's log is decided here.
 */
import { countAccessLog, findCase, listAccessLog, type AccessLogFilter } from '@veilig-samen/db';
import { caseErrors, type Caller } from '@veilig-samen/domain';
import { assertMayRead, type Access } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';

export interface AccessLogPaging {
  readonly pagina: number;
  readonly paginaGrootte: number;
  /** Continue after this row (older), instead of a page number. */
  readonly na?: number | undefined;
}

/** One page of the log for the filter: by page number (with the total) or by key after `na` (without). */
export async function accessLogPage(deps: CaseDeps, filter: AccessLogFilter, { pagina, paginaGrootte, na }: AccessLogPaging) {
  const byNumber = na === undefined;
  const [{ rows, more }, total] = await Promise.all([
    listAccessLog(deps.db, filter, byNumber ? { page: pagina, pageSize: paginaGrootte } : { beforeId: na, pageSize: paginaGrootte }),
    byNumber ? countAccessLog(deps.db, filter) : undefined,
  ]);
  return { rows, more, total, page: byNumber ? pagina : undefined };
}

/**
 * A case's log, for its regisseur, the coordinator of an escalated case, or
 * an auditor; anyone else gets the same 404 as for a case that does not exist.
 * `access` is the regisseur's access (a regisseur on the perpetrator's side
 * learns nothing of the victim's side here either, finding 12).
 */
export async function caseAccessLog(deps: CaseDeps, caller: Caller, caseId: string, paging: AccessLogPaging) {
  const row = await findCase(deps.db, caseId);
  const allowed =
    row !== undefined &&
    row.region === deps.region &&
    (caller.role === 'auditor' || (caller.role === 'mda-coordinator' && row.escalated) || (caller.role === 'lokaal-team' && row.regisseurId === caller.sub));
  if (!allowed) throw caseErrors.notFound();
  const access: Access | undefined = caller.role === 'lokaal-team' ? await assertMayRead(deps.db, caller, row, deps.clock.now()) : undefined;
  return { row, access, ...(await accessLogPage(deps, { caseId }, paging)) };
}

/** The whole log, newest first, optionally of one professional (the route admits auditors only). */
export async function accessLog(deps: CaseDeps, medewerker: string | undefined, paging: AccessLogPaging) {
  return accessLogPage(deps, medewerker ? { actorSub: medewerker } : {}, paging);
}
