/**
 * The MDA++ coordinator's work over HTTP: manual escalation, the queue,
 * decisions, de-escalation, follow-ups, expert meetings, policy and reports,
 * with every refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, meetingOutcome, plan, toplist, type Client } from '../helpers/client.js';

describe('escalation to the MDA++ expert meeting', () => {
  let t: TestApp;
  let mw: Client;
  let coordinator: Client;
  let admin: Client;
  let region: Client;
  let caseId: string;
  let version: number;
  let escalationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen' });
    region = clientFor(t, { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    caseId = created.json().id;
    await mw.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, plan([{ eigenaar: { soort: 'professional', id: 'pol-1', organisatie: 'Politie Oost-Nederland' } }]));
    await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 2, toplist(3));
    version = 3;
  });
  afterAll(async () => t.close());

  const problem = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect((response.json() as { code: string }).code).toBe(code);
  };

  describe('manual escalation by the regisseur', () => {
    it('only the regisseur escalates, with If-Match', async () => {
      await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'wijkteam', grondslag: 'Wmo 2015' } });
      problem(await clientFor(t, { sub: 'mw-002' }).write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Zorgen' }), 403, 'casus.alleen-regisseur-schaalt-op');
      problem(await mw.request('POST', `/v1/casussen/${caseId}/opschalingen`, { body: { reden: 'Zorgen' } }), 428, 'casus.if-match-ontbreekt');
      problem(await mw.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: '' }), 400, 'verzoek.ongeldig');
    });

    it('escalates; a second escalation is refused with 409', async () => {
      const response = await mw.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Geweld neemt toe, kinderen in gevaar' });
      expect(response.statusCode, response.body).toBe(201);
      version += 1;
      const body = response.json();
      expect(body).toMatchObject({ opgeschaald: true, mda: 'opgeschaald', laatsteOpschaling: { reden: 'handmatig', besluit: null } });
      escalationId = body.laatsteOpschaling.id;
      const again = await mw.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Nog eens' });
      problem(again, 409, 'casus.al-opgeschaald');
      expect(again.json().guard).toBe('eenOpschalingTegelijk');
    });
  });

  describe("the coordinator's queue", () => {
    it('shows open escalations oldest first, with the case summary', async () => {
      const response = await coordinator.get('/v1/opschalingen');
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-total-count']).toBe('1');
      const [item] = response.json().opschalingen;
      expect(item).toMatchObject({
        id: escalationId,
        casusId: caseId,
        gemeente: 'Nijmegen',
        reden: 'handmatig',
        toelichting: 'Geweld neemt toe, kinderen in gevaar',
        status: 'open',
        besluit: null,
        casus: { fase: 'directe-veiligheid', mda: 'opgeschaald', regisseur: { id: 'mw-001' }, drempel: 6 },
      });
      expect(item.casus.veiligheidsscores.map((s: { score: number }) => s.score)).toEqual([3]);
      expect(item.casus.veiligheidsplan.versie).toBe(1);
      expect(item.casus.betrokkenOrganisaties).toEqual(['Politie Oost-Nederland', 'Sociaal Wijkteam Nijmegen']);
    });

    it('filters by reason, municipality and status, and refuses other roles', async () => {
      expect((await coordinator.get('/v1/opschalingen?reden=deadline')).json().opschalingen).toEqual([]);
      expect((await coordinator.get('/v1/opschalingen?gemeente=Arnhem')).json().opschalingen).toEqual([]);
      expect((await coordinator.get('/v1/opschalingen?status=mda-traject')).json().opschalingen).toEqual([]);
      problem(await mw.get('/v1/opschalingen'), 403, 'auth.rol-niet-toegestaan');
      problem(await coordinator.get('/v1/opschalingen?reden=zomaar'), 400, 'verzoek.ongeldig');
      problem(await coordinator.get('/v1/opschalingen/00000000-0000-4000-8000-000000000000'), 404, 'opschaling.niet-gevonden');
    });

    it('lets the coordinator read the escalated case', async () => {
      const response = await coordinator.get(`/v1/casussen/${caseId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().mda).toBe('opgeschaald');
    });
  });

  describe('decisions', () => {
    it('requires reasoning, and advice when going back to the local team', async () => {
      const response = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'terug-naar-lokaal-team', motivering: 'Lokaal op te lossen' } });
      problem(response, 400, 'verzoek.ongeldig');
      expect(response.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['advies']);
      problem(await mw.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'x' } }), 403, 'auth.rol-niet-toegestaan');
    });

    it('takes the case into MDA++; the regisseur stays; a second decision is refused with 409', async () => {
      const response = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Complex: meerdere leefdomeinen, herhaald geweld' } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status: 'mda-traject', besluit: { besluit: 'mda-traject', door: 'mda-001' }, casus: { mda: 'mda-traject', regisseur: { id: 'mw-001' } } });
      version += 1;
      problem(await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'terug-naar-lokaal-team', motivering: 'x', advies: 'y' } }), 409, 'opschaling.al-besloten');
      expect((await coordinator.get('/v1/opschalingen')).json().opschalingen).toEqual([]);
      expect((await coordinator.get('/v1/opschalingen?status=mda-traject')).json().opschalingen).toHaveLength(1);
    });
  });

  describe('follow-ups', () => {
    it('refuses a date in the past; a due follow-up marks the escalation', async () => {
      problem(await coordinator.request('POST', `/v1/opschalingen/${escalationId}/opvolging`, { body: { tijdstip: '2020-01-01T00:00:00Z' } }), 422, 'opschaling.opvolging-in-verleden');
      const due = new Date(t.clock.now().getTime() + 7 * 86_400_000);
      const set = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/opvolging`, { body: { tijdstip: due.toISOString(), notitie: 'Navragen bij politie' } });
      expect(set.json().opvolging).toEqual({ tijdstip: due.toISOString(), notitie: 'Navragen bij politie', verlopen: false });
      t.clock.set(new Date(due.getTime() + 1000));
      await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
      expect((await coordinator.get(`/v1/opschalingen/${escalationId}`)).json().opvolging.verlopen).toBe(true);
    });
  });

  describe('expert meetings', () => {
    let meetingId: string;
    let itemId: string;

    it('plans a meeting and builds its agenda from escalations taken into MDA++', async () => {
      // On the test clock's day, so that the sitting can be started (issue 18 point 3).
      const created = await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-01-22T14:00:00+01:00' } });
      expect(created.statusCode).toBe(201);
      meetingId = created.json().id;
      expect(created.json()).toMatchObject({ tijdstip: '2026-01-22T13:00:00.000Z', status: 'gepland', gestartOp: null, experts: [], agenda: [] });

      // An escalation that is still open may go on the agenda before the decision (issue 18 point 2; tests/api/mda-referral-triage.test.ts).
      const other = (await mw.request('POST', '/v1/casussen', { body: household })).json().id;
      const open = (await mw.write('POST', `/v1/casussen/${other}/opschalingen`, 1, { reden: 'Zorgen' })).json().laatsteOpschaling.id;
      const triage = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: open } });
      expect(triage.statusCode, triage.body).toBe(201);
      expect((await coordinator.request('DELETE', `/v1/expertoverleggen/${meetingId}/agendapunten/${triage.json().id}`)).statusCode).toBe(204);

      const added = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } });
      expect(added.statusCode, added.body).toBe(201);
      itemId = added.json().id;
      expect(added.json()).toMatchObject({ casusId: caseId, positie: 1, uitkomstVastgelegdOp: null });
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } }), 409, 'expertoverleg.al-op-agenda');
      problem(await mw.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-02-10T14:00:00+01:00' } }), 403, 'auth.rol-niet-toegestaan');
    });

    it('records decisions and new agreements, which go straight into the safety plan', async () => {
      expect((await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/start`)).statusCode).toBe(200);
      const outcome = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/uitkomst`, {
        body: meetingOutcome({
          deelnemers: ['Politie', 'Veilig Thuis', 'GGZ', 'Sociaal Wijkteam Nijmegen'],
          besluiten: ['Gezamenlijk huisbezoek', 'Traject daderhulp'],
          afspraken: [{ omschrijving: 'Aanmelding daderhulp', eigenaar: { soort: 'organisatie', naam: 'GGZ' }, deadline: '2026-03-01' }],
        }),
      });
      expect(outcome.statusCode, outcome.body).toBe(200);
      expect(outcome.json().agenda[0]).toMatchObject({ besluiten: ['Gezamenlijk huisbezoek', 'Traject daderhulp'], deelnemers: ['Politie', 'Veilig Thuis', 'GGZ', 'Sociaal Wijkteam Nijmegen'] });
      const planNow = (await mw.get(`/v1/casussen/${caseId}/veiligheidsplan`)).json();
      expect(planNow.versie).toBe(2);
      expect(planNow.vastgesteldDoor).toBe('mda-001');
      expect(planNow.afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Afspraak 1', 'Aanmelding daderhulp']);
      // The plan and the meeting's joint score: two changes of the case.
      version += 2;
      // Issue 16, point 13: the meeting's agreement keeps its source and is not agreed by the household yet.
      expect(planNow.afspraken.map((a: { bron: string; akkoordHuishouden: boolean }) => [a.bron, a.akkoordHuishouden])).toEqual([
        ['regisseur', true],
        ['expertoverleg', false],
      ]);
      const [own, fromMeeting] = planNow.afspraken as { id: string }[];
      const agree = (client: Client, afspraakId: string, body: unknown = { toelichting: 'Besproken bij huisbezoek' }) =>
        client.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan/afspraken/${afspraakId}/akkoord-huishouden`, version, body);
      problem(await agree(clientFor(t, { sub: 'mw-002' }), fromMeeting!.id), 403, 'casus.alleen-regisseur-legt-akkoord-vast');
      problem(await agree(coordinator, fromMeeting!.id), 403, 'auth.rol-niet-toegestaan');
      problem(await agree(mw, own!.id), 409, 'casus.afspraak-al-akkoord');
      problem(await agree(mw, '00000000-0000-4000-8000-000000000000'), 404, 'casus.afspraak-niet-gevonden');
      const agreed = await agree(mw, fromMeeting!.id);
      expect(agreed.statusCode, agreed.body).toBe(200);
      version += 1;
      // The same plan version, now agreed; a later version keeps the source and the agreement.
      expect(agreed.json()).toMatchObject({ versie: 2, afspraken: [{ bron: 'regisseur' }, { id: fromMeeting!.id, bron: 'expertoverleg', akkoordHuishouden: true }] });
      problem(await agree(mw, fromMeeting!.id), 409, 'casus.afspraak-al-akkoord');
      const timeline = JSON.stringify((await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json());
      expect(timeline).toContain('Het huishouden is akkoord met een afspraak uit het MDA++-expertoverleg');
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/uitkomst`, { body: meetingOutcome() }), 409, 'expertoverleg.uitkomst-al-vastgelegd');
      problem(await coordinator.request('DELETE', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}`), 409, 'expertoverleg.uitkomst-al-vastgelegd');
    });

    it('closes the minutes; then the meeting no longer changes', async () => {
      const closed = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/sluiting`, { body: { notulen: 'Casus besproken; afspraken vastgelegd.' } });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'gesloten', notulen: 'Casus besproken; afspraken vastgelegd.' });
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/sluiting`, { body: { notulen: 'anders' } }), 409, 'expertoverleg.gesloten');
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } }), 409, 'expertoverleg.gesloten');
      problem(await coordinator.request('DELETE', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}`), 409, 'expertoverleg.gesloten');
      expect((await coordinator.get('/v1/expertoverleggen')).json().expertoverleggen).toEqual([{ id: meetingId, tijdstip: '2026-01-22T13:00:00.000Z', status: 'gesloten' }]);
    });
  });

  describe('de-escalation', () => {
    it('only when the score is at the threshold again, by the coordinator', async () => {
      problem(await coordinator.write('POST', `/v1/casussen/${caseId}/afschaling`, version, { reden: 'Stabiel' }), 409, 'casus.veiligheid-onder-drempel');
      problem(await mw.write('POST', `/v1/casussen/${caseId}/afschaling`, version, { reden: 'Stabiel' }), 403, 'auth.rol-niet-toegestaan');
      await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, version, toplist(7));
      version += 1;
      const response = await coordinator.write('POST', `/v1/casussen/${caseId}/afschaling`, version, { reden: 'Score 7, afspraken lopen' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ mda: 'geen', opgeschaald: false });
      // No longer escalated: the case is out of the coordinator's sight, also through the queue.
      problem(await coordinator.get(`/v1/casussen/${caseId}`), 404, 'casus.niet-gevonden');
      const ended = (await coordinator.get(`/v1/opschalingen/${escalationId}`)).json();
      expect(ended).toMatchObject({ status: 'afgeschaald', casus: null });
    });
  });

  describe('policy versions', () => {
    it('shows version 1 and adds a stricter version that applies to new windows only', async () => {
      const before = (await admin.get('/v1/beleid')).json();
      expect(before).toMatchObject({ regio: 'Gelderland-Zuid', inWerking: null, versies: [] });
      const added = await region.request('POST', '/v1/beleid', { body: { drempel: 7, vensterMaanden: 2, stabiliteitMaanden: 4, herinneringDagenVoorDeadline: 10, reden: 'Strenger' } });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ versie: 1, drempel: 7, vensterMaanden: 2, vastgesteldDoor: 'regiobeheer-1', reden: 'Strenger' });
      const second = await region.request('POST', '/v1/beleid', { body: { drempel: 7, vensterMaanden: 3, stabiliteitMaanden: 4, herinneringDagenVoorDeadline: 10, reden: 'Langer venster' } });
      expect(second.json().versie).toBe(2);
      expect((await admin.get('/v1/beleid')).json()).toMatchObject({ inWerking: 2 });

      const fresh = (await mw.request('POST', '/v1/casussen', { body: household })).json();
      expect(fresh.venster).toMatchObject({ drempel: 7, beleidsversie: 2 });
      // The running case keeps the policy its window started under.
      expect((await mw.get(`/v1/casussen/${caseId}`)).json().venster.drempel).toBe(6);
    });

    it('refuses other roles, invalid values and a start in the past', async () => {
      problem(await mw.get('/v1/beleid'), 403, 'auth.rol-niet-toegestaan');
      // A municipality's beheerder no longer sets the region's policy (security finding 2; tests/api/policy.test.ts).
      problem(await admin.request('POST', '/v1/beleid', { body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, reden: 'x' } }), 403, 'auth.rol-niet-toegestaan');
      problem(await region.request('POST', '/v1/beleid', { body: { drempel: 11, vensterMaanden: 0, stabiliteitMaanden: 4, herinneringDagenVoorDeadline: 10, reden: 'x' } }), 400, 'verzoek.ongeldig');
      problem(await region.request('POST', '/v1/beleid', { body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, reden: 'x', geldigVanaf: '2020-01-01T00:00:00Z' } }), 422, 'beleid.geldig-vanaf-in-verleden');
    });
  });

  describe('the escalation report', () => {
    it('counts per reason, decision and municipality over a closed quarter, hiding numbers of fewer than 5 households', async () => {
      // Two escalations of two households: every non-zero number is hidden (tests/api/reports.test.ts shows them from 5).
      const hidden = { waarde: null, onderdrukt: true };
      const zero = { waarde: 0, onderdrukt: false };
      const policy = clientFor(t, { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio', gemeenten: [] });
      // Both were made in January: while the first quarter runs there is no report of it; by default the last closed quarter.
      problem(await policy.get('/v1/rapportages/opschalingen?kwartaal=2026-K1'), 422, 'rapportage.kwartaal-niet-afgesloten');
      expect((await policy.get('/v1/rapportages/opschalingen')).json()).toMatchObject({ kwartaal: '2025-K4', totaal: { opschalingen: zero }, perGemeente: [] });

      t.clock.set(new Date('2026-04-01T09:00:00Z'));
      const response = await policy.get('/v1/rapportages/opschalingen?kwartaal=2026-K1');
      expect(response.statusCode, response.body).toBe(200);
      const totaal = {
        opschalingen: hidden,
        perReden: { deadline: zero, handmatig: hidden },
        perBesluit: { open: hidden, 'mda-traject': zero, 'terug-naar-lokaal-team': zero, afgeschaald: hidden },
        beslist: hidden,
        medianeDagenTotBesluit: hidden,
      };
      expect(response.json()).toMatchObject({
        kwartaal: '2026-K1',
        periode: { van: '2025-12-31T23:00:00.000Z', tot: '2026-03-31T22:00:00.000Z' },
        gemeente: null,
        totaal,
        perGemeente: [{ gemeente: 'Nijmegen', ...totaal }],
      });
      expect((await policy.get('/v1/rapportages/opschalingen')).json()).toEqual(response.json());
      problem(await mw.get('/v1/rapportages/opschalingen?kwartaal=2026-K1'), 403, 'auth.rol-niet-toegestaan');
      problem(await policy.get('/v1/rapportages/opschalingen?kwartaal=2026-K2'), 422, 'rapportage.kwartaal-niet-afgesloten');
      problem(await policy.get('/v1/rapportages/opschalingen?kwartaal=2026-Q1'), 400, 'verzoek.ongeldig');
      const arnhemAdmin = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
      problem(await arnhemAdmin.get('/v1/rapportages/opschalingen?kwartaal=2026-K1&gemeente=Nijmegen'), 403, 'rapportage.gemeente-niet-toegestaan');
      const own = (await admin.get('/v1/rapportages/opschalingen?kwartaal=2026-K1&gemeente=Nijmegen')).json();
      expect(own).toMatchObject({ kwartaal: '2026-K1', gemeente: 'Nijmegen', totaal, perGemeente: [] });
    });
  });
});
