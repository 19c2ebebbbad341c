/**
 * Who sees a case: involvement looked up on every request, and
 * break-the-glass with a reason, flagged in the log and listed for review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

describe('involvement and break-the-glass', () => {
  let t: TestApp;
  let regisseur: Client;
  let colleague: Client;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t);
    colleague = clientFor(t, { sub: 'mw-002' });
    caseId = (await regisseur.request('POST', '/v1/casussen', { body: household })).json().id;
  });
  afterAll(async () => t.close());

  it('a colleague sees the case only while in its network; removal takes effect on the next request', async () => {
    expect((await colleague.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
    const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
      body: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'gezinscoach', grondslag: { soort: 'wettelijke-taak', referentie: 'Jeugdwet art. 7.1.1.1' } },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await colleague.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
    expect((await colleague.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 1, toplist(4))).statusCode).toBe(201);
    expect((await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'X', rol: 'x', grondslag: 'x' } })).statusCode).toBe(409);
    const network = (await regisseur.get(`/v1/casussen/${caseId}/betrokkenen`)).json().betrokkenen;
    expect(network).toMatchObject([{ soort: 'professional', professional: 'mw-002', rol: 'gezinscoach', grondslag: { soort: 'wettelijke-taak', referentie: 'Jeugdwet art. 7.1.1.1' } }]);
    // Only the regisseur manages the network.
    expect((await colleague.request('DELETE', `/v1/casussen/${caseId}/betrokkenen/${network[0].id}`)).statusCode).toBe(403);
    expect((await regisseur.request('DELETE', `/v1/casussen/${caseId}/betrokkenen/${network[0].id}`)).statusCode).toBe(204);
    expect((await colleague.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
  });

  it('an organisation in the network brings its professionals (by OIN) the partner view, never a local team\'s rights', async () => {
    const police = clientFor(t, { sub: 'mw-politie-lt', organisatie: 'Politie Oost-Nederland', oin: '00000001003214345000' });
    expect((await police.get(`/v1/casussen/${caseId}/mijn-afspraken`)).statusCode).toBe(404);
    await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: '00000001003214345000', rol: 'politie', grondslag: 'Wpg art. 16' } });
    expect((await police.get(`/v1/casussen/${caseId}/mijn-afspraken`)).statusCode).toBe(200);
    expect((await police.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
  });

  it('break-the-glass: 24 hours of reading with a reason, flagged in the log, listed for review; no writing', async () => {
    const outsider = clientFor(t, { sub: 'mw-050' });
    expect((await outsider.request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden: 'kort' } })).statusCode).toBe(400);
    const granted = await outsider.request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden: 'Acute melding in de nacht, regisseur niet bereikbaar' } });
    expect(granted.statusCode, granted.body).toBe(201);
    const read = await outsider.request('GET', `/v1/casussen/${caseId}`, { headers: { 'x-request-id': 'nood-1' } });
    expect(read.statusCode).toBe(200);
    const write = await outsider.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, read.json().versie, toplist(2));
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('casus.alleen-inzage');
    const logged = await t.database.handle.pool.query("SELECT break_glass FROM access_log WHERE request_id = 'nood-1'");
    expect(logged.rows).toEqual([{ break_glass: true }]);

    const review = (await clientFor(t, { sub: 'audit-1', rol: 'auditor', gemeenten: [] }).get('/v1/noodtoegang')).json().noodtoegang;
    expect(review[0]).toMatchObject({ casusId: caseId, medewerker: { id: 'mw-050' }, reden: 'Acute melding in de nacht, regisseur niet bereikbaar' });
    expect((await regisseur.get('/v1/noodtoegang')).statusCode).toBe(403);
    expect((await regisseur.request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden: 'Ik ben al de regisseur hiervan' } })).json().code).toBe('noodtoegang.al-betrokken');

    t.clock.advance(24 * 3_600_000 + 1000);
    expect((await outsider.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
  });
});

describe('adding the same betrokkene twice at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lets exactly one through', async () => {
    const regisseur = clientFor(t);
    const id = (await regisseur.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const body = { soort: 'professional', id: 'mw-010', organisatie: 'Wijkteam', rol: 'coach', grondslag: 'Jeugdwet' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => regisseur.request('POST', `/v1/casussen/${id}/betrokkenen`, { body })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, ...Array.from({ length: 9 }, () => 409)]);
  });
});

describe('security finding 5: an organisation\'s name opens nothing; its OIN opens only the partner view', () => {
  let t: TestApp;
  let regisseur: Client;
  let caseId: string;
  const POLITIE = '00000001003214345000';
  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t);
    caseId = (await regisseur.request('POST', '/v1/casussen', { body: household })).json().id;
    const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
      body: { soort: 'organisatie', organisatie: 'Politie', oin: POLITIE, rol: 'politie', grondslag: 'Wpg art. 16', inzage: ['leden'] },
    });
    expect(added.statusCode, added.body).toBe(201);
    const plan = await regisseur.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, {
      afspraken: [
        { omschrijving: 'Surveillance', eigenaar: { soort: 'organisatie', naam: 'Politie', oin: POLITIE }, deadline: '2026-02-01' },
        { omschrijving: 'Zelfde naam, geen OIN', eigenaar: { soort: 'organisatie', naam: 'Politie' }, deadline: '2026-02-01' },
        { omschrijving: 'Persoonlijk van een agent', eigenaar: { soort: 'professional', id: 'agent-7', organisatie: 'Politie' }, deadline: '2026-02-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('a local-team token from another municipality that calls itself "Politie" reads and writes nothing', async () => {
    for (const claims of [
      { sub: 'mw-arnhem-9', organisatie: 'Politie', gemeenten: ['Arnhem'] },
      { sub: 'mw-arnhem-9', organisatie: 'Politie', gemeenten: ['Nijmegen'] },
      { sub: 'mw-arnhem-9', organisatie: 'politie ', gemeenten: ['Nijmegen'] },
    ]) {
      const namesake = clientFor(t, claims);
      for (const path of ['', '/tijdlijn', '/betrokkenen', '/veiligheidsplan', '/veiligheidsscores', '/mijn-afspraken']) {
        expect((await namesake.get(`/v1/casussen/${caseId}${path}`)).statusCode, `${claims.organisatie} ${path}`).toBe(404);
      }
      expect((await namesake.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 2, toplist(9))).statusCode).toBe(404);
      expect((await namesake.get('/v1/casussen')).json().casussen).toEqual([]);
    }
  });

  it('with the OIN, a local-team professional gets the partner view only, never the case or a write', async () => {
    const officer = clientFor(t, { sub: 'mw-arnhem-9', organisatie: 'Politie', gemeenten: ['Arnhem'], oin: POLITIE });
    const view = await officer.get(`/v1/casussen/${caseId}/mijn-afspraken`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Surveillance']);
    for (const path of ['', '/tijdlijn', '/betrokkenen', '/veiligheidsplan']) expect((await officer.get(`/v1/casussen/${caseId}${path}`)).statusCode, path).toBe(404);
    expect((await officer.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 2, toplist(9))).statusCode).toBe(404);
    expect((await officer.get('/v1/casussen')).json().casussen).toEqual([]);
  });

  it('a partner is recognised by OIN, not by name; agreements are matched the same way', async () => {
    const byName = clientFor(t, { sub: 'agent-8', rol: 'ketenpartner', organisatie: 'Politie', gemeenten: [] });
    expect((await byName.get(`/v1/casussen/${caseId}/mijn-afspraken`)).statusCode).toBe(404);
    const byOin = clientFor(t, { sub: 'agent-8', rol: 'ketenpartner', organisatie: 'Iets anders', gemeenten: [], oin: POLITIE });
    expect((await byOin.get(`/v1/casussen/${caseId}/mijn-afspraken`)).json().afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Surveillance']);
    // A personal agreement is the person's own, whatever organisation it names.
    const agent = clientFor(t, { sub: 'agent-7', rol: 'ketenpartner', organisatie: 'Politie', gemeenten: [], oin: POLITIE });
    expect((await agent.get(`/v1/casussen/${caseId}/mijn-afspraken`)).json().afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Surveillance', 'Persoonlijk van een agent']);
  });

  it('an organisation entry needs an OIN', async () => {
    const refused = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'GGZ', rol: 'ggz', grondslag: 'Wgbo' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('verzoek.ongeldig');
  });
});

describe('security finding 15: an unreadable case and a made-up id take the same path', () => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    caseId = (await clientFor(t).request('POST', '/v1/casussen', { body: household })).json().id;
  });
  afterAll(async () => t.close());

  /** The SQL statements one request sends (timing follows the round trips; a timed test would be flaky). */
  async function statements(client: Client, url: string) {
    const pool = t.database.handle.pool;
    const sent: string[] = [];
    const original = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      const first = args[0] as string | { text: string };
      sent.push(typeof first === 'string' ? first : first.text);
      const result: ReturnType<typeof pool.query> = Reflect.apply(original, pool, args);
      return result;
    }) as typeof pool.query;
    try {
      const answer = await client.get(url);
      return { status: answer.statusCode, body: answer.json(), sent };
    } finally {
      pool.query = original;
    }
  }

  it('answers the same 404 after the same lookups, for every reading role and route', async () => {
    const madeUp = '3f1c2b9e-1d2c-4c6e-9a7b-0e5f6d7c8b9a';
    for (const claims of [{ sub: 'mw-999' }, { sub: 'beheer-9', rol: 'beheerder' as const, gemeenten: ['Wijchen'] }, { sub: 'mda-9', rol: 'mda-coordinator' as const, gemeenten: [] }]) {
      const stranger = clientFor(t, claims);
      for (const path of ['', '/tijdlijn', '/veiligheidsplan']) {
        const existing = await statements(stranger, `/v1/casussen/${caseId}${path}`);
        const unknown = await statements(stranger, `/v1/casussen/${madeUp}${path}`);
        expect(existing.status).toBe(404);
        expect(unknown.status).toBe(404);
        expect({ ...existing.body, instance: null }).toEqual({ ...unknown.body, instance: null });
        expect(existing.sent.length, `${claims.sub} ${path}: ${existing.sent.join(' | ')} vs ${unknown.sent.join(' | ')}`).toBe(unknown.sent.length);
      }
    }
  });
});
