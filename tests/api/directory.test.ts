/**
 * Issue 16 point 14: the professionals the service knows. The directory is
 * filled from verified tokens (throttled), listed per municipality, a
 * beheerder marks someone as gone (their cases reach the beheerder) and hands
 * all their cases to one colleague; a regisseur names a substitute who has
 * the regisseur's rights in the period only, logged as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

describe('the directory of professionals', () => {
  let t: TestApp;
  let mw1: Client;
  let mw2: Client;
  let beheer: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw1 = clientFor(t, { sub: 'mw-001', name: 'Mila Wouters' });
    mw2 = clientFor(t, { sub: 'mw-002', organisatie: 'Wijkteam Oost', name: 'Sam de Boer' });
    beheer = clientFor(t, { sub: 'beheer-nijmegen', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
    // Everyone makes one request: that puts them in the directory.
    for (const c of [mw1, mw2, beheer, clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'], organisatie: 'Wijkteam Arnhem' })]) {
      expect((await c.get('/v1/ik')).statusCode).toBe(200);
    }
  });
  afterAll(async () => t.close());

  async function openCase(client: Client = mw1): Promise<{ id: string; version: number }> {
    const created = await client.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id, version: 1 };
  }

  describe('listing', () => {
    it('lists who called (for beheer), with the name from the token, only of the caller’s municipalities', async () => {
      const listed = await beheer.get('/v1/medewerkers');
      expect(listed.statusCode, listed.body).toBe(200);
      const ids = listed.json().medewerkers.map((m: { id: string }) => m.id);
      expect(ids).toEqual(expect.arrayContaining(['mw-001', 'mw-002', 'beheer-nijmegen']));
      expect(ids).not.toContain('mw-arnhem');
      expect(listed.json().medewerkers.find((m: { id: string }) => m.id === 'mw-002')).toMatchObject({
        naam: 'Sam de Boer',
        organisatie: 'Wijkteam Oost',
        rol: 'lokaal-team',
        gemeenten: ['Nijmegen'],
        vertrokkenOp: null,
      });
      expect(listed.headers['x-total-count']).toBe(String(ids.length));
    });

    it('searches by name or id, filters by role, and sees all municipalities only region-wide', async () => {
      expect((await beheer.get('/v1/medewerkers?zoek=boer')).json().medewerkers.map((m: { id: string }) => m.id)).toEqual(['mw-002']);
      expect((await beheer.get('/v1/medewerkers?zoek=MW-00')).json().medewerkers.map((m: { id: string }) => m.id).sort()).toEqual(['mw-001', 'mw-002']);
      expect((await beheer.get('/v1/medewerkers?rol=beheerder')).json().medewerkers.map((m: { id: string }) => m.id)).toEqual(['beheer-nijmegen']);
      // A LIKE wildcard in the search is matched as itself.
      expect((await beheer.get('/v1/medewerkers?zoek=%25')).json().medewerkers).toEqual([]);
      const coordinator = clientFor(t, { sub: 'coord-1', rol: 'mda-coordinator', gemeenten: [] });
      const all = (await coordinator.get('/v1/medewerkers?paginaGrootte=100')).json().medewerkers.map((m: { id: string }) => m.id);
      expect(all).toEqual(expect.arrayContaining(['mw-001', 'mw-arnhem', 'coord-1']));
      expect((await coordinator.get('/v1/medewerkers?gemeente=Arnhem')).json().medewerkers.map((m: { id: string }) => m.id)).toEqual(['mw-arnhem']);
    });

    it('refuses another municipality, an unknown one, and roles that do not hand over', async () => {
      expect((await beheer.get('/v1/medewerkers?gemeente=Arnhem')).statusCode).toBe(403);
      expect((await beheer.get('/v1/medewerkers?gemeente=Atlantis')).statusCode).toBe(422);
      // A case manager gets no list: it would name the professionals (and organisations, a shelter among them) of
      // every side to someone who may be on the perpetrator's side of a case (finding 12). A handover names a
      // colleague by id, which the service checks.
      expect((await mw1.get('/v1/medewerkers')).json().code).toBe('auth.rol-niet-toegestaan');
      const partner = clientFor(t, { sub: 'politie-1', rol: 'ketenpartner', gemeenten: ['Nijmegen'] });
      expect((await partner.get('/v1/medewerkers')).json().code).toBe('auth.rol-niet-toegestaan');
    });

    it('updates a sighting at most every 10 minutes, at once when the token says something new', async () => {
      const seen = async () => (await beheer.get('/v1/medewerkers?zoek=mw-002')).json().medewerkers[0];
      const first = await seen();
      t.clock.advance(5 * MINUTE);
      await mw2.get('/v1/ik');
      expect((await seen()).laatstGezien).toBe(first.laatstGezien);
      t.clock.advance(6 * MINUTE);
      await mw2.get('/v1/ik');
      const later = await seen();
      expect(later.laatstGezien).not.toBe(first.laatstGezien);
      expect(later.eerstGezien).toBe(first.eerstGezien);
      // A new name is taken at once.
      await clientFor(t, { sub: 'mw-002', organisatie: 'Wijkteam Oost', name: 'Sam Boer' }).get('/v1/ik');
      expect((await seen()).naam).toBe('Sam Boer');
      // A name that is not plain text is ignored, not a reason to refuse the token.
      t.clock.advance(11 * MINUTE);
      expect((await clientFor(t, { sub: 'mw-002', organisatie: 'Wijkteam Oost', name: 'Sam\u0007Boer' }).get('/v1/ik')).statusCode).toBe(200);
      expect((await seen()).naam).toBe('Sam Boer');
      // A token without a name keeps the one known.
      t.clock.advance(11 * MINUTE);
      await clientFor(t, { sub: 'mw-002', organisatie: 'Wijkteam Oost' }).get('/v1/ik');
      expect((await seen()).naam).toBe('Sam Boer');
    });
  });

  describe('substitutes', () => {
    it('gives the substitute the regisseur’s rights in the period only, and logs them as substitute', async () => {
      const c = await openCase(mw1);
      // No substitute yet: mw-002 does not see the case.
      expect((await mw2.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
      const now = t.clock.now().getTime();
      const named = await mw1.request('PUT', '/v1/medewerkers/ik/vervanging', {
        body: { vervanger: 'mw-002', van: new Date(now + DAY).toISOString(), tot: new Date(now + 8 * DAY).toISOString() },
      });
      expect(named.statusCode, named.body).toBe(200);
      expect(named.json()).toMatchObject({ regisseur: 'mw-001', vervanger: 'mw-002' });
      expect((await mw1.get('/v1/medewerkers/ik/vervanging')).json().vervanger).toBe('mw-002');
      // Before the period: no rights.
      expect((await mw2.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
      t.clock.advance(2 * DAY);
      const read = await mw2.get(`/v1/casussen/${c.id}`);
      expect(read.statusCode, read.body).toBe(200);
      // The regisseur's cases are in the substitute's list in the period.
      expect((await mw2.get('/v1/casussen?paginaGrootte=100')).json().casussen.map((x: { id: string }) => x.id)).toContain(c.id);
      const scored = await mw2.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, c.version, toplist(5));
      expect(scored.statusCode, scored.body).toBe(201);
      // The regisseur's rights: a manual escalation is the regisseur's alone.
      const escalated = await mw2.write('POST', `/v1/casussen/${c.id}/opschalingen`, c.version + 1, { reden: 'zorgen' });
      expect(escalated.statusCode, escalated.body).toBe(201);
      // A refusal by the machine while acting as substitute is logged as such too.
      expect((await mw2.write('POST', `/v1/casussen/${c.id}/faseovergangen`, c.version + 2, { naar: 'oorzaken-onderzoeken' })).statusCode).toBe(409);
      // And how the case is directed (coordination on safety, the regisseur's alone) is theirs to set in the period too.
      const marked = await mw2.write('PUT', `/v1/casussen/${c.id}/coordinatie-op-veiligheid`, c.version + 2, { coordinatieOpVeiligheid: true });
      expect(marked.statusCode, marked.body).toBe(200);
      expect((await clientFor(t, { sub: 'mw-003' }).write('PUT', `/v1/casussen/${c.id}/coordinatie-op-veiligheid`, c.version + 3, { coordinatieOpVeiligheid: false })).statusCode).toBe(404);
      // Not in another municipality's case of the regisseur, nor for a third colleague.
      expect((await clientFor(t, { sub: 'mw-003' }).get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
      // Every access-log row of the substitute on the case says for whom.
      const auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', gemeenten: [] });
      const rows = (await auditor.get('/v1/toegangslog?medewerker=mw-002')).json().toegangen.filter((r: { casusId: string | null }) => r.casusId === c.id);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.some((r: { status: number }) => r.status === 409)).toBe(true);
      // (The 404s are from before and after the period: then they were not the substitute.)
      for (const row of rows.filter((r: { status: number }) => r.status !== 404)) {
        expect(row.namens).toBe('vervanger van mw-001');
        expect(row.doel).toMatch(/als vervanger van regisseur mw-001/);
      }
      // After the period: no rights.
      t.clock.advance(7 * DAY);
      expect((await mw2.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
      expect((await mw2.get('/v1/casussen?paginaGrootte=100')).json().casussen.map((x: { id: string }) => x.id)).not.toContain(c.id);
      // Ended by hand.
      expect((await mw1.request('DELETE', '/v1/medewerkers/ik/vervanging')).statusCode).toBe(204);
      expect((await mw1.get('/v1/medewerkers/ik/vervanging')).json().code).toBe('vervanging.niet-gevonden');
    });

    it('gives no substitute rights on a case where the substitute is on the perpetrator’s side', async () => {
      const c = await openCase(mw1);
      const added = await mw1.request('POST', `/v1/casussen/${c.id}/betrokkenen`, {
        body: { soort: 'professional', id: 'mw-002', organisatie: 'Reclassering', rol: 'reclassering', grondslag: 'toestemming', zijde: 'pleger' },
      });
      expect(added.statusCode, added.body).toBe(201);
      const now = t.clock.now().getTime();
      await mw1.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { vervanger: 'mw-002', van: new Date(now - DAY).toISOString(), tot: new Date(now + DAY).toISOString() } });
      const read = await mw2.get(`/v1/casussen/${c.id}`);
      expect(read.statusCode).toBe(200);
      // In the network as a perpetrator-side professional, not as the substitute: no regisseur's rights.
      expect((await mw2.write('POST', `/v1/casussen/${c.id}/opschalingen`, 2, { reden: 'x' })).json().code).toBe('casus.alleen-regisseur-schaalt-op');
      await mw1.request('DELETE', '/v1/medewerkers/ik/vervanging');
    });

    it('refuses an unknown, gone or self substitute, and a bad period', async () => {
      const now = t.clock.now().getTime();
      const period = { van: new Date(now).toISOString(), tot: new Date(now + DAY).toISOString() };
      const put = (body: object) => mw1.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { ...period, ...body } });
      expect((await put({ vervanger: 'mw-onbekend' })).json()).toMatchObject({ status: 422, code: 'medewerker.onbekend' });
      expect((await put({ vervanger: 'mw-arnhem' })).json().code).toBe('medewerker.onbekend');
      expect((await put({ vervanger: 'beheer-nijmegen' })).json().code).toBe('medewerker.onbekend');
      expect((await put({ vervanger: 'mw-001' })).json().code).toBe('vervanging.zelf');
      expect((await put({ vervanger: 'mw-002', tot: new Date(now - DAY).toISOString() })).json().code).toBe('vervanging.periode-ongeldig');
      expect((await put({ vervanger: 'mw-002', tot: new Date(now + 400 * DAY).toISOString() })).json().code).toBe('vervanging.periode-ongeldig');
      expect((await beheer.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { ...period, vervanger: 'mw-002' } })).statusCode).toBe(403);
    });
  });

  describe('gone', () => {
    it('gives no substitute rights while the regisseur is marked as gone; a regisseur whose substitute left is told so; undoing the marking brings the cover back', async () => {
      const now = t.clock.now().getTime();
      const period = { van: new Date(now - DAY).toISOString(), tot: new Date(now + 10 * DAY).toISOString() };
      const leaver = clientFor(t, { sub: 'mw-030' });
      const substitute = clientFor(t, { sub: 'mw-031' });
      const stayer = clientFor(t, { sub: 'mw-032' });
      for (const c of [leaver, substitute, stayer]) await c.get('/v1/ik');
      const leaversCase = await openCase(leaver);
      expect((await leaver.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { ...period, vervanger: 'mw-031' } })).statusCode).toBe(200);
      expect((await substitute.get(`/v1/casussen/${leaversCase.id}`)).statusCode).toBe(200);
      expect((await beheer.request('POST', '/v1/medewerkers/mw-030/vertrokken')).statusCode).toBe(200);
      // The delegation rests with the regisseur gone: the beheerder reassigns the case (its werkvoorraad item).
      expect((await substitute.get(`/v1/casussen/${leaversCase.id}`)).statusCode).toBe(404);
      expect((await substitute.write('POST', `/v1/casussen/${leaversCase.id}/veiligheidsscores`, leaversCase.version, toplist(5))).statusCode).toBe(404);
      expect((await substitute.get('/v1/casussen')).json().casussen.map((c: { id: string }) => c.id)).not.toContain(leaversCase.id);
      // A mistake undone: the cover is back.
      expect((await beheer.request('POST', '/v1/medewerkers/mw-030/terug')).statusCode).toBe(200);
      expect((await substitute.get(`/v1/casussen/${leaversCase.id}`)).statusCode).toBe(200);

      // The other way round: the substitute leaves; the regisseur sees that the cover is gone.
      expect((await stayer.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { ...period, vervanger: 'mw-031' } })).json().vervangerVertrokken).toBe(false);
      expect((await beheer.request('POST', '/v1/medewerkers/mw-031/vertrokken')).statusCode).toBe(200);
      expect((await stayer.get('/v1/medewerkers/ik/vervanging')).json()).toMatchObject({ vervanger: 'mw-031', vervangerVertrokken: true });
      expect((await beheer.request('POST', '/v1/medewerkers/mw-031/terug')).statusCode).toBe(200);
      expect((await stayer.get('/v1/medewerkers/ik/vervanging')).json().vervangerVertrokken).toBe(false);
      for (const c of [leaver, stayer]) expect((await c.request('DELETE', '/v1/medewerkers/ik/vervanging')).statusCode).toBe(204);
    });

    it('puts the gone regisseur’s open cases in the beheerder’s werkvoorraad, and hands them all to one colleague', async () => {
      const leaver = clientFor(t, { sub: 'mw-010', name: 'Vera Vertrek' });
      const heir = clientFor(t, { sub: 'mw-011' });
      await heir.get('/v1/ik');
      const cases = [await openCase(leaver), await openCase(leaver), await openCase(leaver)];
      // One case where the heir is on the perpetrator's side: that case is refused and keeps its regisseur.
      const blocked = cases[2]!;
      expect((await leaver.request('POST', `/v1/casussen/${blocked.id}/betrokkenen`, {
        body: { soort: 'professional', id: 'mw-011', organisatie: 'Vriend', rol: 'steun', grondslag: 'toestemming', zijde: 'pleger' },
      })).statusCode).toBe(201);
      // An open proposal the leaver made on one case: the reassignment ends it.
      expect((await leaver.write('PUT', `/v1/casussen/${cases[1]!.id}/regisseur`, 1, { regisseur: { id: 'mw-002', organisatie: 'Wijkteam Oost' }, reden: 'verlof' })).statusCode).toBe(200);
      // Not gone yet: no reassignment of all at once.
      expect((await beheer.request('POST', '/v1/medewerkers/mw-010/overdracht', { body: { naar: 'mw-011' } })).json().code).toBe('medewerker.niet-vertrokken');
      // A beheerder of another municipality does not know them.
      const arnhem = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
      expect((await arnhem.request('POST', '/v1/medewerkers/mw-010/vertrokken')).json().code).toBe('medewerker.niet-gevonden');
      expect((await mw1.request('POST', '/v1/medewerkers/mw-010/vertrokken')).statusCode).toBe(403);

      const gone = await beheer.request('POST', '/v1/medewerkers/mw-010/vertrokken');
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json().medewerker).toMatchObject({ id: 'mw-010', naam: 'Vera Vertrek' });
      expect(gone.json().medewerker.vertrokkenOp).not.toBeNull();
      expect(gone.json().casussen.sort()).toEqual(cases.map((c) => c.id).sort());
      expect((await beheer.request('POST', '/v1/medewerkers/mw-010/vertrokken')).json().code).toBe('medewerker.al-vertrokken');
      // Each case shows the signal for the beheerder; the marking is in each case's access log.
      const timeline = (await beheer.get(`/v1/casussen/${cases[0]!.id}/tijdlijn`)).json();
      expect(timeline.gebeurtenissen.map((e: { type: string }) => e.type)).toContain('casus.regisseur-vertrokken');
      // The beheerder's werkvoorraad lists them (recordSignals: stored with a werkvoorraad.item webhook).
      const items = (await beheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items as { casusId: string; geadresseerde: string }[];
      expect(items.map((i) => i.casusId).sort()).toEqual(cases.map((c) => c.id).sort());
      expect(new Set(items.map((i) => i.geadresseerde))).toEqual(new Set(['beheerder']));
      // Gone: no longer listed (unless asked), no longer proposed as regisseur or substitute.
      expect((await beheer.get('/v1/medewerkers?zoek=mw-010')).json().medewerkers).toEqual([]);
      expect((await beheer.get('/v1/medewerkers?zoek=mw-010&vertrokken=ja')).json().medewerkers).toHaveLength(1);
      const now = t.clock.now().getTime();
      expect((await mw1.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { vervanger: 'mw-010', van: new Date(now).toISOString(), tot: new Date(now + DAY).toISOString() } })).json().code).toBe('medewerker.vertrokken');
      const own = await openCase(mw1);
      expect((await mw1.write('PUT', `/v1/casussen/${own.id}/regisseur`, own.version, { regisseur: { id: 'mw-010', organisatie: 'X' }, reden: 'x' })).json()).toMatchObject({ status: 422, code: 'medewerker.vertrokken' });

      // All to one colleague: unknown and gone colleagues are refused first.
      expect((await beheer.request('POST', '/v1/medewerkers/mw-010/overdracht', { body: { naar: 'mw-nobody' } })).json().code).toBe('medewerker.onbekend');
      const moved = await beheer.request('POST', '/v1/medewerkers/mw-010/overdracht', { body: { naar: 'mw-011' } });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().overgedragen.sort()).toEqual([cases[0]!.id, cases[1]!.id].sort());
      expect(moved.json().geweigerd).toEqual([{ casus: blocked.id, code: 'casus.regisseur-plegerzijde', detail: expect.any(String) }]);
      // Every case the beheerder looked at is in the access log, the refused one too.
      const logRows = await t.database.handle.pool.query<{ case_id: string; action: string }>(
        "SELECT case_id, action FROM access_log WHERE actor_sub = 'beheer-nijmegen' AND case_id = ANY($1::uuid[]) AND action LIKE '%overdracht%'",
        [cases.map((c) => c.id)],
      );
      expect(logRows.rows.map((r) => r.case_id).sort()).toEqual(cases.map((c) => c.id).sort());
      expect(logRows.rows.find((r) => r.case_id === blocked.id)?.action).toContain('overdracht geweigerd');
      // Exactly one regisseur per case: the heir on the moved ones, the leaver on the refused one.
      for (const c of cases) {
        const read = (await beheer.get(`/v1/casussen/${c.id}`)).json();
        expect(read.regisseur.id).toBe(c.id === blocked.id ? 'mw-010' : 'mw-011');
      }
      expect((await heir.get(`/v1/casussen/${cases[0]!.id}`)).statusCode).toBe(200);
      expect((await beheer.get(`/v1/casussen/${cases[1]!.id}`)).json().regiewissel).toBeNull();
      expect((await mw2.write('POST', `/v1/casussen/${cases[1]!.id}/regiewissel/acceptatie`, 4)).statusCode).toBe(404);
      // The werkvoorraad items of the moved cases are done; the refused case's stays for the beheerder.
      const open = await t.database.handle.pool.query<{ case_id: string }>("SELECT case_id FROM signals WHERE kind = 'regisseur-vertrokken' AND done_at IS NULL");
      expect(open.rows.map((r) => r.case_id)).toEqual([blocked.id]);
      const doneBy = await t.database.handle.pool.query<{ done_by: string }>("SELECT DISTINCT done_by FROM signals WHERE kind = 'regisseur-vertrokken' AND done_at IS NOT NULL");
      expect(doneBy.rows).toEqual([{ done_by: 'beheer-nijmegen' }]);
      expect((await beheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items.map((i: { casusId: string }) => i.casusId)).toEqual([blocked.id]);
      expect((await beheer.get(`/v1/casussen?regisseur=mw-011`)).json().casussen.map((c: { id: string }) => c.id).sort()).toEqual([cases[0]!.id, cases[1]!.id].sort());
      // Nothing left to move the second time but the refused case.
      const again = await beheer.request('POST', '/v1/medewerkers/mw-010/overdracht', { body: { naar: 'mw-011' } });
      expect(again.json().overgedragen).toEqual([]);
    });

    it('refuses a gone professional on every route, logged, until a beheerder undoes it (and a gone substitute has no rights)', async () => {
      const leaver = clientFor(t, { sub: 'mw-020' });
      const substitute = clientFor(t, { sub: 'mw-021' });
      await substitute.get('/v1/ik');
      const c = await openCase(leaver);
      const now = t.clock.now().getTime();
      const period = { van: new Date(now - DAY).toISOString(), tot: new Date(now + DAY).toISOString() };
      expect((await leaver.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { ...period, vervanger: 'mw-021' } })).statusCode).toBe(200);
      expect((await substitute.get(`/v1/casussen/${c.id}`)).statusCode).toBe(200);

      expect((await beheer.request('POST', '/v1/medewerkers/mw-020/vertrokken')).statusCode).toBe(200);
      // Reads, writes, naming a substitute, proposing a handover, even "who am I": all refused with one code.
      const refusals = [
        await leaver.request('GET', `/v1/casussen/${c.id}`, { headers: { 'x-request-id': 'weg-1' } }),
        await leaver.get('/v1/ik'),
        await leaver.get('/v1/casussen'),
        await leaver.write('POST', `/v1/casussen/${c.id}/opschalingen`, c.version, { reden: 'x' }),
        await leaver.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { ...period, vervanger: 'mw-002' } }),
        await leaver.write('PUT', `/v1/casussen/${c.id}/regisseur`, c.version, { regisseur: { id: 'mw-002', organisatie: 'Wijkteam Oost' }, reden: 'x' }),
      ];
      for (const refused of refusals) {
        expect(refused.statusCode, refused.body).toBe(403);
        expect(refused.json()).toMatchObject({ code: 'auth.medewerker-vertrokken', detail: expect.stringContaining('Nijmegen') });
      }
      const logged = await t.database.handle.pool.query("SELECT actor_sub, result, status FROM access_log WHERE request_id = 'weg-1'");
      expect(logged.rows).toEqual([{ actor_sub: 'mw-020', result: 'geweigerd', status: 403 }]);
      // The case still has its one regisseur, and the leaver's substitute (not gone) still stands in.
      expect((await beheer.get(`/v1/casussen/${c.id}`)).json().regisseur.id).toBe('mw-020');

      // A gone substitute has no rights either.
      expect((await beheer.request('POST', '/v1/medewerkers/mw-021/vertrokken')).statusCode).toBe(200);
      expect((await substitute.get(`/v1/casussen/${c.id}`)).json().code).toBe('auth.medewerker-vertrokken');

      // Undo: by a beheerder of a shared municipality only, logged per case; the rights return, the items are done.
      const arnhem = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
      expect((await arnhem.request('POST', '/v1/medewerkers/mw-020/terug')).json().code).toBe('medewerker.niet-gevonden');
      expect((await mw1.request('POST', '/v1/medewerkers/mw-020/terug')).json().code).toBe('auth.rol-niet-toegestaan');
      const back = await beheer.request('POST', '/v1/medewerkers/mw-020/terug', { headers: { 'x-request-id': 'terug-1' } });
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json()).toMatchObject({ medewerker: { id: 'mw-020', vertrokkenOp: null }, casussen: [c.id] });
      expect((await t.database.handle.pool.query("SELECT case_id FROM access_log WHERE request_id = 'terug-1'")).rows).toEqual([{ case_id: c.id }]);
      expect((await beheer.request('POST', '/v1/medewerkers/mw-020/terug')).json().code).toBe('medewerker.niet-vertrokken');
      expect((await leaver.get(`/v1/casussen/${c.id}`)).statusCode).toBe(200);
      expect((await beheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items.map((i: { casusId: string }) => i.casusId)).not.toContain(c.id);
      // Still gone: the substitute.
      expect((await substitute.get('/v1/ik')).statusCode).toBe(403);
      expect((await beheer.request('POST', '/v1/medewerkers/mw-021/terug')).statusCode).toBe(200);
      expect((await substitute.get(`/v1/casussen/${c.id}`)).statusCode).toBe(200);
    });

    it('makes an item for every open case the gone professional directs, for the beheerder of that case’s municipality', async () => {
      const multi = clientFor(t, { sub: 'mw-multi', gemeenten: ['Nijmegen', 'Arnhem'] });
      const inNijmegen = await openCase(multi);
      const created = await multi.request('POST', '/v1/casussen', { body: { ...household, gemeente: 'Arnhem' } });
      expect(created.statusCode, created.body).toBe(201);
      const arnhemId = created.json().id as string;
      const gone = await beheer.request('POST', '/v1/medewerkers/mw-multi/vertrokken', { headers: { 'x-request-id': 'weg-multi' } });
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json().casussen).toContain(arnhemId);
      const arnhemBeheer = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
      const arnhemItems = (await arnhemBeheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items as { casusId: string }[];
      expect(arnhemItems.map((i) => i.casusId)).toEqual([arnhemId]);
      const nijmegenItems = (await beheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items as { casusId: string }[];
      expect(nijmegenItems.map((i) => i.casusId)).toEqual(expect.arrayContaining([inNijmegen.id]));
      expect(nijmegenItems.map((i) => i.casusId)).not.toContain(arnhemId);
      const logged = await t.database.handle.pool.query("SELECT case_id FROM access_log WHERE request_id = 'weg-multi'");
      expect(logged.rows.map((r: { case_id: string }) => r.case_id)).toEqual(expect.arrayContaining([arnhemId, inNijmegen.id]));
    });

    it('logs naming and ending a substitute', async () => {
      const now = t.clock.now().getTime();
      const body = { vervanger: 'mw-002', van: new Date(now).toISOString(), tot: new Date(now + DAY).toISOString() };
      expect((await mw1.request('PUT', '/v1/medewerkers/ik/vervanging', { body, headers: { 'x-request-id': 'verv-1' } })).statusCode).toBe(200);
      expect((await mw1.request('DELETE', '/v1/medewerkers/ik/vervanging', { headers: { 'x-request-id': 'verv-2' } })).statusCode).toBe(204);
      expect((await mw1.request('DELETE', '/v1/medewerkers/ik/vervanging', { headers: { 'x-request-id': 'verv-3' } })).statusCode).toBe(404);
      const logged = await t.database.handle.pool.query(
        "SELECT request_id, actor_sub, action, result, status, case_id FROM access_log WHERE request_id IN ('verv-1', 'verv-2', 'verv-3') ORDER BY request_id",
      );
      expect(logged.rows).toEqual([
        { request_id: 'verv-1', actor_sub: 'mw-001', action: 'PUT /v1/medewerkers/ik/vervanging', result: 'toegestaan', status: 200, case_id: null },
        { request_id: 'verv-2', actor_sub: 'mw-001', action: 'DELETE /v1/medewerkers/ik/vervanging', result: 'toegestaan', status: 204, case_id: null },
        { request_id: 'verv-3', actor_sub: 'mw-001', action: 'DELETE /v1/medewerkers/ik/vervanging', result: 'geweigerd', status: 404, case_id: null },
      ]);
    });
  });
});
