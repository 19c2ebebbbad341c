/**
 * The access log (NEN 7513): every read and write of case data, refusals
 * included, with who, which case and members, purpose and request id; writes
 * logged in their own transaction; a hash chain that shows tampering.
 */
import { verifyAccessLogChain } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

describe('the access log', () => {
  let t: TestApp;
  let mw: Client;
  let auditor: Client;
  let caseId: string;
  const rows = async () =>
    (await t.database.handle.pool.query('SELECT * FROM access_log ORDER BY id')).rows as {
      id: number; actor_sub: string; case_id: string | null; action: string; result: string; status: number; member_ids: string[]; purpose: string; request_id: string;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', organisatie: 'Concern audit', gemeenten: [] });
    caseId = (await mw.request('POST', '/v1/casussen', { body: household })).json().id;
  });
  afterAll(async () => t.close());

  it('logs a creation, a read (with the members shown) and a write, each once', async () => {
    await mw.request('GET', `/v1/casussen/${caseId}`, { headers: { 'x-request-id': 'lees-1' } });
    await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 1, toplist(4));
    const log = (await rows()).filter((r) => r.case_id === caseId);
    expect(log.map((r) => [r.action, r.result, r.status])).toEqual([
      ['POST /v1/casussen', 'toegestaan', 201],
      ['GET /v1/casussen/:id', 'toegestaan', 200],
      ['POST /v1/casussen/:id/veiligheidsscores', 'toegestaan', 201],
    ]);
    expect(log[0]?.member_ids).toHaveLength(3);
    expect(log[2]?.member_ids).toHaveLength(3);
    const read = log[1];
    expect(read?.request_id).toBe('lees-1');
    expect(read?.member_ids).toHaveLength(3);
    expect(read?.purpose).toContain('Jeugdwet');
  });

  it('logs refusals too: a case outside one\'s municipality, a refused event', async () => {
    const before = (await rows()).length;
    expect((await clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'] }).get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
    expect((await mw.write('POST', `/v1/casussen/${caseId}/faseovergangen`, 2, { naar: 'oorzaken-onderzoeken' })).statusCode).toBe(409);
    const added = (await rows()).slice(before);
    expect(added.map((r) => [r.actor_sub, r.case_id, r.result, r.status])).toEqual([
      ['mw-arnhem', caseId, 'geweigerd', 404],
      ['mw-001', caseId, 'geweigerd', 409],
    ]);
  });

  it('logs writes outside the case command path once, inside their own transaction', async () => {
    const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
      body: { soort: 'professional', id: 'mw-009', organisatie: 'Wijkteam', rol: 'coach', grondslag: 'Wmo 2015' },
      headers: { 'x-request-id': 'netwerk-1' },
    });
    expect(added.statusCode).toBe(201);
    const logged = await t.database.handle.pool.query("SELECT action, result, case_id FROM access_log WHERE request_id = 'netwerk-1'");
    expect(logged.rows).toEqual([{ action: 'POST /v1/casussen/:id/betrokkenen', result: 'toegestaan', case_id: caseId }]);
    const refused = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
      body: { soort: 'professional', id: 'mw-009', organisatie: 'Wijkteam', rol: 'coach', grondslag: 'Wmo 2015' },
      headers: { 'x-request-id': 'netwerk-2' },
    });
    expect(refused.statusCode).toBe(409);
    const refusedLog = await t.database.handle.pool.query("SELECT result, status FROM access_log WHERE request_id = 'netwerk-2'");
    expect(refusedLog.rows).toEqual([{ result: 'geweigerd', status: 409 }]);
  });

  it('shows the log to the regisseur and the auditor, not to a colleague', async () => {
    const forRegisseur = await mw.get(`/v1/casussen/${caseId}/toegangslog`);
    expect(forRegisseur.statusCode).toBe(200);
    expect(forRegisseur.json().toegangen[0]).toHaveProperty('medewerker');
    expect((await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${caseId}/toegangslog`)).statusCode).toBe(404);
    expect((await auditor.get(`/v1/casussen/${caseId}/toegangslog`)).statusCode).toBe(200);
    const byEmployee = (await auditor.get('/v1/toegangslog?medewerker=mw-arnhem')).json().toegangen;
    expect(byEmployee).toHaveLength(1);
    expect(byEmployee[0]).toMatchObject({ resultaat: 'geweigerd', casusId: caseId });
    expect((await mw.get('/v1/toegangslog')).statusCode).toBe(403);
  });

  it('cannot be changed by the service, and a chain check finds tampering', async () => {
    const pool = t.database.handle.pool;
    await expect(pool.query("UPDATE access_log SET actor_sub = 'iemand-anders'")).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    expect((await verifyAccessLogChain(t.database.handle.db)).firstBroken).toBeNull();

    // Someone with superuser rights bypasses the trigger and edits one row.
    const victim = (await rows())[2];
    await pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete');
    await pool.query("UPDATE access_log SET actor_sub = 'iemand-anders' WHERE id = $1", [victim?.id]);
    await pool.query('ALTER TABLE access_log ENABLE TRIGGER access_log_no_update_or_delete');
    const result = await verifyAccessLogChain(t.database.handle.db);
    expect(result.firstBroken?.id).toBe(victim?.id);
    expect(result.checked).toBe(2);
  });
});

describe('when the access log cannot be written', () => {
  it('the case data is not sent', async () => {
    const t = await createTestApp();
    try {
      const mw = clientFor(t);
      const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
      // Make every insert into the log fail from now on.
      await t.database.handle.pool.query('ALTER TABLE access_log ADD CONSTRAINT weiger_alles CHECK (false) NOT VALID');
      const response = await mw.get(`/v1/casussen/${id}`);
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body).not.toContain('Anna');

      // A refusal under the same fault: still a problem, without the failed query or its parameters.
      const refused = await t.app.inject({ method: 'GET', url: `/v1/casussen/${id}` });
      expect(refused.statusCode).toBe(500);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      expect(refused.json()).toMatchObject({ status: 500, code: 'server.fout' });
      expect(refused.body).not.toContain('access_log');
      expect(refused.body).not.toContain('params');
    } finally {
      await t.close();
    }
  });
});
