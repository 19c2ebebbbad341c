/**
 * The access log (NEN 7513): every read and write of case data, refusals
 * included, with who, which case and members, purpose and request id; writes
 * logged in their own transaction; hash chains that show tampering.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ACCESS_LOG_CHAINS, appendAccessLog, verifyAccessLogChains } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';
import { urlPaths } from '../helpers/openapi.js';

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
    const intact = await verifyAccessLogChains(t.database.handle.db, t.auditKeys.keyring);
    expect(intact.broken).toEqual([]);
    expect(intact.checked).toBe((await rows()).length);

    // Someone with superuser rights bypasses the trigger and edits one row.
    const victim = (await rows())[2];
    await pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete');
    await pool.query("UPDATE access_log SET actor_sub = 'iemand-anders' WHERE id = $1", [victim?.id]);
    await pool.query('ALTER TABLE access_log ENABLE TRIGGER access_log_no_update_or_delete');
    const result = await verifyAccessLogChains(t.database.handle.db, t.auditKeys.keyring);
    expect(result.broken.map((b) => b.id)).toEqual([victim?.id]);
    expect(result.broken[0]?.reason).toMatch(/gewijzigd/);
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
      const refused = await clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'] }).get(`/v1/casussen/${id}`);
      expect(refused.statusCode).toBe(500);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      expect(refused.json()).toMatchObject({ status: 500, code: 'server.fout' });
      expect(refused.body).not.toContain('access_log');
      expect(refused.body).not.toContain('params');

      // A request without a token writes no log row (a security event instead), so the fault does not show.
      const anonymous = await t.app.inject({ method: 'GET', url: `/v1/casussen/${id}` });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ code: 'auth.token-ontbreekt' });
    } finally {
      await t.close();
    }
  });
});

describe('the access log chains', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('stay intact under concurrent appends, find a removed row, and still check rows from before the chains', async () => {
    const t = await createTestApp();
    try {
      const { pool } = t.database.handle;
      // Rows as the service wrote them before migration 0013: one chain, the link inside the hashed content
      // (written out here independently of the service's code).
      let prev = 'genesis';
      for (let i = 0; i < 3; i++) {
        const at = new Date(Date.UTC(2026, 0, 1, 9, i));
        const content = [at.toISOString(), `oud-${i}`, 'Gemeente', 'lokaal-team', null, null, [], 'GET /v1/casussen', 'toegestaan', 200, 'regie', false, `oud-${i}`];
        const hash = sha256(JSON.stringify([prev, ...content]));
        await pool.query(
          `INSERT INTO access_log (at, actor_sub, actor_organisation, actor_role, on_behalf_of, case_id, member_ids, action, result, status, purpose, break_glass, request_id, prev_hash, hash)
           VALUES ($1, $2, 'Gemeente', 'lokaal-team', NULL, NULL, '[]', 'GET /v1/casussen', 'toegestaan', 200, 'regie', false, $3, $4, $5)`,
          [at, `oud-${i}`, `oud-${i}`, prev, hash],
        );
        prev = hash;
      }

      const entry = (i: number) => ({
        at: new Date(), actorSub: `mw-${i % 7}`, actorOrganisation: 'Wijkteam', actorRole: 'lokaal-team', onBehalfOf: null, caseId: randomUUID(),
        memberIds: [], action: 'GET /v1/casussen/:id', result: 'toegestaan' as const, status: 200, purpose: 'regie', breakGlass: false, requestId: `r-${i}`,
      });
      // Half as statements of their own, half inside transactions that do more work after appending.
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          i % 2 === 0
            ? appendAccessLog(t.database.service.handle.db, t.auditKeys.current, entry(i))
            : t.database.service.handle.db.transaction(async (tx) => {
                await appendAccessLog(tx, t.auditKeys.current, entry(i));
                await new Promise((resolve) => setTimeout(resolve, 2)); // the chain's lock stays held meanwhile
              }),
        ),
      );
      const intact = await verifyAccessLogChains(t.database.handle.db, t.auditKeys.keyring);
      expect(intact.broken).toEqual([]);
      expect(intact.checked).toBe(203);
      expect(intact.chains).toBe(ACCESS_LOG_CHAINS + 1);

      // A superuser removes one row from the middle of a chain: the next row of that chain no longer links.
      const { rows } = await pool.query<{ id: number; chain: number }>('SELECT id, chain FROM access_log WHERE chain IS NOT NULL ORDER BY chain, id');
      const chain = rows.filter((r) => r.chain === rows[0]?.chain);
      expect(chain.length).toBeGreaterThanOrEqual(3);
      await pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete');
      await pool.query('DELETE FROM access_log WHERE id = $1', [chain[1]?.id]);
      await pool.query('ALTER TABLE access_log ENABLE TRIGGER access_log_no_update_or_delete');
      const result = await verifyAccessLogChains(t.database.handle.db, t.auditKeys.keyring);
      expect(result.broken).toEqual([{ chain: chain[0]?.chain, id: chain[2]?.id, reason: expect.stringMatching(/verwijderd/) }]);
    } finally {
      await t.close();
    }
  });
});

describe('security review: the access log pages by key (na), not by an unbounded OFFSET', () => {
  let t: TestApp;
  let auditor: Client;
  let mw: Client;
  let caseId: string;
  const EMPLOYEE = 'mw-bladeren';
  const ROWS = 57;

  const entry = (i: number) => ({
    at: new Date(Date.UTC(2026, 0, 1, 9, 0, i)), actorSub: EMPLOYEE, actorOrganisation: 'Wijkteam', actorRole: 'lokaal-team', onBehalfOf: null,
    caseId: null, memberIds: [], action: 'GET /v1/casussen/:id', result: 'toegestaan' as const, status: 200, purpose: 'regie', breakGlass: false, requestId: `blader-${i}`,
  });
  const idsOf = async (filter: string, value: string) =>
    (await t.database.handle.pool.query<{ id: number }>(`SELECT id FROM access_log WHERE ${filter} = $1 ORDER BY id DESC`, [value])).rows.map((r) => r.id);
  /** The Link header's target for a rel, as a path with query. */
  const linkOf = (response: { headers: Record<string, string | string[] | number | undefined> }, rel: string) =>
    new RegExp(`<([^>]+)>; rel="${rel}"`).exec(String(response.headers.link ?? ''))?.[1];

  beforeAll(async () => {
    t = await createTestApp();
    auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', organisatie: 'Concern audit', gemeenten: [] });
    mw = clientFor(t);
    for (let i = 0; i < ROWS; i++) await appendAccessLog(t.database.service.handle.db, t.auditKeys.current, entry(i));
    caseId = (await mw.request('POST', '/v1/casussen', { body: household })).json().id;
    for (let i = 0; i < 12; i++) await mw.get(`/v1/casussen/${caseId}`);
  });
  afterAll(async () => t.close());

  it('refuses a page number whose OFFSET would be unbounded, as 400 naming pagina and pointing to na', async () => {
    for (const pagina of ['9007199254740991', '99999999999999999999', '101', '1e6']) {
      const response = await auditor.get(`/v1/toegangslog?pagina=${pagina}`);
      expect(response.statusCode, pagina).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.json().code).toBe('verzoek.ongeldig');
      expect(new Set(response.json().invalidParams.map((p: { name: string }) => p.name))).toEqual(new Set(['pagina']));
      expect((await mw.get(`/v1/casussen/${caseId}/toegangslog?pagina=${pagina}`)).statusCode, pagina).toBe(400);
    }
    expect((await auditor.get('/v1/toegangslog?pagina=100')).statusCode).toBe(200);
    const described = urlPaths<{ parameters: { name: string; description?: string; schema: { maximum?: number } }[] }>((await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json())['/v1/toegangslog']?.get?.parameters ?? [];
    expect(described.find((p) => p.name === 'pagina')?.schema.maximum).toBe(100);
    expect(described.find((p) => p.name === 'na')?.description).toContain('Link');
  });

  it('refuses a bad na, and na together with a page number', async () => {
    for (const na of ['0', '-1', 'abc', '1.5', '2147483648', '9007199254740991', '']) {
      const response = await auditor.get(`/v1/toegangslog?na=${na}`);
      expect(response.statusCode, na).toBe(400);
      expect(new Set(response.json().invalidParams.map((p: { name: string }) => p.name)), na).toEqual(new Set(['na']));
    }
    expect((await auditor.get('/v1/toegangslog?na=2147483647')).statusCode).toBe(200);
    const both = await auditor.get('/v1/toegangslog?na=10&pagina=2');
    expect(both.statusCode).toBe(400);
    expect(both.json().invalidParams).toEqual([expect.objectContaining({ name: 'na' })]);
  });

  it('walks the whole log by its next links: every row once, newest first, the total on the first page only', async () => {
    const expected = await idsOf('actor_sub', EMPLOYEE);
    expect(expected).toHaveLength(ROWS);
    const first = await auditor.get(`/v1/toegangslog?medewerker=${EMPLOYEE}&paginaGrootte=10`);
    expect(first.headers['x-total-count']).toBe(String(ROWS));
    expect(linkOf(first, 'first')).toBe(`/v1/toegangslog?medewerker=${EMPLOYEE}&pagina=1&paginaGrootte=10`);
    expect(linkOf(first, 'prev')).toBeUndefined();
    expect(String(first.headers.link)).not.toContain('rel="last"');

    const seen: number[] = first.json().toegangen.map((e: { volgnummer: number }) => e.volgnummer);
    let next = linkOf(first, 'next');
    let pages = 1;
    while (next) {
      expect(next).toMatch(new RegExp(`^/v1/toegangslog\\?medewerker=${EMPLOYEE}&na=\\d+&paginaGrootte=10$`));
      const response = await auditor.get(next);
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-total-count']).toBeUndefined();
      seen.push(...response.json().toegangen.map((e: { volgnummer: number }) => e.volgnummer));
      next = linkOf(response, 'next');
      pages++;
    }
    expect(pages).toBe(6);
    expect(seen).toEqual(expected);
  });

  it('keeps walking a case\'s log without repeats while reading it adds rows at its head', async () => {
    const page = (url: string) => mw.get(url);
    let response = await page(`/v1/casussen/${caseId}/toegangslog?paginaGrootte=4`);
    const before = await idsOf('case_id', caseId);
    const seen: number[] = response.json().toegangen.map((e: { volgnummer: number }) => e.volgnummer);
    for (let next = linkOf(response, 'next'); next; next = linkOf(response, 'next')) {
      response = await page(next); // each read of the case's log is itself logged for the case: a new newest row
      seen.push(...response.json().toegangen.map((e: { volgnummer: number }) => e.volgnummer));
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Everything that was there when the walk began (the first page's own log row included), newest first.
    expect(seen).toEqual(before.filter((id) => id <= (seen[0] ?? 0)));
    expect((await idsOf('case_id', caseId)).length).toBeGreaterThan(before.length);
  });

  it('bounds the page number of the other lists that had no bound (break-the-glass review, webhook deliveries)', async () => {
    const coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    const admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] });
    for (const [client, url] of [[coordinator, '/v1/noodtoegang'], [admin, `/v1/abonnementen/${randomUUID()}/afleveringen`]] as const) {
      for (const pagina of ['9007199254740991', '101']) {
        const response = await client.get(`${url}?pagina=${pagina}`);
        expect(response.statusCode, `${url} ${pagina}`).toBe(400);
        expect(response.json().invalidParams.map((p: { name: string }) => p.name)).toContain('pagina');
      }
    }
    expect((await coordinator.get('/v1/noodtoegang?pagina=100')).statusCode).toBe(200);
  });

  it('still pages by number for existing clients, with prev and a next that continues by key', async () => {
    const second = await auditor.get(`/v1/toegangslog?medewerker=${EMPLOYEE}&pagina=2&paginaGrootte=10`);
    const expected = await idsOf('actor_sub', EMPLOYEE);
    expect(second.json().toegangen.map((e: { volgnummer: number }) => e.volgnummer)).toEqual(expected.slice(10, 20));
    expect(second.headers['x-total-count']).toBe(String(ROWS));
    expect(second.headers['x-pagination-page']).toBe('2');
    expect(linkOf(second, 'prev')).toBe(`/v1/toegangslog?medewerker=${EMPLOYEE}&pagina=1&paginaGrootte=10`);
    expect(linkOf(second, 'next')).toBe(`/v1/toegangslog?medewerker=${EMPLOYEE}&na=${expected[19]}&paginaGrootte=10`);
    const last = await auditor.get(`/v1/toegangslog?medewerker=${EMPLOYEE}&pagina=6&paginaGrootte=10`);
    expect(last.json().toegangen).toHaveLength(7);
    expect(linkOf(last, 'next')).toBeUndefined();
  });
});
