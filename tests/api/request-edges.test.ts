/**
 * Two edges of every request, found by the review of issue 17:
 * - a query parameter a route does not know is refused (400
 *   verzoek.onbekende-parameter), never ignored: `?naam=Jansen` instead of
 *   `?zoek=Jansen` answered the whole unfiltered list as if it were the search;
 * - a date outside 1900-2099 (year 0000 above all, which ISO 8601 allows and
 *   PostgreSQL does not) is a 400 at the door, not a 500 from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';
import { urlPaths } from '../helpers/openapi.js';

describe('unknown query parameters and dates out of range', () => {
  let t: TestApp;
  let regisseur: Client;
  let beheerder: Client;
  let caseId: string;
  let memberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t, { sub: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' });
    beheerder = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
    const created = await regisseur.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    memberId = created.json().leden[0].id;
  });
  afterAll(async () => t.close());

  const expectUnknown = (response: { statusCode: number; body: string; json(): { code: string; invalidParams?: { name: string }[] } }, name: string, label: string) => {
    expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
    expect(response.json().code, label).toBe('verzoek.onbekende-parameter');
    expect(response.json().invalidParams?.map((p) => p.name), label).toEqual([name]);
  };

  it('refuses an unknown query parameter on the routes a case manager uses, and answers them without it', async () => {
    const routes = [
      '/v1/casussen',
      '/v1/casussen?zoek=Anna',
      '/v1/werkvoorraad',
      `/v1/casussen/${caseId}`,
      `/v1/casussen/${caseId}/tijdlijn`,
      `/v1/casussen/${caseId}/notities`,
      `/v1/casussen/${caseId}/veiligheidsscores`,
      `/v1/casussen/${caseId}/brieven/start?lid=${memberId}`,
    ];
    for (const route of routes) {
      const without = await regisseur.get(route);
      expect(without.statusCode, `${route}: ${without.body}`).toBe(200);
      const joined = route.includes('?') ? '&' : '?';
      expectUnknown(await regisseur.get(`${route}${joined}naam=Jansen`), 'naam', route);
    }
  });

  it('refuses unknown query parameters on every GET of the document, for a caller who may use it', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const operations = urlPaths<{ responses: Record<string, unknown> }>(document);
    let refused = 0;
    for (const [path, methods] of Object.entries(operations)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        // Every /v1 operation documents the 400 it can answer.
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain('400');
        if (method !== 'get') continue;
        const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{id}' ? caseId : name === '{lidId}' ? memberId : '00000000-0000-4000-8000-000000000000'));
        for (const client of [regisseur, beheerder]) {
          const answer = await client.get(`${url}?onbekendeParameter=1`);
          // Who may not use a route at all hears that first (401/403/404); nobody gets an answer that ignores it.
          expect(answer.statusCode, `${path}: ${answer.body}`).not.toBe(200);
          expect(answer.statusCode, `${path}: ${answer.body}`).toBeLessThan(500);
          if (answer.statusCode === 400) {
            expect(answer.json().code, path).toBe('verzoek.onbekende-parameter');
            refused++;
            break;
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(30);
  });

  it('refuses dates outside 1900-2099 with a 400 on every kind of route, and changes nothing', async () => {
    const before = (await regisseur.get(`/v1/casussen/${caseId}`)).json().versie as number;
    for (const date of ['0000-01-01', '0001-01-01', '1899-12-31', '2100-01-01']) {
      const created = await regisseur.request('POST', '/v1/casussen', { body: { ...household, leden: [{ ...household.leden[0], geboortedatum: date }] } });
      expect(created.statusCode, `geboortedatum ${date}: ${created.body}`).toBe(400);
      const added = await regisseur.write('POST', `/v1/casussen/${caseId}/leden`, before, { voornamen: 'Dirk', geslachtsnaam: 'Vries', relatie: 'overig', betrokkenheid: ['getuige'], geboortedatum: date });
      expect(added.statusCode, `lid ${date}: ${added.body}`).toBe(400);
      const note = await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'huisbezoek', contactdatum: date, tekst: 'Huisbezoek' } });
      expect(note.statusCode, `contactdatum ${date}: ${note.body}`).toBe(400);
      expect((await regisseur.get(`/v1/casussen/${caseId}/notities?van=${date}`)).statusCode, `notities?van=${date}`).toBe(400);
      expect((await regisseur.get(`/v1/casussen?zoek=${date}`)).statusCode, `zoek=${date}`).toBe(400);
      const [year, month, day] = date.split('-');
      expect((await regisseur.get(`/v1/casussen?zoek=${day}-${month}-${year}`)).statusCode, `zoek=${day}-${month}-${year}`).toBe(400);
      const incident = await regisseur.write('POST', `/v1/casussen/${caseId}/incidenten`, before, { tijdstip: `${date}T10:00:00Z`, soort: 'fysiek', omschrijving: 'Ruzie' });
      expect(incident.statusCode, `tijdstip ${date}: ${incident.body}`).toBe(400);
    }
    expect((await regisseur.get(`/v1/casussen/${caseId}`)).json().versie).toBe(before);
    // The edges themselves are dates.
    const oldest = await regisseur.request('POST', '/v1/casussen', { body: { ...household, leden: [{ ...household.leden[0], geboortedatum: '1900-01-01' }] } });
    expect(oldest.statusCode, oldest.body).toBe(201);
    expect((await regisseur.get('/v1/casussen?zoek=01-01-1900')).json().casussen.map((c: { id: string }) => c.id)).toEqual([oldest.json().id]);
  });
});
