/**
 * Who may do what with a case (issue 3's rules; issue 6 widens them with
 * involvement, partners and break-the-glass):
 * - lokaal-team of the case's municipality: create, read, run the case;
 * - beheerder of the municipality: read, hand over the regisseur, import;
 * - integratie: create (import or handover from Veilig Thuis / ZVH);
 * - the regisseur (or beheerder) alone hands the case over; the regisseur
 *   alone escalates it by hand;
 * - mda-coordinator (region-wide): reads escalated cases and de-escalates them.
 * A case outside the caller's municipalities does not exist for them (404).
 */
import type { CaseRow } from '@veilig-samen/db';
import { caseErrors, type Caller, type Role } from '@veilig-samen/domain';

export const CREATE_ROLES = ['lokaal-team', 'integratie', 'beheerder'] as const satisfies readonly Role[];
export const READ_ROLES = ['lokaal-team', 'beheerder'] as const satisfies readonly Role[];
export const WRITE_ROLES = ['lokaal-team'] as const satisfies readonly Role[];
export const HANDOVER_ROLES = ['lokaal-team', 'beheerder'] as const satisfies readonly Role[];
export const COORDINATOR_ROLES = ['mda-coordinator'] as const satisfies readonly Role[];
/** Roles that may read a case: its municipality's roles, and the coordinator while it is escalated. */
export const CASE_READ_ROLES = [...READ_ROLES, ...COORDINATOR_ROLES] as const satisfies readonly Role[];
/** Roles that may open a case with a start date in the past (importing running cases). */
const IMPORT_ROLES: readonly Role[] = ['integratie', 'beheerder'];

export function worksFor(caller: Caller, municipality: string): boolean {
  return caller.municipalities.includes(municipality);
}

export function assertMayCreate(caller: Caller, municipality: string): void {
  if (!worksFor(caller, municipality)) throw caseErrors.municipalityNotAllowed(municipality);
}

export function mayImport(caller: Caller): boolean {
  return IMPORT_ROLES.includes(caller.role);
}

function mayRead(caller: Caller, row: CaseRow): boolean {
  // The coordinator works region-wide, on escalated cases only.
  if (caller.role === 'mda-coordinator') return row.escalated;
  return worksFor(caller, row.municipality) && (READ_ROLES as readonly Role[]).includes(caller.role);
}

/** Throws 404 for a case the caller may not know exists. */
export function assertMayRead(caller: Caller, row: CaseRow | undefined): asserts row is CaseRow {
  if (!row || !mayRead(caller, row)) throw caseErrors.notFound();
}

/** command: the local team; handover: regisseur or beheerder; regisseur: the regisseur only; coordinator: MDA++. */
export type WriteKind = 'command' | 'handover' | 'regisseur' | 'coordinator';

export function assertMayWrite(caller: Caller, row: CaseRow, kind: WriteKind): void {
  switch (kind) {
    case 'handover':
      if (caller.role !== 'beheerder' && caller.sub !== row.regisseurId) throw caseErrors.onlyRegisseur();
      return;
    case 'regisseur':
      if (caller.sub !== row.regisseurId) throw caseErrors.onlyRegisseurEscalates();
      return;
    case 'coordinator':
      if (caller.role !== 'mda-coordinator') throw caseErrors.roleMayNotWrite(caller.role);
      return;
    case 'command':
      if (!(WRITE_ROLES as readonly Role[]).includes(caller.role)) throw caseErrors.roleMayNotWrite(caller.role);
  }
}
