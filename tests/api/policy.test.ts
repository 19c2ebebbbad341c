/**
 * The region's escalation policy (/v1/beleid): who may change it, why, and
 * where that is recorded. Security finding 2 of issue 14: any beheerder (of
 * one municipality, of none, of one outside the region) could set threshold 0
 * and a 24-month window, unlogged.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TokenClaims } from '@veilig-samen/contracts';
import { ensureInitialPolicy, INITIAL_POLICY_REASON, MIGRATIONS_FOLDER, migrateDatabase } from '@veilig-samen/db';
import { defaultPolicy } from '@veilig-samen/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CALLERS } from '../../services/api/src/demo/banner.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';
import { createDatabase } from '../helpers/database.js';

const REGIOBEHEERDER: TokenClaims = { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] };
/** The finding's request: no escalation ever (threshold 0) and a window of two years. */
const HARMFUL = { drempel: 0, vensterMaanden: 24, stabiliteitMaanden: 3, herinneringDagenVoorDeadline: 14 };
const STRICTER = { drempel: 7, vensterMaanden: 2, stabiliteitMaanden: 4, herinneringDagenVoorDeadline: 10 };

interface LogRow {
  actor_sub: string;
  actor_role: string;
  case_id: string | null;
  action: string;
  result: string;
  status: number;
  purpose: string;
  request_id: string;
}

describe("security finding 2: only the regiobeheerder changes the region's policy, with a reason, logged", () => {
  let t: TestApp;
  let regio: Client;
  let requestNumber = 0;

  const versionsInDb = async () => Number((await t.database.handle.pool.query('SELECT count(*) AS n FROM policy_versions')).rows[0]?.n);
  const logOf = async (requestId: string) =>
    (await t.database.handle.pool.query<LogRow>('SELECT * FROM access_log WHERE request_id = $1 ORDER BY id', [requestId])).rows;
  /** POST /v1/beleid as `client`, with a request id to find its log rows by. */
  const adopt = async (client: Client, body: unknown) => {
    const requestId = `beleid-${++requestNumber}`;
    const response = await client.request('POST', '/v1/beleid', { body, headers: { 'x-request-id': requestId } });
    return { response, requestId };
  };
  const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const body = response.json() as { code: string; title: string; status: number };
    expect(body).toMatchObject({ status, code });
    expect(body.title.length).toBeGreaterThan(0);
    return body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    regio = clientFor(t, REGIOBEHEERDER);
  });
  afterAll(async () => t.close());

  const refusedCallers: [string, Partial<TokenClaims>][] = [
    ['a beheerder of one municipality', { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] }],
    ['a beheerder of several municipalities', { sub: 'beheer-2', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen', 'Wijchen', 'Druten'] }],
    ['a beheerder of no municipality', { sub: 'beheer-3', rol: 'beheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] }],
    ['a beheerder of a municipality outside the region', { sub: 'beheer-4', rol: 'beheerder', organisatie: 'Gemeente Amsterdam', gemeenten: ['Amsterdam'] }],
    ['the MDA++ coordinator', { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] }],
    ['policy staff (beleid)', { sub: 'beleid-1', rol: 'beleid', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] }],
    ['the auditor', { sub: 'audit-1', rol: 'auditor', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] }],
    ['a local team member', { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] }],
    ['an integration', { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis', gemeenten: ['Nijmegen'] }],
    ['a chain partner', { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', gemeenten: [] }],
  ];

  it.each(refusedCallers)('refuses %s with 403 problem+json, changes nothing, and logs the attempt', async (_label, claims) => {
    const client = clientFor(t, claims);
    for (const body of [HARMFUL, { ...HARMFUL, reden: 'Besluit regionaal overleg' }]) {
      const before = await versionsInDb();
      const { response, requestId } = await adopt(client, body);
      expect(await versionsInDb()).toBe(before);
      if (claims.gemeenten?.includes('Amsterdam')) {
        // A municipality outside the region's list is refused before any role is looked at (security finding 10).
        expectProblem(response, 403, 'auth.gemeente-onbekend');
        continue;
      }
      const problem = expectProblem(response, 403, 'auth.rol-niet-toegestaan');
      expect(JSON.stringify(problem)).toContain('regiobeheerder');
      expect(await logOf(requestId)).toMatchObject([
        { actor_sub: claims.sub, actor_role: claims.rol, case_id: null, action: 'POST /v1/beleid', result: 'geweigerd', status: 403 },
      ]);
    }
  });

  it('refuses a token whose role only looks like regiobeheerder', async () => {
    for (const rol of ['Regiobeheerder', 'regiobeheerder ', 'regio-beheerder', 'beheerder,regiobeheerder']) {
      const { response } = await adopt(clientFor(t, { ...REGIOBEHEERDER, rol: rol as TokenClaims['rol'] }), { ...HARMFUL, reden: 'x' });
      expectProblem(response, 401, 'auth.claims-ongeldig');
    }
    expect(await versionsInDb()).toBe(0);
  });

  it('requires a reason: missing, empty, blank, not text or too long is 400 naming reden, and nothing is written', async () => {
    for (const reden of [undefined, '', '   ', '\n\t', 42, null, ['Besluit'], 'x'.repeat(2001), 'met\u0000stuurteken']) {
      const { response, requestId } = await adopt(regio, { ...STRICTER, ...(reden === undefined ? {} : { reden }) });
      const problem = expectProblem(response, 400, 'verzoek.ongeldig') as unknown as { invalidParams: { name: string }[] };
      expect(problem.invalidParams.map((p) => p.name), JSON.stringify(reden)).toEqual(['reden']);
      expect(await logOf(requestId)).toMatchObject([{ case_id: null, action: 'POST /v1/beleid', result: 'geweigerd', status: 400 }]);
    }
    expect(await versionsInDb()).toBe(0);
  });

  it('lets the regiobeheerder adopt a version with a reason; the access log has it, and the history shows who, when and why', async () => {
    const { response, requestId } = await adopt(regio, { ...STRICTER, reden: '  Besluit regionaal overleg 12 januari: strenger na evaluatie  ' });
    expect(response.statusCode, response.body).toBe(201);
    const adoptedAt = t.clock.now().toISOString();
    expect(response.json()).toEqual({
      versie: 1,
      ...STRICTER,
      reikwijdte: 'alle-casussen',
      // The evidence closing as stabiel-veilig needs (issue 16): the defaults when not given.
      stabieleScoresMinimum: 2,
      laatsteScoreMaxMaanden: 1,
      // The werkvoorraad's planning (issue 17): the defaults when not given.
      scoringIntervalWekenDirecteVeiligheid: 4,
      scoringIntervalWekenLatereFasen: 6,
      werkvoorraadDagenVooruit: 7,
      mdaEvaluatieMaanden: 3,
      geldigVanaf: adoptedAt,
      vastgesteldOp: adoptedAt,
      vastgesteldDoor: 'regiobeheer-1',
      reden: 'Besluit regionaal overleg 12 januari: strenger na evaluatie',
    });
    expect(await logOf(requestId)).toMatchObject([
      {
        actor_sub: 'regiobeheer-1',
        actor_role: 'regiobeheerder',
        case_id: null,
        action: 'POST /v1/beleid',
        result: 'toegestaan',
        status: 201,
        purpose: expect.stringContaining('beleid'),
      },
    ]);

    t.clock.advance(86_400_000);
    const second = await adopt(regio, { ...STRICTER, drempel: 6, stabieleScoresMinimum: 3, laatsteScoreMaxMaanden: 2, reden: 'Terug naar de standaard' });
    expect(second.response.json()).toMatchObject({ stabieleScoresMinimum: 3, laatsteScoreMaxMaanden: 2 });
    expect((await adopt(regio, { ...STRICTER, stabieleScoresMinimum: 0, reden: 'Geen bewijs nodig' })).response.statusCode).toBe(400);
    expect(second.response.statusCode).toBe(201);
    for (const reader of [regio, clientFor(t, { sub: 'beheer-1', rol: 'beheerder', gemeenten: ['Nijmegen'] }), clientFor(t, { sub: 'audit-1', rol: 'auditor', gemeenten: [] })]) {
      const history = await reader.get('/v1/beleid');
      expect(history.statusCode).toBe(200);
      expect(history.json()).toMatchObject({
        inWerking: 2,
        versies: [
          { versie: 2, drempel: 6, vastgesteldDoor: 'regiobeheer-1', vastgesteldOp: t.clock.now().toISOString(), reden: 'Terug naar de standaard' },
          { versie: 1, drempel: 7, vastgesteldDoor: 'regiobeheer-1', vastgesteldOp: adoptedAt, reden: 'Besluit regionaal overleg 12 januari: strenger na evaluatie' },
        ],
      });
    }
    expectProblem(await clientFor(t).get('/v1/beleid'), 403, 'auth.rol-niet-toegestaan');
    // The new version governs new cases' windows.
    const fresh = (await clientFor(t).request('POST', '/v1/casussen', { body: household })).json();
    expect(fresh.venster).toMatchObject({ drempel: 6, beleidsversie: 2 });
  });

  it('does not adopt the version when its access-log row cannot be written (one transaction)', async () => {
    const pool = t.database.handle.pool;
    const before = await versionsInDb();
    await pool.query('ALTER TABLE access_log ADD CONSTRAINT weiger_beleid CHECK (false) NOT VALID');
    try {
      const { response } = await adopt(regio, { ...STRICTER, reden: 'Mag niet zonder logregel' });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toBe('application/problem+json');
    } finally {
      await pool.query('ALTER TABLE access_log DROP CONSTRAINT weiger_beleid');
    }
    expect(await versionsInDb()).toBe(before);
  });

  it('gives the start-up policy a reason, and the demo a regiobeheerder', async () => {
    const db = await createTestApp();
    try {
      await ensureInitialPolicy(db.database.handle.db, defaultPolicy(db.config.region), db.clock.now(), 'systeem');
      const history = (await clientFor(db, REGIOBEHEERDER).get('/v1/beleid')).json();
      expect(history.versies).toMatchObject([{ versie: 1, drempel: 6, vastgesteldDoor: 'systeem', reden: INITIAL_POLICY_REASON }]);
    } finally {
      await db.close();
    }
    expect(DEMO_CALLERS.filter((c) => c.rol === 'regiobeheerder')).toHaveLength(1);
  });
});

describe('migration 0016 (policy reasons)', () => {
  it('gives versions adopted before it a fixed reason, and refuses a new version without one', async () => {
    const database = await createDatabase({ fromTemplate: false });
    const before = await mkdtemp(path.join(tmpdir(), 'veilig-samen-migrations-'));
    try {
      // The migrations up to (not including) 0016, applied to an empty database.
      await cp(MIGRATIONS_FOLDER, before, { recursive: true });
      const journalFile = path.join(before, 'meta', '_journal.json');
      const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag === '0016_policy_reason');
      expect(at).toBeGreaterThan(0);
      await writeFile(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      await migrateDatabase(database.url, { migrationsFolder: before });

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(`INSERT INTO policy_versions (region, version, safety_threshold, escalation_window_months, stability_months,
          reminder_days_before_deadline, valid_from, created_at, created_by) VALUES ('Gelderland-Zuid', 1, 6, 3, 3, 14, now(), now(), 'beheer-1')`);
        await migrateDatabase(database.url);
        const { rows } = await client.query('SELECT created_by, reason FROM policy_versions');
        expect(rows).toEqual([{ created_by: 'beheer-1', reason: 'vastgesteld vóór de invoering van redenen' }]);
        await expect(
          client.query(`INSERT INTO policy_versions (region, version, safety_threshold, escalation_window_months, stability_months,
            reminder_days_before_deadline, valid_from, created_at, created_by) VALUES ('Gelderland-Zuid', 2, 0, 24, 3, 14, now(), now(), 'beheer-1')`),
        ).rejects.toThrow(/reason/);
      } finally {
        await client.end();
      }
    } finally {
      await rm(before, { recursive: true, force: true });
      await database.drop();
    }
  });
});
