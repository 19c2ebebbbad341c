/**
 * `pnpm bench`: the service's hot paths against raw baselines in one run.
 *   - GET /v1/ik (JWT verification, role gate, headers, serialization)
 *     vs a bare node:http JSON server: the cost of the HTTP stack per request;
 *   - GET /health/ready (one SELECT 1 through the pool and the app)
 *     vs SELECT 1 on a raw pg pool: the cost of the app around a query.
 * Uses DATABASE_URL when set, else an embedded PostgreSQL in a temp folder.
 * Bounded: a fixed number of requests against 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig, resolveJwtKeys, signToken } from '@veilig-samen/api';
import { connect, migrateDatabase, startEmbeddedPostgres } from '@veilig-samen/db';
import { systemClock } from '@veilig-samen/domain';
import { httpGet, measure, report } from './harness.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const CONCURRENCY = 16;
const SECRET = 'bench-secret-that-is-long-enough-for-hs256-000000';

async function main(): Promise<void> {
  let databaseUrl = process.env.DATABASE_URL;
  let cleanup = async () => undefined as void;
  if (!databaseUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-bench-'));
    const embedded = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
    databaseUrl = embedded.url;
    cleanup = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  console.log(`bench: ${REQUESTS} requests per figure, ${CONCURRENCY} concurrent, database ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`);
  await migrateDatabase(databaseUrl);

  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', DEMO: 'false' });
  const database = connect(databaseUrl);
  const app = await buildApp({ config, database, jwtKeys: await resolveJwtKeys(config), clock: systemClock });
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
    report([
      { measured: whoAmI, baseline: rawHttp, note: 'HTTP stack + JWT verify per request' },
      { measured: ready, baseline: rawSelect, note: 'app around one query (includes HTTP)' },
    ]);
  } finally {
    raw.close();
    await rawPool.end();
    await app.close();
    await database.close();
    await cleanup();
  }
}

await main();
