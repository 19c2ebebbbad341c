/**
 * The werkvoorraad (issue 16, point 5) over HTTP: signals made by timers,
 * decisions, messages and refused creations reach their addressee, follow
 * the case on handover, sort overdue first, page, filter and are marked done
 * by their addressee only; each is also a webhook `werkvoorraad.item`.
 */
import { randomUUID } from 'node:crypto';
import { isComputedKind, type SignalKind } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';

const VT_OIN = '00000001823288444000';
const DAY = 86_400_000;

interface Item {
  id: string;
  soort: string;
  omschrijving: string;
  casusId: string | null;
  gemeente: string;
  geadresseerde: string;
  vervaldatum: string;
  verlopen: boolean;
  status: string;
  gegevens: Record<string, unknown>;
  aangemaaktOp: string;
  afgehandeldOp: string | null;
  afgehandeldDoor: string | null;
}

/** A household recognisable by name and birth date, one per case (1 gezin, 1 plan). */
const householdOf = (family: string, year: number) => ({
  gemeente: 'Nijmegen',
  bron: 'veilig-thuis',
  leden: [
    { naam: `Sanne ${family}`, geboortedatum: `${year}-03-04`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
    { naam: `Tom ${family}`, geboortedatum: `${year + 28}-07-01`, relatie: 'kind', betrokkenheid: ['getuige'] },
  ],
});
const personOf = (family: string, year: number) => [{ naam: `Sanne ${family}`, geboortedatum: `${year}-03-04` }];

describe('the werkvoorraad', () => {
  let t: TestApp;
  let mw1: Client;
  let mw2: Client;
  let vt: Client;
  let admin: Client;
  const fire = () => fireDueTimers({ db: t.database.handle.db, clock: t.clock });
  const send = (body: unknown) => vt.request('POST', '/v1/berichten', { body, headers: { 'idempotency-key': randomUUID() } });

  beforeAll(async () => {
    t = await createTestApp({ env: { CREATION_MATCHES_PER_DAY: '1' } });
    mw1 = clientFor(t, { sub: 'mw-001' });
    mw2 = clientFor(t, { sub: 'mw-002' });
    vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Nijmegen'] });
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', gemeenten: ['Nijmegen'] });
    t.clock.set(new Date('2026-01-31T10:00:00Z'));
    const subscription = await admin.request('POST', '/v1/abonnementen', {
      body: { organisatie: 'Casussysteem', url: 'http://127.0.0.1:9/hook', gebeurtenissen: ['werkvoorraad.item'], gemeenten: ['Nijmegen'] },
    });
    expect(subscription.statusCode, subscription.body).toBe(201);
  });
  afterAll(async () => t.close());

  async function openCase(client: Client, family: string, year: number): Promise<{ id: string; version: number; deadline: string }> {
    const created = await client.request('POST', '/v1/casussen', { body: householdOf(family, year) });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id, version: Number(JSON.parse(created.headers.etag as string)), deadline: created.json().veiligheidsdeadline };
  }
  /**
   * The stored signals of a werkvoorraad: this file is about them. The items the cases imply (issue 17:
   * the next scoring of every open case, agreements, Handle with Care) are tests/api/werkvoorraad-dag.test.ts's, the letters
   * to send (every case opened here asks for a start letter, issue 17 point 7) tests/api/letters.test.ts's.
   */
  const list = async (client: Client, query = '') => {
    const response = await client.get(`/v1/werkvoorraad${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ items: (Item & { berekend: boolean })[]; aantallen: Record<string, number> }>();
    return {
      items: body.items.filter((i) => !i.berekend && i.soort !== 'brief-versturen'),
      aantallen: Object.fromEntries(Object.entries(body.aantallen).filter(([kind]) => kind !== 'brief-versturen' && !isComputedKind(kind as SignalKind))),
    };
  };
  const done = (client: Client, id: string) => client.request('POST', `/v1/werkvoorraad/${id}/afgehandeld`);
  const deliveries = async () =>
    (await t.database.handle.pool.query<{ case_id: string | null; payload: { data: Record<string, unknown> } }>("SELECT case_id, payload FROM deliveries WHERE event_type = 'werkvoorraad.item' AND payload->'data'->>'soort' <> 'brief-versturen' ORDER BY seq")).rows;

  describe('the deadline reminder', () => {
    let caseId: string;
    let version: number;
    let item: Item;

    it('fired by the timer, is in the regisseur\'s werkvoorraad, due at the deadline, and sent as a webhook', async () => {
      t.clock.set(new Date('2026-01-31T10:00:00Z'));
      const opened = await openCase(mw1, 'Aalbers', 1980);
      caseId = opened.id;
      version = opened.version;
      expect((await list(mw1)).items.filter((i) => i.casusId === caseId)).toEqual([]);
      // The reminder fires 14 days before the deadline (30 April, 09:00 UTC).
      t.clock.set(new Date('2026-04-16T09:00:00Z'));
      await fire();
      version += 1;
      const items = (await list(mw1)).items.filter((i) => i.casusId === caseId);
      expect(items).toHaveLength(1);
      item = items[0] as Item;
      expect(item).toMatchObject({
        soort: 'herinnering-deadline',
        casusId: caseId,
        gemeente: 'Nijmegen',
        geadresseerde: 'regisseur',
        vervaldatum: opened.deadline,
        verlopen: false,
        status: 'open',
        gegevens: { vensterNummer: 1 },
        aangemaaktOp: '2026-04-16T09:00:00.000Z',
        afgehandeldOp: null,
      });
      expect(item.omschrijving).toContain('veiligheidsdeadline');
      const webhook = (await deliveries()).find((d) => d.payload.data.werkvoorraadId === item.id);
      expect(webhook?.case_id).toBe(caseId);
      expect(webhook?.payload.data).toMatchObject({ soort: 'herinnering-deadline', casusId: caseId, vervaldatum: opened.deadline, geadresseerde: 'regisseur' });
      // The timeline shows the reminder event once, not the item beside it.
      const types = (await mw1.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
      expect(types.filter((type: string) => type.includes('herinner'))).toEqual(['veiligheidsdeadline.herinnerd']);
    });

    it('reading the werkvoorraad is in the access log of each case it shows', async () => {
      t.clock.set(new Date('2026-04-16T10:00:00Z'));
      expect((await mw1.get('/v1/werkvoorraad')).statusCode).toBe(200);
      const logged = (await t.database.handle.pool.query("SELECT case_id, action, status FROM access_log WHERE action = 'GET /v1/werkvoorraad' AND actor_sub = 'mw-001' AND at = $1", [t.clock.now()])).rows;
      expect(logged).toContainEqual({ case_id: caseId, action: 'GET /v1/werkvoorraad', status: 200 });
    });

    it('follows the case on handover: the new regisseur sees it, the old one no longer does', async () => {
      // A handover is proposed to a colleague the service knows and accepted by them (issue 16 point 11).
      await mw2.get('/v1/ik');
      const proposed = await mw1.write('PUT', `/v1/casussen/${caseId}/regisseur`, version, { regisseur: { id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }, reden: 'Verhuizing naar ander wijkteam' });
      expect(proposed.statusCode, proposed.body).toBe(200);
      version += 1;
      // Until accepted, the item stays with the current regisseur.
      expect((await list(mw1)).items.map((i) => i.id)).toContain(item.id);
      expect((await list(mw2, '?status=alle')).items.map((i) => i.id)).not.toContain(item.id);
      const handed = await mw2.write('POST', `/v1/casussen/${caseId}/regiewissel/acceptatie`, version);
      expect(handed.statusCode, handed.body).toBe(200);
      version += 1;
      expect((await list(mw1, '?status=alle')).items.map((i) => i.id)).not.toContain(item.id);
      expect((await list(mw2)).items.map((i) => i.id)).toContain(item.id);
    });

    it("the regisseur's items and those named to a person are a case manager's only: the same sub as a beheerder elsewhere gets none", async () => {
      const own = (await list(mw2, '?status=alle')).items as { id: string; soort: string }[];
      expect(own.map((i) => i.id)).toContain(item.id);
      // The proposal was named to mw-002 in person (addressee_sub), the reminder reached them as regisseur.
      expect(own.map((i) => i.soort)).toContain('regiewissel-voorgesteld');
      const sameSubElsewhere = clientFor(t, { sub: 'mw-002', rol: 'beheerder', gemeenten: ['Arnhem'] });
      const theirs = (await list(sameSubElsewhere, '?status=alle')).items as { id: string }[];
      expect(theirs.filter((i) => own.some((o) => o.id === i.id))).toEqual([]);
    });

    it('only the addressee marks it done: someone else gets 404 (existence not revealed), twice gives 409', async () => {
      const other = await done(mw1, item.id);
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('werkvoorraad.niet-gevonden');
      const unknown = await done(mw2, randomUUID());
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ ...other.json(), instance: unknown.json().instance });
      // A beheerder of the municipality is not the regisseur.
      expect((await done(admin, item.id)).statusCode).toBe(404);

      t.clock.set(new Date('2026-04-17T08:00:00Z'));
      const ok = await done(mw2, item.id);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ id: item.id, status: 'afgehandeld', afgehandeldOp: '2026-04-17T08:00:00.000Z', afgehandeldDoor: 'mw-002', verlopen: false });
      const again = await done(mw2, item.id);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('werkvoorraad.al-afgehandeld');
      // The change is logged on the case, in its transaction; refusals are logged as refusals.
      const logged = await t.database.handle.pool.query("SELECT actor_sub, case_id, status FROM access_log WHERE action = 'POST /v1/werkvoorraad/:id/afgehandeld' ORDER BY id");
      expect(logged.rows).toEqual([
        { actor_sub: 'mw-001', case_id: null, status: 404 },
        { actor_sub: 'mw-002', case_id: null, status: 404 },
        { actor_sub: 'beheer-1', case_id: null, status: 404 },
        { actor_sub: 'mw-002', case_id: caseId, status: 200 },
        { actor_sub: 'mw-002', case_id: null, status: 409 },
      ]);
    });

    it('open only by default; afgehandeld and alle show the done ones', async () => {
      expect((await list(mw2)).items.map((i) => i.id)).not.toContain(item.id);
      expect((await list(mw2, '?status=afgehandeld')).items.map((i) => i.id)).toContain(item.id);
      expect((await list(mw2, '?status=alle')).items.map((i) => i.id)).toContain(item.id);
      expect((await list(mw2, '?status=afgehandeld')).items.every((i) => i.status === 'afgehandeld')).toBe(true);
    });
  });

  describe('every kind the service makes now', () => {
    let caseId: string;
    let version: number;

    it('incident: reported by a message (not the regisseur), due at once; not when the regisseur reports it', async () => {
      t.clock.set(new Date('2026-05-01T09:00:00Z'));
      const opened = await openCase(mw1, 'Bakker', 1981);
      caseId = opened.id;
      version = opened.version;
      const own = await mw1.write('POST', `/v1/casussen/${caseId}/incidenten`, version, { tijdstip: '2026-05-01T08:00:00+02:00', soort: 'psychisch', omschrijving: 'Eigen melding' });
      expect(own.statusCode, own.body).toBe(201);
      version += 1;
      expect((await list(mw1, '?soort=incident')).items.filter((i) => i.casusId === caseId)).toEqual([]);

      t.clock.set(new Date('2026-05-02T09:00:00Z'));
      const message = await send({ type: 'incident', gemeente: 'Nijmegen', personen: personOf('Bakker', 1981), tijdstip: '2026-05-02T08:00:00Z', soort: 'fysiek', omschrijving: 'Politiemelding' });
      expect(message.statusCode, message.body).toBe(201);
      version += 1;
      const items = (await list(mw1, '?soort=incident')).items.filter((i) => i.casusId === caseId);
      expect(items).toEqual([expect.objectContaining({ soort: 'incident', vervaldatum: '2026-05-02T09:00:00.000Z', gegevens: { incidentSoort: 'fysiek' }, status: 'open' })]);
    });

    it('huisverbod-einde: warned 2 days before the order ends, due when it ends', async () => {
      const start = new Date('2026-05-03T09:00:00Z');
      const end = new Date(start.getTime() + 10 * DAY);
      t.clock.set(start);
      const order = await send({ type: 'huisverbod', gemeente: 'Nijmegen', personen: personOf('Bakker', 1981), actie: 'opgelegd', startdatum: start.toISOString(), einddatum: end.toISOString() });
      expect(order.statusCode, order.body).toBe(201);
      version += 1;
      expect((await list(mw1, '?soort=huisverbod-einde')).items).toEqual([]);
      t.clock.set(new Date(end.getTime() - 2 * DAY + 60_000));
      await fire();
      version += 1;
      const items = (await list(mw1, '?soort=huisverbod-einde')).items;
      expect(items).toEqual([expect.objectContaining({ casusId: caseId, vervaldatum: end.toISOString(), verlopen: false })]);
    });

    it('opschaling-besloten: the coordinator\'s decision reaches the regisseur, with the decision', async () => {
      const escalated = await mw1.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Geweld neemt toe' });
      expect(escalated.statusCode, escalated.body).toBe(201);
      version += 1;
      const escalationId = escalated.json().laatsteOpschaling.id as string;
      expect((await list(mw1, '?soort=opschaling-besloten')).items).toEqual([]);
      const coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
      const decided = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'terug-naar-lokaal-team', motivering: 'Lokaal', advies: 'Huisarts betrekken' } });
      expect(decided.statusCode, decided.body).toBe(200);
      const items = (await list(mw1, '?soort=opschaling-besloten')).items;
      expect(items).toEqual([expect.objectContaining({ casusId: caseId, gegevens: { opschalingId: escalationId, besluit: 'terug-naar-lokaal-team' }, vervaldatum: t.clock.now().toISOString() })]);
    });

    it('aanmaakpoging: an attempt to open a second case reaches the regisseur (and follows the case)', async () => {
      const colleague = clientFor(t, { sub: 'mw-009' });
      const attempt = await colleague.request('POST', '/v1/casussen', { body: householdOf('Bakker', 1981) });
      expect(attempt.statusCode).toBe(409);
      const items = (await list(mw1, '?soort=aanmaakpoging')).items;
      expect(items).toEqual([expect.objectContaining({ casusId: caseId, geadresseerde: 'regisseur', status: 'open' })]);
      expect((await list(colleague)).items).toEqual([]);
      // Still on the timeline, as before.
      const types = (await mw1.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
      expect(types).toContain('casus.aanmaakpoging');
    });

    it('aanmaakpogingen-limiet: for the beheerder of the municipality only, about no case', async () => {
      // mw-009 learned of one household today (the limit is 1): the next creation is refused before any lookup.
      const limited = await clientFor(t, { sub: 'mw-009' }).request('POST', '/v1/casussen', { body: householdOf('Claes', 1982) });
      expect(limited.statusCode).toBe(429);
      const items = (await list(admin)).items;
      expect(items).toEqual([expect.objectContaining({ soort: 'aanmaakpogingen-limiet', casusId: null, gemeente: 'Nijmegen', geadresseerde: 'beheerder' })]);
      // The beheerder of another municipality, and a case manager, do not see it.
      const arnhem = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
      expect((await list(arnhem, '?status=alle')).items).toEqual([]);
      expect((await list(mw1, '?soort=aanmaakpogingen-limiet')).items).toEqual([]);
      expect((await done(arnhem, items[0]?.id ?? '')).statusCode).toBe(404);
      expect((await done(mw1, items[0]?.id ?? '')).statusCode).toBe(404);
      const ok = await done(admin, items[0]?.id ?? '');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'afgehandeld', afgehandeldDoor: 'beheer-1' });
    });

    it('each kind made a webhook delivery, identifiers only; the one about no case names no case', async () => {
      const rows = await deliveries();
      const kinds = new Set(rows.map((row) => row.payload.data.soort));
      for (const kind of ['herinnering-deadline', 'incident', 'huisverbod-einde', 'opschaling-besloten', 'aanmaakpoging', 'aanmaakpogingen-limiet']) expect(kinds, kind).toContain(kind);
      const limit = rows.find((row) => row.payload.data.soort === 'aanmaakpogingen-limiet');
      expect(limit?.case_id).toBeNull();
      expect(limit?.payload.data).toMatchObject({ casusId: null, gemeente: 'Nijmegen', geadresseerde: 'beheerder' });
      const text = JSON.stringify(rows);
      for (const name of ['Aalbers', 'Bakker', 'Claes', 'Sanne', 'Politiemelding', 'Eigen melding']) expect(text).not.toContain(name);
      // The beheerder sees the delivery about no case in the subscription's list.
      const subscriptions = (await admin.get('/v1/abonnementen')).json().abonnementen as { id: string }[];
      const listed = (await admin.get(`/v1/abonnementen/${subscriptions[0]?.id}/afleveringen?paginaGrootte=100`)).json().afleveringen as { casusId: string | null }[];
      expect(listed.some((d) => d.casusId === null)).toBe(true);
    });
  });

  describe('order, paging, filters, counts', () => {
    const regisseur = () => clientFor(t, { sub: 'mw-020' });
    const made: { caseId: string; at: string }[] = [];

    it('overdue first (oldest due first), then by due date; a done item is not overdue', async () => {
      // Three cases of mw-020, each with an incident by a message a day apart, and a reminder due later.
      for (const [index, family] of ['Dekker', 'Evers', 'Fransen'].entries()) {
        t.clock.set(new Date(Date.UTC(2026, 6, 1 + index, 9)));
        const opened = await openCase(regisseur(), family, 1990 + index);
        t.clock.set(new Date(Date.UTC(2026, 6, 1 + index, 10)));
        const message = await send({ type: 'incident', gemeente: 'Nijmegen', personen: personOf(family, 1990 + index), tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' });
        expect(message.statusCode, message.body).toBe(201);
        made.push({ caseId: opened.id, at: t.clock.now().toISOString() });
      }
      // Each case's reminder fires 14 days before its deadline (three deadlines a day apart): past the last one's, all three.
      const deadlines: string[] = [];
      for (const { caseId } of made) deadlines.push((await regisseur().get(`/v1/casussen/${caseId}`)).json().veiligheidsdeadline as string);
      t.clock.set(new Date(new Date(deadlines[2] ?? '').getTime() - 13 * DAY));
      await fire();
      const all = (await list(regisseur())).items;
      expect(all.map((i) => i.soort)).toEqual(['incident', 'incident', 'incident', 'herinnering-deadline', 'herinnering-deadline', 'herinnering-deadline']);
      expect(all.map((i) => i.vervaldatum)).toEqual([...made.map((m) => m.at), ...deadlines]);
      expect(all.map((i) => i.verlopen)).toEqual([true, true, true, false, false, false]);

      // The oldest incident done: with status=alle it is no longer overdue, so it follows the open overdue ones.
      expect((await done(regisseur(), all[0]?.id ?? '')).statusCode).toBe(200);
      const everything = (await list(regisseur(), '?status=alle')).items;
      expect(everything.map((i) => i.id)).toEqual([all[1]?.id, all[2]?.id, all[0]?.id, ...all.slice(3).map((i) => i.id)]);
      expect(everything[2]).toMatchObject({ status: 'afgehandeld', verlopen: false });
    });

    it('pages with Link and X-Total-Count; filters by soort; counts per kind', async () => {
      // Six signals, what the three cases imply (issue 17: each its next scoring, overdue four weeks after opening,
      // and after the police's incident message a Handle with Care signal for its child) and their start letters.
      const first = await regisseur().get('/v1/werkvoorraad?status=alle&paginaGrootte=8');
      expect(first.headers['x-total-count']).toBe('15');
      expect(first.headers.link).toContain('rel="next"');
      const second = await regisseur().get('/v1/werkvoorraad?status=alle&paginaGrootte=8&pagina=2');
      expect(second.headers.link).not.toContain('rel="next"');
      const ids = [...first.json().items, ...second.json().items].map((i: Item) => i.id);
      expect(new Set(ids).size).toBe(15);
      expect(second.json().items).toHaveLength(7);
      expect(first.json().aantallen).toEqual({ incident: 3, 'herinnering-deadline': 3, 'veiligheidsscore-gepland': 3, 'handle-with-care': 3, 'brief-versturen': 3 });
      expect((await list(regisseur())).aantallen).toEqual({ incident: 2, 'herinnering-deadline': 3 });
      const reminders = await list(regisseur(), '?soort=herinnering-deadline');
      expect(reminders.items.map((i) => i.soort)).toEqual(['herinnering-deadline', 'herinnering-deadline', 'herinnering-deadline']);
      // The counts ignore the kind filter: the other kinds waiting stay in view.
      expect(reminders.aantallen).toEqual({ incident: 2, 'herinnering-deadline': 3 });
      // A reserved kind is a valid filter with nothing in it yet.
      expect((await list(regisseur(), '?soort=intake-wacht')).items).toEqual([]);
      // A page with items of three cases logs a row for each case.
      const page = await regisseur().get('/v1/werkvoorraad?status=alle');
      const rows = await t.database.handle.pool.query("SELECT DISTINCT case_id FROM access_log WHERE action = 'GET /v1/werkvoorraad' AND actor_sub = 'mw-020' AND at = $1 AND case_id IS NOT NULL", [t.clock.now()]);
      expect(page.statusCode).toBe(200);
      expect(rows.rows.map((r) => r.case_id).sort()).toEqual(made.map((m) => m.caseId).sort());
    });

    it('two at once mark an item done once: one 200, one 409', async () => {
      const open = (await list(regisseur())).items[0] as Item;
      const answers = await Promise.all([done(regisseur(), open.id), done(regisseur(), open.id)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const stored = await t.database.handle.pool.query('SELECT done_by FROM signals WHERE id = $1', [open.id]);
      expect(stored.rows).toEqual([{ done_by: 'mw-020' }]);
    });

    it('refuses an unknown status or kind (400), roles without a werkvoorraad (403) and an id that is no uuid (400)', async () => {
      expect((await regisseur().get('/v1/werkvoorraad?status=gesloten')).statusCode).toBe(400);
      expect((await regisseur().get('/v1/werkvoorraad?soort=iets')).statusCode).toBe(400);
      expect((await regisseur().get('/v1/werkvoorraad?paginaGrootte=101')).statusCode).toBe(400);
      expect((await clientFor(t, { sub: 'kp-1', rol: 'ketenpartner' }).get('/v1/werkvoorraad')).statusCode).toBe(403);
      expect((await regisseur().request('POST', '/v1/werkvoorraad/geen-uuid/afgehandeld')).statusCode).toBe(400);
    });
  });

  it('no item when the change does not happen: a 6 before the reminder, so the timer finds nothing to remind', async () => {
    t.clock.set(new Date('2026-11-02T09:00:00Z'));
    const opened = await openCase(mw1, 'Gerritsen', 1983);
    const score = await mw1.write('POST', `/v1/casussen/${opened.id}/veiligheidsscores`, opened.version, { score: 6, acties: ['Afspraken doorlopen', 'Huisbezoek', 'School'] });
    expect(score.statusCode, score.body).toBe(201);
    t.clock.set(new Date(new Date(opened.deadline).getTime() - 13 * DAY));
    await fire();
    expect((await list(mw1, '?status=alle')).items.filter((i) => i.casusId === opened.id)).toEqual([]);
    expect((await deliveries()).filter((d) => d.case_id === opened.id)).toEqual([]);
  });

  it('a reminder that asks for nothing any more closes itself: a 6 that stands, then the 6 taken back reminds again', async () => {
    t.clock.set(new Date('2026-11-03T09:00:00Z'));
    const opened = await openCase(mw1, 'Hoekstra', 1984);
    t.clock.set(new Date(new Date(opened.deadline).getTime() - 13 * DAY));
    await fire();
    const reminder = (await list(mw1)).items.find((i) => i.casusId === opened.id);
    expect(reminder).toMatchObject({ soort: 'herinnering-deadline', status: 'open' });
    const version = Number(JSON.parse((await mw1.get(`/v1/casussen/${opened.id}`)).headers.etag as string));
    const six = await mw1.write('POST', `/v1/casussen/${opened.id}/veiligheidsscores`, version, { score: 7, acties: ['Afspraken doorlopen', 'Huisbezoek', 'School'] });
    expect(six.statusCode, six.body).toBe(201);
    // The deadline no longer stands: the item is done, by the service, and no longer in the open list.
    expect((await list(mw1)).items.filter((i) => i.casusId === opened.id)).toEqual([]);
    const closed = (await list(mw1, '?status=afgehandeld')).items.find((i) => i.id === reminder?.id);
    expect(closed).toMatchObject({ status: 'afgehandeld' });
    // Taken back: the deadline stands again and the reminder comes again, as a new item.
    const two = await mw1.write('POST', `/v1/casussen/${opened.id}/veiligheidsscores`, version + 1, { score: 2, acties: ['Afspraken doorlopen', 'Huisbezoek', 'School'] });
    expect(two.statusCode, two.body).toBe(201);
    await fire();
    const again = (await list(mw1)).items.filter((i) => i.casusId === opened.id);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ soort: 'herinnering-deadline', status: 'open' });
    expect(again[0]?.id).not.toBe(reminder?.id);
  });
});
