/**
 * The service is killed (SIGKILL, no shutdown) at random moments under write
 * load, 20 times, and started again each time (issue 8, "crash"). Writers
 * record every write the service acknowledged with 2xx. Afterwards:
 *   - every acknowledged score is in the event log, at the version the answer's
 *     ETag named, and every acknowledged new case exists;
 *   - no case row disagrees with its event log (rebuilt from the events), and
 *     no case's event sequence has a gap;
 *   - every imported overdue case (its deadline due when it was created) was
 *     escalated exactly once: no timer lost, none fired twice;
 *   - the access log's hash chains are intact.
 * Seed: CRASH_SEED (printed as `crash seed=<n>`); it fixes the load's length
 * before each kill and each writer's choices.
 */
import { signToken, verifyCaseFromEvents } from '@veilig-samen/api';
import { connect, eventSequenceGaps, verifyAccessLogChains, type DatabaseHandle } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUDIT_ENV, TEST_AUDIT_KEYRING, TEST_JWT_SECRET } from '../helpers/app.js';
import { createDatabase } from '../helpers/database.js';
import { startService, type RunningService } from '../helpers/process.js';
import { seedFrom, seededRandom } from '../helpers/random.js';

const SEED = seedFrom('CRASH_SEED', 'crash');

const KILLS = 20;
const WRITERS = 6;
const SCORED_CASES = 24;

const claims = {
  regisseur: { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] },
  beheerder: { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] },
} as const;
const tokens = Object.fromEntries(
  Object.entries(claims).map(([key, value]) => [
    key,
    signToken({ ...value, gemeenten: [...value.gemeenten] }, { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 3600 }),
  ]),
) as Record<keyof typeof claims, string>;

interface TrackedCase {
  readonly id: string;
  /** The version the last answer named; undefined after a write whose outcome is unknown (the process died). */
  version: number | undefined;
}

describe('the service killed under write load', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let handle: DatabaseHandle;
  let service: RunningService | undefined;
  const random = seededRandom(SEED);
  const scored: TrackedCase[] = [];
  const acknowledgedScores: { caseId: string; version: number; marker: string }[] = [];
  const acknowledgedCases: string[] = [];
  const overdueCases: string[] = [];
  let sequence = 0;
  let kills = 0;

  const env = () => ({
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    MATCHING_KEY: TEST_JWT_SECRET,
    ...TEST_AUDIT_ENV,
    DEMO: 'false',
    TIMER_POLL_INTERVAL_MS: '100',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const api = (path: string, token: string, init: RequestInit = {}) => {
    if (!service) throw new Error('no service');
    return fetch(`${service.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
  };
  const versionOf = (response: Response) => Number((response.headers.get('etag') ?? '').replaceAll('"', ''));

  beforeAll(async () => {
    database = await createDatabase();
    handle = connect(database.url, { max: 2 });
    service = await startService(env());
    for (let i = 0; i < SCORED_CASES; i++) {
      const response = await api('/v1/casussen', tokens.regisseur, {
        method: 'POST',
        body: JSON.stringify({ gemeente: 'Nijmegen', bron: 'politie', leden: [{ naam: `Crash Huishouden ${i}`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] }),
      });
      expect(response.status).toBe(201);
      scored.push({ id: ((await response.json()) as { id: string }).id, version: versionOf(response) });
    }
  }, 120_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await handle?.close();
    await database?.drop();
  });

  /** One writer: scores on cases no other writer holds, now and then an overdue import, until the process dies. */
  async function writer(free: TrackedCase[], alive: () => boolean): Promise<void> {
    while (alive()) {
      const n = ++sequence;
      try {
        if (random() < 0.15) {
          const response = await api('/v1/casussen', tokens.beheerder, {
            method: 'POST',
            body: JSON.stringify({
              gemeente: 'Nijmegen',
              bron: 'veilig-thuis',
              leden: [{ naam: `Crash Import ${n}`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
              regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' },
              // Started four months ago without a 6: the deadline is due at once.
              startdatum: new Date(Date.now() - 125 * 86_400_000).toISOString().slice(0, 10),
            }),
          });
          if (response.status !== 201) throw new Error(`import answered ${response.status}: ${await response.text()}`);
          const id = ((await response.json()) as { id: string }).id;
          acknowledgedCases.push(id);
          overdueCases.push(id);
          continue;
        }
        const target = free.shift();
        if (!target) return;
        try {
          if (target.version === undefined) {
            const current = await api(`/v1/casussen/${target.id}`, tokens.regisseur);
            await current.body?.cancel();
            target.version = versionOf(current);
          }
          const marker = `crash-${n}`;
          const response = await api(`/v1/casussen/${target.id}/veiligheidsscores`, tokens.regisseur, {
            method: 'POST',
            headers: { 'if-match': `"${target.version}"` },
            body: JSON.stringify({ score: Math.floor(random() * 11), acties: [marker, 'Huisbezoek', 'Contact school'] }),
          });
          await response.body?.cancel();
          if (response.status !== 201) throw new Error(`score answered ${response.status}`);
          target.version = versionOf(response);
          acknowledgedScores.push({ caseId: target.id, version: target.version, marker });
        } catch (error) {
          // The process died with this write in flight: its outcome is unknown, so the version is too.
          target.version = undefined;
          throw error;
        } finally {
          free.push(target);
        }
      } catch (error) {
        if (alive()) throw error;
        return;
      }
    }
  }

  it(`loses no acknowledged write and no timer over ${KILLS} kills`, async () => {
    for (let round = 0; round < KILLS; round++) {
      service ??= await startService(env());
      let alive = true;
      const free = [...scored];
      const writers = Array.from({ length: WRITERS }, () => writer(free, () => alive));
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.floor(random() * 1200)));
      alive = false;
      const killed = service.stop('SIGKILL');
      service = undefined;
      expect(await killed).toBeNull();
      kills++;
      await Promise.all(writers);
    }
    expect(kills).toBe(KILLS);
    console.log(`crash: ${kills} kills, ${acknowledgedScores.length} acknowledged scores, ${acknowledgedCases.length} acknowledged overdue imports`);
    expect(acknowledgedScores.length).toBeGreaterThan(KILLS * 5);
    expect(overdueCases.length).toBeGreaterThan(KILLS / 2);

    // Once more, to let the timer worker fire what was due when the last process died.
    service = await startService(env());
    const pool = handle.pool;
    for (let attempt = 0; ; attempt++) {
      const { rows } = await pool.query<{ due: number }>('SELECT count(*)::int AS due FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now()');
      if (rows[0]?.due === 0) break;
      if (attempt > 300) throw new Error(`${rows[0]?.due} due timers left unfired`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await service.stop('SIGTERM');
    service = undefined;

    const events = await pool.query<{ case_id: string; seq: number; marker: string | null }>(
      "SELECT case_id, seq, payload->'acties'->>0 AS marker FROM case_events WHERE type = 'veiligheidsscore.vastgelegd'",
    );
    const stored = new Map(events.rows.map((row) => [`${row.case_id}/${row.seq}`, row.marker]));
    const missing = acknowledgedScores.filter((ack) => stored.get(`${ack.caseId}/${ack.version}`) !== ack.marker);
    expect(missing).toEqual([]);
    const cases = await pool.query<{ id: string }>('SELECT id FROM cases');
    const ids = new Set(cases.rows.map((row) => row.id));
    expect(acknowledgedCases.filter((id) => !ids.has(id))).toEqual([]);

    for (const { id } of cases.rows) {
      const check = await verifyCaseFromEvents(handle.db, id);
      expect(check.matches, `case ${id} disagrees with its events`).toBe(true);
      expect(await eventSequenceGaps(handle.db, id)).toBe(0);
    }

    // Every overdue case that exists (acknowledged or not) escalated exactly once for its first window.
    const escalated = await pool.query<{ case_id: string; escalations: number; events: number }>(
      `SELECT c.id AS case_id,
              (SELECT count(*)::int FROM escalations e WHERE e.case_id = c.id AND e.reason = 'deadline') AS escalations,
              (SELECT count(*)::int FROM case_events ev WHERE ev.case_id = c.id AND ev.type = 'casus.opgeschaald') AS events
       FROM cases c WHERE EXISTS (SELECT 1 FROM case_events o WHERE o.case_id = c.id AND o.seq = 1 AND o.actor_sub = 'beheer-1')`,
    );
    expect(escalated.rows.length).toBeGreaterThanOrEqual(overdueCases.length);
    expect(escalated.rows.filter((row) => row.escalations !== 1 || row.events !== 1)).toEqual([]);
    const firedTwice = await pool.query(
      "SELECT case_id, window_number FROM timers WHERE kind = 'veiligheidsdeadline' AND fired_at IS NOT NULL GROUP BY case_id, window_number HAVING count(*) > 1",
    );
    expect(firedTwice.rows).toEqual([]);

    expect((await verifyAccessLogChains(handle.db, TEST_AUDIT_KEYRING)).broken).toEqual([]);
  }, 300_000);
});
