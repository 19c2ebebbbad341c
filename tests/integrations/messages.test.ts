/**
 * Inbound messages over HTTP: one contract test per type, every rejection
 * (each with a stored receipt), household matching with recurrence, and
 * idempotency (replay, mismatch, 50 concurrent requests, replay after restart).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';
import { walkToClosure } from '../helpers/walk.js';

/** Veilig Thuis's OIN: the organisation is recognised by it (security finding 5). */
const VT_OIN = '00000001823288444000';

// Valid BSNs (eleven test): 111222333, 123456782, 999999990 are test numbers.
const handover = (overrides: Record<string, unknown> = {}) => ({
  type: 'overdracht',
  gemeente: 'Nijmegen',
  bron: 'veilig-thuis',
  leden: [
    { naam: 'Eva Smit', geboortedatum: '1990-03-04', bsn: '111222333', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
    { naam: 'Noor Smit', geboortedatum: '2018-07-01', relatie: 'kind', betrokkenheid: ['getuige'] },
  ],
  veiligheidsinschatting: { score: 3, toelichting: 'Acuut onveilig na melding politie' },
  regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' },
  ...overrides,
});

describe('inbound messages', () => {
  let t: TestApp;
  let vt: Client;
  let mw: Client;

  beforeAll(async () => {
    t = await createTestApp();
    vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Nijmegen', 'Wijchen'] });
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  const send = (client: Client, body: unknown, key: string = randomUUID()) =>
    client.request('POST', '/v1/berichten', { body, headers: { 'idempotency-key': key } });

  describe('overdracht', () => {
    let caseId: string;

    it('opens a case for a new household, with the reporter\'s assessment, and a receipt for the sender', async () => {
      const response = await send(vt, handover());
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json();
      expect(receipt).toMatchObject({ type: 'overdracht', status: 'geaccepteerd', herhaling: false, gekoppeldAanCasus: null, redenen: [] });
      caseId = receipt.casusId;
      expect(response.headers.location).toBe(`/v1/berichten/${receipt.id}`);
      expect((await vt.get(`/v1/berichten/${receipt.id}`)).json()).toEqual(receipt);
      // Only the sender sees its receipts.
      expect((await clientFor(t, { sub: 'zvh-koppeling', rol: 'integratie' }).get(`/v1/berichten/${receipt.id}`)).statusCode).toBe(404);

      const view = (await mw.get(`/v1/casussen/${caseId}`)).json();
      expect(view).toMatchObject({ bron: 'veilig-thuis', regisseur: { id: 'mw-001' }, veiligheidsinschatting: { score: 3 } });
      expect(view.leden).toHaveLength(2);
      // The BSN is used for matching only: never stored or shown.
      expect(JSON.stringify(view)).not.toContain('111222333');
      const stored = await t.database.handle.pool.query("SELECT count(*)::int AS n FROM case_events WHERE payload::text LIKE '%111222333%'");
      expect(stored.rows[0].n).toBe(0);
    });

    it('adds to the open case of the same household (two members match: BSN, name and birth date), adding only the members it does not know', async () => {
      const response = await send(vt, handover({
        leden: [
          { naam: 'E. Smit', bsn: '111222333', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
          { naam: 'Noor Smit', geboortedatum: '2018-07-01', relatie: 'kind', betrokkenheid: ['getuige'] },
          { naam: 'Daan Smit', geboortedatum: '2020-01-01', relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      }));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ status: 'samengevoegd', casusId: caseId, herhaling: false });
      const leden = (await mw.get(`/v1/casussen/${caseId}`)).json().leden.map((l: { naam: string }) => l.naam);
      expect(leden).toEqual(['Eva Smit', 'Noor Smit', 'Daan Smit']);
    });

    it('falls back to name and date of birth, ignoring case and accents', async () => {
      const response = await send(vt, handover({ leden: [{ naam: 'NOOR  SMÎT', geboortedatum: '2018-07-01', relatie: 'kind', betrokkenheid: [] }] }));
      expect(response.json()).toMatchObject({ status: 'samengevoegd', casusId: caseId });
    });

    it('reopens a case closed less than 12 months ago as recurrence; after 12 months opens a linked new case', async () => {
      // Close a case made by the local team; its members' keys come from name and date of birth.
      const created = (await mw.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen', bron: 'lokaal-team', leden: [{ naam: 'Piet Jong', geboortedatum: '1975-05-05', relatie: 'ouder', betrokkenheid: ['pleger'] }] } })).json();
      await walkToClosure(t, mw, created.id, 1);

      const piet = { naam: 'Piet Jong', geboortedatum: '1975-05-05', relatie: 'ouder', betrokkenheid: ['pleger'] };
      t.clock.advance(200 * 86_400_000);
      const recurrence = await send(vt, handover({ leden: [piet] }));
      expect(recurrence.json()).toMatchObject({ status: 'samengevoegd', casusId: created.id, herhaling: true });
      const reopened = (await mw.get(`/v1/casussen/${created.id}`)).json();
      expect(reopened).toMatchObject({ fase: 'directe-veiligheid', herhaling: true });

      // Close it again, then come back more than 12 months later.
      await walkToClosure(t, mw, created.id, reopened.versie);
      t.clock.advance(400 * 86_400_000);
      const later = await send(vt, handover({ leden: [piet] }));
      expect(later.json(), later.body).toMatchObject({ status: 'geaccepteerd', gekoppeldAanCasus: created.id, herhaling: false });
      expect(later.json().casusId).not.toBe(created.id);
      expect((await mw.get(`/v1/casussen/${later.json().casusId}`)).json().gekoppeldeCasussen).toEqual([
        { casusId: created.id, reden: 'herhaling', regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, sinds: t.clock.now().toISOString() },
      ]);
    });
  });

  describe('incident, huisverbod and terugmelding-gevraagd', () => {
    const eva = [{ bsn: '111222333' }];

    it('an incident for a known household goes to its case', async () => {
      const response = await send(vt, { type: 'incident', gemeente: 'Nijmegen', personen: eva, tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'Politiemelding' });
      expect(response.statusCode, response.body).toBe(201);
      const caseView = (await mw.get(`/v1/casussen/${response.json().casusId}`)).json();
      expect(caseView.incidenten).toHaveLength(1);
    });

    it('a restraining order is visible with its end date; the regisseur is warned 2 days before it ends', async () => {
      const start = t.clock.now();
      const end = new Date(start.getTime() + 10 * 86_400_000);
      const response = await send(vt, { type: 'huisverbod', gemeente: 'Nijmegen', personen: eva, actie: 'opgelegd', startdatum: start.toISOString(), einddatum: end.toISOString() });
      expect(response.statusCode, response.body).toBe(201);
      const id = response.json().casusId;
      expect((await mw.get(`/v1/casussen/${id}`)).json().huisverbod).toEqual({ start: start.toISOString(), einde: end.toISOString(), verlengd: false });

      const tooLong = await send(vt, { type: 'huisverbod', gemeente: 'Nijmegen', personen: eva, actie: 'verlengd', startdatum: start.toISOString(), einddatum: new Date(start.getTime() + 30 * 86_400_000).toISOString() });
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.json().code).toBe('casus.huisverbod-niet-verlengbaar');

      t.clock.set(new Date(end.getTime() - 2 * 86_400_000 - 60_000));
      await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
      const before = (await mw.get(`/v1/casussen/${id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
      expect(before).not.toContain('huisverbod.herinnerd');
      t.clock.set(new Date(end.getTime() - 2 * 86_400_000 + 60_000));
      await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
      const after = (await mw.get(`/v1/casussen/${id}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
      expect(after.filter((type: string) => type === 'huisverbod.herinnerd')).toHaveLength(1);
    });

    it('the sender sees the partner view of the cases it handed over, not the case itself', async () => {
      const receipt = (await send(vt, handover({ leden: [{ naam: 'Volg Mij', geboortedatum: '1970-01-01', relatie: 'ouder', betrokkenheid: [] }] }))).json();
      const view = await vt.get(`/v1/casussen/${receipt.casusId}/mijn-afspraken`);
      expect(view.statusCode, view.body).toBe(200);
      expect(view.json()).toMatchObject({ casusId: receipt.casusId, fase: 'directe-veiligheid' });
      expect((await vt.get(`/v1/casussen/${receipt.casusId}`)).statusCode).toBe(403);
      const other = clientFor(t, { sub: 'andere-koppeling', rol: 'integratie', organisatie: 'Ander systeem', gemeenten: ['Nijmegen'] });
      expect((await other.get(`/v1/casussen/${receipt.casusId}/mijn-afspraken`)).statusCode).toBe(404);
      // Security finding 5: the name proves nothing, only the OIN does.
      const namesake = clientFor(t, { sub: 'nep-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', gemeenten: ['Nijmegen'] });
      expect((await namesake.get(`/v1/casussen/${receipt.casusId}/mijn-afspraken`)).statusCode).toBe(404);
    });

    it('terugmelding-gevraagd makes the sender follow the case', async () => {
      const id = (await mw.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen', bron: 'lokaal-team', leden: [{ naam: 'X', relatie: 'ouder', betrokkenheid: [] }] } })).json().id;
      const response = await send(vt, { type: 'terugmelding-gevraagd', casusId: id });
      expect(response.json()).toMatchObject({ status: 'geaccepteerd', casusId: id });
      const followers = await t.database.handle.pool.query('SELECT organisation FROM case_followers WHERE case_id = $1', [id]);
      expect(followers.rows).toEqual([{ organisation: VT_OIN }]);
    });
  });

  describe('rejections, each with a stored receipt', () => {
    async function expectRejected(response: Awaited<ReturnType<typeof send>>, status: number, code: string) {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().code).toBe(code);
      const location = response.headers.location as string;
      expect(location).toMatch(/^\/v1\/berichten\//);
      const receipt = (await vt.get(location)).json();
      expect(receipt.status).toBe('afgewezen');
      expect(receipt.redenen.length).toBeGreaterThan(0);
      return receipt;
    }

    it('missing fields: every invalid field at once', async () => {
      const receipt = await expectRejected(await send(vt, { type: 'overdracht', gemeente: 'Nijmegen', leden: [] }), 400, 'verzoek.ongeldig');
      expect(receipt.redenen.map((r: { name: string }) => r.name).sort()).toEqual(['bron', 'leden', 'regisseur', 'veiligheidsinschatting']);
    });

    it('an unknown type, and an invalid BSN', async () => {
      await expectRejected(await send(vt, { type: 'melding', gemeente: 'Nijmegen' }), 400, 'verzoek.ongeldig');
      const receipt = await expectRejected(await send(vt, handover({ leden: [{ naam: 'A', bsn: '123456789', relatie: 'ouder', betrokkenheid: [] }] })), 400, 'verzoek.ongeldig');
      expect(receipt.redenen[0].reason).toContain('elfproef');
    });

    it('a household in a municipality the sender does not work for', async () => {
      await expectRejected(await send(vt, handover({ gemeente: 'Arnhem' })), 403, 'casus.gemeente-niet-toegestaan');
      // An incident there is refused as if the household were unknown: the sender learns nothing about it.
      await expectRejected(
        await send(vt, { type: 'incident', gemeente: 'Heumen', personen: [{ bsn: '111222333' }], tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' }),
        422,
        'bericht.huishouden-onbekend',
      );
    });

    it('a wrong role is refused before anything is stored', async () => {
      const response = await send(mw, handover());
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('auth.rol-niet-toegestaan');
    });
  });

  describe('idempotency', () => {
    it('requires the key', async () => {
      const response = await vt.request('POST', '/v1/berichten', { body: handover() });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('idempotentie.sleutel-ontbreekt');
    });

    it('replays the original response for the same key and body; refuses the same key with another body', async () => {
      const key = randomUUID();
      const body = handover({ leden: [{ naam: 'Idem Potent', geboortedatum: '1980-01-01', relatie: 'ouder', betrokkenheid: [] }] });
      const first = await send(vt, body, key);
      const again = await send(vt, body, key);
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.json()).toEqual(first.json());
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const other = await send(vt, { ...body, gemeente: 'Wijchen' }, key);
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('idempotentie.sleutel-hergebruikt');
    });

    it('50 concurrent identical requests create one case; later retries, also after a restart, get the stored response', async () => {
      const key = randomUUID();
      const body = handover({ leden: [{ naam: 'Vijftig Keer', geboortedatum: '1985-05-05', relatie: 'ouder', betrokkenheid: [] }] });
      const responses = await Promise.all(Array.from({ length: 50 }, () => send(vt, body, key)));
      const created = responses.filter((r) => r.statusCode === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const r of responses) expect([201, 409]).toContain(r.statusCode);
      expect(new Set(created.map((r) => r.json().casusId)).size).toBe(1);
      const cases = await t.database.handle.pool.query("SELECT count(*)::int AS n FROM messages WHERE type = 'overdracht' AND case_id = $1", [created[0]?.json().casusId]);
      expect(cases.rows[0].n).toBe(1);

      // A new service instance on the same database (a restart) replays the stored response.
      const restarted = await createTestAppOn(t);
      try {
        const replay = await clientFor(restarted, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', gemeenten: ['Nijmegen', 'Wijchen'] })
          .request('POST', '/v1/berichten', { body, headers: { 'idempotency-key': key } });
        expect(replay.statusCode).toBe(201);
        expect(replay.json()).toEqual(created[0]?.json());
      } finally {
        await restarted.app.close();
      }
    });
  });
});

/** A second app on the first one's database, as after a restart. */
async function createTestAppOn(t: TestApp): Promise<TestApp> {
  const { buildApp, resolveJwtKeys } = await import('@veilig-samen/api');
  const app = await buildApp({ config: t.config, database: t.database.service.handle, jwtKeys: await resolveJwtKeys(t.config), matchingKey: t.config.matchingKey ?? '', auditKey: t.auditKeys.current, clock: t.clock });
  await app.ready();
  return { ...t, app };
}

describe('two handovers for one household at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('end in one case', async () => {
    const vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis', gemeenten: ['Nijmegen'] });
    const zvh = clientFor(t, { sub: 'zvh-koppeling', rol: 'integratie', organisatie: 'ZVH', gemeenten: ['Nijmegen'] });
    const responses = await Promise.all([vt, zvh, vt, zvh].map((c) => c.request('POST', '/v1/berichten', { body: handover(), headers: { 'idempotency-key': randomUUID() } })));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().casusId)).size).toBe(1);
    expect(responses.map((r) => r.json().status).sort()).toEqual(['geaccepteerd', 'samengevoegd', 'samengevoegd', 'samengevoegd']);
  });
});
