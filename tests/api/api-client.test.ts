/**
 * The typed client (@veilig-samen/api-client: openapi-fetch over the types
 * generated from the service's own OpenAPI document) against the service
 * listening on a port: a household through its first steps, typed end to
 * end, a refusal as the document's problem, keyset paging by the Link
 * header, JSON unless a call asks for CSV, and the bearer token only ever
 * sent to the API's base URL.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiBaseUrl, createApiClient, type ApiClient } from '@veilig-samen/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('the typed API client against the service', () => {
  let t: TestApp;
  let origin: string;
  let token: string | null;
  let client: ApiClient;

  beforeAll(async () => {
    t = await createTestApp();
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    token = t.token({});
    client = createApiClient(apiBaseUrl(origin), () => token);
  });
  afterAll(async () => t.close());

  it('takes a household through creation, plan, score and phase, with the answers typed as the document says', async () => {
    const created = await client.POST('/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { naam: 'Anna de Vries', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
          { naam: 'Cas de Vries', relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    });
    expect(created.response.status).toBe(201);
    const casus = created.data;
    expect(casus).toMatchObject({ fase: 'directe-veiligheid', versie: 1, regisseur: { id: 'mw-001' } });
    const id = casus?.id ?? '';
    expect(created.response.headers.get('etag')).toBe('"1"');

    // Too early: the machine's guard answers, as problem+json the client types as the document's Probleem.
    const early = await client.POST('/casussen/{id}/faseovergangen', { params: { path: { id }, header: { 'if-match': '"1"' } }, body: { naar: 'oorzaken-onderzoeken' } });
    expect(early.response.status).toBe(409);
    expect(early.data).toBeUndefined();
    expect(early.error).toMatchObject({ status: 409, code: 'casus.geen-veiligheidsplan', guard: 'heeftVeiligheidsplan' });

    const planned = await client.PUT('/casussen/{id}/veiligheidsplan', {
      params: { path: { id }, header: { 'if-match': '"1"' } },
      body: {
        afspraken: [{ omschrijving: 'Bij spanning gaat Anna met Cas naar haar zus', eigenaar: { soort: 'organisatie', naam: 'Sociaal Wijkteam' }, deadline: '2026-03-01' }],
        akkoordHuishouden: { akkoord: 'ja' },
      },
    });
    expect(planned.response.status).toBe(200);
    expect(planned.data?.afspraken.map((a) => a.omschrijving)).toEqual(['Bij spanning gaat Anna met Cas naar haar zus']);

    const scored = await client.POST('/casussen/{id}/veiligheidsscores', {
      params: { path: { id }, header: { 'if-match': '"2"' } },
      body: { score: 6, acties: ['Veiligheidsplan doorlopen', 'Contact school', 'Huisarts'] },
    });
    expect(scored.response.status).toBe(201);
    expect(scored.data).toMatchObject({ versie: 3, laatsteVeiligheidsscore: 6, drempelBereikt: true });

    const moved = await client.POST('/casussen/{id}/faseovergangen', { params: { path: { id }, header: { 'if-match': '"3"' } }, body: { naar: 'oorzaken-onderzoeken' } });
    expect(moved.response.status).toBe(201);
    expect(moved.data).toMatchObject({ fase: 'oorzaken-onderzoeken', versie: 4, drempelBereikt: true, laatsteVeiligheidsscore: 6 });

    // The timeline by key, two at a time: Link rel="next" names `na`, which the typed query takes as it is.
    const seen: number[] = [];
    let na: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await client.GET('/casussen/{id}/tijdlijn', { params: { path: { id }, query: { paginaGrootte: 2, ...(na === undefined ? {} : { na }) } } });
      expect(page.response.status).toBe(200);
      seen.push(...(page.data?.gebeurtenissen ?? []).flatMap((e) => (e.volgnummer === null ? [] : [e.volgnummer])));
      const next = /<([^>]+)>;\s*rel="next"/.exec(page.response.headers.get('link') ?? '')?.[1];
      if (next === undefined) break;
      na = Number(new URL(next, origin).searchParams.get('na'));
    }
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('asks for the token on every request and sends none when there is none', async () => {
    const me = await client.GET('/ik');
    expect(me.data).toMatchObject({ sub: 'mw-001', rol: 'lokaal-team', gemeenten: ['Nijmegen'] });

    const before = token;
    token = null;
    try {
      const anonymous = await client.GET('/ik');
      expect(anonymous.response.status).toBe(401);
      expect(anonymous.error?.code).toBe('auth.token-ontbreekt');
    } finally {
      token = before;
    }
    expect((await client.GET('/ik')).response.status).toBe(200);
  });

  it('sends the token only to its own base URL, not to another one named for a single request', async () => {
    const received: IncomingHttpHeaders[] = [];
    const elsewhere: Server = createServer((request, response) => {
      received.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sub: 'x', rol: 'beleid', organisatie: 'x', gemeenten: [], oin: null }));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/v1`;
      const answer = await client.GET('/ik', { baseUrl: other });
      expect(answer.response.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0]?.authorization).toBeUndefined();
      // A base URL that only starts like the API's (another path) is another one too.
      const lookalike = createApiClient(`${other}`, () => token);
      await lookalike.GET('/ik', { baseUrl: `${other}-nep` });
      expect(received[1]?.authorization).toBeUndefined();
      await lookalike.GET('/ik');
      expect(received[2]?.authorization).toBe(`Bearer ${token ?? ''}`);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it('reads JSON unless a call asks for another type: a report as CSV', async () => {
    const policy = createApiClient(apiBaseUrl(origin), () => t.token({ sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio', gemeenten: [] }));
    const json = await policy.GET('/rapportages/fasen');
    expect(json.response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.data?.totaal.casussen).toMatchObject({ onderdrukt: expect.any(Boolean) });
    const csv = await policy.GET('/rapportages/fasen', { headers: { accept: 'text/csv' }, parseAs: 'text' });
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.data?.split('\r\n')[0]).toMatch(/^"gemeente",/);
  });

  it('refuses a base URL that is not absolute, where the token rule could not be checked', () => {
    expect(() => createApiClient('/v1', () => token)).toThrow();
  });
});
