/**
 * The notes in a member's inzage (AVG art. 15; issue 17 point 4), in one
 * function so that the inzage's own flow (a draft reviewed before release)
 * takes them as they are: the notes about this member (`lidIds`), not
 * withdrawn (packages/domain/src/case/notes.ts); a note
 * its author or the regisseur withheld for the member's safety is named as
 * withheld, with the reason, without its text.
 */
import type { Inzage } from '@veilig-samen/contracts';
import { listMemberNotes, type CaseRow, type Executor } from '@veilig-samen/db';
import { memberOnPerpetratorSide, noteInInzage, noteScopeOf, type Member, type NoteReader } from '@veilig-samen/domain';

/**
 * The notes about the member in their own document: read as the member
 * would be entitled to, not as whoever prepares it (the regisseur or the
 * privacy officer): every note about them that is not withdrawn, except, for
 * a member on the perpetrator's side, notes not marked for that side. Each
 * with its id, so a reviewer can withhold it (inzage/use-cases.ts).
 */
export async function notesForMemberInzage(deps: { readonly db: Executor }, row: Pick<CaseRow, 'id'>, member: Member): Promise<Inzage['notities']> {
  const reader: NoteReader = { sub: null, auditor: false, none: false, regisseur: true, granted: false, coordinator: false, breakGlass: false, perpetratorSide: memberOnPerpetratorSide(member), withheldMembers: [] };
  const scope = noteScopeOf(reader);
  if (!scope) return [];
  const notes = await listMemberNotes(deps.db, row.id, member.id, scope);
  return notes.flatMap((note) => {
    const shown = noteInInzage(note, member.id);
    if (shown === 'niet') return [];
    return [
      {
        id: `notitie-${note.id}`,
        contactdatum: note.contactdatum,
        soort: note.soort,
        op: note.op,
        tekst: shown === 'getoond' ? note.tekst : null,
        achtergehouden: shown === 'achtergehouden' && note.achterhouding ? { reden: note.achterhouding.reden } : null,
      },
    ];
  });
}
