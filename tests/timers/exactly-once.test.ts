/**
 * Timers fire exactly once: three workers with their own pools (as three
 * instances would have) race over 1,000 due deadlines; and a worker that dies
 * holding a claimed timer loses nothing.
 */
import { connect, type DatabaseHandle } from '@veilig-samen/db';
import { manualClock, type Caller } from '@veilig-samen/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../services/api/src/cases/use-cases.js';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { testMunicipalities } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const CASES = 1000;
const importer: Caller = { sub: 'import', role: 'integratie', organisation: 'Veilig Thuis', municipalities: ['Nijmegen'] };

describe('timers fire exactly once', () => {
  let database: TestDatabase;
  const workers: DatabaseHandle[] = [];
  const clock = manualClock(new Date('2026-06-01T09:00:00Z'));

  beforeAll(async () => {
    database = await createTestDatabase();
    const deps = { db: database.handle.db, clock, region: 'Test', municipalities: testMunicipalities() };
    // Imported cases that started 4 months ago without a 6: every one is due.
    for (let i = 0; i < CASES; i++) {
      await createCase(deps, importer, {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [{ naam: `Lid ${i}`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
        regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
        startdatum: '2026-02-01',
      });
    }
    for (let i = 0; i < 3; i++) workers.push(connect(database.url, { max: 4, applicationName: `worker-${i}` }));
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await database.drop();
  });

  const count = async (sql: string) => Number((await database.handle.pool.query<{ n: string }>(sql)).rows[0]?.n);

  it('three racing workers fire 1,000 due deadlines, each exactly once', async () => {
    expect(await count("SELECT count(*) AS n FROM timers WHERE kind = 'veiligheidsdeadline' AND fired_at IS NULL")).toBe(CASES);
    const fired = await Promise.all(workers.map((w) => fireDueTimers({ db: w.db, clock }, CASES * 2)));
    expect(fired.reduce((a, b) => a + b, 0)).toBe(CASES);
    expect(fired.every((n) => n > 0)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM timers WHERE outcome = 'opgeschaald'")).toBe(CASES);
    expect(await count('SELECT count(*) AS n FROM escalations')).toBe(CASES);
    expect(await count("SELECT count(*) AS n FROM case_events WHERE type = 'casus.opgeschaald'")).toBe(CASES);
    expect(await count("SELECT count(*) AS n FROM (SELECT case_id FROM case_events WHERE type = 'casus.opgeschaald' GROUP BY case_id HAVING count(*) > 1) d")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM cases WHERE escalated')).toBe(CASES);
    // Nothing is left to fire.
    expect(await fireDueTimers({ db: workers[0]?.db ?? database.handle.db, clock })).toBe(0);
  }, 120_000);

  it('a worker killed mid-transaction loses nothing: the timer fires later', async () => {
    await createCase({ db: database.handle.db, clock, region: 'Test', municipalities: testMunicipalities() }, importer, {
      gemeente: 'Nijmegen',
      bron: 'politie',
      leden: [{ naam: 'Laatste', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
      regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
      startdatum: '2026-02-01',
    });
    // A "worker" claims the due timer, starts its work, and dies before committing.
    const doomed = new pg.Client({ connectionString: database.url });
    await doomed.connect();
    doomed.on('error', () => undefined);
    await doomed.query('BEGIN');
    const claimed = await doomed.query<{ id: string }>(
      'SELECT id FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED',
      [clock.now()],
    );
    expect(claimed.rowCount).toBe(1);
    await doomed.query("UPDATE timers SET fired_at = now(), outcome = 'half' WHERE id = $1", [claimed.rows[0]?.id]);
    // While it holds the lock, other workers skip the timer rather than wait or fire it twice.
    expect(await fireDueTimers({ db: workers[1]?.db ?? database.handle.db, clock })).toBe(0);
    await database.handle.pool.query('SELECT pg_terminate_backend($1)', [(doomed as unknown as { processID: number }).processID]);
    await doomed.end().catch(() => undefined);

    expect(await fireDueTimers({ db: workers[2]?.db ?? database.handle.db, clock })).toBe(1);
    const row = await database.handle.pool.query<{ outcome: string }>('SELECT outcome FROM timers WHERE id = $1', [claimed.rows[0]?.id]);
    expect(row.rows[0]?.outcome).toBe('opgeschaald');
  }, 60_000);

  it('never waits for a case held by a command (no deadlock): the timer fires on a later poll', async () => {
    const created = await createCase({ db: database.handle.db, clock, region: 'Test', municipalities: testMunicipalities() }, importer, {
      gemeente: 'Nijmegen',
      bron: 'politie',
      leden: [{ naam: 'Bezet', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }],
      regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
      startdatum: '2026-02-01',
    });
    // A command holds the case row (and would next touch the case's timers).
    const command = new pg.Client({ connectionString: database.url });
    await command.connect();
    await command.query('BEGIN');
    await command.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [created.id]);
    expect(await fireDueTimers({ db: workers[0]?.db ?? database.handle.db, clock })).toBe(0);
    // The command can still update the case's timers: the worker holds none.
    await command.query('UPDATE timers SET created_at = created_at WHERE case_id = $1', [created.id]);
    await command.query('COMMIT');
    await command.end();
    expect(await fireDueTimers({ db: workers[0]?.db ?? database.handle.db, clock })).toBe(1);
    const timers = await database.handle.pool.query<{ outcome: string; cancelled_at: Date | null }>(
      "SELECT outcome, cancelled_at FROM timers WHERE case_id = $1 AND kind = 'veiligheidsdeadline'",
      [created.id],
    );
    expect(timers.rows).toEqual([{ outcome: 'opgeschaald', cancelled_at: null }]);
  }, 60_000);
});

