import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayMarkNote, mayReadNote, mayWriteNote, noteInInzage, noteScopeOf, NOTE_VISIBILITIES, type Note, type NoteAccessFacts, type NoteReader } from './notes.js';
import { describeNote } from './timeline.js';

const nobody: NoteReader = { sub: 'x', auditor: false, none: false, regisseur: false, granted: false, coordinator: false, breakGlass: false, perpetratorSide: false, withheldMembers: [] };
const reader = (overrides: Partial<NoteReader>): NoteReader => ({ ...nobody, ...overrides });
const facts = (overrides: Partial<NoteAccessFacts>): NoteAccessFacts => ({ zichtbaarheid: 'regie', voorPlegerzijde: false, zichtbaarVoor: [], auteur: 'mw-001', ingetrokken: false, lidIds: [], ...overrides });

describe('who reads a note', () => {
  it('regie: the regisseur, the author and who is named; netwerk: also the grant and the coordinator', () => {
    const regie = facts({ zichtbaarVoor: ['mw-002'] });
    const netwerk = facts({ zichtbaarheid: 'netwerk' });
    expect(mayReadNote(reader({ sub: 'mw-009', regisseur: true }), regie)).toBe(true);
    expect(mayReadNote(reader({ sub: 'mw-001' }), regie)).toBe(true);
    expect(mayReadNote(reader({ sub: 'mw-002' }), regie)).toBe(true);
    expect(mayReadNote(reader({ sub: 'mw-003', granted: true }), regie)).toBe(false);
    expect(mayReadNote(reader({ sub: 'mw-003', granted: true }), netwerk)).toBe(true);
    expect(mayReadNote(reader({ sub: null, coordinator: true }), regie)).toBe(false);
    // The coordinator is not named or the writer in that role (sub null): netwerk notes only.
    expect(mayReadNote(reader({ sub: null, coordinator: true }), facts({ zichtbaarVoor: ['mw-002'] }))).toBe(false);
    expect(mayReadNote(reader({ sub: null, coordinator: true }), netwerk)).toBe(true);
    expect(mayReadNote(reader({ sub: 'mw-002' }), netwerk)).toBe(false);
  });

  it('never the perpetrator side unless the note is marked for it (break-the-glass and being regisseur included); their own notes they read', () => {
    const side = { perpetratorSide: true };
    expect(mayReadNote(reader({ ...side, sub: 'mw-004', granted: true }), facts({ zichtbaarheid: 'netwerk' }))).toBe(false);
    expect(mayReadNote(reader({ ...side, sub: 'mw-004', granted: true }), facts({ zichtbaarheid: 'netwerk', voorPlegerzijde: true }))).toBe(true);
    expect(mayReadNote(reader({ ...side, sub: 'mw-004' }), facts({ zichtbaarVoor: ['mw-004'] }))).toBe(false);
    expect(mayReadNote(reader({ ...side, sub: 'mw-006', breakGlass: true }), facts({}))).toBe(false);
    expect(mayReadNote(reader({ ...side, sub: 'mw-009', regisseur: true }), facts({}))).toBe(false);
    expect(mayReadNote(reader({ ...side, sub: 'mw-004' }), facts({ auteur: 'mw-004' }))).toBe(true);
  });

  it('break-the-glass reads every note; a beheerder none; the auditor withdrawn notes only; withdrawn notes nobody else', () => {
    expect(mayReadNote(reader({ breakGlass: true }), facts({ zichtbaarheid: 'regie' }))).toBe(true);
    expect(mayReadNote(reader({ none: true, sub: 'mw-001' }), facts({}))).toBe(false);
    expect(noteScopeOf(reader({ none: true }))).toBeNull();
    expect(mayReadNote(reader({ auditor: true }), facts({}))).toBe(false);
    expect(mayReadNote(reader({ auditor: true }), facts({ ingetrokken: true }))).toBe(true);
    expect(mayReadNote(reader({ regisseur: true, sub: 'mw-001' }), facts({ ingetrokken: true }))).toBe(false);
  });

  it('not a note about a member whose data is withheld from the reader (consent), even their own, named or about two members; the regisseur and the auditor as before', () => {
    const withheld = reader({ sub: 'mw-002', granted: true, withheldMembers: ['bram'] });
    expect(mayReadNote(withheld, facts({ zichtbaarheid: 'netwerk', lidIds: ['anna'] }))).toBe(true);
    expect(mayReadNote(withheld, facts({ zichtbaarheid: 'netwerk', lidIds: ['bram'] }))).toBe(false);
    // About Anna and Bram: the text is about both and cannot be split, so not read at all.
    expect(mayReadNote(withheld, facts({ zichtbaarheid: 'netwerk', lidIds: ['anna', 'bram'] }))).toBe(false);
    expect(mayReadNote(withheld, facts({ zichtbaarheid: 'regie', zichtbaarVoor: ['mw-002'], lidIds: ['bram'] }))).toBe(false);
    expect(mayReadNote(withheld, facts({ auteur: 'mw-002', lidIds: ['bram'] }))).toBe(false);
    expect(mayReadNote(withheld, facts({ zichtbaarheid: 'netwerk', lidIds: [] }))).toBe(true);
    expect(mayReadNote(reader({ breakGlass: true, withheldMembers: ['bram'] }), facts({ lidIds: ['bram'] }))).toBe(false);
    // Nothing withheld (the regisseur, whom access.ts never withholds from): as before.
    expect(mayReadNote(reader({ regisseur: true }), facts({ lidIds: ['anna', 'bram'] }))).toBe(true);
    expect(mayReadNote(reader({ auditor: true, withheldMembers: ['bram'] }), facts({ ingetrokken: true, lidIds: ['bram'] }))).toBe(true);
  });

  it('agrees with a model of the rule written out case by case, for any reader and note', () => {
    const subs = ['mw-001', 'mw-002', 'mw-004'];
    const model = (r: NoteReader, n: NoteAccessFacts): boolean => {
      if (r.auditor) return n.ingetrokken;
      if (r.none || n.ingetrokken) return false;
      if (n.lidIds.some((id) => r.withheldMembers.includes(id))) return false;
      if (n.auteur === r.sub) return true;
      if (r.perpetratorSide && !n.voorPlegerzijde) return false;
      if (r.regisseur || r.breakGlass || (r.sub !== null && n.zichtbaarVoor.includes(r.sub))) return true;
      return n.zichtbaarheid === 'netwerk' && (r.granted || r.coordinator);
    };
    const readers = fc.record({
      sub: fc.constantFrom(null, ...subs),
      auditor: fc.boolean(),
      none: fc.boolean(),
      regisseur: fc.boolean(),
      granted: fc.boolean(),
      coordinator: fc.boolean(),
      breakGlass: fc.boolean(),
      perpetratorSide: fc.boolean(),
      withheldMembers: fc.subarray(['anna', 'bram', 'cas']),
    });
    const notes = fc.record({
      zichtbaarheid: fc.constantFrom(...NOTE_VISIBILITIES),
      voorPlegerzijde: fc.boolean(),
      zichtbaarVoor: fc.subarray(subs),
      auteur: fc.constantFrom(...subs),
      ingetrokken: fc.boolean(),
      lidIds: fc.subarray(['anna', 'bram', 'cas']),
    });
    fc.assert(fc.property(readers, notes, (r, n) => mayReadNote(r, n) === model(r, n)));
  });
});

describe('who writes, withdraws and withholds', () => {
  it('the regisseur or a network member with the grant writes; the author or the regisseur marks', () => {
    expect(mayWriteNote({ regisseur: true, granted: false })).toBe(true);
    expect(mayWriteNote({ regisseur: false, granted: true })).toBe(true);
    expect(mayWriteNote({ regisseur: false, granted: false })).toBe(false);
    expect(mayMarkNote({ sub: 'mw-003', regisseur: false, granted: true }, { auteur: 'mw-003' })).toBe(true);
    expect(mayMarkNote({ sub: 'mw-003', regisseur: false, granted: true }, { auteur: 'mw-001' })).toBe(false);
    expect(mayMarkNote({ sub: 'mw-001', regisseur: true, granted: false }, { auteur: 'mw-003' })).toBe(true);
  });
});

describe('a note in the inzage and the timeline', () => {
  const note: Note = {
    ...facts({}),
    id: 'n1',
    caseId: 'c1',
    soort: 'huisbezoek',
    contactdatum: '2026-01-10',
    tekst: 'tekst',
    lidIds: ['anna'],
    corrigeert: null,
    door: { id: 'mw-001', rol: 'lokaal-team', organisatie: 'Wijkteam' },
    op: '2026-01-10T10:00:00.000Z',
    achterhouding: null,
    intrekking: null,
  };
  it('only for its subjects, withheld with the reason, never when withdrawn', () => {
    expect(noteInInzage(note, 'anna')).toBe('getoond');
    expect(noteInInzage(note, 'bram')).toBe('niet');
    expect(noteInInzage({ ...note, achterhouding: { reden: 'veiligheid', door: 'mw-001', op: note.op } }, 'anna')).toBe('achtergehouden');
    expect(noteInInzage({ ...note, ingetrokken: true }, 'anna')).toBe('niet');
  });
  it('says what kind and when only to who may read it', () => {
    expect(describeNote(note, true)).toBe('Notitie toegevoegd: huisbezoek op 2026-01-10.');
    expect(describeNote({ ...note, corrigeert: 'n0' }, true)).toBe('Notitie toegevoegd: huisbezoek op 2026-01-10, correctie van een eerdere notitie.');
    expect(describeNote(note, false)).toBe('Notitie toegevoegd.');
    expect(describeNote({ ...note, ingetrokken: true }, true)).toBe('Notitie toegevoegd (later ingetrokken).');
  });
});
