/** Notes as the API shows them (contracts in packages/contracts/src/notes.ts). */
import type { Note, NoteReader } from '@veilig-samen/domain';

/** Who marked it is named in a field the identity filter knows (`vastgelegdDoor`): hidden from the perpetrator's side unless it is the regisseur. */
function markView(mark: Note['intrekking']) {
  return mark ? { reden: mark.reden, vastgelegdDoor: mark.door, op: mark.op } : null;
}

/**
 * A note for a reader who may read it. The professionals the author named are
 * left out for the perpetrator's side: they can be the victim's (finding 12),
 * and the answer's identity filter (plugins/victim-side.ts) rewrites fields
 * that name a party, not a list of subs.
 */
export function noteView(note: Note, reader: Pick<NoteReader, 'perpetratorSide'>, correctedBy: readonly string[] = []) {
  return {
    id: note.id,
    casusId: note.caseId,
    soort: note.soort,
    contactdatum: note.contactdatum,
    tekst: note.tekst,
    zichtbaarheid: note.zichtbaarheid,
    voorPlegerzijde: note.voorPlegerzijde,
    zichtbaarVoor: reader.perpetratorSide ? [] : [...note.zichtbaarVoor],
    lidIds: [...note.lidIds],
    corrigeert: note.corrigeert,
    gecorrigeerdDoor: [...correctedBy],
    door: { ...note.door },
    op: note.op,
    achterhoudenBijInzage: markView(note.achterhouding),
    ingetrokken: markView(note.intrekking),
  };
}
