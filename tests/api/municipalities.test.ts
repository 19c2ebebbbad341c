/**
 * The region's one list of municipalities (GEMEENTEN): every municipality
 * named in input is one of them, or the request is refused and changes
 * nothing; reports name no other; the CSV quotes every field; the ZGW
 * export's bronorganisatie is the municipality's RSIN.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, municipalitiesSettingFor, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';

/** The name from the security review, and others that are no municipality of the region. */
const EVIL = "Evil;=cmd|' /C calc'!A0;";
const UNKNOWN = [EVIL, 'Amsterdam', 'nijmegen', 'NIJMEGEN', 'Nijmegen;', '=1+1', '+31', '-1', '@SUM(A1)', 'Nijmegen\tx', 'Nij"megen', 'Berg-en-Dal'];
/** A configured name that needs quoting in CSV. */
const NUENEN = 'Nuenen, Gerwen en Nederwetten';

describe('security finding 10: CSV and unknown municipalities', () => {
  let t: TestApp;
  let mw: Client;
  let vt: Client;
  let admin: Client;
  let coordinator: Client;
  let policy: Client;

  const cases = async () => (await t.database.handle.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]?.n;
  const refused = (response: { statusCode: number; body: string; json: () => { code: string; detail?: string; invalidParams?: unknown } }, status: number, code: string) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().code, response.body).toBe(code);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { GEMEENTEN: municipalitiesSettingFor([NUENEN]) } });
    mw = clientFor(t);
    vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', gemeenten: ['Nijmegen'] });
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] });
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio', gemeenten: [] });
  });
  afterAll(async () => t.close());

  it('refuses a case in a municipality outside the region with 422 gemeente.onbekend, and creates nothing', async () => {
    for (const gemeente of UNKNOWN) {
      const problem = refused(await mw.request('POST', '/v1/casussen', { body: { ...household, gemeente } }), 422, 'gemeente.onbekend');
      expect(problem.invalidParams, gemeente).toEqual([{ name: 'gemeente', code: 'invalid_value', reason: 'geen gemeente van de regio' }]);
      // It says what to do: the region's municipalities, spelled as they must be.
      expect(problem.detail).toContain('Nijmegen, Wijchen, Berg en Dal, Heumen, Druten, Arnhem, Nuenen, Gerwen en Nederwetten');
      // The problem never repeats the name it was given.
      if (gemeente.length > 3) expect(JSON.stringify(problem)).not.toContain(JSON.stringify(gemeente).slice(1, -1));
    }
    // Also for a caller whose token names no municipality at all, and for an importer.
    refused(await clientFor(t, { gemeenten: [] }).request('POST', '/v1/casussen', { body: { ...household, gemeente: EVIL } }), 422, 'gemeente.onbekend');
    expect(await cases()).toBe(0);
    // A municipality of the region that is not the caller's stays a 403.
    refused(await mw.request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Wijchen' } }), 403, 'casus.gemeente-niet-toegestaan');
    expect((await mw.request('POST', '/v1/casussen', { body: household })).statusCode).toBe(201);
  });

  it('refuses a token naming a municipality outside the region, on every route', async () => {
    const evilCaseManager = clientFor(t, { gemeenten: ['Nijmegen', EVIL] });
    const before = await cases();
    refused(await evilCaseManager.request('POST', '/v1/casussen', { body: { ...household, gemeente: EVIL } }), 403, 'auth.gemeente-onbekend');
    refused(await evilCaseManager.get('/v1/ik'), 403, 'auth.gemeente-onbekend');
    const evilAdmin = clientFor(t, { sub: 'beheer-x', rol: 'beheerder', gemeenten: ['Amsterdam'] });
    refused(await evilAdmin.request('POST', '/v1/beleid', { body: { drempel: 1, vensterMaanden: 1, stabiliteitMaanden: 0, herinneringDagenVoorDeadline: 0 } }), 403, 'auth.gemeente-onbekend');
    refused(await evilAdmin.get(`/v1/rapportages/fasen?gemeente=Amsterdam`), 403, 'auth.gemeente-onbekend');
    expect(await cases()).toBe(before);
    expect((await t.database.handle.pool.query('SELECT count(*)::int AS n FROM policy_versions WHERE safety_threshold = 1')).rows[0].n).toBe(0);
  });

  it('refuses an inbound message for a municipality outside the region, with a receipt saying why', async () => {
    const before = await cases();
    const handover = {
      type: 'overdracht',
      gemeente: EVIL,
      bron: 'veilig-thuis',
      leden: [{ naam: 'Eva Smit', geboortedatum: '1990-03-04', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
      veiligheidsinschatting: { score: 3, toelichting: 'Acuut onveilig' },
      regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' },
    };
    const incident = { type: 'incident', gemeente: 'Amsterdam', personen: [{ bsn: '111222333' }], tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'Melding' };
    for (const message of [handover, incident]) {
      const response = await vt.request('POST', '/v1/berichten', { body: message, headers: { 'idempotency-key': randomUUID() } });
      refused(response, 422, 'gemeente.onbekend');
      const receipt = (await vt.get(String(response.headers.location))).json();
      expect(receipt).toMatchObject({ status: 'afgewezen', casusId: null, redenen: [{ name: 'gemeente', code: 'invalid_value', reason: 'geen gemeente van de regio' }] });
    }
    expect(await cases()).toBe(before);
  });

  it('refuses an unknown municipality in the filters of lists and reports', async () => {
    for (const gemeente of [EVIL, 'Amsterdam', 'nijmegen']) {
      const query = `gemeente=${encodeURIComponent(gemeente)}`;
      refused(await admin.get(`/v1/casussen?${query}`), 422, 'gemeente.onbekend');
      refused(await coordinator.get(`/v1/opschalingen?${query}`), 422, 'gemeente.onbekend');
      for (const path of ['', '/fasen', '/afspraken-te-laat', '/tijd-tot-drempel', '/opschalingen', '/herhaling']) {
        refused(await policy.get(`/v1/rapportages${path}?${query}`), 422, 'gemeente.onbekend');
        refused(await policy.request('GET', `/v1/rapportages${path}?${query}`, { headers: { accept: 'text/csv' } }), 422, 'gemeente.onbekend');
      }
      // A beheerder hears the name is unknown, not that it is someone else's.
      refused(await admin.get(`/v1/rapportages/fasen?${query}`), 422, 'gemeente.onbekend');
    }
  });

  it('refuses a subscription naming a municipality outside the region, saying which', async () => {
    const body = { organisatie: 'GGZ', url: 'http://127.0.0.1:9/h', gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen', EVIL, 'Amsterdam'] };
    const problem = refused(await admin.request('POST', '/v1/abonnementen', { body }), 422, 'gemeente.onbekend');
    expect(problem.invalidParams).toEqual([
      { name: 'gemeenten[1]', code: 'invalid_value', reason: 'geen gemeente van de regio' },
      { name: 'gemeenten[2]', code: 'invalid_value', reason: 'geen gemeente van de regio' },
    ]);
    expect((await admin.get('/v1/abonnementen')).json().abonnementen).toEqual([]);
  });

  it('names only the region\'s municipalities in reports, and quotes every CSV field', async () => {
    const nuenen = clientFor(t, { sub: 'mw-nuenen', organisatie: 'Wijkteam Nuenen', gemeenten: [NUENEN] });
    for (let i = 0; i < 2; i++) expect((await nuenen.request('POST', '/v1/casussen', { body: { ...household, gemeente: NUENEN } })).statusCode).toBe(201);
    // A case stored under the finding's name before names were checked (written straight into the table, as it was then).
    const legacy = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    await t.database.handle.pool.query('UPDATE cases SET municipality = $1 WHERE id = $2', [EVIL, legacy]);

    const body = (await policy.get('/v1/rapportages/fasen')).json();
    expect(body.perGemeente.map((row: { gemeente: string }) => row.gemeente)).toEqual(['Nijmegen', NUENEN]);
    // The region's figures are those of its municipalities: 1 + 2 open cases, not the stored one elsewhere.
    expect(body.totaal.casussen).toEqual({ waarde: null, onderdrukt: true });
    const csv = await policy.request('GET', '/v1/rapportages/fasen', { headers: { accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain('Evil');
    expect(csv.body.split('\r\n')).toEqual([
      '"gemeente","casussen","directe-veiligheid","oorzaken-onderzoeken","blijvend-voorkomen","nazorg"',
      '"Nijmegen","x","x","0","0","0"',
      `"${NUENEN}","x","x","0","0","0"`,
      '"totaal","x","x","0","0","0"',
      '',
    ]);
    const overview = await policy.request('GET', `/v1/rapportages?gemeente=${encodeURIComponent(NUENEN)}`, { headers: { accept: 'text/csv' } });
    expect(overview.body.split('\r\n')).toContain(`"fasen","${NUENEN}","casussen","x"`);
    // Every field of every line is quoted (fields hold no quotes of their own here).
    for (const line of overview.body.split('\r\n').filter(Boolean)) expect(line, line).toMatch(/^"[^"]*"(,"[^"]*")*$/);
  });

  it("gives the municipality's RSIN as the ZGW export's bronorganisatie, and 409 for a case outside the configured region", async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const zaak = await admin.get(`/v1/casussen/${id}/zgw`);
    expect(zaak.statusCode, zaak.body).toBe(200);
    expect(zaak.json().zaak).toMatchObject({ bronorganisatie: '001825264', verantwoordelijkeOrganisatie: '001825264' });
    // The regisseur still reads the case once its municipality is no longer the region's; the export has no RSIN for it.
    await t.database.handle.pool.query("UPDATE cases SET municipality = 'Amsterdam' WHERE id = $1", [id]);
    refused(await mw.get(`/v1/casussen/${id}/zgw`), 409, 'zgw.gemeente-niet-geconfigureerd');
  });
});
