/**
 * Issue 18 point 4 over HTTP: long-term case management. A case in the MDA++
 * track is reviewed on the policy's rhythm: a durable timer puts the review in
 * the coordinator's queue when due; the outcome is going on (with the next
 * review date) or de-escalation with its reason, the only way the track ends.
 */
import { addCalendarMonths } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

describe('reviews of the MDA++ track', () => {
  let t: TestApp;
  let mw: Client;
  let coordinator: Client;
  let caseId: string;
  let escalationId: string;
  const decidedAt = new Date('2026-02-02T09:00:00.000Z');
  const firstDue = addCalendarMonths(decidedAt, 3);

  const problem = (response: { statusCode: number; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect((response.json() as { code: string }).code).toBe(code);
  };
  const version = async () => Number(JSON.parse((await mw.get(`/v1/casussen/${caseId}`)).headers.etag as string));
  const reviewTimers = async () =>
    (await t.database.handle.pool.query<{ due_at: Date; window_number: number; fired_at: Date | null }>(
      "SELECT due_at, window_number, fired_at FROM timers WHERE case_id = $1 AND kind = 'mda-evaluatie' AND cancelled_at IS NULL ORDER BY due_at",
      [caseId],
    )).rows;
  const openReviews = async () => (await coordinator.get('/v1/mda-evaluaties')).json().evaluaties as { id: string; casusId: string; nummer: number; vervaldatum: string; status: string }[];
  const fireAt = async (at: Date) => {
    t.clock.set(at);
    await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-02-01T09:00:00.000Z'));
    mw = clientFor(t);
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    caseId = (await mw.request('POST', '/v1/casussen', { body: household })).json().id;
    await mw.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, plan([{ eigenaar: { soort: 'professional', id: 'pol-1', organisatie: 'Politie Oost-Nederland' } }]));
    await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 2, toplist(3));
    escalationId = (await mw.write('POST', `/v1/casussen/${caseId}/opschalingen`, 3, { reden: 'Vastgelopen' })).json().laatsteOpschaling.id;
    t.clock.set(decidedAt);
    const decided = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Complex' } });
    expect(decided.statusCode, decided.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('the decision plans the first review 3 months on (the default policy); nothing is in the queue before it is due', async () => {
    expect(await reviewTimers()).toMatchObject([{ due_at: firstDue, window_number: 1, fired_at: null }]);
    // A later command on the case keeps the one review timer (the timers derived from the case are kept in line, not added again).
    expect((await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, await version(), toplist(4))).statusCode).toBe(201);
    expect(await reviewTimers()).toMatchObject([{ due_at: firstDue, window_number: 1, fired_at: null }]);
    await fireAt(new Date(firstDue.getTime() - 60_000));
    expect(await openReviews()).toEqual([]);
  });

  it('when due, the review reaches the queue once, logged per case; other roles and unknown parameters are refused', async () => {
    await fireAt(new Date(firstDue.getTime() + 60_000));
    await fireDueTimers({ db: t.database.handle.db, clock: t.clock });
    const reviews = await openReviews();
    expect(reviews).toEqual([
      { id: expect.any(String), casusId: caseId, opschalingId: escalationId, gemeente: 'Nijmegen', nummer: 1, vervaldatum: firstDue.toISOString(), status: 'open', uitkomst: null },
    ]);
    const read = await coordinator.request('GET', `/v1/mda-evaluaties/${reviews[0]?.id}`, { headers: { 'x-request-id': 'i18-evaluatie-lezen' } });
    expect(read.statusCode).toBe(200);
    const log = (await t.database.handle.pool.query('SELECT case_id, result FROM access_log WHERE request_id = $1', ['i18-evaluatie-lezen'])).rows;
    expect(log).toEqual([{ case_id: caseId, result: 'toegestaan' }]);
    problem(await mw.get('/v1/mda-evaluaties'), 403, 'auth.rol-niet-toegestaan');
    problem(await coordinator.get('/v1/mda-evaluaties?wat=dan'), 400, 'verzoek.onbekende-parameter');
    problem(await coordinator.get('/v1/mda-evaluaties/00000000-0000-4000-8000-000000000000'), 404, 'mda-evaluatie.niet-gevonden');
    // The case's timeline says so.
    const timeline = (await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json();
    expect(JSON.stringify(timeline)).toContain('Evaluatie 1 van het MDA++-traject');
  });

  it('continue: the next review date must be in the future; the track goes on and the next review is planned', async () => {
    const [review] = await openReviews();
    const url = `/v1/mda-evaluaties/${review?.id}/uitkomst`;
    problem(await coordinator.request('POST', url, { body: { uitkomst: 'voortzetten', volgendeEvaluatie: '2026-01-01T00:00:00Z', toelichting: 'Loopt' } }), 422, 'casus.mda-volgende-evaluatie-in-verleden');
    problem(await coordinator.request('POST', url, { body: { uitkomst: 'voortzetten', toelichting: 'Loopt' } }), 400, 'verzoek.ongeldig');
    problem(await coordinator.request('POST', url, { body: { uitkomst: 'afwachten', reden: 'x' } }), 400, 'verzoek.ongeldig');
    const next = '2026-07-01T09:00:00.000Z';
    const recorded = await coordinator.request('POST', url, { body: { uitkomst: 'voortzetten', volgendeEvaluatie: next, toelichting: 'Veiligheid verbetert, huisvesting nog niet' } });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'voortgezet', uitkomst: { door: 'mda-001', toelichting: 'Veiligheid verbetert, huisvesting nog niet', volgendeEvaluatie: next } });
    expect(await openReviews()).toEqual([]);
    expect((await coordinator.get('/v1/mda-evaluaties?status=voortgezet')).json().evaluaties).toHaveLength(1);
    expect((await reviewTimers()).filter((timer) => timer.fired_at === null)).toMatchObject([{ due_at: new Date(next), window_number: 2 }]);
    // Recorded once: the review no longer waits.
    problem(
      await coordinator.request('POST', url, { body: { uitkomst: 'voortzetten', volgendeEvaluatie: next, toelichting: 'Nog eens' }, headers: { 'x-request-id': 'i18-evaluatie-twee' } }),
      409,
      'casus.mda-evaluatie-niet-open',
    );
    // The refusal is in the case's access log (review of issue 18, M4).
    expect((await t.database.handle.pool.query('SELECT case_id, result FROM access_log WHERE request_id = $1', ['i18-evaluatie-twee'])).rows).toEqual([{ case_id: caseId, result: 'geweigerd' }]);
    expect((await mw.get(`/v1/casussen/${caseId}`)).json().mda).toBe('mda-traject');
  });

  it('the track ends only by de-escalation with its reason, under the threshold rule; the review is settled as afgeschaald', async () => {
    await fireAt(new Date('2026-07-01T09:01:00.000Z'));
    const [review] = await openReviews();
    expect(review).toMatchObject({ nummer: 2, status: 'open' });
    const url = `/v1/mda-evaluaties/${review?.id}/uitkomst`;
    problem(await coordinator.request('POST', url, { body: { uitkomst: 'afschalen', reden: 'Stabiel' } }), 409, 'casus.veiligheid-onder-drempel');
    expect((await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, await version(), toplist(7))).statusCode).toBe(201);
    const ended = await coordinator.request('POST', url, { body: { uitkomst: 'afschalen', reden: 'Veiligheid stabiel op 7; lokaal team neemt over' } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'afgeschaald', uitkomst: { toelichting: 'Veiligheid stabiel op 7; lokaal team neemt over', volgendeEvaluatie: null } });
    expect((await mw.get(`/v1/casussen/${caseId}`)).json().mda).toBe('geen');
    expect((await coordinator.get(`/v1/opschalingen/${escalationId}`)).json().status).toBe('afgeschaald');
    expect((await reviewTimers()).filter((timer) => timer.fired_at === null)).toEqual([]);
    problem(await coordinator.request('POST', url, { body: { uitkomst: 'afschalen', reden: 'Nog eens' } }), 409, 'casus.niet-in-mda-traject');
  });

  it('the policy sets the rhythm (mdaEvaluatieMaanden)', async () => {
    const region = clientFor(t, { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    const adopted = await region.request('POST', '/v1/beleid', { body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, mdaEvaluatieMaanden: 1, reden: 'Maandelijkse evaluatie' } });
    expect(adopted.statusCode, adopted.body).toBe(201);
    expect(adopted.json()).toMatchObject({ mdaEvaluatieMaanden: 1 });
    problem(await region.request('POST', '/v1/beleid', { body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, mdaEvaluatieMaanden: 0, reden: 'x' } }), 400, 'verzoek.ongeldig');
    const other = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const escalation = (await mw.write('POST', `/v1/casussen/${other}/opschalingen`, 1, { reden: 'Zorgen' })).json().laatsteOpschaling.id as string;
    expect((await coordinator.request('POST', `/v1/opschalingen/${escalation}/besluit`, { body: { besluit: 'mda-traject', motivering: 'x' } })).statusCode).toBe(200);
    const timers = (await t.database.handle.pool.query<{ due_at: Date }>("SELECT due_at FROM timers WHERE case_id = $1 AND kind = 'mda-evaluatie' AND fired_at IS NULL AND cancelled_at IS NULL", [other])).rows;
    expect(timers).toEqual([{ due_at: addCalendarMonths(t.clock.now(), 1) }]);
  });
});
