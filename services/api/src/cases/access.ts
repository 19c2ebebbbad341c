/**
 * Who may do what with a case. Access follows involvement, looked up on every
 * request (so removing someone takes effect at once), never carried in the token:
 * - lokaal-team: the regisseur, and professionals named in the case's network
 *   (betrokkenen) read and run the case; a professional who is not involved
 *   may read it for 24 hours through break-the-glass (noodtoegang), with a
 *   reason, logged and reviewed; an organisation entry gives its
 *   professionals only the partner view (security finding 5);
 * - beheerder of the municipality: reads, imports and hands over;
 * - mda-coordinator (region-wide): reads escalated cases and de-escalates them;
 * - ketenpartner in the network: the phase and the agreements it owns (routes/ketenpartner.ts), which it
 *   marks done or lapsed, and its own perspective (write kind `partner`, issue 17 point 5);
 * - a member who refused or withdrew consent to share with a partner is withheld from it (withheldFrom, issue 17 point 6);
 * - integratie: creates (handover, import); sees the partner view of the cases it sent or follows;
 * Organisations are recognised only by the OIN their token carries, never by
 * the free-text organisation name (anyone's token can say "Politie").
 * - the regisseur (or beheerder) alone proposes a handover, which the proposed
 *   regisseur accepts (and may read the case until then); the regisseur
 *   alone escalates it by hand;
 * - a regisseur's substitute has the regisseur's rights during the period of
 *   absence (issue 16 point 14), never from the perpetrator's side.
 * A case one may not see does not exist for them (404).
 */
import { activeBreakGlass, isFollowing, listInvolvementHistory, listInvolvements, substitutesAt, waitingMoveOf, type CaseRow, type Executor, type NetworkFact } from '@veilig-samen/db';
import { caseErrors, letterErrors, NOTES_GRANT, readerKeyTexts, withheldMembers, type Agreement, type Caller, type Member, type NoteReader, type Role, type Viewer } from '@veilig-samen/domain';

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
  /**
   * Standing in for the regisseur during their absence (issue 16 point 14):
   * the regisseur's sub. The caller has the regisseur's rights, and every
   * access-log row says for whom they act.
   */
  readonly substituteFor?: string;
  /** Proposed as the case's new regisseur: reads the case (without sealed details) and answers the proposal, nothing else. */
  readonly proposedRegisseur?: boolean;
}

/** The regisseur, or their substitute in the period of absence: who has the regisseur's rights. */
export function actsAsRegisseur(caller: Caller, row: Pick<CaseRow, 'regisseurId'>, access: Access): boolean {
  return caller.sub === row.regisseurId || (access.substituteFor !== undefined && access.substituteFor === row.regisseurId);
}

/** The proposed regisseur of an open handover proposal, read from the stored snapshot (no restore). */
function proposedRegisseurOf(row: CaseKey): string | undefined {
  return row.state?.context.regiewissel?.regisseur.id;
}

/** `case`: the case itself; `partner`: the partner view (phase, own agreements, granted parts). */
export type AccessScope = 'case' | 'partner';

/** Whether the caller owns an agreement: personally by sub, or as an organisation by the OIN in the token (never by name). */
export function ownsAgreement(agreement: Agreement, caller: Caller): boolean {
  const owner = agreement.eigenaar;
  if (owner.soort === 'professional') return owner.id === caller.sub;
  return owner.soort === 'organisatie' && owner.oin !== undefined && owner.oin === caller.oin;
}

/** Whether a network entry names this caller: a professional by sub, an organisation by the OIN in the token. */
export function namesCaller(entry: Pick<NetworkFact, 'kind' | 'subject'>, caller: Caller): boolean {
  return entry.kind === 'professional' ? entry.subject === caller.sub : caller.oin !== undefined && entry.subject === caller.oin;
}

/** What the regisseur granted the caller (a partner) in their entries of the case's network: members, the analysis. */
export async function grantsOf(db: Executor, caller: Caller, caseId: string): Promise<ReadonlySet<string>> {
  return new Set((await listInvolvements(db, caseId)).filter((i) => namesCaller(i, caller)).flatMap((i) => i.grants));
}

/**
 * Who may propose a new version of the explanatory analysis (issue 16): a
 * network professional or organisation the regisseur granted the analysis, and
 * the local team that runs the case (its case managers see and record it anyway).
 */
export async function mayProposeAnalysis(db: Executor, caller: Caller, caseId: string, access: Access): Promise<boolean> {
  if (caller.role === 'lokaal-team' && access.involved) return true;
  return (await grantsOf(db, caller, caseId)).has('verklarende-analyse');
}

/** Every entry the case's network ever had, as access is judged on it: read with the case (a command) or now. */
export async function networkFacts(db: Executor, caseId: string, known?: readonly NetworkFact[]): Promise<readonly NetworkFact[]> {
  if (known) return known;
  return (await listInvolvementHistory(db, caseId)).map((i) => ({ kind: i.kind, subject: i.subject, side: i.side, active: i.removedAt === null }));
}

/**
 * The caller's active entries in the case's network, and their side. Once on
 * the perpetrator's side, always: an entry removed (by a regisseur on that
 * side, say) or a return through break-the-glass or a handover does not
 * open sealed details or the victim's side to them.
 */
async function networkOf(db: Executor, caseId: string, caller: Caller, known?: readonly NetworkFact[]) {
  const history = (await networkFacts(db, caseId, known)).filter((i) => namesCaller(i, caller));
  return { own: history.filter((i) => i.active), perpetratorSide: history.some((i) => i.side === 'pleger') };
}

/**
 * Whether two subjects name the same person as far as a refusal is
 * concerned: identity providers differ in case and compatibility forms, and
 * a rule that keeps someone away must not be passed by writing `MW-666` for
 * `mw-666` (attacker review). Access itself matches exactly.
 */
export function sameSubject(a: string, b: string): boolean {
  return a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();
}

/** Whether this professional is or ever was in the case's network on the perpetrator's side (a handover to them is refused). */
export async function everOnPerpetratorSide(db: Executor, caseId: string, sub: string, known?: readonly NetworkFact[]): Promise<boolean> {
  return (await networkFacts(db, caseId, known)).some((i) => i.kind === 'professional' && sameSubject(i.subject, sub) && i.side === 'pleger');
}

/** Whether the case waits in the intake of a municipality whose intake this caller works (a move, issue 16 point 9). */
async function offeredToIntakeOf(db: Executor, caseId: string, caller: Caller): Promise<boolean> {
  const offer = await waitingMoveOf(db, caseId);
  return offer !== undefined && (caller.intakeMunicipalities ?? []).includes(offer.municipality);
}

/** The municipalities whose intake the caller sees: an intake team member's, a beheerder's own. */
export function intakeMunicipalitiesOf(caller: Caller): readonly string[] {
  if (caller.role === 'beheerder') return caller.municipalities;
  return caller.role === 'lokaal-team' ? (caller.intakeMunicipalities ?? []) : [];
}

/** How the caller may see this case, or undefined when not at all. */
/** What access depends on: who directs the case, where, and whether it is escalated. */
type CaseKey = Pick<CaseRow, 'id' | 'municipality' | 'regisseurId' | 'escalated'> & { readonly state?: CaseRow['state'] };

export async function accessTo(
  db: Executor,
  caller: Caller,
  row: CaseKey,
  now: Date,
  scope: AccessScope = 'case',
  /** The case's network facts when already read with the row (a command's one read); else looked up. */
  network?: readonly NetworkFact[],
): Promise<Access | undefined> {
  switch (caller.role) {
    case 'beheerder':
      return worksFor(caller, row.municipality) ? { involved: true, breakGlass: false } : undefined;
    case 'mda-coordinator':
      // The coordinator works region-wide, on escalated cases only.
      return row.escalated ? { involved: true, breakGlass: false } : undefined;
    case 'lokaal-team': {
      // The regisseur's side is looked up too: whoever is on the perpetrator's side, even the regisseur, never sees or changes sealed details.
      const { own, ...side } = await networkOf(db, row.id, caller, network);
      // Only a personal entry gives a local team's rights; an organisation entry its partner view.
      if (row.regisseurId === caller.sub || own.some((i) => i.kind === 'professional')) return { involved: true, breakGlass: false, ...side };
      if (scope === 'partner' && own.length > 0) return { involved: true, breakGlass: false, ...side };
      // The regisseur's substitute, in the period, for the municipality's cases; never from the perpetrator's side.
      if (!side.perpetratorSide && worksFor(caller, row.municipality) && (await substitutesAt(db, caller.sub, row.regisseurId, now))) {
        return { involved: true, breakGlass: false, substituteFor: row.regisseurId, ...side };
      }
      // Proposed as the new regisseur: may look before answering, may change nothing until accepted.
      if (proposedRegisseurOf(row) === caller.sub && worksFor(caller, row.municipality)) return { involved: false, breakGlass: false, proposedRegisseur: true, ...side };
      // A moved case offered to a municipality's intake: its team reads the history (not sealed details) until someone takes it.
      if (caller.intakeMunicipalities?.length && (await offeredToIntakeOf(db, row.id, caller))) return { involved: false, breakGlass: false, ...side };
      if (await activeBreakGlass(db, row.id, caller.sub, now)) return { involved: false, breakGlass: true, ...side };
      return undefined;
    }
    case 'integratie': {
      // A system of Veilig Thuis or the ZVH, for the cases it handed over or follows (partner view only); its organisation may be on a side too.
      if (caller.oin === undefined || !(await isFollowing(db, row.id, caller.oin))) return undefined;
      const { perpetratorSide } = await networkOf(db, row.id, caller, network);
      return { involved: true, breakGlass: false, perpetratorSide };
    }
    case 'privacy': {
      // The municipality's privacy officer (issue 17 point 10): its cases, for a member's inzage export only (the routes say so).
      if (!worksFor(caller, row.municipality)) return undefined;
      const { perpetratorSide } = await networkOf(db, row.id, caller, network);
      return { involved: false, breakGlass: false, perpetratorSide };
    }
    case 'ketenpartner': {
      // A network partner (police, youth care, shelter) sees a limited view, only when in the network.
      const { own, ...side } = await networkOf(db, row.id, caller, network);
      return own.length > 0 ? { involved: true, breakGlass: false, ...side } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * An expert registered for an MDA++ expert meeting, reading a case on its
 * agenda on the meeting's day (issue 18 point 3; whether they may is
 * escalations/expert-reading.ts). Not involved: the partner view's grants
 * only where the case's network names them, sealed details never (a viewer
 * who is not an involved case manager never sees them), and on the
 * perpetrator's side when the network ever put them there.
 */
export async function expertAccess(db: Executor, caller: Caller, caseId: string, network: readonly NetworkFact[]): Promise<Access> {
  const { perpetratorSide } = await networkOf(db, caseId, caller, network);
  return { involved: false, breakGlass: false, ...(perpetratorSide ? { perpetratorSide } : {}) };
}

/** Roles a case's network names (personally or by OIN): the roles whose sharing a member's consent governs. */
const NETWORK_ROLES: readonly Role[] = ['lokaal-team', 'ketenpartner', 'integratie'];

/**
 * The members whose data is not shared with the caller (issue 17 point 6):
 * they refused or withdrew consent to share with the caller, personally or
 * with the organisation the caller acts for (by OIN), and no other ground is
 * recorded (packages/domain/src/case/consent.ts). Read from the case as the
 * request finds it, so a withdrawal holds from the partner's next request.
 * The regisseur (and their substitute) holds the case: never withheld from.
 */
export function withheldFrom(caller: Caller, row: Pick<CaseRow, 'regisseurId'>, members: readonly Member[], access: Access): ReadonlySet<string> {
  if (!NETWORK_ROLES.includes(caller.role) || actsAsRegisseur(caller, row, access)) return new Set();
  return withheldMembers(members, { sub: caller.sub, oin: caller.oin });
}

/** The members withheld from the caller in this case as stored (read from the snapshot, no restore): the case view's and the notes' one judgement. */
export function withheldInCase(caller: Caller, row: Pick<CaseRow, 'regisseurId' | 'state'>, access: Access): ReadonlySet<string> {
  // A snapshot stored before consent existed holds none: nothing withheld.
  return withheldFrom(caller, row, (row.state.context as { readonly leden?: readonly Member[] }).leden ?? [], access);
}

/**
 * The caller's identities in consent records (consent.ts readerKeyTexts), for
 * a search among cases (packages/db/src/repositories/cases.ts consentKeys):
 * the roles withheldFrom judges; none for another role. The search itself
 * exempts the cases the caller directs or stands in for, as withheldFrom does.
 */
export function consentKeysOf(caller: Caller): readonly string[] {
  return NETWORK_ROLES.includes(caller.role) ? readerKeyTexts({ sub: caller.sub, oin: caller.oin }) : [];
}

/** Who is looking, for sealed details (packages/domain/src/case/sealing.ts) and the members not shared with them (consent). */
export function viewerOf(caller: Caller, row: CaseRow, access: Access): Viewer {
  // Grants are for case managers involved in the case: not for another role, nor for a look through break-the-glass.
  const caseManager = caller.role === 'lokaal-team' && access.involved;
  const withheld = withheldInCase(caller, row, access);
  return {
    sub: caller.sub,
    caseManager,
    isRegisseur: caseManager && actsAsRegisseur(caller, row, access),
    perpetratorSide: access.perpetratorSide ?? false,
    ...(withheld.size > 0 ? { withheld } : {}),
  };
}

/**
 * Stands in for a case that does not exist, so that asking for a made-up id
 * runs the same lookups as asking for a case one may not see: the two answers
 * are the same 404 and take the same time (security finding 15).
 */
const NO_CASE: CaseKey = { id: '00000000-0000-0000-0000-000000000000', municipality: '', regisseurId: '', escalated: false };

/** Throws 404 for a case the caller may not know exists. */
export async function assertMayRead(
  db: Executor,
  caller: Caller,
  row: CaseRow | undefined,
  now: Date,
  scope: AccessScope = 'case',
  network?: readonly NetworkFact[],
): Promise<Access> {
  const access = await accessTo(db, caller, row ?? NO_CASE, now, scope, network);
  if (!row || !access) throw caseErrors.notFound();
  return access;
}

/**
 * command: the involved local team; handover: regisseur or beheerder; regisseur: the regisseur only (escalating by hand);
 * regie: the regisseur only (how the case is directed, e.g. coordination on safety); coordinator: MDA++;
 * voorstel: anyone involved (a partner too), the builder asks whether they hold the grant (mayProposeAnalysis);
 * proposal-answer: a case manager answering a handover proposal (the machine's guard regiewisselAanDeVoorgestelde says whether it is theirs);
 * partner: anyone in the network on the partner view's access (issue 17: marking an owned agreement, an own perspective).
 * brief: the regisseur only (a letter to the household comes from them, issue 17 point 7).
 * The regisseur's substitute, in the period, has the regisseur's rights.
 */
export type WriteKind = 'command' | 'handover' | 'regisseur' | 'regie' | 'coordinator' | 'voorstel' | 'proposal-answer' | 'partner' | 'brief';
/** Roles that may propose a new version of the analysis, when granted it (mayProposeAnalysis). */
export const PROPOSAL_ROLES = ['lokaal-team', 'ketenpartner', 'integratie'] as const satisfies readonly Role[];
/**
 * Roles that act on the plan as a partner in the network (issue 17 point 5):
 * mark an agreement they own, give their own perspective. A professional or
 * organisation in the network (the partner view's access); the machine judges
 * ownership (guard eigenaarMeldtAf).
 */
export const PARTNER_ROLES = PROPOSAL_ROLES;

/** The access a write is judged on: a partner's write on the partner view's access, every other on the case's. */
export function scopeOfWrite(kind: WriteKind): AccessScope {
  return kind === 'partner' ? 'partner' : 'case';
}

export function assertMayWrite(caller: Caller, row: CaseRow, kind: WriteKind, access: Access): void {
  if (kind === 'proposal-answer') {
    if (!(WRITE_ROLES as readonly Role[]).includes(caller.role)) throw caseErrors.roleMayNotWrite(caller.role);
    if (access.breakGlass) throw caseErrors.readOnlyAccess();
    return;
  }
  // Break-the-glass is for looking, not for changing; nor is a move offered to the caller's intake, until taken.
  if (!access.involved) {
    if (access.breakGlass) throw caseErrors.readOnlyAccess();
    throw access.proposedRegisseur ? caseErrors.proposedReadOnly() : caseErrors.offeredReadOnly();
  }
  switch (kind) {
    case 'handover':
      if (caller.role !== 'beheerder' && !actsAsRegisseur(caller, row, access)) throw caseErrors.onlyRegisseur();
      // A regisseur on the perpetrator's side could otherwise remove that entry, add one, or hand the case to a friend.
      if (access.perpetratorSide) throw caseErrors.perpetratorSideManagesNothing();
      return;
    case 'regisseur':
      if (!actsAsRegisseur(caller, row, access)) throw caseErrors.onlyRegisseurEscalates();
      return;
    case 'regie':
      // The substitute, in the period, has the regisseur's rights here too.
      if (!actsAsRegisseur(caller, row, access)) throw caseErrors.onlyRegisseurDirects();
      return;
    case 'coordinator':
      if (caller.role !== 'mda-coordinator') throw caseErrors.roleMayNotWrite(caller.role);
      return;
    case 'brief':
      assertMayWriteLetters(caller, row, access);
      return;
    case 'voorstel':
    case 'partner':
      if (!(PROPOSAL_ROLES as readonly Role[]).includes(caller.role)) throw caseErrors.roleMayNotWrite(caller.role);
      return;
    case 'command':
      if (!(WRITE_ROLES as readonly Role[]).includes(caller.role)) throw caseErrors.roleMayNotWrite(caller.role);
  }
}

/** The roles whose access to a case can let them read a note (others read none; the auditor only withdrawn ones). */
const NOTE_READING_ROLES: readonly Role[] = ['lokaal-team', 'ketenpartner', 'mda-coordinator'];

/**
 * Who the caller is to the notes of this case (issue 17 point 4; the rule is
 * packages/domain/src/case/notes.ts). The grant `notities` is looked up only
 * for someone involved (a grant is never read through break-the-glass, finding 12).
 * The members withheld from the caller (consent) are those the case view
 * leaves out for them: notes about them are not theirs to read either.
 */
export async function noteReaderOf(db: Executor, caller: Caller, row: Pick<CaseRow, 'id' | 'regisseurId' | 'state'>, access: Access): Promise<NoteReader> {
  const involved = access.involved && (caller.role === 'lokaal-team' || caller.role === 'ketenpartner');
  return {
    // Named on a note or its writer: a professional on the case in the role they write notes in (a grant names a person in a role, as sealing.ts does).
    sub: caller.role === 'lokaal-team' || caller.role === 'ketenpartner' ? caller.sub : null,
    auditor: caller.role === 'auditor',
    none: !NOTE_READING_ROLES.includes(caller.role),
    regisseur: caller.role === 'lokaal-team' && access.involved && actsAsRegisseur(caller, row, access),
    granted: involved && (await grantsOf(db, caller, row.id)).has(NOTES_GRANT),
    coordinator: caller.role === 'mda-coordinator',
    breakGlass: access.breakGlass,
    perpetratorSide: access.perpetratorSide ?? false,
    withheldMembers: [...withheldInCase(caller, row, access)],
  };
}

/**
 * Access for the notes (issue 17 point 4): the case's own access where the
 * caller has any (the regisseur, a personal entry, break-the-glass, flagged as
 * such), else a partner's (a professional or organisation in the network:
 * notes need the grant `notities`). 404 when neither, as for the case.
 */
export async function assertMayReachNotes(db: Executor, caller: Caller, row: CaseRow | undefined, now: Date, network?: readonly NetworkFact[]): Promise<Access> {
  const key = row ?? NO_CASE;
  const facts = await networkFacts(db, key.id, network);
  const access = (await accessTo(db, caller, key, now, 'case', facts)) ?? (await accessTo(db, caller, key, now, 'partner', facts));
  if (!row || !access) throw caseErrors.notFound();
  return access;
}

/** Letters to the household (issue 17 point 7): made and recorded by the regisseur (or substitute), a case manager involved in the case. */
export function assertMayWriteLetters(caller: Caller, row: Pick<CaseRow, 'regisseurId'>, access: Access): void {
  if (caller.role !== 'lokaal-team' || !access.involved || !actsAsRegisseur(caller, row, access)) throw letterErrors.onlyRegisseur();
}
