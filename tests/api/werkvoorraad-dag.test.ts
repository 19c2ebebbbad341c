/**
 * Issue 17 point 3, over HTTP: a werkvoorraad that tells the day. Besides the
 * signals (tests/api/werkvoorraad.test.ts) it lists what the regisseur's own
 * cases imply: agreements past or near their deadline, the next TOP3 scoring
 * (a policy interval: 4 weeks in directe-veiligheid, 6 after), Handle with
 * Care signals not yet sent (tests/api/case-content.test.ts), and handovers
 * to accept. Counts per kind first, overdue first then by due date, each item
 * linking to its case; done items disappear and cannot be marked done by hand.
 */
import { deriveMissingWorkColumns } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

const DAY = 86_400_000;

interface Item {
  id: string;
  soort: string;
  casusId: string | null;
  vervaldatum: string;
  verlopen: boolean;
  status: string;
  berekend: boolean;
  gegevens: Record<string, unknown>;
  aangemaaktOp: string;
  _links: { casus: { href: string } | null };
}

describe('issue 17 point 3: the werkvoorraad tells the day', () => {
  let t: TestApp;
  let mw: Client;
  const T0 = new Date('2026-05-04T08:00:00Z');

  /**
   * The werkvoorraad without the letters to send: every case opened here asks for start letters (issue 17 point 7,
   * tests/api/letters.test.ts); these tests are about the kinds a case implies. The shape stays the API's.
   */
  const list = async (client: Client = mw, query = '') => {
    const response = await client.get(`/v1/werkvoorraad${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ aantallen: Record<string, number>; aantalVerlopen: number; items: Item[] }>();
    const letters = body.items.filter((i) => i.soort === 'brief-versturen');
    const { 'brief-versturen': _letters, ...aantallen } = body.aantallen;
    return { aantallen, aantalVerlopen: body.aantalVerlopen - letters.filter((i) => i.verlopen).length, items: body.items.filter((i) => i.soort !== 'brief-versturen') };
  };
  const itemsOf = async (caseId: string, client: Client = mw) => (await list(client)).items.filter((i) => i.casusId === caseId);
  const open = async (client: Client = mw) => {
    const created = await client.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json().id as string, version: created.json().versie as number };
  };
  const versionOf = async (caseId: string, client: Client = mw) => (await client.get(`/v1/casussen/${caseId}`)).json().versie as number;

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t, { sub: 'mw-101', organisatie: 'Sociaal Wijkteam Nijmegen' });
  });
  afterAll(async () => t.close());

  it('the next TOP3 scoring: shown a week before it is due (4 weeks in directe-veiligheid), overdue after; a score moves it on', async () => {
    t.clock.set(T0);
    const { id, version } = await open();
    const due = new Date(T0.getTime() + 28 * DAY).toISOString();
    t.clock.set(new Date(T0.getTime() + 20 * DAY));
    expect(await itemsOf(id)).toEqual([]);
    t.clock.set(new Date(T0.getTime() + 22 * DAY));
    const [item] = await itemsOf(id);
    expect(item).toMatchObject({
      soort: 'veiligheidsscore-gepland',
      vervaldatum: due,
      verlopen: false,
      status: 'open',
      berekend: true,
      gegevens: { fase: 'directe-veiligheid' },
      aangemaaktOp: new Date(T0.getTime() + 21 * DAY).toISOString(),
      _links: { casus: { href: `/v1/casussen/${id}` } },
    });
    t.clock.set(new Date(T0.getTime() + 30 * DAY));
    expect((await itemsOf(id))[0]).toMatchObject({ soort: 'veiligheidsscore-gepland', verlopen: true });
    // Marked done by hand: refused, saying how it is done.
    const byHand = await mw.request('POST', `/v1/werkvoorraad/${item?.id}/afgehandeld`);
    expect(byHand.statusCode).toBe(409);
    expect(byHand.json()).toMatchObject({ code: 'werkvoorraad.afhandelen-in-casus' });
    expect(byHand.json().detail).toContain('veiligheidsscores');
    // A score: the next one is 4 weeks on, out of today's list.
    const scored = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, version, toplist(4));
    expect(scored.statusCode, scored.body).toBe(201);
    expect(await itemsOf(id)).toEqual([]);
    t.clock.set(new Date(T0.getTime() + 52 * DAY));
    expect((await itemsOf(id)).map((i) => [i.soort, i.vervaldatum])).toEqual([['veiligheidsscore-gepland', new Date(T0.getTime() + 58 * DAY).toISOString()]]);
  });

  it('in a later phase every 6 weeks', async () => {
    t.clock.set(T0);
    const { id } = await open();
    let version = await versionOf(id);
    for (const [method, url, body] of [
      ['PUT', 'veiligheidsplan', plan([{ deadline: '2026-09-01' }])],
      ['POST', 'veiligheidsscores', toplist(7)],
      ['POST', 'faseovergangen', { naar: 'oorzaken-onderzoeken' }],
    ] as const) {
      const answer = await mw.write(method, `/v1/casussen/${id}/${url}`, version, body);
      expect(answer.statusCode, answer.body).toBeLessThan(300);
      version += 1;
    }
    t.clock.set(new Date(T0.getTime() + 36 * DAY));
    expect((await itemsOf(id)).filter((i) => i.soort === 'veiligheidsscore-gepland')).toMatchObject([
      { vervaldatum: new Date(T0.getTime() + 42 * DAY).toISOString(), gegevens: { fase: 'oorzaken-onderzoeken' } },
    ]);
  });

  it('agreements past or near their deadline, overdue first; done ones disappear; the counts per kind come first', async () => {
    t.clock.set(new Date('2026-06-01T08:00:00Z'));
    const { id, version } = await open();
    const adopted = await mw.write(
      'PUT',
      `/v1/casussen/${id}/veiligheidsplan`,
      version,
      plan([
        { deadline: '2026-05-29' },
        { deadline: '2026-06-04' },
        { deadline: '2026-06-08' },
        { deadline: '2026-06-09' },
        { deadline: '2026-07-01' },
        { deadline: '2026-05-20', status: 'gedaan' },
      ]),
    );
    expect(adopted.statusCode, adopted.body).toBe(200);
    const agreements = adopted.json().afspraken as { id: string; deadline: string }[];
    const shown = (await itemsOf(id)).filter((i) => i.soort === 'afspraak-deadline');
    // Late (29 May), due within the policy's 7 days (4 and 8 June); not 9 June (8 days ahead) nor July; not the one done.
    expect(shown.map((i) => [i.gegevens.deadline, i.verlopen])).toEqual([
      ['2026-05-29', true],
      ['2026-06-04', false],
      ['2026-06-08', false],
    ]);
    // Due at the end of its day (Europe/Amsterdam): late from the next day, as the plan's `teLaat` says.
    expect(shown[1]?.vervaldatum).toBe('2026-06-04T22:00:00.000Z');
    expect(shown.map((i) => i.gegevens.afspraakId)).toEqual([agreements[0]?.id, agreements[1]?.id, agreements[2]?.id]);

    const body = await list();
    expect(Object.keys(body)).toEqual(['aantallen', 'aantalVerlopen', 'items']);
    expect(body.aantallen['afspraak-deadline']).toBe(3);
    const verlopen = body.items.map((i) => i.verlopen);
    expect(verlopen).toEqual([...verlopen].sort((a, b) => Number(b) - Number(a)));
    expect(body.aantalVerlopen).toBe(verlopen.filter(Boolean).length);
    const dueOfOpen = body.items.filter((i) => !i.verlopen).map((i) => i.vervaldatum);
    expect(dueOfOpen).toEqual([...dueOfOpen].sort());

    // The late one done: its item is gone; the filter on kind keeps the counts of all.
    const doneOne = await mw.write('PATCH', `/v1/casussen/${id}/veiligheidsplan/afspraken/${agreements[0]?.id}`, await versionOf(id), { status: 'gedaan' });
    expect(doneOne.statusCode, doneOne.body).toBe(200);
    const filtered = await list(mw, '?soort=afspraak-deadline');
    expect(filtered.items.filter((i) => i.casusId === id).map((i) => i.gegevens.deadline)).toEqual(['2026-06-04', '2026-06-08']);
    expect(filtered.items.every((i) => i.soort === 'afspraak-deadline')).toBe(true);
    // Computed items are never "done": status=afgehandeld shows none of them.
    expect((await list(mw, '?status=afgehandeld')).items.filter((i) => i.berekend)).toEqual([]);
    // The next day, 9 June is within 7 days.
    t.clock.set(new Date('2026-06-02T08:00:00Z'));
    expect((await list(mw, '?soort=afspraak-deadline')).items.filter((i) => i.casusId === id).map((i) => i.gegevens.deadline)).toEqual(['2026-06-04', '2026-06-08', '2026-06-09']);
  });

  it('a handover to accept is in the proposed regisseur\'s werkvoorraad; once accepted, the case\'s items follow the new regisseur', async () => {
    t.clock.set(new Date('2026-08-03T08:00:00Z'));
    const { id, version } = await open();
    const colleague = clientFor(t, { sub: 'mw-102', organisatie: 'Sociaal Wijkteam Nijmegen' });
    await colleague.get('/v1/ik');
    const proposed = await mw.write('PUT', `/v1/casussen/${id}/regisseur`, version, { regisseur: { id: 'mw-102', organisatie: 'Sociaal Wijkteam Nijmegen' }, reden: 'Nieuwe wijk' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const waiting = (await itemsOf(id, colleague)).filter((i) => i.soort === 'regiewissel-voorgesteld');
    expect(waiting).toMatchObject([{ berekend: false, _links: { casus: { href: `/v1/casussen/${id}` } } }]);
    t.clock.set(new Date('2026-08-28T08:00:00Z'));
    expect((await itemsOf(id)).map((i) => i.soort)).toContain('veiligheidsscore-gepland');
    expect((await itemsOf(id, colleague)).map((i) => i.soort)).not.toContain('veiligheidsscore-gepland');
    const accepted = await colleague.write('POST', `/v1/casussen/${id}/regiewissel/acceptatie`, await versionOf(id), {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await itemsOf(id, colleague)).map((i) => i.soort)).toEqual(['veiligheidsscore-gepland']);
    expect(await itemsOf(id)).toEqual([]);
  });

  it('the policy sets the interval and the days ahead, for windows opened under it', async () => {
    t.clock.set(new Date('2026-09-01T08:00:00Z'));
    const regio = clientFor(t, { sub: 'regiobeheer-1', rol: 'regiobeheerder', gemeenten: [] });
    const adopted = await regio.request('POST', '/v1/beleid', {
      body: {
        drempel: 6,
        vensterMaanden: 3,
        stabiliteitMaanden: 3,
        herinneringDagenVoorDeadline: 14,
        scoringIntervalWekenDirecteVeiligheid: 2,
        scoringIntervalWekenLatereFasen: 8,
        werkvoorraadDagenVooruit: 3,
        reden: 'Vaker scoren in directe veiligheid (besluit regionaal overleg)',
      },
    });
    expect(adopted.statusCode, adopted.body).toBe(201);
    expect(adopted.json()).toMatchObject({ scoringIntervalWekenDirecteVeiligheid: 2, scoringIntervalWekenLatereFasen: 8, werkvoorraadDagenVooruit: 3 });
    const { id } = await open();
    t.clock.set(new Date('2026-09-11T08:00:00Z'));
    expect(await itemsOf(id)).toEqual([]);
    t.clock.set(new Date('2026-09-12T09:00:00Z'));
    expect((await itemsOf(id)).map((i) => [i.soort, i.vervaldatum])).toEqual([['veiligheidsscore-gepland', '2026-09-15T08:00:00.000Z']]);
    for (const wrong of [{ scoringIntervalWekenDirecteVeiligheid: 0 }, { werkvoorraadDagenVooruit: -1 }, { scoringIntervalWekenLatereFasen: 'zes' }]) {
      const refused = await regio.request('POST', '/v1/beleid', { body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, reden: 'x', ...wrong } });
      expect(refused.statusCode).toBe(400);
    }
  });

  it('rows stored before migration 0026 get their items at start-up, the same as a write would give them', async () => {
    const pool = t.database.handle.pool;
    const before = await pool.query<{ id: string; work_items: unknown; work_from: Date | null }>('SELECT id, work_items, work_from FROM cases ORDER BY id');
    expect(before.rows.some((row) => Array.isArray(row.work_items) && row.work_items.length > 0)).toBe(true);
    await pool.query('UPDATE cases SET work_items = NULL, work_from = NULL');
    expect(await deriveMissingWorkColumns(t.database.handle.db, 2)).toBe(before.rows.length);
    const after = await pool.query<{ id: string; work_items: unknown; work_from: Date | null }>('SELECT id, work_items, work_from FROM cases ORDER BY id');
    expect(after.rows).toEqual(before.rows);
    expect(await deriveMissingWorkColumns(t.database.handle.db)).toBe(0);
  });

  it('a closed case implies nothing; reading is in the access log of each case shown', async () => {
    t.clock.set(new Date('2026-10-01T08:00:00Z'));
    const { id, version } = await open();
    const reported = await mw.write('POST', `/v1/casussen/${id}/terugmeldingen`, version, { reden: 'hulp-geweigerd', toelichting: 'Wil geen hulp' });
    expect(reported.statusCode, reported.body).toBe(201);
    const closed = await mw.write('POST', `/v1/casussen/${id}/afsluiting`, version + 1, { reden: 'hulp-geweigerd' });
    expect(closed.statusCode, closed.body).toBe(200);
    t.clock.set(new Date('2026-12-01T08:00:00Z'));
    expect(await itemsOf(id)).toEqual([]);
    // Every case the answer shows is logged, the letters' cases too (a closed case's closing letter waits to be sent).
    const shown = ((await mw.get('/v1/werkvoorraad')).json().items as Item[]).flatMap((i) => (i.casusId ? [i.casusId] : []));
    const logged = await t.database.handle.pool.query<{ case_id: string }>("SELECT DISTINCT case_id FROM access_log WHERE action = 'GET /v1/werkvoorraad' AND actor_sub = 'mw-101' AND at = $1 AND case_id IS NOT NULL", [t.clock.now()]);
    expect(logged.rows.map((r) => r.case_id).sort()).toEqual([...new Set(shown)].sort());
  });
});
