/**
 * The professionals the service knows (issue 16 point 14): the list of
 * colleagues, a beheerder marking someone as gone (their open cases reach the
 * beheerder's werkvoorraad) and handing all their cases to one colleague, and
 * a regisseur's substitute for a period of absence.
 */
import { randomUUID } from 'node:crypto';
import {
  cancelSubstitution,
  closeOpenCaseSignals,
  findProfessional,
  listProfessionals,
  markProfessionalGone,
  openCasesDirectedBy,
  unmarkProfessionalGone,
  replaceSubstitution,
  standingSubstitution,
  type AccessLogBatch,
  type Page,
  type ProfessionalRow,
  type SubstitutionRow,
  type Transaction,
} from '@veilig-samen/db';
import {
  addDays,
  assertKnownMunicipalities,
  caseErrors,
  directoryErrors,
  isDomainError,
  standingOf,
  type Caller,
  type CaseSnapshot,
  type Role,
} from '@veilig-samen/domain';
import { everOnPerpetratorSide, worksFor, type Access } from '../cases/access.js';
import { regisseurHandedOver } from '../cases/commands.js';
import { actorOf, runCaseCommand, type CaseDeps } from '../cases/use-cases.js';
import { recordSignals } from '../projections/werkvoorraad.js';

/** Roles that see the directory: who hands over, builds intake teams or plans the werkplek. */
/**
 * Who may list the directory: beheer and the MDA++ coordinator. Not case managers: the list names professionals and
 * their organisations (a shelter among them) of every side, to someone who may be on the perpetrator's side of a case
 * (security finding 12; tests/api/sealing.property.test.ts). A handover names a colleague by id, which the service checks.
 */
export const DIRECTORY_ROLES = ['beheerder', 'mda-coordinator'] as const satisfies readonly Role[];
/** Roles that work region-wide: they see every municipality's professionals. */
const REGION_WIDE: readonly Role[] = ['mda-coordinator'];
/** The longest period of absence one substitution covers. */
export const MAX_SUBSTITUTION_DAYS = 366;

export interface ProfessionalQuery {
  readonly zoek?: string | undefined;
  readonly gemeente?: string | undefined;
  readonly rol?: Role | undefined;
  readonly vertrokken: 'ja' | 'nee';
}

/** A page of the directory: only professionals of the caller's municipalities (region-wide roles: all). */
export async function searchProfessionals(deps: CaseDeps, caller: Caller, query: ProfessionalQuery, page: Page) {
  assertKnownMunicipalities(deps.municipalities, { gemeente: query.gemeente });
  const regionWide = REGION_WIDE.includes(caller.role);
  if (query.gemeente !== undefined && !regionWide && !worksFor(caller, query.gemeente)) throw caseErrors.municipalityNotAllowed(query.gemeente);
  const municipalities = query.gemeente !== undefined ? [query.gemeente] : regionWide ? undefined : caller.municipalities;
  return listProfessionals(deps.db, { municipalities, search: query.zoek, role: query.rol, withGone: query.vertrokken === 'ja' }, page);
}

/** A professional as a beheerder may manage them: known, and working for one of the beheerder's municipalities. */
async function managedProfessional(tx: Transaction, caller: Caller, sub: string): Promise<ProfessionalRow> {
  const found = await findProfessional(tx, sub);
  if (!found || !found.municipalities.some((m) => worksFor(caller, m))) throw directoryErrors.notFound();
  return found;
}

/** What this instance knows of who is gone (plugins/directory.ts), told at once of its own changes. */
export interface GoneRegister {
  markGone(sub: string, municipalities: readonly string[]): void;
  markBack(sub: string): void;
}

/** Marking as gone and undoing it: who, by whom, the access log of the cases they direct, this instance's set. */
type GoneChange = [deps: CaseDeps, caller: Caller, sub: string, audit: (tx: Transaction, cases: readonly string[]) => Promise<void>, register: GoneRegister];
type GoneOutcome = { readonly professional: ProfessionalRow; readonly caseIds: readonly string[] };

/** The beheerder's municipalities the professional works for: whose beheer marked them (the refusal names them). */
const sharedMunicipalities = (caller: Caller, found: ProfessionalRow) => found.municipalities.filter((m) => worksFor(caller, m));

/**
 * Marks the professional as gone: from then on they are refused on every
 * route (plugins/directory.ts). Marking is region-wide, so each open case they
 * direct, in any municipality, gets a `regisseur-vertrokken` signal for the
 * beheerder of that case's municipality, to reassign one by one (a handover
 * proposal) or all to one colleague (reassignAll). `audit` writes the
 * access-log rows of those cases in the same transaction.
 */
export async function markGone(...[deps, caller, sub, audit, register]: GoneChange): Promise<GoneOutcome> {
  const outcome = await deps.db.transaction(async (tx) => {
    const found = await managedProfessional(tx, caller, sub);
    const now = deps.clock.now();
    if (!(await markProfessionalGone(tx, sub, caller.sub, now))) throw directoryErrors.alreadyGone();
    const directed = await openCasesDirectedBy(tx, sub);
    await recordSignals(
      tx,
      actorOf(caller),
      directed.map((c) => ({ kind: 'regisseur-vertrokken' as const, addressee: 'beheerder' as const, caseRow: c, municipality: c.municipality, dueAt: now })),
      now,
    );
    await audit(tx, directed.map((c) => c.id));
    return { professional: { ...found, goneAt: now, goneBy: caller.sub }, caseIds: directed.map((c) => c.id) };
  });
  register.markGone(sub, sharedMunicipalities(caller, outcome.professional));
  return outcome;
}

/**
 * Undoes marking as gone (a mistake must be correctable): the professional has
 * their rights again, and the `regisseur-vertrokken` items of the cases they
 * still direct are done. Each such case is in the access log.
 */
export async function markBack(...[deps, caller, sub, audit, register]: GoneChange): Promise<GoneOutcome> {
  const outcome = await deps.db.transaction(async (tx) => {
    const found = await managedProfessional(tx, caller, sub);
    if (!(await unmarkProfessionalGone(tx, sub))) throw directoryErrors.notGone('Er is niets ongedaan te maken: de medewerker heeft zijn of haar rechten.');
    const now = deps.clock.now();
    const directed = await openCasesDirectedBy(tx, sub);
    for (const c of directed) await closeOpenCaseSignals(tx, c.id, ['regisseur-vertrokken'], caller.sub, now);
    await audit(tx, directed.map((c) => c.id));
    return { professional: { ...found, goneAt: null, goneBy: null }, caseIds: directed.map((c) => c.id) };
  });
  register.markBack(sub);
  return outcome;
}

export interface ReassignOutcome {
  readonly overgedragen: string[];
  readonly geweigerd: { casus: string; code: string; detail: string }[];
}

/**
 * Hands every open case a gone professional directs (in the beheerder's
 * municipalities) to one colleague: one `regisseur.overgedragen` per case, each
 * in its own transaction through the case command path, so a case always has
 * exactly one regisseur and each handover obeys the machine's rules (a case
 * where the colleague is on the perpetrator's side is refused and listed). No
 * acceptance: the old regisseur is gone; the beheerder decides.
 */
export async function reassignAll(
  deps: CaseDeps,
  caller: Caller,
  sub: string,
  body: { readonly naar: string; readonly reden?: string | undefined },
  audit: (caseId: string, after: CaseSnapshot, access: Access) => AccessLogBatch,
  /** The cases the beheerder looked at but could not hand over: their rows, in a transaction of their own (a refusal rolls back its command). */
  auditRefused: (tx: Transaction, rows: readonly { readonly caseId: string; readonly memberIds: readonly string[] }[], status: number) => Promise<void>,
): Promise<ReassignOutcome> {
  const { gone, target, directed } = await deps.db.transaction(async (tx) => {
    const found = await managedProfessional(tx, caller, sub);
    if (!found.goneAt) throw directoryErrors.notGone();
    return { gone: found, target: await findProfessional(tx, body.naar), directed: await openCasesDirectedBy(tx, sub, caller.municipalities) };
  });
  const outcome: ReassignOutcome = { overgedragen: [], geweigerd: [] };
  const standingFor = (municipality: string) => standingOf(target, [municipality]);
  // The colleague must be usable for every case's municipality; the first that is not refuses the whole request.
  for (const c of directed) {
    const standing = standingFor(c.municipality);
    if (standing !== 'bekend') throw directoryErrors.notUsable(body.naar, standing, [c.municipality]);
  }
  if (!target) throw directoryErrors.notUsable(body.naar, 'onbekend', caller.municipalities);
  for (const c of directed) {
    try {
      await runCaseCommand(deps, caller, c.id, c.version, 'handover', async (context) => {
        // Handed over meanwhile (by a proposal accepted since): nothing to do for this case.
        if (context.snapshot.context.regisseur.id !== gone.sub) throw caseErrors.staleVersion(c.version);
        return regisseurHandedOver({
          body: { regisseur: { id: target.sub, organisatie: target.organisation }, reden: body.reden ?? `Regisseur ${gone.sub} is vertrokken; alle casussen overgedragen door beheer.` },
          now: context.now,
          actor: context.actor,
          perpetratorSide: await everOnPerpetratorSide(context.tx, c.id, target.sub, context.network),
        });
      }, audit);
      outcome.overgedragen.push(c.id);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcome.geweigerd.push({ casus: c.id, code: error.code, detail: error.detail ?? error.title });
    }
  }
  // Every case read is in the access log: the refused ones too (their command's own row was rolled back with it).
  if (outcome.geweigerd.length > 0) {
    await deps.db.transaction(async (tx) => auditRefused(tx, outcome.geweigerd.map((refused) => ({ caseId: refused.casus, memberIds: [] })), 200));
  }
  return outcome;
}

/**
 * Names the caller's substitute for a period of absence; replaces any earlier
 * one. The substitute is a known local-team colleague of one of the caller's
 * municipalities, not gone, not the caller.
 */
export async function setSubstitution(
  deps: CaseDeps,
  caller: Caller,
  body: { readonly vervanger: string; readonly van: Date; readonly tot: Date },
  audit: (tx: Transaction, cases: null) => Promise<void>,
): Promise<SubstitutionRow> {
  if (body.vervanger === caller.sub) throw directoryErrors.substituteSelf();
  const now = deps.clock.now();
  if (body.tot.getTime() <= body.van.getTime()) throw directoryErrors.substitutePeriod('`tot` moet na `van` liggen.');
  if (body.tot.getTime() <= now.getTime()) throw directoryErrors.substitutePeriod('`tot` ligt in het verleden; een vervanging geldt voor een periode die nog komt of nu loopt.');
  if (body.tot.getTime() > addDays(body.van, MAX_SUBSTITUTION_DAYS).getTime()) {
    throw directoryErrors.substitutePeriod(`Een vervanging duurt hoogstens ${MAX_SUBSTITUTION_DAYS} dagen; noem daarna een nieuwe.`);
  }
  return deps.db.transaction(async (tx) => {
    const standing = standingOf(await findProfessional(tx, body.vervanger), caller.municipalities);
    if (standing !== 'bekend') throw directoryErrors.notUsable(body.vervanger, standing, caller.municipalities);
    const row = { id: randomUUID(), regisseurSub: caller.sub, substituteSub: body.vervanger, startsAt: body.van, endsAt: body.tot, createdAt: now, cancelledAt: null };
    await replaceSubstitution(tx, row, now);
    // Who may act as regisseur changes: on record, like a policy change (no case of its own).
    await audit(tx, null);
    return row;
  });
}

/** The caller's substitution, and whether its substitute is marked as gone (then it gives no cover: name another). */
export async function ownSubstitution(deps: CaseDeps, caller: Caller): Promise<SubstitutionRow & { readonly substituteGone: boolean }> {
  const found = await standingSubstitution(deps.db, caller.sub);
  if (!found) throw directoryErrors.noSubstitution();
  return { ...found, substituteGone: Boolean((await findProfessional(deps.db, found.substituteSub))?.goneAt) };
}

export async function endSubstitution(deps: CaseDeps, caller: Caller, audit: (tx: Transaction, cases: null) => Promise<void>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await cancelSubstitution(tx, caller.sub, deps.clock.now()))) throw directoryErrors.noSubstitution();
    await audit(tx, null);
  });
}
