/**
 * The werkvoorraad items about one member that a new record settles (issue 17
 * point 6): a member not informed for safety reasons is up for review on the
 * date the regisseur chose (signal `informering-herzien`, made by the domain's
 * signalsFor); recording the member's informing again answers it. Runs before
 * the change's own statement, so a new review date's item stays open.
 */
import { closeOpenMemberSignals, type CaseRow, type Transaction } from '@veilig-samen/db';
import type { CaseEvent } from '@veilig-samen/domain';

export async function projectMemberSignals(tx: Transaction, row: CaseRow, event: CaseEvent, now: Date): Promise<void> {
  if (event.type === 'lid.geinformeerd') await closeOpenMemberSignals(tx, row.id, 'informering-herzien', event.lidId, event.door.sub, now);
}
