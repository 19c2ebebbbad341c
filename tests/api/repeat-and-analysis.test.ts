/**
 * Issue 16, point 12: a repeat starts fresh (after a reopening, a new plan
 * version before leaving directe-veiligheid and a reviewed analysis before
 * leaving oorzaken-onderzoeken), and the verklarende analyse is versioned with
 * the household's agreement: a network professional with the grant proposes a
 * version, the regisseur adopts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';
import { walkToClosure } from '../helpers/walk.js';

describe('a repeat starts fresh; the analysis is versioned', () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  async function newCase() {
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id as string, version: 1 };
  }
  async function ok(client: Client, c: { id: string; version: number }, method: 'POST' | 'PUT', path: string, body: unknown) {
    const response = await client.write(method, `/v1/casussen/${c.id}${path}`, c.version, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    c.version += 1;
    return response.json();
  }

  it('after a reopening, leaves directe-veiligheid only with a plan version made since, and oorzaken-onderzoeken only with the analysis reviewed since', async () => {
    const c = await newCase();
    c.version = await walkToClosure(t, mw, c.id, c.version);
    t.clock.advance(30 * 86_400_000);
    await ok(mw, c, 'POST', '/heropening', { reden: 'Nieuwe melding via Veilig Thuis' });
    await ok(mw, c, 'POST', '/veiligheidsscores', toplist(7));
    const refused = await mw.write('POST', `/v1/casussen/${c.id}/faseovergangen`, c.version, { naar: 'oorzaken-onderzoeken' });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'casus.plan-van-voor-heropening', guard: 'planNaHeropening' });
    await ok(mw, c, 'PUT', '/veiligheidsplan', plan([{ deadline: '2026-12-01' }]));
    expect((await ok(mw, c, 'POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' })).fase).toBe('oorzaken-onderzoeken');

    const stale = await mw.write('POST', `/v1/casussen/${c.id}/faseovergangen`, c.version, { naar: 'blijvend-voorkomen' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'casus.analyse-van-voor-heropening', guard: 'analyseNaHeropening' });
    const reviewed = await ok(mw, c, 'POST', '/verklarende-analyse', {
      toelichting: 'Na de herhaling: schulden opnieuw opgelopen',
      problemen: ['schulden'],
      akkoordHuishouden: { akkoord: 'gedeeltelijk', toelichting: 'Vader herkent zich niet in de verslaving' },
    });
    expect(reviewed.verklarendeAnalyse).toMatchObject({ akkoordHuishouden: { akkoord: 'gedeeltelijk', toelichting: 'Vader herkent zich niet in de verslaving' }, voorgesteldDoor: null });
    expect((await ok(mw, c, 'POST', '/faseovergangen', { naar: 'blijvend-voorkomen' })).fase).toBe('blijvend-voorkomen');

    // Both analysis versions stay readable, oldest first.
    const versions = (await mw.get(`/v1/casussen/${c.id}/verklarende-analyse/versies`)).json().versies;
    expect(versions.map((v: { versie: number }) => v.versie)).toEqual([1, 2]);
    expect(versions[0]).toMatchObject({ akkoordHuishouden: null, toelichting: 'Oorzaken besproken' });
    expect(versions[1]).toMatchObject({ akkoordHuishouden: { akkoord: 'gedeeltelijk' } });
  });

  it('lets a network professional with the grant propose a version, the regisseur adopt it, and refuses the others', async () => {
    const c = await newCase();
    const ggz = clientFor(t, { sub: 'ggz-7', rol: 'ketenpartner', organisatie: 'GGZ Nijmegen', gemeenten: [] });
    const police = clientFor(t, { sub: 'politie-3', rol: 'ketenpartner', organisatie: 'Politie', gemeenten: [] });
    const colleague = clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' });
    const involve = (id: string, organisatie: string, inzage: string[]) =>
      mw.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'professional', id, organisatie, rol: 'behandelaar', grondslag: 'Wgbo', inzage } });
    expect((await involve('ggz-7', 'GGZ Nijmegen', ['verklarende-analyse'])).statusCode).toBe(201);
    expect((await involve('politie-3', 'Politie', [])).statusCode).toBe(201);
    expect((await involve('mw-002', 'Sociaal Wijkteam Nijmegen', [])).statusCode).toBe(201);

    // The partner reads the case's ETag with its own view, and proposes with it.
    const own = await ggz.get(`/v1/casussen/${c.id}/mijn-afspraken`);
    expect(own.statusCode).toBe(200);
    const version = Number(JSON.parse(own.headers.etag as string));
    const body = { toelichting: 'Trauma uit de jeugd van moeder speelt mee', problemen: ['trauma', 'opvoedingsstress'] };
    expect((await police.write('POST', `/v1/casussen/${c.id}/verklarende-analyse/voorstellen`, version, body)).json()).toMatchObject({
      status: 403,
      code: 'casus.analysevoorstel-niet-toegestaan',
    });
    const proposed = await ggz.write('POST', `/v1/casussen/${c.id}/verklarende-analyse/voorstellen`, version, body);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const proposal = proposed.json();
    // The partner sees its proposal, not the case.
    expect(proposal).toMatchObject({ voorgesteldDoor: 'ggz-7', problemen: ['trauma', 'opvoedingsstress'] });
    expect(proposal).not.toHaveProperty('leden');
    c.version = version + 1;
    const read = (await mw.get(`/v1/casussen/${c.id}`)).json();
    expect(read.analysevoorstel).toMatchObject({ id: proposal.id });
    expect(read.verklarendeAnalyse).toBeNull();

    const adopt = (client: Client, voorstelId: string) =>
      client.write('POST', `/v1/casussen/${c.id}/verklarende-analyse/voorstellen/${voorstelId}/vaststelling`, c.version, { akkoordHuishouden: { akkoord: 'ja' } });
    // Only the regisseur adopts: not a colleague of the team, not the partner who proposed.
    expect((await adopt(colleague, proposal.id)).json()).toMatchObject({ status: 403, code: 'casus.alleen-regisseur-stelt-analyse-vast' });
    expect((await adopt(ggz, proposal.id)).statusCode).toBe(403);
    expect((await mw.write('POST', `/v1/casussen/${c.id}/verklarende-analyse/voorstellen/${proposal.id}/vaststelling`, c.version, {})).statusCode).toBe(400);
    expect((await adopt(mw, '00000000-0000-4000-8000-000000000009')).json()).toMatchObject({ status: 404, code: 'casus.analysevoorstel-niet-gevonden' });
    const adopted = await adopt(mw, proposal.id);
    expect(adopted.statusCode, adopted.body).toBe(201);
    c.version += 1;
    expect(adopted.json()).toMatchObject({
      analysevoorstel: null,
      verklarendeAnalyse: { toelichting: body.toelichting, problemen: body.problemen, akkoordHuishouden: { akkoord: 'ja', toelichting: null }, voorgesteldDoor: 'ggz-7', vastgelegdDoor: 'mw-001' },
    });
    // Adopted once.
    expect((await adopt(mw, proposal.id)).json()).toMatchObject({ code: 'casus.analysevoorstel-niet-gevonden' });
    const versions = (await mw.get(`/v1/casussen/${c.id}/verklarende-analyse/versies`)).json().versies;
    expect(versions).toEqual([expect.objectContaining({ versie: 1, voorgesteldDoor: 'ggz-7' })]);
    // The partner with the grant sees the adopted version in its own view.
    expect((await ggz.get(`/v1/casussen/${c.id}/mijn-afspraken`)).json().verklarendeAnalyse).toMatchObject({ problemen: body.problemen });
    // The timeline tells both steps.
    const timeline = JSON.stringify((await mw.get(`/v1/casussen/${c.id}/tijdlijn`)).json());
    expect(timeline).toContain('Nieuwe versie van de verklarende analyse voorgesteld');
    expect(timeline).toContain('Voorstel voor de verklarende analyse vastgesteld');
  });
});
