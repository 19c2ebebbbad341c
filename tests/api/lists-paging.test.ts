/**
 * Every list is paged and bounded (security review follow-up): no caller makes
 * the service build an unbounded answer, or walk a table for an empty page.
 * Per list: paging through with Link rel="next" and X-Total-Count, and a 400
 * problem for a page number or size out of range.
 */
import type { TokenClaims } from '@veilig-samen/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

const linkOf = (response: LightMyRequestResponse, rel: string) => new RegExp(`<([^>]+)>; rel="${rel}"`).exec(String(response.headers.link ?? ''))?.[1];

/** Follows Link rel="next" from `url`, returning every item of `key` and the number of pages. */
async function walk(client: Client, url: string, key: string): Promise<{ items: unknown[]; pages: number; total: string | undefined }> {
  let response = await client.get(url);
  expect(response.statusCode, response.body).toBe(200);
  const total = response.headers['x-total-count'] as string | undefined;
  const items: unknown[] = [...response.json()[key]];
  let pages = 1;
  for (let next = linkOf(response, 'next'); next; next = linkOf(response, 'next')) {
    response = await client.get(next);
    expect(response.statusCode, response.body).toBe(200);
    items.push(...response.json()[key]);
    pages += 1;
  }
  return { items, pages, total };
}

function expectRefused(response: LightMyRequestResponse, parameter: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json().code).toBe('verzoek.ongeldig');
  expect(response.json().invalidParams.map((p: { name: string }) => p.name)).toContain(parameter);
}

const COORDINATOR: Partial<TokenClaims> = { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] };
const ADMIN: Partial<TokenClaims> = { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] };
const REGIOBEHEERDER: Partial<TokenClaims> = { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] };

describe('every list is paged and bounded', () => {
  let t: TestApp;
  let mw: Client;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    caseId = created.json().id;
    await mw.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, plan());
    for (let version = 2; version < 7; version++) await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, version, toplist(4));
  });
  afterAll(async () => t.close());

  it('stops the case list and the escalation queue at pagina 100 (they accepted 100,000)', async () => {
    for (const [client, url] of [[mw, '/v1/casussen'], [clientFor(t, COORDINATOR), '/v1/opschalingen']] as const) {
      for (const pagina of ['101', '100000', '0']) expectRefused(await client.get(`${url}?pagina=${pagina}`), 'pagina');
      expectRefused(await client.get(`${url}?paginaGrootte=101`), 'paginaGrootte');
      expect((await client.get(`${url}?pagina=100`)).statusCode).toBe(200);
    }
  });

  it('reads paging numbers as plain digits only: 1e2, 0x10, signs and spaces are refused, not read as another number (attacker review)', async () => {
    for (const value of ['1e2', '0x10', '%201', '+1', '1.0', '-0', '']) {
      expectRefused(await mw.get(`/v1/casussen?pagina=${value}`), 'pagina');
      expectRefused(await mw.get(`/v1/casussen?paginaGrootte=${value}`), 'paginaGrootte');
      expectRefused(await mw.get(`/v1/casussen/${caseId}/tijdlijn?na=${value}`), 'na');
    }
    expect((await mw.get('/v1/casussen?pagina=01&paginaGrootte=5')).statusCode).toBe(200);
  });

  it("pages a case's timeline by key, every event once, and logs each page on the case", async () => {
    const logged = async () => Number((await t.database.handle.pool.query('SELECT count(*) FROM access_log WHERE case_id = $1', [caseId])).rows[0].count);
    const before = await logged();
    const { items, pages, total } = await walk(mw, `/v1/casussen/${caseId}/tijdlijn?paginaGrootte=2`, 'gebeurtenissen');
    expect(total).toBe('7');
    expect(pages).toBe(4);
    expect(items.map((e) => (e as { volgnummer: number }).volgnummer)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await logged()).toBe(before + pages);

    const second = await mw.get(`/v1/casussen/${caseId}/tijdlijn?paginaGrootte=2&na=2`);
    expect(second.json().gebeurtenissen.map((e: { volgnummer: number }) => e.volgnummer)).toEqual([3, 4]);
    // The phase history is the whole case's, whatever the page.
    expect(second.json().fasen).toEqual((await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json().fasen);
    expect(linkOf(second, 'next')).toBe(`/v1/casussen/${caseId}/tijdlijn?na=4&paginaGrootte=2`);
    // The default page holds today's whole timeline.
    expect((await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen).toHaveLength(7);
    expect(linkOf(await mw.get(`/v1/casussen/${caseId}/tijdlijn?na=7`), 'next')).toBeUndefined();

    expectRefused(await mw.get(`/v1/casussen/${caseId}/tijdlijn?paginaGrootte=101`), 'paginaGrootte');
    expectRefused(await mw.get(`/v1/casussen/${caseId}/tijdlijn?na=-1`), 'na');
    expectRefused(await mw.get(`/v1/casussen/${caseId}/tijdlijn?na=99999999999`), 'na');
  });

  it("pages a case's network", async () => {
    for (const id of ['mw-101', 'mw-102', 'mw-103']) {
      const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id, organisatie: 'Wijkteam', rol: 'gezinscoach', grondslag: 'Wmo 2015' } });
      expect(added.statusCode, added.body).toBe(201);
    }
    const { items, pages, total } = await walk(mw, `/v1/casussen/${caseId}/betrokkenen?paginaGrootte=2`, 'betrokkenen');
    expect(total).toBe('3');
    expect(pages).toBe(2);
    expect(items.map((i) => (i as { professional: string }).professional).sort()).toEqual(['mw-101', 'mw-102', 'mw-103']);
    expectRefused(await mw.get(`/v1/casussen/${caseId}/betrokkenen?pagina=101`), 'pagina');
    expectRefused(await mw.get(`/v1/casussen/${caseId}/betrokkenen?paginaGrootte=101`), 'paginaGrootte');
  });

  it('pages the expert meetings, with a status filter', async () => {
    const coordinator = clientFor(t, COORDINATOR);
    for (const day of ['2026-03-01', '2026-03-08', '2026-03-15']) {
      expect((await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: `${day}T09:00:00Z` } })).statusCode).toBe(201);
    }
    const { items, pages, total } = await walk(coordinator, '/v1/expertoverleggen?paginaGrootte=2', 'expertoverleggen');
    expect(total).toBe('3');
    expect(pages).toBe(2);
    expect(items.map((m) => (m as { tijdstip: string }).tijdstip)).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-08T09:00:00.000Z', '2026-03-15T09:00:00.000Z']);
    expect((await coordinator.get('/v1/expertoverleggen?status=gesloten')).headers['x-total-count']).toBe('0');
    expect((await coordinator.get('/v1/expertoverleggen?status=gepland')).headers['x-total-count']).toBe('3');
    expectRefused(await coordinator.get('/v1/expertoverleggen?pagina=101'), 'pagina');
    expectRefused(await coordinator.get('/v1/expertoverleggen?paginaGrootte=101'), 'paginaGrootte');
  });

  it("pages webhook subscriptions, counting only the caller's own", async () => {
    const admin = clientFor(t, ADMIN);
    const subscribe = (client: Client, gemeente: string) =>
      client.request('POST', '/v1/abonnementen', { body: { organisatie: 'Politie', url: 'https://ontvanger.example.nl/hook', gebeurtenissen: ['casus.opgeschaald'], gemeenten: [gemeente] } });
    for (let i = 0; i < 3; i++) expect((await subscribe(admin, 'Nijmegen')).statusCode).toBe(201);
    expect((await subscribe(clientFor(t, { ...ADMIN, sub: 'beheer-2', gemeenten: ['Wijchen'] }), 'Wijchen')).statusCode).toBe(201);
    const { items, pages, total } = await walk(admin, '/v1/abonnementen?paginaGrootte=2', 'abonnementen');
    expect(total).toBe('3');
    expect(pages).toBe(2);
    expect(items.every((s) => JSON.stringify((s as { gemeenten: string[] }).gemeenten) === '["Nijmegen"]')).toBe(true);
    expectRefused(await admin.get('/v1/abonnementen?pagina=101'), 'pagina');
    expectRefused(await admin.get('/v1/abonnementen?paginaGrootte=101'), 'paginaGrootte');
  });

  it("pages the policy's history", async () => {
    const regio = clientFor(t, REGIOBEHEERDER);
    for (const drempel of [7, 6, 5]) {
      const adopted = await regio.request('POST', '/v1/beleid', {
        body: { drempel, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, geldigVanaf: '2027-01-01T00:00:00Z', reden: 'Evaluatie' },
      });
      expect(adopted.statusCode, adopted.body).toBe(201);
    }
    const { items, pages, total } = await walk(regio, '/v1/beleid?paginaGrootte=2', 'versies');
    const versions = items.map((v) => (v as { versie: number }).versie);
    expect(Number(total)).toBeGreaterThanOrEqual(3);
    expect(versions).toHaveLength(Number(total));
    expect(pages).toBe(Math.ceil(Number(total) / 2));
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    expectRefused(await regio.get('/v1/beleid?pagina=101'), 'pagina');
    expectRefused(await regio.get('/v1/beleid?paginaGrootte=0'), 'paginaGrootte');
  });

  it('gives the break-the-glass list Link and X-Total-Count like the others', async () => {
    const response = await clientFor(t, COORDINATOR).get('/v1/noodtoegang?paginaGrootte=2');
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-total-count']).toBe('0');
    expect(linkOf(response, 'first')).toBe('/v1/noodtoegang?pagina=1&paginaGrootte=2');
  });
});
