/**
 * SQL for a case's notes (issue 17 point 4): append-only rows in `case_notes`,
 * and what happened to them since in `case_note_marks`. Who may read which
 * note is the domain's rule (packages/domain/src/case/notes.ts `NoteScope`);
 * `inScope` below writes exactly that rule as SQL, so that a list pages and
 * counts only what the reader may see (tests/db/notes-scope.test.ts holds the
 * two against each other).
 */
import type { Note, NoteKind, NoteScope } from '@veilig-samen/domain';
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { caseNoteMarks, caseNotes, cases, type NoteMarkKind } from '../schema.js';
import type { CaseRow } from './cases.js';
import { offsetOf, withTotal, type Executor, type Page, type Transaction } from '../executor.js';

export type { NoteMarkKind };
export type NoteRow = typeof caseNotes.$inferSelect;
export type NewNote = Omit<typeof caseNotes.$inferInsert, 'seq'>;

const withdrawal = alias(caseNoteMarks, 'withdrawal');
const withholding = alias(caseNoteMarks, 'withholding');

/** The note's columns with its two possible marks. */
const selection = {
  note: caseNotes,
  withdrawal: { reason: withdrawal.reason, by: withdrawal.actorSub, at: withdrawal.createdAt },
  withholding: { reason: withholding.reason, by: withholding.actorSub, at: withholding.createdAt },
};

function joined(db: Executor) {
  return db
    .select(selection)
    .from(caseNotes)
    .leftJoin(withdrawal, and(eq(withdrawal.noteId, caseNotes.id), eq(withdrawal.kind, 'intrekking')))
    .leftJoin(withholding, and(eq(withholding.noteId, caseNotes.id), eq(withholding.kind, 'achterhouding')));
}

type Joined = { note: NoteRow; withdrawal: { reason: string | null; by: string | null; at: Date | null } | null; withholding: { reason: string | null; by: string | null; at: Date | null } | null };

function markOf(mark: Joined['withdrawal']): Note['intrekking'] {
  return mark?.reason != null && mark.by != null && mark.at != null ? { reden: mark.reason, door: mark.by, op: mark.at.toISOString() } : null;
}

/** A stored note as the domain knows it. */
function noteOf({ note, withdrawal: withdrawn, withholding: withheld }: Joined): Note {
  const intrekking = markOf(withdrawn);
  return {
    id: note.id,
    caseId: note.caseId,
    soort: note.kind,
    contactdatum: note.contactDate,
    tekst: note.text,
    zichtbaarheid: note.visibility,
    voorPlegerzijde: note.forPerpetratorSide,
    zichtbaarVoor: note.namedSubs,
    lidIds: note.memberIds,
    corrigeert: note.corrects,
    auteur: note.authorSub,
    door: { id: note.authorSub, rol: note.authorRole, organisatie: note.authorOrganisation },
    op: note.createdAt.toISOString(),
    achterhouding: markOf(withheld),
    intrekking,
    ingetrokken: intrekking !== null,
  };
}

/** The domain's NoteScope (noteInScope) as a condition on the joined note. */
function inScope(scope: NoteScope): SQL | undefined {
  const withdrawn = scope.withdrawn ? isNotNull(withdrawal.noteId) : isNull(withdrawal.noteId);
  if (scope.withdrawn) return withdrawn;
  const sub = scope.sub;
  const visible = or(
    scope.visibilities.length > 0 ? inArray(caseNotes.visibility, [...scope.visibilities]) : undefined,
    sub !== null ? sql`${sub} = ANY(${caseNotes.namedSubs})` : undefined,
  );
  const readable = visible === undefined ? undefined : scope.onlyMarkedForPerpetratorSide ? and(visible, eq(caseNotes.forPerpetratorSide, true)) : visible;
  const own = sub !== null ? eq(caseNotes.authorSub, sub) : undefined;
  const either = or(own, readable);
  // About a member whose data is withheld from the reader (consent): out, whoever wrote it or is named on it.
  const notWithheld = scope.withheldMembers.length > 0 ? sql`NOT (${caseNotes.memberIds} && ${sql.param([...scope.withheldMembers])}::text[])` : undefined;
  // No way in at all: nothing (never every note).
  return and(withdrawn, notWithheld, either ?? sql`false`);
}

export interface NoteFilter {
  readonly kind?: NoteKind | undefined;
  /** Contact date on or after (JJJJ-MM-DD). */
  readonly from?: string | undefined;
  /** Contact date on or before (JJJJ-MM-DD). */
  readonly to?: string | undefined;
}

/**
 * A page of the case's notes the scope allows, the latest contact first (then
 * the latest written), with the number of such notes.
 */
export async function listNotes(db: Executor, caseId: string, scope: NoteScope, filter: NoteFilter, page: Page): Promise<{ notes: Note[]; total: number }> {
  const where = and(
    eq(caseNotes.caseId, caseId),
    inScope(scope),
    filter.kind ? eq(caseNotes.kind, filter.kind) : undefined,
    filter.from ? gte(caseNotes.contactDate, filter.from) : undefined,
    filter.to ? lte(caseNotes.contactDate, filter.to) : undefined,
  );
  const counted = db
    .select({ total: count() })
    .from(caseNotes)
    .leftJoin(withdrawal, and(eq(withdrawal.noteId, caseNotes.id), eq(withdrawal.kind, 'intrekking')))
    .where(where);
  const { rows, total } = await withTotal(joined(db).where(where).orderBy(desc(caseNotes.contactDate), desc(caseNotes.seq)).limit(page.pageSize).offset(offsetOf(page)), counted);
  return { notes: rows.map(noteOf), total };
}

/** For each of these notes, the notes in scope that correct it (one statement for a page). */
export async function correctionsOf(db: Executor, caseId: string, noteIds: readonly string[], scope: NoteScope): Promise<Map<string, string[]>> {
  const byNote = new Map<string, string[]>();
  if (noteIds.length === 0) return byNote;
  const rows = await joined(db)
    .where(and(eq(caseNotes.caseId, caseId), inArray(caseNotes.corrects, [...noteIds]), inScope(scope)))
    .orderBy(asc(caseNotes.seq));
  for (const row of rows) {
    const corrected = row.note.corrects;
    if (corrected !== null) byNote.set(corrected, [...(byNote.get(corrected) ?? []), row.note.id]);
  }
  return byNote;
}

/** One note of the case (withdrawn or not: the caller judges), or undefined. */
export async function findNote(db: Executor, caseId: string, noteId: string): Promise<Note | undefined> {
  const [row] = await joined(db).where(and(eq(caseNotes.caseId, caseId), eq(caseNotes.id, noteId)));
  return row ? noteOf(row) : undefined;
}

/**
 * The case's notes written after the case's version `afterVersion` up to
 * `upToVersion` (all after, without it), in the order written: the timeline
 * places each right after the event that was the case's version then. Every
 * note, withdrawn too: the timeline judges what each reader sees of it.
 */
export async function listNotesBetweenVersions(db: Executor, caseId: string, span: { readonly afterVersion: number; readonly upToVersion?: number | undefined }): Promise<(Note & { readonly caseVersion: number })[]> {
  const rows = await joined(db)
    .where(and(eq(caseNotes.caseId, caseId), gt(caseNotes.caseVersion, span.afterVersion), span.upToVersion === undefined ? undefined : lte(caseNotes.caseVersion, span.upToVersion)))
    .orderBy(asc(caseNotes.caseVersion), asc(caseNotes.seq));
  return rows.map((row) => ({ ...noteOf(row), caseVersion: row.note.caseVersion }));
}

/** The notes in scope about one member, oldest contact first: the member's inzage (never cut off). */
export async function listMemberNotes(db: Executor, caseId: string, memberId: string, scope: NoteScope): Promise<Note[]> {
  const rows = await joined(db)
    .where(and(eq(caseNotes.caseId, caseId), sql`${memberId} = ANY(${caseNotes.memberIds})`, inScope(scope)))
    .orderBy(asc(caseNotes.contactDate), asc(caseNotes.seq));
  return rows.map(noteOf);
}

/**
 * The case row, shared-locked until the transaction ends: a note is judged on
 * the network and version as they stand, while a command or a network change
 * (which lock the row for update) waits, and other notes do not.
 */
export async function lockCaseForNote(tx: Transaction, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('share');
  return row;
}

export async function insertNote(tx: Transaction, note: NewNote, withheld?: { readonly reason: string }): Promise<Note> {
  await tx.insert(caseNotes).values(note);
  if (withheld) {
    await tx.insert(caseNoteMarks).values({
      noteId: note.id,
      caseId: note.caseId,
      kind: 'achterhouding',
      reason: withheld.reason,
      actorSub: note.authorSub,
      actorRole: note.authorRole,
      actorOrganisation: note.authorOrganisation,
      createdAt: note.createdAt,
    });
  }
  const stored = await findNote(tx, note.caseId, note.id);
  if (!stored) throw new Error('a note just written was not found');
  return stored;
}

/**
 * Marks a note (withdrawn, withheld), once per kind: 'duplicate' when it
 * already has that mark (two requests at once: the primary key lets one through).
 */
export async function insertNoteMark(
  tx: Transaction,
  mark: { readonly noteId: string; readonly caseId: string; readonly kind: NoteMarkKind; readonly reason: string; readonly actor: { readonly sub: string; readonly role: string; readonly organisation: string }; readonly at: Date },
): Promise<'ok' | 'duplicate'> {
  const inserted = await tx
    .insert(caseNoteMarks)
    .values({ noteId: mark.noteId, caseId: mark.caseId, kind: mark.kind, reason: mark.reason, actorSub: mark.actor.sub, actorRole: mark.actor.role, actorOrganisation: mark.actor.organisation, createdAt: mark.at })
    .onConflictDoNothing()
    .returning({ noteId: caseNoteMarks.noteId });
  return inserted.length > 0 ? 'ok' : 'duplicate';
}
