/**
 * The notes' reading rule is defined once, in the domain (noteScopeOf,
 * noteInScope); the list query writes it as SQL (packages/db/src/repositories/notes.ts)
 * so that paging and counts cover only what the reader may see. This holds
 * the two against each other: random notes (visibility, marking, named
 * professionals, author, members, withdrawn), random readers (members withheld
 * from them by consent included), the same notes either way.
 */
import { correctionsOf, insertNote, insertNoteMark, listMemberNotes, listNotes, listNotesBetweenVersions } from '@veilig-samen/db';
import { NOTE_KINDS, NOTE_VISIBILITIES, noteInScope, noteScopeOf, type NoteReader } from '@veilig-samen/domain';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household } from '../helpers/client.js';

const SUBS = ['mw-001', 'mw-002', 'mw-003', 'mw-004'];

describe('the notes list query and the domain rule agree', () => {
  let t: TestApp;
  let caseId: string;
  let memberIds: string[];
  const written: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const created = await clientFor(t).request('POST', '/v1/casussen', { body: household });
    caseId = created.json().id;
    memberIds = created.json().leden.map((l: { id: string }) => l.id);
    const note = fc.record({
      kind: fc.constantFrom(...NOTE_KINDS),
      visibility: fc.constantFrom(...NOTE_VISIBILITIES),
      forPerpetratorSide: fc.boolean(),
      namedSubs: fc.subarray(SUBS),
      memberIds: fc.subarray(memberIds),
      author: fc.constantFrom(...SUBS),
      day: fc.integer({ min: 1, max: 28 }),
      withdrawn: fc.boolean(),
      withheld: fc.boolean(),
      version: fc.integer({ min: 1, max: 3 }),
    });
    const notes = fc.sample(note, { numRuns: 60, seed: 17 });
    await t.database.service.handle.db.transaction(async (tx) => {
      for (const [index, n] of notes.entries()) {
        const id = randomUUID();
        written.push(id);
        await insertNote(
          tx,
          {
            id,
            caseId,
            caseVersion: n.version,
            kind: n.kind,
            contactDate: `2026-01-${String(n.day).padStart(2, '0')}`,
            text: `notitie ${index}`,
            visibility: n.visibility,
            forPerpetratorSide: n.forPerpetratorSide,
            namedSubs: n.namedSubs,
            memberIds: n.memberIds,
            corrects: index > 0 && index % 5 === 0 ? (written[index - 1] ?? null) : null,
            authorSub: n.author,
            authorRole: 'lokaal-team',
            authorOrganisation: 'Wijkteam',
            createdAt: new Date(Date.UTC(2026, 0, n.day, 12, index)),
          },
          n.withheld ? { reason: 'veiligheid' } : undefined,
        );
        if (n.withdrawn) await insertNoteMark(tx, { noteId: id, caseId, kind: 'intrekking', reason: 'verkeerde casus', actor: { sub: n.author, role: 'lokaal-team', organisation: 'Wijkteam' }, at: new Date(Date.UTC(2026, 0, 29)) });
      }
    });
  });
  afterAll(async () => t.close());

  it('selects, counts and pages exactly the notes noteInScope allows, for any reader', async () => {
    const all = await listNotesBetweenVersions(t.database.service.handle.db, caseId, { afterVersion: 0 });
    expect(all).toHaveLength(60);
    const readers = fc.record({
      sub: fc.constantFrom(null, ...SUBS),
      auditor: fc.boolean(),
      none: fc.constant(false),
      regisseur: fc.boolean(),
      granted: fc.boolean(),
      coordinator: fc.boolean(),
      breakGlass: fc.boolean(),
      perpetratorSide: fc.boolean(),
      withheldMembers: fc.subarray(memberIds),
    });
    await fc.assert(
      fc.asyncProperty(readers, fc.constantFrom(undefined, ...NOTE_KINDS), async (reader: NoteReader, kind) => {
        const scope = noteScopeOf(reader);
        if (!scope) throw new Error('a reader with none: false has a scope');
        const expected = all
          .filter((note) => noteInScope(scope, note) && (kind === undefined || note.soort === kind) && note.contactdatum >= '2026-01-05' && note.contactdatum <= '2026-01-25')
          .sort((a, b) => b.contactdatum.localeCompare(a.contactdatum) || written.indexOf(b.id) - written.indexOf(a.id))
          .map((note) => note.id);
        const first = await listNotes(t.database.service.handle.db, caseId, scope, { kind, from: '2026-01-05', to: '2026-01-25' }, { page: 1, pageSize: 7 });
        expect(first.total).toBe(expected.length);
        expect(first.notes.map((note) => note.id)).toEqual(expected.slice(0, 7));
        const second = await listNotes(t.database.service.handle.db, caseId, scope, { kind, from: '2026-01-05', to: '2026-01-25' }, { page: 2, pageSize: 7 });
        expect(second.notes.map((note) => note.id)).toEqual(expected.slice(7, 14));
        // The member's inzage reads with the same scope.
        const member = memberIds[0] ?? '';
        const aboutMember = await listMemberNotes(t.database.service.handle.db, caseId, member, scope);
        expect(aboutMember.map((note) => note.id).sort()).toEqual(all.filter((note) => noteInScope(scope, note) && note.lidIds.includes(member)).map((note) => note.id).sort());
        // Corrections are named only as far as the reader may read them.
        const corrections = await correctionsOf(t.database.service.handle.db, caseId, all.map((note) => note.id), scope);
        for (const [corrected, by] of corrections) {
          expect(by.every((id) => { const note = all.find((n) => n.id === id); return note !== undefined && note.corrigeert === corrected && noteInScope(scope, note); })).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
