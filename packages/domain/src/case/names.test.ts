import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upcastEvent } from './event-versions.js';
import { caseDesignation, defaultDesignation, displayName, namePartsOf, splitName, surname, withNameParts } from './names.js';
import { MACHINE_VERSION, upgradeSnapshot } from './snapshot-versions.js';
import { openCase, replay } from './decide.js';
import { ACTOR, MEMBERS, events, opened } from './testing.js';
import type { StoredCaseEvent } from './events.js';

describe('names in Dutch parts (issue 17 point 1)', () => {
  it('derives the display name from the parts', () => {
    expect(displayName({ voornamen: 'Fatima', voorvoegsel: 'el', geslachtsnaam: 'Amrani' })).toBe('Fatima el Amrani');
    expect(displayName({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' })).toBe('Jan van der Berg');
    expect(displayName({ voornamen: null, voorvoegsel: 'de', geslachtsnaam: 'Vries' })).toBe('de Vries');
    expect(displayName({ voornamen: 'Anna', voorvoegsel: null, geslachtsnaam: 'Jansen' })).toBe('Anna Jansen');
  });

  it('splits a single name where it is unambiguous', () => {
    expect(splitName('Jan van der Berg')).toEqual({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' });
    expect(splitName('Fatima el Amrani')).toEqual({ voornamen: 'Fatima', voorvoegsel: 'el', geslachtsnaam: 'Amrani' });
    expect(splitName('Nadia El Amrani')).toEqual({ voornamen: 'Nadia', voorvoegsel: 'El', geslachtsnaam: 'Amrani' });
    expect(splitName('Anna Maria de Vries')).toEqual({ voornamen: 'Anna Maria', voorvoegsel: 'de', geslachtsnaam: 'Vries' });
    expect(splitName('Kees ’t Hart')).toEqual({ voornamen: 'Kees', voorvoegsel: '’t', geslachtsnaam: 'Hart' });
    expect(splitName('de Vries')).toEqual({ voornamen: null, voorvoegsel: 'de', geslachtsnaam: 'Vries' });
    expect(splitName('Anna Jansen')).toEqual({ voornamen: 'Anna', voorvoegsel: null, geslachtsnaam: 'Jansen' });
    // A voorvoegsel inside a double surname is part of it.
    expect(splitName('Eva van Dam-de Wit')).toEqual({ voornamen: 'Eva', voorvoegsel: 'van', geslachtsnaam: 'Dam-de Wit' });
  });

  it('keeps a name whole in geslachtsnaam where a split would be a guess', () => {
    for (const naam of ['Jansen', 'Maria José García López', 'Jan de Vries van Dam', 'Onbekend (alleen BSN bekend)', 'Anna  Jansen', ' Anna Jansen', 'Anna\tJansen']) {
      expect(splitName(naam)).toEqual({ voornamen: null, voorvoegsel: null, geslachtsnaam: naam });
    }
  });

  it('never loses a name: the display name of the split is the name as entered', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ'’-]{1,8}$/);
    const name = fc.array(fc.oneof(word, fc.constantFrom('de', 'van', 'der', 'den', 'el', 'ter', "'t", 'Van', 'De'), fc.constant('')), { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.oneof(name, fc.string()), (naam) => {
        expect(displayName(splitName(naam))).toBe(naam);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the household after the first member, the voorvoegsel capitalised, unless the regisseur named it', () => {
    expect(surname({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' })).toBe('Van der Berg');
    expect(defaultDesignation({ voornamen: 'Fatima', voorvoegsel: 'el', geslachtsnaam: 'Amrani' })).toBe('Huishouden El Amrani');
    expect(defaultDesignation(undefined)).toBe('Huishouden');
    const leden = [{ voornamen: 'Sanne', voorvoegsel: null, geslachtsnaam: 'Jansen' }];
    expect(caseDesignation({ leden })).toBe('Huishouden Jansen');
    expect(caseDesignation({ leden, aanduiding: 'Gezin Jansen (Lindenlaan)' })).toBe('Gezin Jansen (Lindenlaan)');
    expect(caseDesignation({ leden, aanduiding: null })).toBe('Huishouden Jansen');
  });

  it('takes the parts of a given name, or splits the single one; nothing named is undefined', () => {
    expect(namePartsOf({ voornamen: 'Jan', geslachtsnaam: 'Berg', voorvoegsel: 'van der' })).toEqual({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' });
    expect(namePartsOf({ naam: 'Jan van der Berg' })).toEqual({ voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' });
    expect(namePartsOf({})).toBeUndefined();
  });
});

describe('single names stored before the parts (machine version 6)', () => {
  const old = (naam: string) => ({ id: 'lid-x', naam, geboortedatum: null, relatie: 'ouder', betrokkenheid: [] });

  it('upgrades a version 5 snapshot: parts added, the display name unchanged', () => {
    const start = openCase(opened('2026-01-01T09:00:00.000Z'));
    const context = { ...start.context, leden: [old('Jan van der Berg'), old('Maria José García López')] };
    const upgraded = upgradeSnapshot({ value: start.value, context, machineVersion: 5 });
    expect(upgraded.machineVersion).toBe(MACHINE_VERSION);
    expect(upgraded.context.leden).toEqual([
      { ...old('Jan van der Berg'), voornamen: 'Jan', voorvoegsel: 'van der', geslachtsnaam: 'Berg' },
      { ...old('Maria José García López'), voornamen: null, voorvoegsel: null, geslachtsnaam: 'Maria José García López' },
    ]);
    expect(upgraded.context.aanduiding).toBeUndefined();
    expect(caseDesignation(upgraded.context)).toBe('Huishouden Van der Berg');
  });

  it('upcasts old events on replay, so the log still rebuilds the stored case', () => {
    const openedEvent = { ...opened('2026-01-01T09:00:00.000Z'), leden: [old('Anna de Vries')] } as unknown as StoredCaseEvent;
    const added = { type: 'lid.toegevoegd', op: '2026-01-02T09:00:00.000Z', door: ACTOR, lid: { ...old('Cas Jansen'), id: 'lid-y' } } as unknown as StoredCaseEvent;
    const corrected = { type: 'lid.gecorrigeerd', op: '2026-01-03T09:00:00.000Z', door: ACTOR, lidId: 'lid-y', wijzigingen: { naam: 'Cas van Dijk' } } as unknown as StoredCaseEvent;
    expect(upcastEvent(corrected)).toMatchObject({ wijzigingen: { voornamen: 'Cas', voorvoegsel: 'van', geslachtsnaam: 'Dijk' } });
    const rebuilt = replay([openedEvent, added, corrected]);
    expect(rebuilt.context.leden.map((lid) => [lid.naam, lid.voornamen, lid.voorvoegsel, lid.geslachtsnaam])).toEqual([
      ['Anna de Vries', 'Anna', 'de', 'Vries'],
      ['Cas van Dijk', 'Cas', 'van', 'Dijk'],
    ]);
    // Today's events pass unchanged.
    const today = events.addMember('2026-01-04T09:00:00.000Z', 'lid-z');
    expect(upcastEvent(today as StoredCaseEvent)).toBe(today);
    expect(withNameParts(MEMBERS[0]!)).toBe(MEMBERS[0]);
  });
});
