/**
 * Notes on a case (notities, issue 17 point 4): what a professional writes
 * down after a home visit, a conversation, a call or a meeting. Pure rules:
 * who may read a note, who may write, correct, withdraw or withhold one. The
 * notes themselves live beside the case (table `case_notes`, append-only),
 * not in its event log: a note changes nothing the case machine judges, so it
 * bumps no version and needs no If-Match (docs/architecture.md, "Notes").
 *
 * Reading, in this order:
 * - a withdrawn note (filed on the wrong case) is read by the auditor only,
 *   and the auditor reads nothing else;
 * - a note about a member whose data is withheld from the reader (the member
 *   refused or withdrew consent to share with them, and no other ground is
 *   recorded: consent.ts, issue 17 point 6) is not read by them at all, not
 *   even when they wrote it or are named on it. A note about two members of
 *   whom one is withheld is not read either: its text is about both and
 *   cannot be split. Where the note shows as an event (the timeline), the
 *   reader sees that a note was added, without its text or members, as for
 *   any note they may not read;
 * - whoever is on the perpetrator's side (an entry with zijde `pleger`, ever;
 *   break-the-glass included) reads only notes marked for that side
 *   (`voorPlegerzijde`), besides the ones they wrote themselves;
 * - the author reads their own note; a professional named on it
 *   (`zichtbaarVoor`) reads it, whatever its visibility (as a case manager
 *   or partner: the same sub in another role is not named);
 * - `regie`: the regisseur (and their substitute in the period);
 * - `netwerk`: also whoever holds the grant `notities` in an active entry of
 *   the case's network, and the MDA++ coordinator while the case is escalated;
 * - break-the-glass reads every note (the access log flags it);
 * - a beheerder none.
 * One definition, `noteScopeOf`, says which notes a reader may see; the
 * repository turns that scope into SQL for the list (so paging and counts
 * are right) and `mayReadNote` applies it to one note (one note, the timeline).
 */
import { DomainError } from '../errors.js';

export const NOTE_KINDS = ['huisbezoek', 'gesprek', 'telefonisch', 'overleg', 'overig'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** `regie`: the regisseur and named professionals; `netwerk`: also the network members with the grant `notities`. */
export const NOTE_VISIBILITIES = ['regie', 'netwerk'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/** The grant in a network entry (`inzage`) that lets a professional or organisation read and write `netwerk` notes. */
export const NOTES_GRANT = 'notities';

/** What a note needs for the reading rule (a stored note has more). */
export interface NoteAccessFacts {
  readonly zichtbaarheid: NoteVisibility;
  readonly voorPlegerzijde: boolean;
  /** Professionals (sub) named by the author: they read the note whatever its visibility. */
  readonly zichtbaarVoor: readonly string[];
  /** The author's sub. */
  readonly auteur: string;
  readonly ingetrokken: boolean;
  /** The members the note is about: it is in their inzage (unless withheld), and not read by whom their data is withheld from. */
  readonly lidIds: readonly string[];
}

/** A note as stored and shown, with what happened to it since. */
export interface Note extends NoteAccessFacts {
  readonly id: string;
  readonly caseId: string;
  readonly soort: NoteKind;
  /** The date of the contact (JJJJ-MM-DD), not when it was written. */
  readonly contactdatum: string;
  readonly tekst: string;
  /** The note this one corrects (append-only: the old one stays). */
  readonly corrigeert: string | null;
  readonly door: { readonly id: string; readonly rol: string; readonly organisatie: string };
  readonly op: string;
  /** Withheld from the members' inzage for their safety, with the reason. */
  readonly achterhouding: { readonly reden: string; readonly door: string; readonly op: string } | null;
  readonly intrekking: { readonly reden: string; readonly door: string; readonly op: string } | null;
}

/** Who reads, as the note rule sees them (services/api/src/notes/use-cases.ts builds it from the access to the case). */
export interface NoteReader {
  /** A professional on the case (case manager or partner): their own notes and the notes naming them. Null for other roles. */
  readonly sub: string | null;
  /** The auditor: reads the withdrawn notes (to check them), nothing else. */
  readonly auditor: boolean;
  /** A beheerder, or anyone else who reads no note by role. */
  readonly none: boolean;
  /** The regisseur, or their substitute in the period of absence. */
  readonly regisseur: boolean;
  /** Holds the grant `notities` in an active entry of the case's network (personally, or for an organisation by OIN). */
  readonly granted: boolean;
  /** The MDA++ coordinator (who reaches a case only while it is escalated). */
  readonly coordinator: boolean;
  /** Reads the case through break-the-glass. */
  readonly breakGlass: boolean;
  /** In the network on the perpetrator's side, now or ever. */
  readonly perpetratorSide: boolean;
  /**
   * The members whose data is withheld from this reader (consent.ts
   * withheldMembers, as services/api/src/cases/access.ts withheldFrom judges
   * it for the case view): notes about any of them are not theirs to read.
   */
  readonly withheldMembers: readonly string[];
}

/**
 * Which notes of a case a reader may see: the set the list query selects.
 * `withdrawn`: withdrawn notes instead of the others. A note is in scope when
 * it is about none of `withheldMembers` and it has one of `visibilities`, or
 * names `sub` or was written by `sub`; with `onlyMarkedForPerpetratorSide`, a
 * note not written by `sub` must also be marked for the perpetrator's side.
 */
export interface NoteScope {
  readonly withdrawn: boolean;
  readonly visibilities: readonly NoteVisibility[];
  readonly sub: string | null;
  readonly onlyMarkedForPerpetratorSide: boolean;
  /** Notes about any of these members are out of scope, whoever wrote or is named on them. */
  readonly withheldMembers: readonly string[];
}

/** The notes this reader may see, or null for none at all. */
export function noteScopeOf(reader: NoteReader): NoteScope | null {
  // The auditor checks withdrawn notes, none withheld from them by consent (no partner in the network).
  if (reader.auditor) return { withdrawn: true, visibilities: NOTE_VISIBILITIES, sub: null, onlyMarkedForPerpetratorSide: false, withheldMembers: [] };
  if (reader.none) return null;
  const visibilities: NoteVisibility[] =
    reader.regisseur || reader.breakGlass ? [...NOTE_VISIBILITIES] : reader.granted || reader.coordinator ? ['netwerk'] : [];
  return { withdrawn: false, visibilities, sub: reader.sub, onlyMarkedForPerpetratorSide: reader.perpetratorSide, withheldMembers: [...reader.withheldMembers] };
}

/** Whether a note is in the scope (the same rule the repository writes in SQL: packages/db/src/repositories/notes.ts). */
export function noteInScope(scope: NoteScope, note: NoteAccessFacts): boolean {
  if (note.ingetrokken !== scope.withdrawn) return false;
  if (scope.withdrawn) return true;
  // Before the author's and the named reader's way in: a refusal stops the sharing of the member's data with them, notes included.
  if (note.lidIds.some((id) => scope.withheldMembers.includes(id))) return false;
  if (scope.sub !== null && note.auteur === scope.sub) return true;
  const visible = scope.visibilities.includes(note.zichtbaarheid) || (scope.sub !== null && note.zichtbaarVoor.includes(scope.sub));
  return visible && (!scope.onlyMarkedForPerpetratorSide || note.voorPlegerzijde);
}

export function mayReadNote(reader: NoteReader, note: NoteAccessFacts): boolean {
  const scope = noteScopeOf(reader);
  return scope !== null && noteInScope(scope, note);
}

/** Who writes, as the note rule sees them. */
export interface NoteWriter {
  readonly regisseur: boolean;
  readonly granted: boolean;
}

/**
 * Who may write a note: the regisseur (or substitute), and the professionals
 * and organisations the regisseur granted `notities` in the network. Not the
 * coordinator, a beheerder or a look through break-the-glass (refused before
 * this rule, as for any write). A colleague in the network without the grant
 * asks the regisseur for it: notes carry what a household told in confidence,
 * so writing is as deliberate as reading.
 */
export function mayWriteNote(writer: NoteWriter): boolean {
  return writer.regisseur || writer.granted;
}

/** Who may withdraw a note (filed on the wrong case) or withhold it from the inzage: its author or the regisseur. */
export function mayMarkNote(writer: NoteWriter & { readonly sub: string | null }, note: Pick<NoteAccessFacts, 'auteur'>): boolean {
  return writer.regisseur || (writer.sub !== null && note.auteur === writer.sub);
}

/**
 * What a member's inzage shows of a note the reader may read: nothing when the
 * member is not one of its subjects or it was withdrawn; withheld (with the
 * reason, without the text) when its author or the regisseur withheld it for
 * safety; else the note.
 */
export function noteInInzage(note: Note, memberId: string): 'niet' | 'achtergehouden' | 'getoond' {
  if (note.ingetrokken || !note.lidIds.includes(memberId)) return 'niet';
  return note.achterhouding ? 'achtergehouden' : 'getoond';
}

/** The refusals of the notes API, each with a stable code and what to do. */
export const noteErrors = {
  notFound: () =>
    new DomainError({
      status: 404,
      code: 'notitie.niet-gevonden',
      title: 'Notitie niet gevonden.',
      detail: 'Deze notitie bestaat niet bij deze casus, is ingetrokken of u mag haar niet lezen.',
    }),
  mayNotWrite: () =>
    new DomainError({
      status: 403,
      code: 'notitie.schrijven-niet-toegestaan',
      title: 'U mag bij deze casus geen notities vastleggen.',
      detail: 'Notities legt de regisseur vast, of een betrokkene die de regisseur in het netwerk inzage `notities` gaf. Vraag de regisseur daarom.',
    }),
  mayNotMark: () =>
    new DomainError({
      status: 403,
      code: 'notitie.alleen-auteur-of-regisseur',
      title: 'Alleen wie de notitie schreef of de regisseur kan haar intrekken of achterhouden bij inzage.',
    }),
  memberUnknown: (lidId: string) =>
    new DomainError({
      status: 422,
      code: 'notitie.lid-onbekend',
      title: 'Een lid in lidIds hoort niet bij deze casus.',
      detail: `Lid ${lidId} is geen lid van het huishouden van deze casus. Noem alleen leden van deze casus.`,
      invalidParams: [{ name: 'lidIds', code: 'unknown_member', reason: 'geen lid van deze casus' }],
    }),
  dateInFuture: () =>
    new DomainError({
      status: 422,
      code: 'notitie.datum-in-toekomst',
      title: 'De datum van het contact ligt in de toekomst.',
      detail: 'Een notitie beschrijft een contact dat heeft plaatsgevonden: kies vandaag of een eerdere datum.',
      invalidParams: [{ name: 'contactdatum', code: 'too_big', reason: 'na vandaag' }],
    }),
  alreadyWithdrawn: () => new DomainError({ status: 409, code: 'notitie.al-ingetrokken', title: 'Deze notitie is al ingetrokken.' }),
  alreadyWithheld: () => new DomainError({ status: 409, code: 'notitie.al-achtergehouden', title: 'Deze notitie wordt al achtergehouden bij inzage.' }),
};
