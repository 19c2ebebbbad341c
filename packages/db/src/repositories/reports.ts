/**
 * SQL for the region's insights reports (/v1/rapportages): raw counts per
 * municipality plus the region's total, one query per report. Each query
 * selects the units it counts (cases, safety windows, escalations, closures)
 * and aggregates them with GROUPING SETS ((municipality), ()), so the total
 * row counts distinct households and computes percentiles over the whole
 * region rather than adding up the municipalities' rows.
 *
 * Nothing here hides small numbers: the API's disclosure control
 * (services/api/src/reports/suppression.ts) does, with the households each
 * count concerns. There is no filter on one municipality on purpose: the API
 * discloses the whole region's table and shows one municipality's row from
 * it, so that a figure reads the same however it is asked for. Only the
 * region's configured municipalities count: a row with any other name (one
 * stored before the service refused unknown names) is in no report.
 */
import { OPEN_PHASES, REGION_TIME_ZONE, type OpenPhase } from '@veilig-samen/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../executor.js';

/** A count and the number of distinct households (cases) it concerns. */
export interface Tally {
  readonly count: number;
  readonly households: number;
}

/** One municipality's figures, or the total (`municipality` null). */
export interface TallyRow<K extends string, V extends string = never> {
  readonly municipality: string | null;
  readonly tallies: Readonly<Record<K, Tally>>;
  readonly values: Readonly<Record<V, number | null>>;
}

export interface ReportScope {
  readonly region: string;
  /** The region's municipalities (their names): units elsewhere are left out. */
  readonly municipalities: readonly string[];
  /** The period [from, to); the reports of the state now ignore it. */
  readonly from: Date;
  readonly to: Date;
  /** The moment of the report (peildatum). */
  readonly now: Date;
}

/**
 * Counts the rows of `units` (which must have `case_id` and `municipality`)
 * that satisfy `condition`, and the distinct households among them. `measure`
 * replaces the count, e.g. a sum of agreements per case.
 */
const tally = (condition: SQL, measure: SQL = sql`count(*)`): SQL =>
  sql`json_build_object('count', coalesce(${measure} FILTER (WHERE ${condition}), 0), 'households', count(DISTINCT u.case_id) FILTER (WHERE ${condition}))`;

/** A continuous percentile (linear interpolation) over the non-null values of `days`. */
const percentile = (fraction: number, days: SQL): SQL => sql`percentile_cont(${sql.raw(String(fraction))}) WITHIN GROUP (ORDER BY ${days})`;

/** Days between two timestamps, with fractions. */
const daysBetween = (from: SQL, to: SQL): SQL => sql`(extract(epoch FROM (${to} - ${from})) / 86400)::float8`;

const ALL = sql`true`;

/** One row per municipality of the region with units, then the total row; `units` is a subquery. */
async function perMunicipality<K extends string, V extends string = never>(
  db: Executor,
  scope: ReportScope,
  units: SQL,
  tallies: Readonly<Record<K, SQL>>,
  values: Readonly<Record<V, SQL>> = {} as Record<V, SQL>,
): Promise<TallyRow<K, V>[]> {
  const tallyKeys = Object.keys(tallies) as K[];
  const valueKeys = Object.keys(values) as V[];
  const columns = sql.join(
    [
      ...tallyKeys.map((key) => sql`${tallies[key]} AS ${sql.identifier(`t:${key}`)}`),
      ...valueKeys.map((key) => sql`${values[key]} AS ${sql.identifier(`v:${key}`)}`),
    ],
    sql`, `,
  );
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT CASE WHEN GROUPING(u.municipality) = 1 THEN NULL ELSE u.municipality END AS municipality, ${columns}
    FROM (${units}) u
    WHERE u.municipality = ANY(${sql.param([...scope.municipalities])}::text[])
    GROUP BY GROUPING SETS ((u.municipality), ())
    ORDER BY GROUPING(u.municipality), u.municipality`);
  return result.rows.map((row) => ({
    municipality: row.municipality as string | null,
    tallies: Object.fromEntries(tallyKeys.map((key) => [key, row[`t:${key}`] as Tally])) as Record<K, Tally>,
    values: Object.fromEntries(valueKeys.map((key) => [key, row[`v:${key}`] as number | null])) as Record<V, number | null>,
  }));
}

/** Open cases of the region, as they stand now (no period: see services/api/src/reports/period.ts). */
const openCases = (scope: ReportScope): SQL => sql`c.region = ${scope.region} AND c.phase <> 'afgesloten'`;

/** Open cases per phase now (peildatum). */
export async function openCasesPerPhase(db: Executor, scope: ReportScope): Promise<TallyRow<OpenPhase | 'casussen'>[]> {
  const perPhase = Object.fromEntries(OPEN_PHASES.map((phase) => [phase, tally(sql`u.phase = ${phase}`)])) as Record<OpenPhase, SQL>;
  return perMunicipality(db, scope, sql`SELECT c.id AS case_id, c.municipality, c.phase FROM cases c WHERE ${openCases(scope)}`, { casussen: tally(ALL), ...perPhase });
}

/**
 * Every safety window of the region's cases (the snapshot's context.vensters),
 * as rows; `replaced` when the next window (a new incident, a reopening)
 * began before this one's deadline, so that deadline never came.
 */
const safetyWindows = (scope: ReportScope, condition: (window: { start: SQL; deadline: SQL; replaced: SQL }) => SQL): SQL => {
  const start = sql`(w.v->>'start')::timestamptz`;
  const deadline = sql`(w.v->>'deadline')::timestamptz`;
  // n counts from 1, the array from 0: element n is the next window.
  const replaced = sql`coalesce((c.state->'context'->'vensters'->(w.n::int)->>'start')::timestamptz < ${deadline}, false)`;
  return sql`
    SELECT c.id AS case_id, c.municipality, ${start} AS started_at, ${deadline} AS deadline, (w.v->>'drempelBereiktOp')::timestamptz AS reached_at
    FROM cases c CROSS JOIN LATERAL jsonb_array_elements(c.state->'context'->'vensters') WITH ORDINALITY AS w(v, n)
    WHERE c.region = ${scope.region} AND ${condition({ start, deadline, replaced })}`;
};

const between = (column: SQL, scope: ReportScope): SQL =>
  sql`${column} >= ${scope.from.toISOString()}::timestamptz AND ${column} < ${scope.to.toISOString()}::timestamptz`;

/** Safety windows started in the period: how many reached the threshold, and in how many days (median, 90th percentile). */
export async function timeToThreshold(db: Executor, scope: ReportScope): Promise<TallyRow<'vensters' | 'bereikt' | 'nietBereikt', 'medianeDagen' | 'p90Dagen'>[]> {
  const days = daysBetween(sql`u.started_at`, sql`u.reached_at`);
  return perMunicipality(
    db,
    scope,
    safetyWindows(scope, ({ start }) => between(start, scope)),
    { vensters: tally(ALL), bereikt: tally(sql`u.reached_at IS NOT NULL`), nietBereikt: tally(sql`u.reached_at IS NULL`) },
    { medianeDagen: percentile(0.5, days), p90Dagen: percentile(0.9, days) },
  );
}

/** Safety windows whose deadline fell in the period and has passed while they ran: how many reached the threshold on or before it. */
export async function thresholdWithinWindow(db: Executor, scope: ReportScope): Promise<TallyRow<'vensters' | 'binnenTermijn' | 'nietBinnenTermijn'>[]> {
  const inTime = sql`u.reached_at IS NOT NULL AND u.reached_at <= u.deadline`;
  return perMunicipality(
    db,
    scope,
    safetyWindows(scope, ({ deadline, replaced }) => sql`${between(deadline, scope)} AND ${deadline} <= ${scope.now.toISOString()}::timestamptz AND NOT ${replaced}`),
    { vensters: tally(ALL), binnenTermijn: tally(inTime), nietBinnenTermijn: tally(sql`NOT (${inTime})`) },
  );
}

/**
 * Escalations made in the period, per reason and per status now (the lists
 * are the API's), with the median days to the coordinator's decision.
 */
export async function escalationsPerReasonAndOutcome<R extends string, S extends string>(
  db: Executor,
  scope: ReportScope,
  reasons: readonly R[],
  statuses: readonly S[],
): Promise<TallyRow<'opschalingen' | 'beslist' | R | S, 'medianeDagenTotBesluit'>[]> {
  const each = <T extends string>(values: readonly T[], column: SQL) =>
    Object.fromEntries(values.map((value) => [value, tally(sql`${column} = ${value}`)])) as Record<T, SQL>;
  const tallies = { opschalingen: tally(ALL), beslist: tally(sql`u.decided_at IS NOT NULL`), ...each(reasons, sql`u.reason`), ...each(statuses, sql`u.status`) };
  return perMunicipality(
    db,
    scope,
    sql`SELECT e.case_id, e.municipality, e.reason, e.status, e.created_at, e.decided_at FROM escalations e
        WHERE e.region = ${scope.region} AND ${between(sql`e.created_at`, scope)}`,
    tallies as Record<'opschalingen' | 'beslist' | R | S, SQL>,
    { medianeDagenTotBesluit: percentile(0.5, daysBetween(sql`u.created_at`, sql`u.decided_at`)) },
  );
}

/**
 * Closures in the period and what followed: reopened within 12 calendar
 * months (Europe/Amsterdam), 12 months passed without a reopening, or closed
 * less than 12 months ago and not reopened so far (follow-up still running).
 */
export async function recurrenceAfterClosure(db: Executor, scope: ReportScope): Promise<TallyRow<'afsluitingen' | 'heropend' | 'nietHeropend' | 'opvolgingLopend'>[]> {
  const followUpEnd = sql`((e.occurred_at AT TIME ZONE ${REGION_TIME_ZONE}) + interval '12 months') AT TIME ZONE ${REGION_TIME_ZONE}`;
  const now = sql`${scope.now.toISOString()}::timestamptz`;
  return perMunicipality(
    db,
    scope,
    sql`SELECT e.case_id, c.municipality, ${followUpEnd} AS follow_up_end,
          EXISTS (SELECT 1 FROM case_events r WHERE r.case_id = e.case_id AND r.type = 'casus.heropend' AND r.seq > e.seq AND r.occurred_at < ${followUpEnd}) AS reopened
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.type = 'casus.afgesloten' AND c.region = ${scope.region} AND ${between(sql`e.occurred_at`, scope)}`,
    {
      afsluitingen: tally(ALL),
      heropend: tally(sql`u.reopened`),
      nietHeropend: tally(sql`NOT u.reopened AND u.follow_up_end <= ${now}`),
      opvolgingLopend: tally(sql`NOT u.reopened AND u.follow_up_end > ${now}`),
    },
  );
}

/**
 * Events of one type in the period, tallied per value of a payload field:
 * all of them under `total`, each known value apart, and under `rest` those
 * with another value or none (recorded before the values existed).
 */
function eventsPerPayloadValue<V extends string, T extends string, R extends string>(
  db: Executor,
  scope: ReportScope,
  type: string,
  field: string,
  values: readonly V[],
  keys: { readonly total: T; readonly rest: R },
): Promise<TallyRow<T | V | R>[]> {
  const perValue = Object.fromEntries(values.map((value) => [value, tally(sql`u.value = ${value}`)])) as Record<V, SQL>;
  return perMunicipality(
    db,
    scope,
    sql`SELECT e.case_id, c.municipality, e.payload->>${field} AS value
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.type = ${type} AND c.region = ${scope.region} AND ${between(sql`e.occurred_at`, scope)}`,
    { [keys.total]: tally(ALL), ...perValue, [keys.rest]: tally(sql`(u.value IS NULL OR u.value <> ALL(${sql.param([...values])}::text[]))`) } as Record<T | V | R, SQL>,
  );
}

/**
 * Closures in the period per reason (issue 16: each reason is reported apart).
 * `overig`: a closure from before the reasons existed (free text).
 */
export function closuresPerReason<R extends string>(db: Executor, scope: ReportScope, reasons: readonly R[]): Promise<TallyRow<'afsluitingen' | R | 'overig'>[]> {
  return eventsPerPayloadValue(db, scope, 'casus.afgesloten', 'reden', reasons, { total: 'afsluitingen', rest: 'overig' });
}

/**
 * Open agreements of the current safety plan whose due date lies before
 * `today` (the region's calendar date), in open cases: the cases with at
 * least one, and the agreements. The current plan is the snapshot's
 * `huidigPlan` (machine version 3), or the last of the `veiligheidsplan`
 * list in a case stored before and not written since (version 2: snapshots
 * are upgraded when a case is next read or written, not in the database).
 */
export async function overdueAgreements(db: Executor, scope: ReportScope, today: string): Promise<TallyRow<'casussen' | 'afspraken'>[]> {
  const overdue = sql`u.overdue > 0`;
  return perMunicipality(
    db,
    scope,
    sql`SELECT c.id AS case_id, c.municipality,
          (SELECT count(*) FROM jsonb_array_elements(coalesce(c.state->'context'->'huidigPlan', c.state->'context'->'veiligheidsplan'->-1)->'afspraken') AS a
            WHERE a->>'status' = 'open' AND a->>'deadline' < ${today}) AS overdue
        FROM cases c WHERE ${openCases(scope)}`,
    { casussen: tally(overdue), afspraken: tally(overdue, sql`sum(u.overdue)`) },
  );
}

/**
 * Incidents reported in the period per form of violence (issue 17): the
 * incidents and the households they concern. `nietVastgelegd`: an incident
 * without a form (recorded before forms existed, or from a system that does
 * not send one): counted apart, never as `overig`.
 */
export function incidentsPerForm<F extends string>(db: Executor, scope: ReportScope, forms: readonly F[]): Promise<TallyRow<'incidenten' | F | 'nietVastgelegd'>[]> {
  return eventsPerPayloadValue(db, scope, 'incident.gemeld', 'vorm', forms, { total: 'incidenten', rest: 'nietVastgelegd' });
}

/**
 * Open cases now whose current explanatory analysis names each life domain
 * (issue 17), and the open cases with an analysis at all. An analysis names
 * several domains, so the domains do not add up to anything.
 */
export async function lifeDomainsOfOpenCases<D extends string>(db: Executor, scope: ReportScope, domains: readonly D[]): Promise<TallyRow<'casussenMetAnalyse' | D>[]> {
  const perDomain = Object.fromEntries(domains.map((domain) => [domain, tally(sql`coalesce(u.domains ? ${domain}, false)`)])) as Record<D, SQL>;
  return perMunicipality(
    db,
    scope,
    sql`SELECT c.id AS case_id, c.municipality, c.state->'context'->'analyse'->'leefdomeinen' AS domains, (jsonb_typeof(c.state->'context'->'analyse') = 'object') AS analysed
        FROM cases c WHERE ${openCases(scope)}`,
    { casussenMetAnalyse: tally(sql`coalesce(u.analysed, false)`), ...perDomain },
  );
}

/**
 * Cases taken into MDA++ in the period (issue 18): each coordinator's
 * decision `mda-traject` (event `opschaling.naar-mda-traject`) is a unit,
 * and for each term of `months` calendar months (Europe/Amsterdam) after it:
 * whether a joint safety score at or above the threshold in force followed
 * within the term (`bereikt<n>`), the term passed without one
 * (`nietBereikt<n>`), or the term has not passed yet and none came so far
 * (`nogNietTeBeoordelen<n>`: not a failure, not yet to be judged). The
 * threshold in force is the one of the safety window the score fell in (its
 * policy version, as the machine judges a score); a score counts when it is
 * recorded after the decision in the case's log.
 */
export async function mdaOutcomesAfterDecision<M extends number>(
  db: Executor,
  scope: ReportScope,
  months: readonly M[],
): Promise<TallyRow<'trajecten' | `bereikt${M}` | `nietBereikt${M}` | `nogNietTeBeoordelen${M}`>[]> {
  const now = sql`${scope.now.toISOString()}::timestamptz`;
  const termEnd = (n: number) => sql`((u.decided_at AT TIME ZONE ${REGION_TIME_ZONE}) + make_interval(months => ${n}::int)) AT TIME ZONE ${REGION_TIME_ZONE}`;
  const threshold = sql`coalesce(
    (SELECT (w.v->'beleid'->>'safetyThreshold')::int FROM jsonb_array_elements(c.state->'context'->'vensters') AS w(v)
      WHERE (w.v->>'start')::timestamptz <= s.occurred_at ORDER BY (w.v->>'start')::timestamptz DESC LIMIT 1),
    (c.state->'context'->'vensters'->0->'beleid'->>'safetyThreshold')::int)`;
  const perTerm = months.flatMap((n) => {
    const reached = sql`(u.reached_at IS NOT NULL AND u.reached_at <= ${termEnd(n)})`;
    return [
      [`bereikt${n}`, tally(reached)],
      [`nietBereikt${n}`, tally(sql`NOT ${reached} AND ${termEnd(n)} <= ${now}`)],
      [`nogNietTeBeoordelen${n}`, tally(sql`NOT ${reached} AND ${termEnd(n)} > ${now}`)],
    ] as const;
  });
  return perMunicipality(
    db,
    scope,
    sql`SELECT d.case_id, c.municipality, d.occurred_at AS decided_at,
          (SELECT min(s.occurred_at) FROM case_events s
            WHERE s.case_id = d.case_id AND s.type = 'veiligheidsscore.vastgelegd' AND s.seq > d.seq AND s.occurred_at <= ${now}
              AND (s.payload->>'score')::int >= ${threshold}) AS reached_at
        FROM case_events d JOIN cases c ON c.id = d.case_id
        WHERE d.type = 'opschaling.naar-mda-traject' AND c.region = ${scope.region} AND ${between(sql`d.occurred_at`, scope)}`,
    { trajecten: tally(ALL), ...Object.fromEntries(perTerm) } as Record<'trajecten' | `bereikt${M}` | `nietBereikt${M}` | `nogNietTeBeoordelen${M}`, SQL>,
  );
}
