import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../services/api/src/retention/retention.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household } from '../helpers/client.js';
import { walkToClosure } from '../helpers/walk.js';

describe('retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('removes a case 15 years after closure with everything that refers to it; a dry run only lists it', async () => {
    const mw = clientFor(t);
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const open = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    await walkToClosure(t, mw, id, 1);
    // A signal about the case (finding 6, migration 0018) goes with it.
    await t.database.handle.pool.query(
      `INSERT INTO signals (id, kind, case_id, case_version, municipality, addressee_role, actor_sub, actor_organisation, actor_role, created_at, due_at)
       VALUES (gen_random_uuid(), 'aanmaakpoging', $1, 1, 'Nijmegen', 'regisseur', 'mw-900', 'Wijkteam', 'lokaal-team', now(), now())`,
      [id],
    );

    // As the service runs it: its role may not delete events, so retention goes through retention_delete_case.
    const deps = { db: t.database.service.handle.db, clock: t.clock, retentionYears: 15 };
    t.clock.advance(14 * 365 * 86_400_000);
    expect(await runRetention(deps, { dryRun: true })).toEqual([]);
    t.clock.advance(2 * 365 * 86_400_000);
    expect((await runRetention(deps, { dryRun: true })).map((c) => c.id)).toEqual([id]);
    expect((await mw.get(`/v1/casussen/${id}`)).statusCode).toBe(200);

    expect((await runRetention(deps, { dryRun: false })).map((c) => c.id)).toEqual([id]);
    const count = async (sql: string) => Number((await t.database.handle.pool.query<{ n: string }>(sql, [id])).rows[0]?.n);
    expect(await count('SELECT count(*) AS n FROM cases WHERE id = $1')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM case_events WHERE case_id = $1')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM timers WHERE case_id = $1')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM signals WHERE case_id = $1')).toBe(0);
    // The access log keeps its rows (evidence); they point at an identifier that no longer exists.
    expect(await count('SELECT count(*) AS n FROM access_log WHERE case_id = $1')).toBeGreaterThan(0);
    // The open case is untouched, and the event log is still append-only outside retention.
    expect((await mw.get(`/v1/casussen/${open}`)).statusCode).toBe(200);
    await expect(t.database.service.handle.pool.query('DELETE FROM case_events WHERE case_id = $1', [open])).rejects.toThrow(/permission denied/);
    await expect(t.database.handle.pool.query('DELETE FROM case_events WHERE case_id = $1', [open])).rejects.toThrow(/append-only/);
  });
});
