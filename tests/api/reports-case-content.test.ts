/**
 * Issue 17 point 8: the insights reports count forms of violence (incidents
 * reported in a closed quarter) and life domains (named by the analysis of
 * open cases now), with the same disclosure control as every report: a
 * figure about 1 to 4 households is hidden, also when it counts more
 * incidents, and no hidden figure comes back from a total.
 *
 * Timeline: in February 2026 Nijmegen's 6 households each get two incidents
 * of partnergeweld (one reported by the police without a form); 2 of them
 * one of kindermishandeling. Arnhem's 5 households get one incident of
 * eergerelateerd each. The first quarter is reported on in April.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';

const hidden = { waarde: null, onderdrukt: true };
const shown = (waarde: number | null) => ({ waarde, onderdrukt: false });

describe('issue 17: reports of forms of violence and life domains', () => {
  let t: TestApp;
  let policy: Client;
  const managers: Record<string, Client> = {};
  const cases: Record<string, { id: string; version: number }[]> = { Nijmegen: [], Arnhem: [] };

  const write = async (gemeente: string, index: number, path: string, body: unknown) => {
    const item = cases[gemeente]?.[index];
    if (!item) throw new Error(`no case ${gemeente}[${index}]`);
    const response = await managers[gemeente]!.write('POST', `/v1/casussen/${item.id}${path}`, item.version, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    item.version += 1;
  };
  const incident = (vorm?: string) => ({ tijdstip: '2026-02-10T09:00:00Z', soort: 'fysiek', omschrijving: 'x', ...(vorm ? { vorm } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', gemeenten: [] });
    t.clock.set(new Date('2026-02-10T10:00:00Z'));
    for (const [gemeente, count] of [['Nijmegen', 6], ['Arnhem', 5]] as const) {
      managers[gemeente] = clientFor(t, { sub: `mw-${gemeente}`, gemeenten: [gemeente], organisatie: `Wijkteam ${gemeente}` });
      for (let i = 0; i < count; i += 1) {
        const response = await managers[gemeente].request('POST', '/v1/casussen', { body: { ...household, gemeente } });
        expect(response.statusCode, response.body).toBe(201);
        cases[gemeente]!.push({ id: response.json().id, version: response.json().versie });
      }
    }
    for (let i = 0; i < 6; i += 1) {
      await write('Nijmegen', i, '/incidenten', incident('partnergeweld'));
      await write('Nijmegen', i, '/incidenten', incident());
      await write('Nijmegen', i, '/verklarende-analyse', { toelichting: 'Analyse', problemen: ['schulden'], leefdomeinen: i < 5 ? ['financien', 'wonen'] : ['financien'] });
    }
    for (const i of [0, 1]) await write('Nijmegen', i, '/incidenten', incident('kindermishandeling'));
    for (let i = 0; i < 5; i += 1) {
      await write('Arnhem', i, '/incidenten', incident('eergerelateerd'));
      if (i < 3) await write('Arnhem', i, '/verklarende-analyse', { toelichting: 'Analyse', problemen: ['trauma'], leefdomeinen: ['gezondheid'] });
    }
    t.clock.set(new Date('2026-04-02T10:00:00Z'));
  }, 60_000);
  afterAll(async () => t.close());

  it('counts incidents per form of violence in the quarter, an incident without one apart; small figures hidden', async () => {
    const response = await policy.get('/v1/rapportages/geweldsvormen?kwartaal=2026-K1');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const nijmegen = body.perGemeente.find((row: { gemeente: string }) => row.gemeente === 'Nijmegen');
    const arnhem = body.perGemeente.find((row: { gemeente: string }) => row.gemeente === 'Arnhem');
    // Nijmegen: 14 incidents of 6 households; kindermishandeling concerns 2 households: hidden, and so is one
    // more part of the sum so that 14 minus the shown parts does not give it away.
    expect(nijmegen.incidenten).toEqual(shown(14));
    expect(nijmegen.perVorm.kindermishandeling).toEqual(hidden);
    expect([nijmegen.perVorm.partnergeweld, nijmegen.perVorm.nietVastgelegd]).toContainEqual(hidden);
    expect(nijmegen.perVorm.overig).toEqual(shown(0));
    expect(arnhem.perVorm.eergerelateerd).toEqual(shown(5));
    expect(arnhem.incidenten).toEqual(shown(5));
    expect(body.totaal.incidenten).toEqual(shown(19));
    // The form is never guessed: 6 incidents without one are nietVastgelegd, not overig.
    expect(body.totaal.perVorm.overig).toEqual(shown(0));
    // As CSV too, with x for a hidden figure.
    const csv = await t.app.inject({ method: 'GET', url: '/v1/rapportages/geweldsvormen?kwartaal=2026-K1', headers: { authorization: `Bearer ${t.token({ sub: 'beleid-1', rol: 'beleid', gemeenten: [] })}`, accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(['gemeente', 'incidenten', 'partnergeweld', 'kindermishandeling', 'ouderenmishandeling', 'eergerelateerd', 'intieme-terreur', 'complexe-scheiding', 'overig', 'nietVastgelegd'].map((c) => `"${c}"`).join(','));
    expect(csv.body).toContain('"x"');
  });

  it('counts the life domains the analyses of open cases name, now; domains concerning 1 to 4 households hidden', async () => {
    const response = await policy.get('/v1/rapportages/leefdomeinen');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.kwartaal).toBeNull();
    const nijmegen = body.perGemeente.find((row: { gemeente: string }) => row.gemeente === 'Nijmegen');
    expect(nijmegen.perLeefdomein).toMatchObject({ financien: shown(6), wonen: shown(5), justitie: shown(0) });
    // Arnhem: 3 analyses, all naming gezondheid: hidden.
    const arnhem = body.perGemeente.find((row: { gemeente: string }) => row.gemeente === 'Arnhem');
    expect(arnhem.casussenMetAnalyse).toEqual(hidden);
    expect(arnhem.perLeefdomein.gezondheid).toEqual(hidden);
    // The region's 9 minus Nijmegen's 6 would give Arnhem's 3 back: Nijmegen's count is hidden beside it.
    expect(body.totaal.casussenMetAnalyse).toEqual(shown(9));
    expect(nijmegen.casussenMetAnalyse).toEqual(hidden);
    expect(body.totaal.perLeefdomein.gezondheid).toEqual(hidden);
  });

  it('both are in the overview, and one municipality sees its row only (a beheerder of Nijmegen)', async () => {
    const overview = await policy.get('/v1/rapportages?kwartaal=2026-K1');
    expect(overview.statusCode, overview.body).toBe(200);
    expect(Object.keys(overview.json())).toEqual(expect.arrayContaining(['geweldsvormen', 'leefdomeinen']));
    const beheer = clientFor(t, { sub: 'beheer-n', rol: 'beheerder', gemeenten: ['Nijmegen'] });
    const own = await beheer.get('/v1/rapportages/leefdomeinen?gemeente=Nijmegen');
    expect(own.statusCode, own.body).toBe(200);
    // Its row of the region's table: what is hidden there to protect Arnhem stays hidden.
    expect(own.json()).toMatchObject({ gemeente: 'Nijmegen', perGemeente: [], totaal: { casussenMetAnalyse: hidden, perLeefdomein: { financien: shown(6) } } });
    expect((await beheer.get('/v1/rapportages/leefdomeinen?gemeente=Arnhem')).statusCode).toBe(403);
    expect((await clientFor(t, { sub: 'mw-Nijmegen' }).get('/v1/rapportages/geweldsvormen')).statusCode).toBe(403);
  });
});
