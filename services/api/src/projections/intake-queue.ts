/**
 * A municipality's intake (issue 16): an item waits there with its signals
 * `intake-wacht` in the werkvoorraad of the municipality's intake team
 * (addressee role `intaketeam`: the members are the callers whose
 * `intakeMunicipalities` include it) and of its beheerder (role `beheerder`),
 * with its age, until a member of the team takes it. Written in the
 * transaction of whatever put it there (a message, a move).
 */
import { randomUUID } from 'node:crypto';
import { insertIntakeItem, insertSignals, type IntakeItemRow, type Transaction } from '@veilig-samen/db';
import { findMunicipality, type Caller, type Municipality } from '@veilig-samen/domain';

export async function enqueueIntakeItem(
  tx: Transaction,
  municipalities: readonly Municipality[],
  caller: Caller,
  item: Omit<IntakeItemRow, 'signalIds' | 'takenBy' | 'takenAt' | 'caseId' | 'fromMunicipality'> & Partial<Pick<IntakeItemRow, 'caseId' | 'fromMunicipality'>>,
): Promise<void> {
  // Without an intake team the municipality's beheerder alone is told (docs/operations.md: GEMEENTEN intaketeam).
  const roles = findMunicipality(municipalities, item.municipality)?.intakeTeam ? (['intaketeam', 'beheerder'] as const) : (['beheerder'] as const);
  const rows = roles.map((role) => ({
    id: randomUUID(),
    kind: 'intake-wacht' as const,
    caseId: null,
    caseVersion: null,
    municipality: item.municipality,
    addresseeSub: null,
    addresseeRole: role,
    actorSub: caller.sub,
    actorOrganisation: caller.organisation,
    actorRole: caller.role,
    createdAt: item.receivedAt,
  }));
  await insertSignals(tx, rows);
  await insertIntakeItem(tx, { ...item, signalIds: rows.map((row) => row.id) });
}
