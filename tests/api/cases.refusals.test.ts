/**
 * Every refusal of the case API over HTTP: each says why with a stable code,
 * and none changes anything (the version and the event log stay as they were).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, householdWithBirthDates, plan, toplist, type Client } from '../helpers/client.js';

describe('case refusals', () => {
  let t: TestApp;
  let mw: Client;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    id = created.json().id;
  });

  async function expectUnchanged(version = 1) {
    const read = await mw.get(`/v1/casussen/${id}`);
    expect(read.json().versie).toBe(version);
    const timeline = (await mw.get(`/v1/casussen/${id}/tijdlijn`)).json();
    expect(timeline.gebeurtenissen).toHaveLength(version);
  }

  function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const body = response.json() as { code: string; title: string; detail?: string };
    expect(body.code).toBe(code);
    expect(body.title.length).toBeGreaterThan(5);
    return body as Record<string, unknown>;
  }

  describe('409: the machine refuses, naming its guard', () => {
    it.each([
      ['no safety plan', 'heeftVeiligheidsplan', 'casus.geen-veiligheidsplan'],
    ])('leaving directe-veiligheid with %s', async (_name, guard, code) => {
      const body = expectProblem(await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 1, { naar: 'oorzaken-onderzoeken' }), 409, code);
      expect(body.guard).toBe(guard);
      await expectUnchanged();
    });

    it('leaving directe-veiligheid with a score under the threshold', async () => {
      await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan());
      await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(5));
      const body = expectProblem(await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' }), 409, 'casus.veiligheid-onder-drempel');
      expect(body.guard).toBe('scoreOpDrempel');
      expect(body.detail).toContain('5');
      await expectUnchanged(3);
    });

    it('skipping a phase', async () => {
      const body = expectProblem(await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 1, { naar: 'nazorg' }), 409, 'casus.faseovergang-ongeldig');
      expect(body.detail).toContain('oorzaken-onderzoeken');
      await expectUnchanged();
    });

    it('blijvend-voorkomen without an explanatory analysis', async () => {
      await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan());
      await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(8));
      await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' });
      const body = expectProblem(await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 4, { naar: 'blijvend-voorkomen' }), 409, 'casus.geen-verklarende-analyse');
      expect(body.guard).toBe('heeftVerklarendeAnalyse');
      await expectUnchanged(4);
    });

    it('closing outside nazorg, and reopening a case that is not closed', async () => {
      expect(expectProblem(await mw.write('POST', `/v1/casussen/${id}/afsluiting`, 1, { reden: 'stabiel-veilig' }), 409, 'casus.afsluiten-alleen-vanuit-nazorg').guard).toBe('eindeBuitenNazorg');
      expectProblem(await mw.write('POST', `/v1/casussen/${id}/heropening`, 1, { reden: 'opnieuw' }), 409, 'casus.niet-afgesloten');
      await expectUnchanged();
    });

    it('handing over to the current regisseur', async () => {
      const body = expectProblem(
        await mw.write('PUT', `/v1/casussen/${id}/regisseur`, 1, { regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, reden: 'x' }),
        409,
        'casus.regisseur-ongewijzigd',
      );
      // The handover rule, judged on the proposal (issue 16 point 11).
      expect(body.guard).toBe('regiewisselAanAndere');
      await expectUnchanged();
    });
  });

  describe('412 and 428: optimistic concurrency', () => {
    it('refuses a write without If-Match (428) and with a stale one (412, with the current ETag)', async () => {
      expectProblem(await mw.request('POST', `/v1/casussen/${id}/veiligheidsscores`, { body: toplist(3) }), 428, 'casus.if-match-ontbreekt');
      await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(3));
      const stale = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(4));
      expectProblem(stale, 412, 'casus.versie-verouderd');
      expect(stale.headers.etag).toBe('"2"');
      await expectUnchanged(2);
    });

    it('refuses a malformed If-Match with 400', async () => {
      expectProblem(await mw.request('POST', `/v1/casussen/${id}/veiligheidsscores`, { body: toplist(3), ifMatch: 'W/"1"' }), 400, 'casus.if-match-ongeldig');
      expectProblem(await mw.request('POST', `/v1/casussen/${id}/veiligheidsscores`, { body: toplist(3), ifMatch: '*' }), 400, 'casus.if-match-ongeldig');
      await expectUnchanged();
    });
  });

  describe('400: every invalid field at once', () => {
    it('on creation', async () => {
      const response = await mw.request('POST', '/v1/casussen', {
        body: { gemeente: '', bron: 'buren', leden: [{ naam: '', relatie: 'neef', betrokkenheid: ['slachtoffer', 'slachtoffer'], geboortedatum: '12-05-1988' }] },
      });
      const body = expectProblem(response, 400, 'verzoek.ongeldig');
      const names = (body.invalidParams as { name: string }[]).map((p) => p.name).sort();
      expect(names).toEqual(['bron', 'gemeente', 'leden[0].betrokkenheid', 'leden[0].geboortedatum', 'leden[0].naam', 'leden[0].relatie']);
    });

    it('on a TOP3 score: 0-10 and exactly three non-empty actions', async () => {
      const response = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, { score: 11, acties: ['een', ''] });
      const names = (expectProblem(response, 400, 'verzoek.ongeldig').invalidParams as { name: string }[]).map((p) => p.name).sort();
      expect(names).toEqual(['acties', 'acties[1]', 'score']);
      await expectUnchanged();
    });

    it('on a case without members and on an unknown phase', async () => {
      expectProblem(await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [] } }), 400, 'verzoek.ongeldig');
      expectProblem(await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 1, { naar: 'afgesloten' }), 400, 'verzoek.ongeldig');
      expectProblem(await mw.write('POST', `/v1/casussen/${id}/verklarende-analyse`, 1, { toelichting: 'x', problemen: ['armoede'] }), 400, 'verzoek.ongeldig');
      await expectUnchanged();
    });

    it('on a malformed case id', async () => {
      expectProblem(await mw.get('/v1/casussen/niet-een-uuid'), 400, 'verzoek.ongeldig');
    });
  });

  describe('403: not allowed', () => {
    it('a role that may not use cases', async () => {
      for (const rol of ['ketenpartner', 'beleid', 'auditor'] as const) {
        const other = clientFor(t, { sub: `x-${rol}`, rol });
        expectProblem(await other.request('POST', '/v1/casussen', { body: household }), 403, 'auth.rol-niet-toegestaan');
        expectProblem(await other.get(`/v1/casussen/${id}`), 403, 'auth.rol-niet-toegestaan');
      }
      // The MDA++ coordinator reads escalated cases only; this one does not exist for them.
      const coordinator = clientFor(t, { sub: 'mda-1', rol: 'mda-coordinator', gemeenten: [] });
      expectProblem(await coordinator.request('POST', '/v1/casussen', { body: household }), 403, 'auth.rol-niet-toegestaan');
      expectProblem(await coordinator.get(`/v1/casussen/${id}`), 404, 'casus.niet-gevonden');
    });

    it('creating a case in a municipality one does not work for', async () => {
      expectProblem(await mw.request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Arnhem' } }), 403, 'casus.gemeente-niet-toegestaan');
    });

    it('a start date in the past, except for imports', async () => {
      expectProblem(await mw.request('POST', '/v1/casussen', { body: { ...household, startdatum: '2025-10-01' } }), 403, 'casus.startdatum-alleen-bij-import');
      const importer = clientFor(t, { sub: 'vt-systeem', rol: 'integratie', organisatie: 'Veilig Thuis', gemeenten: ['Nijmegen'] });
      expectProblem(await importer.request('POST', '/v1/casussen', { body: { ...household, startdatum: '2025-10-01' } }), 422, 'casus.regisseur-verplicht');
      const imported = await importer.request('POST', '/v1/casussen', {
        body: { ...household, startdatum: '2025-10-01', regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' } },
      });
      expect(imported.statusCode, imported.body).toBe(201);
      expect(imported.json().venster.start).toBe('2025-09-30T22:00:00.000Z');
      expect(imported.json().veiligheidsdeadline).toBe('2025-12-31T23:00:00.000Z');
    });

    it('a beheerder may hand over but not run the case', async () => {
      const admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
      expectProblem(await admin.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(5)), 403, 'auth.rol-niet-toegestaan');
      // The proposed regisseur is a colleague the service knows (issue 16 point 14).
      await clientFor(t, { sub: 'mw-009', organisatie: 'Wijkteam Oost' }).get('/v1/ik');
      const handed = await admin.write('PUT', `/v1/casussen/${id}/regisseur`, 1, { regisseur: { id: 'mw-009', organisatie: 'Wijkteam Oost' }, reden: 'Ziekte' });
      expect(handed.statusCode, handed.body).toBe(200);
      // Proposed, not imposed: the regisseur stays until mw-009 accepts.
      expect(handed.json()).toMatchObject({ regisseur: { id: 'mw-001' }, regiewissel: { voorgesteldAan: { id: 'mw-009' }, voorgesteldDoor: 'beheer-1' } });
    });

    it('a colleague in the network may work on the case but not hand it over', async () => {
      const colleague = clientFor(t, { sub: 'mw-002' });
      // Not involved: the case does not exist for them.
      expectProblem(await colleague.write('PUT', `/v1/casussen/${id}/regisseur`, 1, { regisseur: { id: 'mw-002', organisatie: 'X' }, reden: 'overname' }), 404, 'casus.niet-gevonden');
      const added = await mw.request('POST', `/v1/casussen/${id}/betrokkenen`, {
        body: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'jeugdprofessional', grondslag: 'Jeugdwet art. 7.1.1.1' },
      });
      expect(added.statusCode, added.body).toBe(201);
      expectProblem(await colleague.write('PUT', `/v1/casussen/${id}/regisseur`, 1, { regisseur: { id: 'mw-002', organisatie: 'X' }, reden: 'overname' }), 403, 'casus.alleen-regisseur');
      await expectUnchanged();
    });
  });

  describe('404: unknown, or unknowable', () => {
    it('an unknown case', async () => {
      expectProblem(await mw.get('/v1/casussen/00000000-0000-4000-8000-000000000000'), 404, 'casus.niet-gevonden');
      expectProblem(await mw.write('POST', '/v1/casussen/00000000-0000-4000-8000-000000000000/veiligheidsscores', 1, toplist(5)), 404, 'casus.niet-gevonden');
    });

    it('a case in another municipality looks the same as an unknown one', async () => {
      const arnhem = clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'] });
      expectProblem(await arnhem.get(`/v1/casussen/${id}`), 404, 'casus.niet-gevonden');
      expectProblem(await arnhem.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(5)), 404, 'casus.niet-gevonden');
      expectProblem(await arnhem.get(`/v1/casussen/${id}/tijdlijn`), 404, 'casus.niet-gevonden');
      await expectUnchanged();
    });

    it('an unknown member, agreement or plan version', async () => {
      expectProblem(await mw.request('PATCH', `/v1/casussen/${id}/leden/00000000-0000-4000-8000-000000000000`, { body: { naam: 'X' }, ifMatch: 1 }), 404, 'casus.lid-niet-gevonden');
      expectProblem(await mw.request('PATCH', `/v1/casussen/${id}/veiligheidsplan/afspraken/00000000-0000-4000-8000-000000000000`, { body: { status: 'gedaan' }, ifMatch: 1 }), 404, 'casus.afspraak-niet-gevonden');
      expectProblem(await mw.get(`/v1/casussen/${id}/veiligheidsplan`), 404, 'casus.geen-veiligheidsplan');
      expectProblem(await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies/3`), 404, 'casus.planversie-niet-gevonden');
      await expectUnchanged();
    });
  });

  describe('422: understood, but not possible', () => {
    it('a start date or birth date in the future, an incident in the future', async () => {
      expectProblem(await mw.request('POST', '/v1/casussen', { body: { ...household, startdatum: '2027-01-01' } }), 422, 'casus.startdatum-in-toekomst');
      expectProblem(
        await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [{ ...household.leden[0], geboortedatum: '2030-01-01' }] } }),
        422,
        'casus.geboortedatum-in-toekomst',
      );
      expectProblem(
        await mw.write('POST', `/v1/casussen/${id}/incidenten`, 1, { tijdstip: '2030-01-01T10:00:00+01:00', soort: 'fysiek', omschrijving: 'x' }),
        422,
        'casus.incidentdatum-in-toekomst',
      );
      await expectUnchanged();
    });

    it('an agreement owned by someone outside the household, or continuing an unknown agreement', async () => {
      const body = expectProblem(
        await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan([{ eigenaar: { soort: 'lid', lidId: '00000000-0000-4000-8000-000000000000' } }])),
        422,
        'casus.eigenaar-onbekend',
      );
      expect(body.guard).toBe('eigenarenZijnLeden');
      expectProblem(await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan([{ id: '00000000-0000-4000-8000-000000000000' }])), 422, 'casus.afspraak-onbekend');
      await expectUnchanged();
    });
  });
});

describe('1 gezin, 1 plan', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('refuses a second open case for a recognisable household in the same municipality, also when requested at once', async () => {
    const mw = clientFor(t);
    const colleague = clientFor(t, { sub: 'mw-002' });
    const responses = await Promise.all([mw, colleague, mw, colleague].map((c) => c.request('POST', '/v1/casussen', { body: householdWithBirthDates })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const refused = responses.find((r) => r.statusCode === 409);
    expect(refused?.json().code).toBe('casus.huishouden-heeft-al-casus');
    // Another municipality is another household record.
    expect((await clientFor(t, { gemeenten: ['Wijchen'] }).request('POST', '/v1/casussen', { body: { ...householdWithBirthDates, gemeente: 'Wijchen' } })).statusCode).toBe(201);
  });
});

describe('security finding 11: invisible characters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  const sanne = (naam: string) => ({ gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [{ naam, geboortedatum: '1990-04-04', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] });

  it('a name with zero-width or look-alike characters is the same person: no second case', async () => {
    const mw = clientFor(t);
    const first = await mw.request('POST', '/v1/casussen', { body: sanne('Sanne Jansen') });
    expect(first.statusCode, first.body).toBe(201);
    for (const variant of ['Sanne\u200b Jansen', 'San\u200cne Jan\u200dsen', '\ufeffSanne Jansen', 'Sanne\u2060 Jansen\u00ad', 'Ｓａｎｎｅ Ｊａｎｓｅｎ', 'Sanne\u200e Jansen']) {
      const second = await mw.request('POST', '/v1/casussen', { body: sanne(variant) });
      expect(second.statusCode, `${JSON.stringify(variant)}: ${second.body}`).toBe(409);
      expect(second.json().code).toBe('casus.huishouden-heeft-al-casus');
    }
    // Stored as normalised: what is shown is what matches.
    expect(first.json().leden[0].naam).toBe('Sanne Jansen');
    const stored = await mw.request('POST', '/v1/casussen', { body: sanne('Ｐｉｅｔ\u200b Post') });
    expect(stored.json().leden[0].naam).toBe('Piet Post');
  });

  it('refuses right-to-left overrides and isolates with 400, and a name of invisible characters only', async () => {
    const mw = clientFor(t);
    for (const naam of ['Sanne \u202eJansen', 'Sanne \u2066Jansen\u2069', '\u202dAnna', '\u200b\u200b']) {
      const refused = await mw.request('POST', '/v1/casussen', { body: sanne(naam) });
      expect(refused.statusCode, JSON.stringify(naam)).toBe(400);
      expect(refused.json().code).toBe('verzoek.ongeldig');
    }
  });
});
