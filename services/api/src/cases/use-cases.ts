/**
 * The case use-cases: one transaction per command, following the path in
 * docs/architecture.md (lock, authorize, check version, decide, append,
 * update). Rules live in the domain's machine; this file only orchestrates.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  allCaseIds,
  caseColumns,
  findCase,
  findProfessional,
  regisseursSubstitutedBy,
  findCaseWithNetwork,
  insertCase,
  listCaseEventPage,
  listCaseEventPayloads,
  listCaseEvents,
  listCaseSignals,
  listCases,
  lockCaseForCommand,
  pendingDeadlineTimers,
  timerChanges,
  writeCaseChange,
  type AccessLogBatch,
  type NetworkFact,
  type PendingTimer,
  addHouseholdKeys,
  casesWithKeys,
  lockHouseholdKeys,
  policyInForce,
  syncDeadlineTimers,
  type CaseFilter,
  type CaseRow,
  type Database,
  type Executor,
  type Page,
  type Transaction,
} from '@veilig-samen/db';
import {
  assertKnownMunicipalities,
  caseErrors,
  decide,
  defaultPolicy,
  desiredTimers,
  notificationsFor,
  localDate,
  openCase,
  phaseHistory,
  replay,
  restoreCase,
  standingOf,
  startOfLocalDate,
  upgradeSnapshot,
  type Actor,
  type Caller,
  type Refusal,
  type CaseEvent,
  type CaseSnapshot,
  type Clock,
  type Member,
  type Municipality,
  type Policy,
  type Professional,
  type Source,
} from '@veilig-samen/domain';
import { projectEscalation } from '../projections/escalation-queue.js';
import { projectHandoverSignals } from '../projections/handover-signals.js';
import { identityKeys } from '../projections/household-keys.js';
import { outboxMessages } from '../projections/outbox.js';
import { assertMayCreate, assertMayRead, assertMayWrite, everOnPerpetratorSide, mayImport, type Access, type AccessScope, type WriteKind } from './access.js';
import { caseOpened, newMember, type NewMember } from './commands.js';

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
  readonly gekoppeldAan?: string | undefined;
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
 * The open cases in the municipality that share a household key with these
 * members, and which of their members matched (by name and birth date; a
 * match on a BSN key from a message names no member).
 */
export async function householdMatches(db: Executor, municipality: string, leden: readonly Member[], matchingKey: string): Promise<HouseholdMatch[]> {
  const keyHashes = new Set(leden.flatMap((lid) => identityKeys(lid, matchingKey)).map((k) => k.keyHash));
  const matches: HouseholdMatch[] = [];
  for (const caseId of await casesWithKeys(db, municipality, [...keyHashes])) {
    const existing = await findCase(db, caseId);
    if (!existing || existing.phase === 'afgesloten') continue;
    const memberIds = restoreCase(existing.state)
      .context.leden.filter((lid) => identityKeys(lid, matchingKey).some((k) => keyHashes.has(k.keyHash)))
      .map((lid) => lid.id);
    matches.push({ caseId, memberIds });
  }
  return matches;
}

/**
 * Opens the case, unless the household already has an open case in the
 * municipality (1 gezin, 1 plan): then nothing is written and the matches are
 * returned, for the caller to answer (and record) as it must.
 */
export async function tryCreateCase(
  deps: CaseDeps,
  caller: Caller,
  prepared: PreparedCase,
  afterInsert?: (tx: Transaction, row: CaseRow) => Promise<void>,
): Promise<{ readonly row: CaseRow } | { readonly matches: readonly HouseholdMatch[] }> {
  const { input, leden, regisseur, start, now } = prepared;
  return deps.db.transaction(async (tx) => {
    // 1 gezin, 1 plan: a household with an open case in the municipality gets no second one.
    if (deps.matchingKey) {
      const key = deps.matchingKey;
      await lockHouseholdKeys(tx, input.gemeente, leden.flatMap((lid) => identityKeys(lid, key)).map((k) => k.keyHash));
      const matches = await householdMatches(tx, input.gemeente, leden, key);
      // Nothing was written yet: returning commits only the (released) household locks.
      if (matches.length > 0) return { matches };
    }
    const opened = caseOpened({ body: { ...input, leden, regisseur, start }, now, actor: actorOf(caller), beleid: await policyFor(tx, deps.region, now) });
    const snapshot = openCase(opened);
    const row = await insertCase(tx, snapshot, deps.region, opened, now);
    await syncDeadlineTimers(tx, row.id, desiredTimers(snapshot, now), now);
    if (deps.matchingKey) {
      const key = deps.matchingKey;
      await addHouseholdKeys(tx, row.id, row.municipality, leden.flatMap((lid) => identityKeys(lid, key)));
    }
    await afterInsert?.(tx, row);
    return { row };
  });
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
  afterInsert?: (tx: Transaction, row: CaseRow) => Promise<void>,
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
export function commandLookups(deps: CaseDeps, caseId: string, context: CommandContext) {
  return {
    /** The region's policy in force now: a new safety window starts under it. */
    policy: () => policyFor(context.tx, deps.region, context.now),
    /** Read from the network facts the command read with the locked row. */
    everOnPerpetratorSide: (sub: string) => everOnPerpetratorSide(context.tx, caseId, sub, context.network),
    /** What the directory says of a professional named as the case's regisseur (issue 16 point 14). */
    directoryStanding: async (sub: string) => standingOf(await findProfessional(context.tx, sub), [context.snapshot.context.gemeente]),
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
    const access = await assertMayRead(tx, caller, locked?.row, now, 'case', locked?.network ?? []);
    if (!locked) throw caseErrors.notFound();
    const { row, network } = locked;
    assertMayWrite(caller, row, kind, access);
    if (row.version !== expectedVersion) throw caseErrors.staleVersion(row.version);
    const snapshot = restoreCase(row.state);
    const event = await build({ snapshot, now, actor: actorOf(caller, access), tx, network });
    const applied = await tryApplyCaseEvent(tx, row, snapshot, event, now, deps.matchingKey, { timers: locked.timers, audit: audit && ((id, after) => audit(id, after, access)) });
    if (!applied.ok) throw caseErrors.refused(applied.refusal);
    return { row: applied.row, access, snapshot: applied.snapshot };
  });
}

/**
 * The part of every case command after authorization, shared with the timer
 * worker and the other use-cases that change a case: let the machine decide,
 * then write the event, the snapshot, the timers, the webhook outbox and the
 * access-log rows in one statement; household keys and the escalation queue,
 * when the event touches them, just before. All in the caller's transaction;
 * a refusal throws before anything is written.
 */
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
  await projectEscalation(tx, row, event);
  await projectHandoverSignals(tx, row, snapshot.context, event, now);
  const existing = options.timers ?? (await pendingDeadlineTimers(tx, row.id));
  const next = { id: row.id, municipality: decision.snapshot.context.gemeente, version: row.version + 1 };
  const written = await writeCaseChange(tx, {
    current: row,
    snapshot: decision.snapshot,
    event,
    now,
    timers: timerChanges(existing, desiredTimers(decision.snapshot, now)),
    outbox: outboxMessages(next, notificationsFor(snapshot, decision.snapshot, event), now),
    log: options.audit?.(row.id, decision.snapshot),
  });
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
}

export async function readCase(deps: CaseDeps, caller: Caller, caseId: string, scope: AccessScope = 'case'): Promise<CaseRead> {
  // The case and the network facts access is judged on, in one statement; a made-up id judged on an empty network (finding 15).
  const found = await findCaseWithNetwork(deps.db, caseId);
  const access = await assertMayRead(deps.db, caller, found?.row, deps.clock.now(), scope, found?.network ?? []);
  if (!found) throw caseErrors.notFound();
  return { row: found.row, access };
}

export interface CaseListQuery {
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
  if (scope.municipalities?.length === 0) return { rows: [], total: 0, substituteFor: new Map<string, string>() };
  const found = await listCases(
    deps.db,
    {
      ...scope,
      ...(query.fase ? { phase: query.fase } : {}),
      ...(query.regisseur ? { regisseurId: query.regisseur } : {}),
      ...(query.opgeschaald !== undefined ? { escalated: query.opgeschaald } : {}),
      ...(query.deadlineVoor ? { deadlineBefore: query.deadlineVoor } : {}),
    },
    page,
  );
  // The cases on the page the caller sees as a regisseur's substitute: their access-log rows say for whom.
  const substituted = caller.role === 'lokaal-team' && found.rows.some((row) => row.regisseurId !== caller.sub) ? new Set(await regisseursSubstitutedBy(deps.db, caller.sub, deps.clock.now())) : new Set<string>();
  const substituteFor = new Map(found.rows.filter((row) => row.regisseurId !== caller.sub && substituted.has(row.regisseurId)).map((row) => [row.id, row.regisseurId]));
  return { ...found, substituteFor };
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
  const signals = await listCaseSignals(deps.db, caseId, { afterVersion: page.after, upToVersion: events.more ? events.rows.at(-1)?.seq : undefined });
  return { row, access, page: events, history, signals };
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
    thresholdReached: row.thresholdReached,
    latestScore: row.latestScore,
    escalated: row.escalated,
    policyVersion: row.policyVersion,
    phaseSince: row.phaseSince,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
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
