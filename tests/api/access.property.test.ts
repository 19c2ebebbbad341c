/**
 * A property test over a random matrix of callers (roles, people,
 * organisations, municipalities) and cases: nobody reads or writes a case the
 * rules deny, and a case one may not know exists answers 404. The expected
 * outcome comes from a small model of the rules written here, independent of
 * the service's code.
 */
import { ROLES, type Role } from '@veilig-samen/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist } from '../helpers/client.js';

interface ModelCase {
  id: string;
  /** A member who receives letters (an adult). */
  member: string;
  municipality: string;
  regisseur: string;
  involvedPeople: string[];
  involvedOrganisations: string[];
  breakGlass: string[];
  escalated: boolean;
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
      { municipality: 'Nijmegen', regisseur: 'mw-001', people: ['mw-002'], organisations: [], breakGlass: [], escalate: false },
      { municipality: 'Nijmegen', regisseur: 'mw-002', people: [], organisations: ['Politie'], breakGlass: ['mw-003'], escalate: true },
      { municipality: 'Wijchen', regisseur: 'mw-003', people: [], organisations: ['Wijkteam Nijmegen'], breakGlass: [], escalate: false },
      { municipality: 'Wijchen', regisseur: 'mw-004', people: ['mw-001'], organisations: [], breakGlass: ['mw-002'], escalate: true },
    ];
    for (const setup of setups) {
      const owner = clientFor(t, { sub: setup.regisseur, organisatie: 'Wijkteam', gemeenten: [setup.municipality] });
      const created = (await owner.request('POST', '/v1/casussen', { body: { ...household, gemeente: setup.municipality } })).json();
      const id = created.id as string;
      for (const person of setup.people) {
        await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'professional', id: person, organisatie: 'Wijkteam', rol: 'collega', grondslag: 'Wmo 2015' } });
      }
      for (const organisation of setup.organisations) {
        const added = await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: organisation, oin: OIN[organisation as keyof typeof OIN], rol: 'partner', grondslag: 'Wmo 2015' } });
        expect(added.statusCode, added.body).toBe(201);
      }
      for (const person of setup.breakGlass) {
        const granted = await clientFor(t, { sub: person, organisatie: 'Wijkteam Elders', gemeenten: [setup.municipality] }).request('POST', `/v1/casussen/${id}/noodtoegang`, { body: { reden: 'Noodsituatie, regisseur onbereikbaar' } });
        expect(granted.statusCode, granted.body).toBe(201);
      }
      if (setup.escalate) await owner.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' });
      cases.push({ id, member: created.leden[0].id as string, municipality: setup.municipality, regisseur: setup.regisseur, involvedPeople: setup.people, involvedOrganisations: setup.organisations, breakGlass: setup.breakGlass, escalated: setup.escalate });
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
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
