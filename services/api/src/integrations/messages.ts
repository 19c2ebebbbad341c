/**
 * Inbound messages from Veilig Thuis and the Zorg- en Veiligheidshuis. Every
 * message gets a receipt: accepted, merged into a case, or rejected with the
 * reasons. A handover for a household that already has a case adds to that
 * case (1 gezin, 1 plan); one closed less than 12 months ago is reopened as
 * recurrence; an older one is linked from a new case.
 */
import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '@veilig-samen/contracts';
import {
  addHouseholdKeys,
  casesWithKeys,
  findCase,
  followCase,
  insertMessage,
  lockCase,
  lockHouseholdKeys,
  type CaseRow,
  type Transaction,
} from '@veilig-samen/db';
import {
  addCalendarMonths,
  addDays,
  assertKnownMunicipalities,
  caseErrors,
  DomainError,
  isDomainError,
  phaseOf,
  restoreCase,
  RESTRAINING_ORDER_DAYS,
  type Caller,
  type CaseEvent,
  type InvalidParam,
} from '@veilig-samen/domain';
import { worksFor } from '../cases/access.js';
import { caseReopened, incidentReported, memberAdded, restrainingOrderReported } from '../cases/commands.js';
import { actorOf, applyCaseEvent, createCase, policyFor, type CaseDeps } from '../cases/use-cases.js';
import { identityKeys, type HouseholdKey } from '../projections/household-keys.js';

/** A closed case of the same household this recent is reopened (recurrence); an older one is linked. */

/**
 * The sending system follows the case (its partner view, its webhooks), as
 * the organisation its token's OIN names; a token without an OIN follows
 * nothing, since a free-text organisation name proves nothing (finding 5).
 */
async function followAs(tx: Transaction, caseId: string, caller: Caller, now: Date): Promise<void> {
  if (caller.oin !== undefined) await followCase(tx, caseId, caller.oin, now);
}

export const RECURRENCE_MONTHS = 12;

export interface Receipt {
  readonly id: string;
  readonly type: string;
  readonly status: 'geaccepteerd' | 'samengevoegd' | 'afgewezen';
  readonly caseId: string | null;
  readonly linkedCaseId: string | null;
  readonly recurrence: boolean;
  readonly reasons: readonly InvalidParam[];
  readonly receivedAt: Date;
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
  caseClosed: () =>
    new DomainError({ status: 422, code: 'bericht.casus-afgesloten', title: 'De casus van dit huishouden is afgesloten.', detail: 'Stuur een overdracht; die heropent de casus als herhaling.' }),
  unknownCase: () => new DomainError({ status: 422, code: 'bericht.casus-onbekend', title: 'Deze casus bestaat niet of hoort niet bij uw gemeenten.' }),
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
  const receipt: Receipt = { id: randomUUID(), type, status: 'afgewezen', caseId: null, linkedCaseId: null, recurrence: false, reasons, receivedAt: deps.clock.now() };
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
    const outcome = await process(deps, caller, message, async (tx, result) => {
      await insertMessage(tx, {
        id,
        clientId: caller.sub,
        organisation: caller.organisation,
        type: message.type,
        status: result.status,
        caseId: result.caseId,
        linkedCaseId: result.linkedCaseId,
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

async function process(deps: CaseDeps, caller: Caller, message: InboundMessage, record: Record): Promise<Outcome> {
  // Before anything else: a message naming a municipality outside the region gets a rejection receipt saying so.
  if ('gemeente' in message) assertKnownMunicipalities(deps.municipalities, { gemeente: message.gemeente });
  switch (message.type) {
    case 'overdracht':
      return handover(deps, caller, message, record);
    case 'incident':
    case 'huisverbod':
      return toKnownHousehold(deps, caller, message, record);
    case 'terugmelding-gevraagd': {
      const row = await findCase(deps.db, message.casusId);
      if (!row || !worksFor(caller, row.municipality)) throw messageErrors.unknownCase();
      return deps.db.transaction(async (tx) => {
        await followAs(tx, row.id, caller, deps.clock.now());
        const outcome: Outcome = { status: 'geaccepteerd', caseId: row.id, linkedCaseId: null, recurrence: false };
        await record(tx, outcome);
        return outcome;
      });
    }
  }
}

function keysOf(deps: CaseDeps, people: readonly { bsn?: string | undefined; naam?: string | undefined; geboortedatum?: string | undefined }[]): HouseholdKey[] {
  const key = deps.matchingKey;
  if (!key) throw new Error('household matching needs a matching key');
  return people.flatMap((person) => identityKeys(person, key));
}

/** The household's cases in the municipality: the open one, else the most recently closed. */
async function matchHousehold(deps: CaseDeps, municipality: string, keys: readonly HouseholdKey[]): Promise<{ open?: CaseRow; closed?: CaseRow }> {
  const ids = await casesWithKeys(deps.db, municipality, keys.map((k) => k.keyHash));
  const rows = (await Promise.all(ids.map((caseId) => findCase(deps.db, caseId)))).filter((r): r is CaseRow => r !== undefined);
  const open = rows.filter((r) => r.phase !== 'afgesloten').sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())[0];
  const closed = rows.filter((r) => r.phase === 'afgesloten').sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0))[0];
  return { ...(open ? { open } : {}), ...(closed ? { closed } : {}) };
}

async function handover(deps: CaseDeps, caller: Caller, message: Extract<InboundMessage, { type: 'overdracht' }>, record: Record): Promise<Outcome> {
  if (!worksFor(caller, message.gemeente)) {
    throw caseErrors.municipalityNotAllowed(message.gemeente);
  }
  const keys = keysOf(deps, message.leden);
  // Match and act under the household's locks, in one transaction: two
  // handovers for one household at once end in one case.
  return deps.db.transaction(async (tx) => {
    await lockHouseholdKeys(tx, message.gemeente, keys.map((k) => k.keyHash));
    // Nested work runs in savepoints of this transaction.
    return handoverLocked({ ...deps, db: tx }, caller, message, keys, record);
  });
}

async function handoverLocked(
  deps: CaseDeps,
  caller: Caller,
  message: Extract<InboundMessage, { type: 'overdracht' }>,
  keys: readonly HouseholdKey[],
  record: Record,
): Promise<Outcome> {
  const { open, closed } = await matchHousehold(deps, message.gemeente, keys);
  const now = deps.clock.now();
  const recentlyClosed = closed?.closedAt && addCalendarMonths(closed.closedAt, RECURRENCE_MONTHS).getTime() > now.getTime() ? closed : undefined;
  const target = open ?? recentlyClosed;

  if (target) {
    return deps.db.transaction(async (tx) => {
      let row = await lockCase(tx, target.id);
      if (!row) throw messageErrors.unknownHousehold();
      const actor = actorOf(caller);
      const recurrence = phaseOf(restoreCase(row.state)) === 'afgesloten';
      if (recurrence) {
        const reopen = caseReopened({ body: { reden: `Nieuwe overdracht van ${caller.organisation}.` }, now, actor, beleid: await policyFor(tx, deps.region, now) });
        row = await applyCaseEvent(tx, row, restoreCase(row.state), reopen, now, deps.matchingKey);
      }
      // Members not yet known in the case join it; known ones only add their keys (e.g. a BSN).
      const known = new Set(await casesKeysOf(deps, row, message.leden));
      for (const [index, lid] of message.leden.entries()) {
        if (known.has(index)) continue;
        const added = memberAdded({ body: lid, now, actor }, undefined, `leden[${index}].geboortedatum`);
        row = await applyCaseEvent(tx, row, restoreCase(row.state), added, now, deps.matchingKey);
      }
      await addHouseholdKeys(tx, row.id, row.municipality, keys);
      await followAs(tx, row.id, caller, now);
      const outcome: Outcome = { status: 'samengevoegd', caseId: row.id, linkedCaseId: null, recurrence };
      await record(tx, outcome);
      return outcome;
    });
  }

  let outcome: Outcome | undefined;
  await createCase(
    deps,
    caller,
    {
      gemeente: message.gemeente,
      leden: message.leden,
      bron: message.bron,
      regisseur: message.regisseur,
      startdatum: message.startdatum,
      veiligheidsinschatting: { score: message.veiligheidsinschatting.score ?? null, toelichting: message.veiligheidsinschatting.toelichting },
      gekoppeldAan: closed?.id,
    },
    async (tx, row) => {
      await addHouseholdKeys(tx, row.id, row.municipality, keys);
      await followAs(tx, row.id, caller, now);
      outcome = { status: 'geaccepteerd', caseId: row.id, linkedCaseId: closed?.id ?? null, recurrence: false };
      await record(tx, outcome);
    },
  );
  if (!outcome) throw new Error('case created without outcome');
  return outcome;
}

/** Which members of the message the case already knows (by any of their keys). */
async function casesKeysOf(deps: CaseDeps, row: CaseRow, people: readonly { bsn?: string | undefined; naam: string; geboortedatum?: string | undefined }[]): Promise<number[]> {
  const known: number[] = [];
  for (const [index, person] of people.entries()) {
    const matches = await casesWithKeys(deps.db, row.municipality, keysOf(deps, [person]).map((k) => k.keyHash));
    if (matches.includes(row.id)) known.push(index);
  }
  return known;
}

async function toKnownHousehold(
  deps: CaseDeps,
  caller: Caller,
  message: Extract<InboundMessage, { type: 'incident' | 'huisverbod' }>,
  record: Record,
): Promise<Outcome> {
  if (!worksFor(caller, message.gemeente)) throw messageErrors.unknownHousehold();
  const { open, closed } = await matchHousehold(deps, message.gemeente, keysOf(deps, message.personen));
  if (!open) throw closed ? messageErrors.caseClosed() : messageErrors.unknownHousehold();
  return deps.db.transaction(async (tx) => {
    const row = await lockCase(tx, open.id);
    if (!row) throw messageErrors.unknownHousehold();
    const now = deps.clock.now();
    const actor = actorOf(caller);
    let event: CaseEvent;
    if (message.type === 'incident') {
      // The same builder as POST .../incidenten: a date after now is refused the same way.
      event = incidentReported({ body: message, now, actor, beleid: await policyFor(tx, deps.region, now) });
    } else {
      // Ten calendar days; an hour either way absorbs a daylight-saving change counted in hours.
      const tenDays = message.actie === 'opgelegd' ? addDays(message.startdatum, RESTRAINING_ORDER_DAYS).getTime() : undefined;
      if (tenDays !== undefined && Math.abs(message.einddatum.getTime() - tenDays) > 3_600_000) throw messageErrors.orderTooLong();
      event = restrainingOrderReported({ body: message, now, actor });
    }
    await applyCaseEvent(tx, row, restoreCase(row.state), event, now, deps.matchingKey);
    const outcome: Outcome = { status: 'geaccepteerd', caseId: row.id, linkedCaseId: null, recurrence: false };
    await record(tx, outcome);
    return outcome;
  });
}
