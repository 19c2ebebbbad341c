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
  municipality: string;
  regisseur: string;
  involvedPeople: string[];
  involvedOrganisations: string[];
  breakGlass: string[];
  escalated: boolean;
}

const PEOPLE = ['mw-001', 'mw-002', 'mw-003', 'mw-004'];
const ORGANISATIONS = ['Wijkteam Nijmegen', 'Wijkteam Wijchen', 'Politie'];
const MUNICIPALITIES = ['Nijmegen', 'Wijchen', 'Arnhem'];

function mayRead(role: Role, sub: string, organisation: string, municipalities: string[], c: ModelCase): boolean {
  switch (role) {
    case 'lokaal-team':
      return c.regisseur === sub || c.involvedPeople.includes(sub) || c.involvedOrganisations.includes(organisation) || c.breakGlass.includes(sub);
    case 'beheerder':
      return municipalities.includes(c.municipality);
    case 'mda-coordinator':
      return c.escalated;
    default:
      return false;
  }
}

function mayWrite(role: Role, sub: string, organisation: string, c: ModelCase): boolean {
  return role === 'lokaal-team' && (c.regisseur === sub || c.involvedPeople.includes(sub) || c.involvedOrganisations.includes(organisation));
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
      const id = (await owner.request('POST', '/v1/casussen', { body: { ...household, gemeente: setup.municipality } })).json().id as string;
      for (const person of setup.people) {
        await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'professional', id: person, organisatie: 'Wijkteam', rol: 'collega', grondslag: 'Wmo 2015' } });
      }
      for (const organisation of setup.organisations) {
        await owner.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: organisation, rol: 'partner', grondslag: 'Wmo 2015' } });
      }
      for (const person of setup.breakGlass) {
        const granted = await clientFor(t, { sub: person, organisatie: 'Wijkteam Elders', gemeenten: [setup.municipality] }).request('POST', `/v1/casussen/${id}/noodtoegang`, { body: { reden: 'Noodsituatie, regisseur onbereikbaar' } });
        expect(granted.statusCode, granted.body).toBe(201);
      }
      if (setup.escalate) await owner.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' });
      cases.push({ id, municipality: setup.municipality, regisseur: setup.regisseur, involvedPeople: setup.people, involvedOrganisations: setup.organisations, breakGlass: setup.breakGlass, escalated: setup.escalate });
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
      fc.asyncProperty(caller, async ({ role, sub, organisation, municipalities, caseIndex }) => {
        const c = cases[caseIndex];
        if (!c) throw new Error('no case');
        const client = clientFor(t, { sub, rol: role, organisatie: organisation, gemeenten: municipalities });
        const read = await client.get(`/v1/casussen/${c.id}`);
        const readRoles: Role[] = ['lokaal-team', 'beheerder', 'mda-coordinator'];
        if (!readRoles.includes(role)) expect(read.statusCode).toBe(403);
        else expect(read.statusCode).toBe(mayRead(role, sub, organisation, municipalities, c) ? 200 : 404);

        const version = read.statusCode === 200 ? (read.json().versie as number) : 1;
        const write = await client.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, version, toplist(5));
        if (mayWrite(role, sub, organisation, c)) {
          expect(write.statusCode).toBe(201);
        } else {
          // Denied: 403 for a role that never writes cases, or for a local-team member who may only look
          // (break-the-glass); 404 when the case is unknowable to them.
          const expected = role !== 'lokaal-team' || mayRead(role, sub, organisation, municipalities, c) ? 403 : 404;
          expect(write.statusCode).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
