/**
 * A municipality's intake (issue 16): an item waits there with its signals
 * `intake-wacht` in the werkvoorraad of the municipality's intake team
 * (addressee role `intaketeam`: the members are the callers whose
 * `intakeMunicipalities` include it) and of its beheerder (role `beheerder`),
 * with its age, until a member of the team takes it. Written in the
 * transaction of whatever put it there (a message, a move).
 */
import { insertIntakeItem, type IntakeItemRow, type Transaction } from '@veilig-samen/db';
import { findMunicipality, type Caller, type Municipality } from '@veilig-samen/domain';
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
    roles.map((role) => ({ kind: 'intake-wacht' as const, addressee: role, municipality: item.municipality, dueAt: item.receivedAt })),
    item.receivedAt,
  );
  await insertIntakeItem(tx, { ...item, signalIds });
}
