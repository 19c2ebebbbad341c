/**
 * The werkvoorraad items about a case's regisseur that a case change settles
 * (issue 16 points 11 and 14), in the same transaction as the event. The
 * items themselves are made by the domain's signalsFor (an unanswered
 * proposal: `regiewissel-wacht`) or by marking a regisseur as gone
 * (`regisseur-vertrokken`, directory/use-cases.ts); once the proposal is
 * answered, withdrawn or ended by closure, or the case has a new regisseur, they ask for
 * nothing any more and are done, by whoever settled them.
 */
import { closeOpenCaseSignals, type CaseRow, type Transaction } from '@veilig-samen/db';
import type { CaseEvent } from '@veilig-samen/domain';

export async function projectHandoverSignals(tx: Transaction, row: CaseRow, event: CaseEvent, now: Date): Promise<void> {
  switch (event.type) {
    // Closing ends an open proposal too (machine.ts): its waiting items ask for nothing any more.
    case 'regiewissel.afgewezen':
    case 'regiewissel.ingetrokken':
    case 'casus.afgesloten':
      await closeOpenCaseSignals(tx, row.id, ['regiewissel-voorgesteld', 'regiewissel-wacht'], event.door.sub, now);
      return;
    case 'regiewissel.geaccepteerd':
    case 'regisseur.overgedragen':
    case 'verhuizing.overgenomen':
      await closeOpenCaseSignals(tx, row.id, ['regiewissel-voorgesteld', 'regiewissel-wacht', 'regisseur-vertrokken'], event.door.sub, now);
      return;
    default:
      return;
  }
}
