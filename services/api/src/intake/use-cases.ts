/**
 * The municipalities' intake (issue 16, points 7 and 9), undoing a wrong
 * merge (point 8) and moving house (point 9).
 * - A message about a household without a case waits in the intake of its
 *   municipality; a member of the intake team takes it (`toewijzing`) and
 *   becomes regisseur of a new case with the message's members, whose
 *   safety window starts when the message arrived.
 * - A case whose household moved to another municipality of the region is
 *   offered to that municipality's intake; its regisseur stays regisseur
 *   until someone there takes it, and then the municipality and the
 *   regisseur change in one event: never zero or two regisseurs.
 * - A handover merged into a case can be undone by its regisseur within 30
 *   days: the members it brought move to their own case, with the message
 *   and the regisseur its sender chose, linked to the case they left.
 */
import { randomUUID } from 'node:crypto';
import { incidentMessage, restrainingOrderMessage } from '@veilig-samen/contracts';
import {
  addHouseholdKeys,
  findCase,
  findIntakeItem,
  followCase,
  listIntakeItems,
  lockCase,
  lockCaseMerge,
  lockHouseholdKeys,
  lockIntakeItem,
  markIntakeTaken,
  markMergeUndone,
  moveMessageToCase,
  removeHouseholdKeys,
  waitingMoveOf,
  type CaseRow,
  type Executor,
  type IntakeItemRow,
  type IntakeMessage,
  type IntakeStatus,
  type Page,
  type Transaction,
} from '@veilig-samen/db';
import {
  actsAsRegisseurOf,
  assertKnownMunicipalities,
  caseErrors,
  DomainError,
  findMunicipality,
  localDate,
  restoreCase,
  type Actor,
  type Caller,
  type CaseEvent,
  type CaseSnapshot,
  type Policy,
  type Professional,
  type Source,
} from '@veilig-samen/domain';
import { accessTo, everOnPerpetratorSide, intakeMunicipalitiesOf } from '../cases/access.js';
import { householdCandidates, openCaseOfHousehold, sharedMemberLinks } from '../cases/household.js';
import { incidentReported, membersSplit, moveOffered, moveTaken, moveWithdrawn, newMember, restrainingOrderOnCase, type NewMember } from '../cases/commands.js';
import { actorOf, applyCaseEvent, linkCase, policyFor, runCaseCommand, tryApplyCaseEvent, tryCreateCase, type CaseDeps, type CaseRead, type PreparedCase } from '../cases/use-cases.js';
import { HOUSEHOLD_MESSAGE_SOURCE, personAsMember } from '../integrations/messages.js';
import { identityKeys, type HouseholdKey } from '../projections/household-keys.js';
import { enqueueIntakeItem } from '../projections/intake-queue.js';

export const intakeErrors = {
  notFound: () =>
    new DomainError({
      status: 404,
      code: 'intake.niet-gevonden',
      title: 'Dit intake-item bestaat niet, of hoort niet bij de intake van uw gemeente.',
      detail: 'Intake-items zien alleen de leden van het intaketeam van de gemeente (claim teams) en de beheerder van de gemeente.',
    }),
  alreadyTaken: () =>
    new DomainError({
      status: 409,
      code: 'intake.al-toegewezen',
      title: 'Dit intake-item is al opgepakt.',
      detail: 'Iemand van het intaketeam heeft het al opgepakt; de casus die het werd staat bij het item (GET /v1/intake?status=toegewezen).',
    }),
  sameMunicipality: () =>
    new DomainError({
      status: 422,
      code: 'verhuizing.zelfde-gemeente',
      title: 'De casus hoort al bij deze gemeente.',
      detail: 'Een verhuizing gaat naar een andere gemeente van de regio; binnen de gemeente draagt u de regie over (POST /v1/casussen/{id}/overdracht).',
      invalidParams: [{ name: 'gemeente', code: 'invalid_value', reason: 'de casus hoort al bij deze gemeente' }],
    }),
  moveWaiting: () =>
    new DomainError({
      status: 409,
      code: 'verhuizing.loopt-al',
      title: 'Deze casus is al aangeboden aan de intake van een andere gemeente.',
      detail: 'Wacht tot iemand daar de casus oppakt; tot dan blijft u regisseur.',
    }),
  noMoveWaiting: () =>
    new DomainError({
      status: 409,
      code: 'verhuizing.geen-aanbod',
      title: 'Deze casus is niet aangeboden aan de intake van een andere gemeente.',
      detail: 'Er is geen verhuizing om in te trekken: het aanbod is al opgepakt of ingetrokken. Zie de tijdlijn van de casus.',
    }),
  noIntakeTeam: (gemeente: string) =>
    new DomainError({
      status: 422,
      code: 'verhuizing.geen-intaketeam',
      title: `${gemeente} heeft geen intaketeam: niemand daar kan de casus overnemen.`,
      detail: `Vraag de beheerder van ${gemeente} een intaketeam in te stellen (GEMEENTEN, docs/operations.md) en bied de casus daarna aan; tot dan blijft u regisseur.`,
      invalidParams: [{ name: 'gemeente', code: 'invalid_value', reason: 'deze gemeente heeft geen intaketeam' }],
    }),
  mergeNotFound: () =>
    new DomainError({
      status: 404,
      code: 'samenvoeging.niet-gevonden',
      title: 'Dit bericht is niet met deze casus samengevoegd.',
      detail: 'Alleen een overdracht die aan deze casus werd toegevoegd (ontvangstbevestiging met status samengevoegd) kan ongedaan worden gemaakt.',
    }),
  onlyRegisseurUndoes: () =>
    new DomainError({
      status: 403,
      code: 'samenvoeging.alleen-regisseur',
      title: 'Alleen de regisseur kan een samenvoeging ongedaan maken.',
      detail: 'Vraag de regisseur van de casus dit te doen, binnen 30 dagen na de samenvoeging.',
    }),
  mergeUndone: () =>
    new DomainError({ status: 409, code: 'samenvoeging.al-ongedaan', title: 'Deze samenvoeging is al ongedaan gemaakt.', detail: 'De leden van het bericht hebben al een eigen casus.' }),
};

// ------------------------------------------------------------ listing

export async function intakeList(deps: CaseDeps, caller: Caller, status: IntakeStatus, page: Page) {
  const { rows, total } = await listIntakeItems(deps.db, intakeMunicipalitiesOf(caller), status, page);
  const readable = await readableCases(deps.db, caller, rows.flatMap((row) => (row.caseId ? [row.caseId] : [])), deps.clock.now());
  return { rows: rows.map((row) => (row.caseId && !readable.has(row.caseId) ? { ...row, caseId: null } : row)), total };
}

/**
 * The cases among these that the caller may read. An item names no other:
 * a message taken into a case elsewhere (the household got one meanwhile),
 * or a move a colleague took, shows neither that case's id nor its regisseur.
 */
async function readableCases(db: Executor, caller: Caller, caseIds: readonly string[], now: Date): Promise<ReadonlySet<string>> {
  const readable = new Set<string>();
  for (const id of new Set(caseIds)) {
    const row = await findCase(db, id);
    if (row && (await accessTo(db, caller, row, now))) readable.add(id);
  }
  return readable;
}

/** A person of the intake, as kept: what the message told, and their keys (never a BSN). */
export interface IntakePerson {
  readonly naam?: string;
  readonly geboortedatum?: string;
  readonly relatie?: NewMember['relatie'];
  readonly betrokkenheid?: NewMember['betrokkenheid'];
  readonly sleutels: readonly HouseholdKey[];
}

/** The people of an item's messages, each once: two references sharing a key are one person. */
export function intakePersons(messages: readonly IntakeMessage[]): IntakePerson[] {
  const persons: IntakePerson[] = [];
  for (const message of messages) {
    for (const person of (message.bericht.personen ?? []) as IntakePerson[]) {
      const index = persons.findIndex((p) => p.sleutels.some((k) => person.sleutels.some((l) => l.keyHash === k.keyHash)));
      const known = persons[index];
      if (!known) {
        persons.push(person);
        continue;
      }
      const naam = known.naam ?? person.naam;
      const geboortedatum = known.geboortedatum ?? person.geboortedatum;
      const relatie = known.relatie ?? person.relatie;
      persons[index] = {
        ...(naam ? { naam } : {}),
        ...(geboortedatum ? { geboortedatum } : {}),
        ...(relatie ? { relatie } : {}),
        betrokkenheid: [...new Set([...(known.betrokkenheid ?? []), ...(person.betrokkenheid ?? [])])],
        sleutels: [...known.sleutels, ...person.sleutels.filter((k) => !known.sleutels.some((l) => l.keyHash === k.keyHash))],
      };
    }
  }
  return persons;
}

// ------------------------------------------------------------ taking an item

export type AuditHook = (tx: Transaction, cases: string | null | readonly string[]) => Promise<void>;

/**
 * A member of the municipality's intake team takes an item: for a message,
 * they become regisseur of a new case with its members, whose window starts
 * when the message arrived, and its incidents and orders on it; for a move,
 * the case comes to their municipality with them as regisseur. Twice: 409.
 */
export async function takeIntakeItem(deps: CaseDeps, caller: Caller, id: string, audit: AuditHook): Promise<{ readonly item: IntakeItemRow; readonly row: CaseRow | null }> {
  return deps.db.transaction(async (tx) => {
    // The household's locks first, as a message about it takes them before it joins the item: no deadlock between the two.
    const peek = await findIntakeItem(tx, id);
    if (peek) await lockHouseholdKeys(tx, peek.keyHashes);
    const item = await lockIntakeItem(tx, id);
    // Only the team of the item's municipality knows it exists.
    if (!item || caller.role !== 'lokaal-team' || !intakeMunicipalitiesOf(caller).includes(item.municipality)) throw intakeErrors.notFound();
    if (item.takenAt) throw intakeErrors.alreadyTaken();
    const now = deps.clock.now();
    const regisseur: Professional = { id: caller.sub, organisatie: caller.organisation };
    const { row, linked } = item.kind === 'verhuizing' ? { row: await takeMove(deps, tx, caller, item, regisseur, now), linked: [] } : await openFromMessages(deps, tx, caller, item, regisseur, now);
    await markIntakeTaken(tx, item, caller.sub, now, row.id);
    // Logged on the case and on each case a link was written on.
    await audit(tx, linked.length > 0 ? [row.id, ...linked] : row.id);
    // The messages may have gone to the household's case elsewhere: named only if the taker may read it.
    const shown = (await readableCases(tx, caller, [row.id], now)).has(row.id) ? row : null;
    return { item: { ...item, takenBy: caller.sub, takenAt: now, caseId: shown?.id ?? null }, row: shown };
  });
}

async function takeMove(deps: CaseDeps, tx: Transaction, caller: Caller, item: IntakeItemRow, regisseur: Professional, now: Date): Promise<CaseRow> {
  const row = item.caseId ? await lockCase(tx, item.caseId) : undefined;
  if (!row) throw intakeErrors.notFound();
  // As for a handover: nobody who is or was on this case's perpetrator side becomes its regisseur.
  const event = moveTaken({ body: { gemeente: item.municipality, regisseur }, now, actor: actorOf(caller), perpetratorSide: await everOnPerpetratorSide(tx, row.id, caller.sub) });
  return applyCaseEvent(tx, row, restoreCase(row.state), event, now, deps.matchingKey);
}

/** The messages' incidents and orders on the case, by their senders, who follow it. */
async function applyMessages(deps: CaseDeps, tx: Transaction, row: CaseRow, messages: readonly IntakeMessage[], now: Date): Promise<CaseRow> {
  const beleid = await policyFor(tx, deps.region, now);
  let current = row;
  for (const kept of messages) {
    const snapshot = restoreCase(current.state);
    const event = eventOf(kept, snapshot, now, beleid);
    // The message is kept with the item whatever the machine says; a refusal (an order already over, say) only leaves the case as it is.
    const applied = await tryApplyCaseEvent(tx, current, snapshot, event, now, deps.matchingKey);
    if (applied.ok) current = applied.row;
    if (kept.afzender.oin) await followCase(tx, current.id, kept.afzender.oin, now);
  }
  return current;
}

async function openFromMessages(deps: CaseDeps, tx: Transaction, caller: Caller, item: IntakeItemRow, regisseur: Professional, now: Date): Promise<{ readonly row: CaseRow; readonly linked: readonly string[] }> {
  const persons = intakePersons(item.messages);
  const named = persons.map((p) => ({ keys: p.sleutels, pleger: p.betrokkenheid?.includes('pleger') ?? false }));
  const candidates = deps.matchingKey ? await householdCandidates(tx, named, deps.matchingKey) : [];
  // The household got a case meanwhile (a handover): the messages go to it, with its regisseur; nothing is lost.
  const existing = openCaseOfHousehold(candidates);
  if (existing) {
    const row = await lockCase(tx, existing.row.id);
    if (!row) throw intakeErrors.notFound();
    await addHouseholdKeys(tx, row.id, row.municipality, persons.flatMap((p) => p.sleutels));
    return { row: await applyMessages(deps, tx, row, item.messages, now), linked: [] };
  }
  const today = localDate(now);
  const input = persons.map(personAsMember);
  const prepared: PreparedCase = {
    // Linked to open cases of other households sharing one member, matched on BSNs too (members do not keep them).
    input: { gemeente: item.municipality, leden: input, bron: HOUSEHOLD_MESSAGE_SOURCE, regisseur, koppelingen: sharedMemberLinks(candidates), herkenning: 'regio' },
    leden: input.map((lid, index) => newMember(lid, today, `personen[${index}].geboortedatum`)),
    regisseur,
    // The window starts when the message arrived, not when someone took it.
    start: item.receivedAt,
    now,
  };
  let opened: { readonly row: CaseRow; readonly linked: readonly string[] } | undefined;
  const outcome = await tryCreateCase({ ...deps, db: tx }, caller, prepared, async (inner, row, linked) => {
    await addHouseholdKeys(inner, row.id, row.municipality, persons.flatMap((p) => p.sleutels));
    opened = { row: await applyMessages(deps, inner, row, item.messages, now), linked };
  });
  if ('matches' in outcome) throw caseErrors.householdHasCase();
  if (!opened) throw new Error('case opened without row');
  return opened;
}

/** The case event a kept message brings, by its sender, on the case as it stands. */
function eventOf(kept: IntakeMessage, snapshot: CaseSnapshot, now: Date, beleid: Policy): CaseEvent {
  const actor: Actor = { sub: kept.afzender.sub, rol: 'integratie', organisatie: kept.afzender.organisatie };
  if (kept.bericht.type === 'incident') {
    const body = incidentMessage.pick({ tijdstip: true, soort: true, vorm: true, omschrijving: true }).parse(kept.bericht);
    // A message's incident is the police's (issue 17: the children's schools get a Handle with Care signal).
    return incidentReported({ body: { ...body, bron: HOUSEHOLD_MESSAGE_SOURCE }, now, actor, beleid });
  }
  const body = restrainingOrderMessage.pick({ actie: true, startdatum: true, einddatum: true }).parse(kept.bericht);
  return restrainingOrderOnCase({ body, now, actor }, snapshot.context.huisverbod);
}

// ------------------------------------------------------------ moving house

/**
 * The regisseur (or beheerder) offers the case to the intake of the
 * municipality the household moved to. Nothing else changes until someone
 * there takes it: the regisseur stays (warm handover).
 */
export async function offerMove(deps: CaseDeps, caller: Caller, caseId: string, version: number, body: { readonly gemeente: string; readonly toelichting: string }, audit: AuditHook) {
  assertKnownMunicipalities(deps.municipalities, { gemeente: body.gemeente });
  // Only an intake team can take the offer: without one it would wait forever.
  if (!findMunicipality(deps.municipalities, body.gemeente)?.intakeTeam) throw intakeErrors.noIntakeTeam(body.gemeente);
  return runCaseCommand(
    deps,
    caller,
    caseId,
    version,
    'handover',
    async ({ snapshot, now, actor, tx }) => {
      if (snapshot.context.gemeente === body.gemeente) throw intakeErrors.sameMunicipality();
      if (await waitingMoveOf(tx, caseId)) throw intakeErrors.moveWaiting();
      // A refusal of the event below rolls this back with it.
      await enqueueIntakeItem(tx, deps.municipalities, caller, {
        id: randomUUID(),
        kind: 'verhuizing',
        municipality: body.gemeente,
        messages: [],
        keyHashes: [],
        receivedAt: now,
        caseId,
        fromMunicipality: snapshot.context.gemeente,
      });
      await audit(tx, caseId);
      return moveOffered({ body, now, actor });
    },
  );
}

/**
 * The regisseur (or beheerder) withdraws the waiting offer, e.g. to correct a
 * wrong municipality: the item leaves that intake (projectMoveOffer) and its
 * team no longer reads the case. Closing the case withdraws it too.
 */
export async function withdrawMove(deps: CaseDeps, caller: Caller, caseId: string, version: number, audit: AuditHook) {
  return runCaseCommand(deps, caller, caseId, version, 'handover', async ({ now, actor, tx }) => {
    const offer = await waitingMoveOf(tx, caseId);
    if (!offer) throw intakeErrors.noMoveWaiting();
    await audit(tx, caseId);
    return moveWithdrawn({ body: { gemeente: offer.municipality }, now, actor });
  });
}

// ------------------------------------------------------------ undoing a merge

interface KeptHandover {
  readonly bron: Source;
  readonly regisseur: Professional;
  readonly veiligheidsinschatting?: { readonly score?: number; readonly toelichting: string };
}

/**
 * The regisseur undoes a wrong merge within 30 days (the machine's guard
 * `afsplitsingBinnenTermijn`): the members the message brought leave for a
 * case of their own, with the regisseur its sender chose, whose window starts
 * when the message arrived; the message's receipt names that case; the two
 * cases are linked (gedeeld-lid), each logged.
 */
export async function undoMerge(deps: CaseDeps, caller: Caller, caseId: string, messageId: string, version: number, audit: AuditHook): Promise<CaseRead & { readonly split: CaseRow }> {
  return deps.db.transaction(async (outer) => {
    const inner = { ...deps, db: outer };
    let split: CaseRow | undefined;
    let linked: readonly string[] = [];
    // Any member of the network may ask; only the regisseur undoes (its own refusal, not the escalation's).
    const read = await runCaseCommand(inner, caller, caseId, version, 'command', async ({ snapshot, now, actor, tx }) => {
      if (!actsAsRegisseurOf(actor, snapshot.context.regisseur.id)) throw intakeErrors.onlyRegisseurUndoes();
      const merge = await lockCaseMerge(tx, messageId);
      if (!merge || merge.caseId !== caseId) throw intakeErrors.mergeNotFound();
      if (merge.undoneAt) throw intakeErrors.mergeUndone();
      const leaving = snapshot.context.leden.filter((lid) => merge.memberIds.includes(lid.id));
      // Their keys leave first, so the household check below no longer finds them in this case.
      await removeHouseholdKeys(tx, caseId, merge.keyHashes);
      const handover = merge.message as unknown as KeptHandover;
      const today = localDate(now);
      const input: NewMember[] = leaving.map((lid) => ({ naam: lid.naam, ...(lid.geboortedatum ? { geboortedatum: lid.geboortedatum } : {}), relatie: lid.relatie, betrokkenheid: [...lid.betrokkenheid] }));
      const prepared: PreparedCase = {
        input: { gemeente: snapshot.context.gemeente, leden: input, bron: handover.bron, regisseur: handover.regisseur, herkenning: 'regio' },
        leden: input.map((lid, index) => newMember(lid, today, `leden[${index}].geboortedatum`)),
        regisseur: handover.regisseur,
        start: merge.mergedAt,
        now,
      };
      const created = await tryCreateCase({ ...deps, db: tx }, caller, prepared, async (t, row, links) => {
        linked = links;
        const matchingKey = deps.matchingKey;
        const own = new Set(matchingKey ? prepared.leden.flatMap((lid) => identityKeys(lid, matchingKey).map((k) => k.keyHash)) : []);
        // The message's other keys (its BSNs, hashed) go with them too.
        await addHouseholdKeys(t, row.id, row.municipality, merge.keyHashes.filter((k) => !own.has(k)).map((keyHash) => ({ keyHash, kind: 'bsn' })));
        if (merge.sender.oin) await followCase(t, row.id, merge.sender.oin, now);
        await moveMessageToCase(t, messageId, row.id);
        await markMergeUndone(t, messageId, now, row.id);
      });
      if ('matches' in created) throw caseErrors.householdHasCase();
      split = created.row;
      return membersSplit({ body: { lidIds: leaving.map((lid) => lid.id), naarCasusId: split.id, berichtId: messageId, samengevoegdOp: merge.mergedAt }, now, actor });
    });
    if (!split) throw new Error('split without case');
    const now = deps.clock.now();
    split = await linkCase(outer, deps, split, caseId, 'gedeeld-lid', actorOf(caller), now);
    await audit(outer, [caseId, split.id, ...linked]);
    const row = await lockCase(outer, caseId);
    if (!row) throw caseErrors.notFound();
    return { row, split, access: read.access };
  });
}
