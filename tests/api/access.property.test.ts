/**
 * A property test over a random matrix of callers (roles, people,
 * organisations, municipalities) and cases: nobody reads or writes a case the
 * rules deny, and a case one may not know exists answers 404. The expected
 * outcome comes from a small model of the rules written here, independent of
 * the service's code. Notes (issue 17 point 4): who lists them, which of a
 * case's two notes (regie, netwerk) they see, and who may write one.
 */
import { ROLES, type Role } from '@veilig-samen/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist } from '../helpers/client.js';

interface ModelCase {
  id: string;
  /** The household's child (issue 17: what is recorded per child). */
  childId: string;
  municipality: string;
  regisseur: string;
  involvedPeople: string[];
  involvedOrganisations: string[];
  breakGlass: string[];
  escalated: boolean;
  /** Issue 17: a network entry to record consent against, a member, and the OINs a member refused consent to (with that member's name). */
  entry: string;
  member: string;
  refused: { oin: string; name: string }[];
  /** Network entries (a person's sub or an organisation's name) granted the notes. */
  notesGranted: string[];
}

const PEOPLE = ['mw-001', 'mw-002', 'mw-003', 'mw-004'];
/** A token's organisation: a free-text name and perhaps an OIN. Only the OIN is recognised (security finding 5). */
const ORGANISATIONS = [
  { name: 'Wijkteam Nijmegen', oin: '00000001000000000001' },
  { name: 'Wijkteam Wijchen' },
  { name: 'Politie', oin: '00000001000000000002' },
  { name: 'Politie' },
];
const OIN = { 'Wijkteam Nijmegen': '00000001000000000001', Politie: '00000001000000000002' } as const;
const MUNICIPALITIES = ['Nijmegen', 'Wijchen', 'Arnhem'];

function mayRead(role: Role, sub: string, municipalities: string[], c: ModelCase): boolean {
  switch (role) {
    case 'lokaal-team':
      // An organisation entry gives its professionals the partner view only, never the case itself.
      return c.regisseur === sub || c.involvedPeople.includes(sub) || c.breakGlass.includes(sub);
    case 'beheerder':
      return municipalities.includes(c.municipality);
    case 'mda-coordinator':
      return c.escalated;
    default:
      return false;
  }
}

/** In the caller's case list, and so among what a search (issue 17 point 2) may return: not through break-the-glass. */
function mayList(role: Role, sub: string, municipalities: string[], c: ModelCase): boolean {
  if (role === 'lokaal-team') return c.regisseur === sub || c.involvedPeople.includes(sub);
  return role === 'beheerder' && municipalities.includes(c.municipality);
}

/** Whether the caller reaches the case's notes at all: its own access, or a partner's (as for the partner view); the auditor any case. */
function reachesNotes(role: Role, sub: string, municipalities: string[], oin: string | undefined, c: ModelCase): boolean {
  if (role === 'auditor') return true;
  if (role === 'mda-coordinator') return c.escalated;
  if (role === 'lokaal-team' || role === 'ketenpartner') return (role === 'lokaal-team' && mayRead(role, sub, municipalities, c)) || mayReadPartnerView(role, sub, oin, c);
  return false;
}

/** Holds the notes grant: a personal entry by sub, or an organisation's by the OIN in the token. */
function notesGranted(role: Role, sub: string, oin: string | undefined, c: ModelCase): boolean {
  if (role !== 'lokaal-team' && role !== 'ketenpartner') return false;
  return c.notesGranted.some((entry) => (entry === sub && c.involvedPeople.includes(sub)) || (oin !== undefined && OIN[entry as keyof typeof OIN] === oin && c.involvedOrganisations.includes(entry)));
}

/** Which of the case's two notes (written by its regisseur: one `regie`, one `netwerk`) the caller sees. */
function notesSeen(role: Role, sub: string, oin: string | undefined, c: ModelCase): ('regie' | 'netwerk')[] {
  if (role === 'auditor' || role === 'beheerder') return [];
  if ((role === 'lokaal-team' && (c.regisseur === sub || (c.breakGlass.includes(sub) && !c.involvedPeople.includes(sub)))) || (role === 'ketenpartner' && c.regisseur === sub)) return ['netwerk', 'regie'];
  if (role === 'mda-coordinator' || notesGranted(role, sub, oin, c)) return ['netwerk'];
  return [];
}

/**
 * A letter to the household (issue 17 point 7): the regisseur makes it; anyone else who may read the case is
 * refused (403), and for a local-team professional who may not even read it the case does not exist (404).
 */
function letterStatus(role: Role, sub: string, municipalities: string[], c: ModelCase): number {
  if (role !== 'lokaal-team') return 403;
  if (c.regisseur === sub) return 200;
  return mayRead(role, sub, municipalities, c) ? 403 : 404;
}

/** A member's inzage exports (issue 17 point 10): the regisseur, and the privacy officer of the case's municipality. */
function inzageStatus(role: Role, sub: string, municipalities: string[], c: ModelCase): number {
  if (role === 'privacy') return municipalities.includes(c.municipality) ? 200 : 404;
  return letterStatus(role, sub, municipalities, c);
}

function mayWrite(role: Role, sub: string, c: ModelCase): boolean {
  return role === 'lokaal-team' && (c.regisseur === sub || c.involvedPeople.includes(sub));
}

/** Roles a case's network names: a member's consent governs what is shared with them (issue 17 point 6). */
const NETWORK_ROLES: Role[] = ['lokaal-team', 'ketenpartner', 'integratie'];
/** The member names withheld from a caller: a member refused consent to the organisation the caller acts for (by OIN); never from the regisseur. */
function withheld(role: Role, sub: string, oin: string | undefined, c: ModelCase): string[] {
  if (!NETWORK_ROLES.includes(role) || sub === c.regisseur) return [];
  return c.refused.filter((r) => r.oin === oin).map((r) => r.name);
}

/** A partner's own write (issue 17 point 5): in the network (the partner view), not through break-the-glass, not the regisseur (whose view is the joint score). */
function mayGivePerspective(role: Role, sub: string, oin: string | undefined, c: ModelCase): boolean {
  if (sub === c.regisseur && role === 'lokaal-team') return false;
  if (role === 'lokaal-team' && c.breakGlass.includes(sub) && !c.involvedPeople.includes(sub) && !c.involvedOrganisations.some((name) => OIN[name as keyof typeof OIN] === oin)) return false;
  return mayReadPartnerView(role, sub, oin, c);
}

/** The partner view: case managers and partners named personally, or acting for an organisation in the network by its OIN. */
function mayReadPartnerView(role: Role, sub: string, oin: string | undefined, c: ModelCase): boolean {
  if (role === 'lokaal-team' && (c.regisseur === sub || c.involvedPeople.includes(sub) || c.breakGlass.includes(sub))) return true;
  if (role !== 'lokaal-team' && role !== 'ketenpartner') return false;
  return c.involvedPeople.includes(sub) || c.involvedOrganisations.some((name) => OIN[name as keyof typeof OIN] === oin);
}

describe('access matrix', () => {
  let t: TestApp;
  const cases: ModelCase[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const setups = [
      { municipality: 'Nijmegen', regisseur: 'mw-001', people: ['mw-002'], organisations: [], breakGlass: [], escalate: false, refuse: false, notesGranted: [] },
      // Bram refused consent to share with the police (issue 17 point 6): the police and whoever acts for it no longer see him.
      { municipality: 'Nijmegen', regisseur: 'mw-002', people: [], organisations: ['Politie'], breakGlass: ['mw-003'], escalate: true, refuse: true, notesGranted: ['Politie'] },
      { municipality: 'Wijchen', regisseur: 'mw-003', people: [], organisations: ['Wijkteam Nijmegen'], breakGlass: [], escalate: false, refuse: false, notesGranted: [] },
      { municipality: 'Wijchen', regisseur: 'mw-004', people: ['mw-001'], organisations: [], breakGlass: ['mw-002'], escalate: true, refuse: false, notesGranted: ['mw-001'] },
    ];
    for (const setup of setups) {
      const owner = clientFor(t, { sub: setup.regisseur, organisatie: 'Wijkteam', gemeenten: [setup.municipality] });
      const created = (await owner.request('POST', '/v1/casussen', { body: { ...household, gemeente: setup.municipality } })).json();
      const id = created.id as string;
      const entries: string[] = [];
      const childId = (created.leden as { id: string; relatie: string }[]).find((lid) => lid.relatie === 'kind')?.id ?? '';
      for (const person of setup.people) {
        const inzage = setup.notesGranted.includes(person) ? ['notities'] : [];
        const added = await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'professional', id: person, organisatie: 'Wijkteam', rol: 'collega', grondslag: { soort: 'wettelijke-taak', referentie: 'Wmo 2015' }, inzage } });
        entries.push(added.json().id);
      }
      for (const organisation of setup.organisations) {
        const inzage = setup.notesGranted.includes(organisation) ? ['leden', 'notities'] : ['leden'];
        const added = await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, {
          body: { soort: 'organisatie', organisatie: organisation, oin: OIN[organisation as keyof typeof OIN], rol: 'partner', grondslag: { soort: 'wettelijke-taak', referentie: 'Wmo 2015' }, inzage },
        });
        expect(added.statusCode, added.body).toBe(201);
        entries.push(added.json().id);
      }
      const refused: ModelCase['refused'] = [];
      if (setup.refuse) {
        const bram = created.leden[1];
        const recorded = await owner.write('PUT', `/v1/casussen/${id}/leden/${bram.id}/toestemmingen/${entries[0]}`, 1, { status: 'nee', sinds: '2026-01-15' });
        expect(recorded.statusCode, recorded.body).toBe(200);
        refused.push({ oin: OIN.Politie, name: bram.naam });
      }
      for (const person of setup.breakGlass) {
        const granted = await clientFor(t, { sub: person, organisatie: 'Wijkteam Elders', gemeenten: [setup.municipality] }).request('POST', `/v1/casussen/${id}/noodtoegang`, { body: { reden: 'Noodsituatie, regisseur onbereikbaar' } });
        expect(granted.statusCode, granted.body).toBe(201);
      }
      if (setup.escalate) expect((await owner.write('POST', `/v1/casussen/${id}/opschalingen`, refused.length + 1, { reden: 'Zorgen' })).statusCode).toBe(201);
      for (const zichtbaarheid of ['regie', 'netwerk']) {
        const note = await owner.request('POST', `/v1/casussen/${id}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-14', tekst: `${zichtbaarheid}-notitie`, zichtbaarheid } });
        expect(note.statusCode, note.body).toBe(201);
      }
      cases.push({
        id,
        childId,
        municipality: setup.municipality,
        regisseur: setup.regisseur,
        involvedPeople: setup.people,
        involvedOrganisations: setup.organisations,
        breakGlass: setup.breakGlass,
        escalated: setup.escalate,
        entry: entries[0] ?? '',
        member: created.leden[0].id,
        refused,
        notesGranted: setup.notesGranted,
      });
    }
  }, 60_000);
  afterAll(async () => t.close());

  it('what a case implies (its next scoring) is in its regisseur\'s werkvoorraad, in nobody else\'s', async () => {
    // Four weeks on each case's next TOP3 scoring is due (issue 17); the clock goes back after, for the break-the-glass grants of the matrix.
    const started = t.clock.now();
    t.clock.set(new Date(started.getTime() + 25 * 86_400_000));
    for (const sub of PEOPLE) {
      for (const role of ['lokaal-team', 'beheerder'] as const) {
        const work = await clientFor(t, { sub, rol: role, gemeenten: MUNICIPALITIES }).get('/v1/werkvoorraad?paginaGrootte=100');
        expect(work.statusCode, work.body).toBe(200);
        const implied = (work.json().items as { casusId: string; soort: string; berekend: boolean }[]).filter((item) => item.berekend);
        const own = role === 'lokaal-team' ? cases.filter((c) => c.regisseur === sub).map((c) => c.id) : [];
        expect(implied.map((item) => [item.soort, item.casusId]), `${role} ${sub}`).toEqual(own.map((id) => ['veiligheidsscore-gepland', id]));
      }
    }
    t.clock.set(started);
  });

  it('nobody reads or writes what the rules deny; unknowable cases answer 404', async () => {
    const caller = fc.record({
      role: fc.constantFrom(...ROLES),
      sub: fc.constantFrom(...PEOPLE, 'mda-001', 'audit-1'),
      organisation: fc.constantFrom(...ORGANISATIONS),
      municipalities: fc.subarray(MUNICIPALITIES),
      caseIndex: fc.integer({ min: 0, max: 3 }),
      // Every household here is a De Vries: each term finds every case the caller may list, and no other.
      zoek: fc.constantFrom('Vries', 'anna de vries', 'Vriess', 'BRAM DE VRIES'),
    });
    await fc.assert(
      fc.asyncProperty(caller, async ({ role, sub, organisation: { name: organisation, oin }, municipalities, caseIndex, zoek }) => {
        const c = cases[caseIndex];
        if (!c) throw new Error('no case');
        const client = clientFor(t, { sub, rol: role, organisatie: organisation, gemeenten: municipalities, ...(oin ? { oin } : {}) });
        const read = await client.get(`/v1/casussen/${c.id}`);
        const readRoles: Role[] = ['lokaal-team', 'beheerder', 'mda-coordinator'];
        if (!readRoles.includes(role)) expect(read.statusCode).toBe(403);
        else expect(read.statusCode).toBe(mayRead(role, sub, municipalities, c) ? 200 : 404);
        // A member who refused consent to the caller's organisation is not in what the caller reads (issue 17 point 6).
        const hidden = withheld(role, sub, oin, c);
        for (const name of c.refused.map((r) => r.name)) {
          if (read.statusCode === 200) expect(read.body.includes(name), `${role} ${sub} ${oin ?? ''} and ${name} in the case`).toBe(!hidden.includes(name));
        }

        // A search returns exactly the cases the caller may list that match: never one it may not see.
        const search = await client.get(`/v1/casussen?zoek=${encodeURIComponent(zoek)}&paginaGrootte=100`);
        if (role !== 'lokaal-team' && role !== 'beheerder') expect(search.statusCode).toBe(403);
        else {
          expect(search.statusCode, search.body).toBe(200);
          const found = (search.json().casussen as { id: string; aanduiding: string }[]).map((item) => item.id).sort();
          expect(found, `${role} ${sub} ${municipalities.join(',')} ${zoek}`).toEqual(cases.filter((m) => mayList(role, sub, municipalities, m)).map((m) => m.id).sort());
        }

        const partner = await client.get(`/v1/casussen/${c.id}/mijn-afspraken`);
        const partnerRoles: Role[] = ['ketenpartner', 'integratie', 'lokaal-team'];
        if (!partnerRoles.includes(role)) expect(partner.statusCode).toBe(403);
        else expect(partner.statusCode, `${role} ${sub} ${organisation} ${oin ?? ''}`).toBe(mayReadPartnerView(role, sub, oin, c) ? 200 : 404);
        const leden = partner.statusCode === 200 ? (partner.json().leden as { naam: string }[] | null) : null;
        for (const name of hidden) expect(leden?.map((l) => l.naam) ?? [], `${role} ${sub} ${oin ?? ''}: ${name} in the partner view`).not.toContain(name);

        const letter = await client.request('GET', `/v1/casussen/${c.id}/brieven/start?lid=${c.member}`, { headers: { accept: 'application/pdf' } });
        expect(letter.statusCode, `letter: ${role} ${sub} ${municipalities.join(',')}`).toBe(letterStatus(role, sub, municipalities, c));
        const exports = await client.get(`/v1/casussen/${c.id}/leden/${c.member}/inzageverzoeken`);
        expect(exports.statusCode, `inzage: ${role} ${sub} ${municipalities.join(',')}`).toBe(inzageStatus(role, sub, municipalities, c));

        const version = read.statusCode === 200 ? (read.json().versie as number) : 1;
        const write = await client.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, version, toplist(5));
        if (mayWrite(role, sub, c)) {
          expect(write.statusCode).toBe(201);
        } else {
          // Denied: 403 for a role that never writes cases, or for a local-team member who may only look
          // (break-the-glass); 404 when the case is unknowable to them.
          const expected = role !== 'lokaal-team' || mayRead(role, sub, municipalities, c) ? 403 : 404;
          expect(write.statusCode).toBe(expected);
        }

        // Issue 17: a child's record is a case command like any other.
        const afterScore = write.statusCode === 201 ? version + 1 : version;
        const child = await client.write('PUT', `/v1/casussen/${c.id}/leden/${c.childId}/gesprek`, afterScore, { gesprekdatum: '2026-01-01' });
        if (mayWrite(role, sub, c)) expect(child.statusCode, child.body).toBe(200);
        else expect(child.statusCode).toBe(role !== 'lokaal-team' || mayRead(role, sub, municipalities, c) ? 403 : 404);

        // The werkvoorraad: what a case implies (the next scoring, ...) is its current regisseur's only.
        const work = await client.get('/v1/werkvoorraad?paginaGrootte=100');
        if (role !== 'lokaal-team' && role !== 'beheerder') expect(work.statusCode).toBe(403);
        else {
          expect(work.statusCode, work.body).toBe(200);
          for (const item of work.json().items as { casusId: string | null; berekend: boolean }[]) {
            if (item.berekend) expect(cases.find((known) => known.id === item.casusId)?.regisseur, `${role} ${sub}: ${JSON.stringify(item)}`).toBe(sub);
          }
        }

        // Issue 17 point 5: a partner's own perspective, on the partner view's access; never the regisseur's.
        const owner = clientFor(t, { sub: c.regisseur, organisatie: 'Wijkteam', gemeenten: [c.municipality] });
        const current = async () => (await owner.get(`/v1/casussen/${c.id}`)).json().versie as number;
        const perspective = await client.write('POST', `/v1/casussen/${c.id}/perspectieven`, await current(), { score: 6, toelichting: 'Ons beeld' });
        if (!partnerRoles.includes(role)) expect(perspective.statusCode).toBe(403);
        else if (mayGivePerspective(role, sub, oin, c)) expect(perspective.statusCode, perspective.body).toBe(201);
        else expect(perspective.statusCode, `${role} ${sub} ${oin ?? ''}: ${perspective.body}`).toBe(mayReadPartnerView(role, sub, oin, c) ? 403 : 404);

        // Issue 17 point 6: consent is the regisseur's to record.
        const consent = await client.write('PUT', `/v1/casussen/${c.id}/leden/${c.member}/toestemmingen/${c.entry}`, await current(), { status: 'ja', sinds: '2026-01-15' });
        if (role === 'lokaal-team' && sub === c.regisseur) expect(consent.statusCode, consent.body).toBe(200);
        else expect(consent.statusCode, `${role} ${sub}: ${consent.body}`).toBe(role !== 'lokaal-team' || mayRead(role, sub, municipalities, c) ? 403 : 404);
        // Notes: who reaches them, which of the two they see, who writes one.
        const who = `${role} ${sub} ${organisation} ${oin ?? ''} on case ${caseIndex}`;
        const notes = await client.get(`/v1/casussen/${c.id}/notities`);
        const noteRoles: Role[] = ['lokaal-team', 'ketenpartner', 'mda-coordinator', 'auditor'];
        if (!noteRoles.includes(role)) expect(notes.statusCode, who).toBe(403);
        else if (!reachesNotes(role, sub, municipalities, oin, c)) expect(notes.statusCode, who).toBe(404);
        else {
          expect(notes.statusCode, who).toBe(200);
          const seen = (notes.json().notities as { tekst: string }[]).flatMap((n) => (n.tekst === 'regie-notitie' ? ['regie'] : n.tekst === 'netwerk-notitie' ? ['netwerk'] : [])).sort();
          expect(seen, who).toEqual(notesSeen(role, sub, oin, c));
        }
        const note = await client.request('POST', `/v1/casussen/${c.id}/notities`, { body: { soort: 'overig', contactdatum: '2026-01-15', tekst: 'Notitie uit de matrix' } });
        const writeRoles: Role[] = ['lokaal-team', 'ketenpartner'];
        const regisseurWrites = role === 'lokaal-team' && c.regisseur === sub;
        if (!writeRoles.includes(role)) expect(note.statusCode, who).toBe(403);
        else if (!reachesNotes(role, sub, municipalities, oin, c)) expect(note.statusCode, who).toBe(404);
        else if (regisseurWrites || (notesGranted(role, sub, oin, c) && !(role === 'lokaal-team' && c.breakGlass.includes(sub) && !c.involvedPeople.includes(sub)))) expect(note.statusCode, `${who}: ${note.body}`).toBe(201);
        else expect(note.statusCode, `${who}: ${note.body}`).toBe(403);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
