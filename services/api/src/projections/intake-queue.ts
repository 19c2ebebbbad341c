/**
 * A municipality's intake (issue 16): an item waits there with its signal
 * `intake-wacht` in the werkvoorraad of the municipality's intake team
 * (addressee `team:<intaketeam>`) and its beheerder, with its age, until a
 * member of the team takes it. Written in the transaction of whatever put it
 * there (a message, a move).
 */
import { randomUUID } from 'node:crypto';
import { insertIntakeItem, insertSignals, type IntakeItemRow, type Transaction } from '@veilig-samen/db';
import { findMunicipality, type Caller, type Municipality } from '@veilig-samen/domain';

export async function enqueueIntakeItem(
  tx: Transaction,
  municipalities: readonly Municipality[],
  caller: Caller,
  item: Omit<IntakeItemRow, 'signalId' | 'takenBy' | 'takenAt' | 'caseId' | 'fromMunicipality'> & Partial<Pick<IntakeItemRow, 'caseId' | 'fromMunicipality'>>,
): Promise<void> {
  const intakeTeam = findMunicipality(municipalities, item.municipality)?.intakeTeam;
  const signalId = randomUUID();
  await insertSignals(tx, [
    {
      id: signalId,
      kind: 'intake-wacht',
      caseId: null,
      caseVersion: null,
      municipality: item.municipality,
      addresseeSub: intakeTeam ? `team:${intakeTeam}` : null,
      addresseeRole: 'beheerder',
      actorSub: caller.sub,
      actorOrganisation: caller.organisation,
      actorRole: caller.role,
      createdAt: item.receivedAt,
    },
  ]);
  await insertIntakeItem(tx, { ...item, signalId });
}
