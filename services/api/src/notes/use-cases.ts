/**
 * Notes on a case (issue 17 point 4): list, write, withdraw, withhold from the
 * inzage. The rules are the domain's (packages/domain/src/case/notes.ts); this
 * file finds out who the caller is to the case (cases/access.ts: involvement,
 * side, break-the-glass; the grant `notities` in the network) and runs each
 * write in one transaction with its access-log rows.
 *
 * Notes are not case events: they change nothing the machine judges, so a
 * note needs no If-Match and a colleague changing the case meanwhile does not
 * refuse it (docs/architecture.md, "Notes beside the case").
 */
import { randomUUID } from 'node:crypto';
import type { noteListQuery, noteRequest } from '@veilig-samen/contracts';
import { correctionsOf, findCase, findCaseWithNetwork, findNote, insertNote, insertNoteMark, listNotes, lockCaseForNote, type CaseRow, type NoteMarkKind, type Page, type Transaction } from '@veilig-samen/db';
import {
  caseErrors,
  localDate,
  mayMarkNote,
  mayReadNote,
  mayWriteNote,
  noteErrors,
  noteScopeOf,
  restoreCase,
  type Caller,
  type Note,
  type Role,
} from '@veilig-samen/domain';
import type { z } from 'zod';
import { assertMayReachNotes, assertMayWrite, noteReaderOf, type Access } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';

/** Who reads notes at all: case managers, partners in the network, the MDA++ coordinator, and the auditor (withdrawn ones). Not a beheerder. */
export const NOTE_READ_ROLES = ['lokaal-team', 'ketenpartner', 'mda-coordinator', 'auditor'] as const satisfies readonly Role[];
/** Who may write one, when the rule lets them (the regisseur, or a grant in the network). */
export const NOTE_WRITE_ROLES = ['lokaal-team', 'ketenpartner'] as const satisfies readonly Role[];

/** The access-log rows of a note write, in its transaction, naming the members the note is about. */
export type NoteAudit = (tx: Transaction, caseId: string, memberIds: readonly string[]) => Promise<void>;

/**
 * The case as the notes see it: for the auditor any case of the region (they
 * read its withdrawn notes, as they read its access log), for everyone else
 * as far as their access reaches (assertMayReachNotes), a partner's included
 * (a network partner with the grant reads notes without seeing the case).
 */
async function caseForNotes(deps: CaseDeps, caller: Caller, caseId: string): Promise<{ row: CaseRow; access: Access }> {
  if (caller.role === 'auditor') {
    const row = await findCase(deps.db, caseId);
    if (!row || row.region !== deps.region) throw caseErrors.notFound();
    return { row, access: { involved: false, breakGlass: false } };
  }
  // The case and the network facts access is judged on, in one statement; a made-up id judged on an empty network (finding 15).
  const found = await findCaseWithNetwork(deps.db, caseId);
  const access = await assertMayReachNotes(deps.db, caller, found?.row, deps.clock.now(), found?.network ?? []);
  if (!found) throw caseErrors.notFound();
  return { row: found.row, access };
}

export type NoteListQuery = Omit<z.output<typeof noteListQuery>, 'pagina' | 'paginaGrootte'>;

/** A page of the notes the caller may read, the latest contact first, with who corrected each (as far as the caller may read). */
export async function readNotes(deps: CaseDeps, caller: Caller, caseId: string, query: NoteListQuery, page: Page) {
  const { row, access } = await caseForNotes(deps, caller, caseId);
  const reader = await noteReaderOf(deps.db, caller, row, access);
  const scope = noteScopeOf(reader);
  if (!scope) return { row, access, reader, notes: [] as Note[], corrections: new Map<string, string[]>(), total: 0 };
  const { notes, total } = await listNotes(deps.db, row.id, scope, { kind: query.soort, from: query.van, to: query.tot }, page);
  const corrections = await correctionsOf(deps.db, row.id, notes.map((n) => n.id), scope);
  return { row, access, reader, notes, corrections, total };
}

/** One note the caller may read (404 for any other, as for a note that does not exist), with who corrected it. */
export async function readNote(deps: CaseDeps, caller: Caller, caseId: string, noteId: string) {
  const { row, access } = await caseForNotes(deps, caller, caseId);
  const reader = await noteReaderOf(deps.db, caller, row, access);
  const scope = noteScopeOf(reader);
  const note = await findNote(deps.db, row.id, noteId);
  if (!scope || !note || !mayReadNote(reader, note)) throw noteErrors.notFound();
  const corrections = await correctionsOf(deps.db, row.id, [note.id], scope);
  return { row, access, reader, note, correctedBy: corrections.get(note.id) ?? [] };
}

/**
 * The case locked for a note write (shared: other notes go on, a command
 * waits), the caller's access and what they are to the notes. A look through
 * break-the-glass, a proposed regisseur or an intake team reading a moved
 * case write nothing (the same refusals as for a case command).
 */
async function writableCase(deps: CaseDeps, tx: Transaction, caller: Caller, caseId: string) {
  const row = await lockCaseForNote(tx, caseId);
  const access = await assertMayReachNotes(tx, caller, row, deps.clock.now());
  if (!row) throw caseErrors.notFound();
  if (!access.involved) assertMayWrite(caller, row, 'command', access);
  return { row, access, reader: await noteReaderOf(tx, caller, row, access) };
}

export async function writeNote(deps: CaseDeps, caller: Caller, caseId: string, body: z.output<typeof noteRequest>, audit: NoteAudit) {
  return deps.db.transaction(async (tx) => {
    const { row, access, reader } = await writableCase(deps, tx, caller, caseId);
    if (!mayWriteNote(reader)) throw noteErrors.mayNotWrite();
    const now = deps.clock.now();
    if (body.contactdatum > localDate(now)) throw noteErrors.dateInFuture();
    const members = new Set(restoreCase(row.state).context.leden.map((lid) => lid.id));
    const unknown = body.lidIds.find((id) => !members.has(id));
    if (unknown !== undefined) throw noteErrors.memberUnknown(unknown);
    if (body.corrigeert !== undefined) {
      // Only a note the writer may read, on this case, not withdrawn, is corrected; anything else does not exist for them.
      const corrected = await findNote(tx, row.id, body.corrigeert);
      if (!corrected || !mayReadNote(reader, corrected)) throw noteErrors.notFound();
    }
    const note = await insertNote(
      tx,
      {
        id: randomUUID(),
        caseId: row.id,
        caseVersion: row.version,
        kind: body.soort,
        contactDate: body.contactdatum,
        text: body.tekst,
        visibility: body.zichtbaarheid,
        forPerpetratorSide: body.voorPlegerzijde,
        namedSubs: [...new Set(body.zichtbaarVoor)],
        memberIds: [...new Set(body.lidIds)],
        corrects: body.corrigeert ?? null,
        authorSub: caller.sub,
        authorRole: caller.role,
        authorOrganisation: caller.organisation,
        createdAt: now,
      },
      body.achterhoudenBijInzage !== undefined ? { reason: body.achterhoudenBijInzage } : undefined,
    );
    await audit(tx, row.id, note.lidIds);
    return { row, access, reader, note };
  });
}

/**
 * Withdraws a note (filed on the wrong case) or withholds it from the
 * members' inzage: its author or the regisseur, once each (409 after). A note
 * the caller may not read, or one withdrawn already, is not found.
 */
export async function markNote(deps: CaseDeps, caller: Caller, caseId: string, noteId: string, kind: NoteMarkKind, reason: string, audit: NoteAudit) {
  return deps.db.transaction(async (tx) => {
    const { row, access, reader } = await writableCase(deps, tx, caller, caseId);
    const note = await findNote(tx, row.id, noteId);
    if (!note || !mayReadNote(reader, note)) throw noteErrors.notFound();
    if (!mayMarkNote(reader, note)) throw noteErrors.mayNotMark();
    const marked = await insertNoteMark(tx, { noteId: note.id, caseId: row.id, kind, reason, actor: { sub: caller.sub, role: caller.role, organisation: caller.organisation }, at: deps.clock.now() });
    if (marked === 'duplicate') throw kind === 'intrekking' ? noteErrors.alreadyWithdrawn() : noteErrors.alreadyWithheld();
    await audit(tx, row.id, note.lidIds);
    const after = await findNote(tx, row.id, noteId);
    if (!after) throw new Error('a note just marked was not found');
    return { row, access, reader, note: after };
  });
}
