/**
 * The case use-cases: one transaction per command, following the path in
 * docs/architecture.md (lock, authorize, check version, decide, append,
 * update). Rules live in the domain's machine; this file only orchestrates.
 */
import { isDeepStrictEqual } from 'node:util';
import { searchTermDate } from '@veilig-samen/contracts';
import {
  allCaseIds,
  caseColumns,
  findCase,
  followCase,
  findProfessional,
  regisseursSubstitutedBy,
  findCaseWithNetwork,
  findActiveInvolvement,
  insertCase,
  listCaseEventPage,
  listCaseEventPayloads,
  listCaseEvents,
  listCaseSignals,
  listNotesBetweenVersions,
  listCases,
  lockCaseForCommand,
  pendingDeadlineTimers,
  timerChanges,
  writeCaseChange,
  type AccessLogBatch,
  type NetworkFact,
  type PendingTimer,
  addHouseholdKeys,
  householdKeysOfCase,
  lockWaitingIntakeItemsWithKeys,
  markIntakeTaken,
  closeOpenCaseSignals,
  linkCases,
  listCaseLinks,
  lockCase,
  lockHouseholdKeys,
  policyInForce,
  syncDeadlineTimers,
  caseStates,
  type CaseFilter,
  type CaseLinkRow,
  type CaseListRow,
  type CaseSearch,
  type CaseRow,
  type Database,
  type Executor,
  type IntakeMessage,
  type Page,
  type Transaction,
} from '@veilig-samen/db';
import {
  assertKnownMunicipalities,
  caseDesignation,
  caseErrors,
  judgeHousehold,
  decide,
  defaultDesignation,
  defaultPolicy,
  desiredTimers,
  notificationsFor,
  signalsFor,
  letterSignals,
  localDate,
  mayReadNote,
  openCase,
  phaseHistory,
  replay,
  restoreCase,
  standingOf,
  SYSTEM_ACTOR,
  startOfLocalDate,
  upgradeSnapshot,
  type Actor,
  type Caller,
  type Refusal,
  type CaseEvent,
  type CaseSnapshot,
  type Clock,
  type DesiredTimer,
  type LinkReason,
  type Member,
  type Municipality,
  type Policy,
  type Professional,
  type PartnerKey,
  type Source,
} from '@veilig-samen/domain';
import { projectCaseSearch, projectNewCaseSearch } from '../projections/case-search.js';
import { projectEscalation } from '../projections/escalation-queue.js';
import { projectMoveOffer } from '../projections/intake-queue.js';
import { projectHandoverSignals } from '../projections/handover-signals.js';
import { projectLetterSignals } from '../projections/letter-signals.js';
import { projectMemberSignals } from '../projections/member-signals.js';
import { identityKeys } from '../projections/household-keys.js';
import { outboxMessages } from '../projections/outbox.js';
import { changeSignals, recordSignals } from '../projections/werkvoorraad.js';
import { assertMayCreate, assertMayRead, assertMayWrite, consentKeysOf, everOnPerpetratorSide, mayImport, mayProposeAnalysis, namesCaller, noteReaderOf, scopeOfWrite, type Access, type AccessScope, type WriteKind } from './access.js';
import { caseLinked, caseOpened, keptMessageEvent, newMember, type NewMember } from './commands.js';
import { householdCandidates, intakePersons, namedPeople, openSameHouseholds, sharedMemberLinks, type Candidate } from './household.js';

export interface CaseDeps {
  readonly db: Database;
  readonly clock: Clock;
  /** The region this deployment serves: its policy applies. */
  readonly region: string;
  /** The region's municipalities: the only ones a case, message or filter may name. */
  readonly municipalities: readonly Municipality[];
  /** HMAC key for household recognition; without it no household keys are stored. */
  readonly matchingKey?: string;
}

/** The actor of an event; `access` tells whether they act from the perpetrator's side (sealed details, sealing.ts). */
export function actorOf(caller: Caller, access?: Access): Actor {
  return {
    sub: caller.sub,
    rol: caller.role,
    organisatie: caller.organisation,
    ...(access?.perpetratorSide ? { plegerzijde: true as const } : {}),
    ...(access?.substituteFor !== undefined ? { vervangerVan: access.substituteFor } : {}),
  };
}

/** The region's policy in force now, or the source documents' default if none was ever stored. */
export async function policyFor(db: Executor, region: string, at: Date): Promise<Policy> {
  return (await policyInForce(db, region, at)) ?? defaultPolicy(region);
}

export interface CreateCaseInput {
  readonly gemeente: string;
  readonly leden: readonly NewMember[];
  readonly bron: Source;
  readonly regisseur?: Professional | undefined;
  readonly startdatum?: string | undefined;
  readonly veiligheidsinschatting?: { readonly score: number | null; readonly toelichting: string } | undefined;
  /** Marked as coordination on safety from the start (policy scope). */
  readonly coordinatieOpVeiligheid?: boolean | undefined;
  /** Cases to link the new one to beside those sharing a member (found here): a closed case it repeats. */
  readonly koppelingen?: readonly { readonly caseId: string; readonly reden: LinkReason }[] | undefined;
  /**
   * How the household is recognised (issue 16). `gemeente` (a case manager's
   * request, the default): any open case of the municipality sharing a member
   * refuses, and nothing tells about other municipalities or links, so the
   * answer is no existence oracle (security finding 6). `regio` (a message of
   * Veilig Thuis or the ZVH, the intake): region-wide, only the same
   * household refuses, and open cases sharing one member are linked.
   */
  readonly herkenning?: 'gemeente' | 'regio' | undefined;
  /** The intake item the case is opened from (taking it): its messages are the caller's to apply, not taken in again. */
  readonly uitIntake?: string | undefined;
}

/** A case the household already has: which open case, and which of its members the new case's members matched. */
export interface HouseholdMatch {
  readonly caseId: string;
  readonly memberIds: readonly string[];
}

/** A validated creation: the members as they would be stored, the regisseur and the start. */
export interface PreparedCase {
  readonly input: CreateCaseInput;
  readonly leden: readonly Member[];
  readonly regisseur: Professional;
  readonly start: Date;
  readonly now: Date;
}

/** The checks before anything is looked up: the municipality is the caller's, dates and regisseur are valid. */
export function prepareCase(deps: CaseDeps, caller: Caller, input: CreateCaseInput): PreparedCase {
  assertKnownMunicipalities(deps.municipalities, { gemeente: input.gemeente });
  // Before any household lookup: matching runs only in a municipality the caller works for (finding 6).
  assertMayCreate(caller, input.gemeente);
  const now = deps.clock.now();
  const today = localDate(now);
  let start = now;
  if (input.startdatum !== undefined) {
    if (input.startdatum > today) throw caseErrors.startInFuture();
    if (input.startdatum < today) {
      if (!mayImport(caller)) throw caseErrors.startInPastOnlyForImport();
      start = startOfLocalDate(input.startdatum);
    }
  }
  // Only a case manager can be the regisseur: anyone else must name one.
  if (!input.regisseur && caller.role !== 'lokaal-team') throw caseErrors.regisseurRequired();
  const regisseur = input.regisseur ?? { id: caller.sub, organisatie: caller.organisation };
  const leden = input.leden.map((lid, index) => newMember(lid, today, `leden[${index}].geboortedatum`));
  return { input, leden, regisseur, start, now };
}

/**
 * The open cases that hold this household, and which of their members
 * matched (by name and birth date; a match on a BSN key from a message names
 * no member). `regio`: any municipality, by the household rule
 * (judgeHousehold: every member matches, or at least two do); a case sharing
 * a single member is another household's, linked, not matched. `gemeente`:
 * the municipality's open cases sharing any member.
 */
function matchesOf(candidates: readonly Candidate[], gemeente: string, herkenning: 'gemeente' | 'regio'): HouseholdMatch[] {
  const matched = herkenning === 'regio' ? openSameHouseholds(candidates) : candidates.filter((c) => c.row.phase !== 'afgesloten' && c.row.municipality === gemeente);
  return matched.map((c) => ({ caseId: c.row.id, memberIds: c.memberIds }));
}

/**
 * Links two cases ("flag and tag") and logs it on both as `casus.gekoppeld`,
 * each naming the other's regisseur (whom to talk to). A link that exists
 * already changes nothing. Returns `row` as it is after its event (the same
 * object when nothing was linked).
 */
export async function linkCase(tx: Transaction, deps: CaseDeps, row: CaseRow, otherId: string, reden: LinkReason, actor: Actor, now: Date): Promise<CaseRow> {
  if (otherId === row.id || !(await linkCases(tx, row.id, otherId, reden, now))) return row;
  const other = await lockCase(tx, otherId);
  if (!other) return row;
  const linked = await applyCaseEvent(tx, row, restoreCase(row.state), caseLinked({ body: { casusId: other.id, reden, regisseur: { id: other.regisseurId, organisatie: other.regisseurOrganisation } }, now, actor }), now, deps.matchingKey);
  await applyCaseEvent(tx, other, restoreCase(other.state), caseLinked({ body: { casusId: row.id, reden, regisseur: { id: linked.regisseurId, organisatie: linked.regisseurOrganisation } }, now, actor }), now, deps.matchingKey);
  return linked;
}

/** The case's links for its view: the other case's id, the reason and its regisseur now (nothing else of it). */
export function caseViewLinks(db: Executor, caseId: string) {
  return listCaseLinks(db, caseId);
}

/**
 * Opens the case, unless the household already has an open case (1 gezin, 1
 * plan; recognised as `input.herkenning` says): then nothing is written and
 * the matches are returned, for the caller to answer (and record) as it
 * must. Region-wide, open cases of other households that share one member
 * with it are linked to the new one.
 */
export async function tryCreateCase(
  deps: CaseDeps,
  caller: Caller,
  prepared: PreparedCase,
  /** `linked`: the other cases a link was written on, each to be logged with the new one (every write of case data is). */
  afterInsert?: (tx: Transaction, row: CaseRow, linked: readonly string[]) => Promise<void>,
): Promise<{ readonly row: CaseRow } | { readonly matches: readonly HouseholdMatch[] }> {
  const { input, leden, regisseur, start, now } = prepared;
  return deps.db.transaction(async (tx) => {
    let links: { readonly caseId: string; readonly reden: LinkReason }[] = [...(input.koppelingen ?? [])];
    // 1 gezin, 1 plan: a household with an open case gets no second one.
    if (deps.matchingKey) {
      const key = deps.matchingKey;
      const people = namedPeople(leden, key);
      await lockHouseholdKeys(tx, people.flatMap((p) => p.keys.map((k) => k.keyHash)));
      const candidates = await householdCandidates(tx, people, key);
      const herkenning = input.herkenning ?? 'gemeente';
      const matches = matchesOf(candidates, input.gemeente, herkenning);
      // Nothing was written yet: returning commits only the (released) household locks.
      if (matches.length > 0) return { matches };
      if (herkenning === 'regio') links = [...links, ...sharedMemberLinks(candidates).filter((l) => !links.some((k) => k.caseId === l.caseId))];
    }
    const actor = actorOf(caller);
    const opened = caseOpened({ body: { ...input, leden, regisseur, start }, now, actor, beleid: await policyFor(tx, deps.region, now) });
    const snapshot = openCase(opened);
    let row = await insertCase(tx, snapshot, deps.region, opened, now);
    await syncDeadlineTimers(tx, row.id, desiredTimers(snapshot, now), now);
    await projectNewCaseSearch(tx, row.id, snapshot.context.leden);
    if (deps.matchingKey) {
      const key = deps.matchingKey;
      await addHouseholdKeys(tx, row.id, row.municipality, leden.flatMap((lid) => identityKeys(lid, key)));
    }
    // Issue 17 point 7: a start letter for each member who receives letters, in the regisseur's werkvoorraad.
    const letters = letterSignals(snapshot.context, 'start', opened.op);
    await recordSignals(tx, actor, letters.map((draft) => ({ kind: draft.kind, addressee: draft.addressee, caseRow: row, municipality: row.municipality, dueAt: new Date(draft.dueAt), data: draft.data })), now);
    const linked: string[] = [];
    for (const link of links) {
      // The link is the service's household recognition, not the caller's act: the other case may be another
      // municipality's, which the caller neither serves nor may write (issue 16). The access log still names the caller.
      const next = await linkCase(tx, deps, row, link.caseId, link.reden, SYSTEM_ACTOR, now);
      if (next !== row) linked.push(link.caseId);
      row = next;
    }
    await afterInsert?.(tx, row, linked);
    // After the caller's own writes: a handover's BSN keys are the case's by now, and count for the household.
    const taken = deps.matchingKey ? await takeInWaitingIntake({ ...deps, db: tx }, row.id, input.herkenning === 'regio', input.uitIntake, now) : undefined;
    return { row: taken ?? row };
  });
}

/**
 * No signal waits in an intake while its household has a case (issue 16): a
 * case opened for a household takes in the household's waiting intake items
 * in its transaction. An item is taken in only when its people are this
 * household by the household rule, judged as a message is (every person it
 * names matches the case, by BSN or name and birth date, or at least two
 * do: one shared person is not enough). A case manager's case (`gemeente`
 * recognition, finding 6) takes in its own municipality's items only; a
 * system's or the intake's case (`regio`) the region's. Their incidents and
 * orders go on the case by their senders and reach its regisseur; the items
 * count as taken by the service. Items are locked, so a message joining one
 * meanwhile waits and then finds it taken.
 */
async function takeInWaitingIntake(deps: CaseDeps & { readonly db: Transaction }, caseId: string, regionWide: boolean, except: string | undefined, now: Date): Promise<CaseRow | undefined> {
  const caseKeys = new Set(await householdKeysOfCase(deps.db, caseId));
  const row = await lockCase(deps.db, caseId);
  if (!row) return undefined;
  const waiting = (await lockWaitingIntakeItemsWithKeys(deps.db, regionWide ? null : row.municipality, [...caseKeys])).filter((item) => {
    const people = intakePersons(item.messages).map((p) => ({ keys: p.sleutels.map((k) => k.keyHash), pleger: p.betrokkenheid?.includes('pleger') ?? false }));
    return item.id !== except && judgeHousehold(people, caseKeys).soort === 'zelfde-huishouden';
  });
  let current = row;
  for (const item of waiting) {
    // The item's keys become the case's (a BSN the message named, say), so the next message finds the case.
    await addHouseholdKeys(deps.db, current.id, current.municipality, intakePersons(item.messages).flatMap((p) => p.sleutels));
    // Senders follow the case only in the municipality they sent to: they may not write elsewhere either.
    current = await applyKeptMessages(deps, deps.db, current, item.messages, now, current.municipality === item.municipality);
    await markIntakeTaken(deps.db, item, SYSTEM_ACTOR.sub, now, current.id);
  }
  return current;
}

/** Kept messages' incidents and orders on the case, by their senders, who follow it (`follow`). */
export async function applyKeptMessages(deps: CaseDeps, tx: Transaction, row: CaseRow, messages: readonly IntakeMessage[], now: Date, follow = true): Promise<CaseRow> {
  const beleid = await policyFor(tx, deps.region, now);
  let current = row;
  for (const kept of messages) {
    const snapshot = restoreCase(current.state);
    const event = keptMessageEvent(kept, snapshot, now, beleid);
    // The message is kept with the item whatever the machine says; a refusal (an order already over, say) only leaves the case as it is.
    const applied = await tryApplyCaseEvent(tx, current, snapshot, event, now, deps.matchingKey);
    if (applied.ok) current = applied.row;
    if (follow && kept.afzender.oin) await followCase(tx, current.id, kept.afzender.oin, now);
  }
  return current;
}

/**
 * Opens a case for a system's message (integrations/messages.ts), which has
 * matched the household under its locks first, so a match here is a race
 * lost: the plain 409. Callers through the API go through
 * creation-attempts.ts, which records and limits such answers.
 */
export async function createCase(
  deps: CaseDeps,
  caller: Caller,
  input: CreateCaseInput,
  /** Runs in the creating transaction, e.g. to store more household keys or a follower. */
  afterInsert?: (tx: Transaction, row: CaseRow, linked: readonly string[]) => Promise<void>,
): Promise<CaseRow> {
  const outcome = await tryCreateCase(deps, caller, prepareCase(deps, caller, input), afterInsert);
  if ('matches' in outcome) throw caseErrors.householdHasCase();
  return outcome.row;
}

export interface CommandContext {
  readonly snapshot: CaseSnapshot;
  readonly now: Date;
  readonly actor: Actor;
  readonly tx: Transaction;
  /** Every entry the case's network ever had, read with the locked row. */
  readonly network: readonly NetworkFact[];
}

/**
 * What a command's event builder (commands.ts) may need from the database,
 * looked up in the command's own transaction, so the builders stay pure.
 */
export function commandLookups(deps: CaseDeps, caseId: string, context: CommandContext, caller: Caller) {
  return {
    /** Whether the caller may propose a new version of the analysis (access.ts); the command already checked they are involved. */
    mayProposeAnalysis: () => mayProposeAnalysis(context.tx, caller, caseId, { involved: true, breakGlass: false }),
    /** The region's policy in force now: a new safety window starts under it. */
    policy: () => policyFor(context.tx, deps.region, context.now),
    /** Read from the network facts the command read with the locked row. */
    everOnPerpetratorSide: (sub: string) => everOnPerpetratorSide(context.tx, caseId, sub, context.network),
    /** What the directory says of a professional named as the case's regisseur (issue 16 point 14). */
    directoryStanding: async (sub: string) => standingOf(await findProfessional(context.tx, sub), [context.snapshot.context.gemeente]),
    /** An active entry of the case's network, by id (the partner a consent names, issue 17 point 6). */
    involvement: async (id: string) => {
      const row = await findActiveInvolvement(context.tx, caseId, id);
      return row && { id: row.id, kind: row.kind, subject: row.subject, organisation: row.organisation };
    },
    /**
     * How the network knows the caller (issue 17 point 5): personally by sub where an active entry names them,
     * else as their organisation by the OIN in the token; read from the facts read with the locked row.
     */
    partnerKey: (): PartnerKey => {
      const own = context.network.filter((fact) => fact.active && namesCaller(fact, caller));
      if (own.some((fact) => fact.kind === 'professional') || caller.oin === undefined) return { soort: 'professional', id: caller.sub };
      return { soort: 'organisatie', oin: caller.oin };
    },
  };
}
export type CommandLookups = ReturnType<typeof commandLookups>;

/**
 * Runs one command on a case in one transaction: lock the row (reading what
 * access and the timers need with it), check who may, check the version the
 * caller last saw, let the machine decide, then write the whole change, its
 * access-log rows included, in one statement (case-writes.ts). A refusal
 * changes nothing.
 */
export async function runCaseCommand(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  expectedVersion: number,
  kind: WriteKind,
  build: (context: CommandContext) => CaseEvent | Promise<CaseEvent>,
  /** The access-log rows of the change, written in its statement as its last step; `access` says whether the caller stands in for the regisseur. */
  audit?: (caseId: string, after: CaseSnapshot, access: Access) => AccessLogBatch,
): Promise<CaseRead> {
  return deps.db.transaction(async (tx) => {
    const locked = await lockCaseForCommand(tx, caseId);
    const now = deps.clock.now();
    // A made-up id runs the same lookups as a case one may not see (finding 15): its network read came back empty.
    const access = await assertMayRead(tx, caller, locked?.row, now, scopeOfWrite(kind), locked?.network ?? []);
    if (!locked) throw caseErrors.notFound();
    const { row, network } = locked;
    assertMayWrite(caller, row, kind, access);
    if (row.version !== expectedVersion) throw caseErrors.staleVersion(row.version);
    const snapshot = restoreCase(row.state);
    const event = await build({ snapshot, now, actor: actorOf(caller, access), tx, network });
    const applied = await tryApplyCaseEvent(tx, row, snapshot, event, now, deps.matchingKey, { timers: locked.timers, audit: audit && ((id, after) => audit(id, after, access)) });
    if (!applied.ok) throw caseErrors.refused(applied.refusal);
    // The answer shows the links found under the lock; an undone merge makes a new link in this transaction: read again then.
    return { row: applied.row, access, snapshot: applied.snapshot, ...(event.type === 'leden.afgesplitst' ? {} : { links: locked.links }) };
  });
}

/**
 * The part of every case command after authorization, shared with the timer
 * worker and the other use-cases that change a case: let the machine decide,
 * then write the event, the snapshot, the timers, the webhook outbox, the
 * signals for a person (the werkvoorraad) and the access-log rows in one statement; household keys, search rows and the escalation queue,
 * when the event touches them, just before. All in the caller's transaction;
 * a refusal throws before anything is written.
 */
/** The window whose deadline stands for the case now (timers.ts), or null. */
const deadlineWindow = (timers: readonly DesiredTimer[]) => timers.find((timer) => timer.kind === 'veiligheidsdeadline')?.windowNumber ?? null;

export async function tryApplyCaseEvent(
  tx: Transaction,
  row: CaseRow,
  snapshot: CaseSnapshot,
  event: CaseEvent,
  now: Date,
  matchingKey?: string,
  /** Read with the locked row already (runCaseCommand); else read here. And the change's access-log rows. */
  options: { readonly timers?: readonly PendingTimer[]; readonly audit?: ((caseId: string, after: CaseSnapshot) => AccessLogBatch) | undefined } = {},
): Promise<{ readonly ok: true; readonly row: CaseRow; readonly snapshot: CaseSnapshot } | { readonly ok: false; readonly refusal: Refusal }> {
  const decision = decide(snapshot, event);
  if (!decision.ok) return { ok: false, refusal: decision.refusal };
  if (matchingKey && (event.type === 'lid.toegevoegd' || event.type === 'lid.gecorrigeerd')) {
    const memberId = event.type === 'lid.toegevoegd' ? event.lid.id : event.lidId;
    const member = decision.snapshot.context.leden.find((lid) => lid.id === memberId);
    if (member) await addHouseholdKeys(tx, row.id, row.municipality, identityKeys(member, matchingKey));
  }
  await projectCaseSearch(tx, row.id, event, decision.snapshot.context.leden);
  await projectEscalation(tx, row, event, decision.snapshot);
  await projectMoveOffer(tx, row.id, event, snapshot, decision.snapshot, now);
  await projectHandoverSignals(tx, row, event, now);
  await projectMemberSignals(tx, row, event, now);
  await projectLetterSignals(tx, row, event, now);
  const existing = options.timers ?? (await pendingDeadlineTimers(tx, row.id));
  const next = { id: row.id, municipality: decision.snapshot.context.gemeente, version: row.version + 1 };
  // The timers the case needs after the change: synced in its statement, and compared with before for the reminder item.
  const desired = desiredTimers(decision.snapshot, now);
  const made = changeSignals(signalsFor(snapshot, decision.snapshot, event));
  const written = await writeCaseChange(tx, {
    current: row,
    snapshot: decision.snapshot,
    event,
    now,
    timers: timerChanges(existing, desired),
    // The change's webhooks, then one `werkvoorraad.item` per signal it makes for a person (stored in the same statement).
    outbox: outboxMessages(next, [...notificationsFor(snapshot, decision.snapshot, event), ...made.notifications], now),
    signals: made.signals,
    log: options.audit?.(row.id, decision.snapshot),
  });
  // The deadline no longer stands (a 6 stands, the case was escalated, closed, or a new window began): the
  // reminder in the regisseur's werkvoorraad asks for nothing any more. Only on that change, so no extra
  // statement on an ordinary command.
  const before = deadlineWindow(desiredTimers(snapshot, now));
  if (before !== null && before !== deadlineWindow(desired)) await closeOpenCaseSignals(tx, row.id, ['herinnering-deadline'], SYSTEM_ACTOR.sub, now);
  return { ok: true, row: written, snapshot: decision.snapshot };
}

/** As tryApplyCaseEvent, throwing the machine's refusal as the answer (4xx problem with the guard's code). */
export async function applyCaseEvent(...args: Parameters<typeof tryApplyCaseEvent>): Promise<CaseRow> {
  const applied = await tryApplyCaseEvent(...args);
  if (!applied.ok) throw caseErrors.refused(applied.refusal);
  return applied.row;
}

export interface CaseRead {
  readonly row: CaseRow;
  readonly access: Access;
  /** The machine's snapshot of `row`, when the use-case already has it restored (a command): the answer restores no second time. */
  readonly snapshot?: CaseSnapshot;
  /** The case's links, when read with the row (a read's one statement); else the answer reads them. */
  readonly links?: readonly CaseLinkRow[];
}

export async function readCase(deps: CaseDeps, caller: Caller, caseId: string, scope: AccessScope = 'case'): Promise<CaseRead> {
  // The case and the network facts access is judged on, in one statement; a made-up id judged on an empty network (finding 15).
  const found = await findCaseWithNetwork(deps.db, caseId);
  const access = await assertMayRead(deps.db, caller, found?.row, deps.clock.now(), scope, found?.network ?? []);
  if (!found) throw caseErrors.notFound();
  return { row: found.row, access, links: found.links };
}

export interface CaseListQuery {
  readonly zoek?: string | undefined;
  readonly gemeente?: string | undefined;
  readonly fase?: CaseFilter['phase'];
  readonly regisseur?: string | undefined;
  readonly opgeschaald?: boolean | undefined;
  readonly deadlineVoor?: Date | undefined;
}

/** The local team sees the cases it is involved in; a beheerder the cases of its municipalities. */
export async function searchCases(deps: CaseDeps, caller: Caller, query: CaseListQuery, page: Page) {
  assertKnownMunicipalities(deps.municipalities, { gemeente: query.gemeente });
  if (query.gemeente !== undefined && caller.role === 'beheerder' && !caller.municipalities.includes(query.gemeente)) {
    throw caseErrors.municipalityNotAllowed(query.gemeente);
  }
  const scope =
    caller.role === 'beheerder'
      ? { municipalities: query.gemeente !== undefined ? [query.gemeente] : caller.municipalities }
      : {
          // A local-team professional also sees the cases of the regisseur they stand in for (issue 16 point 14).
          involved: { sub: caller.sub, ...(caller.role === 'lokaal-team' ? { substitute: { at: deps.clock.now(), municipalities: caller.municipalities } } : {}) },
          ...(query.gemeente !== undefined ? { municipalities: [query.gemeente] } : {}),
        };
  if (scope.municipalities?.length === 0) return { rows: [], total: 0, substituteFor: new Map<string, string>(), matchedMembers: new Map<string, readonly string[]>() };
  const found = await listCases(
    deps.db,
    {
      ...scope,
      ...(query.fase ? { phase: query.fase } : {}),
      ...(query.regisseur ? { regisseurId: query.regisseur } : {}),
      ...(query.opgeschaald !== undefined ? { escalated: query.opgeschaald } : {}),
      ...(query.deadlineVoor ? { deadlineBefore: query.deadlineVoor } : {}),
      // A member whose data is withheld from the caller (consent) does not make a household found (review finding M3).
      ...(query.zoek !== undefined ? { search: caseSearchOf(query.zoek), consentKeys: consentKeysOf(caller) } : {}),
    },
    page,
  );
  const rows = await withDesignations(deps.db, found.rows);
  // The cases on the page the caller sees as a regisseur's substitute: their access-log rows say for whom.
  const substituted = caller.role === 'lokaal-team' && rows.some((row) => row.regisseurId !== caller.sub) ? new Set(await regisseursSubstitutedBy(deps.db, caller.sub, deps.clock.now())) : new Set<string>();
  const substituteFor = new Map(rows.filter((row) => row.regisseurId !== caller.sub && substituted.has(row.regisseurId)).map((row) => [row.id, row.regisseurId]));
  // A search's access-log row of each case names the members it matched there, so it is in their inzage (review finding L3).
  const matchedMembers = new Map(rows.flatMap((row) => (row.matchedMemberIds ? [[row.id, row.matchedMemberIds] as const] : [])));
  return { rows, total: found.total, substituteFor, matchedMembers };
}

/** A search term: a birth date (YYYY-MM-DD or DD-MM-YYYY) finds that date, anything else a name. */
export function caseSearchOf(term: string): CaseSearch {
  const birthDate = searchTermDate(term);
  return birthDate !== undefined ? { birthDate } : { name: term };
}

/**
 * Rows stored before their designation column existed (migration 0026) get it
 * from their snapshot, as their next change will store it: the name parts are
 * split by the domain only (names.ts), never in SQL.
 */
async function withDesignations<T extends CaseListRow>(db: Executor, rows: readonly T[]): Promise<(T & { readonly designation: string })[]> {
  const missing = rows.filter((row) => row.designation === null).map((row) => row.id);
  const derived = new Map((await caseStates(db, missing)).map(({ id, state }) => [id, caseDesignation(upgradeSnapshot(state).context)]));
  return rows.map((row) => ({ ...row, designation: row.designation ?? derived.get(row.id) ?? defaultDesignation(undefined) }));
}

/**
 * A page of a case's events (by key, after a sequence number), with the
 * payloads of the whole history: the phases a case went through are a replay
 * of its machine, and a member sealed at any point stays hidden in every
 * event. That read is bounded by the one case's log, never by the caller.
 */
export async function caseEvents(deps: CaseDeps, caller: Caller, caseId: string, page: { readonly after: number; readonly pageSize: number }) {
  const { row, access } = await readCase(deps, caller, caseId);
  const [events, history] = await Promise.all([listCaseEventPage(deps.db, caseId, page.after, page.pageSize), listCaseEventPayloads(deps.db, caseId)]);
  // Signals (no events of the case) sit right after the event that was the case's version when they were made:
  // a page shows those after the event it continues from, up to its last event (no end on the last page), so
  // paging through shows each exactly once.
  const span = { afterVersion: page.after, upToVersion: events.more ? events.rows.at(-1)?.seq : undefined };
  // Notes (issue 17 point 4) sit the same way: "notitie toegevoegd", the text only for who may read the note.
  const [signals, notes] = await Promise.all([listCaseSignals(deps.db, caseId, span), listNotesBetweenVersions(deps.db, caseId, span)]);
  const reader = notes.length > 0 ? await noteReaderOf(deps.db, caller, row, access) : undefined;
  const timelineNotes = notes.map((note) => ({ note, readable: reader !== undefined && mayReadNote(reader, note) }));
  return { row, access, page: events, history, signals, notes: timelineNotes };
}

/**
 * Rebuilds a case row from its event log alone and reports whether it equals
 * the stored row: the proof that the log is the whole truth.
 */
export async function verifyCaseFromEvents(db: Database, caseId: string): Promise<{ matches: boolean; stored: unknown; rebuilt: unknown }> {
  const row = await findCase(db, caseId);
  if (!row) throw caseErrors.notFound();
  const events = await listCaseEvents(db, caseId);
  const rebuilt = { ...caseColumns(replay(events.map((e) => e.payload)), row.region), version: events.length };
  const stored = { ...caseColumns(restoreCase(row.state), row.region), version: row.version };
  const rowColumns = {
    id: row.id,
    region: row.region,
    municipality: row.municipality,
    phase: row.phase,
    regisseurId: row.regisseurId,
    regisseurOrganisation: row.regisseurOrganisation,
    // A row stored under an older machine version is compared in the current shape, as every read sees it.
    state: upgradeSnapshot(row.state),
    safetyDeadline: row.safetyDeadline,
    windowStart: row.windowStart,
    windowReason: row.windowReason,
    thresholdReachedAt: row.thresholdReachedAt,
    ruleApplies: row.ruleApplies,
    latestScore: row.latestScore,
    latestScoreAt: row.latestScoreAt,
    escalated: row.escalated,
    policyVersion: row.policyVersion,
    phaseSince: row.phaseSince,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    // Null in a row stored before migration 0026 and not changed since: the designation its snapshot gives.
    designation: row.designation ?? caseDesignation(upgradeSnapshot(row.state).context),
    workItems: row.workItems,
    workFrom: row.workFrom,
    version: row.version,
  };
  // jsonb does not keep key order, so compare structurally.
  return { matches: isDeepStrictEqual(rebuilt, stored) && isDeepStrictEqual(rebuilt, rowColumns), stored: rowColumns, rebuilt };
}

/** The phases the case went through, from its event log: when each began. */
export async function casePhaseHistory(deps: CaseDeps, caseId: string) {
  return phaseHistory((await listCaseEvents(deps.db, caseId)).map((e) => e.payload));
}

export { allCaseIds };
