/**
 * A municipality's intake (issue 16): an item waits there with its signals
 * `intake-wacht` in the werkvoorraad of the municipality's intake team
 * (addressee role `intaketeam`: the members are the callers whose
 * `intakeMunicipalities` include it) and of its beheerder (role `beheerder`),
 * with its age, until a member of the team takes it. Written in the
 * transaction of whatever put it there (a message, a move).
 */
import { insertIntakeItem, waitingMoveOf, withdrawIntakeItem, type IntakeItemRow, type Transaction } from '@veilig-samen/db';
import { findMunicipality, phaseOf, type Caller, type CaseEvent, type CaseSnapshot, type Municipality } from '@veilig-samen/domain';
import { recordSignals } from './werkvoorraad.js';

export async function enqueueIntakeItem(
  tx: Transaction,
  municipalities: readonly Municipality[],
  caller: Caller,
  item: Omit<IntakeItemRow, 'signalIds' | 'takenBy' | 'takenAt' | 'caseId' | 'fromMunicipality'> & Partial<Pick<IntakeItemRow, 'caseId' | 'fromMunicipality'>>,
): Promise<void> {
  // Without an intake team the municipality's beheerder alone is told (docs/operations.md: GEMEENTEN intaketeam).
  const roles = findMunicipality(municipalities, item.municipality)?.intakeTeam ? (['intaketeam', 'beheerder'] as const) : (['beheerder'] as const);
  // Due at once: the age is what the werkvoorraad shows (overdue from the start, so intake waits at the top).
  const actor = { sub: caller.sub, rol: caller.role, organisatie: caller.organisation };
  const signalIds = await recordSignals(
    tx,
    actor,
    // Identifiers only: from the item to what waits (GET /v1/intake; for a move the case, which the team may read while it waits).
    roles.map((role) => ({ kind: 'intake-wacht' as const, addressee: role, municipality: item.municipality, dueAt: item.receivedAt, data: { intakeId: item.id, ...(item.caseId ? { casusId: item.caseId } : {}) } })),
    item.receivedAt,
  );
  await insertIntakeItem(tx, { ...item, signalIds });
}

/**
 * A waiting move offer ends with the case: when its regisseur withdraws it
 * (`verhuizing.ingetrokken`) or the case closes. Otherwise the receiving
 * intake could never take it (a closed case is not moved) and would keep
 * reading the closed case. A repeat queued in its own municipality's intake
 * because its regisseur is gone (integrations/messages.ts signalRegisseur)
 * also ends when the case gets a new regisseur another way (the beheerder's
 * handover, an accepted proposal): nobody is left to take it from.
 */
export async function projectMoveOffer(tx: Transaction, caseId: string, event: CaseEvent, before: CaseSnapshot, after: CaseSnapshot, now: Date): Promise<void> {
  const closes = phaseOf(after) === 'afgesloten' && phaseOf(before) !== 'afgesloten';
  const newRegisseur = event.type === 'regisseur.overgedragen' || event.type === 'regiewissel.geaccepteerd';
  if (event.type !== 'verhuizing.ingetrokken' && !closes && !newRegisseur) return;
  const offer = await waitingMoveOf(tx, caseId);
  // A move offer stays through a handover in the old municipality; a repeat waiting for a regisseur has one then.
  if (!offer || (newRegisseur && !closes && offer.kind !== 'herhaling')) return;
  await withdrawIntakeItem(tx, offer, event.door.sub, now);
}
