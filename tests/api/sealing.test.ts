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

describe('security finding 1: who may seal, unseal and change sealed details', () => {
  let t: TestApp;
  let regisseur: Client;
  const ADDRESS = 'Nieuwe Schuilplek 12';
  const problem = (response: { statusCode: number; json(): { code: string } }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
  };

  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t);
  });
  afterAll(async () => t.close());

  /** A fresh case: Anna sealed (granted to mw-003), Bram not; mw-002 neutral, mw-003 victim side, mw-004 and mw-005 perpetrator side. */
  async function sealedCase() {
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { naam: 'Anna', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: ADDRESS, contact: '06-55554444', afgeschermd: true, inzageAfgeschermd: ['mw-003', 'mw-004'] },
          { naam: 'Bram', relatie: 'ex-partner', betrokkenheid: ['pleger'], adres: 'Open laan 2' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const [anna, bram] = created.json().leden.map((l: { id: string }) => l.id) as [string, string];
    for (const [sub, zijde] of [['mw-002', 'neutraal'], ['mw-003', 'slachtoffer'], ['mw-004', 'pleger'], ['mw-005', 'pleger']]) {
      await regisseur.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'professional', id: sub, organisatie: 'Hulpverlening', rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde } });
    }
    const version = async () => (await regisseur.get(`/v1/casussen/${id}`)).json().versie as number;
    const patch = async (sub: string, lidId: string, body: unknown) => clientFor(t, { sub }).write('PATCH', `/v1/casussen/${id}/leden/${lidId}`, await version(), body);
    return { id, anna, bram, version, patch };
  }

  it('refuses every change to a sealed member from the perpetrator side, whatever the field, and changes nothing', async () => {
    const c = await sealedCase();
    const before = await c.version();
    for (const sub of ['mw-004', 'mw-005']) {
      for (const body of [{ afgeschermd: false }, { adres: 'Elders 1' }, { adres: ADDRESS }, { adres: null }, { contact: null }, { naam: 'Anna B.' }, { geboortedatum: '1990-01-01' }, { inzageAfgeschermd: [] }, { afgeschermd: true }]) {
        const answer = await c.patch(sub, c.anna, body);
        problem(answer, 403, 'casus.afscherming-plegerzijde');
        expect(answer.body).not.toContain(ADDRESS);
      }
    }
    expect(await c.version()).toBe(before);
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().leden[0]).toMatchObject({ naam: 'Anna', adres: ADDRESS, afgeschermd: true });
  });

  it('the perpetrator side cannot seal or grant either, nor add a sealed member', async () => {
    const c = await sealedCase();
    problem(await c.patch('mw-004', c.bram, { afgeschermd: true }), 403, 'casus.afscherming-plegerzijde');
    problem(await c.patch('mw-004', c.bram, { inzageAfgeschermd: ['mw-005'] }), 403, 'casus.afscherming-plegerzijde');
    const added = await clientFor(t, { sub: 'mw-005' }).write('POST', `/v1/casussen/${c.id}/leden`, await c.version(), { naam: 'Cas', relatie: 'kind', betrokkenheid: ['getuige'], adres: 'X', afgeschermd: true });
    problem(added, 403, 'casus.afscherming-plegerzijde');
    // An unsealed member's ordinary details stay theirs to correct.
    expect((await c.patch('mw-004', c.bram, { adres: 'Open laan 4' })).statusCode).toBe(200);
  });

  it('only the regisseur unseals, grants, or changes a sealed address or contact', async () => {
    const c = await sealedCase();
    for (const sub of ['mw-002', 'mw-003']) {
      for (const body of [{ afgeschermd: false }, { adres: 'Elders 1' }, { adres: null }, { contact: '06-1' }, { contact: null }, { inzageAfgeschermd: ['mw-002'] }, { inzageAfgeschermd: [] }]) {
        problem(await c.patch(sub, c.anna, body), 403, 'casus.afscherming-alleen-regisseur');
      }
    }
    problem(await c.patch('mw-002', c.bram, { inzageAfgeschermd: ['mw-002'] }), 403, 'casus.afscherming-alleen-regisseur');
    // Details sealing does not hide stay correctable by those involved.
    const renamed = await c.patch('mw-002', c.anna, { naam: 'Anna de Boer' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.body).not.toContain(ADDRESS);
    // The regisseur may do all of it.
    expect((await c.patch('mw-001', c.anna, { adres: 'Nog Nieuwer 3', inzageAfgeschermd: ['mw-003'] })).statusCode).toBe(200);
    expect((await c.patch('mw-001', c.anna, { afgeschermd: false })).statusCode).toBe(200);
  });

  it('anyone involved who is not on the perpetrator side may seal, and then sees no more than the rule allows', async () => {
    const c = await sealedCase();
    const sealed = await c.patch('mw-002', c.bram, { afgeschermd: true });
    expect(sealed.statusCode, sealed.body).toBe(200);
    expect(sealed.json().leden[1]).toMatchObject({ afgeschermd: true, adres: null, contact: null });
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().leden[1]).toMatchObject({ afgeschermd: true, adres: 'Open laan 2' });
    // Sealing together with a new address is a seal, not a change of a sealed address.
    const other = await sealedCase();
    expect((await other.patch('mw-003', other.bram, { afgeschermd: true, adres: 'Veilig 1' })).statusCode).toBe(200);
  });

  it('a regisseur who is also on the perpetrator side is refused like anyone there', async () => {
    const c = await sealedCase();
    const added = await regisseur.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'professional', id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'wijkteam', grondslag: 'Wmo 2015', zijde: 'pleger' } });
    expect(added.statusCode, added.body).toBe(201);
    problem(await c.patch('mw-001', c.anna, { afgeschermd: false }), 403, 'casus.afscherming-plegerzijde');
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().leden[0]).toMatchObject({ adres: null, afgeschermd: true });
  });

  it('the timeline and the inzage tell others only that sealed details changed, also after an unsealing', async () => {
    const c = await sealedCase();
    expect((await c.patch('mw-001', c.anna, { adres: 'Tweede Schuilplek 8', naam: 'Anna V.' })).statusCode).toBe(200);
    expect((await c.patch('mw-001', c.anna, { contact: '06-12121212' })).statusCode).toBe(200);
    expect((await c.patch('mw-001', c.anna, { afgeschermd: false, adres: 'Gewoon adres 1' })).statusCode).toBe(200);
    for (const sub of ['mw-002', 'mw-004']) {
      const timeline = await clientFor(t, { sub }).get(`/v1/casussen/${c.id}/tijdlijn`);
      for (const secret of [ADDRESS, 'Tweede Schuilplek 8', '06-12121212', '06-55554444']) expect(timeline.body).not.toContain(secret);
      const descriptions = timeline.json().gebeurtenissen.map((e: { omschrijving: string }) => e.omschrijving);
      expect(descriptions).toContain('Gegevens van een lid gecorrigeerd: naam; afgeschermde gegevens gewijzigd.');
      expect(descriptions).toContain('Afgeschermde gegevens van een lid gewijzigd.');
      const inzage = await clientFor(t, { sub }).get(`/v1/casussen/${c.id}/leden/${c.anna}/inzage`);
      expect(inzage.json().tijdlijn.map((e: { omschrijving: string }) => e.omschrijving)).toContain('Afgeschermde gegevens van een lid gewijzigd.');
    }
    const own = await regisseur.get(`/v1/casussen/${c.id}/tijdlijn`);
    expect(own.body).toContain('Tweede Schuilplek 8');
    expect(own.json().gebeurtenissen.map((e: { omschrijving: string }) => e.omschrijving)).toContain('Gegevens van een lid gecorrigeerd: naam, adres.');
  });

  it('a grant names a case manager: the same sub in another role sees nothing sealed', async () => {
    const c = await sealedCase();
    const beheerder = await clientFor(t, { sub: 'mw-003', rol: 'beheerder' }).get(`/v1/casussen/${c.id}`);
    expect(beheerder.statusCode).toBe(200);
    expect(beheerder.body).not.toContain(ADDRESS);
  });
});
