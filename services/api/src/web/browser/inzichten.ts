// The region's insights ("helpende data"): the /v1/rapportages figures per
// municipality and period as charts and tables, with a CSV download per
// report. Suppressed figures (fewer than 5 households) come from the API as
// null and are shown as "x" (as in CBS tables), never estimated here.
import type { Schemas } from '@veilig-samen/api-client';
import { api, barChart, download, el, formatDate, message, ok, okWithResponse, PHASE_NAMES, ProblemError, problemText, required, runPage, STATUS_NAMES, table, todayInAmsterdam, type Phase } from './common.js';

type Overview = Schemas['Rapportages'];
type Figure = Schemas['Cijfer'];
/** The overview's six reports, by their key in it. */
type ReportKey = 'fasen' | 'tijdTotDrempel' | 'drempelBinnenTermijn' | 'opschalingen' | 'herhaling' | 'afsluitingen' | 'afsprakenTeLaat';
type Totals<K extends ReportKey> = Overview[K]['totaal'];
type Row<K extends ReportKey> = Overview[K]['perGemeente'][number];
/** A report's filters: the quarter (not for the two reports of the state now) and the municipality. */
interface Filters {
  readonly kwartaal: string;
  readonly gemeente: string | undefined;
}

const ROLES = ['beleid', 'mda-coordinator', 'auditor', 'beheerder'] as const;
const main = required(document.getElementById('inhoud'), 'het hoofddeel (#inhoud)');

const OPEN_PHASES: readonly Exclude<Phase, 'afgesloten'>[] = ['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg'];

/** A CSV answer as a file (Accept: text/csv); the body is read as a Blob. */
const CSV = { headers: { accept: 'text/csv' }, parseAs: 'blob' } as const;

/**
 * One report as the page needs it: its path under /v1/rapportages, its key in
 * the overview, what it means, the figures drawn as bars, the figures shown as
 * numbers, the per-municipality table's columns, and its CSV download.
 */
interface Report<K extends ReportKey> {
  readonly key: K;
  readonly path: string;
  readonly title: string;
  readonly explanation: string;
  readonly bars: (totals: Totals<K>) => [string, Figure][];
  readonly facts: (totals: Totals<K>) => [string, Figure][];
  readonly columns: [string, (row: Row<K>) => Figure][];
  readonly csv: (filters: Filters) => Promise<{ data: Blob; error?: never; response: Response } | { data?: never; error: unknown; response: Response }>;
}

/** A report with its figures picked from the overview: what a section draws. */
interface ReportView {
  readonly key: ReportKey;
  readonly path: string;
  readonly title: string;
  readonly explanation: string;
  readonly columns: readonly string[];
  readonly csv: Report<ReportKey>['csv'];
  figures(overview: Overview): { bars: [string, Figure][]; facts: [string, Figure][]; rows: { gemeente: string; cells: Figure[] }[] };
}

/** Closes a report over its own key, so each report's figures are typed by its own shape in the overview. */
function report<K extends ReportKey>(definition: Report<K>): ReportView {
  return {
    key: definition.key,
    path: definition.path,
    title: definition.title,
    explanation: definition.explanation,
    columns: definition.columns.map(([label]) => label),
    csv: definition.csv,
    figures: (overview) => {
      const data: Overview[K] = overview[definition.key];
      return {
        bars: definition.bars(data.totaal),
        facts: definition.facts(data.totaal),
        rows: data.perGemeente.map((row: Row<K>) => ({ gemeente: row.gemeente, cells: definition.columns.map(([, figure]) => figure(row)) })),
      };
    },
  };
}

const REPORTS: readonly ReportView[] = [
  report({
    key: 'fasen',
    path: 'fasen',
    title: 'Open casussen per fase',
    explanation: 'Casussen die nu open zijn, per fase (stand van nu, niet van het kwartaal).',
    bars: (t) => OPEN_PHASES.map((phase) => [PHASE_NAMES[phase], t.perFase[phase]]),
    facts: (t) => [['Open casussen', t.casussen]],
    columns: [['Open', (f) => f.casussen], ...OPEN_PHASES.map((phase): [string, (f: Row<'fasen'>) => Figure] => [PHASE_NAMES[phase], (f) => f.perFase[phase]])],
    // The state now: no quarter.
    csv: ({ gemeente }) => api.GET('/rapportages/fasen', { params: { query: { gemeente } }, ...CSV }),
  }),
  report({
    key: 'tijdTotDrempel',
    path: 'tijd-tot-drempel',
    title: 'Tijd tot een 6',
    explanation: 'Veiligheidsvensters die in het kwartaal begonnen: hoeveel de drempel bereikten, en hoe lang dat duurde.',
    bars: (t) => [['Vensters', t.vensters], ['Drempel bereikt', t.bereikt], ['(Nog) niet bereikt', t.nietBereikt]],
    facts: (t) => [['Mediaan (dagen)', t.medianeDagen], ['90e percentiel (dagen)', t.p90Dagen]],
    columns: [['Vensters', (f) => f.vensters], ['Bereikt', (f) => f.bereikt], ['Mediaan dagen', (f) => f.medianeDagen], ['P90 dagen', (f) => f.p90Dagen]],
    csv: ({ kwartaal, gemeente }) => api.GET('/rapportages/tijd-tot-drempel', { params: { query: { kwartaal, gemeente } }, ...CSV }),
  }),
  report({
    key: 'drempelBinnenTermijn',
    path: 'drempel-binnen-termijn',
    title: 'Een 6 binnen 3 maanden',
    explanation: 'Vensters waarvan de deadline in het kwartaal verstreek: op tijd de drempel bereikt of niet (dan volgt opschaling naar MDA++).',
    bars: (t) => [['Binnen termijn', t.binnenTermijn], ['Niet binnen termijn', t.nietBinnenTermijn]],
    facts: (t) => [['Vensters', t.vensters], ['Aandeel binnen termijn (%)', t.aandeelBinnenTermijn]],
    columns: [['Vensters', (f) => f.vensters], ['Binnen termijn', (f) => f.binnenTermijn], ['Aandeel (%)', (f) => f.aandeelBinnenTermijn]],
    csv: ({ kwartaal, gemeente }) => api.GET('/rapportages/drempel-binnen-termijn', { params: { query: { kwartaal, gemeente } }, ...CSV }),
  }),
  report({
    key: 'opschalingen',
    path: 'opschalingen',
    title: 'Opschalingen naar MDA++',
    explanation: 'Opschalingen in het kwartaal, per reden en per besluit (stand van nu).',
    bars: (t) => [
      ['Reden: geen 6 op tijd', t.perReden.deadline],
      ['Reden: door regisseur', t.perReden.handmatig],
      ['Reden: aanmelding door partner', t.perReden['aanmelding-partner']],
      ...(Object.keys(STATUS_NAMES) as (keyof typeof STATUS_NAMES)[]).map((status): [string, Figure] => [`Besluit: ${STATUS_NAMES[status]}`, t.perBesluit[status]]),
    ],
    facts: (t) => [['Opschalingen', t.opschalingen], ['Waarvan besloten', t.beslist], ['Mediaan dagen tot besluit', t.medianeDagenTotBesluit]],
    columns: [['Opschalingen', (f) => f.opschalingen], ['Geen 6 op tijd', (f) => f.perReden.deadline], ['Door regisseur', (f) => f.perReden.handmatig], ['Mediaan dagen', (f) => f.medianeDagenTotBesluit]],
    csv: ({ kwartaal, gemeente }) => api.GET('/rapportages/opschalingen', { params: { query: { kwartaal, gemeente } }, ...CSV }),
  }),
  report({
    key: 'herhaling',
    path: 'herhaling',
    title: 'Herhaling binnen 12 maanden',
    explanation: 'Casussen die in het kwartaal werden afgesloten: binnen 12 maanden heropend (herhaling), of niet.',
    bars: (t) => [['Heropend', t.heropend], ['Niet heropend', t.nietHeropend], ['Nog geen 12 maanden', t.opvolgingLopend]],
    facts: (t) => [['Afsluitingen', t.afsluitingen]],
    columns: [['Afsluitingen', (f) => f.afsluitingen], ['Heropend', (f) => f.heropend], ['Niet heropend', (f) => f.nietHeropend]],
    csv: ({ kwartaal, gemeente }) => api.GET('/rapportages/herhaling', { params: { query: { kwartaal, gemeente } }, ...CSV }),
  }),
  report({
    key: 'afsluitingen',
    path: 'afsluitingen',
    title: 'Afsluitingen per reden',
    explanation: 'Casussen die in het kwartaal werden afgesloten, per reden: elke reden heeft een eigen regel (stabiel veilig alleen op bewijs).',
    bars: (t) => [
      ['Stabiel veilig', t.perReden['stabiel-veilig']],
      ['Verhuisd buiten de regio', t.perReden['verhuisd-buiten-regio']],
      ['Overgedragen', t.perReden.overgedragen],
      ['Hulp geweigerd', t.perReden['hulp-geweigerd']],
      ['Overleden', t.perReden.overleden],
      ['Overig (van voor de redenen)', t.perReden.overig],
    ],
    facts: (t) => [['Afsluitingen', t.afsluitingen]],
    columns: [['Afsluitingen', (f) => f.afsluitingen], ['Stabiel veilig', (f) => f.perReden['stabiel-veilig']], ['Hulp geweigerd', (f) => f.perReden['hulp-geweigerd']]],
    csv: ({ kwartaal, gemeente }) => api.GET('/rapportages/afsluitingen', { params: { query: { kwartaal, gemeente } }, ...CSV }),
  }),
  report({
    key: 'afsprakenTeLaat',
    path: 'afspraken-te-laat',
    title: 'Afspraken over de deadline',
    explanation: 'Open afspraken in de veiligheidsplannen van open casussen waarvan de deadline voorbij is (stand van nu).',
    bars: (t) => [['Casussen', t.casussen], ['Afspraken', t.afspraken]],
    facts: () => [],
    columns: [['Casussen', (f) => f.casussen], ['Afspraken', (f) => f.afspraken]],
    // The state now: no quarter.
    csv: ({ gemeente }) => api.GET('/rapportages/afspraken-te-laat', { params: { query: { gemeente } }, ...CSV }),
  }),
];

/** A figure as text: "x" when suppressed, "–" when there is nothing to compute. */
const figureText = (figure: Figure): string => (figure.onderdrukt ? 'x' : figure.waarde === null ? '–' : figure.waarde.toLocaleString('nl-NL'));

/** The last eight closed quarters (Europe/Amsterdam), newest first: the periods the API answers for. */
function closedQuarters(): string[] {
  const [year = 0, month = 1] = todayInAmsterdam().split('-').map(Number);
  let y = year;
  let q = Math.floor((month - 1) / 3);
  const quarters: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (q === 0) {
      y -= 1;
      q = 4;
    }
    quarters.push(`${y}-K${q}`);
    q -= 1;
  }
  return quarters;
}

async function overview(params: URLSearchParams): Promise<void> {
  const quarters = closedQuarters();
  const asked = params.get('kwartaal');
  const kwartaal = asked !== null && quarters.includes(asked) ? asked : (quarters[0] ?? '');
  const gemeente = params.get('gemeente') ?? '';
  const filters: Filters = { kwartaal, gemeente: gemeente || undefined };

  const form = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Kwartaal en gemeente', novalidate: true },
    el(
      'div',
      {},
      el('label', { for: 'kwartaal' }, 'Kwartaal'),
      el('select', { id: 'kwartaal', name: 'kwartaal' }, quarters.map((q) => el('option', { value: q, selected: q === kwartaal }, q.replace('-K', ' kwartaal ')))),
    ),
    el('div', {}, el('label', { for: 'gemeente' }, 'Gemeente (leeg: de hele regio)'), el('input', { type: 'text', id: 'gemeente', name: 'gemeente', value: gemeente })),
    el('button', { type: 'submit' }, 'Tonen'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value) next.set(key, value);
    location.hash = `#?${next.toString()}`;
  });

  let data: Overview;
  try {
    data = await ok(api.GET('/rapportages', { params: { query: { kwartaal, gemeente: filters.gemeente } } }));
  } catch (error) {
    // A refused period or municipality: the form stays, with the reason.
    if (error instanceof ProblemError && error.status === 401) throw error;
    return show(form, message('error', problemText(error)));
  }
  const scope = data.gemeente ?? `regio ${data.regio}`;
  const quarterText = (data.kwartaal ?? kwartaal).replace('-K', ' kwartaal ');
  const intro = el(
    'p',
    {},
    `${scope}, ${quarterText} (${formatDate(data.periode?.van)} tot ${formatDate(data.periode?.tot)}); de stand van nu: ${formatDate(data.peildatum)}. Alleen afgesloten kwartalen, zodat de cijfers niet van elkaar af te trekken zijn. x: weggelaten, zodat geen huishouden herkenbaar is: het gaat om 1 tot 4 huishoudens, of het getal zou een ander weggelaten getal terug laten rekenen. – : niets te berekenen.`,
  );
  show(form, intro, ...REPORTS.map((view) => reportSection(view, data, filters)));
  return undefined;
}

function reportSection(view: ReportView, data: Overview, filters: Filters): HTMLElement {
  const { bars, facts, rows } = view.figures(data);
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const csv = el('button', { type: 'button', class: 'secondary' }, 'Download CSV');
  csv.addEventListener('click', () => {
    void (async () => {
      try {
        const { data: file, response } = await okWithResponse(view.csv(filters));
        download(file, response, `rapportage-${view.path}.csv`);
      } catch (error) {
        status.replaceChildren(message('error', problemText(error)));
      }
    })();
  });
  return el(
    'section',
    { class: 'card', 'aria-labelledby': `rapport-${view.key}`, 'data-report': view.key },
    el('h2', { id: `rapport-${view.key}` }, view.title),
    el('p', { class: 'hint' }, view.explanation),
    facts.length ? el('dl', { class: 'facts' }, facts.flatMap(([label, figure]) => [el('dt', {}, label), el('dd', {}, figureText(figure))])) : null,
    barChart({
      title: `${view.title}: ${bars.map(([label, f]) => `${label} ${figureText(f)}`).join(', ')}`,
      bars: bars.map(([label, f]) => ({ label, value: f.onderdrukt ? null : (f.waarde ?? 0) })),
    }),
    rows.length
      ? table(
          `${view.title} per gemeente`,
          ['Gemeente', ...view.columns.map((label) => ({ label, number: true }))],
          rows,
          (row) => [row.gemeente, ...row.cells.map(figureText)],
          undefined,
          { rowHeader: true },
        )
      : null,
    el('div', { class: 'actions' }, csv),
    status,
  );
}

function show(...content: (Node | null | undefined)[]): void {
  const heading = el('h1', { tabindex: '-1' }, 'Inzichten');
  main.replaceChildren(heading, ...content.filter((node): node is Node => Boolean(node)));
  heading.focus();
}

runPage({ roles: ROLES, render: () => overview(new URLSearchParams(location.hash.replace(/^#\??/, ''))) });
