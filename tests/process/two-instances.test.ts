/**
 * The production topology without containers (issue 9): one PostgreSQL and
 * two service processes on different ports, as docker-compose.yml runs them
 * behind a proxy. Shown here:
 *   (a) started at the same moment on an empty database, they apply the
 *       migrations once;
 *   (b) each due escalation fires exactly once across both timer workers;
 *   (c) a request to either instance sees the other's writes at once;
 *   (d) SIGTERM to one instance loses no in-flight request: writes on their
 *       way and writes sent while it drains get their 201 and are stored;
 *       writes sent after it closed are refused before they start (no
 *       connection, or 503) and are not stored, so a client can safely retry
 *       them on the other instance. None meets a reset.
 */
import { readFile } from 'node:fs/promises';
import { signToken } from '@veilig-samen/api';
import { connect, MIGRATIONS_FOLDER, type DatabaseHandle } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { createDatabase } from '../helpers/database.js';
import { startService, type RunningService } from '../helpers/process.js';

const sign = (claims: { sub: string; rol: 'lokaal-team' | 'beheerder'; organisatie: string; gemeenten: string[] }) =>
  signToken(claims, { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 600 });
const regisseur = sign({ sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] });
const beheerder = sign({ sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] });

const OVERDUE = 40;
const versionOf = (response: Response) => Number((response.headers.get('etag') ?? '').replaceAll('"', ''));

describe('two instances on one database', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let handle: DatabaseHandle;
  let a: RunningService;
  let b: RunningService;

  const call = (instance: RunningService, path: string, token: string, init: RequestInit = {}) =>
    fetch(`${instance.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  const openCase = async (instance: RunningService, name: string, extra: Record<string, unknown> = {}, token = regisseur) => {
    const response = await call(instance, '/v1/casussen', token, {
      method: 'POST',
      body: JSON.stringify({ gemeente: 'Nijmegen', bron: 'politie', leden: [{ naam: name, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }], ...extra }),
    });
    expect(response.status).toBe(201);
    return { id: ((await response.json()) as { id: string }).id, version: versionOf(response) };
  };
  const score = (instance: RunningService, id: string, version: number, marker: string) =>
    call(instance, `/v1/casussen/${id}/veiligheidsscores`, regisseur, {
      method: 'POST',
      headers: { 'if-match': `"${version}"` },
      body: JSON.stringify({ score: 4, acties: [marker, 'Huisbezoek', 'Contact school'] }),
    });

  beforeAll(async () => {
    // An empty database: both instances find every migration pending.
    database = await createDatabase({ fromTemplate: false });
    handle = connect(database.url, { max: 2 });
    const env = { DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET, ...TEST_AUDIT_ENV, TIMER_POLL_INTERVAL_MS: '100', DEMO: 'false' };
    [a, b] = await Promise.all([startService(env), startService(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await handle?.close();
    await database?.drop();
  });

  it('(a) apply the migrations once when started together', async () => {
    const journal = JSON.parse(await readFile(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
    const { rows } = await handle.pool.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations');
    expect(rows).toHaveLength(journal.entries.length);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    expect(a.baseUrl).not.toBe(b.baseUrl);
  });

  it('(b) fire each due escalation exactly once across both workers', async () => {
    const startdatum = new Date(Date.now() - 125 * 86_400_000).toISOString().slice(0, 10);
    const overdue = await Promise.all(
      Array.from({ length: OVERDUE }, (_, i) =>
        openCase(i % 2 === 0 ? a : b, `Twee Instanties ${i}`, { regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, startdatum, bron: 'veilig-thuis' }, beheerder),
      ),
    );
    await vi.waitFor(
      async () => {
        const { rows } = await handle.pool.query<{ due: number }>('SELECT count(*)::int AS due FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now()');
        expect(rows[0]?.due).toBe(0);
      },
      { timeout: 30_000, interval: 200 },
    );
    const { rows } = await handle.pool.query<{ case_id: string; escalations: number; events: number }>(
      `SELECT c.id AS case_id,
              (SELECT count(*)::int FROM escalations e WHERE e.case_id = c.id AND e.reason = 'deadline') AS escalations,
              (SELECT count(*)::int FROM case_events v WHERE v.case_id = c.id AND v.type = 'casus.opgeschaald') AS events
       FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [overdue.map((c) => c.id)],
    );
    expect(rows).toHaveLength(OVERDUE);
    expect(rows.filter((r) => r.escalations !== 1 || r.events !== 1)).toEqual([]);

    // Each instance counts what it fired; together exactly what the database says was fired.
    const firedBy = async (instance: RunningService) => {
      const url = /Metrics: (http:\/\/\S+)/.exec(instance.output())?.[1] ?? '';
      const line = (await (await fetch(url)).text()).split('\n').find((l) => l.startsWith('veilig_samen_timers_fired_total '));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const { rows: fired } = await handle.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM timers WHERE fired_at IS NOT NULL');
    expect((await firedBy(a)) + (await firedBy(b))).toBe(fired[0]?.n);
  });

  it('(c) see each other\'s writes at once', async () => {
    const created = await openCase(a, 'Gedeeld Huishouden');
    const seen = await call(b, `/v1/casussen/${created.id}`, regisseur);
    expect(seen.status).toBe(200);
    expect(versionOf(seen)).toBe(created.version);

    const first = await score(b, created.id, created.version, 'via-b');
    expect(first.status).toBe(201);
    const onA = await call(a, `/v1/casussen/${created.id}`, regisseur);
    expect(versionOf(onA)).toBe(created.version + 1);
    // A's stale ETag is refused by either instance.
    expect((await score(a, created.id, created.version, 'verouderd')).status).toBe(412);
    expect((await score(a, created.id, created.version + 1, 'via-a')).status).toBe(201);
  });

  it('(d) lose no in-flight request when one instance gets SIGTERM', async () => {
    const cases = await Promise.all(Array.from({ length: 50 }, (_, i) => openCase(b, `Afsluiten ${i}`)));
    const send = async (c: { id: string; version: number }, i: number) => {
      const marker = `afsluiten-${i}`;
      try {
        const response = await score(a, c.id, c.version, marker);
        await response.body?.cancel();
        return { ...c, marker, status: response.status as number | 'no-connection' | 'broken' };
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        if (code !== 'ECONNREFUSED') console.log('broken', code, (error as { cause?: { message?: string } }).cause?.message);
        return { ...c, marker, status: code === 'ECONNREFUSED' ? ('no-connection' as const) : ('broken' as const) };
      }
    };
    // 20 writes are on their way when SIGTERM arrives, 20 are sent while the instance drains, 10 after it closed.
    const firstWave = cases.slice(0, 20).map(send);
    await new Promise((resolve) => setTimeout(resolve, 15));
    const stopped = a.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 15));
    const secondWave = cases.slice(20, 40).map((c, i) => send(c, i + 20));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const thirdWave = cases.slice(40).map((c, i) => send(c, i + 40));
    const outcomes = await Promise.all([...firstWave, ...secondWave, ...thirdWave]);
    expect(await stopped).toBe(0);
    const tally = outcomes.reduce<Record<string, number>>((counts, o) => ({ ...counts, [o.status]: (counts[o.status] ?? 0) + 1 }), {});
    console.log(`SIGTERM under load: ${JSON.stringify(tally)}`);
    expect(outcomes.filter((o) => o.status === 'broken')).toEqual([]);
    expect(outcomes.every((o) => o.status === 201 || o.status === 503 || o.status === 'no-connection')).toBe(true);
    expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(0);

    const { rows } = await handle.pool.query<{ marker: string }>(
      "SELECT payload->'acties'->>0 AS marker FROM case_events WHERE type = 'veiligheidsscore.vastgelegd' AND payload->'acties'->>0 LIKE 'afsluiten-%'",
    );
    const stored = new Set(rows.map((r) => r.marker));
    for (const outcome of outcomes) expect(stored.has(outcome.marker), `${outcome.marker}: ${outcome.status}`).toBe(outcome.status === 201);

    // What A did not take, B takes: the client retries there.
    for (const outcome of outcomes.filter((o) => o.status !== 201)) expect((await score(b, outcome.id, outcome.version, outcome.marker)).status).toBe(201);
  });
});
