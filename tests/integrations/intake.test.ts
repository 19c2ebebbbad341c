/**
 * Issue 16, points 6-9, over HTTP: no signal gets lost.
 * - A message about a household closed within 12 months reopens its case as
 *   a repeat with its former regisseur (who gets a signal); after 12 months a
 *   new case, linked to the old one.
 * - A message about a household without a case waits in the municipality's
 *   intake; only its intake team (and beheerder) sees it; a member takes it.
 * - Only the same household merges; a single shared member opens a linked
 *   case with the sender's regisseur; a merge can be undone within 30 days.
 * - A move offers the case to the new municipality's intake; the regisseur
 *   stays until someone there takes it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, toplist, type Client } from '../helpers/client.js';
import { walkToClosure } from '../helpers/walk.js';

const DAY = 86_400_000;
const VT_OIN = '00000001823288444000';

interface Person {
  naam: string;
  geboortedatum: string;
  relatie: string;
  betrokkenheid: string[];
  bsn?: string;
}

describe('issue 16: no signal gets lost', () => {
  let t: TestApp;
  let vt: Client;
  let mw: Client;
  let mw2: Client;
  let intake: Client;
  let beheer: Client;
  let wijchenIntake: Client;

  beforeAll(async () => {
    t = await createTestApp();
    vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Nijmegen', 'Wijchen'] });
    mw = clientFor(t);
    mw2 = clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' });
    // The demo region's municipalities each have an intake team (intake-<name>): these two are members.
    intake = clientFor(t, { sub: 'intake-001', organisatie: 'Intaketeam Nijmegen', teams: ['intake-nijmegen'] });
    wijchenIntake = clientFor(t, { sub: 'intake-w01', organisatie: 'Intaketeam Wijchen', gemeenten: ['Wijchen'], teams: ['intake-wijchen'] });
    beheer = clientFor(t, { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
  });
  afterAll(async () => t.close());

  const send = (body: unknown) => vt.request('POST', '/v1/berichten', { body, headers: { 'idempotency-key': randomUUID() } });
  const incident = (personen: unknown[], gemeente = 'Nijmegen') => ({ type: 'incident', gemeente, personen, tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'Politiemelding' });
  const order = (personen: unknown[]) => {
    const start = t.clock.now();
    return { type: 'huisverbod', gemeente: 'Nijmegen', personen, actie: 'opgelegd', startdatum: start.toISOString(), einddatum: new Date(start.getTime() + 10 * DAY).toISOString() };
  };
  const handover = (leden: Person[], regisseur = { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, gemeente = 'Nijmegen') => ({
    type: 'overdracht',
    gemeente,
    bron: 'veilig-thuis',
    leden,
    veiligheidsinschatting: { score: 3, toelichting: 'Zorgen' },
    regisseur,
  });
  const open = async (client: Client, leden: Person[], gemeente = 'Nijmegen') => {
    const response = await client.request('POST', '/v1/casussen', { body: { gemeente, bron: 'lokaal-team', leden } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; versie: number }>();
  };
  const view = async (client: Client, id: string) => {
    const response = await client.get(`/v1/casussen/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const intakeIds = async (client: Client, status = 'wachtend') => {
    const response = await client.get(`/v1/intake?status=${status}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().intake as { id: string }[]).map((item) => item.id);
  };
  /** A case's signals, without the letters to send (issue 17 point 7, tests/api/letters.test.ts). */
  const signals = async (caseId: string) =>
    (await t.database.handle.pool.query("SELECT kind, addressee_sub, addressee_role FROM signals WHERE case_id = $1 AND kind <> 'brief-versturen' ORDER BY seq", [caseId])).rows as { kind: string; addressee_sub: string | null; addressee_role: string }[];

  describe('who works a municipality\'s intake', () => {
    it('a case manager of the municipality whose token\'s teams name its intake team; not another role, not without the municipality', async () => {
      expect((await intake.get('/v1/ik')).json()).toMatchObject({ teams: ['intake-nijmegen'], intakeGemeenten: ['Nijmegen'] });
      expect((await mw.get('/v1/ik')).json()).toMatchObject({ teams: [], intakeGemeenten: [] });
      // The team named, the municipality not: no intake (the municipality decides, not the team's name).
      const outsider = clientFor(t, { sub: 'mw-x', gemeenten: ['Wijchen'], teams: ['intake-nijmegen'] });
      expect((await outsider.get('/v1/ik')).json()).toMatchObject({ intakeGemeenten: [] });
      expect((await outsider.get('/v1/intake')).json().intake).toEqual([]);
      const manager = clientFor(t, { sub: 'beheer-x', rol: 'beheerder', teams: ['intake-nijmegen'] });
      expect((await manager.get('/v1/ik')).json()).toMatchObject({ intakeGemeenten: [] });
    });
  });

  describe('closed households (point 6)', () => {
    const jan = { naam: 'Jan Herhaal', geboortedatum: '1980-02-02', relatie: 'ouder', betrokkenheid: ['pleger'] };
    const ria = { naam: 'Ria Herhaal', geboortedatum: '1982-03-03', relatie: 'partner', betrokkenheid: ['slachtoffer'] };

    it('an incident about a household closed 4 months ago reopens its case: herhaling, directe-veiligheid, a new window, the former regisseur, a signal for them', async () => {
      const created = await open(mw, [jan, ria]);
      await walkToClosure(t, mw, created.id, created.versie);
      expect((await view(mw, created.id)).fase).toBe('afgesloten');
      t.clock.advance(122 * DAY);

      const response = await send(incident([{ naam: 'JAN herhaal', geboortedatum: '1980-02-02' }, { naam: 'Ria Herhaal', geboortedatum: '1982-03-03' }]));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ status: 'samengevoegd', casusId: created.id, herhaling: true, intakeId: null });

      const reopened = await view(mw, created.id);
      expect(reopened).toMatchObject({ fase: 'directe-veiligheid', herhaling: true, regisseur: { id: 'mw-001' }, venster: { reden: 'heropening', start: t.clock.now().toISOString() } });
      expect(reopened.incidenten).toHaveLength(1);
      // The repeat, and the incident itself (reported by someone other than the regisseur), both reach the regisseur.
      expect(await signals(created.id)).toEqual([
        { kind: 'incident', addressee_sub: null, addressee_role: 'regisseur' },
        { kind: 'signaal-afgesloten-huishouden', addressee_sub: null, addressee_role: 'regisseur' },
      ]);
      const timeline = (await mw.get(`/v1/casussen/${created.id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
      expect(timeline).toEqual(expect.arrayContaining(['casus.heropend', 'incident.gemeld', 'casus.signaal-afgesloten-huishouden']));
    });

    it('a reopened case whose former regisseur was marked as gone also reaches the beheerder, to reassign (regisseur-vertrokken)', async () => {
      const leaver = clientFor(t, { sub: 'mw-weg', organisatie: 'Sociaal Wijkteam Nijmegen' });
      const piet = { naam: 'Piet Weg', geboortedatum: '1975-05-05', relatie: 'ouder', betrokkenheid: ['pleger'] };
      const created = await open(leaver, [piet, { naam: 'Anna Weg', geboortedatum: '1977-06-06', relatie: 'partner', betrokkenheid: ['slachtoffer'] }]);
      await walkToClosure(t, leaver, created.id, created.versie);
      // Closed cases are no open work: marking the leaver as gone puts nothing in the werkvoorraad yet.
      expect((await beheer.request('POST', '/v1/medewerkers/mw-weg/vertrokken')).json().casussen).toEqual([]);
      t.clock.advance(30 * DAY);
      const response = await send(incident([{ naam: 'Piet Weg', geboortedatum: '1975-05-05' }, { naam: 'Anna Weg', geboortedatum: '1977-06-06' }]));
      expect(response.json()).toMatchObject({ status: 'samengevoegd', casusId: created.id, herhaling: true });
      expect(await signals(created.id)).toEqual([
        { kind: 'incident', addressee_sub: null, addressee_role: 'regisseur' },
        { kind: 'signaal-afgesloten-huishouden', addressee_sub: null, addressee_role: 'regisseur' },
        { kind: 'regisseur-vertrokken', addressee_sub: null, addressee_role: 'beheerder' },
      ]);
      const items = (await beheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items.map((i: { casusId: string }) => i.casusId);
      expect(items).toContain(created.id);

      // The municipality's intake team is the provisional regisseur: the case waits in its intake, like a move
      // within the municipality; until someone takes it the gone professional stays its formal regisseur.
      const item = (await intake.get('/v1/intake')).json().intake.find((i: { casusId: string | null }) => i.casusId === created.id);
      expect(item).toMatchObject({ soort: 'herhaling', gemeente: 'Nijmegen', vanGemeente: 'Nijmegen', toegewezenAan: null });
      expect((await view(beheer, created.id)).regisseur.id).toBe('mw-weg');
      expect((await intake.get(`/v1/casussen/${created.id}`)).statusCode).toBe(200);
      // A second message about the household queues no second item.
      t.clock.advance(DAY);
      expect((await send(incident([{ naam: 'Piet Weg', geboortedatum: '1975-05-05' }]))).json()).toMatchObject({ casusId: created.id });
      expect((await intake.get('/v1/intake')).json().intake.filter((i: { casusId: string | null }) => i.casusId === created.id)).toHaveLength(1);

      const taken = await intake.request('POST', `/v1/intake/${item.id}/toewijzing`);
      expect(taken.statusCode, taken.body).toBe(200);
      expect(taken.json()).toMatchObject({ casusId: created.id, regisseur: { id: 'intake-001' } });
      expect(await view(intake, created.id)).toMatchObject({ gemeente: 'Nijmegen', fase: 'directe-veiligheid', regisseur: { id: 'intake-001', organisatie: 'Intaketeam Nijmegen' } });
      // Taken: the beheerder's item is done.
      expect((await beheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items.map((i: { casusId: string }) => i.casusId)).not.toContain(created.id);
    });

    it('a repeat waiting in the intake for a gone regisseur leaves it when the beheerder hands the case over', async () => {
      const leaver = clientFor(t, { sub: 'mw-weg2', organisatie: 'Sociaal Wijkteam Nijmegen' });
      const members = [
        { naam: 'Bas Weer', geboortedatum: '1971-01-01', relatie: 'ouder', betrokkenheid: ['pleger'] },
        { naam: 'Bea Weer', geboortedatum: '1973-01-01', relatie: 'partner', betrokkenheid: ['slachtoffer'] },
      ];
      const created = await open(leaver, members);
      await walkToClosure(t, leaver, created.id, created.versie);
      expect((await beheer.request('POST', '/v1/medewerkers/mw-weg2/vertrokken')).statusCode).toBe(200);
      t.clock.advance(30 * DAY);
      expect((await send(incident(members.map(({ naam, geboortedatum }) => ({ naam, geboortedatum }))))).json()).toMatchObject({ casusId: created.id, herhaling: true });
      expect((await intake.get('/v1/intake')).json().intake.map((i: { casusId: string | null }) => i.casusId)).toContain(created.id);
      await mw2.get('/v1/ik');
      const moved = await beheer.request('POST', '/v1/medewerkers/mw-weg2/overdracht', { body: { naar: 'mw-002' } });
      expect(moved.json()).toMatchObject({ overgedragen: [created.id], geweigerd: [] });
      expect((await intake.get('/v1/intake')).json().intake.map((i: { casusId: string | null }) => i.casusId)).not.toContain(created.id);
      expect((await view(mw2, created.id)).regisseur.id).toBe('mw-002');
    });

    it('without an intake team, a repeat for a gone regisseur reaches only the beheerder', async () => {
      const arnhemVt = clientFor(t, { sub: 'vt-arnhem', rol: 'integratie', organisatie: 'Veilig Thuis', oin: VT_OIN, gemeenten: ['Arnhem'] });
      const leaver = clientFor(t, { sub: 'mw-weg-arnhem', organisatie: 'Wijkteam Arnhem', gemeenten: ['Arnhem'] });
      const arnhemBeheer = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
      const members = [
        { naam: 'Cor Arnhem', geboortedatum: '1960-01-01', relatie: 'ouder', betrokkenheid: ['pleger'] },
        { naam: 'Cato Arnhem', geboortedatum: '1962-01-01', relatie: 'partner', betrokkenheid: ['slachtoffer'] },
      ];
      const created = await open(leaver, members, 'Arnhem');
      await walkToClosure(t, leaver, created.id, created.versie);
      expect((await arnhemBeheer.request('POST', '/v1/medewerkers/mw-weg-arnhem/vertrokken')).statusCode).toBe(200);
      t.clock.advance(30 * DAY);
      const sent = await arnhemVt.request('POST', '/v1/berichten', { body: incident(members.map(({ naam, geboortedatum }) => ({ naam, geboortedatum })), 'Arnhem'), headers: { 'idempotency-key': randomUUID() } });
      expect(sent.json(), sent.body).toMatchObject({ casusId: created.id, herhaling: true });
      expect((await t.database.handle.pool.query('SELECT count(*)::int AS n FROM intake_items WHERE case_id = $1', [created.id])).rows).toEqual([{ n: 0 }]);
      expect((await arnhemBeheer.get('/v1/werkvoorraad?soort=regisseur-vertrokken')).json().items.map((i: { casusId: string }) => i.casusId)).toContain(created.id);
    });

    it('a restraining order about a household closed 13 months ago opens a new case linked to the old one, with the former regisseur', async () => {
      const kees = { naam: 'Kees Later', geboortedatum: '1970-07-07', relatie: 'ouder', betrokkenheid: ['pleger'] };
      const created = await open(mw, [kees, { naam: 'Lies Later', geboortedatum: '1972-08-08', relatie: 'partner', betrokkenheid: ['slachtoffer'] }]);
      await walkToClosure(t, mw, created.id, created.versie);
      t.clock.advance(396 * DAY);

      const response = await send(order([{ naam: 'Kees Later', geboortedatum: '1970-07-07' }]));
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json();
      expect(receipt).toMatchObject({ status: 'geaccepteerd', gekoppeldAanCasus: created.id, herhaling: false });
      expect(receipt.casusId).not.toBe(created.id);

      const repeat = await view(mw, receipt.casusId);
      expect(repeat).toMatchObject({ fase: 'directe-veiligheid', regisseur: { id: 'mw-001' }, huisverbod: { verlengd: false } });
      expect(repeat.leden.map((l: { naam: string }) => l.naam)).toEqual(['Kees Later']);
      expect(repeat.gekoppeldeCasussen).toEqual([{ casusId: created.id, reden: 'herhaling', regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, sinds: t.clock.now().toISOString() }]);
      expect((await view(mw, created.id)).gekoppeldeCasussen).toEqual([expect.objectContaining({ casusId: receipt.casusId, reden: 'herhaling' })]);
      expect((await view(mw, created.id)).fase).toBe('afgesloten');
      expect(await signals(receipt.casusId)).toEqual([{ kind: 'signaal-afgesloten-huishouden', addressee_sub: null, addressee_role: 'regisseur' }]);
    });
  });

  describe('a repeat in another municipality', () => {
    it('after 12 months, a household closed in Wijchen and now in Nijmegen: the new case waits in Nijmegen\'s intake, the former regisseur holding it', async () => {
      const wijchenMw = clientFor(t, { sub: 'mw-w02', organisatie: 'Wijkteam Wijchen', gemeenten: ['Wijchen'] });
      const created = await open(wijchenMw, [{ naam: 'Wim Elders', geboortedatum: '1966-06-06', relatie: 'ouder', betrokkenheid: ['pleger'] }], 'Wijchen');
      await walkToClosure(t, wijchenMw, created.id, created.versie);
      t.clock.advance(400 * DAY);
      const sent = await send(incident([{ naam: 'Wim Elders', geboortedatum: '1966-06-06' }], 'Nijmegen'));
      expect(sent.statusCode, sent.body).toBe(201);
      const receipt = sent.json();
      expect(receipt).toMatchObject({ gekoppeldAanCasus: created.id });
      // Never without a regisseur: the former one holds it until Nijmegen's intake takes it up.
      const waiting = (await intake.get('/v1/intake')).json().intake as { id: string; casusId?: string | null }[];
      const item = waiting.find((i) => i.casusId === receipt.casusId);
      expect(item, JSON.stringify(waiting)).toMatchObject({ soort: 'herhaling', gemeente: 'Nijmegen', vanGemeente: 'Wijchen' });
      const taken = await intake.request('POST', `/v1/intake/${item?.id}/toewijzing`);
      expect(taken.statusCode, taken.body).toBe(200);
      const repeat = await view(intake, receipt.casusId);
      expect(repeat).toMatchObject({ gemeente: 'Nijmegen', regisseur: { id: 'intake-001' } });
    });

    it('the waiting repeat leaves the intake when its former regisseur hands it to a colleague there, who accepts', async () => {
      const wijchenMw = clientFor(t, { sub: 'mw-w03', organisatie: 'Wijkteam Wijchen', gemeenten: ['Wijchen', 'Nijmegen'] });
      const created = await open(wijchenMw, [{ naam: 'Wout Elders', geboortedatum: '1967-07-07', relatie: 'ouder', betrokkenheid: ['pleger'] }], 'Wijchen');
      await walkToClosure(t, wijchenMw, created.id, created.versie);
      t.clock.advance(400 * DAY);
      const receipt = (await send(incident([{ naam: 'Wout Elders', geboortedatum: '1967-07-07' }], 'Nijmegen'))).json();
      const waiting = async () => ((await intake.get('/v1/intake')).json().intake as { casusId: string | null; soort: string }[]).filter((i) => i.casusId === receipt.casusId);
      expect(await waiting()).toEqual([expect.objectContaining({ soort: 'herhaling' })]);
      const versie = (await view(wijchenMw, receipt.casusId)).versie;
      const proposed = await wijchenMw.write('PUT', `/v1/casussen/${receipt.casusId}/regisseur`, versie, { regisseur: { id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }, reden: 'woont nu in Nijmegen' });
      expect(proposed.statusCode, proposed.body).toBe(200);
      const accepted = await mw2.write('POST', `/v1/casussen/${receipt.casusId}/regiewissel/acceptatie`, proposed.json().versie);
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(await waiting()).toEqual([]);
    });
  });

  describe('unknown households: the intake (point 7)', () => {
    let itemId: string;
    let arrivedAt: string;
    const personen = [
      { bsn: '100023757', naam: 'Sara Nieuw', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Tim Nieuw', geboortedatum: '1985-04-04', relatie: 'partner', betrokkenheid: ['pleger'] },
    ];

    it('an incident about a household without a case waits in the intake of its municipality, BSN never kept', async () => {
      arrivedAt = t.clock.now().toISOString();
      const response = await send(incident(personen));
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json();
      expect(receipt).toMatchObject({ status: 'geaccepteerd', casusId: null, herhaling: false });
      itemId = receipt.intakeId;
      expect(itemId).toEqual(expect.any(String));
      expect((await vt.get(`/v1/berichten/${receipt.id}`)).json().intakeId).toBe(itemId);
      const stored = await t.database.handle.pool.query("SELECT count(*)::int AS n FROM intake_items WHERE messages::text LIKE '%100023757%'");
      expect(stored.rows[0].n).toBe(0);
      // In the werkvoorraad of Nijmegen's intake team and its beheerder.
      const waiting = await t.database.handle.pool.query("SELECT addressee_role, municipality, done_at FROM signals WHERE kind = 'intake-wacht' AND data->>'intakeId' = $1 ORDER BY addressee_role", [itemId]);
      expect(waiting.rows).toEqual([
        { addressee_role: 'beheerder', municipality: 'Nijmegen', done_at: null },
        { addressee_role: 'intaketeam', municipality: 'Nijmegen', done_at: null },
      ]);
    });

    it('a second message about the same household while it waits joins the item', async () => {
      t.clock.advance(5 * 3_600_000);
      const response = await send(order([{ bsn: '100023757' }, { naam: 'tim nieuw', geboortedatum: '1985-04-04' }]));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ casusId: null, intakeId: itemId });
    });

    it('is listed, oldest first with its age, for the intake team and the beheerder, not for other case managers or another municipality', async () => {
      const list = (await intake.get('/v1/intake')).json().intake;
      const item = list.find((i: { id: string }) => i.id === itemId);
      expect(item).toMatchObject({ soort: 'bericht', gemeente: 'Nijmegen', ontvangenOp: arrivedAt, leeftijdInUren: 5, casusId: null, toegewezenAan: null });
      expect(item.berichten.map((b: { type: string }) => b.type)).toEqual(['incident', 'huisverbod']);
      expect(item.berichten[0].personen[0]).toEqual({ naam: 'Sara Nieuw', geboortedatum: null, relatie: 'ouder', betrokkenheid: ['slachtoffer'] });
      expect(JSON.stringify(list)).not.toContain('100023757');
      expect(JSON.stringify(list)).not.toContain('sleutels');
      expect(await intakeIds(beheer)).toContain(itemId);
      expect(await intakeIds(mw)).toEqual([]);
      expect(await intakeIds(wijchenIntake)).not.toContain(itemId);
      expect((await vt.get('/v1/intake')).statusCode).toBe(403);
      // Each look is on record.
      const logged = await t.database.handle.pool.query("SELECT count(*)::int AS n FROM access_log WHERE actor_sub = 'intake-001' AND action = 'GET /v1/intake'");
      expect(logged.rows[0].n).toBeGreaterThan(0);
    });

    it('only a member of the intake team takes it; it makes them regisseur of a new case whose window starts when the message arrived; twice is 409', async () => {
      expect((await mw.request('POST', `/v1/intake/${itemId}/toewijzing`)).statusCode).toBe(404);
      expect((await wijchenIntake.request('POST', `/v1/intake/${itemId}/toewijzing`)).statusCode).toBe(404);
      expect((await beheer.request('POST', `/v1/intake/${itemId}/toewijzing`)).statusCode).toBe(403);
      t.clock.advance(DAY);

      const taken = await intake.request('POST', `/v1/intake/${itemId}/toewijzing`);
      expect(taken.statusCode, taken.body).toBe(200);
      const { casusId, regisseur, intake: item } = taken.json();
      expect(regisseur).toEqual({ id: 'intake-001', organisatie: 'Intaketeam Nijmegen' });
      expect(item).toMatchObject({ toegewezenAan: 'intake-001', casusId, leeftijdInUren: 29 });

      const created = await view(intake, casusId);
      expect(created).toMatchObject({ fase: 'directe-veiligheid', bron: 'politie', regisseur: { id: 'intake-001' }, venster: { start: arrivedAt }, huisverbod: { verlengd: false } });
      expect(created.incidenten).toHaveLength(1);
      expect(created.leden.map((l: { naam: string; relatie: string }) => [l.naam, l.relatie])).toEqual([['Sara Nieuw', 'ouder'], ['Tim Nieuw', 'partner']]);

      const again = await intake.request('POST', `/v1/intake/${itemId}/toewijzing`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('intake.al-toegewezen');
      expect(await intakeIds(intake)).not.toContain(itemId);
      expect(await intakeIds(intake, 'toegewezen')).toContain(itemId);
      const done = await t.database.handle.pool.query("SELECT count(*)::int AS n FROM signals s JOIN intake_items i ON s.id = ANY(i.signal_ids) WHERE i.id = $1 AND s.done_at IS NOT NULL", [itemId]);
      expect(done.rows[0].n).toBe(2);

      // From now on the household has its case: a later message reaches it.
      const later = await send(incident([{ bsn: '100023757' }, { naam: 'Tim Nieuw', geboortedatum: '1985-04-04' }]));
      expect(later.json()).toMatchObject({ casusId, intakeId: null });
    });

    it('two members taking one item at once: one becomes regisseur, the other gets 409', async () => {
      const response = await send(incident([{ naam: 'Race Gezin', geboortedatum: '1990-09-09' }]));
      const id = response.json().intakeId;
      const other = clientFor(t, { sub: 'intake-002', organisatie: 'Intaketeam Nijmegen', teams: ['intake-nijmegen'] });
      const answers = await Promise.all([intake.request('POST', `/v1/intake/${id}/toewijzing`), other.request('POST', `/v1/intake/${id}/toewijzing`)]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    });
  });

  describe('one household, one case, but not someone else\'s (point 8)', () => {
    const piet = { naam: 'Piet Pleger', geboortedatum: '1978-01-01', bsn: '100039595', relatie: 'ouder', betrokkenheid: ['pleger'] };
    const anna = { naam: 'Anna Oud', geboortedatum: '1980-05-05', relatie: 'partner', betrokkenheid: ['slachtoffer'] };
    const kind = { naam: 'Kind Oud', geboortedatum: '2015-06-06', relatie: 'kind', betrokkenheid: ['getuige'] };
    let oldCase: string;

    it('a handover sharing only the perpetrator opens a new case with Veilig Thuis\'s regisseur, linked to the old one; each regisseur sees the other, not their case', async () => {
      const first = await send(handover([piet, anna, kind]));
      expect(first.statusCode, first.body).toBe(201);
      oldCase = first.json().casusId;

      const newFamily = [
        { naam: 'P. Pleger', bsn: '100039595', relatie: 'ouder', betrokkenheid: ['pleger'] },
        { naam: 'Nina Nieuw', geboortedatum: '1996-02-02', relatie: 'partner', betrokkenheid: ['slachtoffer'] },
        { naam: 'Baby Nieuw', geboortedatum: '2026-01-01', relatie: 'kind', betrokkenheid: [] },
      ] as Person[];
      const second = await send(handover(newFamily, { id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }));
      expect(second.statusCode, second.body).toBe(201);
      const receipt = second.json();
      expect(receipt).toMatchObject({ status: 'geaccepteerd', gekoppeldAanCasus: oldCase, herhaling: false });
      const newCase = receipt.casusId;
      expect(newCase).not.toBe(oldCase);

      const theirs = await view(mw2, newCase);
      expect(theirs.regisseur.id).toBe('mw-002');
      expect(theirs.leden).toHaveLength(3);
      expect(theirs.gekoppeldeCasussen).toEqual([{ casusId: oldCase, reden: 'gedeelde-pleger', regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, sinds: expect.any(String) }]);
      const ours = await view(mw, oldCase);
      expect(ours.leden.map((l: { naam: string }) => l.naam)).toEqual(['Piet Pleger', 'Anna Oud', 'Kind Oud']);
      expect(ours.gekoppeldeCasussen).toEqual([expect.objectContaining({ casusId: newCase, reden: 'gedeelde-pleger', regisseur: { id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' } })]);
      // Never the other case's content.
      expect(JSON.stringify(ours)).not.toContain('Nina');
      expect(JSON.stringify(theirs)).not.toContain('Anna');
      expect((await mw2.get(`/v1/casussen/${oldCase}`)).statusCode).toBe(404);
      // Logged on both cases.
      for (const [client, id] of [[mw, oldCase], [mw2, newCase]] as const) {
        const types = (await client.get(`/v1/casussen/${id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
        expect(types).toContain('casus.gekoppeld');
      }
    });

    it('a case manager\'s own request keeps the municipality rule of security finding 6: any shared member is refused, and no link tells about the other case', async () => {
      const body = { gemeente: 'Nijmegen', bron: 'lokaal-team', leden: [{ naam: 'Anna Oud', geboortedatum: '1980-05-05', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }, { naam: 'Ander Kind', geboortedatum: '2019-01-01', relatie: 'kind', betrokkenheid: [] }] };
      const refused = await mw2.request('POST', '/v1/casussen', { body });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).not.toContain(oldCase);
      // Another municipality's case manager learns nothing: a case of their own, linked to nothing.
      const wijchen = await clientFor(t, { sub: 'mw-w01', gemeenten: ['Wijchen'] }).request('POST', '/v1/casussen', { body: { ...body, gemeente: 'Wijchen' } });
      expect(wijchen.statusCode, wijchen.body).toBe(201);
      expect(wijchen.json().gekoppeldeCasussen).toEqual([]);
    });

    it('the regisseur undoes a merge within 30 days: the members the message brought go with it to their own case, with the sender\'s regisseur', async () => {
      const oom = { naam: 'Oom Verkeerd', geboortedatum: '1960-10-10', relatie: 'overig', betrokkenheid: [] };
      const merged = await send(handover([anna, kind, oom], { id: 'mw-003', organisatie: 'Sociaal Wijkteam Nijmegen' }));
      expect(merged.json()).toMatchObject({ status: 'samengevoegd', casusId: oldCase });
      const berichtId = merged.json().id;
      const before = await view(mw, oldCase);
      expect(before.leden.map((l: { naam: string }) => l.naam)).toContain('Oom Verkeerd');

      const path = `/v1/casussen/${oldCase}/samenvoegingen/${berichtId}/ongedaan-maken`;
      expect((await mw2.write('POST', path, before.versie)).statusCode).toBe(404);
      expect((await mw.write('POST', `/v1/casussen/${oldCase}/samenvoegingen/${randomUUID()}/ongedaan-maken`, before.versie)).json().code).toBe('samenvoeging.niet-gevonden');
      t.clock.advance(29 * DAY);
      const undone = await mw.write('POST', path, before.versie);
      expect(undone.statusCode, undone.body).toBe(200);
      const after = undone.json();
      expect(after.leden.map((l: { naam: string }) => l.naam)).toEqual(['Piet Pleger', 'Anna Oud', 'Kind Oud']);
      const split = after.gekoppeldeCasussen.find((l: { reden: string; regisseur: { id: string } }) => l.reden === 'gedeeld-lid' && l.regisseur.id === 'mw-003');
      expect(split).toBeDefined();
      const theirs = await view(clientFor(t, { sub: 'mw-003' }), split.casusId);
      expect(theirs.leden.map((l: { naam: string }) => l.naam)).toEqual(['Oom Verkeerd']);
      expect((await vt.get(`/v1/berichten/${berichtId}`)).json()).toMatchObject({ status: 'geaccepteerd', casusId: split.casusId });

      const twice = await mw.write('POST', path, after.versie);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('samenvoeging.al-ongedaan');
    });

    it('after 30 days a merge stays', async () => {
      const tante = { naam: 'Tante Laat', geboortedatum: '1961-11-11', relatie: 'overig', betrokkenheid: [] };
      const merged = await send(handover([anna, kind, tante]));
      expect(merged.json()).toMatchObject({ status: 'samengevoegd', casusId: oldCase });
      t.clock.advance(31 * DAY);
      const current = await view(mw, oldCase);
      const late = await mw.write('POST', `/v1/casussen/${oldCase}/samenvoegingen/${merged.json().id}/ongedaan-maken`, current.versie);
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('casus.samenvoeging-te-oud');
      expect((await view(mw, oldCase)).leden.map((l: { naam: string }) => l.naam)).toContain('Tante Laat');
    });
  });

  describe('moving house (point 9)', () => {
    const mover = { naam: 'Mo Verhuis', geboortedatum: '1988-12-12', relatie: 'ouder', betrokkenheid: ['slachtoffer'] };
    let caseId: string;

    it('offers the case to the new municipality\'s intake; the regisseur stays until someone there takes it', async () => {
      const created = await open(mw, [mover, { naam: 'Mia Verhuis', geboortedatum: '2017-12-12', relatie: 'kind', betrokkenheid: ['getuige'] }]);
      caseId = created.id;
      expect((await mw.write('POST', `/v1/casussen/${caseId}/verhuizing`, created.versie, { gemeente: 'Nijmegen', toelichting: 'x' })).json().code).toBe('verhuizing.zelfde-gemeente');
      expect((await mw2.write('POST', `/v1/casussen/${caseId}/verhuizing`, created.versie, { gemeente: 'Wijchen', toelichting: 'x' })).statusCode).toBe(404);
      const offered = await mw.write('POST', `/v1/casussen/${caseId}/verhuizing`, created.versie, { gemeente: 'Wijchen', toelichting: 'Verhuisd naar Wijchen' });
      expect(offered.statusCode, offered.body).toBe(200);
      expect(offered.json()).toMatchObject({ gemeente: 'Nijmegen', regisseur: { id: 'mw-001' } });
      const again = await mw.write('POST', `/v1/casussen/${caseId}/verhuizing`, offered.json().versie, { gemeente: 'Wijchen', toelichting: 'nog eens' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('verhuizing.loopt-al');

      // The old regisseur keeps working the case meanwhile.
      const scored = await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, offered.json().versie, toplist(4));
      expect(scored.statusCode, scored.body).toBe(201);

      const item = (await wijchenIntake.get('/v1/intake')).json().intake.find((i: { casusId: string }) => i.casusId === caseId);
      expect(item).toMatchObject({ soort: 'verhuizing', gemeente: 'Wijchen', vanGemeente: 'Nijmegen', toegewezenAan: null });
      expect((await intake.get('/v1/intake')).json().intake.map((i: { casusId: string | null }) => i.casusId)).not.toContain(caseId);
      // The intake team there reads the history, but changes nothing until it takes the case.
      expect((await wijchenIntake.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
      expect((await wijchenIntake.get(`/v1/casussen/${caseId}/tijdlijn`)).statusCode).toBe(200);
      expect((await wijchenIntake.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, scored.json().versie, toplist(5))).statusCode).toBe(403);

      const taken = await wijchenIntake.request('POST', `/v1/intake/${item.id}/toewijzing`);
      expect(taken.statusCode, taken.body).toBe(200);
      expect(taken.json()).toMatchObject({ casusId: caseId, regisseur: { id: 'intake-w01' } });
      const moved = await view(wijchenIntake, caseId);
      expect(moved).toMatchObject({ gemeente: 'Wijchen', regisseur: { id: 'intake-w01', organisatie: 'Intaketeam Wijchen' } });
      expect(moved.laatsteVeiligheidsscore).toBe(4);
      // One regisseur, never two: the old one no longer directs (nor sees) the case.
      expect((await mw.get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
      const types = (await wijchenIntake.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
      expect(types).toEqual(expect.arrayContaining(['verhuizing.aangeboden', 'verhuizing.overgenomen']));
    });

    it('nobody who is or was on the perpetrator side of the case takes it over', async () => {
      const created = await open(mw, [{ naam: 'Pleun Zijde', geboortedatum: '1987-07-07', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }]);
      const added = await mw.request('POST', `/v1/casussen/${created.id}/betrokkenen`, { body: { soort: 'professional', id: 'intake-w02', organisatie: 'Daderhulp', rol: 'daderhulp', grondslag: 'Wmo 2015', zijde: 'pleger' } });
      expect(added.statusCode, added.body).toBe(201);
      const current = await view(mw, created.id);
      expect((await mw.write('POST', `/v1/casussen/${created.id}/verhuizing`, current.versie, { gemeente: 'Wijchen', toelichting: 'Verhuisd' })).statusCode).toBe(200);
      const item = (await wijchenIntake.get('/v1/intake')).json().intake.find((i: { casusId: string }) => i.casusId === created.id);
      const perpetratorSide = clientFor(t, { sub: 'intake-w02', organisatie: 'Intaketeam Wijchen', gemeenten: ['Wijchen'], teams: ['intake-wijchen'] });
      const refused = await perpetratorSide.request('POST', `/v1/intake/${item.id}/toewijzing`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('casus.regisseur-plegerzijde');
      expect((await view(mw, created.id)).regisseur.id).toBe('mw-001');
      // Another member of the team can.
      expect((await wijchenIntake.request('POST', `/v1/intake/${item.id}/toewijzing`)).statusCode).toBe(200);
    });

    it('a later message about the moved household reaches its case: matching is region-wide', async () => {
      const response = await send(incident([{ naam: 'Mo Verhuis', geboortedatum: '1988-12-12' }], 'Wijchen'));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ casusId: caseId, intakeId: null });
    });
  });
});

describe('review findings on the intake', () => {
  let t: TestApp;
  let vt: Client;
  let intake: Client;
  let mw: Client;
  let wijchenIntake: Client;
  beforeAll(async () => {
    t = await createTestApp();
    vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Nijmegen', 'Wijchen'] });
    intake = clientFor(t, { sub: 'intake-001', organisatie: 'Intaketeam Nijmegen', teams: ['intake-nijmegen'] });
    mw = clientFor(t);
    wijchenIntake = clientFor(t, { sub: 'intake-w01', organisatie: 'Intaketeam Wijchen', gemeenten: ['Wijchen'], teams: ['intake-wijchen'] });
  });
  afterAll(async () => t.close());

  const send = (body: unknown) => vt.request('POST', '/v1/berichten', { body, headers: { 'idempotency-key': randomUUID() } });
  const open = async (leden: Person[]) => {
    const response = await mw.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen', bron: 'lokaal-team', leden } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; versie: number }>();
  };
  const waitingMove = async (caseId: string) =>
    (await wijchenIntake.get('/v1/intake')).json().intake.find((i: { casusId: string | null }) => i.casusId === caseId) as { id: string } | undefined;
  const openSignals = async (itemId: string) =>
    (await t.database.handle.pool.query('SELECT count(*)::int AS n FROM signals WHERE id = ANY((SELECT signal_ids FROM intake_items WHERE id = $1)::uuid[]) AND done_at IS NULL', [itemId])).rows[0].n as number;
  const signalsDone = async (ids: readonly string[]) =>
    (await t.database.handle.pool.query('SELECT done_by FROM signals WHERE id = ANY($1::uuid[])', [ids])).rows.map((r: { done_by: string | null }) => r.done_by);
  const intakeIdsOf = async (client: Client) => ((await client.get('/v1/intake')).json().intake as { id: string }[]).map((item) => item.id);
  const signalIdsOf = async (itemId: string) => (await t.database.handle.pool.query('SELECT signal_ids FROM intake_items WHERE id = $1', [itemId])).rows[0].signal_ids as string[];
  const logged = async (caseId: string, action: string) =>
    (await t.database.handle.pool.query('SELECT actor_sub, status FROM access_log WHERE case_id = $1 AND action = $2', [caseId, action])).rows;

  it('finding 2: the case a taken intake item links to is in the access log too', async () => {
    const piet = { naam: 'Tp Pleger', geboortedatum: '1978-01-01', bsn: '100039595', relatie: 'ouder', betrokkenheid: ['pleger'] };
    const first = await send({ type: 'overdracht', gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [piet, { naam: 'Ta Oud', geboortedatum: '1980-05-05', relatie: 'partner', betrokkenheid: ['slachtoffer'] }], veiligheidsinschatting: { score: 3, toelichting: 'z' }, regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' } });
    const oldCase = first.json().casusId;
    // Only the perpetrator is shared: not the same household, so it waits in the intake.
    const message = await send({ type: 'incident', gemeente: 'Nijmegen', personen: [{ bsn: '100039595', naam: 'Tp Pleger' }, { naam: 'Tn Nieuw', geboortedatum: '1996-02-02' }], tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' });
    expect(message.json().intakeId, message.body).toBeTruthy();
    // Finding 5: a message's werkvoorraad item names the intake item (no case yet).
    const work = (await intake.get('/v1/werkvoorraad')).json().items.filter((i: { soort: string }) => i.soort === 'intake-wacht');
    expect(work.map((i: { gegevens: unknown; casusId: unknown }) => [i.gegevens, i.casusId])).toContainEqual([{ intakeId: message.json().intakeId }, null]);
    const take = await intake.request('POST', `/v1/intake/${message.json().intakeId}/toewijzing`);
    expect(take.statusCode, take.body).toBe(200);
    const action = 'POST /v1/intake/:id/toewijzing';
    expect(await logged(oldCase, action)).toEqual([{ actor_sub: 'intake-001', status: 200 }]);
    expect(await logged(take.json().casusId, action)).toEqual([{ actor_sub: 'intake-001', status: 200 }]);
  });

  it('finding 4: closing the case withdraws a waiting move offer; the receiving intake loses the item and the case', async () => {
    const created = await open([{ naam: 'Cm Move', geboortedatum: '1975-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }]);
    const offered = await mw.write('POST', `/v1/casussen/${created.id}/verhuizing`, created.versie, { gemeente: 'Wijchen', toelichting: 'verhuisd' });
    expect(offered.statusCode, offered.body).toBe(200);
    const item = await waitingMove(created.id);
    if (!item) throw new Error('no move offer waiting');
    expect(await openSignals(item.id)).toBe(2);
    // Finding 5: the team's werkvoorraad item leads to the intake item and the case.
    const work = (await wijchenIntake.get('/v1/werkvoorraad')).json().items.filter((i: { soort: string; gegevens: { intakeId?: string } }) => i.soort === 'intake-wacht' && i.gegevens.intakeId === item.id);
    expect(work).toHaveLength(1);
    expect(work[0].gegevens).toEqual({ intakeId: item.id, casusId: created.id });
    const signalIds = await signalIdsOf(item.id);
    expect((await wijchenIntake.get(`/v1/casussen/${created.id}`)).statusCode).toBe(200);

    await walkToClosure(t, mw, created.id, offered.json().versie);
    expect((await mw.get(`/v1/casussen/${created.id}`)).json().fase).toBe('afgesloten');
    expect(await waitingMove(created.id)).toBeUndefined();
    expect(await signalsDone(signalIds)).toEqual(['mw-001', 'mw-001']);
    expect((await wijchenIntake.get(`/v1/casussen/${created.id}`)).statusCode).toBe(404);
    expect((await wijchenIntake.request('POST', `/v1/intake/${item.id}/toewijzing`)).statusCode).toBe(404);
  });

  it('finding 4: the regisseur withdraws an offer to a wrong municipality (logged, on the timeline) and offers it to the right one', async () => {
    const created = await open([{ naam: 'Wd Trek', geboortedatum: '1976-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }]);
    const nothing = await mw.request('DELETE', `/v1/casussen/${created.id}/verhuizing`, { ifMatch: created.versie });
    expect(nothing.statusCode, nothing.body).toBe(409);
    expect(nothing.json().code).toBe('verhuizing.geen-aanbod');

    const offered = await mw.write('POST', `/v1/casussen/${created.id}/verhuizing`, created.versie, { gemeente: 'Wijchen', toelichting: 'verkeerde gemeente' });
    const item = await waitingMove(created.id);
    if (!item) throw new Error('no move offer waiting');
    const signalIds = await signalIdsOf(item.id);
    // Only the regisseur (or beheer) withdraws: the receiving intake cannot.
    expect((await wijchenIntake.request('DELETE', `/v1/casussen/${created.id}/verhuizing`, { ifMatch: offered.json().versie })).statusCode).toBe(403);
    expect((await mw.request('DELETE', `/v1/casussen/${created.id}/verhuizing`, { ifMatch: created.versie })).statusCode).toBe(412);

    const withdrawn = await mw.request('DELETE', `/v1/casussen/${created.id}/verhuizing`, { ifMatch: offered.json().versie });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ gemeente: 'Nijmegen', regisseur: { id: 'mw-001' }, versie: offered.json().versie + 1 });
    expect(await waitingMove(created.id)).toBeUndefined();
    expect(await signalsDone(signalIds)).toEqual(['mw-001', 'mw-001']);
    expect((await wijchenIntake.get(`/v1/casussen/${created.id}`)).statusCode).toBe(404);
    // The refusals are on record too; the withdrawal once.
    expect((await logged(created.id, 'DELETE /v1/casussen/:id/verhuizing')).filter((r: { status: number }) => r.status === 200)).toEqual([{ actor_sub: 'mw-001', status: 200 }]);
    const types = (await mw.get(`/v1/casussen/${created.id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['verhuizing.aangeboden', 'verhuizing.ingetrokken']));

    const heumen = await mw.write('POST', `/v1/casussen/${created.id}/verhuizing`, withdrawn.json().versie, { gemeente: 'Heumen', toelichting: 'juiste gemeente' });
    expect(heumen.statusCode, heumen.body).toBe(200);
  });

  it('finding 4: an offer to a municipality without an intake team is refused: nobody could take it', async () => {
    const created = await open([{ naam: 'Gi Team', geboortedatum: '1977-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }]);
    const refused = await mw.write('POST', `/v1/casussen/${created.id}/verhuizing`, created.versie, { gemeente: 'Arnhem', toelichting: 'verhuisd' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'verhuizing.geen-intaketeam', title: 'Arnhem heeft geen intaketeam: niemand daar kan de casus overnemen.' });
    expect(refused.json().detail).toContain('intaketeam');
    expect((await mw.get(`/v1/casussen/${created.id}`)).json().versie).toBe(created.versie);
  });

  it('a case opened elsewhere for a waiting household takes the item in at once: the incident reaches its regisseur, no taker writes into a case of another municipality', async () => {
    const people = [
      { naam: 'Dd Een', geboortedatum: '1990-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Dd Twee', geboortedatum: '1991-01-01', relatie: 'partner', betrokkenheid: ['pleger'] },
    ];
    const message = await send({ type: 'incident', gemeente: 'Nijmegen', personen: people.map(({ naam, geboortedatum }) => ({ naam, geboortedatum })), tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' });
    const intakeId = message.json().intakeId as string;
    const signalIds = await signalIdsOf(intakeId);
    const wijchen = await send({ type: 'overdracht', gemeente: 'Wijchen', bron: 'veilig-thuis', leden: people, veiligheidsinschatting: { score: 3, toelichting: 'z' }, regisseur: { id: 'mw-w01', organisatie: 'Wijkteam Wijchen' } });
    const elsewhere = wijchen.json().casusId as string;

    // Before anyone takes anything: the incident is on the Wijchen case and in its regisseur's werkvoorraad.
    const mwW = clientFor(t, { sub: 'mw-w01', organisatie: 'Wijkteam Wijchen', gemeenten: ['Wijchen'] });
    expect((await mwW.get(`/v1/casussen/${elsewhere}`)).json().incidenten).toHaveLength(1);
    expect((await mwW.get('/v1/werkvoorraad')).json().items.filter((i: { soort: string; casusId: string }) => i.soort === 'incident' && i.casusId === elsewhere)).toHaveLength(1);
    // The item left the Nijmegen intake, taken in by the service; its signals are done.
    expect(await intakeIdsOf(intake)).not.toContain(intakeId);
    expect(await signalsDone(signalIds)).toEqual(['systeem', 'systeem']);
    const listed = await intake.get('/v1/intake?status=toegewezen');
    expect(listed.json().intake.find((i: { id: string }) => i.id === intakeId)).toMatchObject({ casusId: null, toegewezenAan: 'systeem' });
    expect(listed.body).not.toContain(elsewhere);

    const take = await intake.request('POST', `/v1/intake/${intakeId}/toewijzing`);
    expect(take.statusCode, take.body).toBe(409);
    expect(take.json().code).toBe('intake.al-toegewezen');
    expect(take.body).not.toContain(elsewhere);
    expect(take.body).not.toContain('mw-w01');
    expect((await intake.get(`/v1/casussen/${elsewhere}`)).statusCode).toBe(404);
    // Nobody of the Nijmegen intake is on the Wijchen case's log as a writer (their refused read above is logged, as every refusal).
    const actors = (await t.database.handle.pool.query("SELECT DISTINCT actor_sub FROM access_log WHERE case_id = $1 AND action NOT LIKE 'GET %'", [elsewhere])).rows.map((r: { actor_sub: string }) => r.actor_sub);
    expect(actors).not.toContain('intake-001');
  });

  it('a case manager opening a case for a household waiting in the intake takes the item in: the incident is on the new case, counted for the window', async () => {
    const people = [
      { naam: 'Wc Een', geboortedatum: '1985-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Wc Twee', geboortedatum: '1986-01-01', relatie: 'partner', betrokkenheid: ['pleger'] },
    ];
    const message = await send({ type: 'incident', gemeente: 'Nijmegen', personen: people.map(({ naam, geboortedatum }) => ({ naam, geboortedatum })), tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' });
    const intakeId = message.json().intakeId as string;
    const created = await open(people);
    const view = (await mw.get(`/v1/casussen/${created.id}`)).json();
    expect(view.incidenten).toHaveLength(1);
    expect(await intakeIdsOf(intake)).not.toContain(intakeId);
    // Taken by the service; the team sees no case it may not read (the case manager's case is not theirs).
    const listed = (await intake.get('/v1/intake?status=toegewezen')).json().intake.find((i: { id: string }) => i.id === intakeId);
    expect(listed).toMatchObject({ casusId: null, toegewezenAan: 'systeem' });
    expect((await intake.request('POST', `/v1/intake/${intakeId}/toewijzing`)).statusCode).toBe(409);
  });

  describe('what a case takes in, and what not (review of the take-in)', () => {
    const POL_OIN = '00000001003214345000';
    const police = () => clientFor(t, { sub: 'pol-nijmegen', rol: 'integratie', organisatie: 'Politie', oin: POL_OIN, gemeenten: ['Nijmegen'] });
    const incidentBy = (client: Client, personen: unknown[], omschrijving: string) =>
      client.request('POST', '/v1/berichten', { body: { type: 'incident', gemeente: 'Nijmegen', personen, tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving }, headers: { 'idempotency-key': randomUUID() } });
    const mwW = () => clientFor(t, { sub: 'mw-w01', organisatie: 'Wijkteam Wijchen', gemeenten: ['Wijchen'] });

    it('one shared person does not pull another household\'s item: a one-member case elsewhere takes nothing, and the item keeps its people', async () => {
      const sent = await incidentBy(police(), [
        { naam: 'Ta Pleger', geboortedatum: '1980-01-01', betrokkenheid: ['pleger'] },
        { naam: 'Ta Nieuw', geboortedatum: '1995-02-02', betrokkenheid: ['slachtoffer'] },
        { naam: 'Ta Baby', geboortedatum: '2024-03-03' },
      ], 'GEHEIM-NIJMEGEN');
      const itemId = sent.json().intakeId as string;
      // A Wijchen case manager who knows one name and birth date; a Nijmegen one the same (one of three is not the household).
      for (const [client, gemeente] of [[mwW(), 'Wijchen'], [mw, 'Nijmegen']] as const) {
        const created = await client.request('POST', '/v1/casussen', { body: { gemeente, bron: 'lokaal-team', leden: [{ naam: 'Ta Pleger', geboortedatum: '1980-01-01', relatie: 'ouder', betrokkenheid: ['pleger'] }] } });
        expect(created.statusCode, created.body).toBe(201);
        expect((await client.get(`/v1/casussen/${created.json().id}`)).body).not.toContain('GEHEIM-NIJMEGEN');
      }
      expect(await intakeIdsOf(intake)).toContain(itemId);
      // The next message about the victim alone still reaches the intake item, not a case of the perpetrator.
      const next = await incidentBy(police(), [{ naam: 'Ta Nieuw', geboortedatum: '1995-02-02' }, { naam: 'Ta Baby', geboortedatum: '2024-03-03' }], 'tweede');
      expect(next.statusCode, next.body).toBe(201);
      expect(next.json()).toMatchObject({ intakeId: itemId, casusId: null });
    });

    it('a case manager\'s case takes in its own municipality\'s items only (no cross-municipality oracle), with every person of the item matching', async () => {
      const people = [{ naam: 'Tb Een', geboortedatum: '1981-01-01' }, { naam: 'Tb Twee', geboortedatum: '1982-02-02' }];
      const itemId = (await incidentBy(police(), people, 'TB-NIJMEGEN')).json().intakeId as string;
      const wijchen = await mwW().request('POST', '/v1/casussen', { body: { gemeente: 'Wijchen', bron: 'lokaal-team', leden: people.map((p) => ({ ...p, relatie: 'ouder', betrokkenheid: ['slachtoffer'] })) } });
      expect(wijchen.statusCode, wijchen.body).toBe(201);
      expect((await mwW().get(`/v1/casussen/${wijchen.json().id}`)).json().incidenten).toEqual([]);
      expect(await intakeIdsOf(intake)).toContain(itemId);
    });

    it('an item naming someone by BSN only is taken in by a handover that carries that BSN', async () => {
      const itemId = (await incidentBy(police(), [{ bsn: '999990019' }, { naam: 'Tc Twee', geboortedatum: '1983-03-03' }], 'TC-BSN')).json().intakeId as string;
      expect(itemId).toBeTruthy();
      const handed = await send({ type: 'overdracht', gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [
        { naam: 'Tc Een', geboortedatum: '1984-04-04', bsn: '999990019', relatie: 'ouder', betrokkenheid: ['pleger'] },
        { naam: 'Tc Twee', geboortedatum: '1983-03-03', relatie: 'partner', betrokkenheid: ['slachtoffer'] },
      ], veiligheidsinschatting: { score: 3, toelichting: 'z' }, regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' } });
      expect(handed.statusCode, handed.body).toBe(201);
      expect(await intakeIdsOf(intake)).not.toContain(itemId);
      const incidents = (await mw.get(`/v1/casussen/${handed.json().casusId}`)).json().incidenten as { omschrijving: string }[];
      expect(incidents.map((i) => i.omschrijving)).toEqual(['TC-BSN']);
    });

    it('a repeat waiting for a regisseur is not withdrawn nor offered as a move', async () => {
      const leaver = clientFor(t, { sub: 'mw-weg9', organisatie: 'Sociaal Wijkteam Nijmegen' });
      const beheer = clientFor(t, { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
      const opened = await leaver.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen', bron: 'lokaal-team', leden: [{ naam: 'Td Weg', geboortedatum: '1970-01-01', relatie: 'ouder', betrokkenheid: ['pleger'] }] } });
      const created = opened.json<{ id: string; versie: number }>();
      await walkToClosure(t, leaver, created.id, created.versie);
      expect((await beheer.request('POST', '/v1/medewerkers/mw-weg9/vertrokken')).statusCode).toBe(200);
      await incidentBy(police(), [{ naam: 'Td Weg', geboortedatum: '1970-01-01' }], 'herhaling');
      const versie = (await beheer.get(`/v1/casussen/${created.id}`)).json().versie;
      const withdraw = await beheer.request('DELETE', `/v1/casussen/${created.id}/verhuizing`, { ifMatch: versie });
      expect(withdraw.json().code).toBe('verhuizing.geen-aanbod');
      const offer = await beheer.write('POST', `/v1/casussen/${created.id}/verhuizing`, versie, { gemeente: 'Wijchen', toelichting: 'verhuisd' });
      expect(offer.json()).toMatchObject({ status: 409, code: 'verhuizing.herhaling-wacht' });
      expect((await intake.get('/v1/intake')).json().intake.filter((i: { casusId: string | null }) => i.casusId === created.id)).toEqual([expect.objectContaining({ soort: 'herhaling' })]);
    });
  });

  it('a handover linked to an open case of another municipality (one shared member): the link is made by the service, the receipt does not name a case the sender does not serve', async () => {
    const nijmegenOnly = clientFor(t, { sub: 'vt-nijmegen', rol: 'integratie', organisatie: 'Veilig Thuis', oin: VT_OIN, gemeenten: ['Nijmegen'] });
    const shared = { naam: 'Lk Gedeeld', geboortedatum: '1979-01-01', relatie: 'ouder', betrokkenheid: ['pleger'] };
    const wijchen = await send({ type: 'overdracht', gemeente: 'Wijchen', bron: 'veilig-thuis', leden: [shared, { naam: 'Lk Wijchen', geboortedatum: '1981-01-01', relatie: 'partner', betrokkenheid: ['slachtoffer'] }], veiligheidsinschatting: { score: 3, toelichting: 'z' }, regisseur: { id: 'mw-w01', organisatie: 'Wijkteam Wijchen' } });
    const other = wijchen.json().casusId as string;
    const sent = await nijmegenOnly.request('POST', '/v1/berichten', {
      headers: { 'idempotency-key': randomUUID() },
      body: { type: 'overdracht', gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [shared, { naam: 'Lk Nijmegen', geboortedatum: '1983-01-01', relatie: 'partner', betrokkenheid: ['slachtoffer'] }], veiligheidsinschatting: { score: 3, toelichting: 'z' }, regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' } },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'geaccepteerd', gekoppeldAanCasus: null });
    expect(sent.body).not.toContain(other);
    const receipt = await nijmegenOnly.get(`/v1/berichten/${sent.json().id}`);
    expect(receipt.body).not.toContain(other);
    // Both sides of the link exist, written by the service.
    const links = (await t.database.handle.pool.query("SELECT case_id, actor_sub, actor_role FROM case_events WHERE type = 'casus.gekoppeld' AND case_id = ANY($1::uuid[]) ORDER BY case_id", [[other, sent.json().casusId]])).rows;
    expect(links).toHaveLength(2);
    expect(links.every((l: { actor_sub: string; actor_role: string }) => l.actor_sub === 'systeem' && l.actor_role === 'systeem')).toBe(true);
    // The new case's regisseur sees that a link exists and whom to call.
    expect((await mw.get(`/v1/casussen/${sent.json().casusId}`)).json().gekoppeldeCasussen).toEqual([expect.objectContaining({ regisseur: expect.objectContaining({ id: 'mw-w01' }) })]);
  });

  it('finding 7: a network member\'s undo of a merge and an intake member\'s write to an offered case get their own refusals', async () => {
    const leden = [
      { naam: 'Ub One', geboortedatum: '1970-01-01', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Ub Two', geboortedatum: '1971-01-01', relatie: 'partner', betrokkenheid: ['pleger'] },
    ];
    const created = await open(leden);
    const merged = await send({ type: 'overdracht', gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [...leden, { naam: 'Ub Drie', geboortedatum: '2015-01-01', relatie: 'kind', betrokkenheid: ['getuige'] }], veiligheidsinschatting: { score: 3, toelichting: 'z' }, regisseur: { id: 'mw-009', organisatie: 'X' } });
    expect(merged.json()).toMatchObject({ status: 'samengevoegd', casusId: created.id });
    const added = await mw.request('POST', `/v1/casussen/${created.id}/betrokkenen`, { body: { soort: 'professional', id: 'mw-005', organisatie: 'Wijkteam', rol: 'jeugdhulp', grondslag: 'Jeugdwet' } });
    expect(added.statusCode, added.body).toBe(201);
    const versie = (await mw.get(`/v1/casussen/${created.id}`)).json().versie;
    const undo = `/v1/casussen/${created.id}/samenvoegingen/${merged.json().id}/ongedaan-maken`;
    const refused = await clientFor(t, { sub: 'mw-005' }).write('POST', undo, versie);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'samenvoeging.alleen-regisseur', title: 'Alleen de regisseur kan een samenvoeging ongedaan maken.' });
    // The regisseur can.
    expect((await mw.write('POST', undo, versie)).statusCode).toBe(200);

    const offered = await mw.write('POST', `/v1/casussen/${created.id}/verhuizing`, (await mw.get(`/v1/casussen/${created.id}`)).json().versie, { gemeente: 'Wijchen', toelichting: 'verhuisd' });
    expect(offered.statusCode, offered.body).toBe(200);
    const write = await wijchenIntake.write('POST', `/v1/casussen/${created.id}/veiligheidsscores`, offered.json().versie, toplist(5));
    expect(write.statusCode, write.body).toBe(403);
    expect(write.json().code).toBe('casus.aangeboden-alleen-inzage');
    expect(write.json().detail).toContain('/v1/intake/{id}/toewijzing');
    expect(write.body).not.toContain('noodtoegang');
  });
});
