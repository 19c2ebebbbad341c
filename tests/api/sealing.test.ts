/**
 * Sealed details (afscherming): a victim's new address is shown only to the
 * regisseur and to professionals explicitly granted, never to anyone on the
 * perpetrator's side, and not in the timeline of those who may not see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';

describe('sealed address and contact details', () => {
  let t: TestApp;
  let regisseur: Client;
  let caseId: string;
  const SECRET_ADDRESS = 'Geheimstraat 1, Nijmegen';

  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t);
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { naam: 'Anna', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: SECRET_ADDRESS, contact: '06-12345678', afgeschermd: true, inzageAfgeschermd: ['mw-003', 'mw-004'] },
          { naam: 'Bram', relatie: 'ex-partner', betrokkenheid: ['pleger'], adres: 'Open laan 2' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    const add = (id: string, zijde: string) =>
      regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id, organisatie: 'Hulpverlening', rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde } });
    expect((await add('mw-002', 'neutraal')).statusCode).toBe(201);
    expect((await add('mw-003', 'slachtoffer')).statusCode).toBe(201);
    expect((await add('mw-004', 'pleger')).statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  const anna = async (sub: string) => {
    const view = (await clientFor(t, { sub }).get(`/v1/casussen/${caseId}`)).json();
    return view.leden.find((l: { naam: string }) => l.naam === 'Anna');
  };

  it('the regisseur and a granted professional see it', async () => {
    expect(await anna('mw-001')).toMatchObject({ adres: SECRET_ADDRESS, contact: '06-12345678', afgeschermd: true });
    expect(await anna('mw-003')).toMatchObject({ adres: SECRET_ADDRESS, afgeschermd: true });
  });

  it('others in the network see that it is sealed, not what it says; unsealed details stay visible', async () => {
    expect(await anna('mw-002')).toMatchObject({ adres: null, contact: null, afgeschermd: true });
    const view = (await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${caseId}`)).json();
    expect(view.leden.find((l: { naam: string }) => l.naam === 'Bram').adres).toBe('Open laan 2');
  });

  it('never those on the perpetrator side, even when granted', async () => {
    expect(await anna('mw-004')).toMatchObject({ adres: null, contact: null, afgeschermd: true });
  });

  it('the timeline hides it the same way', async () => {
    const forColleague = (await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${caseId}/tijdlijn`)).body;
    expect(forColleague).not.toContain(SECRET_ADDRESS);
    expect(forColleague).not.toContain('06-12345678');
    expect((await regisseur.get(`/v1/casussen/${caseId}/tijdlijn`)).body).toContain(SECRET_ADDRESS);
  });
});
