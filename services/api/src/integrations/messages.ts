/**
 * Inbound messages from Veilig Thuis and the Zorg- en Veiligheidshuis. Every
 * message gets a receipt: accepted, merged into a case, or rejected with the
 * reasons. No signal gets lost (issue 16): matching is region-wide and
 * follows the household rule of packages/domain (household.ts):
 * - a handover for the same household as an open case adds to that case
 *   (1 gezin, 1 plan), and its regisseur may undo that merge for 30 days;
 *   one sharing a single member with a case is another household: a new
 *   case with the sender's regisseur, linked to the other ("flag and tag");
 * - a message about a household whose case closed less than 12 months ago
 *   reopens it as a repeat (herhaling), with its former regisseur, who gets
 *   a signal; an older one opens a new case linked to it the same way;
 * - an incident or restraining order about a household without a case waits
 *   in the municipality's intake until its intake team takes it.
 */
import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '@veilig-samen/contracts';
import {
  addHouseholdKeys,
  findProfessional,
  findCase,
  followCase,
  insertCaseMerge,
  insertMessage,
  lockCase,
  lockHouseholdKeys,
  appendIntakeMessage,
  waitingMoveOf,
  lockWaitingIntakeItemsWithKeys,
  type CaseRow,
  type IntakeMessage,
  type Transaction,
} from '@veilig-samen/db';
import {
  addDays,
  assertKnownMunicipalities,
  caseErrors,
  closedCaseAction,
  DomainError,
  findMunicipality,
  isDomainError,
  judgeHousehold,
  namePartsOf,
  phaseOf,
  restoreCase,
  RESTRAINING_ORDER_DAYS,
  type Actor,
  type Caller,
  type CaseEvent,
  type CaseSnapshot,
  type GivenName,
  type IncidentKind,
  type InvalidParam,
  type Member,
  type Policy,
  type Source,
  type ViolenceForm,
} from '@veilig-samen/domain';
import { accessTo, worksFor } from '../cases/access.js';
import { asNewMember, caseReopened, incidentReported, memberAdded, referredForMda, restrainingOrderOnCase, type NewMember } from '../cases/commands.js';
import { closedCaseOfHousehold, householdCandidates, namedPeople, openCaseOfHousehold, sharedMemberLinks, type Candidate, type NamedPerson } from '../cases/household.js';
import { actorOf, applyCaseEvent, createCase, policyFor, type CaseDeps } from '../cases/use-cases.js';
import { enqueueIntakeItem } from '../projections/intake-queue.js';
import { recordSignals } from '../projections/werkvoorraad.js';
export { RECURRENCE_MONTHS } from '@veilig-samen/domain';

/**
 * The sending system follows the case (its partner view, its webhooks), as
 * the organisation its token's OIN names; a token without an OIN follows
 * nothing, since a free-text organisation name proves nothing (finding 5).
 */
async function followAs(tx: Transaction, caseId: string, oin: string | undefined, now: Date): Promise<void> {
  if (oin !== undefined) await followCase(tx, caseId, oin, now);
}

export interface Receipt {
  readonly id: string;
  readonly type: string;
  readonly status: 'geaccepteerd' | 'samengevoegd' | 'afgewezen';
  readonly caseId: string | null;
  readonly linkedCaseId: string | null;
  readonly intakeId: string | null;
  readonly recurrence: boolean;
  readonly reasons: readonly InvalidParam[];
  readonly receivedAt: Date;
  /** Other cases the message wrote on (a link's event), to be logged beside `caseId`; not kept with the receipt. */
  readonly alsoWritten?: readonly string[];
}

type Outcome = Omit<Receipt, 'id' | 'type' | 'receivedAt' | 'reasons'>;

export const messageErrors = {
  unknownHousehold: () =>
    new DomainError({
      status: 422,
      code: 'bericht.huishouden-onbekend',
      title: 'Geen lopende casus gevonden voor dit huishouden in deze gemeente.',
      detail: 'Stuur eerst een overdracht, of controleer BSN, naam en geboortedatum.',
    }),
  unknownCase: () => new DomainError({ status: 422, code: 'bericht.casus-onbekend', title: 'Deze casus bestaat niet of hoort niet bij uw gemeenten.' }),
  caseOutsideMunicipalities: () =>
    new DomainError({
      status: 422,
      code: 'bericht.casus-buiten-gemeenten',
      title: 'Dit huishouden hoort bij een casus in een gemeente waarvoor uw systeem niet werkt.',
      detail:
        'Er is niets vastgelegd. Stuur het bericht via een koppeling die voor de gemeente van die casus werkt (bijvoorbeeld via Veilig Thuis), of vraag de beheerder om uw koppeling voor die gemeente toe te laten.',
    }),
  orderTooLong: () =>
    new DomainError({
      status: 422,
      code: 'bericht.huisverbod-duur',
      title: `Een opgelegd huisverbod duurt ${RESTRAINING_ORDER_DAYS} dagen.`,
      invalidParams: [{ name: 'einddatum', code: 'invalid_value', reason: `moet ${RESTRAINING_ORDER_DAYS} dagen na de startdatum liggen` }],
    }),
};

function reasonsOf(error: DomainError): InvalidParam[] {
  return error.invalidParams ? [...error.invalidParams] : [{ name: 'bericht', code: error.code, reason: error.detail ?? error.title }];
}

/** Stores a receipt for a message that was refused before or during processing. */
export async function rejectMessage(deps: CaseDeps, caller: Caller, type: string, reasons: readonly InvalidParam[]): Promise<Receipt> {
  const receipt: Receipt = { id: randomUUID(), type, status: 'afgewezen', caseId: null, linkedCaseId: null, intakeId: null, recurrence: false, reasons, receivedAt: deps.clock.now() };
  await insertMessage(deps.db, {
    id: receipt.id,
    clientId: caller.sub,
    organisation: caller.organisation,
    type,
    status: receipt.status,
    caseId: null,
    linkedCaseId: null,
    recurrence: false,
    reasons: [...reasons],
    receivedAt: receipt.receivedAt,
  });
  return receipt;
}

/**
 * Processes a valid message. Its effect and its receipt are written in one
 * transaction; a refusal (DomainError) stores a rejection receipt and is
 * rethrown with the receipt, so the caller can answer with both.
 */
export async function receiveMessage(
  deps: CaseDeps,
  caller: Caller,
  message: InboundMessage,
  /** Runs in the effect's transaction with the receipt, e.g. to store the idempotent response atomically. */
  onAccepted?: (tx: Transaction, receipt: Receipt) => Promise<void>,
): Promise<Receipt> {
  const id = randomUUID();
  const receivedAt = deps.clock.now();
  try {
    const outcome = await process(deps, caller, message, { id, receivedAt }, async (tx, result) => {
      await insertMessage(tx, {
        id,
        clientId: caller.sub,
        organisation: caller.organisation,
        type: message.type,
        status: result.status,
        caseId: result.caseId,
        linkedCaseId: result.linkedCaseId,
        intakeId: result.intakeId,
        recurrence: result.recurrence,
        reasons: [],
        receivedAt,
      });
      await onAccepted?.(tx, { id, type: message.type, receivedAt, reasons: [], ...result });
    });
    return { id, type: message.type, receivedAt, reasons: [], ...outcome };
  } catch (error) {
    if (!isDomainError(error) || error.status >= 500) throw error;
    const receipt = await rejectMessage(deps, caller, message.type, reasonsOf(error));
    throw new RejectedMessage(receipt, error);
  }
}

export class RejectedMessage extends Error {
  constructor(
    readonly receipt: Receipt,
    readonly problem: DomainError,
  ) {
    super(problem.message);
  }
}

type Record = (tx: Transaction, outcome: Outcome) => Promise<void>;
interface Arrival {
  readonly id: string;
  readonly receivedAt: Date;
}

const NO_LINKS = { linkedCaseId: null, intakeId: null, recurrence: false } as const;

async function process(deps: CaseDeps, caller: Caller, message: InboundMessage, arrival: Arrival, record: Record): Promise<Outcome> {
  // Before anything else: a message naming a municipality outside the region gets a rejection receipt saying so.
  if ('gemeente' in message) assertKnownMunicipalities(deps.municipalities, { gemeente: message.gemeente });
  switch (message.type) {
    case 'overdracht':
      return handover(deps, caller, message, arrival, record);
    case 'incident':
    case 'huisverbod':
      return aboutHousehold(deps, caller, message, arrival, record);
    case 'terugmelding-gevraagd': {
      const row = await findCase(deps.db, message.casusId);
      if (!row || !worksFor(caller, row.municipality)) throw messageErrors.unknownCase();
      return deps.db.transaction(async (tx) => {
        await followAs(tx, row.id, caller.oin, deps.clock.now());
        const outcome: Outcome = { status: 'geaccepteerd', caseId: row.id, ...NO_LINKS };
        await record(tx, outcome);
        return outcome;
      });
    }
    case 'mda-aanmelding':
      return referral(deps, caller, message, record);
  }
}

/**
 * A system refers a case it follows for MDA++ (issue 18 point 1), as a partner
 * does through POST /v1/casussen/{id}/mda-aanmeldingen: the machine judges it
 * (already escalated, closed, the perpetrator's side); a refusal is the
 * message's rejection receipt. No person: a system sent it.
 */
async function referral(deps: CaseDeps, caller: Caller, message: Extract<InboundMessage, { type: 'mda-aanmelding' }>, record: Record): Promise<Outcome> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const row = await lockCase(tx, message.casusId);
    const access = row ? await accessTo(tx, caller, row, now, 'partner') : undefined;
    if (!row || !access?.involved) throw messageErrors.unknownCase();
    const snapshot = restoreCase(row.state);
    const event = referredForMda({ body: { reden: message.reden }, now, actor: actorOf(caller, access), snapshot, persoon: null });
    await applyCaseEvent(tx, row, snapshot, event, now);
    const outcome: Outcome = { status: 'geaccepteerd', caseId: row.id, ...NO_LINKS };
    await record(tx, outcome);
    return outcome;
  });
}

function matchingKeyOf(deps: CaseDeps): string {
  if (!deps.matchingKey) throw new Error('household matching needs a matching key');
  return deps.matchingKey;
}

const keyHashesOf = (people: readonly NamedPerson[]) => people.flatMap((p) => p.keys.map((k) => k.keyHash));

/**
 * Matches under the household's locks, in one transaction: two messages
 * about one household at once end in one case (or one intake item). Nested
 * work runs in savepoints of this transaction.
 */
async function underHouseholdLocks<T>(deps: CaseDeps, people: readonly NamedPerson[], work: (deps: CaseDeps & { readonly db: Transaction }, tx: Transaction, candidates: readonly Candidate[]) => Promise<T>): Promise<T> {
  const key = matchingKeyOf(deps);
  return deps.db.transaction(async (tx) => {
    await lockHouseholdKeys(tx, keyHashesOf(people));
    return work({ ...deps, db: tx }, tx, await householdCandidates(tx, people, key));
  });
}

/** The reason on a reopening or a repeat, naming the message and its sender. */
const repeatReason = (type: string, caller: Caller) => `Nieuw bericht (${type}) van ${caller.organisation} na afsluiting: herhaling.`;

/**
 * The regisseur of a case a message reopened (or opened as a repeat) gets a
 * signal: the message reaches a person. A regisseur a beheerder marked as gone
 * reads nothing any more: the case goes to the municipality's intake (issue
 * 16: "the municipality's intake team as provisional regisseur until someone
 * takes it"), queued as a repeat (`herhaling`: the team reads it and takes it through
 * POST /v1/intake/{id}/toewijzing, which makes the taker regisseur); until then
 * the gone professional stays its formal regisseur (never zero), and the
 * beheerder gets a `regisseur-vertrokken` item to reassign it, as for the open
 * cases of someone marked as gone (directory/use-cases.ts markGone). Without an
 * intake team only the beheerder is told. Signals never get lost.
 *
 * The same when the repeat is a new case in another municipality than the
 * closed one (`formerMunicipality`, after 12 months): its former regisseur
 * works for the old municipality, so the new municipality's intake takes it
 * up, the former regisseur holding it until then.
 */
async function signalRegisseur(deps: CaseDeps, tx: Transaction, row: CaseRow, caller: Caller, now: Date, formerMunicipality: string = row.municipality): Promise<void> {
  // The case's regisseur, whoever that is when the werkvoorraad is read (a handover takes the signal along); due at once.
  await recordSignals(tx, actorOf(caller), [{ kind: 'signaal-afgesloten-huishouden', addressee: 'regisseur', caseRow: row, municipality: row.municipality, dueAt: now }], now);
  const gone = (await findProfessional(tx, row.regisseurId))?.goneAt;
  if (!gone && formerMunicipality === row.municipality) return;
  if (gone) await recordSignals(tx, actorOf(caller), [{ kind: 'regisseur-vertrokken', addressee: 'beheerder', caseRow: row, municipality: row.municipality, dueAt: now }], now);
  // One waiting item per case: a second message about it, or a move already offered, adds none.
  if (!findMunicipality(deps.municipalities, row.municipality)?.intakeTeam || (await waitingMoveOf(tx, row.id))) return;
  // Taken as a move is: taking it gives the case the taker as regisseur and keeps it where it is.
  await enqueueIntakeItem(tx, deps.municipalities, caller, {
    id: randomUUID(),
    kind: 'herhaling',
    municipality: row.municipality,
    messages: [],
    keyHashes: [],
    receivedAt: now,
    caseId: row.id,
    fromMunicipality: formerMunicipality,
  });
}

/** Reopens a case closed within 12 months as a repeat: directe-veiligheid, a new window, the same regisseur. */
async function reopen(deps: CaseDeps & { readonly db: Transaction }, row: CaseRow, reden: string, actor: Actor, now: Date): Promise<CaseRow> {
  const event = caseReopened({ body: { reden }, now, actor, beleid: await policyFor(deps.db, deps.region, now) });
  return applyCaseEvent(deps.db, row, restoreCase(row.state), event, now, deps.matchingKey);
}

type Handover = Extract<InboundMessage, { type: 'overdracht' }>;

async function handover(deps: CaseDeps, caller: Caller, message: Handover, arrival: Arrival, record: Record): Promise<Outcome> {
  if (!worksFor(caller, message.gemeente)) {
    throw caseErrors.municipalityNotAllowed(message.gemeente);
  }
  const people = namedPeople(message.leden, matchingKeyOf(deps));
  return underHouseholdLocks(deps, people, async (locked, _tx, candidates) => {
    const now = deps.clock.now();
    const open = openCaseOfHousehold(candidates);
    if (open) return merge(locked, caller, message, people, open, arrival, record, false);
    const closed = closedCaseOfHousehold(candidates);
    if (closed?.row.closedAt && closedCaseAction(closed.row.closedAt, now) === 'heropenen') return merge(locked, caller, message, people, closed, arrival, record, true);

    // A new case, with the regisseur Veilig Thuis chose: linked to an older closed case of the household, and to
    // any open case of another household sharing one member (matched here on BSNs too, which members do not keep).
    const koppelingen = [...(closed ? [{ caseId: closed.row.id, gemeente: closed.row.municipality, reden: 'herhaling' as const }] : []), ...sharedMemberLinks(candidates)];
    const linkedCaseId = linkShownTo(caller, koppelingen);
    let outcome: Outcome | undefined;
    await createCase(
      locked,
      caller,
      {
        gemeente: message.gemeente,
        leden: message.leden,
        bron: message.bron,
        regisseur: message.regisseur,
        startdatum: message.startdatum,
        veiligheidsinschatting: { score: message.veiligheidsinschatting.score ?? null, toelichting: message.veiligheidsinschatting.toelichting },
        koppelingen,
        herkenning: 'regio',
      },
      async (inner, row, linked) => {
        await addHouseholdKeys(inner, row.id, row.municipality, people.flatMap((p) => p.keys));
        await followAs(inner, row.id, caller.oin, now);
        outcome = { status: 'geaccepteerd', caseId: row.id, linkedCaseId, intakeId: null, recurrence: false, alsoWritten: linked };
        await record(inner, outcome);
      },
    );
    if (!outcome) throw new Error('case created without outcome');
    return outcome;
  });
}

/**
 * A handover for the household of `target` (1 gezin, 1 plan): members the
 * case does not know join it, known ones only add their keys (e.g. a BSN).
 * What the message brought is kept, so that the regisseur can undo a wrong
 * merge within 30 days.
 */
async function merge(
  deps: CaseDeps & { readonly db: Transaction },
  caller: Caller,
  message: Handover,
  people: readonly NamedPerson[],
  target: Candidate,
  arrival: Arrival,
  record: Record,
  recurrence: boolean,
): Promise<Outcome> {
  const tx = deps.db;
  const now = deps.clock.now();
  let row = await lockServedCase(tx, caller, target.row.id);
  const actor = actorOf(caller);
  if (recurrence && phaseOf(restoreCase(row.state)) === 'afgesloten') row = await reopen(deps, row, repeatReason(message.type, caller), actor, now);
  const added: string[] = [];
  for (const [index, lid] of message.leden.entries()) {
    if (target.matchedPeople.includes(index)) continue;
    const event = memberAdded({ body: lid, now, actor }, undefined, `leden[${index}].geboortedatum`);
    if (event.type === 'lid.toegevoegd') added.push(event.lid.id);
    row = await applyCaseEvent(tx, row, restoreCase(row.state), event, now, deps.matchingKey);
  }
  await addHouseholdKeys(tx, row.id, row.municipality, people.flatMap((p) => p.keys));
  await insertCaseMerge(tx, {
    messageId: arrival.id,
    caseId: row.id,
    memberIds: added,
    // Only the keys of the members it brought leave with them on an undo; a known member keeps a new key.
    keyHashes: people.flatMap((p, index) => (target.matchedPeople.includes(index) ? [] : p.keys.map((k) => k.keyHash))),
    message: withoutBsn(message),
    sender: { sub: caller.sub, organisatie: caller.organisation, ...(caller.oin ? { oin: caller.oin } : {}) },
    mergedAt: now,
  });
  if (recurrence) await signalRegisseur(deps, tx, row, caller, now);
  await followAs(tx, row.id, caller.oin, now);
  const outcome: Outcome = { status: 'samengevoegd', caseId: row.id, linkedCaseId: null, intakeId: null, recurrence };
  await record(tx, outcome);
  return outcome;
}

/**
 * The household's case a message writes into, locked: recognised region-wide,
 * but written only if the sender works for the case's municipality (as for
 * terugmelding-gevraagd); else refused with nothing stored.
 */
async function lockServedCase(tx: Transaction, caller: Caller, caseId: string): Promise<CaseRow> {
  const row = await lockCase(tx, caseId);
  if (!row) throw messageErrors.unknownHousehold();
  if (!worksFor(caller, row.municipality)) throw messageErrors.caseOutsideMunicipalities();
  return row;
}

/** A handover as kept beside the case: the BSNs leave it (they exist only as keyed hashes). */
function withoutBsn(message: Handover): globalThis.Record<string, unknown> {
  return { ...message, leden: message.leden.map(({ bsn: _bsn, ...lid }) => lid) };
}

type HouseholdMessage = Extract<InboundMessage, { type: 'incident' | 'huisverbod' }>;

/**
 * The case event a message about a household brings: the same builders as
 * POST .../incidenten (a date after now is refused the same way). A
 * restraining order's duration is checked here, before anything is stored;
 * what it becomes depends on the case it lands on (restrainingOrderOnCase).
 */
export function householdMessageEvent(
  message:
    | { readonly type: 'incident'; readonly tijdstip: Date; readonly soort: IncidentKind; readonly vorm?: ViolenceForm | undefined; readonly omschrijving: string }
    | { readonly type: 'huisverbod'; readonly actie: 'opgelegd' | 'verlengd'; readonly startdatum: Date; readonly einddatum: Date },
  now: Date,
  actor: Actor,
  beleid: Policy,
): (on: CaseSnapshot) => CaseEvent {
  if (message.type === 'incident') {
    // Every incident message is the police's (HOUSEHOLD_MESSAGE_SOURCE): its children's schools get a Handle with Care signal.
    const event = incidentReported({ body: { ...message, bron: HOUSEHOLD_MESSAGE_SOURCE }, now, actor, beleid });
    return () => event;
  }
  // Ten calendar days; an hour either way absorbs a daylight-saving change counted in hours.
  const tenDays = message.actie === 'opgelegd' ? addDays(message.startdatum, RESTRAINING_ORDER_DAYS).getTime() : undefined;
  if (tenDays !== undefined && Math.abs(message.einddatum.getTime() - tenDays) > 3_600_000) throw messageErrors.orderTooLong();
  return (on) => restrainingOrderOnCase({ body: message, now, actor }, on.context.huisverbod);
}

/** Incidents and restraining orders come from the police (by way of Veilig Thuis or the ZVH): a case they open has that source. */
export const HOUSEHOLD_MESSAGE_SOURCE: Source = 'politie';

async function aboutHousehold(deps: CaseDeps, caller: Caller, message: HouseholdMessage, arrival: Arrival, record: Record): Promise<Outcome> {
  if (!worksFor(caller, message.gemeente)) throw messageErrors.unknownHousehold();
  const key = matchingKeyOf(deps);
  const people = namedPeople(message.personen, key);
  return underHouseholdLocks(deps, people, async (locked, tx, candidates) => {
    const now = deps.clock.now();
    const actor = actorOf(caller);
    const beleid = await policyFor(tx, deps.region, now);
    // Refused on its face (a date after now, an order of the wrong length) before anything is stored or matched.
    const event = householdMessageEvent(message, now, actor, beleid);

    const open = openCaseOfHousehold(candidates);
    if (open) {
      const row = await lockServedCase(tx, caller, open.row.id);
      const snapshot = restoreCase(row.state);
      await applyCaseEvent(tx, row, snapshot, event(snapshot), now, deps.matchingKey);
      const outcome: Outcome = { status: 'geaccepteerd', caseId: row.id, ...NO_LINKS };
      await record(tx, outcome);
      return outcome;
    }

    const closed = closedCaseOfHousehold(candidates);
    if (closed?.row.closedAt && closedCaseAction(closed.row.closedAt, now) === 'heropenen') {
      // A repeat: reopened with its former regisseur; if a beheerder marked them as gone, also queued in the intake (signalRegisseur).
      let row = await lockServedCase(tx, caller, closed.row.id);
      if (phaseOf(restoreCase(row.state)) === 'afgesloten') row = await reopen(locked, row, repeatReason(message.type, caller), actor, now);
      const snapshot = restoreCase(row.state);
      row = await applyCaseEvent(tx, row, snapshot, event(snapshot), now, deps.matchingKey);
      await addHouseholdKeys(tx, row.id, row.municipality, people.flatMap((p) => p.keys));
      await signalRegisseur(deps, tx, row, caller, now);
      await followAs(tx, row.id, caller.oin, now);
      const outcome: Outcome = { status: 'samengevoegd', caseId: row.id, linkedCaseId: null, intakeId: null, recurrence: true };
      await record(tx, outcome);
      return outcome;
    }
    if (closed) return repeatAfterYear(locked, caller, message, people, closed, event, record);
    return toIntake(tx, deps, caller, message, people, arrival, record);
  });
}

/**
 * A message about a household whose case closed more than 12 months ago: a
 * new case, linked to the old one (herhaling), with the old case's regisseur
 * and the members the message names, in directe-veiligheid with a new window.
 */
async function repeatAfterYear(
  deps: CaseDeps & { readonly db: Transaction },
  caller: Caller,
  message: HouseholdMessage,
  people: readonly NamedPerson[],
  closed: Candidate,
  event: (on: CaseSnapshot) => CaseEvent,
  record: Record,
): Promise<Outcome> {
  const now = deps.clock.now();
  const former = restoreCase(closed.row.state).context;
  const known = former.leden.filter((lid) => closed.memberIds.includes(lid.id)).map(asNewMember);
  const unknown = message.personen.flatMap((person, index) => (!closed.matchedPeople.includes(index) && namePartsOf(person) ? [personAsMember(person)] : []));
  let outcome: Outcome | undefined;
  await createCase(
    deps,
    caller,
    { gemeente: message.gemeente, leden: [...known, ...unknown], bron: HOUSEHOLD_MESSAGE_SOURCE, regisseur: former.regisseur, koppelingen: [{ caseId: closed.row.id, reden: 'herhaling' }], herkenning: 'regio' },
    async (tx, created, linked) => {
      await addHouseholdKeys(tx, created.id, created.municipality, people.flatMap((p) => p.keys));
      const snapshot = restoreCase(created.state);
      const row = await applyCaseEvent(tx, created, snapshot, event(snapshot), now, deps.matchingKey);
      await signalRegisseur(deps, tx, row, caller, now, closed.row.municipality);
      await followAs(tx, row.id, caller.oin, now);
      outcome = { status: 'geaccepteerd', caseId: row.id, linkedCaseId: linkShownTo(caller, [{ caseId: closed.row.id, gemeente: closed.row.municipality }]), intakeId: null, recurrence: false, alsoWritten: linked };
      await record(tx, outcome);
    },
  );
  if (!outcome) throw new Error('case created without outcome');
  return outcome;
}

/**
 * The linked case a receipt names: the first the sender serves. Matching is
 * region-wide, but a system learns no case of a municipality it does not
 * work for (the link itself is made, and its regisseurs see it).
 */
function linkShownTo(caller: Caller, links: readonly { readonly caseId: string; readonly gemeente: string }[]): string | null {
  return links.find((link) => worksFor(caller, link.gemeente))?.caseId ?? null;
}

/**
 * A person a message names, as a member of a new case: the name in parts, or
 * the single name a system sent (split by newMember); only a BSN names nobody
 * readable (UNNAMED_MEMBER).
 */
export function personAsMember(
  person: GivenName & { readonly geboortedatum?: string | undefined; readonly relatie?: Member['relatie'] | undefined; readonly betrokkenheid?: readonly Member['betrokkenheid'][number][] | undefined },
): NewMember {
  return {
    voornamen: person.voornamen,
    voorvoegsel: person.voorvoegsel,
    geslachtsnaam: person.geslachtsnaam,
    naam: person.naam,
    ...(person.geboortedatum ? { geboortedatum: person.geboortedatum } : {}),
    relatie: person.relatie ?? 'overig',
    betrokkenheid: [...(person.betrokkenheid ?? [])],
  };
}

/**
 * A household without a case: the message waits in the intake of its
 * municipality, kept whole without BSNs (each person's keys instead). A later
 * message about the same household joins the waiting item.
 */
async function toIntake(tx: Transaction, deps: CaseDeps, caller: Caller, message: HouseholdMessage, people: readonly NamedPerson[], arrival: Arrival, record: Record): Promise<Outcome> {
  const { personen, ...rest } = message;
  const kept: IntakeMessage = {
    berichtId: arrival.id,
    ontvangenOp: arrival.receivedAt.toISOString(),
    afzender: { sub: caller.sub, organisatie: caller.organisation, ...(caller.oin ? { oin: caller.oin } : {}) },
    bericht: {
      // As JSON (dates as ISO strings), the way it is stored.
      ...(JSON.parse(JSON.stringify(rest)) as globalThis.Record<string, unknown>),
      personen: personen.map((person, index) => ({ ...Object.fromEntries(Object.entries(person).filter(([field]) => field !== 'bsn')), sleutels: people[index]?.keys ?? [] })),
    },
  };
  const keyHashes = keyHashesOf(people);
  const named = people.map((p) => ({ keys: p.keys.map((k) => k.keyHash), pleger: p.pleger }));
  const waiting = (await lockWaitingIntakeItemsWithKeys(tx, message.gemeente, keyHashes)).find((item) => judgeHousehold(named, new Set(item.keyHashes)).soort === 'zelfde-huishouden');
  let intakeId: string;
  if (waiting) {
    await appendIntakeMessage(tx, waiting.id, kept, keyHashes);
    intakeId = waiting.id;
  } else {
    intakeId = randomUUID();
    await enqueueIntakeItem(tx, deps.municipalities, caller, { id: intakeId, kind: 'bericht', municipality: message.gemeente, messages: [kept], keyHashes, receivedAt: arrival.receivedAt });
  }
  const outcome: Outcome = { status: 'geaccepteerd', caseId: null, linkedCaseId: null, intakeId, recurrence: false };
  await record(tx, outcome);
  return outcome;
}
