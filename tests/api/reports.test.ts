/**
 * The region's insights reports over HTTP: what each counts, that small
 * numbers never show (and cannot be recovered from the totals), closed
 * quarters only, CSV, roles.
 *
 * One timeline, by the app's clock (Europe/Amsterdam quarters):
 * - 15 January 2026: Nijmegen opens 3 cases, Arnhem 5 and Wijchen 6; then
 *   Nijmegen 2 more.
 * - 25 January and 4 February: Arnhem's and Wijchen's cases reach a safe
 *   score; Nijmegen's do not.
 * - 1 April: the first quarter (K1) has ended and is reported on.
 * - 10 April: a new incident replaces one Wijchen window before its deadline.
 * - 16 April: the deadlines (15 April) have passed; Nijmegen's 5 cases are
 *   escalated, 2 decided on 18 April. 3 May: Arnhem's cases close.
 * - 1 July: the second quarter (K2) has ended and is reported on; the other
 *   3 escalations are decided and an Arnhem case reopens.
 * - 1 June 2027: another Arnhem case reopens, too late to count as recurrence.
 * The reports of the state now (fasen, afspraken-te-laat) take no quarter.
 */
import { recurrenceAfterClosure } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';
import { close, walkToNazorg } from '../helpers/walk.js';
import { urlPaths } from '../helpers/openapi.js';

const hidden = { waarde: null, onderdrukt: true };
const shown = (waarde: number | null) => ({ waarde, onderdrukt: false });
/** The quarters of the timeline as [van, tot): local midnight, in winter time (UTC+1) or summer time (UTC+2). */
const K4_2025 = { van: '2025-09-30T22:00:00.000Z', tot: '2025-12-31T23:00:00.000Z' };
const K1 = { van: '2025-12-31T23:00:00.000Z', tot: '2026-03-31T22:00:00.000Z' };
const K2 = { van: '2026-03-31T22:00:00.000Z', tot: '2026-06-30T22:00:00.000Z' };
/** The reports over a quarter, by path ('' is the overview). */
const PERIOD_REPORTS = ['', '/tijd-tot-drempel', '/drempel-binnen-termijn', '/opschalingen', '/herhaling', '/afsluitingen', '/geweldsvormen'];

describe('insights reports', () => {
  let t: TestApp;
  let policy: Client;
  let coordinator: Client;
  const managers: Record<string, Client> = {};
  const cases: Record<string, { id: string; version: number }[]> = { Nijmegen: [], Arnhem: [], Wijchen: [] };

  const open = async (gemeente: string) => {
    managers[gemeente] ??= clientFor(t, { sub: `mw-${gemeente}`, gemeenten: [gemeente], organisatie: `Wijkteam ${gemeente}` });
    const response = await managers[gemeente].request('POST', '/v1/casussen', { body: { ...household, gemeente } });
    expect(response.statusCode, response.body).toBe(201);
    (cases[gemeente] ??= []).push({ id: response.json().id, version: 1 });
  };
  /** A write to a case as its municipality's regisseur, keeping its version. */
  const write = async (gemeente: string, index: number, method: 'POST' | 'PUT', path: string, body: unknown) => {
    const item = cases[gemeente]?.[index];
    if (!item) throw new Error(`no case ${gemeente}[${index}]`);
    const response = await managers[gemeente]!.write(method, `/v1/casussen/${item.id}${path}`, item.version, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    item.version += 1;
  };
  const url = (path: string, query: string) => `/v1/rapportages${path}${query ? `?${query}` : ''}`;
  const report = async (path: string, query = '', client = policy) => {
    const response = await client.get(url(path, query));
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const csv = async (path: string, query = '') => {
    const response = await policy.request('GET', url(path, query), { headers: { accept: 'text/csv' } });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };
  const problem = async (path: string, query: string, status: number, code: string, client = policy) => {
    const response = await client.get(url(path, query));
    expect(response.statusCode, `${path}?${query}: ${response.body}`).toBe(status);
    expect(response.json().code).toBe(code);
    return response.json();
  };
  const at = (iso: string) => t.clock.set(new Date(iso));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted on, not typed
  const byMunicipality = (body: { perGemeente: { gemeente: string }[] }): Record<string, any> => Object.fromEntries(body.perGemeente.map((row) => [row.gemeente, row]));

  beforeAll(async () => {
    t = await createTestApp();
    policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    for (const [gemeente, count] of [['Nijmegen', 3], ['Arnhem', 5], ['Wijchen', 6]] as const) {
      for (let i = 0; i < count; i++) await open(gemeente);
    }
  });
  afterAll(async () => t.close());

  describe('suppression of small numbers', () => {
    it('a municipality with 3 cases shows no numbers; one with 5 does', async () => {
      const nijmegen = await report('/fasen', 'gemeente=Nijmegen');
      expect(nijmegen).toMatchObject({ regio: 'Gelderland-Zuid', kwartaal: null, periode: null, gemeente: 'Nijmegen', peildatum: '2026-01-15T09:00:00.000Z', perGemeente: [] });
      expect(nijmegen.totaal).toEqual({
        casussen: hidden,
        perFase: { 'directe-veiligheid': hidden, 'oorzaken-onderzoeken': shown(0), 'blijvend-voorkomen': shown(0), nazorg: shown(0) },
      });
      const arnhem = await report('/fasen', 'gemeente=Arnhem');
      expect(arnhem.totaal).toMatchObject({ casussen: shown(5), perFase: { 'directe-veiligheid': shown(5) } });
    });

    it('in the region, also hides the number that would give a hidden one away, however it is asked for', async () => {
      const region = await report('/fasen');
      expect(region.gemeente).toBeNull();
      // 14 in total: with Arnhem's 5 and Wijchen's 6 shown, Nijmegen's 3 would follow. With Arnhem's 5 hidden
      // too, the 3 would lie in [1, 7], only 4 above it; with Wijchen's 6 in [1, 8]. So Wijchen's goes.
      expect(region.totaal).toMatchObject({ casussen: shown(14), perFase: { 'directe-veiligheid': shown(14) } });
      const rows = byMunicipality(region);
      expect(Object.keys(rows)).toEqual(['Arnhem', 'Nijmegen', 'Wijchen']);
      expect(rows.Nijmegen).toMatchObject({ casussen: hidden, perFase: { 'directe-veiligheid': hidden, nazorg: shown(0) } });
      expect(rows.Arnhem).toMatchObject({ casussen: shown(5), perFase: { 'directe-veiligheid': shown(5) } });
      expect(rows.Wijchen).toMatchObject({ casussen: hidden, perFase: { 'directe-veiligheid': hidden } });
      // Asked for on its own, Wijchen's 6 stays hidden: else 14 - 5 - 6 gives Nijmegen's 3 after all.
      const { gemeente: _, ...wijchen } = rows.Wijchen;
      expect((await report('/fasen', 'gemeente=Wijchen')).totaal).toEqual(wijchen);
      // A municipality without cases has zeros.
      expect((await report('/fasen', `gemeente=${encodeURIComponent('Berg en Dal')}`)).totaal.casussen).toEqual(shown(0));
    });

    it('writes x for suppressed figures in the CSV, with a header row and a total row', async () => {
      const response = await csv('/fasen');
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      // A report of the state now is named after today's date.
      expect(response.headers['content-disposition']).toBe('attachment; filename="rapportage-fasen-2026-01-15.csv"');
      expect(response.body).toBe(
        [
          '"gemeente","casussen","directe-veiligheid","oorzaken-onderzoeken","blijvend-voorkomen","nazorg"',
          '"Arnhem","5","5","0","0","0"',
          '"Nijmegen","x","x","0","0","0"',
          '"Wijchen","x","x","0","0","0"',
          '"totaal","14","14","0","0","0"',
          '',
        ].join('\r\n'),
      );
    });

    it("once Nijmegen has 5 cases, its numbers show, and Wijchen's", async () => {
      await open('Nijmegen');
      await open('Nijmegen');
      expect((await report('/fasen', 'gemeente=Nijmegen')).totaal.casussen).toEqual(shown(5));
      expect((await report('/fasen', 'gemeente=Wijchen')).totaal).toMatchObject({ casussen: shown(6), perFase: { 'directe-veiligheid': shown(6) } });
      const rows = byMunicipality(await report('/fasen'));
      expect([rows.Arnhem.casussen, rows.Nijmegen.casussen, rows.Wijchen.casussen]).toEqual([shown(5), shown(5), shown(6)]);
    });
  });

  describe('reports of the state now', () => {
    it('take no period: there is no way to ask for the cases opened before a date', async () => {
      const phases = await report('/fasen');
      expect(phases).toMatchObject({ kwartaal: null, periode: null, totaal: { casussen: shown(16) } });
      // Every case was opened today. A period, of any kind, is no parameter of these reports: refused (issue 18;
      // before, dropped in silence, which answered about now while a period was asked), and nothing filters on opened_at.
      for (const query of ['tot=2026-01-01T00:00:00Z', `van=2025-01-01T00:00:00Z&tot=${encodeURIComponent('2026-01-15T08:00:00+00:00')}`, 'kwartaal=2025-K4', 'kwartaal=2026-Q3', 'jaar=2025']) {
        await problem('/fasen', query, 400, 'verzoek.onbekende-parameter');
      }
      const overdue = await report('/afspraken-te-laat', 'gemeente=Wijchen');
      expect(overdue).toMatchObject({ kwartaal: null, periode: null, gemeente: 'Wijchen' });
      await problem('/afspraken-te-laat', 'gemeente=Wijchen&kwartaal=2025-K4', 400, 'verzoek.onbekende-parameter');
      const file = await csv('/afspraken-te-laat', `gemeente=${encodeURIComponent('Berg en Dal')}`);
      expect(file.headers['content-disposition']).toBe('attachment; filename="rapportage-afspraken-te-laat-2026-01-15-berg-en-dal.csv"');
    });
  });

  describe('safety windows', () => {
    it('time to reach 6 over a closed quarter: count, reached, median and 90th percentile in days', async () => {
      at('2026-01-25T09:00:00Z');
      for (let i = 0; i < 5; i++) {
        await write('Arnhem', i, 'PUT', '/veiligheidsplan', plan());
        await write('Arnhem', i, 'POST', '/veiligheidsscores', toplist(7));
      }
      for (let i = 0; i < 6; i++) {
        if (i === 3) at('2026-02-04T09:00:00Z');
        await write('Wijchen', i, 'PUT', '/veiligheidsplan', i === 0 ? plan([{}, { deadline: '2026-02-01' }]) : plan());
        await write('Wijchen', i, 'POST', '/veiligheidsscores', toplist(6));
      }
      // While the first quarter runs there is no report of it; by default the last closed one, before any case.
      const refused = await problem('/tijd-tot-drempel', 'kwartaal=2026-K1', 422, 'rapportage.kwartaal-niet-afgesloten');
      expect(refused.invalidParams).toEqual([expect.objectContaining({ name: 'kwartaal' })]);
      const before = await report('/tijd-tot-drempel');
      expect(before).toMatchObject({ kwartaal: '2025-K4', periode: K4_2025, totaal: { vensters: shown(0) }, perGemeente: [] });

      at('2026-04-01T09:00:00Z');
      const body = await report('/tijd-tot-drempel');
      expect(body).toMatchObject({ kwartaal: '2026-K1', periode: K1, peildatum: '2026-04-01T09:00:00.000Z' });
      expect(await report('/tijd-tot-drempel', 'kwartaal=2026-K1')).toEqual(body);
      // Region: 8 windows reached in 10 days, 3 in 20.
      expect(body.totaal).toEqual({ vensters: shown(16), bereikt: shown(11), nietBereikt: shown(5), medianeDagen: shown(10), p90Dagen: shown(20) });
      const rows = byMunicipality(body);
      // The 90th percentile needs 10 households: over Wijchen's 6 it is nearly the slowest one's own figure.
      expect(rows.Wijchen).toEqual({ gemeente: 'Wijchen', vensters: shown(6), bereikt: shown(6), nietBereikt: shown(0), medianeDagen: shown(15), p90Dagen: hidden });
      expect(rows.Arnhem).toMatchObject({ bereikt: shown(5), medianeDagen: shown(10), p90Dagen: hidden });
      expect(rows.Nijmegen).toMatchObject({ bereikt: shown(0), nietBereikt: shown(5), medianeDagen: shown(null) });
      // Windows that started in another quarter do not count.
      expect((await report('/tijd-tot-drempel', 'kwartaal=2025-K4')).totaal.vensters).toEqual(shown(0));
    });
  });

  describe('overdue agreements', () => {
    it('counts open agreements past their date in the current plan of open cases, and the cases', async () => {
      // Arnhem's and Wijchen's plans hold an open agreement due 2026-03-01; one Wijchen plan has a second one.
      const body = await report('/afspraken-te-laat');
      expect(body).toMatchObject({ kwartaal: null, periode: null, peildatum: '2026-04-01T09:00:00.000Z' });
      expect(body.totaal).toEqual({ casussen: shown(11), afspraken: shown(12) });
      const rows = byMunicipality(body);
      expect(rows.Arnhem).toEqual({ gemeente: 'Arnhem', casussen: shown(5), afspraken: shown(5) });
      expect(rows.Wijchen).toEqual({ gemeente: 'Wijchen', casussen: shown(6), afspraken: shown(7) });
      expect(rows.Nijmegen).toEqual({ gemeente: 'Nijmegen', casussen: shown(0), afspraken: shown(0) });
      // An agreement done no longer counts; then Arnhem's 4 cases are too few to show.
      await write('Arnhem', 0, 'PUT', '/veiligheidsplan', plan([{ status: 'gedaan' }]));
      expect((await report('/afspraken-te-laat', 'gemeente=Arnhem')).totaal).toEqual({ casussen: hidden, afspraken: hidden });
    });
  });

  describe('the second quarter', () => {
    let queue: { id: string }[];
    const decide = async (id: string) => {
      const response = await coordinator.request('POST', `/v1/opschalingen/${id}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Geen 6 binnen de termijn' } });
      expect(response.statusCode, response.body).toBe(200);
    };

    it('while it runs: a window replaced, deadlines passed and escalated, cases closed, and no report of it', async () => {
      // A new incident puts a Wijchen case back in directe-veiligheid with a new window, before the first one's deadline.
      at('2026-04-10T09:00:00Z');
      await write('Wijchen', 0, 'POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' });
      await write('Wijchen', 0, 'POST', '/incidenten', { tijdstip: '2026-04-09T20:00:00Z', soort: 'fysiek', omschrijving: 'Melding politie' });
      // The deadlines of 15 April have passed: Nijmegen's 5 cases without a 6 are escalated; 2 decided 2 days on.
      at('2026-04-16T09:00:00Z');
      await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
      queue = (await coordinator.get('/v1/opschalingen')).json().opschalingen;
      expect(queue).toHaveLength(5);
      at('2026-04-18T09:00:00Z');
      for (const { id } of queue.slice(0, 2)) await decide(id);
      // Stable since 25 January: Arnhem's cases may close at once.
      at('2026-05-03T09:00:00Z');
      for (const item of cases.Arnhem!) {
        item.version = await walkToNazorg(managers.Arnhem!, item.id, item.version);
        item.version = await close(managers.Arnhem!, item.id, item.version);
      }

      for (const path of PERIOD_REPORTS) await problem(path, 'kwartaal=2026-K2', 422, 'rapportage.kwartaal-niet-afgesloten');
      // By default, the first quarter: the escalations and closures were not in it, nor were the deadlines.
      const escalations = await report('/opschalingen');
      expect(escalations).toMatchObject({ kwartaal: '2026-K1', periode: K1, totaal: { opschalingen: shown(0) } });
      expect((await report('/herhaling')).totaal.afsluitingen).toEqual(shown(0));
      expect((await report('/drempel-binnen-termijn')).totaal.vensters).toEqual(shown(0));
    });

    it('reaching 6 within the window: the windows whose deadline fell in the quarter, not one replaced before it', async () => {
      at('2026-07-01T09:00:00Z');
      const body = await report('/drempel-binnen-termijn');
      expect(body).toMatchObject({ kwartaal: '2026-K2', periode: K2 });
      // 16 deadlines on 15 April; Wijchen's replaced window never reached its own.
      expect(body.totaal).toEqual({ vensters: shown(15), binnenTermijn: shown(10), nietBinnenTermijn: shown(5), aandeelBinnenTermijn: shown(66.7) });
      const rows = byMunicipality(body);
      expect(rows.Nijmegen).toMatchObject({ vensters: shown(5), binnenTermijn: shown(0), aandeelBinnenTermijn: shown(0) });
      expect(rows.Arnhem).toMatchObject({ vensters: shown(5), binnenTermijn: shown(5), aandeelBinnenTermijn: shown(100) });
      expect(rows.Wijchen).toMatchObject({ vensters: shown(5), binnenTermijn: shown(5), aandeelBinnenTermijn: shown(100) });
      // The replacing window started in the second quarter: it counts there for the time to 6, as 1 window of 1 household.
      // The medians are over windows that reached the threshold, a part of the hidden windows: hidden too, not "nothing to compute".
      expect((await report('/tijd-tot-drempel', 'kwartaal=2026-K2')).totaal).toEqual({ vensters: hidden, bereikt: shown(0), nietBereikt: hidden, medianeDagen: hidden, p90Dagen: hidden });
    });

    it('escalations per reason and outcome; the median days to a decision shows from 5 decisions', async () => {
      let body = await report('/opschalingen', '', coordinator);
      expect(body).toMatchObject({ kwartaal: '2026-K2', periode: K2 });
      // 2 decided and 3 open: both hidden, and the median over 2 decisions too. Beside a total of 5 each would
      // lie in [1, 4], and no other outcome is non-zero: the 5 goes, and so do the 5 deadline escalations, which add up to it.
      expect(body.totaal).toEqual({
        opschalingen: hidden,
        perReden: { deadline: hidden, handmatig: shown(0), 'aanmelding-partner': shown(0) },
        perBesluit: { open: hidden, 'mda-traject': hidden, 'terug-naar-lokaal-team': shown(0), afgeschaald: shown(0) },
        beslist: hidden,
        medianeDagenTotBesluit: hidden,
      });
      // Escalations made in the quarter, with their outcome now: decided after it ended, they count as decided.
      for (const { id } of queue.slice(2)) await decide(id);
      body = await report('/opschalingen', 'kwartaal=2026-K2', coordinator);
      // Decided after 2, 2, 76, 76 and 76 days.
      expect(body.totaal).toEqual({
        opschalingen: shown(5),
        perReden: { deadline: shown(5), handmatig: shown(0), 'aanmelding-partner': shown(0) },
        perBesluit: { open: shown(0), 'mda-traject': shown(5), 'terug-naar-lokaal-team': shown(0), afgeschaald: shown(0) },
        beslist: shown(5),
        medianeDagenTotBesluit: shown(76),
      });
      expect(body.perGemeente).toEqual([{ gemeente: 'Nijmegen', ...body.totaal }]);
    });

    it('recurrence: closures in the quarter, and reopenings within 12 calendar months', async () => {
      const scope = { region: 'Gelderland-Zuid', municipalities: ['Arnhem', 'Nijmegen', 'Wijchen'], from: new Date(K2.van), to: new Date(K2.tot) };
      const raw = async () => (await recurrenceAfterClosure(t.database.handle.db, { ...scope, now: t.clock.now() })).find((row) => row.municipality === null)?.tallies;
      expect((await report('/herhaling')).totaal).toEqual({ afsluitingen: shown(5), heropend: shown(0), nietHeropend: shown(0), opvolgingLopend: shown(5) });
      // Closures by reason (issue 16): all five as stabiel-veilig.
      expect((await report('/afsluitingen')).totaal).toEqual({
        afsluitingen: shown(5),
        perReden: { 'stabiel-veilig': shown(5), 'verhuisd-buiten-regio': shown(0), overgedragen: shown(0), 'hulp-geweigerd': shown(0), overleden: shown(0), overig: shown(0) },
      });

      await write('Arnhem', 0, 'POST', '/heropening', { reden: 'Nieuwe melding' });
      expect(await raw()).toEqual({
        afsluitingen: { count: 5, households: 5 },
        heropend: { count: 1, households: 1 },
        nietHeropend: { count: 0, households: 0 },
        opvolgingLopend: { count: 4, households: 4 },
      });
      // 1 reopened and 4 still followed up: beside the 5 closures each would lie in [1, 4], so the 5 goes too.
      expect((await report('/herhaling', 'kwartaal=2026-K2&gemeente=Arnhem')).totaal).toEqual({ afsluitingen: hidden, heropend: hidden, nietHeropend: shown(0), opvolgingLopend: hidden });

      // Thirteen months after the closures (3 May 2026): a reopening now is not within 12 months.
      at('2027-06-01T09:00:00Z');
      await write('Arnhem', 1, 'POST', '/heropening', { reden: 'Nieuwe melding, veel later' });
      expect(await raw()).toMatchObject({ heropend: { count: 1 }, nietHeropend: { count: 4 }, opvolgingLopend: { count: 0 } });
      expect((await report('/herhaling', 'kwartaal=2026-K2&gemeente=Arnhem')).totaal).toEqual({ afsluitingen: hidden, heropend: hidden, nietHeropend: hidden, opvolgingLopend: shown(0) });
    });
  });

  describe('the overview, CSV and access', () => {
    it('gives every report in one answer, at one moment', async () => {
      const body = await report('', 'kwartaal=2026-K2');
      expect(Object.keys(body)).toEqual(['regio', 'kwartaal', 'periode', 'peildatum', 'gemeente', 'fasen', 'tijdTotDrempel', 'drempelBinnenTermijn', 'opschalingen', 'herhaling', 'afsluitingen', 'afsprakenTeLaat', 'geweldsvormen', 'leefdomeinen', 'mdaUitkomsten']);
      expect(body).toMatchObject({ regio: 'Gelderland-Zuid', kwartaal: '2026-K2', periode: K2, peildatum: '2027-06-01T09:00:00.000Z', gemeente: null });
      expect(body.fasen).toEqual(await report('/fasen'));
      expect(body.afsprakenTeLaat.kwartaal).toBeNull();
      expect(body.herhaling).toEqual(await report('/herhaling', 'kwartaal=2026-K2'));
      expect(body.afsluitingen).toEqual(await report('/afsluitingen', 'kwartaal=2026-K2'));
      expect(body.drempelBinnenTermijn).toEqual(await report('/drempel-binnen-termijn', 'kwartaal=2026-K2'));
      // Without a quarter: the last closed one.
      expect((await report('')).kwartaal).toBe('2027-K1');

      const overview = await csv('', 'kwartaal=2026-K2&gemeente=Wijchen');
      expect(overview.headers['content-disposition']).toBe('attachment; filename="rapportages-2026-k2-wijchen.csv"');
      const lines = overview.body.split('\r\n');
      expect(lines[0]).toBe('"rapportage","gemeente","cijfer","waarde"');
      // Arnhem has 2 open cases (the reopened ones): Wijchen's 6 is hidden to protect them (Nijmegen's 5 is not enough).
      expect(lines).toContain('"fasen","Wijchen","casussen","x"');
      expect(lines).toContain('"afspraken-te-laat","Wijchen","afspraken","7"');
      expect(lines).toContain('"drempel-binnen-termijn","Wijchen","vensters","5"');
      const single = await csv('/herhaling', 'kwartaal=2026-K2&gemeente=Arnhem');
      expect(single.headers['content-disposition']).toBe('attachment; filename="rapportage-herhaling-2026-k2-arnhem.csv"');
      expect(single.body).toBe('"gemeente","afsluitingen","heropend","nietHeropend","opvolgingLopend"\r\n"Arnhem","x","x","x","0"\r\n');
    });

    it('refuses a municipality name that a spreadsheet would run as a formula: it is no municipality of the region', async () => {
      // This test used to open a case in it and check the CSV defused the name; now no such case can exist (security finding 10).
      const response = await managers.Nijmegen!.request('POST', '/v1/casussen', { body: { ...household, gemeente: '=HYPERLINK("http://x","klik")' } });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().code).toBe('gemeente.onbekend');
      expect((await csv('/fasen')).body).not.toContain('HYPERLINK');
    });

    it('takes closed quarters only: 422 for the running or a future one, 400 for anything not a quarter', async () => {
      for (const path of PERIOD_REPORTS) {
        await problem(path, 'kwartaal=2027-K2', 422, 'rapportage.kwartaal-niet-afgesloten');
        await problem(path, 'kwartaal=2026-Q3', 400, 'verzoek.ongeldig');
      }
      await problem('/herhaling', 'kwartaal=2030-K1', 422, 'rapportage.kwartaal-niet-afgesloten');
      for (const kwartaal of ['2026-K5', '2026-k2', '26-K2', '2026-K2x', '2026']) await problem('/herhaling', `kwartaal=${kwartaal}`, 400, 'verzoek.ongeldig');
      expect((await report('/herhaling', 'kwartaal=2027-K1')).kwartaal).toBe('2027-K1');
      // Free periods are gone: van and tot are no parameters, and a parameter a report does not know is refused (issue 18).
      await problem('/herhaling', 'van=2027-01-01T00:00:00Z&tot=2026-01-01T00:00:00Z', 400, 'verzoek.onbekende-parameter');
    });

    it('is for policy staff, the coordinator and the auditor; a beheerder sees their own municipality only', async () => {
      const auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', organisatie: 'Regio', gemeenten: [] });
      for (const client of [auditor, coordinator]) {
        await report('/herhaling', 'kwartaal=2026-K2', client);
        await report('/fasen', '', client);
      }
      await problem('/fasen', '', 403, 'auth.rol-niet-toegestaan', clientFor(t));
      await problem('/herhaling', 'kwartaal=2026-K2', 403, 'auth.rol-niet-toegestaan', clientFor(t, { sub: 'ketenpartner-1', rol: 'ketenpartner', organisatie: 'Politie' }));
      const admin = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', organisatie: 'Gemeente Arnhem', gemeenten: ['Arnhem'] });
      await problem('/fasen', '', 403, 'rapportage.gemeente-niet-toegestaan', admin);
      await problem('/fasen', 'gemeente=Nijmegen', 403, 'rapportage.gemeente-niet-toegestaan', admin);
      await problem('', 'kwartaal=2026-K2', 403, 'rapportage.gemeente-niet-toegestaan', admin);
      expect((await report('/fasen', 'gemeente=Arnhem', admin)).gemeente).toBe('Arnhem');
      expect(await report('/herhaling', 'kwartaal=2026-K2&gemeente=Arnhem', admin)).toEqual(await report('/herhaling', 'kwartaal=2026-K2&gemeente=Arnhem'));
    });

    it('declares JSON and CSV in the OpenAPI document, and a quarter only for the reports over a period', async () => {
      const paths = urlPaths<{ parameters: { name: string }[]; responses: Record<string, { content: object }> }>((await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json());
      const parameters = (path: string) => (paths[path]?.get?.parameters ?? []).map((parameter) => parameter.name);
      for (const path of PERIOD_REPORTS.map((report) => `/v1/rapportages${report}`)) {
        expect(Object.keys(paths[path]?.get?.responses['200']?.content ?? {}), path).toEqual(['application/json', 'text/csv']);
        // The escalations report also gives a closed year with its quarters (issue 18).
        expect(parameters(path), path).toEqual(path.endsWith('/opschalingen') ? ['kwartaal', 'jaar', 'gemeente'] : ['kwartaal', 'gemeente']);
      }
      for (const path of ['/v1/rapportages/fasen', '/v1/rapportages/afspraken-te-laat', '/v1/rapportages/leefdomeinen']) {
        expect(Object.keys(paths[path]?.get?.responses['200']?.content ?? {}), path).toEqual(['application/json', 'text/csv']);
        expect(parameters(path), path).toEqual(['gemeente']);
      }
    });
  });
});

/**
 * Security finding 9: Nijmegen's escalations were hidden (beside Wijchen's
 * 2, to protect them) while its median days to a decision was shown, which
 * proved it had at least 5 decided escalations.
 */
describe('security finding 9: a median gives away a hidden count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('hides every derived figure whose counts are hidden, in JSON and CSV, however it is asked for', async () => {
    // 15 January: Nijmegen opens 5 cases, Wijchen 2; none reaches a 6, so on 16 April all 7 are escalated.
    for (const [gemeente, count] of [['Nijmegen', 5], ['Wijchen', 2]] as const) {
      const manager = clientFor(t, { sub: `mw-${gemeente}`, gemeenten: [gemeente], organisatie: `Wijkteam ${gemeente}` });
      for (let i = 0; i < count; i++) expect((await manager.request('POST', '/v1/casussen', { body: { ...household, gemeente } })).statusCode).toBe(201);
    }
    t.clock.set(new Date('2026-04-16T09:00:00Z'));
    await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
    const coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    const queue = (await coordinator.get('/v1/opschalingen')).json().opschalingen as { id: string; gemeente: string }[];
    expect(queue.map((item) => item.gemeente).sort()).toEqual(['Nijmegen', 'Nijmegen', 'Nijmegen', 'Nijmegen', 'Nijmegen', 'Wijchen', 'Wijchen']);
    // 20 April: the coordinator decides Nijmegen's 5; Wijchen's 2 wait.
    t.clock.set(new Date('2026-04-20T09:00:00Z'));
    for (const { id } of queue.filter((item) => item.gemeente === 'Nijmegen')) {
      const decided = await coordinator.request('POST', `/v1/opschalingen/${id}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Geen 6 binnen de termijn' } });
      expect(decided.statusCode, decided.body).toBe(200);
    }

    t.clock.set(new Date('2026-07-01T09:00:00Z'));
    const policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio', gemeenten: [] });
    const body = (await policy.get('/v1/rapportages/opschalingen?kwartaal=2026-K2')).json();
    const nijmegen = body.perGemeente.find((row: { gemeente: string }) => row.gemeente === 'Nijmegen');
    // 7 = 5 + 2: Wijchen's 2 are hidden, so Nijmegen's 5 must be too (else 7 - 5), and with them the median over its 5 decisions.
    expect(nijmegen).toMatchObject({ opschalingen: hidden, beslist: hidden, medianeDagenTotBesluit: hidden });
    for (const row of [body.totaal, ...body.perGemeente]) {
      if (row.opschalingen.onderdrukt || row.beslist.onderdrukt) expect(row.medianeDagenTotBesluit, row.gemeente).toEqual(hidden);
    }
    const own = (await clientFor(t, { sub: 'beheer-1', rol: 'beheerder', gemeenten: ['Nijmegen'] }).get('/v1/rapportages/opschalingen?kwartaal=2026-K2&gemeente=Nijmegen')).json();
    expect(own.totaal).toMatchObject({ opschalingen: hidden, medianeDagenTotBesluit: hidden });
    expect((await policy.get('/v1/rapportages?kwartaal=2026-K2')).json().opschalingen.perGemeente).toEqual(body.perGemeente);

    const csv = await policy.request('GET', '/v1/rapportages/opschalingen?kwartaal=2026-K2', { headers: { accept: 'text/csv' } });
    const [header, ...lines] = csv.body.split('\r\n');
    const columns = header!.split(',').map((cell) => cell.replace(/"/g, ''));
    const line = lines.map((l) => l.split(',').map((cell) => cell.replace(/"/g, ''))).find((cells) => cells[0] === 'Nijmegen')!;
    expect(line[columns.indexOf('opschalingen')]).toBe('x');
    expect(line[columns.indexOf('medianeDagenTotBesluit')]).toBe('x');
  });
});
