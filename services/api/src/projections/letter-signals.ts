/**
 * The `brief-versturen` items a case change settles (issue 17 point 7), in
 * the change's transaction. The items themselves are made by the domain's
 * signalsFor (and, at the opening, by cases/use-cases.ts): recording that a
 * letter was sent settles that member's item for that letter; a new batch of
 * start letters (a reopening, a new regisseur) replaces the start letters not
 * yet sent, which would name the old regisseur; a closure ends the start
 * letters not yet sent (the closing letter follows instead), and a reopening
 * the closing letters not yet sent.
 */
import { closeOpenLetterSignals, type CaseRow, type Transaction } from '@veilig-samen/db';
import type { CaseEvent } from '@veilig-samen/domain';

export async function projectLetterSignals(tx: Transaction, row: Pick<CaseRow, 'id'>, event: CaseEvent, now: Date): Promise<void> {
  switch (event.type) {
    case 'brief.verzonden':
      await closeOpenLetterSignals(tx, row.id, { brief: event.brief, lidId: event.lidId }, event.door.sub, now);
      return;
    case 'lid.geinformeerd':
      // A member kept uninformed for their safety gets no letter: the letters still asked for them are ended.
      if (event.status === 'niet-om-veiligheidsredenen') await closeOpenLetterSignals(tx, row.id, { lidId: event.lidId }, event.door.sub, now);
      return;
    case 'leden.afgesplitst':
      // Members who left for their own case get their letters from that case, not from this one.
      for (const lidId of event.lidIds) await closeOpenLetterSignals(tx, row.id, { lidId }, event.door.sub, now);
      return;
    case 'casus.heropend':
      // A repeat: the closing letters not sent ask for nothing any more, and the start letters begin anew.
      await closeOpenLetterSignals(tx, row.id, { brief: 'afsluiting' }, event.door.sub, now);
      await closeOpenLetterSignals(tx, row.id, { brief: 'start' }, event.door.sub, now);
      return;
    case 'regisseur.overgedragen':
    case 'regiewissel.geaccepteerd':
    case 'verhuizing.overgenomen':
    case 'casus.afgesloten':
      await closeOpenLetterSignals(tx, row.id, { brief: 'start' }, event.door.sub, now);
      return;
    default:
      return;
  }
}
