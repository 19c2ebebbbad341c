/**
 * Issue 18 point 3, a meeting as it happens, over HTTP: the sitting starts on
 * its day and only then takes outcomes; each new field of an outcome is
 * validated; the joint TOP3 score becomes the case's joint score (bron
 * expertoverleg) and counts for the window; the experts registered for a
 * meeting read its cases on its day only, logged per case, never sealed
 * details.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, meetingOutcome, plan, toplist, type Client } from '../helpers/client.js';

const SECRET_ADDRESS = 'Verborgen hof 7, Nijmegen';
const SECRET_CONTACT = '06-98765432';
/** The test clock's start: 2026-01-15T09:00Z, 10:00 in Nijmegen. */
const TODAY = '2026-01-15';

describe('an expert meeting as it happens', () => {
  let t: TestApp;
  let mw: Client;
  let coordinator: Client;
  let expert: Client;
  /** On today's meeting; its household has a sealed address. */
  let caseA: string;
  /** On next week's meeting only. */
  let caseB: string;
  let today: string;
  let nextWeek: string;
  let itemA: string;

  const problem = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect((response.json() as { code: string }).code).toBe(code);
  };
  const logOf = async (requestId: string) =>
    (await t.database.handle.pool.query<{ case_id: string | null; action: string; result: string; actor_sub: string }>(
      'SELECT case_id, action, result, actor_sub FROM access_log WHERE request_id = $1 ORDER BY id',
      [requestId],
    )).rows;

  /** A case with a plan and a low score, escalated by hand and taken into MDA++; its escalation's id. */
  async function inMda(leden: unknown[]): Promise<{ caseId: string; escalationId: string }> {
    const created = await mw.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen', bron: 'veilig-thuis', leden } });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    await mw.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, plan());
    await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 2, toplist(3));
    const escalationId = (await mw.write('POST', `/v1/casussen/${caseId}/opschalingen`, 3, { reden: 'Geweld neemt toe' })).json().laatsteOpschaling.id as string;
    const decided = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Complex' } });
    expect(decided.statusCode, decided.body).toBe(200);
    return { caseId, escalationId };
  }
  const agenda = async (meetingId: string, opschalingId: string) => {
    const added = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId } });
    expect(added.statusCode, added.body).toBe(201);
    return added.json().id as string;
  };
  const outcome = (body: unknown, item = itemA, meetingId = today) =>
    coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${item}/uitkomst`, { body });
  const read = (client: Client, meetingId: string, caseId: string, requestId?: string) =>
    client.request('GET', `/v1/expertoverleggen/${meetingId}/casussen/${caseId}`, requestId ? { headers: { 'x-request-id': requestId } } : {});

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    expert = clientFor(t, { sub: 'ggz-expert', rol: 'ketenpartner', organisatie: 'GGZ Nijmegen', gemeenten: [] });
    const a = await inMda([
      { naam: 'Anna', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: SECRET_ADDRESS, contact: SECRET_CONTACT, afgeschermd: true },
      { naam: 'Bram', relatie: 'ex-partner', betrokkenheid: ['pleger'], adres: 'Open laan 2' },
    ]);
    const b = await inMda([{ naam: 'Cor', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }]);
    caseA = a.caseId;
    caseB = b.caseId;
    today = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: `${TODAY}T14:00:00+01:00` } })).json().id;
    nextWeek = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-01-22T14:00:00+01:00' } })).json().id;
    itemA = await agenda(today, a.escalationId);
    await agenda(nextWeek, b.escalationId);
  });
  afterAll(async () => t.close());

  describe('the start', () => {
    it('refuses an outcome before the sitting has started, and writes nothing', async () => {
      problem(await outcome(meetingOutcome()), 409, 'expertoverleg.niet-gestart');
      const meeting = (await coordinator.get(`/v1/expertoverleggen/${today}`)).json();
      expect(meeting).toMatchObject({ gestartOp: null, agenda: [{ uitkomstVastgelegdOp: null, top3: null, huishoudenAanTafel: null }] });
      expect((await mw.get(`/v1/casussen/${caseA}`)).json().versie).toBe(5);
    });

    it('starts only on the meeting\'s day (or later), once, by the coordinator', async () => {
      const refused = await coordinator.request('POST', `/v1/expertoverleggen/${nextWeek}/start`);
      problem(refused, 409, 'expertoverleg.nog-niet-de-dag');
      expect(refused.json().title).toContain('2026-01-22');
      problem(await mw.request('POST', `/v1/expertoverleggen/${today}/start`), 403, 'auth.rol-niet-toegestaan');
      problem(await coordinator.request('POST', '/v1/expertoverleggen/00000000-0000-4000-8000-000000000000/start'), 404, 'expertoverleg.niet-gevonden');
      const started = await coordinator.request('POST', `/v1/expertoverleggen/${today}/start`);
      expect(started.statusCode, started.body).toBe(200);
      expect(started.json().gestartOp).toBe(t.clock.now().toISOString());
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${today}/start`), 409, 'expertoverleg.al-gestart');
    });
  });

  describe('the outcome', () => {
    const invalid: [string, Record<string, unknown>][] = [
      ['household at the table not ja/nee/deels', { huishoudenAanTafel: 'misschien' }],
      ['household at the table missing', { huishoudenAanTafel: undefined }],
      ['expert by experience not a boolean', { ervaringsdeskundigeAanwezig: 'ja' }],
      ['mandate missing', { mandaatGemeenteAanwezig: undefined }],
      ['score above 10', { top3: toplist(11) }],
      ['score below 0', { top3: toplist(-1) }],
      ['score not whole', { top3: toplist(5.5) }],
      ['two actions', { top3: { score: 6, acties: ['a', 'b'] } }],
      ['an empty action', { top3: { score: 6, acties: ['a', 'b', ''] } }],
      ['no TOP3', { top3: undefined }],
      ['no life domain', { leefdomeinen: [] }],
      ['an unknown life domain', { leefdomeinen: ['onderwijs'] }],
      ['a life domain twice', { leefdomeinen: ['wonen', 'wonen'] }],
      ['intensity unknown', { intensiteit: 'hoog' }],
      ['lead without its name', { regieMdaTraject: { soort: 'organisatie' } }],
      ['lead a member', { regieMdaTraject: { soort: 'lid', lidId: '00000000-0000-4000-8000-000000000000' } }],
      ['next review not a date', { volgendeBespreking: '15-04-2026' }],
      ['next review missing', { volgendeBespreking: undefined }],
    ];
    it.each(invalid)('refuses %s with 400, writing nothing', async (_name, override) => {
      problem(await outcome(meetingOutcome(override)), 400, 'verzoek.ongeldig');
    });

    it('refuses a next review before the meeting\'s day with 422', async () => {
      const refused = await outcome(meetingOutcome({ volgendeBespreking: '2026-01-14' }));
      problem(refused, 422, 'expertoverleg.volgende-bespreking-te-vroeg');
      // Nothing was written: no outcome, no score, no plan version.
      expect((await coordinator.get(`/v1/expertoverleggen/${today}`)).json().agenda[0].uitkomstVastgelegdOp).toBeNull();
      expect((await mw.get(`/v1/casussen/${caseA}`)).json().versie).toBe(5);
    });

    it('records every field; the TOP3 score is the case\'s joint score (bron expertoverleg) and counts for the window', async () => {
      expect((await mw.get(`/v1/casussen/${caseA}`)).json()).toMatchObject({ laatsteVeiligheidsscore: 3, drempelBereikt: false });
      const fields = {
        huishoudenAanTafel: 'deels',
        ervaringsdeskundigeAanwezig: true,
        mandaatGemeenteAanwezig: false,
        top3: { score: 7, acties: ['Huisbezoek met politie', 'Traumabehandeling moeder', 'Schuldhulp met voorrang'] },
        leefdomeinen: ['financien', 'gezondheid', 'opvoeding'],
        intensiteit: 'midden',
        regieMdaTraject: { soort: 'organisatie', naam: 'Zorg- en Veiligheidshuis' },
        volgendeBespreking: TODAY,
      };
      const recorded = await outcome(meetingOutcome(fields));
      expect(recorded.statusCode, recorded.body).toBe(200);
      // Each field as given, besides today's participants and decisions.
      expect(recorded.json().agenda[0]).toMatchObject({ ...fields, deelnemers: ['Politie', 'GGZ'], besluiten: ['Gezamenlijk huisbezoek'] });
      const scores = (await mw.get(`/v1/casussen/${caseA}/veiligheidsscores`)).json().scores;
      expect(scores.map((s: { score: number; bron: string }) => [s.score, s.bron])).toEqual([
        [3, 'regisseur'],
        [7, 'expertoverleg'],
      ]);
      expect(scores[1]).toMatchObject({ gescoordDoor: 'mda-001', acties: ['Huisbezoek met politie', 'Traumabehandeling moeder', 'Schuldhulp met voorrang'] });
      expect(JSON.stringify((await mw.get(`/v1/casussen/${caseA}/tijdlijn`)).json())).toContain('Veiligheidsscore 7 vastgelegd in het MDA++-expertoverleg, met drie acties (TOP3).');
      // The window's threshold is reached by the meeting's score, as by the regisseur's.
      expect((await mw.get(`/v1/casussen/${caseA}`)).json()).toMatchObject({ laatsteVeiligheidsscore: 7, drempelBereikt: true, versie: 6 });
      problem(await outcome(meetingOutcome()), 409, 'expertoverleg.uitkomst-al-vastgelegd');
    });

    it('the regisseur\'s own scoring cannot claim bron expertoverleg: the field is not part of it', async () => {
      const scored = await mw.write('POST', `/v1/casussen/${caseA}/veiligheidsscores`, 6, { ...toplist(6), bron: 'expertoverleg' });
      expect(scored.statusCode, scored.body).toBe(201);
      const last = (await mw.get(`/v1/casussen/${caseA}/veiligheidsscores`)).json().scores.at(-1);
      expect(last).toMatchObject({ score: 6, bron: 'regisseur', gescoordDoor: 'mw-001' });
    });
  });

  describe('the experts', () => {
    it('the coordinator registers and unregisters experts; the meeting shows them', async () => {
      const added = await coordinator.request('POST', `/v1/expertoverleggen/${today}/experts`, { body: { id: 'ggz-expert', organisatie: 'GGZ Nijmegen', naam: 'E. Xpert' } });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toEqual({ id: 'ggz-expert', organisatie: 'GGZ Nijmegen', naam: 'E. Xpert' });
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${today}/experts`, { body: { id: 'ggz-expert', organisatie: 'GGZ' } }), 409, 'expertoverleg.expert-al-aangemeld');
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${today}/experts`, { body: { id: '', organisatie: 'GGZ' } }), 400, 'verzoek.ongeldig');
      problem(await mw.request('POST', `/v1/expertoverleggen/${today}/experts`, { body: { id: 'mw-001', organisatie: 'Wijkteam' } }), 403, 'auth.rol-niet-toegestaan');
      expect((await coordinator.request('POST', `/v1/expertoverleggen/${today}/experts`, { body: { id: 'ervaring-1', organisatie: 'Ervaringsdeskundigen' } })).statusCode).toBe(201);
      expect((await coordinator.request('DELETE', `/v1/expertoverleggen/${today}/experts/ervaring-1`)).statusCode).toBe(204);
      problem(await coordinator.request('DELETE', `/v1/expertoverleggen/${today}/experts/ervaring-1`), 404, 'expertoverleg.expert-niet-gevonden');
      expect((await coordinator.get(`/v1/expertoverleggen/${today}`)).json().experts).toEqual([{ id: 'ggz-expert', organisatie: 'GGZ Nijmegen', naam: 'E. Xpert' }]);
    });

    it('on the meeting\'s day a registered expert reads a case on its agenda: partner view, plan and score series, logged for the case', async () => {
      const response = await read(expert, today, caseA, 'expert-read-1');
      expect(response.statusCode, response.body).toBe(200);
      const view = response.json();
      expect(view).toMatchObject({ casusId: caseA, gemeente: 'Nijmegen', fase: 'directe-veiligheid', expertoverleg: { id: today }, leden: null, verklarendeAnalyse: null });
      expect(view.veiligheidsplan.afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Afspraak 1']);
      expect(view.veiligheidsscores.map((s: { score: number; bron: string }) => [s.score, s.bron])).toEqual([
        [3, 'regisseur'],
        [7, 'expertoverleg'],
        [6, 'regisseur'],
      ]);
      expect(await logOf('expert-read-1')).toEqual([
        { case_id: caseA, action: 'GET /v1/expertoverleggen/:id/casussen/:casusId', result: 'toegestaan', actor_sub: 'ggz-expert' },
      ]);
    });

    it('never shows sealed details, also when the network grants the expert the members', async () => {
      const granted = await mw.request('POST', `/v1/casussen/${caseA}/betrokkenen`, {
        body: { soort: 'professional', id: 'ggz-expert', organisatie: 'GGZ Nijmegen', rol: 'behandelaar', grondslag: 'Wmo 2015', zijde: 'slachtoffer', inzage: ['leden'] },
      });
      expect(granted.statusCode, granted.body).toBe(201);
      const response = await read(expert, today, caseA);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().leden.map((l: { naam: string }) => l.naam).sort()).toEqual(['Anna', 'Bram']);
      expect(response.body).not.toContain(SECRET_ADDRESS);
      expect(response.body).not.toContain(SECRET_CONTACT);
      expect(response.body).not.toContain('Open laan 2');
    });

    it('not another case, not for someone not registered, not for the coordinator\'s role: the same 404 or 403', async () => {
      // Case B is on next week's meeting, not on today's.
      problem(await read(expert, today, caseB, 'expert-read-2'), 404, 'expertoverleg.casus-niet-beschikbaar');
      expect(await logOf('expert-read-2')).toMatchObject([{ case_id: caseB, result: 'geweigerd', actor_sub: 'ggz-expert' }]);
      problem(await read(expert, nextWeek, caseB), 404, 'expertoverleg.casus-niet-beschikbaar');
      problem(await read(expert, today, '00000000-0000-4000-8000-000000000000'), 404, 'expertoverleg.casus-niet-beschikbaar');
      const stranger = clientFor(t, { sub: 'pol-9', rol: 'ketenpartner', organisatie: 'Politie', gemeenten: [] });
      problem(await read(stranger, today, caseA), 404, 'expertoverleg.casus-niet-beschikbaar');
      // A local-team professional registered as expert reads too; the coordinator reads through its own routes.
      problem(await read(coordinator, today, caseA), 403, 'auth.rol-niet-toegestaan');
    });

    it('only on the meeting\'s day: not the day after, not the days before', async () => {
      const start = t.clock.now();
      expect((await coordinator.request('POST', `/v1/expertoverleggen/${nextWeek}/experts`, { body: { id: 'ggz-expert', organisatie: 'GGZ Nijmegen' } })).statusCode).toBe(201);
      try {
        problem(await read(expert, nextWeek, caseB), 404, 'expertoverleg.casus-niet-beschikbaar');
        t.clock.set(new Date('2026-01-15T22:59:00Z'));
        expect((await read(expert, today, caseA)).statusCode).toBe(200);
        // Midnight in Nijmegen: the next day.
        t.clock.set(new Date('2026-01-15T23:01:00Z'));
        problem(await read(expert, today, caseA), 404, 'expertoverleg.casus-niet-beschikbaar');
        t.clock.set(new Date('2026-01-22T08:00:00Z'));
        const onItsDay = await read(expert, nextWeek, caseB);
        expect(onItsDay.statusCode, onItsDay.body).toBe(200);
        expect(onItsDay.json()).toMatchObject({ casusId: caseB, expertoverleg: { id: nextWeek } });
        problem(await read(expert, today, caseA), 404, 'expertoverleg.casus-niet-beschikbaar');
      } finally {
        t.clock.set(start);
      }
    });

    it('an expert unregistered reads no more; a closed meeting takes no registrations', async () => {
      expect((await coordinator.request('DELETE', `/v1/expertoverleggen/${today}/experts/ggz-expert`)).statusCode).toBe(204);
      problem(await read(expert, today, caseA), 404, 'expertoverleg.casus-niet-beschikbaar');
      expect((await coordinator.request('POST', `/v1/expertoverleggen/${today}/sluiting`, { body: { notulen: 'Besproken.' } })).statusCode).toBe(200);
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${today}/experts`, { body: { id: 'ggz-expert', organisatie: 'GGZ' } }), 409, 'expertoverleg.gesloten');
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${today}/start`), 409, 'expertoverleg.gesloten');
    });
  });
});
