/**
 * Closing on evidence (issue 16, point 10; seed 003 "closed too soon"):
 * stabiel-veilig needs enough recent joint scores through the stability
 * period, no incident in it and no open agreement, from nazorg; the real ends
 * (moved out of the region, handed over, help refused, deceased) close from any
 * open phase, each with its own rule. A terugmelding to Veilig Thuis is its own
 * command and reaches VT's subscription; reports count closures by reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';
import { walkToNazorg } from '../helpers/walk.js';

const DAY = 86_400_000;

describe('closing a case', () => {
  let t: TestApp;
  let mw: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder' });
  });
  afterAll(async () => t.close());

  /** A new case and its version. */
  async function newCase(): Promise<{ id: string; version: number; leden: { id: string }[] }> {
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id, version: 1, leden: created.json().leden };
  }
  const closeWith = (c: { id: string; version: number }, body: unknown) => mw.write('POST', `/v1/casussen/${c.id}/afsluiting`, c.version, body);
  async function ok(c: { id: string; version: number }, method: 'POST' | 'PUT', path: string, body: unknown) {
    const response = await mw.write(method, `/v1/casussen/${c.id}${path}`, c.version, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    c.version += 1;
    return response.json();
  }

  it("refuses household Bakker's closure on one score given 3.5 months earlier, with the rule's message", async () => {
    const c = await newCase();
    c.version = await walkToNazorg(mw, c.id, c.version);
    t.clock.advance(105 * DAY);
    const refused = await closeWith(c, { reden: 'stabiel-veilig' });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'casus.te-weinig-stabiele-scores', guard: 'genoegStabieleScores' });
    expect(refused.json().detail).toContain('minstens 2');
    // Nothing changed.
    expect((await mw.get(`/v1/casussen/${c.id}`)).json()).toMatchObject({ fase: 'nazorg', versie: c.version });

    // A second score through the period, but two months old: the latest must be recent.
    await ok(c, 'POST', '/veiligheidsscores', toplist(8));
    t.clock.advance(60 * DAY);
    expect((await closeWith(c, { reden: 'stabiel-veilig' })).json()).toMatchObject({ code: 'casus.laatste-score-te-oud', guard: 'recenteStabieleScore' });

    // A recent one: closes, and the case says why.
    await ok(c, 'POST', '/veiligheidsscores', toplist(7));
    const closed = await closeWith(c, { reden: 'stabiel-veilig', toelichting: 'Nazorg afgerond.' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ fase: 'afgesloten', afsluiting: { reden: 'stabiel-veilig' } });
  });

  it('closes on two recent scores through the period; a score below the threshold starts the run again', async () => {
    const c = await newCase();
    c.version = await walkToNazorg(mw, c.id, c.version);
    t.clock.advance(50 * DAY);
    await ok(c, 'POST', '/veiligheidsscores', toplist(5));
    t.clock.advance(1 * DAY);
    await ok(c, 'POST', '/veiligheidsscores', toplist(7));
    t.clock.advance(60 * DAY);
    await ok(c, 'POST', '/veiligheidsscores', toplist(8));
    // The run began with the 7 after the 5: two months, not three.
    expect((await closeWith(c, { reden: 'stabiel-veilig' })).json()).toMatchObject({ code: 'casus.niet-stabiel-veilig' });
    t.clock.advance(35 * DAY);
    await ok(c, 'POST', '/veiligheidsscores', toplist(8));
    expect((await closeWith(c, { reden: 'stabiel-veilig' })).statusCode).toBe(200);
  });

  it('refuses stabiel-veilig with an incident in the stability period, and outside nazorg', async () => {
    const c = await newCase();
    c.version = await walkToNazorg(mw, c.id, c.version);
    t.clock.advance(10 * DAY);
    await ok(c, 'POST', '/incidenten', { tijdstip: new Date(t.clock.now().getTime() - DAY).toISOString(), soort: 'psychisch', omschrijving: 'Dreigende taal' });
    // Back in directe-veiligheid: stabiel-veilig only from nazorg.
    expect((await closeWith(c, { reden: 'stabiel-veilig' })).json()).toMatchObject({ code: 'casus.afsluiten-alleen-vanuit-nazorg', guard: 'eindeBuitenNazorg' });
    await ok(c, 'POST', '/veiligheidsscores', toplist(7));
    for (const naar of ['oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg']) await ok(c, 'POST', '/faseovergangen', { naar });
    t.clock.advance(20 * DAY);
    await ok(c, 'POST', '/veiligheidsscores', toplist(8));
    const refused = await closeWith(c, { reden: 'stabiel-veilig' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'casus.incident-in-stabiliteitsperiode', guard: 'geenIncidentInStabiliteitsperiode' });
  });

  it('refuses stabiel-veilig with an open agreement', async () => {
    const c = await newCase();
    await ok(c, 'PUT', '/veiligheidsplan', plan([{ status: 'open', deadline: '2026-12-01' }]));
    await ok(c, 'POST', '/veiligheidsscores', toplist(8));
    await ok(c, 'POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' });
    await ok(c, 'POST', '/verklarende-analyse', { toelichting: 'Oorzaken besproken', problemen: ['schulden'] });
    await ok(c, 'POST', '/faseovergangen', { naar: 'blijvend-voorkomen' });
    await ok(c, 'POST', '/faseovergangen', { naar: 'nazorg' });
    t.clock.advance(100 * DAY);
    await ok(c, 'POST', '/veiligheidsscores', toplist(8));
    expect((await closeWith(c, { reden: 'stabiel-veilig' })).json()).toMatchObject({ code: 'casus.open-afspraken' });
  });

  it('closes for help refused or a move out of the region only with a terugmelding to Veilig Thuis for that reason', async () => {
    const c = await newCase();
    const refused = await closeWith(c, { reden: 'hulp-geweigerd' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'casus.terugmelding-ontbreekt', guard: 'terugmeldingVastgelegd' });
    // A terugmelding needs its reason and a toelichting.
    expect((await mw.write('POST', `/v1/casussen/${c.id}/terugmeldingen`, c.version, { reden: 'hulp-geweigerd' })).statusCode).toBe(400);
    expect((await mw.write('POST', `/v1/casussen/${c.id}/terugmeldingen`, c.version, { reden: 'iets', toelichting: 'x' })).statusCode).toBe(400);
    await ok(c, 'POST', '/terugmeldingen', { reden: 'verhuisd-buiten-regio', toelichting: 'Gezin verhuist naar Utrecht.' });
    // A terugmelding for another reason does not count.
    expect((await closeWith(c, { reden: 'hulp-geweigerd' })).json()).toMatchObject({ code: 'casus.terugmelding-ontbreekt' });
    // Moving within the region is no end: the case goes with the household.
    const within = await closeWith(c, { reden: 'verhuisd-buiten-regio', gemeente: 'Wijchen' });
    expect(within.statusCode).toBe(422);
    expect(within.json()).toMatchObject({ code: 'casus.verhuisd-binnen-regio' });
    expect((await closeWith(c, { reden: 'verhuisd-buiten-regio' })).statusCode).toBe(400);
    const moved = await closeWith(c, { reden: 'verhuisd-buiten-regio', gemeente: 'Utrecht' });
    expect(moved.statusCode, moved.body).toBe(200);
    // The new municipality stays in the event log: the case shows the reason and when only.
    expect(moved.json().afsluiting).toEqual({ reden: 'verhuisd-buiten-regio', op: t.clock.now().toISOString() });

    const d = await newCase();
    await ok(d, 'POST', '/terugmeldingen', { reden: 'hulp-geweigerd', toelichting: 'Ouders weigeren elke hulp.' });
    expect((await closeWith(d, { reden: 'hulp-geweigerd', toelichting: 'Teruggemeld.' })).statusCode).toBe(200);
    // Reopened: a repeat starts fresh, the earlier terugmelding does not count again.
    d.version += 1;
    await ok(d, 'POST', '/heropening', { reden: 'Nieuwe melding' });
    expect((await closeWith(d, { reden: 'hulp-geweigerd' })).json()).toMatchObject({ code: 'casus.terugmelding-ontbreekt' });
  });

  it('hides where the household moved from whoever may not see a sealed member', async () => {
    const body = { ...household, leden: [{ naam: 'Anna de Vries', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Schuiladres 1', afgeschermd: true }, household.leden[1]] };
    const created = await mw.request('POST', '/v1/casussen', { body });
    expect(created.statusCode, created.body).toBe(201);
    const c = { id: created.json().id as string, version: 1 };
    expect((await mw.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'collega', grondslag: 'Wmo 2015' } })).statusCode).toBe(201);
    await ok(c, 'POST', '/terugmeldingen', { reden: 'verhuisd-buiten-regio', toelichting: 'Verhuisd.' });
    expect((await closeWith(c, { reden: 'verhuisd-buiten-regio', gemeente: 'Zwolle' })).statusCode).toBe(200);
    const timeline = async (client: Client) => JSON.stringify((await client.get(`/v1/casussen/${c.id}/tijdlijn`)).json());
    expect(await timeline(mw)).toContain('Zwolle');
    const colleague = await timeline(clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }));
    expect(colleague).toContain('verhuisd-buiten-regio');
    expect(colleague).not.toContain('Zwolle');
  });

  it('closes when handed over (naming to whom) or deceased (naming the member, with a note), from any open phase', async () => {
    const c = await newCase();
    expect((await closeWith(c, { reden: 'overgedragen' })).statusCode).toBe(400);
    expect((await closeWith(c, { reden: 'overgedragen', naar: { soort: 'reclassering', naam: 'X' } })).statusCode).toBe(400);
    const handed = await closeWith(c, { reden: 'overgedragen', naar: { soort: 'gecertificeerde-instelling', naam: 'William Schrikker Stichting' } });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ fase: 'afgesloten', afsluiting: { reden: 'overgedragen' } });

    const d = await newCase();
    expect((await closeWith(d, { reden: 'overleden', lidId: d.leden[0]!.id })).statusCode).toBe(400);
    const unknown = await closeWith(d, { reden: 'overleden', lidId: '00000000-0000-4000-8000-000000000000', toelichting: 'Overleden.' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'casus.overleden-lid-onbekend' });
    expect((await closeWith(d, { reden: 'overleden', lidId: d.leden[1]!.id, toelichting: 'Overleden na ziekte.' })).statusCode).toBe(200);
    // Free text is no reason any more.
    const e = await newCase();
    expect((await closeWith(e, { reden: 'Stabiel veilig' })).statusCode).toBe(400);
  });

  it('delivers a terugmelding to a Veilig Thuis subscription, without its toelichting', async () => {
    const subscription = await admin.request('POST', '/v1/abonnementen', {
      body: { organisatie: 'Veilig Thuis Gelderland-Zuid', url: 'https://vt.example.org/hook', gebeurtenissen: ['casus.terugmelding'], gemeenten: ['Nijmegen'] },
    });
    expect(subscription.statusCode, subscription.body).toBe(201);
    const c = await newCase();
    await ok(c, 'POST', '/terugmeldingen', { reden: 'zorgen-over-veiligheid', toelichting: 'Geheime details over het gezin.' });
    const { rows } = await t.database.handle.pool.query<{ event_type: string; payload: unknown }>(
      'SELECT event_type, payload FROM deliveries WHERE subscription_id = $1 AND case_id = $2',
      [subscription.json().id, c.id],
    );
    expect(rows.map((r) => r.event_type)).toEqual(['casus.terugmelding']);
    expect(JSON.stringify(rows[0]!.payload)).toContain('zorgen-over-veiligheid');
    expect(JSON.stringify(rows[0]!.payload)).not.toContain('Geheime');
    // The timeline tells it.
    const timeline = (await mw.get(`/v1/casussen/${c.id}/tijdlijn`)).json();
    expect(JSON.stringify(timeline)).toContain('Terugmelding aan Veilig Thuis vastgelegd');
  });
});
