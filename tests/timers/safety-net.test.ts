/**
 * Issue 16, points 1-4 over HTTP, with the test clock and the real timer
 * worker: a 6 counts while it stands; an escalation by hand does not use up
 * the automatic one; a hand-back opens a new window; the rule's scope is policy.
 */
import { addCalendarMonths, addDays } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

describe('the safety net: the rule as professionals rely on it', () => {
  let t: TestApp;
  let mw: Client;
  let other: Client;
  let coordinator: Client;
  let regionAdmin: Client;
  const fire = () => fireDueTimers({ db: t.database.handle.db, clock: t.clock });

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    other = clientFor(t, { sub: 'mw-777', organisatie: 'Wijkteam Nijmegen' });
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    regionAdmin = clientFor(t, { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
  });
  afterAll(async () => t.close());

  async function openCase(at: Date, body: Record<string, unknown> = {}) {
    t.clock.set(at);
    const created = await mw.request('POST', '/v1/casussen', { body: { ...household, ...body } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string; veiligheidsdeadline: string; versie: number }>();
  }
  const read = async (id: string) => (await mw.get(`/v1/casussen/${id}`)).json();
  const types = async (id: string) => ((await mw.get(`/v1/casussen/${id}/tijdlijn`)).json().gebeurtenissen as { type: string }[]).map((e) => e.type);
  const score = async (id: string, at: Date, value: number) => {
    t.clock.set(at);
    const version = (await read(id)).versie as number;
    const response = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, version, toplist(value));
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const listed = async (id: string) => {
    const list = (await mw.get('/v1/casussen?paginaGrootte=100')).json().casussen as { id: string }[];
    return list.find((c) => c.id === id) as Record<string, unknown>;
  };

  it('a 6 then a 2 before the deadline: the deadline stands again, the reminder comes, the case escalates', async () => {
    const created = await openCase(new Date('2026-01-15T09:00:00Z'));
    const deadline = new Date(created.veiligheidsdeadline);
    const six = await score(created.id, new Date('2026-02-15T09:00:00Z'), 6);
    expect(six).toMatchObject({ drempelBereikt: true, venster: { drempelBereiktOp: '2026-02-15T09:00:00.000Z' } });
    const two = await score(created.id, new Date('2026-03-01T09:00:00Z'), 2);
    expect(two).toMatchObject({ drempelBereikt: false, laatsteVeiligheidsscore: 2, veiligheidsdeadline: created.veiligheidsdeadline, venster: { nummer: 1, drempelBereiktOp: null } });
    expect(two.drempelToelichting).toContain('ligt onder de drempel');
    // The list says why: score 2 under the threshold, window from the start, deadline.
    const item = await listed(created.id);
    expect(item).toMatchObject({ laatsteVeiligheidsscore: 2, drempelBereikt: false, drempelBereiktOp: null, laatsteScoreOp: '2026-03-01T09:00:00.000Z', venster: { reden: 'start', regelVanToepassing: true } });
    expect(item.drempelToelichting).toContain('2026-01-15');
    t.clock.set(addDays(deadline, -13));
    await fire();
    expect(await types(created.id)).toContain('veiligheidsdeadline.herinnerd');
    t.clock.set(deadline);
    await fire();
    expect(await read(created.id)).toMatchObject({ opgeschaald: true, laatsteOpschaling: { reden: 'deadline', redenen: ['deadline'] } });
  });

  it('a 7 falls back after the deadline it met: no escalation, a new window from that score', async () => {
    const created = await openCase(new Date('2026-01-20T09:00:00Z'));
    const deadline = new Date(created.veiligheidsdeadline);
    await score(created.id, new Date('2026-02-01T09:00:00Z'), 7);
    t.clock.set(addDays(deadline, 1));
    await fire();
    expect(await types(created.id)).not.toContain('casus.opgeschaald');
    const fallAt = addDays(deadline, 30);
    const fell = await score(created.id, fallAt, 3);
    const newDeadline = addCalendarMonths(fallAt, 3).toISOString();
    expect(fell).toMatchObject({ drempelBereikt: false, veiligheidsdeadline: newDeadline, venster: { nummer: 2, reden: 'terugval', start: fallAt.toISOString() } });
    // The list explains a 7 that no longer stands... and a 3 under the threshold.
    expect((await listed(created.id)).venster).toMatchObject({ reden: 'terugval' });
    t.clock.set(new Date(newDeadline));
    await fire();
    const after = await read(created.id);
    expect(after).toMatchObject({ opgeschaald: true, laatsteOpschaling: { reden: 'deadline' } });
  });

  it('the deadline passes while an escalation by hand waits: one escalation, both reasons, in the coordinator queue', async () => {
    const created = await openCase(new Date('2026-01-25T09:00:00Z'));
    t.clock.set(new Date('2026-02-10T09:00:00Z'));
    const byHand = await mw.write('POST', `/v1/casussen/${created.id}/opschalingen`, created.versie, { reden: 'Zorgen over de kinderen' });
    expect(byHand.statusCode, byHand.body).toBe(201);
    const escalationId = byHand.json().laatsteOpschaling.id as string;
    t.clock.set(new Date(created.veiligheidsdeadline));
    await fire();
    await fire();
    const after = await read(created.id);
    expect(after.laatsteOpschaling).toMatchObject({ id: escalationId, reden: 'handmatig', redenen: ['handmatig', 'deadline'] });
    const escalation = (await coordinator.get(`/v1/opschalingen/${escalationId}`)).json();
    expect(escalation).toMatchObject({ reden: 'handmatig', redenen: ['handmatig', 'deadline'], status: 'open' });
    // One escalation in the queue for the case, found by either reason.
    const byDeadline = (await coordinator.get('/v1/opschalingen?reden=deadline&paginaGrootte=100')).json().opschalingen as { casusId: string }[];
    expect(byDeadline.filter((e) => e.casusId === created.id)).toHaveLength(1);
    const byHandList = (await coordinator.get('/v1/opschalingen?reden=handmatig&paginaGrootte=100')).json().opschalingen as { casusId: string }[];
    expect(byHandList.filter((e) => e.casusId === created.id)).toHaveLength(1);

    // The coordinator hands it back with advice: a new window; the expired one never escalates again.
    t.clock.set(addDays(new Date(created.veiligheidsdeadline), 2));
    const decided = await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'terug-naar-lokaal-team', motivering: 'Lokaal', advies: 'Huisbezoek samen met de wijkagent' } });
    expect(decided.statusCode, decided.body).toBe(200);
    const back = await read(created.id);
    const backAt = t.clock.now();
    expect(back).toMatchObject({ mda: 'geen', venster: { nummer: 2, reden: 'terugverwezen', start: backAt.toISOString(), drempelBereiktOp: null } });
    await fire();
    expect((await types(created.id)).filter((type) => type === 'casus.opgeschaald')).toHaveLength(2);
    // The new window's own deadline does escalate.
    t.clock.set(addCalendarMonths(backAt, 3));
    await fire();
    expect((await read(created.id)).laatsteOpschaling).toMatchObject({ reden: 'deadline', redenen: ['deadline'] });
  });

  it('a hand-back while no escalation waits is refused; a second escalation by hand is refused', async () => {
    const created = await openCase(new Date('2026-03-01T09:00:00Z'));
    const first = await mw.write('POST', `/v1/casussen/${created.id}/opschalingen`, created.versie, { reden: 'Zorgen' });
    expect(first.statusCode).toBe(201);
    const second = await mw.write('POST', `/v1/casussen/${created.id}/opschalingen`, created.versie + 1, { reden: 'Nog eens' });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'casus.al-opgeschaald', guard: 'eenOpschalingTegelijk' });
  });

  describe('scope as policy', () => {
    it('a region narrows the rule: an unmarked case has no deadline timer; a marked one has; the mark counts from the next window', async () => {
      t.clock.set(new Date('2026-06-01T09:00:00Z'));
      const adopted = await regionAdmin.request('POST', '/v1/beleid', {
        body: { drempel: 6, vensterMaanden: 3, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14, reikwijdte: 'coordinatie-op-veiligheid', reden: 'Alleen casussen met coördinatie op veiligheid' },
      });
      expect(adopted.statusCode, adopted.body).toBe(201);
      expect(adopted.json()).toMatchObject({ reikwijdte: 'coordinatie-op-veiligheid' });

      const unmarked = await openCase(new Date('2026-06-02T09:00:00Z'));
      expect(await read(unmarked.id)).toMatchObject({ coordinatieOpVeiligheid: false, venster: { regelVanToepassing: false } });
      expect((await read(unmarked.id)).drempelToelichting).toContain('geldt niet');
      const marked = await openCase(new Date('2026-06-02T09:00:00Z'), { coordinatieOpVeiligheid: true });
      expect(await read(marked.id)).toMatchObject({ coordinatieOpVeiligheid: true, venster: { regelVanToepassing: true } });

      t.clock.set(addDays(new Date(unmarked.veiligheidsdeadline), 1));
      await fire();
      expect(await types(unmarked.id)).not.toContain('casus.opgeschaald');
      expect(await types(unmarked.id)).not.toContain('veiligheidsdeadline.herinnerd');
      expect(await types(marked.id)).toContain('casus.opgeschaald');

      // Only the regisseur sets the mark; unchanged is refused; the change is logged and in the timeline.
      const version = (await read(unmarked.id)).versie as number;
      const byOther = await other.write('PUT', `/v1/casussen/${unmarked.id}/coordinatie-op-veiligheid`, version, { coordinatieOpVeiligheid: true });
      expect([403, 404]).toContain(byOther.statusCode);
      const set = await mw.write('PUT', `/v1/casussen/${unmarked.id}/coordinatie-op-veiligheid`, version, { coordinatieOpVeiligheid: true, toelichting: 'Procesregie op veiligheid' });
      expect(set.statusCode, set.body).toBe(200);
      // From the next window: the running one stays outside the rule.
      expect(set.json()).toMatchObject({ coordinatieOpVeiligheid: true, venster: { nummer: 1, regelVanToepassing: false } });
      const again = await mw.write('PUT', `/v1/casussen/${unmarked.id}/coordinatie-op-veiligheid`, version + 1, { coordinatieOpVeiligheid: true });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'casus.markering-ongewijzigd', guard: 'markeringGewijzigd' });
      expect(await types(unmarked.id)).toContain('casus.coordinatie-op-veiligheid-gewijzigd');
      const bad = await mw.write('PUT', `/v1/casussen/${unmarked.id}/coordinatie-op-veiligheid`, version + 1, { coordinatieOpVeiligheid: 'ja' });
      expect(bad.statusCode).toBe(400);
    });
  });
});
