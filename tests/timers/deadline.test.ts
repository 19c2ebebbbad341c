/**
 * The escalation rule end to end: cases over HTTP, the clock moved by the
 * test, the real timer worker firing against the real database.
 */
import { addCalendarMonths, addDays } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

describe('the safety deadline', () => {
  let t: TestApp;
  let mw: Client;
  const fire = () => fireDueTimers({ db: t.database.handle.db, clock: t.clock });

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  async function openCase(at: Date) {
    t.clock.set(at);
    const created = await mw.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: string; veiligheidsdeadline: string }>();
  }
  const read = async (id: string) => (await mw.get(`/v1/casussen/${id}`)).json();
  const types = async (id: string) => ((await mw.get(`/v1/casussen/${id}/tijdlijn`)).json().gebeurtenissen as { type: string }[]).map((e) => e.type);

  it('a 6 on the last day of the window: no escalation when the deadline passes', async () => {
    const start = new Date('2026-01-15T09:00:00Z');
    const created = await openCase(start);
    const deadline = new Date(created.veiligheidsdeadline);
    t.clock.set(new Date(deadline.getTime() - 60_000));
    await mw.write('POST', `/v1/casussen/${created.id}/veiligheidsscores`, 1, toplist(6));
    t.clock.set(addDays(deadline, 1));
    await fire();
    const after = await read(created.id);
    expect(after).toMatchObject({ drempelBereikt: true, opgeschaald: false });
    expect(await types(created.id)).not.toContain('casus.opgeschaald');
  });

  it('a 5, then the deadline: reminded 14 days before, escalated once at the deadline', async () => {
    const created = await openCase(new Date('2026-01-31T10:00:00Z'));
    // 31 January + 3 months = 30 April (month end), 10:00 local... in UTC +2 (summer time).
    expect(created.veiligheidsdeadline).toBe('2026-04-30T09:00:00.000Z');
    await mw.write('POST', `/v1/casussen/${created.id}/veiligheidsscores`, 1, toplist(5));

    t.clock.set(new Date('2026-04-15T12:00:00Z'));
    await fire();
    expect(await types(created.id)).not.toContain('veiligheidsdeadline.herinnerd');
    t.clock.set(new Date('2026-04-16T09:00:00Z'));
    await fire();
    expect(await types(created.id)).toContain('veiligheidsdeadline.herinnerd');

    t.clock.set(new Date('2026-04-30T08:59:59Z'));
    await fire();
    expect((await read(created.id)).opgeschaald).toBe(false);
    t.clock.set(new Date('2026-04-30T09:00:00Z'));
    await fire();
    await fire();
    const after = await read(created.id);
    expect(after.opgeschaald).toBe(true);
    expect((await types(created.id)).filter((type) => type === 'casus.opgeschaald')).toHaveLength(1);
  });

  it('6 reached, then an incident, then no 6 in the new window: escalation on the new deadline', async () => {
    const created = await openCase(new Date('2026-02-01T09:00:00Z'));
    await mw.write('PUT', `/v1/casussen/${created.id}/veiligheidsplan`, 1, plan());
    await mw.write('POST', `/v1/casussen/${created.id}/veiligheidsscores`, 2, toplist(7));
    await mw.write('POST', `/v1/casussen/${created.id}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' });
    t.clock.set(new Date('2026-04-20T09:00:00Z'));
    const incident = await mw.write('POST', `/v1/casussen/${created.id}/incidenten`, 4, { tijdstip: '2026-04-19T20:00:00+02:00', soort: 'fysiek', omschrijving: 'Politiemelding' });
    expect(incident.statusCode).toBe(201);
    const newDeadline = incident.json().veiligheidsdeadline as string;
    expect(newDeadline).toBe(addCalendarMonths(new Date('2026-04-20T09:00:00Z'), 3).toISOString());
    // The first window's deadline (1 May) passes quietly.
    t.clock.set(new Date('2026-05-02T09:00:00Z'));
    await fire();
    expect((await read(created.id)).opgeschaald).toBe(false);
    t.clock.set(new Date(newDeadline));
    await fire();
    expect((await read(created.id)).opgeschaald).toBe(true);
  });

  it('an imported case whose start lies more than 3 months back escalates on the first poll', async () => {
    t.clock.set(new Date('2026-06-10T09:00:00Z'));
    const importer = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis' });
    const imported = await importer.request('POST', '/v1/casussen', {
      body: { ...household, startdatum: '2026-02-01', regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' } },
    });
    expect(imported.statusCode).toBe(201);
    const id = imported.json().id as string;
    expect(await fire()).toBeGreaterThanOrEqual(1);
    expect((await read(id)).opgeschaald).toBe(true);
    // No reminder for a deadline already behind us.
    expect(await types(id)).not.toContain('veiligheidsdeadline.herinnerd');
  });
});
