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
  municipality: string;
  regisseur: string;
  involvedPeople: string[];
  involvedOrganisations: string[];
  breakGlass: string[];
  escalated: boolean;
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

function mayWrite(role: Role, sub: string, c: ModelCase): boolean {
  return role === 'lokaal-team' && (c.regisseur === sub || c.involvedPeople.includes(sub));
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
      { municipality: 'Nijmegen', regisseur: 'mw-001', people: ['mw-002'], organisations: [], breakGlass: [], escalate: false, notesGranted: [] },
      { municipality: 'Nijmegen', regisseur: 'mw-002', people: [], organisations: ['Politie'], breakGlass: ['mw-003'], escalate: true, notesGranted: ['Politie'] },
      { municipality: 'Wijchen', regisseur: 'mw-003', people: [], organisations: ['Wijkteam Nijmegen'], breakGlass: [], escalate: false, notesGranted: [] },
      { municipality: 'Wijchen', regisseur: 'mw-004', people: ['mw-001'], organisations: [], breakGlass: ['mw-002'], escalate: true, notesGranted: ['mw-001'] },
    ];
    for (const setup of setups) {
      const owner = clientFor(t, { sub: setup.regisseur, organisatie: 'Wijkteam', gemeenten: [setup.municipality] });
      const id = (await owner.request('POST', '/v1/casussen', { body: { ...household, gemeente: setup.municipality } })).json().id as string;
      for (const person of setup.people) {
        const inzage = setup.notesGranted.includes(person) ? ['notities'] : [];
        await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'professional', id: person, organisatie: 'Wijkteam', rol: 'collega', grondslag: 'Wmo 2015', inzage } });
      }
      for (const organisation of setup.organisations) {
        const inzage = setup.notesGranted.includes(organisation) ? ['notities'] : [];
        const added = await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: organisation, oin: OIN[organisation as keyof typeof OIN], rol: 'partner', grondslag: 'Wmo 2015', inzage } });
        expect(added.statusCode, added.body).toBe(201);
      }
      for (const person of setup.breakGlass) {
        const granted = await clientFor(t, { sub: person, organisatie: 'Wijkteam Elders', gemeenten: [setup.municipality] }).request('POST', `/v1/casussen/${id}/noodtoegang`, { body: { reden: 'Noodsituatie, regisseur onbereikbaar' } });
        expect(granted.statusCode, granted.body).toBe(201);
      }
      if (setup.escalate) await owner.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' });
      for (const zichtbaarheid of ['regie', 'netwerk']) {
        const note = await owner.request('POST', `/v1/casussen/${id}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-14', tekst: `${zichtbaarheid}-notitie`, zichtbaarheid } });
        expect(note.statusCode, note.body).toBe(201);
      }
      cases.push({
        id,
        municipality: setup.municipality,
        regisseur: setup.regisseur,
        involvedPeople: setup.people,
        involvedOrganisations: setup.organisations,
        breakGlass: setup.breakGlass,
        escalated: setup.escalate,
        notesGranted: setup.notesGranted,
      });
    }
  }, 60_000);
  afterAll(async () => t.close());

  it('nobody reads or writes what the rules deny; unknowable cases answer 404', async () => {
    const caller = fc.record({
      role: fc.constantFrom(...ROLES),
      sub: fc.constantFrom(...PEOPLE, 'mda-001', 'audit-1'),
      organisation: fc.constantFrom(...ORGANISATIONS),
      municipalities: fc.subarray(MUNICIPALITIES),
      caseIndex: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(caller, async ({ role, sub, organisation: { name: organisation, oin }, municipalities, caseIndex }) => {
        const c = cases[caseIndex];
        if (!c) throw new Error('no case');
        const client = clientFor(t, { sub, rol: role, organisatie: organisation, gemeenten: municipalities, ...(oin ? { oin } : {}) });
        const read = await client.get(`/v1/casussen/${c.id}`);
        const readRoles: Role[] = ['lokaal-team', 'beheerder', 'mda-coordinator'];
        if (!readRoles.includes(role)) expect(read.statusCode).toBe(403);
        else expect(read.statusCode).toBe(mayRead(role, sub, municipalities, c) ? 200 : 404);

        const partner = await client.get(`/v1/casussen/${c.id}/mijn-afspraken`);
        const partnerRoles: Role[] = ['ketenpartner', 'integratie', 'lokaal-team'];
        if (!partnerRoles.includes(role)) expect(partner.statusCode).toBe(403);
        else expect(partner.statusCode, `${role} ${sub} ${organisation} ${oin ?? ''}`).toBe(mayReadPartnerView(role, sub, oin, c) ? 200 : 404);

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
