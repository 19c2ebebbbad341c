/**
 * The region's insights reports over HTTP: what each counts, that small
 * numbers never show (and cannot be recovered from the totals), CSV, roles.
 *
 * One timeline: on 15 January 2026 Nijmegen opens 3 cases, Arnhem 5 and
 * Wijchen 6; Arnhem and Wijchen reach a safe score, Nijmegen does not and is
 * escalated at its deadline; Arnhem's cases close, one reopens.
 */
import { recurrenceAfterClosure } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';
import { close, walkToNazorg } from '../helpers/walk.js';

const DAY = 86_400_000;
const PERIOD = `van=${encodeURIComponent('2026-01-01T00:00:00+01:00')}&tot=${encodeURIComponent('2027-01-01T00:00:00+01:00')}`;
const hidden = { waarde: null, onderdrukt: true };
const shown = (waarde: number | null) => ({ waarde, onderdrukt: false });

describe('insights reports', () => {
  let t: TestApp;
  let policy: Client;
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
  const report = async (path: string, query = '', client = policy) => {
    const response = await client.get(`/v1/rapportages${path}?${PERIOD}${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted on, not typed
  const byMunicipality = (body: { perGemeente: { gemeente: string }[] }): Record<string, any> => Object.fromEntries(body.perGemeente.map((row) => [row.gemeente, row]));

  beforeAll(async () => {
    t = await createTestApp();
    policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    for (const [gemeente, count] of [['Nijmegen', 3], ['Arnhem', 5], ['Wijchen', 6]] as const) {
      for (let i = 0; i < count; i++) await open(gemeente);
    }
  });
  afterAll(async () => t.close());

  describe('suppression of small numbers', () => {
    it('a municipality with 3 cases shows no numbers; one with 6 does', async () => {
      const nijmegen = await report('/fasen', '&gemeente=Nijmegen');
      expect(nijmegen).toMatchObject({ regio: 'Gelderland-Zuid', gemeente: 'Nijmegen', peildatum: '2026-01-15T09:00:00.000Z', perGemeente: [] });
      expect(nijmegen.totaal).toEqual({
        casussen: hidden,
        perFase: { 'directe-veiligheid': hidden, 'oorzaken-onderzoeken': shown(0), 'blijvend-voorkomen': shown(0), nazorg: shown(0) },
      });
      const wijchen = await report('/fasen', '&gemeente=Wijchen');
      expect(wijchen.totaal).toMatchObject({ casussen: shown(6), perFase: { 'directe-veiligheid': shown(6) } });
    });

    it('in the region, also hides the number that would give a hidden one away, however it is asked for', async () => {
      const region = await report('/fasen');
      expect(region.gemeente).toBeNull();
      // 14 in total: with Arnhem's 5 and Wijchen's 6 shown, Nijmegen's 3 would follow. So Arnhem's goes too.
      expect(region.totaal).toMatchObject({ casussen: shown(14), perFase: { 'directe-veiligheid': shown(14) } });
      const rows = byMunicipality(region);
      expect(Object.keys(rows)).toEqual(['Arnhem', 'Nijmegen', 'Wijchen']);
      expect(rows.Nijmegen).toMatchObject({ casussen: hidden, perFase: { 'directe-veiligheid': hidden, nazorg: shown(0) } });
      expect(rows.Arnhem).toMatchObject({ casussen: hidden, perFase: { 'directe-veiligheid': hidden } });
      expect(rows.Wijchen).toMatchObject({ casussen: shown(6), perFase: { 'directe-veiligheid': shown(6) } });
      // Asked for on its own, Arnhem's 5 stays hidden: else 14 - 5 - 6 gives Nijmegen's 3 after all.
      const { gemeente: _, ...arnhem } = rows.Arnhem;
      expect((await report('/fasen', '&gemeente=Arnhem')).totaal).toEqual(arnhem);
      // A municipality without cases has zeros.
      expect((await report('/fasen', `&gemeente=${encodeURIComponent('Berg en Dal')}`)).totaal.casussen).toEqual(shown(0));
    });

    it('writes x for suppressed figures in the CSV, with a header row and a total row', async () => {
      const response = await policy.request('GET', `/v1/rapportages/fasen?${PERIOD}`, { headers: { accept: 'text/csv' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(response.headers['content-disposition']).toBe('attachment; filename="rapportage-fasen-2026-01-01-2027-01-01.csv"');
      expect(response.body).toBe(
        [
          'gemeente,casussen,directe-veiligheid,oorzaken-onderzoeken,blijvend-voorkomen,nazorg',
          'Arnhem,x,x,0,0,0',
          'Nijmegen,x,x,0,0,0',
          'Wijchen,6,6,0,0,0',
          'totaal,14,14,0,0,0',
          '',
        ].join('\r\n'),
      );
    });

    it("once Nijmegen has 5 cases, its numbers show, and Arnhem's", async () => {
      await open('Nijmegen');
      await open('Nijmegen');
      expect((await report('/fasen', '&gemeente=Nijmegen')).totaal.casussen).toEqual(shown(5));
      expect((await report('/fasen', '&gemeente=Arnhem')).totaal).toMatchObject({ casussen: shown(5), perFase: { 'directe-veiligheid': shown(5) } });
      const rows = byMunicipality(await report('/fasen'));
      expect([rows.Arnhem.casussen, rows.Nijmegen.casussen, rows.Wijchen.casussen]).toEqual([shown(5), shown(5), shown(6)]);
    });
  });

  describe('safety windows', () => {
    it('time to reach 6: count, reached, median and 90th percentile in days', async () => {
      t.clock.advance(10 * DAY);
      for (let i = 0; i < 5; i++) {
        await write('Arnhem', i, 'PUT', '/veiligheidsplan', plan());
        await write('Arnhem', i, 'POST', '/veiligheidsscores', toplist(7));
      }
      for (let i = 0; i < 6; i++) {
        if (i === 3) t.clock.advance(10 * DAY);
        await write('Wijchen', i, 'PUT', '/veiligheidsplan', i === 0 ? plan([{}, { deadline: '2026-02-01' }]) : plan());
        await write('Wijchen', i, 'POST', '/veiligheidsscores', toplist(6));
      }
      const body = await report('/tijd-tot-zes');
      // Region: 8 windows reached in 10 days, 3 in 20.
      expect(body.totaal).toEqual({ vensters: shown(16), bereikt: shown(11), nietBereikt: shown(5), medianeDagen: shown(10), p90Dagen: shown(20) });
      const rows = byMunicipality(body);
      expect(rows.Wijchen).toEqual({ gemeente: 'Wijchen', vensters: shown(6), bereikt: shown(6), nietBereikt: shown(0), medianeDagen: shown(15), p90Dagen: shown(20) });
      expect(rows.Nijmegen).toMatchObject({ bereikt: shown(0), nietBereikt: shown(5), medianeDagen: shown(null) });
      // Windows that started outside the period do not count.
      const later = await policy.get('/v1/rapportages/tijd-tot-zes?van=2026-02-01T00:00:00Z&tot=2026-03-01T00:00:00Z');
      expect(later.json().totaal.vensters).toEqual(shown(0));
    });

    it('reaching 6 within the window: only windows whose deadline has passed', async () => {
      expect((await report('/zes-binnen-termijn')).totaal.vensters).toEqual(shown(0));
      t.clock.set(new Date('2026-05-01T09:00:00Z'));
      const body = await report('/zes-binnen-termijn');
      expect(body.totaal).toEqual({ vensters: shown(16), binnenTermijn: shown(11), nietBinnenTermijn: shown(5), aandeelBinnenTermijn: shown(68.8) });
      const rows = byMunicipality(body);
      expect(rows.Nijmegen).toMatchObject({ binnenTermijn: shown(0), aandeelBinnenTermijn: shown(0) });
      expect(rows.Wijchen).toMatchObject({ binnenTermijn: shown(6), aandeelBinnenTermijn: shown(100) });
    });
  });

  describe('escalations', () => {
    it('per reason and outcome; the median days to a decision shows from 5 decisions', async () => {
      // Nijmegen's 5 cases passed their deadline without a 6: the timers escalate them.
      await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
      let body = await report('/opschalingen', '&gemeente=Nijmegen');
      expect(body.totaal).toEqual({
        opschalingen: shown(5),
        perReden: { deadline: shown(5), handmatig: shown(0) },
        perBesluit: { open: shown(5), 'mda-traject': shown(0), 'terug-naar-lokaal-team': shown(0), afgeschaald: shown(0) },
        medianeDagenTotBesluit: shown(null),
      });
      const coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
      const queue = (await coordinator.get('/v1/opschalingen')).json().opschalingen as { id: string }[];
      expect(queue).toHaveLength(5);
      t.clock.advance(2 * DAY);
      const decide = (id: string) => coordinator.request('POST', `/v1/opschalingen/${id}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Geen 6 binnen de termijn' } });
      for (const { id } of queue.slice(0, 2)) expect((await decide(id)).statusCode).toBe(200);
      body = await report('/opschalingen', '', coordinator);
      // 2 decided and 3 open: both hidden, and the median over 2 decisions too.
      expect(body.totaal).toMatchObject({ opschalingen: shown(5), perBesluit: { open: hidden, 'mda-traject': hidden, afgeschaald: shown(0) }, medianeDagenTotBesluit: hidden });
      for (const { id } of queue.slice(2)) expect((await decide(id)).statusCode).toBe(200);
      body = await report('/opschalingen', '', coordinator);
      expect(body.totaal).toMatchObject({ perBesluit: { open: shown(0), 'mda-traject': shown(5) }, medianeDagenTotBesluit: shown(2) });
      expect(body.perGemeente).toEqual([{ gemeente: 'Nijmegen', ...body.totaal }]);
    });
  });

  describe('overdue agreements', () => {
    it('counts open agreements past their date in the current plan of open cases, and the cases', async () => {
      // Arnhem's and Wijchen's plans hold an open agreement due 2026-03-01; one Wijchen plan has a second one.
      const body = await report('/afspraken-te-laat');
      expect(body.totaal).toEqual({ casussen: shown(11), afspraken: shown(12) });
      const rows = byMunicipality(body);
      expect(rows.Arnhem).toEqual({ gemeente: 'Arnhem', casussen: shown(5), afspraken: shown(5) });
      expect(rows.Wijchen).toEqual({ gemeente: 'Wijchen', casussen: shown(6), afspraken: shown(7) });
      expect(rows.Nijmegen).toEqual({ gemeente: 'Nijmegen', casussen: shown(0), afspraken: shown(0) });
      // An agreement done no longer counts; then Arnhem's 4 cases are too few to show.
      await write('Arnhem', 0, 'PUT', '/veiligheidsplan', plan([{ status: 'gedaan' }]));
      expect((await report('/afspraken-te-laat', '&gemeente=Arnhem')).totaal).toEqual({ casussen: hidden, afspraken: hidden });
    });
  });

  describe('recurrence', () => {
    it('counts closures, and reopenings within 12 calendar months', async () => {
      const scope = { region: 'Gelderland-Zuid', from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') };
      const raw = async () => (await recurrenceAfterClosure(t.database.handle.db, { ...scope, now: t.clock.now() })).find((row) => row.municipality === null)?.tallies;
      for (let i = 0; i < 5; i++) {
        const item = cases.Arnhem![i]!;
        item.version = await walkToNazorg(managers.Arnhem!, item.id, item.version);
      }
      // Stable since 25 January: closure is allowed at once.
      for (const item of cases.Arnhem!) item.version = await close(managers.Arnhem!, item.id, item.version);
      expect((await report('/herhaling')).totaal).toEqual({ afsluitingen: shown(5), heropend: shown(0), nietHeropend: shown(0), opvolgingLopend: shown(5) });

      t.clock.advance(60 * DAY);
      await write('Arnhem', 0, 'POST', '/heropening', { reden: 'Nieuwe melding' });
      expect(await raw()).toEqual({
        afsluitingen: { count: 5, households: 5 },
        heropend: { count: 1, households: 1 },
        nietHeropend: { count: 0, households: 0 },
        opvolgingLopend: { count: 4, households: 4 },
      });
      expect((await report('/herhaling', '&gemeente=Arnhem')).totaal).toEqual({ afsluitingen: shown(5), heropend: hidden, nietHeropend: shown(0), opvolgingLopend: hidden });

      // Thirteen months after the closures: a reopening now is not within 12 months.
      t.clock.set(new Date('2027-06-01T09:00:00Z'));
      await write('Arnhem', 1, 'POST', '/heropening', { reden: 'Nieuwe melding, veel later' });
      expect(await raw()).toMatchObject({ heropend: { count: 1 }, nietHeropend: { count: 4 }, opvolgingLopend: { count: 0 } });
    });
  });

  describe('the overview, CSV and access', () => {
    it('gives every report in one answer, at one moment', async () => {
      const body = await report('');
      expect(Object.keys(body)).toEqual(['regio', 'periode', 'peildatum', 'gemeente', 'fasen', 'tijdTotZes', 'zesBinnenTermijn', 'opschalingen', 'herhaling', 'afsprakenTeLaat']);
      expect(body.fasen).toEqual(await report('/fasen'));
      expect(body.herhaling).toEqual(await report('/herhaling'));
      const csv = await policy.request('GET', `/v1/rapportages?${PERIOD}&gemeente=Wijchen`, { headers: { accept: 'text/csv' } });
      expect(csv.headers['content-disposition']).toBe('attachment; filename="rapportages-2026-01-01-2027-01-01-wijchen.csv"');
      const lines = csv.body.split('\r\n');
      expect(lines[0]).toBe('rapportage,gemeente,cijfer,waarde');
      expect(lines).toContain('fasen,Wijchen,casussen,6');
      expect(lines).toContain('afspraken-te-laat,Wijchen,afspraken,7');
    });

    it('defuses a municipality name that a spreadsheet would run as a formula', async () => {
      await open('=HYPERLINK("http://x","klik")');
      const csv = await policy.request('GET', '/v1/rapportages/fasen?van=2026-01-01T00:00:00Z&tot=2028-01-01T00:00:00Z', { headers: { accept: 'text/csv' } });
      expect(csv.body.split('\r\n')).toContain(`"'=HYPERLINK(""http://x"",""klik"")",x,x,0,0,0`);
    });

    it('is for policy staff, the coordinator and the auditor; a beheerder sees their own municipality only', async () => {
      const problem = async (client: Client, query: string, status: number, code: string) => {
        const response = await client.get(`/v1/rapportages/fasen?${query}`);
        expect(response.statusCode, response.body).toBe(status);
        expect(response.json().code).toBe(code);
      };
      await report('/herhaling', '', clientFor(t, { sub: 'audit-1', rol: 'auditor', organisatie: 'Regio', gemeenten: [] }));
      await problem(clientFor(t), PERIOD, 403, 'auth.rol-niet-toegestaan');
      await problem(clientFor(t, { sub: 'ketenpartner-1', rol: 'ketenpartner', organisatie: 'Politie' }), PERIOD, 403, 'auth.rol-niet-toegestaan');
      const admin = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', organisatie: 'Gemeente Arnhem', gemeenten: ['Arnhem'] });
      await problem(admin, PERIOD, 403, 'rapportage.gemeente-niet-toegestaan');
      await problem(admin, `${PERIOD}&gemeente=Nijmegen`, 403, 'rapportage.gemeente-niet-toegestaan');
      expect((await report('/fasen', '&gemeente=Arnhem', admin)).gemeente).toBe('Arnhem');
      await problem(policy, 'van=2027-01-01T00:00:00Z&tot=2026-01-01T00:00:00Z', 422, 'rapportage.periode-ongeldig');
      await problem(policy, 'van=2026-01-01T00:00:00Z', 400, 'verzoek.ongeldig');
    });

    it('declares JSON and CSV in the OpenAPI document', async () => {
      const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
      for (const path of ['/v1/rapportages', '/v1/rapportages/fasen', '/v1/rapportages/tijd-tot-zes', '/v1/rapportages/zes-binnen-termijn', '/v1/rapportages/opschalingen', '/v1/rapportages/herhaling', '/v1/rapportages/afspraken-te-laat']) {
        expect(Object.keys(document.paths[path].get.responses['200'].content), path).toEqual(['application/json', 'text/csv']);
      }
    });
  });
});
