/**
 * A case stored under an older machine version is upgraded on load (issue 9,
 * upgrading): it reads as before, and the next write stores it under the
 * current version, still equal to what its event log rebuilds. A case a newer
 * release stored is refused with 503, not rewritten.
 */
import { readFile } from 'node:fs/promises';
import { MACHINE_VERSION } from '@veilig-samen/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseFromEvents } from '../../services/api/src/cases/use-cases.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

describe('stored snapshots of another machine version', () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  /** Rewrites the stored snapshot (of a case with no plan, score, incident or reopening) as version 1 stored it: no version, no MDA++ region or fields, the lists of version 2. */
  async function storeAsVersionOne(id: string): Promise<void> {
    await t.database.handle.pool.query(
      `UPDATE cases SET state = jsonb_set(
         (state - 'machineVersion') #- '{value,mda}',
         '{context}',
         ((state->'context') - 'huidigPlan' - 'laatsteScore' - 'laatsteIncident' - 'laatsteHeropening' - 'laatsteOpschaling' - 'herinnerdVenster' - 'laatsteAfschaling'
            - 'huisverbod' - 'veiligheidsinschatting' - 'gekoppeldAan')
           || '{"veiligheidsplan": [], "scores": [], "incidenten": [], "heropeningen": []}'::jsonb)
       WHERE id = $1`,
      [id],
    );
  }

  it('upgrades a version-1 case on load, and stores it under the current version on the next write', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const before = (await mw.get(`/v1/casussen/${id}`)).json();
    await storeAsVersionOne(id);
    const stored = (await t.database.handle.pool.query('SELECT state FROM cases WHERE id = $1', [id])).rows[0].state;
    expect(stored.machineVersion).toBeUndefined();
    expect(stored.value.mda).toBeUndefined();

    const read = await mw.get(`/v1/casussen/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(before);
    // The proof that the row is its event log holds for the old row too, compared in the current shape.
    expect((await verifyCaseFromEvents(t.database.handle.db, id)).matches).toBe(true);

    expect((await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(7))).statusCode).toBe(201);
    const rewritten = (await t.database.handle.pool.query('SELECT state FROM cases WHERE id = $1', [id])).rows[0].state;
    expect(rewritten.machineVersion).toBe(MACHINE_VERSION);
    expect(rewritten.value.mda).toBe('geen');
    expect(rewritten.context.laatsteOpschaling).toBeNull();
    expect(rewritten.context.laatsteScore).toMatchObject({ score: 7 });
    expect(rewritten.context).not.toHaveProperty('scores');
    expect((await verifyCaseFromEvents(t.database.handle.db, id)).matches).toBe(true);
  });

  it('migration 0024 counts the run of safe scores of a case stored before machine version 5, as a replay does', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    expect((await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(4))).statusCode).toBe(201);
    expect((await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(7))).statusCode).toBe(201);
    expect((await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 3, toplist(8))).statusCode).toBe(201);
    // As version 4 stored it: no count, no terugmeldingen, no proposal.
    await t.database.handle.pool.query(
      `UPDATE cases SET state = jsonb_set(state, '{machineVersion}', '4'::jsonb) #- '{context,stabieleScores}' #- '{context,terugmeldingen}' #- '{context,analyseVoorstel}' WHERE id = $1`,
      [id],
    );
    const migration = await readFile(new URL('../../migrations/0024_stability_evidence.sql', import.meta.url), 'utf8');
    const update = migration.split('--> statement-breakpoint').find((statement) => statement.includes('UPDATE "cases"'));
    await t.database.handle.pool.query(update ?? 'missing');
    const stored = (await t.database.handle.pool.query('SELECT state FROM cases WHERE id = $1', [id])).rows[0].state;
    // The 4 ended no run; the 7 and the 8 are the run.
    expect(stored.context.stabieleScores).toBe(2);
    expect((await verifyCaseFromEvents(t.database.handle.db, id)).matches).toBe(true);
  });

  it('refuses a case stored by a newer release with 503 and leaves it as it is', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    await t.database.handle.pool.query(`UPDATE cases SET state = jsonb_set(state, '{machineVersion}', to_jsonb($2::int)) WHERE id = $1`, [id, MACHINE_VERSION + 1]);
    const read = await mw.get(`/v1/casussen/${id}`);
    expect(read.statusCode).toBe(503);
    expect(read.headers['content-type']).toBe('application/problem+json');
    expect(read.json()).toMatchObject({ status: 503, code: 'casus.nieuwere-machineversie' });
    const write = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(7));
    expect(write.statusCode).toBe(503);
    const { rows } = await t.database.handle.pool.query('SELECT version, state FROM cases WHERE id = $1', [id]);
    expect(rows[0]).toMatchObject({ version: 1, state: { machineVersion: MACHINE_VERSION + 1 } });
  });
});
