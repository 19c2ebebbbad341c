import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household } from '../helpers/client.js';

const POLICE_OIN = '00000001003214345000';
const SHELTER_OIN = '00000001804542931000';

describe('a network partner sees the phase and its own agreements only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('in the network: phase and owned agreements, no members, no analysis; outside it: nothing', async () => {
    const mw = clientFor(t);
    const police = clientFor(t, { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, gemeenten: [] });
    const created = (await mw.request('POST', '/v1/casussen', { body: household })).json();
    await mw.write('PUT', `/v1/casussen/${created.id}/veiligheidsplan`, 1, {
      afspraken: [
        { omschrijving: 'Extra surveillance in de straat', eigenaar: { soort: 'organisatie', naam: 'Politie Oost-Nederland', oin: POLICE_OIN }, deadline: '2026-02-01' },
        // Named like the police, but without its OIN: not theirs.
        { omschrijving: 'Zonder OIN', eigenaar: { soort: 'organisatie', naam: 'Politie Oost-Nederland' }, deadline: '2026-02-01' },
        { omschrijving: 'Anna belt haar zus bij spanning', eigenaar: { soort: 'lid', lidId: created.leden[0].id }, deadline: '2026-02-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect((await police.get(`/v1/casussen/${created.id}/mijn-afspraken`)).statusCode).toBe(404);
    await mw.request('POST', `/v1/casussen/${created.id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, rol: 'politie', grondslag: 'Wpg art. 16' } });

    const view = await police.get(`/v1/casussen/${created.id}/mijn-afspraken`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ fase: 'directe-veiligheid', veiligheidsplanVersie: 1 });
    expect(view.json().afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Extra surveillance in de straat']);
    expect(view.body).not.toContain('Anna');
    // The full case, its timeline and plan stay closed to a partner.
    for (const path of ['', '/tijdlijn', '/veiligheidsplan', '/veiligheidsscores']) {
      expect((await police.get(`/v1/casussen/${created.id}${path}`)).statusCode, path).toBe(403);
    }
  });

  it('sees members (without address) and the analysis only when granted', async () => {
    const mw = clientFor(t);
    const shelter = clientFor(t, { sub: 'opvang-3', rol: 'ketenpartner', organisatie: 'Blijf Groep', oin: SHELTER_OIN, gemeenten: [] });
    const created = (await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [{ naam: 'Eva', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Schuiladres 9' }] } })).json();
    await mw.write('POST', `/v1/casussen/${created.id}/verklarende-analyse`, 1, { toelichting: 'Afhankelijkheid en schulden', problemen: ['afhankelijkheid', 'schulden'] });
    await mw.request('POST', `/v1/casussen/${created.id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Blijf Groep', oin: SHELTER_OIN, rol: 'opvang', grondslag: 'Wmo 2015', zijde: 'slachtoffer' } });
    const plain = (await shelter.get(`/v1/casussen/${created.id}/mijn-afspraken`)).json();
    expect(plain).toMatchObject({ leden: null, verklarendeAnalyse: null });

    const network = (await mw.get(`/v1/casussen/${created.id}/betrokkenen`)).json().betrokkenen;
    await mw.request('DELETE', `/v1/casussen/${created.id}/betrokkenen/${network[0].id}`);
    await mw.request('POST', `/v1/casussen/${created.id}/betrokkenen`, {
      body: { soort: 'organisatie', organisatie: 'Blijf Groep', oin: SHELTER_OIN, rol: 'opvang', grondslag: 'Wmo 2015', zijde: 'slachtoffer', inzage: ['leden', 'verklarende-analyse'] },
    });
    const granted = await shelter.get(`/v1/casussen/${created.id}/mijn-afspraken`);
    expect(granted.json()).toMatchObject({ leden: [{ naam: 'Eva', relatie: 'ouder' }], verklarendeAnalyse: { problemen: ['afhankelijkheid', 'schulden'] } });
    expect(granted.body).not.toContain('Schuiladres');
  });
});

