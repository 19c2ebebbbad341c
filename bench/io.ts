/**
 * Write, read and memory figures: the service and the raw baseline (bench/raw-server.ts)
 * as child processes on one fresh database, each loaded by autocannon from this process
 * with the same connections for the same time.
 *   write: POST /v1/casussen/{id}/veiligheidsscores (JWT, validation, If-Match, lock, machine,
 *          event, snapshot, timers, outbox, access-log row) vs the raw transaction of the same rows;
 *   read:  GET /v1/casussen/{id} (JWT, access check, view, access-log row) vs one SELECT, and vs
 *          one SELECT plus one access-log INSERT (what the law asks of every read, without the app);
 *   memory: the service's RSS right after the write load.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_MUNICIPALITIES, municipalitiesSetting, signToken } from '@veilig-samen/api';
import { migrateDatabase } from '@veilig-samen/db';
import type autocannon from 'autocannon';
import pg from 'pg';
import { freshDatabase } from './lib/database.js';
import { cpuProbe } from './lib/cpu.js';
import { load, type LoadResult } from './lib/load.js';
import { startNodeProcess } from './lib/processes.js';
import type { Settings } from './lib/settings.js';

export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-hs256-000000';
const SERVICE_ENV = {
  JWT_SECRET: BENCH_SECRET,
  MATCHING_KEY: BENCH_SECRET,
  AUDIT_KEY: BENCH_SECRET,
  AUDIT_KEY_ID: 'bench',
  // Not the repository's .data, where `pnpm start` keeps its own checkpoints.
  AUDIT_CHECKPOINT_DIR: path.join(tmpdir(), 'veilig-samen-bench-controlepunten'),
  LOG_LEVEL: 'warn',
  DEMO: 'false',
  GEMEENTEN: municipalitiesSetting(DEMO_MUNICIPALITIES),
  RATE_LIMIT_PER_MINUTE: '1000000',
};

export function benchToken(claims: { readonly sub: string; readonly rol: string; readonly organisatie: string; readonly gemeenten: readonly string[] }): string {
  return signToken({ ...claims, gemeenten: [...claims.gemeenten] } as Parameters<typeof signToken>[0], { secret: BENCH_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 3600 });
}

/** BENCH_PROFILE=dir writes a CPU profile of the service there (open it in Chrome's DevTools). */
export async function startService(databaseUrl: string, env: Record<string, string> = {}) {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  return startNodeProcess('service', 'services/api/src/main.ts', { ...SERVICE_ENV, DATABASE_URL: databaseUrl, ...env }, '/health/ready', profile);
}

export interface IoFigures {
  readonly write: LoadResult;
  readonly writeBaseline: LoadResult;
  readonly read: LoadResult;
  readonly readBaseline: LoadResult;
  readonly readLoggedBaseline: LoadResult;
  readonly rssAfterWriteMb: number;
}

interface BenchCase {
  readonly id: string;
  version: number;
}

/** Cases per connection: no case is ever written by two requests at once, as in real life. */
const CASES_PER_CONNECTION = 20;
export const SCORE = JSON.stringify({ score: 5, acties: ['Afspraak met school', 'Huisbezoek', 'Veiligheidsplan bespreken'] });

/** Each request takes a case no other request holds, and hands it back with the version from the answer's ETag. */
function scoreRequests(path: (id: string) => string, headers: Record<string, string>, cases: BenchCase[]): autocannon.Request[] {
  const free = [...cases];
  return [
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const target = free.shift();
        if (!target) throw new Error('more connections than cases');
        (context as { case?: BenchCase }).case = target;
        return { ...request, method: 'POST', path: path(target.id), body: SCORE, headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${target.version}"` } };
      },
      onResponse: (_status, _body, context, responseHeaders) => {
        const target = (context as { case: BenchCase }).case;
        const tag = responseHeaders?.['etag'];
        if (typeof tag === 'string') target.version = Number(tag.replaceAll('"', ''));
        free.push(target);
      },
    },
  ];
}

function readRequests(path: (id: string) => string, headers: Record<string, string>, cases: BenchCase[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, method: 'GET', path: path(cases[next++ % cases.length]?.id ?? ''), headers }),
    },
  ];
}

export async function ioBenchmarks(serverUrl: string, settings: Settings): Promise<IoFigures> {
  const url = await freshDatabase(serverUrl, 'bench_io');
  await migrateDatabase(url);
  const service = await startService(url);
  let raw: Awaited<ReturnType<typeof startNodeProcess>> | undefined;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const token = benchToken({ sub: 'bench', rol: 'lokaal-team', organisatie: 'Bench', gemeenten: ['Nijmegen'] });
    const headers = { authorization: `Bearer ${token}` };
    const cases = await createCases(service.url, headers, settings.connections * CASES_PER_CONNECTION);

    // The raw write works on copies of the same rows, with the same columns and indexes; its log rows go into the
    // access log itself, keyed and chained as the service's (raw-server.ts).
    await admin.query(`CREATE TABLE bench_cases (LIKE cases INCLUDING ALL);
      INSERT INTO bench_cases SELECT * FROM cases;
      CREATE TABLE bench_events (LIKE case_events INCLUDING ALL)`);
    await admin.query('VACUUM ANALYZE');
    raw = await startNodeProcess('raw baseline', 'bench/raw-server.ts', { DATABASE_URL: url, AUDIT_KEY: SERVICE_ENV.AUDIT_KEY, AUDIT_KEY_ID: SERVICE_ENV.AUDIT_KEY_ID }, '/health');

    const run = { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds };
    const onService = { ...run, url: service.url, cpu: cpuProbe(service.pid, url) };
    const onRaw = { ...run, url: raw.url, cpu: cpuProbe(raw.pid, url) };
    const rawCases = cases.map((c) => ({ ...c }));
    const writeBaseline = await load('raw write transaction', { ...onRaw, requests: scoreRequests((id) => `/raw/casussen/${id}/veiligheidsscores`, {}, rawCases) });
    const write = await load('POST veiligheidsscores', { ...onService, requests: scoreRequests((id) => `/v1/casussen/${id}/veiligheidsscores`, headers, cases) });
    const rssAfterWriteMb = await service.rssMb();
    const readBaseline = await load('raw SELECT route', { ...onRaw, requests: readRequests((id) => `/raw/casussen/${id}`, {}, cases) });
    const readLoggedBaseline = await load('raw SELECT + log INSERT route', { ...onRaw, requests: readRequests((id) => `/raw/casussen/${id}?log=1`, {}, cases) });
    const read = await load('GET /v1/casussen/{id}', { ...onService, requests: readRequests((id) => `/v1/casussen/${id}`, headers, cases) });
    return { write, writeBaseline, read, readBaseline, readLoggedBaseline, rssAfterWriteMb };
  } finally {
    await admin.end();
    await raw?.stop();
    await service.stop();
  }
}

/** The household every bench case is opened for. */
export const BENCH_HOUSEHOLD = JSON.stringify({
  gemeente: 'Nijmegen',
  bron: 'politie',
  leden: [
    { voornamen: 'Bench', geslachtsnaam: 'Ouder', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
    { voornamen: 'Bench', geslachtsnaam: 'Kind', relatie: 'kind', betrokkenheid: ['getuige'] },
  ],
});

async function createCases(serviceUrl: string, headers: Record<string, string>, total: number): Promise<BenchCase[]> {
  const household = BENCH_HOUSEHOLD;
  const cases: BenchCase[] = [];
  process.stdout.write(`bench: opening ${total} cases… `);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (cases.length < total) {
        const response = await fetch(`${serviceUrl}/v1/casussen`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: household });
        if (response.status !== 201) throw new Error(`opening a case: ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { id: string; versie: number };
        cases.push({ id: body.id, version: body.versie });
      }
    }),
  );
  process.stdout.write('done\n');
  return cases.slice(0, total);
}
