/**
 * Issue 18 point 5: the yearly review (`jaar=` on the escalations report, a
 * year disclosed with its four quarters as one table), the MDA++ outcome
 * report, and report routes that refuse parameters they do not know.
 *
 * One timeline, by the app's clock (Europe/Amsterdam):
 * - 15 January 2026 (K1): Nijmegen opens 3 cases, Arnhem 12, under the
 *   default policy (threshold 6). The region then adopts threshold 7, and
 *   Wijchen opens 6 cases under it.
 * - 20 January: Nijmegen's 3 cases are escalated by hand; the coordinator
 *   takes them into MDA++ on 22 January.
 * - 16 April (K2): the deadlines of 15 April have passed: Arnhem's 12 and
 *   Wijchen's 6 are escalated; all 18 taken into MDA++ on 20 April.
 * - 1 June: Arnhem 0-5 score 7; 10 May: Wijchen 0-4 score 8, Wijchen 5 a 6
 *   (under its threshold of 7); 1 September: Arnhem 6-8 score 6.
 * - 5 January 2027: 2026 is closed. The 3- and 6-month terms of the April
 *   decisions have passed, the 12-month term (20 April 2027) has not.
 */
import { mdaOutcomesAfterDecision } from '@veilig-samen/db';
import { ESCALATION_REASONS, ESCALATION_STATUSES } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';
import { urlPaths } from '../helpers/openapi.js';

const hidden = { waarde: null, onderdrukt: true };
const shown = (waarde: number | null) => ({ waarde, onderdrukt: false });
const YEAR_2026 = { van: '2025-12-31T23:00:00.000Z', tot: '2026-12-31T23:00:00.000Z' };
const term = (bereikt: unknown, nietBereikt: unknown, nogNietTeBeoordelen: unknown) => ({ bereikt, nietBereikt, nogNietTeBeoordelen });

describe('the yearly review and the MDA++ outcome report', () => {
  let t: TestApp;
  let policy: Client;
  let coordinator: Client;
  const managers: Record<string, Client> = {};
  const cases: Record<string, { id: string; version: number }[]> = { Nijmegen: [], Arnhem: [], Wijchen: [] };

  const at = (iso: string) => t.clock.set(new Date(iso));
  const open = async (gemeente: string) => {
    managers[gemeente] ??= clientFor(t, { sub: `mw-${gemeente}`, gemeenten: [gemeente], organisatie: `Wijkteam ${gemeente}` });
    const response = await managers[gemeente].request('POST', '/v1/casussen', { body: { ...household, gemeente } });
    expect(response.statusCode, response.body).toBe(201);
    cases[gemeente]!.push({ id: response.json().id, version: 1 });
  };
  /** A write as the municipality's regisseur, at the case's version now (escalations and decisions add events too). */
  const write = async (gemeente: string, index: number, path: string, body: unknown) => {
    const item = cases[gemeente]![index]!;
    const current = await managers[gemeente]!.get(`/v1/casussen/${item.id}`);
    expect(current.statusCode, current.body).toBe(200);
    item.version = Number(/\d+/.exec(String(current.headers.etag))?.[0]);
    const response = await managers[gemeente]!.write('POST', `/v1/casussen/${item.id}${path}`, item.version, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
  };
  const decideAll = async () => {
    const queue = (await coordinator.get('/v1/opschalingen')).json().opschalingen as { id: string }[];
    for (const { id } of queue) {
      const response = await coordinator.request('POST', `/v1/opschalingen/${id}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Geen 6 binnen de termijn' } });
      expect(response.statusCode, response.body).toBe(200);
    }
    return queue.length;
  };
  const report = async (path: string, query = '', client = policy) => {
    const response = await client.get(`/v1/rapportages${path}${query ? `?${query}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const problem = async (path: string, query: string, status: number, code: string, client = policy) => {
    const response = await client.get(`/v1/rapportages${path}?${query}`);
    expect(response.statusCode, `${path}?${query}: ${response.body}`).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code, `${path}?${query}`).toBe(code);
    return response.json();
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted on, not typed
  const byMunicipality = (rows: { gemeente: string }[]): Record<string, any> => Object.fromEntries(rows.map((row) => [row.gemeente, row]));
  /** The region's raw counts of the MDA++ outcome query (before disclosure control). */
  const rawOutcomes = async (from: string, to: string) => {
    const scope = { region: 'Gelderland-Zuid', municipalities: ['Arnhem', 'Nijmegen', 'Wijchen'], from: new Date(from), to: new Date(to), now: t.clock.now() };
    const rows = await mdaOutcomesAfterDecision(t.database.handle.db, scope, [3, 6, 12]);
    return Object.fromEntries(rows.map((row) => [row.municipality ?? 'totaal', Object.fromEntries(Object.entries(row.tallies).map(([key, tally]) => [key, tally.count]))]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    for (let i = 0; i < 3; i++) await open('Nijmegen');
    for (let i = 0; i < 12; i++) await open('Arnhem');
    const region = clientFor(t, { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    const adopted = await region.request('POST', '/v1/beleid', {
      body: { drempel: 7, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, reden: 'Strenger voor nieuwe casussen' },
    });
    expect(adopted.statusCode, adopted.body).toBe(201);
    for (let i = 0; i < 6; i++) await open('Wijchen');

    at('2026-01-20T09:00:00Z');
    for (let i = 0; i < 3; i++) await write('Nijmegen', i, '/opschalingen', { reden: 'Zorgen over de veiligheid van de kinderen' });
    at('2026-01-22T09:00:00Z');
    expect(await decideAll()).toBe(3);

    at('2026-04-16T09:00:00Z');
    await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
    at('2026-04-20T09:00:00Z');
    // Nijmegen's cases are in MDA++ already: their deadline does not escalate them again.
    expect(await decideAll()).toBe(18);

    at('2026-05-10T09:00:00Z');
    for (let i = 0; i < 6; i++) await write('Wijchen', i, '/veiligheidsscores', toplist(i < 5 ? 8 : 6));
    at('2026-06-01T09:00:00Z');
    for (let i = 0; i < 6; i++) await write('Arnhem', i, '/veiligheidsscores', toplist(7));
    at('2026-09-01T09:00:00Z');
    for (let i = 6; i < 9; i++) await write('Arnhem', i, '/veiligheidsscores', toplist(6));
  });
  afterAll(async () => t.close());

  describe('a year only once its four quarters are closed', () => {
    it('refuses 2026 while its fourth quarter runs, and a year together with a quarter', async () => {
      at('2026-12-31T22:59:59.000Z');
      for (const path of ['/opschalingen', '/mda-uitkomsten']) {
        const refused = await problem(path, 'jaar=2026', 422, 'rapportage.jaar-niet-afgesloten');
        expect(refused.invalidParams).toEqual([expect.objectContaining({ name: 'jaar' })]);
        expect(refused.detail).toContain('2025');
        await problem(path, 'jaar=2027', 422, 'rapportage.jaar-niet-afgesloten');
        // Its closed quarters can be asked for.
        expect((await report(path, 'kwartaal=2026-K3')).kwartaal).toBe('2026-K3');
      }
      at('2027-01-05T09:00:00Z');
      for (const path of ['/opschalingen', '/mda-uitkomsten']) {
        await problem(path, 'jaar=2026&kwartaal=2026-K2', 400, 'rapportage.jaar-en-kwartaal');
        for (const jaar of ['26', '2026-K1', 'twee', '20266']) await problem(path, `jaar=${jaar}`, 400, 'verzoek.ongeldig');
        expect(await report(path, 'jaar=2026')).toMatchObject({ jaar: '2026', kwartaal: null, periode: YEAR_2026 });
      }
    });
  });

  describe('escalations over a year', () => {
    it('publishes the year with its quarters so that a hidden quarter is not the year minus the others', async () => {
      const body = await report('/opschalingen', 'jaar=2026');
      expect(body).toMatchObject({ regio: 'Gelderland-Zuid', jaar: '2026', kwartaal: null, periode: YEAR_2026, peildatum: '2027-01-05T09:00:00.000Z', gemeente: null });
      expect(body.perKwartaal.map((q: { kwartaal: string }) => q.kwartaal)).toEqual(['2026-K1', '2026-K2', '2026-K3', '2026-K4']);
      const [k1, k2, k3, k4] = body.perKwartaal;
      // K1: Nijmegen's 3 escalations by hand, hidden. K2: the 18 deadline escalations, shown.
      expect(k1.totaal).toMatchObject({ opschalingen: hidden, perReden: { handmatig: hidden, deadline: shown(0) } });
      expect(k2.totaal).toMatchObject({ opschalingen: shown(18), perReden: { deadline: shown(18), handmatig: shown(0) }, perBesluit: { 'mda-traject': shown(18) } });
      expect([k3.totaal.opschalingen, k4.totaal.opschalingen]).toEqual([shown(0), shown(0)]);
      // The year's 21 would be 21 - 18 - 0 - 0 = K1's hidden 3: hidden, and so is every year figure that gives it back.
      expect(body.totaal).toMatchObject({
        opschalingen: hidden,
        perReden: { deadline: shown(18), handmatig: hidden },
        perBesluit: { open: shown(0), 'mda-traject': hidden, 'terug-naar-lokaal-team': shown(0), afgeschaald: shown(0) },
        beslist: hidden,
        medianeDagenTotBesluit: hidden,
      });
      // Per municipality: Nijmegen's 3 hidden; Arnhem's 12 and Wijchen's 6 are their K2 figures, shown in K2 anyway.
      const rows = byMunicipality(body.perGemeente);
      expect(Object.keys(rows)).toEqual(['Arnhem', 'Nijmegen', 'Wijchen']);
      expect(rows.Nijmegen).toMatchObject({ opschalingen: hidden, perReden: { handmatig: hidden } });
      expect(rows.Arnhem).toMatchObject({ opschalingen: shown(12), perReden: { deadline: shown(12) } });
      expect(rows.Wijchen).toMatchObject({ opschalingen: shown(6), perReden: { deadline: shown(6) } });
      // Each reason the domain knows has its column, in the year and in each quarter.
      expect(Object.keys(body.totaal.perReden)).toEqual(Object.keys(k2.totaal.perReden));
      // A quarter lists the municipalities with escalations in it, as its own report does.
      expect(k1.perGemeente.map((row: { gemeente: string }) => row.gemeente)).toEqual(['Nijmegen']);
      expect(k3.perGemeente).toEqual([]);
    });

    it('shows each quarter as its own quarterly report does, however it is asked for', async () => {
      const body = await report('/opschalingen', 'jaar=2026');
      for (const quarter of body.perKwartaal) {
        const own = await report('/opschalingen', `kwartaal=${quarter.kwartaal}`);
        expect(own).toMatchObject({ jaar: null, perKwartaal: [], kwartaal: quarter.kwartaal, periode: quarter.periode });
        expect({ totaal: own.totaal, perGemeente: own.perGemeente }).toEqual({ totaal: quarter.totaal, perGemeente: quarter.perGemeente });
      }
      // One municipality gets its rows from the region's tables: the year and its quarters.
      const nijmegen = await report('/opschalingen', 'jaar=2026&gemeente=Nijmegen');
      expect(nijmegen.perGemeente).toEqual([]);
      const { gemeente: _, ...row } = byMunicipality(body.perGemeente).Nijmegen;
      expect(nijmegen.totaal).toEqual(row);
      expect(nijmegen.perKwartaal[1].totaal).toMatchObject({ opschalingen: shown(0) });
      const admin = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', organisatie: 'Gemeente Arnhem', gemeenten: ['Arnhem'] });
      expect(await report('/opschalingen', 'jaar=2026&gemeente=Arnhem', admin)).toEqual(await report('/opschalingen', 'jaar=2026&gemeente=Arnhem'));
      await problem('/opschalingen', 'jaar=2026', 403, 'rapportage.gemeente-niet-toegestaan', admin);
    });

    it('as CSV: a period column, the year first, then each quarter', async () => {
      const response = await policy.request('GET', '/v1/rapportages/opschalingen?jaar=2026', { headers: { accept: 'text/csv' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe('attachment; filename="rapportage-opschalingen-2026.csv"');
      const [header, ...lines] = response.body.split('\r\n').filter(Boolean).map((line) => line.split(',').map((cell) => cell.replace(/"/g, '')));
      // A column per reason the domain knows (others add reasons: the report follows the list).
      expect(header).toEqual(['periode', 'gemeente', 'opschalingen', ...ESCALATION_REASONS, ...ESCALATION_STATUSES, 'beslist', 'medianeDagenTotBesluit']);
      const cells = (periode: string, gemeente: string) => {
        const line = lines.find((l) => l[0] === periode && l[1] === gemeente);
        return line && Object.fromEntries(header!.map((column, i) => [column, line[i]]));
      };
      expect(lines.map((line) => line[0])).toEqual(['2026', '2026', '2026', '2026', '2026-K1', '2026-K1', '2026-K2', '2026-K2', '2026-K2', '2026-K3', '2026-K4']);
      expect(cells('2026', 'totaal')).toMatchObject({ opschalingen: 'x', deadline: '18', handmatig: 'x', open: '0', 'mda-traject': 'x', beslist: 'x', medianeDagenTotBesluit: 'x' });
      expect(cells('2026', 'Arnhem')).toMatchObject({ opschalingen: '12', deadline: '12', handmatig: '0', 'mda-traject': '12', beslist: '12', medianeDagenTotBesluit: '4' });
      expect(cells('2026-K2', 'totaal')).toMatchObject({ opschalingen: '18', deadline: '18', 'mda-traject': '18', medianeDagenTotBesluit: '4' });
      expect(cells('2026-K1', 'Nijmegen')).toMatchObject({ opschalingen: 'x', handmatig: 'x', 'mda-traject': 'x', medianeDagenTotBesluit: 'x' });
      // A quarter without escalations: its total row only, zeros, and nothing to compute (an empty field).
      expect(cells('2026-K3', 'totaal')).toMatchObject({ opschalingen: '0', beslist: '0', medianeDagenTotBesluit: '' });
    });
  });

  describe('MDA++ outcomes', () => {
    it('counts, per decision mda-traject, a score at or above the threshold in force within 3, 6 and 12 months', async () => {
      // The raw counts of K2's 18 decisions (20 April), asked on 5 January 2027: 3 and 6 months have passed, 12 not.
      expect(await rawOutcomes('2026-03-31T22:00:00Z', '2026-06-30T22:00:00Z')).toEqual({
        // Arnhem 0-5 reached in June (within 3 months), 6-8 in September (within 6): a 6 under threshold 6.
        Arnhem: { trajecten: 12, bereikt3: 6, nietBereikt3: 6, nogNietTeBeoordelen3: 0, bereikt6: 9, nietBereikt6: 3, nogNietTeBeoordelen6: 0, bereikt12: 9, nietBereikt12: 0, nogNietTeBeoordelen12: 3 },
        // Wijchen 5 scored a 6: under its window's threshold of 7, so not reached.
        Wijchen: { trajecten: 6, bereikt3: 5, nietBereikt3: 1, nogNietTeBeoordelen3: 0, bereikt6: 5, nietBereikt6: 1, nogNietTeBeoordelen6: 0, bereikt12: 5, nietBereikt12: 0, nogNietTeBeoordelen12: 1 },
        totaal: { trajecten: 18, bereikt3: 11, nietBereikt3: 7, nogNietTeBeoordelen3: 0, bereikt6: 14, nietBereikt6: 4, nogNietTeBeoordelen6: 0, bereikt12: 14, nietBereikt12: 0, nogNietTeBeoordelen12: 4 },
      });
      // K1's 3 decisions (22 January): no score since; 3 and 6 months passed, 12 months not until 22 January 2027.
      expect((await rawOutcomes('2025-12-31T23:00:00Z', '2026-03-31T22:00:00Z')).Nijmegen).toEqual({
        trajecten: 3, bereikt3: 0, nietBereikt3: 3, nogNietTeBeoordelen3: 0, bereikt6: 0, nietBereikt6: 3, nogNietTeBeoordelen6: 0, bereikt12: 0, nietBereikt12: 0, nogNietTeBeoordelen12: 3,
      });
    });

    it('discloses them like every report, a year with its quarters as one table', async () => {
      const k2 = await report('/mda-uitkomsten', 'kwartaal=2026-K2');
      expect(k2).toMatchObject({ kwartaal: '2026-K2', jaar: null, perKwartaal: [] });
      // 4 not reached within 6 months, and 4 not yet to be judged at 12: hidden, and with each the 14 beside it (else 18 - 14).
      expect(k2.totaal).toEqual({ trajecten: shown(18), na3Maanden: term(shown(11), shown(7), shown(0)), na6Maanden: term(hidden, hidden, shown(0)), na12Maanden: term(hidden, shown(0), hidden) });
      const rows = byMunicipality(k2.perGemeente);
      // Wijchen's single 1s are hidden; beside them its 5 leaves each in [1, 5], too close: its 6 goes too, and so,
      // alone beside it under the region's 18, Arnhem's 12.
      for (const row of [rows.Wijchen, rows.Arnhem]) {
        expect(row).toMatchObject({ trajecten: hidden, na3Maanden: term(hidden, hidden, shown(0)), na6Maanden: term(hidden, hidden, shown(0)), na12Maanden: term(hidden, shown(0), hidden) });
      }

      const year = await report('/mda-uitkomsten', 'jaar=2026');
      expect(year.perKwartaal[1].totaal).toEqual(k2.totaal);
      // K1's 3 Nijmegen trajectories are hidden in K1; the year's 21 less K2's 18 would give them back.
      expect(year.perKwartaal[0].totaal.trajecten).toEqual(hidden);
      // The year: 21 and 10 not reached within 3 months would give K1's 3 back; 11 reached within 3 months all fell in K2 (K1: 0).
      expect(year.totaal).toEqual({ trajecten: hidden, na3Maanden: term(shown(11), hidden, shown(0)), na6Maanden: term(hidden, hidden, shown(0)), na12Maanden: term(hidden, shown(0), hidden) });
      // A year cell is never shown where it minus the shown quarters is a hidden quarter cell.
      for (const [group, key] of [['na3Maanden', 'bereikt'], ['na6Maanden', 'bereikt'], ['na12Maanden', 'nogNietTeBeoordelen']] as const) {
        const quarters = year.perKwartaal.map((q: { totaal: Record<string, Record<string, { waarde: number | null; onderdrukt: boolean }>> }) => q.totaal[group]![key]!);
        if (quarters.some((figure: { onderdrukt: boolean }) => figure.onderdrukt) && quarters.filter((figure: { onderdrukt: boolean }) => figure.onderdrukt).length === 1) {
          expect(year.totaal[group][key], `${group}.${key}`).toEqual(hidden);
        }
      }
    });

    it('a term still running is not yet to be judged, and becomes reached or not once it has passed', async () => {
      at('2027-04-21T09:00:00Z');
      const raw = await rawOutcomes('2026-03-31T22:00:00Z', '2026-06-30T22:00:00Z');
      expect(raw.totaal).toMatchObject({ bereikt12: 14, nietBereikt12: 4, nogNietTeBeoordelen12: 0 });
      // A score after the term does not count for it.
      at('2027-05-01T09:00:00Z');
      await write('Arnhem', 9, '/veiligheidsscores', toplist(8));
      expect((await rawOutcomes('2026-03-31T22:00:00Z', '2026-06-30T22:00:00Z')).Arnhem).toMatchObject({ bereikt12: 9, nietBereikt12: 3 });
      at('2027-01-05T09:00:00Z');
    });

    it('holds aggregates only: no case id and no name in JSON or CSV', async () => {
      const ids = Object.values(cases).flat().map((item) => item.id);
      for (const path of ['/mda-uitkomsten', '/opschalingen']) {
        const json = (await policy.get(`/v1/rapportages${path}?jaar=2026`)).body;
        const csv = (await policy.request('GET', `/v1/rapportages${path}?jaar=2026`, { headers: { accept: 'text/csv' } })).body;
        for (const text of [json, csv]) {
          for (const id of ids) expect(text).not.toContain(id);
          expect(text).not.toMatch(/Vries|Anna|Bram/);
        }
      }
    });

    it('is for the report roles only', async () => {
      const auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', organisatie: 'Regio', gemeenten: [] });
      for (const client of [auditor, coordinator, policy]) await report('/mda-uitkomsten', 'jaar=2026', client);
      await problem('/mda-uitkomsten', 'jaar=2026', 403, 'auth.rol-niet-toegestaan', managers.Arnhem);
      await problem('/mda-uitkomsten', 'jaar=2026', 403, 'auth.rol-niet-toegestaan', clientFor(t, { sub: 'ketenpartner-1', rol: 'ketenpartner', organisatie: 'Politie' }));
      const admin = clientFor(t, { sub: 'beheer-wijchen', rol: 'beheerder', organisatie: 'Gemeente Wijchen', gemeenten: ['Wijchen'] });
      await problem('/mda-uitkomsten', 'jaar=2026&gemeente=Arnhem', 403, 'rapportage.gemeente-niet-toegestaan', admin);
      expect((await report('/mda-uitkomsten', 'jaar=2026&gemeente=Wijchen', admin)).gemeente).toBe('Wijchen');
    });

    it('is part of the overview, for the quarter asked', async () => {
      const overview = await report('', 'kwartaal=2026-K2');
      expect(overview.mdaUitkomsten).toEqual(await report('/mda-uitkomsten', 'kwartaal=2026-K2'));
      expect(overview.opschalingen).toEqual(await report('/opschalingen', 'kwartaal=2026-K2'));
    });
  });

  describe('unknown query parameters', () => {
    const PATHS = ['', '/fasen', '/tijd-tot-drempel', '/drempel-binnen-termijn', '/opschalingen', '/herhaling', '/afsluitingen', '/afspraken-te-laat', '/geweldsvormen', '/leefdomeinen', '/mda-uitkomsten'];

    it('every report route answers a parameter it does not know with 400, naming it', async () => {
      const paths = urlPaths<{ parameters?: { name: string }[] }>((await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json());
      const reportPaths = Object.keys(paths).filter((path) => path.startsWith('/v1/rapportages'));
      expect(reportPaths.sort()).toEqual(PATHS.map((path) => `/v1/rapportages${path}`).sort());
      for (const path of PATHS) {
        const known = (paths[`/v1/rapportages${path}`]?.get?.parameters ?? []).map((parameter) => parameter.name);
        for (const query of ['foo=1', 'van=2026-01-01T00:00:00Z', 'gemeente=Arnhem&Gemeente=Arnhem', ...['jaar=2026', 'kwartaal=2026-K1'].filter((q) => !known.includes(q.split('=')[0]!))]) {
          const refused = await problem(path, query, 400, 'verzoek.onbekende-parameter');
          const unknown = query.split('&').map((pair) => pair.split('=')[0]!).filter((name) => !known.includes(name));
          expect(refused.invalidParams, `${path}?${query}`).toEqual(unknown.map((name) => expect.objectContaining({ name, reason: 'onbekende queryparameter' })));
          // The answer names what the report does know.
          for (const name of known) expect(refused.detail, `${path}?${query}`).toContain(name);
        }
      }
    });

    it('declares jaar only where a year is given', async () => {
      const paths = urlPaths<{ parameters?: { name: string }[] }>((await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json());
      const parameters = (path: string) => (paths[`/v1/rapportages${path}`]?.get?.parameters ?? []).map((parameter) => parameter.name);
      expect(parameters('/opschalingen')).toEqual(['kwartaal', 'jaar', 'gemeente']);
      expect(parameters('/mda-uitkomsten')).toEqual(['kwartaal', 'jaar', 'gemeente']);
      expect(parameters('/herhaling')).toEqual(['kwartaal', 'gemeente']);
      expect(parameters('')).toEqual(['kwartaal', 'gemeente']);
    });
  });
});
