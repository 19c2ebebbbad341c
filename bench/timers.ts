/**
 * `pnpm bench` (part 2): firing due deadlines must cost the same per
 * escalation whether the region has 10,000 or 100,000 open cases. For each
 * size, a fresh database gets that many open cases (cloned server-side from
 * one real case), each with a pending deadline timer, of which 1,000 are due;
 * then one worker fires the due ones. Printed: time per fired escalation and
 * the ratio 100,000 / 10,000 (target <= 1.5).
 */
import { createCase, fireDueTimersForBench } from '@veilig-samen/api';
import { connect, migrateDatabase } from '@veilig-samen/db';
import { manualClock, type Caller } from '@veilig-samen/domain';
import pg from 'pg';
import { benchDatabaseServer } from './database.js';

const SIZES = (process.env.BENCH_TIMER_SIZES ?? '10000,100000').split(',').map(Number);
const DUE = 1000;
const importer: Caller = { sub: 'bench', role: 'integratie', organisation: 'Bench', municipalities: ['Nijmegen'] };

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function measureSize(serverUrl: string, total: number): Promise<{ total: number; fired: number; ms: number }> {
  const name = `bench_timers_${total}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(serverUrl, name);
  await migrateDatabase(url);
  const database = connect(url, { max: 4 });
  try {
    const clock = manualClock(new Date('2026-06-01T09:00:00Z'));
    // One real case, imported 4 months back without a 6: its deadline is due.
    const template = await createCase({ db: database.db, clock, region: 'Bench' }, importer, {
      gemeente: 'Nijmegen',
      bron: 'veilig-thuis',
      leden: [
        { naam: 'Bench Ouder', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
        { naam: 'Bench Kind', relatie: 'kind', betrokkenheid: ['getuige'] },
      ],
      regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
      startdatum: '2026-02-01',
    });
    const started = performance.now();
    process.stdout.write(`bench: ${total} cases: cloning… `);
    await database.pool.query(
      `WITH ids AS (SELECT gen_random_uuid() AS id FROM generate_series(1, $2::int))
       INSERT INTO cases (id, region, municipality, phase, regisseur_id, regisseur_organisation, version, state, safety_deadline,
                          threshold_reached, latest_score, escalated, policy_version, phase_since, opened_at, updated_at, closed_at)
       SELECT ids.id, c.region, c.municipality, c.phase, c.regisseur_id, c.regisseur_organisation, c.version,
              jsonb_set(c.state, '{context,id}', to_jsonb(ids.id::text)), c.safety_deadline, c.threshold_reached, c.latest_score,
              c.escalated, c.policy_version, c.phase_since, c.opened_at, c.updated_at, c.closed_at
       FROM ids, cases c WHERE c.id = $1`,
      [template.id, total - 1],
    );
    await database.pool.query(
      `INSERT INTO case_events (case_id, seq, type, payload, actor_sub, actor_role, actor_organisation, occurred_at)
       SELECT c.id, 1, e.type, jsonb_set(e.payload, '{id}', to_jsonb(c.id::text)), e.actor_sub, e.actor_role, e.actor_organisation, e.occurred_at
       FROM cases c, case_events e WHERE e.case_id = $1 AND c.id <> $1`,
      [template.id],
    );
    // The template's own timer is due; DUE - 1 clones are due too, the rest wait months.
    await database.pool.query(
      `INSERT INTO timers (case_id, kind, due_at, window_number, created_at)
       SELECT id, 'veiligheidsdeadline',
              CASE WHEN row_number() OVER (ORDER BY id) < $2 THEN timestamptz '2026-05-01T08:00:00Z' ELSE timestamptz '2026-12-01T08:00:00Z' END,
              1, now()
       FROM cases WHERE id <> $1`,
      [template.id, DUE],
    );
    await database.pool.query('VACUUM ANALYZE');
    process.stdout.write(`${Math.round(performance.now() - started)} ms; firing… `);

    const t0 = performance.now();
    const fired = await fireDueTimersForBench({ db: database.db, clock }, DUE * 2);
    const ms = performance.now() - t0;
    process.stdout.write(`${fired} fired in ${Math.round(ms)} ms\n`);
    if (fired !== DUE) throw new Error(`expected ${DUE} escalations, fired ${fired}`);
    return { total, fired, ms };
  } finally {
    await database.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}

async function main(): Promise<void> {
  const server = await benchDatabaseServer();
  const serverUrl = server.url;
  const stop = server.stop;
  try {
    const results = [];
    for (const size of SIZES) results.push(await measureSize(serverUrl, size));
    const base = results[0];
    console.table(
      results.map((r) => ({
        'open cases': r.total,
        'due (fired)': r.fired,
        'total ms': Math.round(r.ms),
        'ms per escalation': (r.ms / r.fired).toFixed(3),
        [`ratio vs ${base?.total ?? '?'}`]: base ? (r.ms / r.fired / (base.ms / base.fired)).toFixed(2) : '-',
      })),
    );
  } finally {
    await stop();
  }
}

await main();
