/**
 * A region of N cases: the list, search and queue endpoints and a case manager's
 * werkvoorraad under load (p99), the
 * plans PostgreSQL chooses for their queries (EXPLAIN), and the escalation
 * sweep (firing 1,000 due deadlines) at that size.
 *
 * The region is the demo's ~100 households (real histories through the real
 * use-cases), cloned server-side to N cases: each clone gets a fresh id, a
 * regisseur of its own (about 40 cases per professional, as in a local team),
 * and copies of its template's open escalations and pending timers. Clones
 * carry no event history: nothing measured here reads it. 1,000 more clones of
 * a case imported four months back without a 6 have a due deadline.
 */
import { buildApp, createCase, DEMO_MUNICIPALITIES, fireDueTimersForBench, loadConfig, municipalitiesSetting, resolveJwtKeys, seedDemoData } from '@veilig-samen/api';
import { connect, ensureInitialPolicy, migrateDatabase } from '@veilig-samen/db';
import { defaultPolicy, systemClock, type Caller } from '@veilig-samen/domain';
import pg from 'pg';
import { dropDatabase, freshDatabase } from './lib/database.js';
import { load, type LoadResult } from './lib/load.js';
import type { Settings } from './lib/settings.js';
import { BENCH_SECRET, benchToken, startService } from './io.js';

const REGION = 'Gelderland-Zuid';
const DUE = 1000;
const CASES_PER_PROFESSIONAL = 40;
const importer: Caller = { sub: 'bench', role: 'integratie', organisation: 'Bench', municipalities: ['Nijmegen'] };

export interface ListFigure {
  readonly load: LoadResult;
  /** EXPLAIN ANALYZE of the page query and the count (and the page's case lookup), top down. */
  readonly plans: string[][];
  /** Rows the plans read and then threw away (Rows Removed by Filter): an index that does not fit shows here. */
  readonly rowsRemovedByFilter: number;
  /** No sequential scan of cases or escalations, and at most 1,000 rows read for nothing. */
  readonly usesIndexes: boolean;
}

/** The most rows a list's plans may read and discard before the list counts as not served by its indexes. */
const MAX_DISCARDED_ROWS = 1000;

export interface RegionFigures {
  readonly cases: number;
  readonly seedSeconds: number;
  readonly queue: ListFigure;
  readonly byPhaseForAdministrator: ListFigure;
  readonly byPhaseForCaseManager: ListFigure;
  /** Issue 17 point 2: a search by name (trigram index on case_search) among the caller's cases. */
  readonly searchForAdministrator: ListFigure;
  readonly searchForCaseManager: ListFigure;
  /** Issue 17: a case manager's werkvoorraad (signals and the items their 40 cases imply). */
  readonly werkvoorraad: ListFigure;
  readonly sweep: { readonly fired: number; readonly ms: number; readonly msPerEscalation: number };
}

const LISTS = {
  queue: { path: '/v1/opschalingen', caller: { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] as string[] } },
  byPhaseForAdministrator: { path: '/v1/casussen?fase=blijvend-voorkomen', caller: { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] } },
  byPhaseForCaseManager: { path: '/v1/casussen?fase=directe-veiligheid', caller: { sub: 'mw-17', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] } },
  // A surname of the demo region with a typo: the fuzzy path, over every clone of its households.
  searchForAdministrator: { path: '/v1/casussen?zoek=Hendrisk', caller: { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] } },
  searchForCaseManager: { path: '/v1/casussen?zoek=Hendrisk', caller: { sub: 'mw-17', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] } },
  werkvoorraad: { path: '/v1/werkvoorraad', caller: { sub: 'mw-17', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] } },
} as const;

/** A hundred common Dutch surnames, normalised as case_search holds them (lower case, no accents). */
const COMMON_SURNAMES = (
  'de jong,jansen,de vries,van den berg,van dijk,bakker,janssen,visser,smit,meijer,de boer,mulder,de groot,bos,vos,' +
  'peters,hendriks,van leeuwen,dekker,brouwer,de wit,dijkstra,smits,de graaf,van der meer,van der linden,kok,jacobs,' +
  'de haan,vermeulen,van den heuvel,van der veen,van den broek,de bruijn,de bruin,van der heijden,schouten,van beek,' +
  'willems,van vliet,van de ven,hoekstra,maas,verhoeven,koster,van dam,van der wal,prins,blom,huisman,peeters,' +
  'de jonge,kuipers,van veen,post,kuiper,veenstra,kramer,van den brink,scholten,van wijk,postma,martens,vink,' +
  'de ruiter,timmermans,groen,gerritsen,jonker,van loon,boer,van der velde,willemsen,smeets,de lange,de vos,bosch,' +
  'van dongen,schipper,de koning,van der laan,koning,van der velden,driessen,van doorn,hermans,evers,van den bosch,' +
  'van der meulen,hofman,bosman,wolters,sanders,van der horst,mol,kuijpers,molenaar,van de pol,de leeuw,verbeek,yilmaz'
).split(',');

export async function regionBenchmarks(serverUrl: string, total: number, settings: Settings): Promise<RegionFigures> {
  const name = `bench_region_${total}`;
  const url = await freshDatabase(serverUrl, name);
  try {
    const seedSeconds = await buildRegion(url, total);
    const plans = await explainLists(url);
    const service = await startService(url, { TIMER_WORKER: 'false' });
    const figures: Partial<Record<keyof typeof LISTS, ListFigure>> = {};
    try {
      for (const [key, list] of Object.entries(LISTS) as [keyof typeof LISTS, (typeof LISTS)[keyof typeof LISTS]][]) {
        const token = benchToken(list.caller);
        const result = await load(`GET ${list.path} (${total.toLocaleString('en')} cases)`, {
          url: service.url,
          connections: settings.listConnections,
          seconds: settings.seconds,
          warmupSeconds: settings.warmupSeconds,
          requests: [{ method: 'GET', path: list.path, headers: { authorization: `Bearer ${token}` } }],
        });
        const { plans: planned, discarded } = plans[key];
        const scans = planned.some((plan) => plan.some((node) => /Seq Scan on (cases|escalations)\b/.test(node)));
        figures[key] = { load: result, plans: planned, rowsRemovedByFilter: discarded, usesIndexes: !scans && discarded <= MAX_DISCARDED_ROWS };
      }
    } finally {
      await service.stop();
    }
    const sweep = await measureSweep(url);
    return {
      cases: total,
      seedSeconds,
      queue: figures.queue as ListFigure,
      byPhaseForAdministrator: figures.byPhaseForAdministrator as ListFigure,
      byPhaseForCaseManager: figures.byPhaseForCaseManager as ListFigure,
      searchForAdministrator: figures.searchForAdministrator as ListFigure,
      searchForCaseManager: figures.searchForCaseManager as ListFigure,
      werkvoorraad: figures.werkvoorraad as ListFigure,
      sweep,
    };
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

async function buildRegion(url: string, total: number): Promise<number> {
  const started = performance.now();
  process.stdout.write(`bench: region of ${total.toLocaleString('en')} cases: migrating, demo households… `);
  await migrateDatabase(url);
  const database = connect(url, { max: 4 });
  try {
    const now = systemClock.now();
    await ensureInitialPolicy(database.db, defaultPolicy(REGION), now, 'systeem');
    const deps = { db: database.db, clock: systemClock, region: REGION, municipalities: DEMO_MUNICIPALITIES };
    await seedDemoData({ ...deps, matchingKey: BENCH_SECRET });
    const overdue = await createCase(deps, importer, {
      gemeente: 'Nijmegen',
      bron: 'veilig-thuis',
      leden: [
        { voornamen: 'Bench', geslachtsnaam: 'Ouder', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
        { voornamen: 'Bench', geslachtsnaam: 'Kind', relatie: 'kind', betrokkenheid: ['getuige'] },
      ],
      regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
      startdatum: new Date(now.getTime() - 125 * 86_400_000).toISOString().slice(0, 10),
    });
    const pool = database.pool;
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE id <> $1', [overdue.id]);
    const templates = rows[0]?.n ?? 1;
    const regionClones = Math.max(0, total - templates - DUE);
    process.stdout.write(`cloning… `);
    // Which clone comes from which template (the overdue one DUE - 1 times); regisseur numbers spread the clones over professionals.
    await pool.query(
      `CREATE TABLE bench_clones AS
       SELECT gen_random_uuid() AS id, source, (row_number() OVER ()) AS n
       FROM ((SELECT c.id AS source FROM generate_series(1, $1::int), cases c WHERE c.id <> $2 LIMIT $1)
             UNION ALL SELECT $2::uuid FROM generate_series(1, $3::int)) s`,
      [regionClones, overdue.id, DUE - 1],
    );
    await pool.query(
      `INSERT INTO cases (id, region, municipality, phase, regisseur_id, regisseur_organisation, version, state, safety_deadline,
                          window_start, window_reason, threshold_reached_at, rule_applies, latest_score, latest_score_at, escalated, policy_version,
                          phase_since, opened_at, updated_at, closed_at, designation, work_items, work_from)
       SELECT m.id, c.region, c.municipality, c.phase, 'mw-' || (m.n / $1), c.regisseur_organisation, c.version,
              jsonb_set(jsonb_set(c.state, '{context,id}', to_jsonb(m.id::text)), '{context,regisseur,id}', to_jsonb('mw-' || (m.n / $1))),
              c.safety_deadline, c.window_start, c.window_reason, c.threshold_reached_at, c.rule_applies, c.latest_score, c.latest_score_at, c.escalated,
              c.policy_version, c.phase_since, c.opened_at, c.updated_at, c.closed_at, c.designation, c.work_items, c.work_from
       FROM bench_clones m JOIN cases c ON c.id = m.source`,
      [CASES_PER_PROFESSIONAL],
    );
    // The clones' households are searchable (issue 17 point 2). The demo's few dozen households share a handful of
    // surnames; copied 10,000 times, one surname would be 8% of the region, far from any real one (the most common
    // Dutch surname is well under 1% of the population). So one clone in a hundred keeps its template's names and
    // the others take a first name from it and a surname from the common Dutch ones, each about 1% of the region.
    await pool.query(
      `INSERT INTO case_search (case_id, member_id, name, birth_date)
       SELECT m.id, s.member_id,
              CASE WHEN m.n % 100 = 0 THEN s.name
                   ELSE split_part(s.name, ' ', 1) || ' ' || ($1::text[])[1 + (m.n % array_length($1::text[], 1))] END,
              s.birth_date
       FROM bench_clones m JOIN case_search s ON s.case_id = m.source`,
      [COMMON_SURNAMES],
    );
    await pool.query(
      `INSERT INTO escalations (id, case_id, region, municipality, reason, reasons, explanation, window_number, status, created_at, created_by,
                                decided_at, decided_by, reasoning, advice, follow_up_at, follow_up_note, follow_up_due_since)
       SELECT gen_random_uuid(), m.id, e.region, e.municipality, e.reason, e.reasons, e.explanation, e.window_number, e.status, e.created_at, e.created_by,
              e.decided_at, e.decided_by, e.reasoning, e.advice, e.follow_up_at, e.follow_up_note, e.follow_up_due_since
       FROM bench_clones m JOIN escalations e ON e.case_id = m.source`,
    );
    await pool.query(
      `INSERT INTO timers (id, case_id, kind, due_at, window_number, escalation_id, note, created_at)
       SELECT gen_random_uuid(), m.id, t.kind, t.due_at, t.window_number, NULL, t.note, t.created_at
       FROM bench_clones m JOIN timers t ON t.case_id = m.source
       WHERE t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.escalation_id IS NULL`,
    );
    await pool.query('DROP TABLE bench_clones');
    await pool.query('VACUUM ANALYZE');
    const { rows: counted } = await pool.query<{ cases: number; due: number }>(
      `SELECT (SELECT count(*)::int FROM cases) AS cases,
              (SELECT count(*)::int FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now()) AS due`,
    );
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${counted[0]?.cases} cases, ${counted[0]?.due} timers due, ${seconds.toFixed(0)} s\n`);
    return seconds;
  } finally {
    await database.close();
  }
}

/**
 * The plans of the queries the service really sends for each list: the app
 * runs in this process for one request per list while the queries it sends
 * are recorded, then each is EXPLAINed with its parameters.
 */
async function explainLists(url: string): Promise<Record<keyof typeof LISTS, { plans: string[][]; discarded: number }>> {
  const config = loadConfig({
    DATABASE_URL: url,
    JWT_SECRET: BENCH_SECRET,
    MATCHING_KEY: BENCH_SECRET,
    LOG_LEVEL: 'warn',
    DEMO: 'false',
    TIMER_WORKER: 'false',
    GEMEENTEN: municipalitiesSetting(DEMO_MUNICIPALITIES),
  });
  const database = connect(url);
  const app = await buildApp({ config, database, jwtKeys: await resolveJwtKeys(config), matchingKey: BENCH_SECRET, auditKey: { id: 'bench', secret: BENCH_SECRET }, clock: systemClock });
  const explain = new pg.Client({ connectionString: url });
  await explain.connect();
  // The one place the driver is wrapped: to record what the service sends, nothing else.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = pg.Client.prototype.query;
  const recorded: { text: string; values: unknown[] }[] = [];
  try {
    const result: Partial<Record<keyof typeof LISTS, { plans: string[][]; discarded: number }>> = {};
    for (const [key, list] of Object.entries(LISTS) as [keyof typeof LISTS, (typeof LISTS)[keyof typeof LISTS]][]) {
      recorded.length = 0;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const [query, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
        if (this !== explain) recorded.push(typeof query === 'string' ? { text: query, values: values ?? [] } : { text: query.text, values: query.values ?? values ?? [] });
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      const response = await app.inject({ method: 'GET', url: list.path, headers: { authorization: `Bearer ${benchToken(list.caller)}` } });
      pg.Client.prototype.query = original;
      if (response.statusCode !== 200) throw new Error(`${list.path}: ${response.statusCode}`);
      // The page and the count; not the per-item lookups by primary key.
      // The werkvoorraad's one statement (signals and the items the cases imply) starts with its CTE.
      const lists = recorded.filter((q) => (/^select .* from "(cases|escalations)"/is.test(q.text) || /^\s*with items as/i.test(q.text)) && !/where "cases"\."id" = \$1$/.test(q.text.trim()));
      const entry = { plans: [] as string[][], discarded: 0 };
      for (const query of lists) {
        const { rows } = await explain.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, TIMING OFF) ${query.text}`, query.values);
        const lines = rows.map((r) => r['QUERY PLAN'].trim());
        entry.discarded += lines.reduce((sum, line) => sum + Number(/^Rows Removed by Filter: (\d+)/.exec(line)?.[1] ?? 0), 0);
        entry.plans.push(lines.filter((line) => !line.startsWith('Filter') && !line.startsWith('Sort Key')).map((line) => line.replace(/\(cost=[^)]*\) /, '')));
      }
      result[key] = entry;
    }
    return result as Record<keyof typeof LISTS, { plans: string[][]; discarded: number }>;
  } finally {
    pg.Client.prototype.query = original;
    await explain.end();
    await app.close();
    await database.close();
  }
}

async function measureSweep(url: string): Promise<RegionFigures['sweep']> {
  const database = connect(url, { max: 4 });
  try {
    process.stdout.write('bench: escalation sweep… ');
    const t0 = performance.now();
    const fired = await fireDueTimersForBench({ db: database.db, clock: systemClock }, DUE * 3);
    const ms = performance.now() - t0;
    process.stdout.write(`${fired} fired in ${Math.round(ms)} ms\n`);
    if (fired < DUE) throw new Error(`expected at least ${DUE} due timers to fire, fired ${fired}`);
    return { fired, ms, msPerEscalation: ms / fired };
  } finally {
    await database.close();
  }
}
