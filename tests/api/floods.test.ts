/**
 * Security finding 4: anonymous floods. Thousands of requests without a
 * token got 401 each (never 429), filed a row each in the case's access log,
 * and so pushed the real reads out of the member's inzage export (which read
 * only the newest 1,000 rows); 400s were not limited either.
 */
import { Writable } from 'node:stream';
import { appendAccessLog } from '@veilig-samen/db';
import { createSigner } from 'fast-jwt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../services/api/src/logging/logger.js';
import { CASE_MANAGER, createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, releasedInzage, type Client } from '../helpers/client.js';

const LIMIT = 100;

/** Log lines as parsed JSON, collected from the app's own logger. */
function logSink() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), sink), lines, raw };
}

describe('security finding 4: anonymous floods', () => {
  let t: TestApp;
  let mw: Client;
  let caseId: string;
  let log: ReturnType<typeof logSink>;
  const count = async (where = 'true', params: unknown[] = []) =>
    Number((await t.database.handle.pool.query<{ n: string }>(`SELECT count(*) AS n FROM access_log WHERE ${where}`, params)).rows[0]?.n);
  const from = (remoteAddress: string, url: string, headers: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET', payload?: string) =>
    t.app.inject({ method, url, remoteAddress, headers, ...(payload === undefined ? {} : { payload }) });
  const bearer = (claims = {}) => ({ authorization: `Bearer ${t.token(claims)}` });
  const securityLines = () => log.lines.filter((line) => line.securityEvent === true);

  beforeAll(async () => {
    log = logSink();
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUSTED_PROXIES: '10.0.0.1' }, logger: log.logger });
    mw = clientFor(t);
    caseId = (await mw.request('POST', '/v1/casussen', { body: household })).json().id;
  });
  afterAll(async () => t.close());

  it('500 requests without a token from one address meet 429 after the limit, file no rows in the case log, and others are still served', async () => {
    const caseRows = await count('case_id = $1', [caseId]);
    const allRows = await count();
    const statuses: number[] = [];
    for (let i = 0; i < 500; i++) statuses.push((await from('203.0.113.7', `/v1/casussen/${caseId}`)).statusCode);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual(Array(500 - LIMIT).fill(429));

    const refused = await from('203.0.113.7', `/v1/casussen/${caseId}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, code: 'verzoek.te-veel' });
    expect(refused.json().detail).toContain('per adres');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Nothing in the case's log, nor anywhere else in the access log.
    expect(await count('case_id = $1', [caseId])).toBe(caseRows);
    expect(await count()).toBe(allRows);

    // A signed-in user from another address, and one from the flooded address itself, are served (and logged).
    expect((await mw.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
    expect((await from('203.0.113.7', `/v1/casussen/${caseId}`, bearer())).statusCode).toBe(200);
    expect(await count('case_id = $1', [caseId])).toBe(caseRows + 2);
    // Another address without a token has its own budget.
    expect((await from('203.0.113.8', `/v1/casussen/${caseId}`)).statusCode).toBe(401);
  });

  it('counts bad tokens, public routes, unknown URLs and wrong methods against the address, before any body is read', async () => {
    const sign = (overrides: Record<string, unknown>, key = 'another-secret-that-is-also-long-enough-0123456789') =>
      createSigner({ key, algorithm: 'HS256' })({
        ...CASE_MANAGER,
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
        exp: Math.floor(Date.now() / 1000) + 600,
        ...overrides,
      });
    const variants: [string, (address: string) => ReturnType<typeof from>, number][] = [
      ['a garbage token', (a) => from(a, `/v1/casussen/${caseId}`, { authorization: 'Bearer dit-is-geen-jwt' }), 401],
      ['a token signed with another key', (a) => from(a, '/v1/ik', { authorization: `Bearer ${sign({})}` }), 401],
      ['a Basic header', (a) => from(a, '/v1/ik', { authorization: 'Basic dXNlcjpwYXNz' }), 401],
      ['a public route', (a) => from(a, '/health/live'), 200],
      ['an unknown URL', (a) => from(a, '/v1/bestaat-niet'), 404],
      ['a wrong method', (a) => t.app.inject({ method: 'DELETE', url: '/v1/ik', remoteAddress: a }), 405],
      ['a broken JSON body without a token', (a) => from(a, '/v1/casussen', { 'content-type': 'application/json' }, 'POST', '{"kapot'), 401],
    ];
    for (const [index, [name, send, status]] of variants.entries()) {
      const address = `198.51.100.${index + 1}`;
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 3; i++) statuses.push((await send(address)).statusCode);
      expect(statuses.slice(0, LIMIT), name).toEqual(Array(LIMIT).fill(status));
      expect(statuses.slice(LIMIT), name).toEqual([429, 429, 429]);
    }

    // All kinds share the one budget of their address.
    const mixed: number[] = [];
    for (let i = 0; i < LIMIT; i++) mixed.push((await variants[i % variants.length]![1]('198.51.100.99')).statusCode);
    expect(mixed).not.toContain(429);
    expect((await from('198.51.100.99', '/health/live')).statusCode).toBe(429);
  });

  it('limits a signed-in client per subject, invalid input included: the 101st request is refused before its body is parsed or validated', async () => {
    const flooder = clientFor(t, { sub: 'mw-flood' });
    const cases = async () => Number((await t.database.handle.pool.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]?.n);
    const before = await cases();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await flooder.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen' } })).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(400));
    const valid = await flooder.request('POST', '/v1/casussen', { body: household });
    expect(valid.statusCode).toBe(429);
    expect(valid.json()).toMatchObject({ code: 'verzoek.te-veel' });
    expect(valid.json().detail).toContain('per gebruiker');
    const broken = await flooder.request('POST', '/v1/casussen', { body: undefined, headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(429);
    expect(await cases()).toBe(before);
    // Another user behind the same address is not affected.
    expect((await clientFor(t, { sub: 'mw-rustig' }).get('/v1/ik')).statusCode).toBe(200);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // An untrusted peer that writes a new X-Forwarded-For on every request still spends its own budget.
    const spoofed: number[] = [];
    for (let i = 0; i <= LIMIT; i++) spoofed.push((await from('198.51.100.200', '/v1/ik', { 'x-forwarded-for': `192.0.2.${i % 250}` })).statusCode);
    expect(spoofed.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(spoofed[LIMIT]).toBe(429);
    // The addresses it named were not charged: through the trusted proxy, 192.0.2.1 still has its budget.
    expect((await from('10.0.0.1', '/v1/ik', { 'x-forwarded-for': '192.0.2.1' })).statusCode).toBe(401);

    // Through the trusted proxy each client address has its own budget ...
    for (let i = 0; i < LIMIT - 1; i++) expect((await from('10.0.0.1', '/v1/ik', { 'x-forwarded-for': '192.0.2.1' })).statusCode).toBe(401);
    expect((await from('10.0.0.1', '/v1/ik', { 'x-forwarded-for': '192.0.2.1' })).statusCode).toBe(429);
    expect((await from('10.0.0.1', '/v1/ik', { 'x-forwarded-for': '192.0.2.2' })).statusCode).toBe(401);
    // ... and what a client wrote before the proxy appended the address it saw does not count.
    expect((await from('10.0.0.1', '/v1/ik', { 'x-forwarded-for': '192.0.2.77, 192.0.2.1' })).statusCode).toBe(429);
    expect((await from('10.0.0.1', '/v1/ik', { 'x-forwarded-for': '192.0.2.1, 192.0.2.78' })).statusCode).toBe(401);
  });

  it('counts IPv6 clients by their /64 network', async () => {
    for (let i = 0; i < LIMIT; i++) await from(`2001:db8:1:2::${(i + 1).toString(16)}`, '/v1/ik');
    expect((await from('2001:db8:1:2:ffff:ffff:ffff:ffff', '/v1/ik')).statusCode).toBe(429);
    expect((await from('2001:db8:1:3::1', '/v1/ik')).statusCode).toBe(401);
    // An IPv4 client seen through an IPv4-mapped IPv6 socket is the same client as over IPv4.
    expect((await from('::ffff:203.0.113.7', '/v1/ik')).statusCode).toBe(429);
  });

  it('records refusals of unknown callers as security events: at most one line a minute per address and code, with a count, without the token or the case', async () => {
    const address = '203.0.113.50';
    const token = 'Bearer geheim-maar-ongeldig-token-0123456789';
    const mine = () => securityLines().filter((line) => line.clientAddress === address);
    for (let i = 0; i < 30; i++) expect((await from(address, `/v1/casussen/${caseId}`, { authorization: token })).statusCode).toBe(401);
    expect(mine()).toEqual([
      expect.objectContaining({ securityEvent: true, code: 'auth.token-ongeldig', status: 401, method: 'GET', route: '/v1/casussen/:id', refusals: 1, level: 40 }),
    ]);
    // A minute later the next line carries the 29 refusals that were not logged, and this one.
    t.clock.advance(61_000);
    await from(address, `/v1/casussen/${caseId}`, { authorization: token });
    expect(mine().map((line) => line.refusals)).toEqual([1, 30]);

    // The flood of the first test: one line for its 401s and one for its 429s, not 500.
    const flood = securityLines().filter((line) => line.clientAddress === '203.0.113.7');
    expect(flood.map((line) => [line.code, line.refusals])).toEqual([
      ['auth.token-ontbreekt', 1],
      ['verzoek.te-veel', 1],
    ]);
    // A signed-in client beyond its limit is named by its subject.
    expect(securityLines().filter((line) => line.subject === 'mw-flood').map((line) => line.code)).toEqual(['verzoek.te-veel']);

    const text = log.raw.filter((line) => line.includes('"securityEvent":true')).join('\n');
    expect(text).not.toContain('geheim-maar-ongeldig');
    expect(text).not.toContain(caseId);
    expect(text).not.toContain('Anna');
  });

  it('keeps refusals of a known caller in the case log, as before', async () => {
    const lastId = (await t.database.handle.pool.query<{ id: number }>('SELECT max(id) AS id FROM access_log')).rows[0]?.id;
    expect((await clientFor(t, { sub: 'beleid-1', rol: 'beleid' }).get(`/v1/casussen/${caseId}`)).statusCode).toBe(403);
    expect((await clientFor(t, { sub: 'mw-arnhem', gemeenten: ['Arnhem'] }).get(`/v1/casussen/${caseId}`)).statusCode).toBe(404);
    const added = await t.database.handle.pool.query('SELECT actor_sub, result, status FROM access_log WHERE case_id = $1 AND id > $2 ORDER BY id', [caseId, lastId]);
    expect(added.rows).toEqual([
      { actor_sub: 'beleid-1', result: 'geweigerd', status: 403 },
      { actor_sub: 'mw-arnhem', result: 'geweigerd', status: 404 },
    ]);
  });
});

describe('security finding 4: security events still counted are written when the service stops', () => {
  it('logs the refusals of the last minute that had no line of their own', async () => {
    const log = logSink();
    const t = await createTestApp({ logger: log.logger });
    try {
      // No trusted proxies (the default): X-Forwarded-For is ignored, the peer is the client.
      for (let i = 0; i < 5; i++) await t.app.inject({ method: 'GET', url: '/v1/ik', remoteAddress: '203.0.113.60', headers: { 'x-forwarded-for': `192.0.2.${i}` } });
    } finally {
      await t.close();
    }
    const lines = log.lines.filter((line) => line.securityEvent === true && line.clientAddress === '203.0.113.60');
    expect(lines.map((line) => [line.code, line.refusals])).toEqual([
      ['auth.token-ontbreekt', 1],
      ['auth.token-ontbreekt', 4],
    ]);
  });
});

describe('security finding 4: the inzage export reads the whole access log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("shows every access to the member's data, however many other rows the case's log holds, oldest first", async () => {
    const mw = clientFor(t);
    const created = (await mw.request('POST', '/v1/casussen', { body: household })).json();
    const [anna, bram] = created.leden as { id: string }[];
    expect((await mw.get(`/v1/casussen/${created.id}`)).statusCode).toBe(200);
    expect((await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${created.id}`)).statusCode).toBe(404);

    const entry = (i: number, actorSub: string, memberIds: string[], result: 'toegestaan' | 'geweigerd' = 'toegestaan') => ({
      at: new Date(Date.UTC(2026, 0, 16, 9, 0, i % 60)),
      actorSub,
      actorOrganisation: 'Wijkteam',
      actorRole: 'lokaal-team',
      onBehalfOf: null,
      caseId: created.id as string,
      memberIds,
      action: 'GET /v1/casussen/:id',
      result,
      status: result === 'toegestaan' ? 200 : 404,
      purpose: 'regie en hulpverlening (Wmo 2015, Jeugdwet)',
      breakGlass: false,
      requestId: `ander-${i}`,
    });
    // One transaction, so the test does not wait for thousands of commits.
    await t.database.handle.db.transaction(async (tx) => {
      // More than a thousand rows of other activity on the case after the real reads: refusals, reads of another member.
      for (let i = 0; i < 1_200; i++) await appendAccessLog(tx, t.auditKeys.current, i % 2 === 0 ? entry(i, 'iemand', [], 'geweigerd') : entry(i, 'mw-007', [bram!.id]));
      // Refusals never count as an access, even when they name the member.
      await appendAccessLog(tx, t.auditKeys.current, entry(0, 'mw-weigering', [anna!.id], 'geweigerd'));
      // And more than one batch of accesses to her own data.
      for (let i = 0; i < 1_050; i++) await appendAccessLog(tx, t.auditKeys.current, entry(i, 'mw-veel', [anna!.id, bram!.id]));
    });
    expect((await mw.get(`/v1/casussen/${created.id}`)).statusCode).toBe(200);

    const response = await releasedInzage(mw, created.id, anna!.id);
    expect(response.statusCode, response.body).toBe(200);
    const inzagen = response.json().inzagen as { medewerker: string; actie: string }[];
    expect(inzagen).toHaveLength(3 + 1_050);
    expect(inzagen.slice(0, 2).map((i) => [i.medewerker, i.actie])).toEqual([
      ['mw-001', 'POST /v1/casussen'],
      ['mw-001', 'GET /v1/casussen/:id'],
    ]);
    expect(inzagen.slice(2, -1).every((i) => i.medewerker === 'mw-veel')).toBe(true);
    expect(inzagen.at(-1)).toMatchObject({ medewerker: 'mw-001', actie: 'GET /v1/casussen/:id' });
    expect(inzagen.some((i) => ['iemand', 'mw-007', 'mw-weigering', 'mw-002'].includes(i.medewerker))).toBe(false);
  });
});
