/**
 * `pnpm bench`: the service's hot paths against raw baselines in one run.
 *   - GET /v1/ik (JWT verification, role gate, headers, serialization)
 *     vs a bare node:http JSON server: the cost of the HTTP stack per request;
 *   - GET /health/ready (one SELECT 1 through the pool and the app)
 *     vs SELECT 1 on a raw pg pool: the cost of the app around a query.
 *   - POST /v1/casussen/{id}/veiligheidsscores (a case command: lock, decide,
 *     append, update, in one transaction, over HTTP) vs a raw pg transaction
 *     SELECT FOR UPDATE + UPDATE + INSERT of the same shape;
 *   - the domain's decide() (restore snapshot, XState transition, persist) vs
 *     JSON round trip of the same snapshot: the machine's own cost.
 * Uses DATABASE_URL when set, else an embedded PostgreSQL in a temp folder.
 * Bounded: a fixed number of requests against 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, loadConfig, resolveJwtKeys, signToken } from '@veilig-samen/api';
import { connect, migrateDatabase } from '@veilig-samen/db';
import { decide, defaultPolicy, openCase, persistCase, restoreCase, systemClock, type CaseEvent, type PersistedCase } from '@veilig-samen/domain';
import type { Pool } from 'pg';
import { Agent, request } from 'undici';
import { benchDatabaseServer } from './database.js';
import { httpGet, measure, report, type Measurement } from './harness.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = 16;
const SECRET = 'bench-secret-that-is-long-enough-for-hs256-000000';

async function main(): Promise<void> {
  const server = await benchDatabaseServer();
  const databaseUrl = server.url;
  const cleanup = server.stop;
  console.log(`bench: ${REQUESTS} requests per figure, ${CONCURRENCY} concurrent, database ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
  await migrateDatabase(databaseUrl);

  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET: SECRET, MATCHING_KEY: SECRET, LOG_LEVEL: 'warn', DEMO: 'false', RATE_LIMIT_PER_MINUTE: '1000000' });
  const database = connect(databaseUrl);
  const app = await buildApp({ config, database, jwtKeys: await resolveJwtKeys(config), matchingKey: SECRET, clock: systemClock });
  app.log.level = 'warn';
  const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = signToken(
    { sub: 'bench', rol: 'lokaal-team', organisatie: 'Bench', gemeenten: ['Nijmegen'] },
    { secret: SECRET, issuer: config.jwt.issuer, audience: config.jwt.audience, expiresInSeconds: 3600 },
  );

  const raw = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  const rawPool = connect(databaseUrl).pool;

  try {
    console.log('bench: raw HTTP baseline');
    const rawHttp = await measure('raw node:http JSON', REQUESTS, CONCURRENCY, httpGet(rawUrl, '/'));
    console.log('bench: GET /v1/ik');
    const whoAmI = await measure('GET /v1/ik (JWT)', REQUESTS, CONCURRENCY, httpGet(appUrl, '/v1/ik', { authorization: `Bearer ${token}` }));
    console.log('bench: raw SELECT 1 baseline');
    const rawSelect = await measure('raw pg SELECT 1', REQUESTS, CONCURRENCY, async () => void (await rawPool.query('SELECT 1')));
    console.log('bench: GET /health/ready');
    const ready = await measure('GET /health/ready', REQUESTS, CONCURRENCY, httpGet(appUrl, '/health/ready'));
    console.log('bench: raw transaction baseline');
    const rawTransaction = await rawCommandBaseline(rawPool);
    console.log('bench: POST veiligheidsscores');
    const command = await caseCommand(appUrl, token);
    console.log('bench: domain decide()');
    const [jsonRoundTrip, domainDecide] = await domainBaseline();
    report([
      { measured: whoAmI, baseline: rawHttp, note: 'HTTP stack + JWT verify per request' },
      { measured: ready, baseline: rawSelect, note: 'app around one query (includes HTTP)' },
      { measured: command, baseline: rawTransaction, note: 'case command over HTTP vs its bare SQL' },
      { measured: domainDecide, baseline: jsonRoundTrip, note: 'restore + transition + persist vs JSON copy' },
    ]);
  } finally {
    raw.close();
    await rawPool.end();
    await app.close();
    await database.close();
    await cleanup();
  }
}

/** Cases spread over the workers, so each case gathers few scores (as in real life). */
const CASES_PER_WORKER = 20;

async function caseCommand(appUrl: string, token: string): Promise<Measurement> {
  const dispatcher = new Agent({ connections: 16 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const household = { gemeente: 'Nijmegen', bron: 'politie', leden: [{ naam: 'Bench', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] };
  const cases: { id: string; version: number }[] = [];
  for (let i = 0; i < CONCURRENCY * CASES_PER_WORKER; i++) {
    const response = await request(`${appUrl}/v1/casussen`, { method: 'POST', headers, body: JSON.stringify(household), dispatcher });
    const body = (await response.body.json()) as { id: string; versie: number };
    cases.push({ id: body.id, version: body.versie });
  }
  let next = 0;
  const score = JSON.stringify({ score: 5, acties: ['a', 'b', 'c'] });
  return measure('POST veiligheidsscores', REQUESTS, CONCURRENCY, async () => {
    // Each call takes the next case in turn; a case is never written by two calls at once
    // because there are more cases than concurrent calls.
    const target = cases[next++ % cases.length];
    if (!target) throw new Error('no case');
    const response = await request(`${appUrl}/v1/casussen/${target.id}/veiligheidsscores`, {
      method: 'POST',
      headers: { ...headers, 'if-match': `"${target.version}"` },
      body: score,
      dispatcher,
    });
    await response.body.dump();
    if (response.statusCode !== 201) throw new Error(`score: status ${response.statusCode}`);
    target.version += 1;
  });
}

async function rawCommandBaseline(pool: Pool): Promise<Measurement> {
  await pool.query('DROP TABLE IF EXISTS bench_case, bench_event');
  await pool.query('CREATE TABLE bench_case (id int PRIMARY KEY, version int NOT NULL, state jsonb NOT NULL)');
  await pool.query('CREATE TABLE bench_event (case_id int, seq int, payload jsonb, PRIMARY KEY (case_id, seq))');
  const count = CONCURRENCY * CASES_PER_WORKER;
  await pool.query(`INSERT INTO bench_case SELECT g, 1, '{"scores":[]}'::jsonb FROM generate_series(0, ${count - 1}) g`);
  let next = 0;
  try {
    return await measure('raw pg FOR UPDATE+UPDATE+INSERT', REQUESTS, CONCURRENCY, async () => {
      const id = next++ % count;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ version: number }>('SELECT version FROM bench_case WHERE id = $1 FOR UPDATE', [id]);
        const version = (rows[0]?.version ?? 0) + 1;
        await client.query('INSERT INTO bench_event VALUES ($1, $2, $3)', [id, version, '{"score":5}']);
        await client.query('UPDATE bench_case SET version = $2, state = $3 WHERE id = $1', [id, version, '{"scores":[5]}']);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_case, bench_event');
  }
}

async function domainBaseline(): Promise<[Measurement, Measurement]> {
  const now = new Date('2026-01-15T09:00:00Z');
  const door = { sub: 'bench', rol: 'lokaal-team' as const, organisatie: 'Bench' };
  let snapshot = openCase({
    type: 'casus.geopend', op: now.toISOString(), door, id: 'c', gemeente: 'Nijmegen', bron: 'politie',
    leden: [{ id: 'l', naam: 'Bench', geboortedatum: null, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
    regisseur: { id: 'bench', organisatie: 'Bench' }, startdatum: now.toISOString(), beleid: defaultPolicy('Bench'),
  });
  const score = (value: number): CaseEvent => ({ type: 'veiligheidsscore.vastgelegd', op: now.toISOString(), door, score: value, acties: ['a', 'b', 'c'], perspectieven: [] });
  for (let i = 0; i < 15; i++) {
    const decision = decide(snapshot, score(i % 11));
    if (decision.ok) snapshot = decision.snapshot;
  }
  const persisted = JSON.stringify(persistCase(snapshot));
  const operations = REQUESTS * 4;
  const json = await measure('JSON parse + stringify of a snapshot', operations, 1, async () => {
    JSON.stringify(JSON.parse(persisted));
  });
  const domain = await measure('restore + decide + persist', operations, 1, async () => {
    const decision = decide(restoreCase(JSON.parse(persisted) as PersistedCase), score(5));
    if (!decision.ok) throw new Error('refused');
    JSON.stringify(persistCase(decision.snapshot));
  });
  return [json, domain];
}

await main();
