/**
 * A case with a long history (issue 15: a command's cost does not grow with
 * it). The snapshot keeps what the rules need; the series are read from the
 * event log: the score series and the plan's versions paged, the case's
 * incidents and an escalation's scores bounded to the latest 100, the inzage
 * whole. A case stored by machine version 2, with its long lists, reads the same.
 */
import { listCaseEvents } from '@veilig-samen/db';
import { planVersionsOf, scoreOf, incidentOf, MACHINE_VERSION, type StoredCaseEvent } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseFromEvents } from '../../services/api/src/cases/use-cases.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, releasedInzage, type Client } from '../helpers/client.js';

const SCORES = 130;
const INCIDENTS = 103;

describe('a case with a long history', () => {
  let t: TestApp;
  let mw: Client;
  let coordinator: Client;
  let id: string;
  let version = 1;
  let anna: string;
  let escalationId: string;
  /** Every score posted, in order. */
  const posted: number[] = [];

  const write = async (method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown) => {
    const response = await mw.write(method, `/v1/casussen/${id}${path}`, version, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    version += 1;
    return response.json();
  };
  const stateSize = async () => Number((await t.database.handle.pool.query('SELECT octet_length(state::text) AS size FROM cases WHERE id = $1', [id])).rows[0].size);

  let sizeAfterFirstScore: number;

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    const created = (await mw.request('POST', '/v1/casussen', { body: household })).json();
    id = created.id;
    anna = created.leden[0].id;
    // Plan version 1 with two agreements; one done while it is current.
    const v1 = await write('PUT', '/veiligheidsplan', plan([{ eigenaar: { soort: 'lid', lidId: anna } }, {}]));
    await write('PATCH', `/veiligheidsplan/afspraken/${v1.afspraken[0].id}`, { status: 'gedaan' });
    // Version 2 carries the first agreement on (open again) and adds one; version 3 drops one.
    const v2 = await write('PUT', '/veiligheidsplan', plan([{ id: v1.afspraken[0].id, eigenaar: { soort: 'lid', lidId: anna } }, {}, {}]));
    await write('PATCH', `/veiligheidsplan/afspraken/${v2.afspraken[2].id}`, { status: 'vervallen' });
    await write('PUT', '/veiligheidsplan', plan([{ id: v2.afspraken[0].id, eigenaar: { soort: 'lid', lidId: anna } }, { id: v2.afspraken[1].id }]));
    for (let i = 0; i < SCORES; i += 1) {
      const score = i % 6; // below the threshold: the case stays in directe-veiligheid, so incidents keep its window
      await write('POST', '/veiligheidsscores', { score, acties: [`actie ${i}`, 'b', 'c'], perspectieven: [{ van: { soort: 'lid', lidId: anna }, score: (i + 1) % 11 }] });
      posted.push(score);
      if (i === 0) sizeAfterFirstScore = await stateSize();
    }
    for (let i = 1; i <= INCIDENTS; i += 1) {
      await write('POST', '/incidenten', { tijdstip: t.clock.now().toISOString(), soort: 'psychisch', omschrijving: `incident ${i}` });
    }
    escalationId = (await write('POST', '/opschalingen', { reden: 'Geweld houdt aan' })).laatsteOpschaling.id;
  }, 120_000);
  afterAll(async () => t.close());

  const events = async (): Promise<StoredCaseEvent[]> => (await listCaseEvents(t.database.handle.db, id)).map((e) => e.payload);

  it('stores a snapshot that does not grow with the scores', async () => {
    // 129 scores and 103 incidents later, the snapshot holds the latest of each: its size is that of one
    // more incident, a few bytes of different text, and the escalation; never a list.
    expect(await stateSize()).toBeLessThan(sizeAfterFirstScore + 1_500);
    const { state } = (await t.database.handle.pool.query('SELECT state FROM cases WHERE id = $1', [id])).rows[0];
    expect(state.machineVersion).toBe(MACHINE_VERSION);
    expect(state.context.laatsteScore.score).toBe(posted.at(-1));
    expect(state.context.huidigPlan.versie).toBe(3);
    expect(state.context.vensters).toHaveLength(1);
    expect((await verifyCaseFromEvents(t.database.handle.db, id)).matches).toBe(true);
  });

  it('pages the score series, oldest first, with Link and X-Total-Count', async () => {
    const first = await mw.get(`/v1/casussen/${id}/veiligheidsscores`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['x-total-count']).toBe(String(SCORES));
    expect(first.headers.link).toContain('rel="next"');
    expect(first.json().scores).toHaveLength(100);
    const second = await mw.get(`/v1/casussen/${id}/veiligheidsscores?pagina=2`);
    expect(second.json().scores).toHaveLength(SCORES - 100);
    expect(second.headers.link).not.toContain('rel="next"');
    const all = [...first.json().scores, ...second.json().scores];
    expect(all.map((s: { score: number }) => s.score)).toEqual(posted);
    // Each entry as the event recorded it, in the order of the log.
    // Scorings with text-only actions (all of these) name no agreements and record no previous actions (issue 17).
    const fromLog = (await events()).flatMap((e) => (e.type === 'veiligheidsscore.vastgelegd' ? [{ actieAfspraken: [], vorigeActies: null, bron: 'regisseur', ...scoreOf(e) }] : []));
    expect(all).toEqual(fromLog);
    expect(first.json()).toMatchObject({ drempel: 6, veiligheidsdeadline: expect.any(String) });
    const small = await mw.get(`/v1/casussen/${id}/veiligheidsscores?paginaGrootte=7&pagina=3`);
    expect(small.json().scores.map((s: { score: number }) => s.score)).toEqual(posted.slice(14, 21));
    expect((await mw.get(`/v1/casussen/${id}/veiligheidsscores?paginaGrootte=101`)).statusCode).toBe(400);
  });

  it('lists the plan versions from the log, and shows each with its statuses as they stood when the next was adopted', async () => {
    const list = await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers['x-total-count']).toBe('3');
    expect(list.json().versies.map((v: { versie: number; aantalAfspraken: number }) => [v.versie, v.aantalAfspraken])).toEqual([[1, 2], [2, 3], [3, 2]]);
    const paged = await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies?paginaGrootte=2&pagina=2`);
    expect(paged.json().versies.map((v: { versie: number }) => v.versie)).toEqual([3]);

    const versions = planVersionsOf(await events());
    const statuses = async (versie: number) => (await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies/${versie}`)).json().afspraken.map((a: { status: string }) => a.status);
    expect(await statuses(1)).toEqual(['gedaan', 'open']);
    expect(await statuses(2)).toEqual(['open', 'open', 'vervallen']);
    expect(await statuses(3)).toEqual(['open', 'open']);
    expect(versions.map((v) => v.afspraken.map((a) => a.status))).toEqual([['gedaan', 'open'], ['open', 'open', 'vervallen'], ['open', 'open']]);
    // The current version is the one the plan itself shows.
    const current = await mw.get(`/v1/casussen/${id}/veiligheidsplan`);
    expect((await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies/3`)).json()).toEqual(current.json());
    const missing = await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies/4`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('casus.planversie-niet-gevonden');
  });

  it('shows the latest 100 incidents in the case, oldest first; the timeline has every one', async () => {
    const view = (await mw.get(`/v1/casussen/${id}`)).json();
    expect(view.incidenten).toHaveLength(100);
    expect(view.incidenten.map((i: { omschrijving: string }) => i.omschrijving)).toEqual(Array.from({ length: 100 }, (_, k) => `incident ${INCIDENTS - 99 + k}`));
    const fromLog = (await events()).flatMap((e) => (e.type === 'incident.gemeld' ? [incidentOf(e)] : []));
    expect(view.incidenten).toEqual(fromLog.slice(-100).map(({ datum, ...rest }) => ({ tijdstip: datum, ...rest })));
    const total = (await mw.get(`/v1/casussen/${id}/tijdlijn`)).headers['x-total-count'];
    expect(Number(total)).toBe(version);
  });

  it("gives the member's inzage every score and every agreement of every version", async () => {
    const inzage = (await releasedInzage(mw, id, anna)).json();
    expect(inzage.veiligheidsscores).toHaveLength(SCORES);
    expect(inzage.veiligheidsscores.map((s: { gezamenlijkeScore: number }) => s.gezamenlijkeScore)).toEqual(posted);
    expect(inzage.veiligheidsscores.map((s: { eigenScore: number }) => s.eigenScore)).toEqual(posted.map((_, i) => (i + 1) % 11));
    expect(inzage.afspraken.map((a: { versie: number; status: string }) => [a.versie, a.status])).toEqual([[1, 'gedaan'], [2, 'open'], [3, 'open']]);
  });

  it("shows the coordinator the case's latest 100 scores, in the escalation and in the queue", async () => {
    const detail = await coordinator.get(`/v1/opschalingen/${escalationId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const scores = detail.json().casus.veiligheidsscores as { score: number }[];
    expect(scores.map((s) => s.score)).toEqual(posted.slice(-100));
    const [item] = (await coordinator.get('/v1/opschalingen')).json().opschalingen;
    expect(item.casus.veiligheidsscores).toEqual(detail.json().casus.veiligheidsscores);
  });

  it('reads a case stored by machine version 2, with its long lists, as the current version does', async () => {
    const paths = ['', '/veiligheidsscores?pagina=2', '/veiligheidsplan/versies', '/veiligheidsplan/versies/1', '/veiligheidsplan'];
    const before = await Promise.all(paths.map(async (path) => (await mw.get(`/v1/casussen/${id}${path}`)).json()));
    // The version-2 snapshot of the same events: every list whole.
    const log = await events();
    const { state } = (await t.database.handle.pool.query('SELECT state FROM cases WHERE id = $1', [id])).rows[0];
    const { huidigPlan: _p, laatsteScore: _s, laatsteIncident: _i, laatsteHeropening: _r, laatsteOpschaling, herinnerdVenster: _h, laatsteAfschaling: _a, ...common } = state.context;
    const v2 = {
      machineVersion: 2,
      value: state.value,
      context: {
        ...common,
        veiligheidsplan: planVersionsOf(log),
        scores: log.flatMap((e) => (e.type === 'veiligheidsscore.vastgelegd' ? [scoreOf(e)] : [])),
        incidenten: log.flatMap((e) => (e.type === 'incident.gemeld' ? [incidentOf(e)] : [])),
        heropeningen: [],
        opschalingen: [laatsteOpschaling],
        herinneringen: [],
        afschalingen: [],
      },
    };
    await t.database.handle.pool.query('UPDATE cases SET state = $2 WHERE id = $1', [id, v2]);
    const after = await Promise.all(paths.map(async (path) => (await mw.get(`/v1/casussen/${id}${path}`)).json()));
    expect(after).toEqual(before);
    expect((await verifyCaseFromEvents(t.database.handle.db, id)).matches).toBe(true);
  });
});
