/**
 * Sealed details (afscherming): a victim's new address is shown only to the
 * regisseur and to professionals explicitly granted, never to anyone on the
 * perpetrator's side, and not in the timeline of those who may not see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, releasedInzage, type Client } from '../helpers/client.js';

/** An organisation on the perpetrator's side whose OIN the regisseur's token carries. */
const PERPETRATOR_SIDE_OIN = '00000001234567899999';

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

  it('a regisseur who is also on the perpetrator side (through their organisation) is refused like anyone there', async () => {
    const c = await sealedCase();
    // The regisseur personally on that side is refused outright (betrokkene.regisseur-plegerzijde); their organisation can be there.
    const added = await regisseur.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Daderhulp', oin: PERPETRATOR_SIDE_OIN, rol: 'daderhulp', grondslag: 'Wmo 2015', zijde: 'pleger' } });
    expect(added.statusCode, added.body).toBe(201);
    const viaOrganisation = clientFor(t, { oin: PERPETRATOR_SIDE_OIN });
    problem(await viaOrganisation.write('PATCH', `/v1/casussen/${c.id}/leden/${c.anna}`, await c.version(), { afgeschermd: false }), 403, 'casus.afscherming-plegerzijde');
    expect((await viaOrganisation.get(`/v1/casussen/${c.id}`)).json().leden[0]).toMatchObject({ adres: null, afgeschermd: true });
  });

  it('the timeline and the inzage tell others only that sealed details changed, also after an unsealing', async () => {
    const c = await sealedCase();
    expect((await c.patch('mw-001', c.anna, { adres: 'Tweede Schuilplek 8', geslachtsnaam: 'V.' })).statusCode).toBe(200);
    expect((await c.patch('mw-001', c.anna, { contact: '06-12121212' })).statusCode).toBe(200);
    expect((await c.patch('mw-001', c.anna, { afgeschermd: false, adres: 'Gewoon adres 1' })).statusCode).toBe(200);
    for (const sub of ['mw-002', 'mw-004']) {
      const timeline = await clientFor(t, { sub }).get(`/v1/casussen/${c.id}/tijdlijn`);
      for (const secret of [ADDRESS, 'Tweede Schuilplek 8', '06-12121212', '06-55554444']) expect(timeline.body).not.toContain(secret);
      const descriptions = timeline.json().gebeurtenissen.map((e: { omschrijving: string }) => e.omschrijving);
      expect(descriptions).toContain('Gegevens van een lid gecorrigeerd: geslachtsnaam; afgeschermde gegevens gewijzigd.');
      expect(descriptions).toContain('Afgeschermde gegevens van een lid gewijzigd.');
    }
    // Another member's own inzage (issue 17 point 10: built for that member, released by the regisseur) is told the same.
    const bramsInzage = await releasedInzage(regisseur, c.id, c.bram);
    expect(bramsInzage.statusCode, bramsInzage.body).toBe(200);
    expect(bramsInzage.json().tijdlijn.map((e: { omschrijving: string }) => e.omschrijving)).toContain('Afgeschermde gegevens van een lid gewijzigd.');
    for (const secret of [ADDRESS, 'Tweede Schuilplek 8', '06-12121212', '06-55554444']) expect(bramsInzage.body).not.toContain(secret);
    const own = await regisseur.get(`/v1/casussen/${c.id}/tijdlijn`);
    expect(own.body).toContain('Tweede Schuilplek 8');
    expect(own.json().gebeurtenissen.map((e: { omschrijving: string }) => e.omschrijving)).toContain('Gegevens van een lid gecorrigeerd: adres, geslachtsnaam.');
  });

  it('a grant names a case manager: the same sub in another role sees nothing sealed', async () => {
    const c = await sealedCase();
    const beheerder = await clientFor(t, { sub: 'mw-003', rol: 'beheerder' }).get(`/v1/casussen/${c.id}`);
    expect(beheerder.statusCode).toBe(200);
    expect(beheerder.body).not.toContain(ADDRESS);
  });
});

describe('security findings 1 and 12, after the attacker review: no oracle, no way back, no side door', () => {
  let t: TestApp;
  let regisseur: Client;
  const ADDRESS = 'Schuiladres 3';
  const SHELTER = '00000009876543210002';
  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t);
  });
  afterAll(async () => t.close());

  async function caseWithSides() {
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: { gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [{ naam: 'Anna', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: ADDRESS, afgeschermd: true, inzageAfgeschermd: ['mw-004'] }] },
    });
    const id = created.json().id as string;
    const add = async (body: object) => {
      const added = await regisseur.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { rol: 'hulpverlener', grondslag: 'Wmo 2015', ...body } });
      expect(added.statusCode, added.body).toBe(201);
      return added.json().id as string;
    };
    const entries = {
      perpetrator: await add({ soort: 'professional', id: 'mw-004', organisatie: 'Hulpverlening', zijde: 'pleger' }),
      victim: await add({ soort: 'professional', id: 'ja', organisatie: 'Blijf Groep', zijde: 'slachtoffer' }),
      shelter: await add({ soort: 'organisatie', organisatie: 'Vrouwenopvang De Veilige Haven', oin: SHELTER, zijde: 'slachtoffer' }),
      reclassering: await add({ soort: 'organisatie', organisatie: 'Reclassering', oin: '00000001234567890001', zijde: 'pleger', inzage: ['leden', 'verklarende-analyse'] }),
    };
    const version = async () => (await regisseur.get(`/v1/casussen/${id}`)).json().versie as number;
    return { id, entries, version };
  }

  it('what the perpetrator side writes comes back as written: no guess about the victim side is confirmed', async () => {
    const c = await caseWithSides();
    const perpetrator = clientFor(t, { sub: 'mw-004', organisatie: 'Hulpverlening' });
    const guesses = 'Gok: Kadera | Vrouwenopvang De Veilige Haven | Blijf Groep | 00000009876543210002 | ja';
    const incident = await perpetrator.write('POST', `/v1/casussen/${c.id}/incidenten`, await c.version(), { tijdstip: '2026-01-14T10:00:00Z', soort: 'psychisch', omschrijving: guesses });
    expect(incident.statusCode, incident.body).toBe(201);
    expect(incident.json().incidenten[0].omschrijving).toBe(guesses);
    // Owners it names read the same whether or not they are on the victim's side.
    const plan = await perpetrator.write('PUT', `/v1/casussen/${c.id}/veiligheidsplan`, await c.version(), {
      afspraken: [
        { omschrijving: 'a', eigenaar: { soort: 'organisatie', naam: 'Vrouwenopvang De Veilige Haven', oin: SHELTER }, deadline: '2026-03-01' },
        { omschrijving: 'b', eigenaar: { soort: 'organisatie', naam: 'Kadera', oin: '00000001111111110009' }, deadline: '2026-03-01' },
        { omschrijving: 'c', eigenaar: { soort: 'professional', id: 'ja', organisatie: 'Blijf Groep' }, deadline: '2026-03-01' },
        { omschrijving: 'd', eigenaar: { soort: 'professional', id: 'mw-777', organisatie: 'Ergens' }, deadline: '2026-03-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const owners = plan.json().afspraken.map((a: { eigenaar: object }) => a.eigenaar);
    expect(owners).toEqual([
      { soort: 'organisatie', naam: 'afgeschermd', oin: 'afgeschermd' },
      { soort: 'organisatie', naam: 'afgeschermd', oin: 'afgeschermd' },
      { soort: 'professional', id: 'afgeschermd', organisatie: 'afgeschermd' },
      { soort: 'professional', id: 'afgeschermd', organisatie: 'afgeschermd' },
    ]);
    expect(plan.json().akkoordHuishouden.akkoord).toBe('ja');
    // The regisseur sees them as they are.
    expect((await regisseur.get(`/v1/casussen/${c.id}/veiligheidsplan`)).json().afspraken[0].eigenaar.naam).toBe('Vrouwenopvang De Veilige Haven');
  });

  it('once on the perpetrator side, always: removal, break-the-glass and a handover open nothing', async () => {
    const c = await caseWithSides();
    await regisseur.request('DELETE', `/v1/casussen/${c.id}/betrokkenen/${c.entries.perpetrator}`);
    const perpetrator = clientFor(t, { sub: 'mw-004', organisatie: 'Hulpverlening' });
    expect((await perpetrator.request('POST', `/v1/casussen/${c.id}/noodtoegang`, { body: { reden: 'Dringend contact nodig met moeder' } })).statusCode).toBe(201);
    const view = await perpetrator.get(`/v1/casussen/${c.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain(ADDRESS);
    for (const path of ['/tijdlijn', '/betrokkenen', '/veiligheidsscores']) {
      const body = (await perpetrator.get(`/v1/casussen/${c.id}${path}`)).body;
      for (const secret of [ADDRESS, 'Blijf Groep', 'Vrouwenopvang De Veilige Haven', SHELTER]) expect(body, `${path} ${secret}`).not.toContain(secret);
    }
    // Nor can the case be handed to them: they would direct the victim's side too.
    const handed = await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, await c.version(), { regisseur: { id: 'mw-004', organisatie: 'Hulpverlening' }, reden: 'verlof' });
    expect(handed.statusCode, handed.body).toBe(422);
    expect(handed.json().code).toBe('casus.regisseur-plegerzijde');
    expect((await perpetrator.get(`/v1/casussen/${c.id}`)).body).not.toContain(ADDRESS);
  });

  it('handover hole (attacker review): nobody hands the case to a professional on the perpetrator side, now or before', async () => {
    const c = await caseWithSides();
    const beheerder = clientFor(t, { sub: 'beheer-001', rol: 'beheerder' });
    const to = (id: string) => ({ regisseur: { id, organisatie: 'Hulpverlening' }, reden: 'werkverdeling' });
    // Active on the perpetrator side: the regisseur and the beheerder are refused alike, and nothing changes.
    const before = await c.version();
    for (const caller of [regisseur, beheerder]) {
      const refused = await caller.write('PUT', `/v1/casussen/${c.id}/regisseur`, before, to('mw-004'));
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'casus.regisseur-plegerzijde', status: 422 });
    }
    expect(await c.version()).toBe(before);
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().regisseur.id).toBe('mw-001');
    // Removed from the network: still refused (once on that side, always).
    await regisseur.request('DELETE', `/v1/casussen/${c.id}/betrokkenen/${c.entries.perpetrator}`);
    const afterRemoval = await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, await c.version(), to('mw-004'));
    expect(afterRemoval.statusCode, afterRemoval.body).toBe(422);
    expect(afterRemoval.json().code).toBe('casus.regisseur-plegerzijde');
    // Written another way by another identity provider: still the same person for this rule (attacker review).
    for (const variant of ['MW-004', 'Mw-004']) {
      const refused = await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, await c.version(), to(variant));
      expect(refused.statusCode, variant).toBe(422);
      expect(refused.json().code).toBe('casus.regisseur-plegerzijde');
    }
    const selfVariant = await beheerder.write('PUT', `/v1/casussen/${c.id}/regisseur`, await c.version(), to('BEHEER-001'));
    expect(selfVariant.statusCode, selfVariant.body).toBe(422);
    expect(selfVariant.json().code).toBe('casus.regisseur-zelf');
    // Nor is the state reached the other way round: the regisseur put on the perpetrator side of the network.
    for (const id of ['mw-001', 'MW-001']) {
      const added = await regisseur.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'professional', id, organisatie: 'Wijkteam', rol: 'x', grondslag: 'Wmo 2015', zijde: 'pleger' } });
      expect(added.statusCode, added.body).toBe(422);
      expect(added.json().code).toBe('betrokkene.regisseur-plegerzijde');
    }
    // A professional on the victim's side or a colleague outside the network can take it: proposed, then accepted (issue 16 point 11).
    const colleague = clientFor(t, { sub: 'mw-005', organisatie: 'Hulpverlening' });
    await colleague.get('/v1/ik');
    const ok = await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, await c.version(), to('mw-005'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().regiewissel.voorgesteldAan.id).toBe('mw-005');
    expect(ok.body).not.toContain('naarPlegerzijde');
    const accepted = await colleague.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, await c.version());
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().regisseur.id).toBe('mw-005');
  });

  it('a regisseur on the perpetrator side manages no network and hands nothing over', async () => {
    const c = await caseWithSides();
    // The regisseur's organisation on that side (the regisseur personally there is refused: betrokkene.regisseur-plegerzijde).
    const entry = await regisseur.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Daderhulp', oin: PERPETRATOR_SIDE_OIN, rol: 'x', grondslag: 'x', zijde: 'pleger' } });
    expect(entry.statusCode, entry.body).toBe(201);
    const onThatSide = clientFor(t, { oin: PERPETRATOR_SIDE_OIN });
    const network = (await onThatSide.get(`/v1/casussen/${c.id}/betrokkenen`)).json().betrokkenen as { id: string; professional: string | null }[];
    expect(network.some((e) => e.professional === 'ja')).toBe(false);
    const refusals = [
      await onThatSide.request('DELETE', `/v1/casussen/${c.id}/betrokkenen/${entry.json().id as string}`),
      await onThatSide.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Gok', oin: SHELTER, rol: 'x', grondslag: 'x' } }),
      await onThatSide.write('PUT', `/v1/casussen/${c.id}/regisseur`, await c.version(), { regisseur: { id: 'mw-009', organisatie: 'Vriend' }, reden: 'x' }),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().code).toBe('casus.plegerzijde-geen-regie');
    }
    expect((await onThatSide.get(`/v1/casussen/${c.id}`)).body).not.toContain(ADDRESS);
  });

  it('a grant is not read through break-the-glass', async () => {
    const c = await caseWithSides();
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: { gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [{ naam: 'Eva', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Elders 5', afgeschermd: true, inzageAfgeschermd: ['mw-050'] }] },
    });
    expect(c.id).not.toBe(created.json().id);
    const outsider = clientFor(t, { sub: 'mw-050' });
    expect((await outsider.request('POST', `/v1/casussen/${created.json().id}/noodtoegang`, { body: { reden: 'Acute melding, regisseur onbereikbaar' } })).statusCode).toBe(201);
    expect((await outsider.get(`/v1/casussen/${created.json().id}`)).body).not.toContain('Elders 5');
  });
});
