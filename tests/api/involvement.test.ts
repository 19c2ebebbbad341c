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
      body: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'gezinscoach', grondslag: 'Jeugdwet art. 7.1.1.1' },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect((await colleague.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
    expect((await colleague.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 1, toplist(4))).statusCode).toBe(201);
    expect((await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'X', rol: 'x', grondslag: 'x' } })).statusCode).toBe(409);
    const network = (await regisseur.get(`/v1/casussen/${caseId}/betrokkenen`)).json().betrokkenen;
    expect(network).toMatchObject([{ soort: 'professional', professional: 'mw-002', rol: 'gezinscoach', grondslag: 'Jeugdwet art. 7.1.1.1' }]);
    // Only the regisseur manages the network.
    expect((await colleague.request('DELETE', `/v1/casussen/${caseId}/betrokkenen/${network[0].id}`)).statusCode).toBe(403);
    expect((await regisseur.request('DELETE', `/v1/casussen/${caseId}/betrokkenen/${network[0].id}`)).statusCode).toBe(204);
    expect((await colleague.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
  });

  it('an organisation in the network brings all its professionals', async () => {
    const police = clientFor(t, { sub: 'mw-politie-lt', organisatie: 'Politie Oost-Nederland' });
    expect((await police.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
    await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', rol: 'politie', grondslag: 'Wpg art. 16' } });
    expect((await police.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
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
