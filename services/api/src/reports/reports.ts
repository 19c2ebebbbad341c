/**
 * The region's insights reports (issue 7): each report is one SQL query in
 * packages/db (raw counts per municipality and for the region), disclosed
 * per the rules in suppression.ts, shaped for JSON and for CSV.
 */
import { type Figure } from '@veilig-samen/contracts';
import { ESCALATION_STATUSES } from '@veilig-samen/domain';
import {
  closuresPerReason,
  escalationsPerReasonAndOutcome,
  incidentsPerForm,
  lifeDomainsOfOpenCases,
  mdaOutcomesAfterDecision,
  openCasesPerPhase,
  overdueAgreements,
  recurrenceAfterClosure,
  thresholdWithinWindow,
  timeToThreshold,
  type Executor,
  type ReportScope,
  type TallyRow,
} from '@veilig-samen/db';
import { assertKnownMunicipalities, CLOSURE_REASONS, DomainError, ESCALATION_REASONS, LIFE_DOMAINS, localDate, OPEN_PHASES, VIOLENCE_FORMS, type Caller } from '@veilig-samen/domain';
import type { CaseDeps } from '../cases/use-cases.js';
import { csvFilename, figureCell, toCsv, type Cell } from './csv.js';
import { closedQuarter, reportPeriod, type Quarter, type Year } from './period.js';
import { discloseTable, discloseYear, shown, type Block, type DisclosedRow, type TableSpec } from './suppression.js';

export const reportErrors = {
  municipalityNotAllowed: () =>
    new DomainError({
      status: 403,
      code: 'rapportage.gemeente-niet-toegestaan',
      title: 'Als beheerder ziet u alleen de cijfers van uw eigen gemeenten.',
      detail: 'Geef gemeente= op met een gemeente waarvoor u beheerder bent.',
    }),
};

export interface ReportQuery {
  /** A closed calendar quarter, `2026-K3`; absent: the last one. Not used by the reports of the state now. */
  readonly kwartaal?: string | undefined;
  /** A closed year, `2026`, with its quarters: only the reports that offer it (the yearly review, issue 18). */
  readonly jaar?: string | undefined;
  readonly gemeente?: string | undefined;
}

/**
 * A municipality asked for is one of the region's (422 otherwise). Policy
 * staff, the MDA++ coordinator and the auditor see the region; a
 * municipality's beheerder only the figures of their own municipalities.
 */
export function assertMayReport(deps: CaseDeps, caller: Caller, query: ReportQuery): void {
  assertKnownMunicipalities(deps.municipalities, { gemeente: query.gemeente });
  if (caller.role === 'beheerder' && (query.gemeente === undefined || !caller.municipalities.includes(query.gemeente))) {
    throw reportErrors.municipalityNotAllowed();
  }
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

interface ReportDefinition<K extends string, D extends string, R extends TallyRow<string, string>, S> {
  /** The path segment, and the CSV file's name. */
  readonly name: string;
  /** Of the state now (peildatum), not of a quarter. */
  readonly snapshot?: boolean;
  /** Also for a closed year with its quarters (jaar=), disclosed as one table. */
  readonly yearly?: boolean;
  readonly rows: (db: Executor, scope: ReportScope) => Promise<R[]>;
  /** The counts and derived figures; the CSV has a column for each, in this order, named as in the JSON. */
  readonly table: TableSpec<K, D, R>;
  readonly shape: (figures: DisclosedRow<K, D>) => S;
}

const define = <K extends string, D extends string, R extends TallyRow<string, string>, S>(definition: ReportDefinition<K, D, R, S>) => definition;

const pick = <T extends string>(figures: Readonly<Record<T, Figure>>, names: readonly T[]) =>
  Object.fromEntries(names.map((name) => [name, figures[name]])) as Record<T, Figure>;

const phases = define({
  name: 'fasen',
  snapshot: true,
  rows: openCasesPerPhase,
  table: { counts: ['casussen', ...OPEN_PHASES], sums: [['casussen', OPEN_PHASES]], derived: {} },
  shape: (f) => ({ casussen: f.casussen, perFase: pick(f, OPEN_PHASES) }),
});

/**
 * Over the windows that reached the threshold (a part of the windows); the
 * 90th percentile over at least 10 households (over fewer it is nearly one
 * household's own figure).
 */
const daysToThreshold = (value: 'medianeDagen' | 'p90Dagen') => ({
  value: (row: TallyRow<string, typeof value>) => oneDecimal(row.values[value]),
  over: 'bereikt' as const,
  sources: ['vensters'] as const,
  ...(value === 'p90Dagen' ? { minimum: 10 } : {}),
});

const timeToThresholdReport = define({
  name: 'tijd-tot-drempel',
  rows: timeToThreshold,
  table: {
    counts: ['vensters', 'bereikt', 'nietBereikt'],
    sums: [['vensters', ['bereikt', 'nietBereikt']]],
    derived: {
      medianeDagen: daysToThreshold('medianeDagen'),
      p90Dagen: daysToThreshold('p90Dagen'),
    },
  },
  shape: (f) => f,
});

const thresholdWithinWindowReport = define({
  name: 'drempel-binnen-termijn',
  rows: thresholdWithinWindow,
  table: {
    counts: ['vensters', 'binnenTermijn', 'nietBinnenTermijn'],
    sums: [['vensters', ['binnenTermijn', 'nietBinnenTermijn']]],
    derived: {
      aandeelBinnenTermijn: {
        value: (row) => (row.tallies.vensters.count === 0 ? null : oneDecimal((100 * row.tallies.binnenTermijn.count) / row.tallies.vensters.count)),
        over: 'vensters',
        sources: ['binnenTermijn', 'nietBinnenTermijn'],
      },
    },
  },
  shape: (f) => f,
});

/** Every status but open has had the coordinator's decision (afgeschaald follows mda-traject). */
const DECIDED_STATUSES = ESCALATION_STATUSES.filter((status) => status !== 'open');

const escalations = define({
  name: 'opschalingen',
  yearly: true,
  rows: (db: Executor, scope: ReportScope) => escalationsPerReasonAndOutcome(db, scope, ESCALATION_REASONS, ESCALATION_STATUSES),
  table: {
    // The decided escalations are the median's group, so they are a count of the table, disclosed by the same rules.
    counts: ['opschalingen', ...ESCALATION_REASONS, ...ESCALATION_STATUSES, 'beslist'],
    sums: [
      ['opschalingen', ESCALATION_REASONS],
      ['opschalingen', ESCALATION_STATUSES],
      ['opschalingen', ['open', 'beslist']],
      ['beslist', DECIDED_STATUSES],
    ],
    derived: {
      medianeDagenTotBesluit: { value: (row) => oneDecimal(row.values.medianeDagenTotBesluit), over: 'beslist', sources: ['opschalingen'] },
    },
  },
  shape: (f) => ({
    opschalingen: f.opschalingen,
    perReden: pick(f, ESCALATION_REASONS),
    perBesluit: pick(f, ESCALATION_STATUSES),
    beslist: f.beslist,
    medianeDagenTotBesluit: f.medianeDagenTotBesluit,
  }),
});

const recurrence = define({
  name: 'herhaling',
  rows: recurrenceAfterClosure,
  table: { counts: ['afsluitingen', 'heropend', 'nietHeropend', 'opvolgingLopend'], sums: [['afsluitingen', ['heropend', 'nietHeropend', 'opvolgingLopend']]], derived: {} },
  shape: (f) => f,
});

/** Every closure has one reason: one of today's, or free text from before they existed (overig). */
const CLOSURE_COLUMNS = [...CLOSURE_REASONS, 'overig'] as const;

const closures = define({
  name: 'afsluitingen',
  rows: (db: Executor, scope: ReportScope) => closuresPerReason(db, scope, CLOSURE_REASONS),
  table: { counts: ['afsluitingen', ...CLOSURE_COLUMNS], sums: [['afsluitingen', CLOSURE_COLUMNS]], derived: {} },
  shape: (f) => ({ afsluitingen: f.afsluitingen, perReden: pick(f, CLOSURE_COLUMNS) }),
});

const overdue = define({
  name: 'afspraken-te-laat',
  snapshot: true,
  rows: (db: Executor, scope: ReportScope) => overdueAgreements(db, scope, localDate(scope.now)),
  // The agreements of fewer than 5 households are suppressed like the households.
  table: { counts: ['casussen', 'afspraken'], sums: [], derived: {} },
  shape: (f) => f,
});

/** Every incident has one form, or none recorded (issue 17): the parts add up to the incidents. */
const FORM_COLUMNS = [...VIOLENCE_FORMS, 'nietVastgelegd'] as const;

const forms = define({
  name: 'geweldsvormen',
  rows: (db: Executor, scope: ReportScope) => incidentsPerForm(db, scope, VIOLENCE_FORMS),
  table: { counts: ['incidenten', ...FORM_COLUMNS], sums: [['incidenten', FORM_COLUMNS]], derived: {} },
  shape: (f) => ({ incidenten: f.incidenten, perVorm: pick(f, FORM_COLUMNS) }),
});

const lifeDomains = define({
  name: 'leefdomeinen',
  snapshot: true,
  rows: (db: Executor, scope: ReportScope) => lifeDomainsOfOpenCases(db, scope, LIFE_DOMAINS),
  // An analysis names several domains: no sum within a row, only each column over the municipalities.
  table: { counts: ['casussenMetAnalyse', ...LIFE_DOMAINS], sums: [], derived: {} },
  shape: (f) => ({ casussenMetAnalyse: f.casussenMetAnalyse, perLeefdomein: pick(f, LIFE_DOMAINS) }),
});

/** The terms after the decision `mda-traject` the MDA++ outcome report looks at, in calendar months. */
export const MDA_OUTCOME_MONTHS = [3, 6, 12] as const;
type Term = (typeof MDA_OUTCOME_MONTHS)[number];
const termCounts = (n: Term) => [`bereikt${n}`, `nietBereikt${n}`, `nogNietTeBeoordelen${n}`] as const;
const MDA_OUTCOME_COUNTS = MDA_OUTCOME_MONTHS.flatMap(termCounts);

const mdaOutcomes = define({
  name: 'mda-uitkomsten',
  yearly: true,
  rows: (db: Executor, scope: ReportScope) => mdaOutcomesAfterDecision(db, scope, MDA_OUTCOME_MONTHS),
  // Per term, every trajectory is reached, not reached, or not yet to be judged: the three add up to the trajectories.
  table: { counts: ['trajecten', ...MDA_OUTCOME_COUNTS], sums: MDA_OUTCOME_MONTHS.map((n) => ['trajecten', termCounts(n)] as const), derived: {} },
  shape: (f) => ({
    trajecten: f.trajecten,
    na3Maanden: { bereikt: f.bereikt3, nietBereikt: f.nietBereikt3, nogNietTeBeoordelen: f.nogNietTeBeoordelen3 },
    na6Maanden: { bereikt: f.bereikt6, nietBereikt: f.nietBereikt6, nogNietTeBeoordelen: f.nogNietTeBeoordelen6 },
    na12Maanden: { bereikt: f.bereikt12, nietBereikt: f.nietBereikt12, nogNietTeBeoordelen: f.nogNietTeBeoordelen12 },
  }),
});

/** Every report, by its key in the overview. */
export const REPORTS = {
  fasen: phases,
  tijdTotDrempel: timeToThresholdReport,
  drempelBinnenTermijn: thresholdWithinWindowReport,
  opschalingen: escalations,
  herhaling: recurrence,
  afsluitingen: closures,
  afsprakenTeLaat: overdue,
  geweldsvormen: forms,
  leefdomeinen: lifeDomains,
  mdaUitkomsten: mdaOutcomes,
};
export type ReportKey = keyof typeof REPORTS;


/** A report as JSON and as CSV. */
export interface ReportResult<B> {
  readonly body: B;
  readonly filename: string;
  readonly csv: () => string;
}

interface Period {
  readonly van: string;
  readonly tot: string;
}

/** One period's table as answered: the total (the region, or the municipality asked for) and the breakdown. */
interface PeriodTable<S> {
  readonly totaal: S;
  readonly perGemeente: (S & { gemeente: string })[];
}

type TableBody<S> = PeriodTable<S> & {
  readonly regio: string;
  readonly kwartaal: string | null;
  readonly periode: Period | null;
  readonly peildatum: string;
  readonly gemeente: string | null;
  /** Only in the reports that offer a year: the year asked for (null: a quarter) and its quarters. */
  readonly jaar?: string | null;
  readonly perKwartaal?: (PeriodTable<S> & { readonly kwartaal: string; readonly periode: Period })[];
};

interface TableResult<S> extends ReportResult<TableBody<S>> {
  /** The CSV in long form, for the overview: report, row label, column, cell. */
  readonly lines: () => Cell[][];
}

const periodOf = (period: Quarter | Year): Period => ({ van: period.from.toISOString(), tot: period.to.toISOString() });

function envelope(deps: CaseDeps, period: Quarter | undefined, query: ReportQuery, now: Date) {
  return {
    regio: deps.region,
    kwartaal: period?.label ?? null,
    periode: period ? periodOf(period) : null,
    peildatum: now.toISOString(),
    gemeente: query.gemeente ?? null,
  };
}

/** `rapportage-opschalingen-2026-k3[-gemeente].csv`, `...-2026[-gemeente].csv` for a year, or with the date of the state now. */
const filename = (name: string, period: Quarter | Year | undefined, query: ReportQuery, now: Date): string =>
  csvFilename(name, period ? period.label.toLowerCase() : localDate(now), query.gemeente);

type Raw<R> = Block<R> & { readonly names: readonly string[] };

/** A period's rows from the report's query: the total and the municipalities with units, by name. */
async function fetchRows<R extends TallyRow<string, string>>(deps: CaseDeps, definition: ReportDefinition<string, string, R, unknown>, from: Date, to: Date, now: Date): Promise<Raw<R>> {
  const scope = { region: deps.region, municipalities: deps.municipalities.map((m) => m.name), from, to, now };
  const rows = await definition.rows(deps.db, scope);
  const total = rows.find((row) => row.municipality === null);
  if (!total) throw new Error('a report query always returns its total row');
  const municipalities = rows.filter((row) => row.municipality !== null);
  return { total, rows: municipalities, names: municipalities.map((row) => row.municipality ?? '') };
}

/** The rows of `raw` for the municipalities `names`, in that order; a municipality without units: a row of zeros. */
function aligned<R extends TallyRow<string, string>>(raw: Raw<R>, names: readonly string[], counts: readonly string[]): R[] {
  return names.map(
    (name) =>
      raw.rows.find((row) => row.municipality === name) ??
      ({ municipality: name, tallies: Object.fromEntries(counts.map((key) => [key, { count: 0, households: 0 }])), values: Object.fromEntries(Object.keys(raw.total.values).map((key) => [key, null])) } as unknown as R),
  );
}

/**
 * One period's disclosed table as answered: one municipality asked for gets
 * its row from the region's table (so a figure hidden there, to protect
 * another municipality's, stays hidden); else the total and every
 * municipality listed.
 */
function answer<K extends string, D extends string, R extends TallyRow<string, string>, S>(
  definition: ReportDefinition<K, D, R, S>,
  table: Block<DisclosedRow<K, D>>,
  names: readonly string[],
  query: ReportQuery,
) {
  const columns = [...definition.table.counts, ...(Object.keys(definition.table.derived) as D[])];
  const named = table.rows.map((figures, i) => ({ gemeente: names[i] ?? '', figures }));
  const asked = query.gemeente;
  const shownTotal =
    asked === undefined
      ? { gemeente: 'totaal', figures: table.total }
      : { gemeente: asked, figures: named.find((row) => row.gemeente === asked)?.figures ?? nothing(columns, definition.table.counts) };
  const breakdown = asked === undefined ? named : [];
  return {
    columns,
    csvRows: [...breakdown, shownTotal],
    body: {
      totaal: definition.shape(shownTotal.figures),
      perGemeente: breakdown.map(({ gemeente, figures }) => ({ ...definition.shape(figures), gemeente })),
    },
  };
}

/**
 * One report. The whole region's table is disclosed, also when one
 * municipality is asked for. A year (jaar=) comes with its four quarters,
 * all disclosed as one table (suppression.ts, discloseYear).
 */
async function run<K extends string, D extends string, R extends TallyRow<string, string>, S>(
  deps: CaseDeps,
  definition: ReportDefinition<K, D, R, S>,
  query: ReportQuery,
  now: Date,
): Promise<TableResult<S>> {
  const period = definition.snapshot ? undefined : reportPeriod(query, now);
  if (period?.kind === 'jaar') return runYear(deps, definition, period.year, query, now);
  const quarter = period?.quarter;
  const raw = await fetchRows(deps, definition, quarter?.from ?? now, quarter?.to ?? now, now);
  const { columns, csvRows, body } = answer(definition, discloseTable(raw.total, raw.rows, definition.table), raw.names, query);
  return {
    body: { ...envelope(deps, quarter, query, now), ...(definition.yearly ? { jaar: null } : {}), ...body, ...(definition.yearly ? { perKwartaal: [] } : {}) },
    filename: filename(`rapportage-${definition.name}`, quarter, query, now),
    csv: () => toCsv(['gemeente', ...columns], csvRows.map(({ gemeente, figures }) => [gemeente, ...columns.map((column) => figureCell(figures[column]))])),
    lines: () => csvRows.flatMap(({ gemeente, figures }) => columns.map((column) => [definition.name, gemeente, column, figureCell(figures[column])])),
  };
}

/**
 * A closed year and its quarters. Every period lists the municipalities
 * with units in the year (each with units in a quarter has them in the
 * year), so the rows line up for the sums across quarters; a quarter
 * leaves out in its answer the ones without units in it, as its own
 * quarterly report does.
 */
async function runYear<K extends string, D extends string, R extends TallyRow<string, string>, S>(
  deps: CaseDeps,
  definition: ReportDefinition<K, D, R, S>,
  year: Year,
  query: ReportQuery,
  now: Date,
): Promise<TableResult<S>> {
  if (!definition.yearly) throw new Error(`report ${definition.name} has no yearly form`);
  const raws = await Promise.all([year, ...year.quarters].map((period) => fetchRows(deps, definition, period.from, period.to, now)));
  const [yearRaw, ...quarterRaws] = raws;
  if (!yearRaw) throw new Error('a year always has its rows');
  const names = yearRaw.names;
  const counts = definition.table.counts;
  const table = discloseYear(
    yearRaw,
    quarterRaws.map((raw) => ({ total: raw.total, rows: aligned(raw, names, counts) })),
    definition.table,
  );
  const yearAnswer = answer(definition, table.year, names, query);
  const quarterAnswers = year.quarters.map((quarter, q) => {
    const own = new Set(quarterRaws[q]?.names ?? []);
    const rows = (table.quarters[q]?.rows ?? []).map((figures, i) => ({ figures, name: names[i] ?? '' })).filter(({ name }) => own.has(name));
    const disclosed = { total: table.quarters[q]?.total ?? table.year.total, rows: rows.map(({ figures }) => figures) };
    return { quarter, ...answer(definition, disclosed, rows.map(({ name }) => name), query) };
  });
  const columns = yearAnswer.columns;
  const csvRows = [
    ...yearAnswer.csvRows.map((row) => ({ periode: year.label, ...row })),
    ...quarterAnswers.flatMap(({ quarter, csvRows: rows }) => rows.map((row) => ({ periode: quarter.label, ...row }))),
  ];
  return {
    body: {
      regio: deps.region,
      kwartaal: null,
      jaar: year.label,
      periode: periodOf(year),
      peildatum: now.toISOString(),
      gemeente: query.gemeente ?? null,
      ...yearAnswer.body,
      perKwartaal: quarterAnswers.map(({ quarter, body }) => ({ kwartaal: quarter.label, periode: periodOf(quarter), ...body })),
    },
    filename: filename(`rapportage-${definition.name}`, year, query, now),
    csv: () =>
      toCsv(['periode', 'gemeente', ...columns], csvRows.map(({ periode, gemeente, figures }) => [periode, gemeente, ...columns.map((column) => figureCell(figures[column]))])),
    lines: () => csvRows.flatMap(({ periode, gemeente, figures }) => columns.map((column) => [definition.name, `${periode} ${gemeente}`, column, figureCell(figures[column])])),
  };
}

/** The row of a municipality without any units: every count 0, nothing to compute. */
function nothing<K extends string, D extends string>(columns: readonly (K | D)[], counts: readonly K[]): DisclosedRow<K, D> {
  return Object.fromEntries(columns.map((column) => [column, shown((counts as readonly string[]).includes(column) ? 0 : null)])) as DisclosedRow<K, D>;
}

type Body<T> = T extends ReportDefinition<string, string, TallyRow<string, string>, infer S> ? S : never;
type AnyDefinition<S = unknown> = ReportDefinition<string, string, TallyRow<string, string>, S>;

/** The reports that also give a year (their definitions say `yearly`): their bodies always carry jaar and perKwartaal. */
type YearlyKey = 'opschalingen' | 'mdaUitkomsten';
type BodyOf<Key extends ReportKey> = Key extends YearlyKey
  ? TableBody<Body<(typeof REPORTS)[Key]>> & Required<Pick<TableBody<Body<(typeof REPORTS)[Key]>>, 'jaar' | 'perKwartaal'>>
  : TableBody<Body<(typeof REPORTS)[Key]>>;

export async function runReport<Key extends ReportKey>(deps: CaseDeps, key: Key, query: ReportQuery): Promise<ReportResult<BodyOf<Key>> & { lines: () => Cell[][] }> {
  return run(deps, REPORTS[key] as AnyDefinition<Body<(typeof REPORTS)[Key]>>, query, deps.clock.now()) as Promise<ReportResult<BodyOf<Key>> & { lines: () => Cell[][] }>;
}

/** All reports at one moment, for the overview page (quarters only); its CSV in long form (a line per report, row and column). */
export async function runAllReports(deps: CaseDeps, query: ReportQuery) {
  const now = deps.clock.now();
  const keys = Object.keys(REPORTS) as ReportKey[];
  const results = await Promise.all(keys.map((key) => run(deps, REPORTS[key] as AnyDefinition, query, now)));
  const reports = Object.fromEntries(keys.map((key, i) => [key, results[i]?.body])) as { [Key in ReportKey]: BodyOf<Key> };
  const period = closedQuarter(query.kwartaal, now);
  return {
    body: { ...envelope(deps, period, query, now), ...reports },
    filename: filename('rapportages', period, query, now),
    csv: () => toCsv(['rapportage', 'gemeente', 'cijfer', 'waarde'], results.flatMap((result) => result.lines())),
  };
}
