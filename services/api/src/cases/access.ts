/**
 * Who may do what with a case. Access follows involvement, looked up on every
 * request (so removing someone takes effect at once), never carried in the token:
 * - lokaal-team: the regisseur, and professionals or organisations in the
 *   case's network (betrokkenen) read and run the case; a professional who is
 *   not involved may read it for 24 hours through break-the-glass (noodtoegang),
 *   with a reason, logged and reviewed;
 * - beheerder of the municipality: reads, imports and hands over;
 * - mda-coordinator (region-wide): reads escalated cases and de-escalates them;
 * - ketenpartner in the network: the phase and the agreements it owns (routes/ketenpartner.ts);
 * - integratie: creates (handover, import); sees the partner view of the cases it sent or follows;
 * - the regisseur (or beheerder) alone hands the case over; the regisseur
 *   alone escalates it by hand.
 * A case one may not see does not exist for them (404).
 */
import { activeBreakGlass, involvementsOf, isFollowing, isInvolved, type CaseRow, type Executor } from '@veilig-samen/db';
import { caseErrors, type Caller, type Role, type Viewer } from '@veilig-samen/domain';

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

export interface Access {
  /** Involved in the case: the regisseur or in its network (or the role's own scope). */
  readonly involved: boolean;
  /** Reading only through break-the-glass. */
  readonly breakGlass: boolean;
  /** In the network on the perpetrator's side: sealed details stay hidden. */
  readonly perpetratorSide?: boolean;
}

/** How the caller may see this case, or undefined when not at all. */
export async function accessTo(db: Executor, caller: Caller, row: CaseRow, now: Date): Promise<Access | undefined> {
  switch (caller.role) {
    case 'beheerder':
      return worksFor(caller, row.municipality) ? { involved: true, breakGlass: false } : undefined;
    case 'mda-coordinator':
      // The coordinator works region-wide, on escalated cases only.
      return row.escalated ? { involved: true, breakGlass: false } : undefined;
    case 'lokaal-team': {
      // The regisseur's side is looked up too: whoever is on the perpetrator's side, even the regisseur, never sees or changes sealed details.
      const involvements = await involvementsOf(db, row.id, { sub: caller.sub, organisation: caller.organisation });
      const perpetratorSide = involvements.some((i) => i.side === 'pleger');
      if (row.regisseurId === caller.sub || involvements.length > 0) return { involved: true, breakGlass: false, perpetratorSide };
      if (await activeBreakGlass(db, row.id, caller.sub, now)) return { involved: false, breakGlass: true };
      return undefined;
    }
    case 'integratie':
      // A system of Veilig Thuis or the ZVH, for the cases it handed over or follows (partner view only).
      return (await isFollowing(db, row.id, caller.organisation)) ? { involved: true, breakGlass: false } : undefined;
    case 'ketenpartner':
      // A network partner (police, youth care, shelter) sees a limited view, only when in the network.
      return (await isInvolved(db, row.id, { sub: caller.sub, organisation: caller.organisation })) ? { involved: true, breakGlass: false } : undefined;
    default:
      return undefined;
  }
}

/** Who is looking, for sealed details (packages/domain/src/case/sealing.ts). */
export function viewerOf(caller: Caller, row: CaseRow, access: Access): Viewer {
  const caseManager = caller.role === 'lokaal-team';
  return { sub: caller.sub, caseManager, isRegisseur: caseManager && row.regisseurId === caller.sub, perpetratorSide: access.perpetratorSide ?? false };
}

/** Throws 404 for a case the caller may not know exists. */
export async function assertMayRead(db: Executor, caller: Caller, row: CaseRow | undefined, now: Date): Promise<Access> {
  const access = row ? await accessTo(db, caller, row, now) : undefined;
  if (!access) throw caseErrors.notFound();
  return access;
}

/** command: the involved local team; handover: regisseur or beheerder; regisseur: the regisseur only; coordinator: MDA++. */
export type WriteKind = 'command' | 'handover' | 'regisseur' | 'coordinator';

export function assertMayWrite(caller: Caller, row: CaseRow, kind: WriteKind, access: Access): void {
  // Break-the-glass is for looking, not for changing.
  if (!access.involved) throw caseErrors.readOnlyAccess();
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
