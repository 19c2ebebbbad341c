/**
 * The notes in a member's inzage (AVG art. 15; issue 17 point 4), in one
 * function so that the inzage's own flow (a draft reviewed before release)
 * takes them as they are: the notes about this member (`lidIds`) that the
 * reader may read (packages/domain/src/case/notes.ts), not withdrawn; a note
 * its author or the regisseur withheld for the member's safety is named as
 * withheld, with the reason, without its text.
 */
import type { Inzage } from '@veilig-samen/contracts';
import { listMemberNotes } from '@veilig-samen/db';
import { noteInInzage, noteScopeOf, type Caller } from '@veilig-samen/domain';
import { noteReaderOf } from '../cases/access.js';
import type { CaseDeps, CaseRead } from '../cases/use-cases.js';

export async function notesForMemberInzage(deps: CaseDeps, caller: Caller, { row, access }: Pick<CaseRead, 'row' | 'access'>, memberId: string): Promise<Inzage['notities']> {
  const scope = noteScopeOf(await noteReaderOf(deps.db, caller, row, access));
  if (!scope) return [];
  const notes = await listMemberNotes(deps.db, row.id, memberId, scope);
  return notes.flatMap((note) => {
    const shown = noteInInzage(note, memberId);
    if (shown === 'niet') return [];
    return [
      {
        contactdatum: note.contactdatum,
        soort: note.soort,
        op: note.op,
        tekst: shown === 'getoond' ? note.tekst : null,
        achtergehouden: shown === 'achtergehouden' && note.achterhouding ? { reden: note.achterhouding.reden } : null,
      },
    ];
  });
}
