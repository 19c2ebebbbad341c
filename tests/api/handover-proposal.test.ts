/**
 * Issue 16 point 11: a handover is accepted, not imposed. PUT .../regisseur
 * proposes; the proposed accepts or declines; until then the old regisseur
 * stays regisseur; unanswered proposals reach both regisseurs after 2 working
 * days and the beheerder after 5 (weekends and Dutch public holidays skipped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

const HOUR = 3_600_000;

describe('a handover is proposed and accepted', () => {
  let t: TestApp;
  let regisseur: Client;
  let proposed: Client;
  let other: Client;
  let beheer: Client;
  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t, { sub: 'mw-001' });
    proposed = clientFor(t, { sub: 'mw-002', organisatie: 'Wijkteam Oost' });
    other = clientFor(t, { sub: 'mw-003' });
    beheer = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
    for (const c of [regisseur, proposed, other, beheer, clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'] })]) await c.get('/v1/ik');
  });
  afterAll(async () => t.close());

  async function openCase(): Promise<{ id: string; version: () => Promise<number> }> {
    const created = await regisseur.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    return { id, version: async () => (await beheer.get(`/v1/casussen/${id}`)).json().versie };
  }
  const to = (id: string, organisatie = 'Wijkteam Oost') => ({ regisseur: { id, organisatie }, reden: 'Verlof' });

  it('proposes: the old regisseur stays regisseur, the proposed may look but not change', async () => {
    const c = await openCase();
    // The organisation as typed by the proposer is replaced by the new regisseur's own at acceptance.
    const answer = await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002', 'Wijkteam O.'));
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().regisseur.id).toBe('mw-001');
    expect(answer.json().regiewissel).toMatchObject({ voorgesteldAan: { id: 'mw-002' }, voorgesteldDoor: 'mw-001', reden: 'Verlof' });
    // The old regisseur still directs the case.
    expect((await regisseur.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, 2, toplist(4))).statusCode).toBe(201);
    // The proposed reads it (to decide), without sealed details, and changes nothing.
    const look = await proposed.get(`/v1/casussen/${c.id}`);
    expect(look.statusCode).toBe(200);
    expect(look.json().regiewissel.voorgesteldAan.id).toBe('mw-002');
    expect((await proposed.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, 3, toplist(5))).json().code).toBe('casus.voorgesteld-alleen-inzage');
    // Anyone else still does not see it.
    expect((await other.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
    // One open proposal at a time.
    expect((await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 3, to('mw-003'))).json()).toMatchObject({ status: 409, code: 'regiewissel.al-voorgesteld' });

    // Accepted by someone else: refused; by a stranger: the case does not exist for them.
    expect((await regisseur.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 3)).json()).toMatchObject({ status: 403, code: 'regiewissel.niet-aan-u' });
    expect((await other.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 3)).statusCode).toBe(404);
    expect((await beheer.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 3)).statusCode).toBe(403);

    const accepted = await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 3);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ regisseur: { id: 'mw-002', organisatie: 'Wijkteam Oost' }, regiewissel: null, versie: 4 });
    // Exactly one regisseur: the old one has lost access, the new one writes.
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
    expect((await proposed.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, 4, toplist(6))).statusCode).toBe(201);
    const types = (await proposed.get(`/v1/casussen/${c.id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['regiewissel.voorgesteld', 'regiewissel.geaccepteerd']));
    // Nothing left to answer.
    expect((await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/afwijzing`, 5)).json().code).toBe('regiewissel.geen-open-voorstel');
  });

  it('refuses a proposal to someone the service does not know as a local-team colleague of the municipality', async () => {
    const c = await openCase();
    for (const id of ['mw-typo', 'MW-002', 'mw-arnhem', 'beheer-1']) {
      const refused = await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to(id));
      expect(refused.json(), id).toMatchObject({ status: 422, code: 'medewerker.onbekend' });
      expect(refused.json().detail).toMatch(/GET \/v1\/medewerkers/);
    }
    // Nothing changed.
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json()).toMatchObject({ versie: 1, regiewissel: null, regisseur: { id: 'mw-001' } });
    // The existing handover rules still apply at proposal.
    expect((await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-001'))).json().code).toBe('casus.regisseur-ongewijzigd');
  });

  it('declined: the old regisseur stays, and a new proposal can follow', async () => {
    const c = await openCase();
    await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    const declined = await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/afwijzing`, 2, { reden: 'Geen ruimte' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ regisseur: { id: 'mw-001' }, regiewissel: null });
    // Declined: the proposed no longer sees the case.
    expect((await proposed.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).statusCode).toBe(200);
    expect((await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 3, to('mw-003', 'Wijkteam'))).statusCode).toBe(200);
  });

  it('is withdrawn by who proposed it, not by another', async () => {
    const c = await openCase();
    await beheer.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    expect((await regisseur.write('POST', `/v1/casussen/${c.id}/regiewissel/intrekking`, 2)).json()).toMatchObject({ status: 403, code: 'regiewissel.niet-uw-voorstel' });
    const withdrawn = await beheer.write('POST', `/v1/casussen/${c.id}/regiewissel/intrekking`, 2);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ regisseur: { id: 'mw-001' }, regiewissel: null });
    expect((await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 3)).statusCode).toBe(404);
  });

  it('judges the perpetrator side again at acceptance', async () => {
    const c = await openCase();
    await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    const added = await regisseur.request('POST', `/v1/casussen/${c.id}/betrokkenen`, {
      body: { soort: 'professional', id: 'mw-002', organisatie: 'Reclassering', rol: 'reclassering', grondslag: 'toestemming', zijde: 'pleger' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const refused = await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, await c.version());
    expect(refused.json()).toMatchObject({ status: 422, code: 'casus.regisseur-plegerzijde' });
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().regisseur.id).toBe('mw-001');
  });

  it('refuses the acceptance of someone marked as gone since the proposal', async () => {
    const c = await openCase();
    const leaving = clientFor(t, { sub: 'mw-006' });
    await leaving.get('/v1/ik');
    expect((await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-006', 'Wijkteam'))).statusCode).toBe(200);
    expect((await beheer.request('POST', '/v1/medewerkers/mw-006/vertrokken')).statusCode).toBe(200);
    // Refused before the case is read: a gone professional has no rights at all (the machine's own guard,
    // 422 medewerker.vertrokken, covers another instance's up-to-15-seconds window; packages/domain tests).
    expect((await leaving.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 2)).json()).toMatchObject({ status: 403, code: 'auth.medewerker-vertrokken' });
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().regisseur.id).toBe('mw-001');
    // The proposer withdraws it and proposes someone else.
    expect((await regisseur.write('POST', `/v1/casussen/${c.id}/regiewissel/intrekking`, 2)).statusCode).toBe(200);
  });

  it('signals an unanswered proposal to both regisseurs after 2 working days and to the beheerder after 5', async () => {
    // Friday 24 April 2026, 10:00 in Nijmegen; Monday 27 April is Koningsdag.
    t.clock.set(new Date('2026-04-24T08:00:00Z'));
    const c = await openCase();
    // Other cases' timers (counted by the signals of this case only).
    await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    const fire = () => fireDueTimers({ db: t.database.handle.db, clock: t.clock });
    const signals = async () =>
      (await regisseur.get(`/v1/casussen/${c.id}/tijdlijn`)).json().gebeurtenissen.filter((e: { type: string }) => e.type === 'casus.regiewissel-wacht').length;
    // Tuesday 28 April, 10:00: only one working day (Koningsdag is none).
    t.clock.set(new Date('2026-04-28T08:00:00Z'));
    await fire();
    expect(await signals()).toBe(0);
    // Wednesday 29 April, 10:00: two working days.
    t.clock.set(new Date('2026-04-29T08:00:00Z'));
    await fire();
    expect(await signals()).toBe(2);
    // Friday 1 May: four working days; Monday 4 May 10:00: five.
    t.clock.set(new Date('2026-05-01T08:00:00Z'));
    await fire();
    t.clock.set(new Date('2026-05-04T08:00:00Z'));
    await fire();
    expect(await signals()).toBe(3);
    const rows = await t.database.handle.pool.query<{ addressee_sub: string | null; addressee_role: string | null; done_at: Date | null }>(
      "SELECT addressee_sub, addressee_role, done_at FROM signals WHERE case_id = $1 AND kind = 'regiewissel-wacht' ORDER BY seq",
      [c.id],
    );
    expect(rows.rows.map((r) => [r.addressee_sub, r.addressee_role, r.done_at])).toEqual([
      // The current regisseur's follows the case; the proposed, who does not direct it yet, is named.
      [null, 'regisseur', null],
      ['mw-002', 'voorgestelde-regisseur', null],
      [null, 'beheerder', null],
    ]);
    // Each sees it in their werkvoorraad, with who it is for.
    const waiting = async (client: typeof regisseur) =>
      (await client.get('/v1/werkvoorraad?soort=regiewissel-wacht')).json().items.filter((i: { casusId: string }) => i.casusId === c.id).map((i: { geadresseerde: string; gegevens: { niveau: string } }) => [i.geadresseerde, i.gegevens.niveau]);
    expect(await waiting(regisseur)).toEqual([['regisseur', 'regisseurs']]);
    expect(await waiting(proposed)).toEqual([['voorgestelde-regisseur', 'regisseurs']]);
    expect(await waiting(beheer)).toEqual([['beheerder', 'beheerder']]);
    // Answered: the signals are done (by whoever answered), and no timer is left.
    await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/afwijzing`, await c.version());
    const after = await t.database.handle.pool.query<{ open: number; by: string[] }>(
      // (The start letter made at the opening is another matter: issue 17 point 7.)
      "SELECT count(*) FILTER (WHERE done_at IS NULL)::int AS open, array_agg(DISTINCT done_by) AS by FROM signals WHERE case_id = $1 AND kind <> 'brief-versturen'",
      [c.id],
    );
    expect(after.rows[0]).toEqual({ open: 0, by: ['mw-002'] });
    expect(await waiting(proposed)).toEqual([]);
    t.clock.advance(30 * 24 * HOUR);
    await fire();
    expect(await signals()).toBe(3);
  });

  it('tells the proposed at once in their werkvoorraad; the item is done when they answer', async () => {
    t.clock.set(new Date('2026-06-01T08:00:00Z'));
    const c = await openCase();
    await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    const mine = async () => (await proposed.get('/v1/werkvoorraad?soort=regiewissel-voorgesteld')).json().items.filter((i: { casusId: string }) => i.casusId === c.id);
    expect(await mine()).toMatchObject([{ soort: 'regiewissel-voorgesteld', geadresseerde: 'voorgestelde-regisseur', status: 'open' }]);
    // Nobody else gets it.
    expect((await other.get('/v1/werkvoorraad?soort=regiewissel-voorgesteld')).json().items.filter((i: { casusId: string }) => i.casusId === c.id)).toEqual([]);
    const accepted = await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 2);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await mine()).toEqual([]);
  });

  it('closing the case ends an open proposal: its items are done, the proposed no longer reads it, nothing to accept after a reopening', async () => {
    t.clock.set(new Date('2026-07-01T08:00:00Z'));
    const c = await openCase();
    await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    expect((await regisseur.write('POST', `/v1/casussen/${c.id}/terugmeldingen`, 2, { reden: 'hulp-geweigerd', toelichting: 'Gezin wil geen hulp.' })).statusCode).toBe(201);
    const closed = await regisseur.write('POST', `/v1/casussen/${c.id}/afsluiting`, 3, { reden: 'hulp-geweigerd' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().regiewissel).toBeNull();
    expect((await proposed.get(`/v1/casussen/${c.id}`)).statusCode).toBe(404);
    const open = await t.database.handle.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM signals WHERE case_id = $1 AND kind LIKE 'regiewissel%' AND done_at IS NULL", [c.id]);
    expect(open.rows[0]?.n).toBe(0);
    const reopened = await regisseur.write('POST', `/v1/casussen/${c.id}/heropening`, 4, { reden: 'Nieuwe melding' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 5)).statusCode).toBe(404);
    expect((await regisseur.get(`/v1/casussen/${c.id}`)).json().regisseur.id).toBe('mw-001');
  });

  it('cancels the waiting timers when the proposal is answered early', async () => {
    t.clock.set(new Date('2026-12-23T09:00:00Z'));
    const c = await openCase();
    await regisseur.write('PUT', `/v1/casussen/${c.id}/regisseur`, 1, to('mw-002'));
    await proposed.write('POST', `/v1/casussen/${c.id}/regiewissel/acceptatie`, 2);
    t.clock.set(new Date('2027-01-15T09:00:00Z'));
    await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
    const types = (await proposed.get(`/v1/casussen/${c.id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
    expect(types).not.toContain('casus.regiewissel-wacht');
    expect(types).not.toContain('regiewissel.gesignaleerd');
  });
});
