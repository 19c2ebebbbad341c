/**
 * The signals a case change puts in someone's werkvoorraad about its
 * regisseur (issue 16 points 11 and 14), in the same transaction as the
 * event: an unanswered handover proposal reaches both regisseurs after 2
 * working days and the beheerder after 5 (`regiewissel-wacht`); once the
 * proposal is answered or withdrawn, or the case has a new regisseur, the
 * signals about it are done.
 */
import { insertSignals, markCaseSignalsDone, type CaseRow, type Transaction } from '@veilig-samen/db';
import type { CaseContext, CaseEvent } from '@veilig-samen/domain';
import { randomUUID } from 'node:crypto';

export async function projectHandoverSignals(tx: Transaction, row: CaseRow, before: CaseContext, event: CaseEvent, now: Date): Promise<void> {
  switch (event.type) {
    case 'regiewissel.gesignaleerd': {
      const proposal = before.regiewissel;
      if (!proposal) return;
      const common = {
        kind: 'regiewissel-wacht' as const,
        caseId: row.id,
        // Shown on the timeline right after the event that made it.
        caseVersion: row.version + 1,
        municipality: row.municipality,
        actorSub: event.door.sub,
        actorOrganisation: event.door.organisatie,
        actorRole: event.door.rol,
        createdAt: now,
      };
      const addressees =
        event.niveau === 'regisseurs'
          ? [before.regisseur.id, proposal.regisseur.id].map((sub) => ({ addresseeSub: sub, addresseeRole: null }))
          : [{ addresseeSub: null, addresseeRole: 'beheerder' }];
      await insertSignals(tx, addressees.map((to) => ({ id: randomUUID(), ...common, ...to })));
      return;
    }
    case 'regiewissel.afgewezen':
    case 'regiewissel.ingetrokken':
      await markCaseSignalsDone(tx, row.id, ['regiewissel-wacht'], now);
      return;
    case 'regiewissel.geaccepteerd':
    case 'regisseur.overgedragen':
      await markCaseSignalsDone(tx, row.id, ['regiewissel-wacht', 'regisseur-vertrokken'], now);
      return;
    default:
      return;
  }
}
