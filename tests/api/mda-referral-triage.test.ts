/**
 * Issue 18 points 1 and 2 over HTTP: partners (and the regisseur) refer a case
 * for MDA++, by the API and by a system's message; the coordinator puts a
 * waiting referral or escalation on a meeting's agenda and the decision is
 * taken in the meeting, with who sat at the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, meetingOutcome, type Client } from '../helpers/client.js';

const VT_OIN = '00000001823288444000';

describe('MDA++ referral by partners and triage in the expert meeting', () => {
  let t: TestApp;
  let mw: Client;
  let police: Client;
  let coordinator: Client;

  const problem = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect((response.json() as { code: string }).code).toBe(code);
  };
  const logOf = async (requestId: string) =>
    (await t.database.handle.pool.query<{ case_id: string; action: string; result: string; status: number; actor_sub: string }>(
      'SELECT case_id, action, result, status, actor_sub FROM access_log WHERE request_id = $1 ORDER BY id',
      [requestId],
    )).rows;
  const versionOf = async (caseId: string) => {
    const response = await mw.get(`/v1/casussen/${caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    return Number(JSON.parse(response.headers.etag as string));
  };
  /** A case of mw-001 with professionals in its network: the police officer (neutral) and, when asked, one on the perpetrator's side. */
  const newCase = async () => {
    const caseId = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    for (const [id, organisatie, zijde] of [['pol-1', 'Politie Oost-Nederland', 'neutraal'], ['rec-1', 'Reclassering', 'pleger']] as const) {
      const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id, organisatie, rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde } });
      expect(added.statusCode, added.body).toBe(201);
    }
    return caseId;
  };
  const queueItem = async (caseId: string) => (await coordinator.get('/v1/opschalingen?status=open&reden=aanmelding-partner')).json().opschalingen.find((o: { casusId: string }) => o.casusId === caseId);

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    police = clientFor(t, { sub: 'pol-1', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', gemeenten: [] });
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
  });
  afterAll(async () => t.close());

  describe('referral through the API (point 1)', () => {
    it('a partner in the network refers: the queue shows reason aanmelding-partner and who referred; the regisseur gets a signal; the access log has the write', async () => {
      const caseId = await newCase();
      const response = await police.request('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, {
        body: { reden: 'Structureel onveilig ondanks inzet' },
        ifMatch: await versionOf(caseId),
        headers: { 'x-request-id': 'i18-aanmelding-1' },
      });
      expect(response.statusCode, response.body).toBe(201);
      const item = await queueItem(caseId);
      expect(item).toMatchObject({
        reden: 'aanmelding-partner',
        redenen: ['aanmelding-partner'],
        toelichting: 'Structureel onveilig ondanks inzet',
        status: 'open',
        opgeschaaldDoor: 'pol-1',
        aangemeldDoor: { organisatie: 'Politie Oost-Nederland', persoon: 'pol-1' },
        casus: { mda: 'opgeschaald' },
      });
      const work = (await mw.get('/v1/werkvoorraad')).json().items.filter((i: { soort: string; casusId: string }) => i.soort === 'mda-aanmelding' && i.casusId === caseId);
      expect(work).toHaveLength(1);
      expect(work[0].gegevens).toEqual({ opschalingId: item.id, organisatie: 'Politie Oost-Nederland' });
      // The timeline says a partner referred it; who is in its `door`, under the timeline's own rule.
      expect(JSON.stringify((await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json())).toContain('Aangemeld voor MDA++ door een partner in het netwerk');
            expect(await logOf('i18-aanmelding-1')).toMatchObject([{ case_id: caseId, action: 'POST /v1/casussen/:id/mda-aanmeldingen', result: 'toegestaan', status: 201, actor_sub: 'pol-1' }]);
      // The coordinator's other filters do not show it as a manual or deadline escalation.
      expect((await coordinator.get('/v1/opschalingen?reden=handmatig')).json().opschalingen.some((o: { casusId: string }) => o.casusId === caseId)).toBe(false);
    });

    it('a case already referred, escalated or in MDA++: 409 casus.al-opgeschaald, logged as refused', async () => {
      const caseId = await newCase();
      expect((await police.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, await versionOf(caseId), { reden: 'Eerste' })).statusCode).toBe(201);
      const again = await mw.request('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, { body: { reden: 'Tweede' }, ifMatch: await versionOf(caseId), headers: { 'x-request-id': 'i18-aanmelding-2' } });
      problem(again, 409, 'casus.al-opgeschaald');
      expect(await logOf('i18-aanmelding-2')).toMatchObject([{ case_id: caseId, result: 'geweigerd', status: 409 }]);
      const escalated = await newCase();
      expect((await mw.write('POST', `/v1/casussen/${escalated}/opschalingen`, await versionOf(escalated), { reden: 'Zorgen' })).statusCode).toBe(201);
      problem(await police.write('POST', `/v1/casussen/${escalated}/mda-aanmeldingen`, await versionOf(escalated), { reden: 'Ook zorgen' }), 409, 'casus.al-opgeschaald');
    });

    it('the regisseur refers too, without a signal to themselves', async () => {
      const caseId = await newCase();
      const response = await mw.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, await versionOf(caseId), { reden: 'Vastgelopen' });
      expect(response.statusCode, response.body).toBe(201);
      expect(await queueItem(caseId)).toMatchObject({ aangemeldDoor: { organisatie: 'Sociaal Wijkteam Nijmegen', persoon: 'mw-001' } });
      expect((await mw.get('/v1/werkvoorraad')).json().items.some((i: { soort: string; casusId: string }) => i.soort === 'mda-aanmelding' && i.casusId === caseId)).toBe(false);
    });

    it('the perpetrator side may not refer (403), nor may someone outside the network or the coordinator; bad input is 400', async () => {
      const caseId = await newCase();
      const version = await versionOf(caseId);
      const perpetratorSide = clientFor(t, { sub: 'rec-1', rol: 'ketenpartner', organisatie: 'Reclassering', gemeenten: [] });
      problem(await perpetratorSide.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, version, { reden: 'Zorgen' }), 403, 'casus.aanmelding-plegerzijde');
      const outsider = await clientFor(t, { sub: 'pol-9', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', gemeenten: [] }).write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, version, { reden: 'Zorgen' });
      expect(outsider.statusCode).toBe(404);
      problem(await coordinator.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, version, { reden: 'Zorgen' }), 403, 'auth.rol-niet-toegestaan');
      problem(await police.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, version, { reden: '' }), 400, 'verzoek.ongeldig');
      expect(await queueItem(caseId)).toBeUndefined();
    });
  });

  describe('referral by a message (point 1)', () => {
    let vt: Client;
    beforeAll(() => {
      vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Nijmegen'] });
    });
    const send = (body: unknown, key: string) => vt.request('POST', '/v1/berichten', { body, headers: { 'idempotency-key': key } });

    it('a system that follows the case refers it: accepted, in the queue without a person, idempotent on its key', async () => {
      const caseId = await newCase();
      // Not followed yet: the system may not refer a case it has nothing to do with.
      problem(await send({ type: 'mda-aanmelding', casusId: caseId, reden: 'Acuut' }, 'i18-m0'), 422, 'bericht.casus-onbekend');
      expect((await send({ type: 'terugmelding-gevraagd', casusId: caseId }, 'i18-m1')).statusCode).toBe(201);
      const sent = await vt.request('POST', '/v1/berichten', {
        body: { type: 'mda-aanmelding', casusId: caseId, reden: 'Acuut onveilig, herhaald geweld' },
        headers: { 'idempotency-key': 'i18-m2', 'x-request-id': 'i18-bericht-aanmelding' },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(await logOf('i18-bericht-aanmelding')).toMatchObject([{ case_id: caseId, action: 'POST /v1/berichten', result: 'toegestaan', status: 201, actor_sub: 'vt-koppeling' }]);
      expect(sent.json()).toMatchObject({ type: 'mda-aanmelding', status: 'geaccepteerd', casusId: caseId });
      expect(await queueItem(caseId)).toMatchObject({ toelichting: 'Acuut onveilig, herhaald geweld', aangemeldDoor: { organisatie: 'Veilig Thuis Gelderland-Zuid', persoon: null } });
      const replay = await send({ type: 'mda-aanmelding', casusId: caseId, reden: 'Acuut onveilig, herhaald geweld' }, 'i18-m2');
      expect(replay.json().id).toBe(sent.json().id);
      // A new key for the same case: the machine refuses, the receipt says so.
      const second = await send({ type: 'mda-aanmelding', casusId: caseId, reden: 'Nogmaals' }, 'i18-m3');
      problem(second, 409, 'casus.al-opgeschaald');
      expect(second.headers.location).toMatch(/^\/v1\/berichten\//);
      problem(await send({ type: 'mda-aanmelding', casusId: caseId }, 'i18-m4'), 400, 'verzoek.ongeldig');
    });
  });

  it('a referral by a victim-side partner, and who sat at the table, are named to nobody on the perpetrator side', async () => {
    const caseId = await newCase();
    const shelterEntry = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
      body: { soort: 'professional', id: 'opv-3', organisatie: 'Blijf Groep Opvang', rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde: 'slachtoffer' },
    });
    expect(shelterEntry.statusCode, shelterEntry.body).toBe(201);
    const shelter = clientFor(t, { sub: 'opv-3', rol: 'ketenpartner', organisatie: 'Blijf Groep Opvang', gemeenten: [] });
    expect((await shelter.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, await versionOf(caseId), { reden: 'Acuut gevaar' })).statusCode).toBe(201);
    const meetingId = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-01-15T14:00:00+01:00' } })).json().id as string;
    const itemId = (await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: (await queueItem(caseId)).id } })).json().id as string;
    // A decision in the meeting is taken at the table: not before the sitting starts (review of issue 18, M1).
    problem(await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'x', deelnemers: ['x'] } }), 409, 'expertoverleg.niet-gestart');
    expect((await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/start`)).statusCode).toBe(200);
    const decided = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, {
      body: { besluit: 'mda-traject', motivering: 'Meerdere leefdomeinen', deelnemers: ['Blijf Groep Opvang', 'Politie Oost-Nederland'] },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    // The item the decision names stays on the agenda (review of issue 18, M2).
    problem(await coordinator.request('DELETE', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}`), 409, 'expertoverleg.besluit-op-agendapunt');
    const offender = clientFor(t, { sub: 'rec-1', organisatie: 'Reclassering' });
    for (const path of [`/v1/casussen/${caseId}`, `/v1/casussen/${caseId}/tijdlijn`]) {
      const answer = await offender.get(path);
      expect(answer.statusCode, answer.body).toBe(200);
      for (const name of ['opv-3', 'Blijf Groep Opvang']) expect(answer.body, `${name} in ${path}`).not.toContain(name);
    }
    // The regisseur reads who referred and who sat at the table.
    const own = (await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).body;
    for (const name of ['opv-3', 'Blijf Groep Opvang']) expect(own).toContain(name);
  });

  describe('triage: on the agenda before the decision, decided in the meeting (point 2)', () => {
    let meetingId: string;

    beforeAll(async () => {
      // Today's meeting, started: outcomes are recorded at the table (point 3).
      meetingId = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-01-15T14:00:00+01:00' } })).json().id;
      expect((await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/start`)).statusCode).toBe(200);
    });

    it('an open referral goes on the agenda; its outcome waits for the decision; the decision is taken on the item with the participants', async () => {
      const caseId = await newCase();
      expect((await police.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, await versionOf(caseId), { reden: 'Complex' })).statusCode).toBe(201);
      const escalationId = (await queueItem(caseId)).id as string;
      const added = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } });
      expect(added.statusCode, added.body).toBe(201);
      const itemId = added.json().id as string;
      problem(
        await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/uitkomst`, { body: meetingOutcome({ deelnemers: ['Politie'], besluiten: ['x'] }) }),
        409,
        'expertoverleg.besluit-nog-niet-genomen',
      );
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'x' } }), 400, 'verzoek.ongeldig');
      problem(
        await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, { body: { besluit: 'terug-naar-lokaal-team', motivering: 'x', deelnemers: ['Politie'] } }),
        400,
        'verzoek.ongeldig',
      );
      const participants = ['Politie Oost-Nederland', 'Veilig Thuis', 'Sociaal Wijkteam Nijmegen', 'Gemeente Nijmegen (mandaat)'];
      const decided = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, {
        body: { besluit: 'mda-traject', motivering: 'Meerdere leefdomeinen, herhaald geweld', deelnemers: participants },
        headers: { 'x-request-id': 'i18-besluit-overleg' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json().agenda.map((i: { id: string }) => i.id)).toContain(itemId);
      expect(await logOf('i18-besluit-overleg')).toMatchObject([{ case_id: caseId, result: 'toegestaan', status: 200, actor_sub: 'mda-001' }]);
      const escalation = (await coordinator.get(`/v1/opschalingen/${escalationId}`)).json();
      expect(escalation).toMatchObject({
        status: 'mda-traject',
        besluit: { besluit: 'mda-traject', door: 'mda-001', expertoverleg: { id: meetingId, agendapuntId: itemId, deelnemers: participants } },
        casus: { mda: 'mda-traject' },
      });
      // The regisseur hears of the decision as of any decision.
      expect((await mw.get('/v1/werkvoorraad')).json().items.some((i: { soort: string; casusId: string }) => i.soort === 'opschaling-besloten' && i.casusId === caseId)).toBe(true);
      problem(
        await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'nog eens', deelnemers: ['x'] } }),
        409,
        'opschaling.al-besloten',
      );
      // Decided: the outcome with agreements can now be recorded.
      const outcome = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/uitkomst`, { body: meetingOutcome({ deelnemers: participants, besluiten: ['Traject start'] }) });
      expect(outcome.statusCode, outcome.body).toBe(200);
    });

    it('handed back in the meeting: advice required, and the case cannot go on an agenda again (expertoverleg.opschaling-terug-bij-lokaal-team)', async () => {
      const caseId = await newCase();
      expect((await mw.write('POST', `/v1/casussen/${caseId}/opschalingen`, await versionOf(caseId), { reden: 'Zorgen' })).statusCode).toBe(201);
      const escalationId = (await coordinator.get('/v1/opschalingen?reden=handmatig')).json().opschalingen.find((o: { casusId: string }) => o.casusId === caseId).id as string;
      const itemId = (await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } })).json().id as string;
      const back = await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/besluit`, {
        body: { besluit: 'terug-naar-lokaal-team', motivering: 'Lokaal op te lossen', advies: 'Inzet schuldhulp', deelnemers: ['Veilig Thuis'] },
      });
      expect(back.statusCode, back.body).toBe(200);
      expect((await coordinator.get(`/v1/opschalingen/${escalationId}`)).json()).toMatchObject({ status: 'terug-naar-lokaal-team', besluit: { expertoverleg: { deelnemers: ['Veilig Thuis'] } }, casus: null });
      const other = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-04-10T14:00:00+02:00' } })).json().id as string;
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${other}/agendapunten`, { body: { opschalingId: escalationId } }), 409, 'expertoverleg.opschaling-terug-bij-lokaal-team');
      problem(
        await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/${itemId}/uitkomst`, { body: meetingOutcome({ deelnemers: ['x'], besluiten: ['y'] }) }),
        409,
        'expertoverleg.opschaling-terug-bij-lokaal-team',
      );
    });

    it('a decision on an item of another meeting, or of a closed meeting, is refused', async () => {
      problem(
        await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten/00000000-0000-4000-8000-000000000000/besluit`, { body: { besluit: 'mda-traject', motivering: 'x', deelnemers: ['x'] } }),
        404,
        'expertoverleg.agendapunt-niet-gevonden',
      );
      const caseId = await newCase();
      expect((await police.write('POST', `/v1/casussen/${caseId}/mda-aanmeldingen`, await versionOf(caseId), { reden: 'Complex' })).statusCode).toBe(201);
      const escalationId = (await queueItem(caseId)).id as string;
      const closing = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-03-20T14:00:00+01:00' } })).json().id as string;
      const itemId = (await coordinator.request('POST', `/v1/expertoverleggen/${closing}/agendapunten`, { body: { opschalingId: escalationId } })).json().id as string;
      expect((await coordinator.request('POST', `/v1/expertoverleggen/${closing}/sluiting`, { body: { notulen: 'Niet besproken' } })).statusCode).toBe(200);
      problem(await coordinator.request('POST', `/v1/expertoverleggen/${closing}/agendapunten/${itemId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'x', deelnemers: ['x'] } }), 409, 'expertoverleg.gesloten');
      problem(await mw.request('POST', `/v1/expertoverleggen/${closing}/agendapunten/${itemId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'x', deelnemers: ['x'] } }), 403, 'auth.rol-niet-toegestaan');
      expect((await coordinator.get(`/v1/opschalingen/${escalationId}`)).json().status).toBe('open');
    });
  });
});
