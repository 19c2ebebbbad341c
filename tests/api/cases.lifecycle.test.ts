/**
 * One household from creation to closure and back, over HTTP against a real
 * PostgreSQL, following the phased safety vision; then every case in the
 * database is rebuilt from its event log and compared with its row.
 */
import { verifyCaseFromEvents } from '@veilig-samen/api';
import { allCaseIds } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

const DAY = 86_400_000;

describe('a household from creation to closure', () => {
  let t: TestApp;
  let mw: Client;
  let id: string;
  let version: number;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  async function step(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, expected = 201) {
    const response = await mw.write(method, `/v1/casussen/${id}${path}`, version, body);
    expect(response.statusCode, response.body).toBe(expected);
    expect(response.headers.etag).toBe(`"${version + 1}"`);
    version += 1;
    // A command answers from the snapshot it decided on; a read restores the stored one: the two must agree
    // (where the caller may still read the case: after a handover the old regisseur may not).
    const read = await mw.get(`/v1/casussen/${id}`);
    if ('fase' in response.json() && read.statusCode === 200) expect(read.json()).toEqual(response.json());
    return response.json();
  }

  it('opens a case in directe-veiligheid with the caller as regisseur and a 3-month deadline', async () => {
    const response = await mw.request('POST', '/v1/casussen', { body: household });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    id = body.id;
    version = 1;
    expect(response.headers.location).toBe(`/v1/casussen/${id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(body).toMatchObject({
      fase: 'directe-veiligheid',
      regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' },
      laatsteVeiligheidsscore: null,
      drempelBereikt: false,
      opgeschaald: false,
      veiligheidsdeadline: '2026-04-15T08:00:00.000Z',
      venster: { nummer: 1, drempel: 6, beleidsversie: 1, reden: 'start' },
      versie: 1,
    });
    expect(body.leden).toHaveLength(3);
    expect(body.leden[1].betrokkenheid).toEqual(['pleger', 'slachtoffer']);
    const read = await mw.get(`/v1/casussen/${id}`);
    expect(read.json()).toEqual(body);
    expect(read.headers.etag).toBe('"1"');
  });

  it('works through the phases: plan, TOP3 score, analysis, aftercare', async () => {
    const planned = await step('PUT', '/veiligheidsplan', plan([{}, { eigenaar: { soort: 'professional', id: 'politie-7', organisatie: 'Politie' } }]), 200);
    expect(planned).toMatchObject({ versie: 1, akkoordHuishouden: { akkoord: 'ja', toelichting: null } });
    expect(planned.afspraken).toHaveLength(2);

    t.clock.advance(10 * DAY);
    const scored = await step('POST', '/veiligheidsscores', toplist(6));
    expect(scored).toMatchObject({ laatsteVeiligheidsscore: 6, drempelBereikt: true });

    await step('POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' });
    const analysed = await step('POST', '/verklarende-analyse', { toelichting: 'Schulden en opvoedingsstress', problemen: ['schulden', 'opvoedingsstress'] });
    expect(analysed.verklarendeAnalyse.problemen).toEqual(['schulden', 'opvoedingsstress']);
    await step('POST', '/faseovergangen', { naar: 'blijvend-voorkomen' });
    t.clock.advance(5 * DAY);
    const aftercare = await step('POST', '/faseovergangen', { naar: 'nazorg' });
    expect(aftercare).toMatchObject({ fase: 'nazorg', dagenInFase: 0 });
    t.clock.advance(2 * DAY);
    expect((await mw.get(`/v1/casussen/${id}`)).json().dagenInFase).toBe(2);
  });

  it('refuses closure while the score has not been stable long enough or agreements are open, then closes', async () => {
    const early = await mw.write('POST', `/v1/casussen/${id}/afsluiting`, version, { reden: 'stabiel-veilig' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'casus.niet-stabiel-veilig', guard: 'stabielVeiligGedurendeStabiliteitsperiode' });

    t.clock.advance(90 * DAY);
    // One score through the period is no evidence (issue 16): a second, recent one.
    const once = await mw.write('POST', `/v1/casussen/${id}/afsluiting`, version, { reden: 'stabiel-veilig' });
    expect(once.json()).toMatchObject({ code: 'casus.te-weinig-stabiele-scores', guard: 'genoegStabieleScores' });
    await step('POST', '/veiligheidsscores', toplist(7));
    const open = await mw.write('POST', `/v1/casussen/${id}/afsluiting`, version, { reden: 'stabiel-veilig' });
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({ code: 'casus.open-afspraken', guard: 'geenOpenAfspraken' });

    const current = (await mw.get(`/v1/casussen/${id}/veiligheidsplan`)).json();
    for (const afspraak of current.afspraken) {
      await step('PATCH', `/veiligheidsplan/afspraken/${afspraak.id}`, { status: 'gedaan' }, 200);
    }
    const closed = await step('POST', '/afsluiting', { reden: 'stabiel-veilig', toelichting: 'Nazorg afgerond' }, 200);
    expect(closed).toMatchObject({ fase: 'afgesloten', afsluiting: { reden: 'stabiel-veilig' } });
  });

  it('reopens a closed case as recurrence with a new window, safety first', async () => {
    const refused = await mw.write('POST', `/v1/casussen/${id}/incidenten`, version, { tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'Melding politie' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'casus.afgesloten' });

    t.clock.advance(30 * DAY);
    const reopened = await step('POST', '/heropening', { reden: 'Nieuwe melding Veilig Thuis' }, 200);
    expect(reopened).toMatchObject({ fase: 'directe-veiligheid', herhaling: true, drempelBereikt: false, venster: { nummer: 2, reden: 'heropening' } });
    expect(new Date(reopened.veiligheidsdeadline).getTime()).toBeGreaterThan(t.clock.now().getTime() + 85 * DAY);
  });

  it('an incident in a later phase puts safety first again with a new window', async () => {
    await step('PUT', '/veiligheidsplan', plan([{ deadline: '2026-12-01' }]), 200);
    await step('POST', '/veiligheidsscores', toplist(7));
    await step('POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' });
    t.clock.advance(3 * DAY);
    const incident = await step('POST', '/incidenten', { tijdstip: new Date(t.clock.now().getTime() - DAY).toISOString().replace('Z', '+00:00'), soort: 'psychisch', omschrijving: 'Bedreiging' });
    expect(incident).toMatchObject({ fase: 'directe-veiligheid', venster: { nummer: 3, reden: 'incident' }, drempelBereikt: false });
    expect(incident.incidenten).toHaveLength(1);
  });

  it('hands the case over to another regisseur; then only the new regisseur can hand it over again', async () => {
    // A handover is proposed to a colleague the service knows, and accepted by them (issue 16 point 11).
    const colleague = clientFor(t, { sub: 'mw-002' });
    await colleague.get('/v1/ik');
    const proposed = await step('PUT', '/regisseur', { regisseur: { id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }, reden: 'Verhuizing naar ander wijkteam' }, 200);
    expect(proposed.regisseur.id).toBe('mw-001');
    expect(proposed.regiewissel.voorgesteldAan.id).toBe('mw-002');
    const accepted = await colleague.write('POST', `/v1/casussen/${id}/regiewissel/acceptatie`, version);
    expect(accepted.statusCode, accepted.body).toBe(200);
    version += 1;
    const handed = accepted.json();
    expect(handed.regisseur.id).toBe('mw-002');
    // The former regisseur is no longer involved: the case is out of their sight.
    const again = await mw.write('PUT', `/v1/casussen/${id}/regisseur`, version, { regisseur: { id: 'mw-003', organisatie: 'X' }, reden: 'x' });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('casus.niet-gevonden');
    const byNew = await colleague.write('PUT', `/v1/casussen/${id}/regisseur`, version, { regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, reden: 'Terug van verlof' });
    expect(byNew.statusCode).toBe(200);
    version += 1;
    expect((await mw.write('POST', `/v1/casussen/${id}/regiewissel/acceptatie`, version)).statusCode).toBe(200);
    version += 1;
  });

  it('adds and corrects members; corrections are events', async () => {
    const added = await step('POST', '/leden', { naam: 'Oma de Vries', relatie: 'overig', betrokkenheid: [] });
    const grandma = added.leden.find((l: { naam: string }) => l.naam === 'Oma de Vries');
    const corrected = await mw.request('PATCH', `/v1/casussen/${id}/leden/${grandma.id}`, {
      body: { geboortedatum: '1950-03-03', betrokkenheid: ['getuige'] },
      ifMatch: version,
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    version += 1;
    expect(corrected.json().leden.find((l: { id: string }) => l.id === grandma.id)).toMatchObject({ naam: 'Oma de Vries', geboortedatum: '1950-03-03', betrokkenheid: ['getuige'] });
  });

  it('keeps every plan version readable, and the score series for a chart', async () => {
    const versions = (await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies`)).json();
    expect(versions.versies.map((v: { versie: number }) => v.versie)).toEqual([1, 2]);
    const first = (await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies/1`)).json();
    expect(first.afspraken.every((a: { status: string }) => a.status === 'gedaan')).toBe(true);
    const series = (await mw.get(`/v1/casussen/${id}/veiligheidsscores`)).json();
    expect(series.drempel).toBe(6);
    expect(series.scores.map((s: { score: number }) => s.score)).toEqual([6, 7, 7]);
    expect(series.scores[0].acties).toHaveLength(3);
  });

  it('shows a readable timeline with who and when, every event in order', async () => {
    const timeline = (await mw.get(`/v1/casussen/${id}/tijdlijn`)).json();
    expect(timeline.gebeurtenissen).toHaveLength(version);
    expect(timeline.gebeurtenissen.map((e: { volgnummer: number }) => e.volgnummer)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(timeline.gebeurtenissen[0]).toMatchObject({ type: 'casus.geopend', door: { id: 'mw-001', rol: 'lokaal-team' } });
    expect(timeline.gebeurtenissen.map((e: { type: string }) => e.type)).toContain('casus.heropend');
    for (const event of timeline.gebeurtenissen) expect(event.omschrijving).toMatch(/\.$/);
    // The phase history for the coordinator's page: closed, then reopened, so safety comes first again.
    const phases = timeline.fasen.map((f: { fase: string }) => f.fase);
    expect(phases[0]).toBe('directe-veiligheid');
    expect(phases).toContain('afgesloten');
    const afterClosure = timeline.fasen[phases.indexOf('afgesloten') + 1];
    expect(afterClosure).toEqual({ fase: 'directe-veiligheid', sinds: timeline.gebeurtenissen.find((e: { type: string }) => e.type === 'casus.heropend').op });
  });

  it('rebuilds every case row from its event log alone', async () => {
    await mw.request('POST', '/v1/casussen', { body: { ...household, bron: 'politie' } });
    const ids = await allCaseIds(t.database.handle.db);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const caseId of ids) {
      const result = await verifyCaseFromEvents(t.database.handle.db, caseId);
      expect(result.rebuilt).toEqual(result.stored);
      expect(result.matches).toBe(true);
    }
  });

  it('refuses to change the event log (append-only)', async () => {
    const pool = t.database.handle.pool;
    await expect(pool.query("UPDATE case_events SET type = 'x' WHERE case_id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM case_events WHERE case_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE case_events CASCADE')).rejects.toThrow(/append-only/);
  });

  it('serves the statechart generated from the machine, as JSON and Mermaid', async () => {
    const chart = (await mw.get('/v1/statechart')).json();
    expect(chart.toestanden.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg', 'afgesloten']));
    expect(chart.overgangen).toContainEqual({ van: 'fase.open.directe-veiligheid', gebeurtenis: 'fase.naar-oorzaken-onderzoeken', naar: 'fase.open.oorzaken-onderzoeken', voorwaarden: ['heeftVeiligheidsplan', 'planNaHeropening', 'scoreOpDrempel'] });
    const mermaid = await mw.get('/v1/statechart.mmd');
    expect(mermaid.headers['content-type']).toContain('text/plain');
    expect(mermaid.body).toMatch(/^stateDiagram-v2/);
    expect(mermaid.body).toContain('fase_open_nazorg --> fase_afgesloten');
    expect(mermaid.body).toContain('mda_geen --> mda_opgeschaald');
  });
});
