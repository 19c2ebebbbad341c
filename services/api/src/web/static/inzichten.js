// The region's insights ("helpende data"): the /v1/rapportages figures per
// municipality and period as charts and tables, with a CSV download per
// report. Suppressed figures (fewer than 5 households) come from the API as
// null and are shown as "x" (as in CBS tables), never estimated here.
import { api, apiRaw, barChart, download, el, formatDate, message, PHASE_NAMES, problemText, runPage, STATUS_NAMES, table, todayInAmsterdam } from './common.js';

const ROLES = ['beleid', 'mda-coordinator', 'auditor', 'beheerder'];
const main = document.getElementById('inhoud');

const OPEN_PHASES = ['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg'];

/**
 * Each report: its path under /v1/rapportages, its key in the overview, what
 * it means, the figures drawn as bars, and the figures shown as numbers.
 * `columns` are the per-municipality table's columns.
 */
const REPORTS = [
  {
    key: 'fasen',
    path: 'fasen',
    snapshot: true,
    title: 'Open casussen per fase',
    explanation: 'Casussen die nu open zijn, per fase (stand van nu, niet van het kwartaal).',
    bars: (t) => OPEN_PHASES.map((phase) => [PHASE_NAMES[phase], t.perFase[phase]]),
    facts: (t) => [['Open casussen', t.casussen]],
    columns: [['Open', (f) => f.casussen], ...OPEN_PHASES.map((phase) => [PHASE_NAMES[phase], (f) => f.perFase[phase]])],
  },
  {
    key: 'tijdTotZes',
    path: 'tijd-tot-zes',
    title: 'Tijd tot een 6',
    explanation: 'Veiligheidsvensters die in het kwartaal begonnen: hoeveel de drempel bereikten, en hoe lang dat duurde.',
    bars: (t) => [['Vensters', t.vensters], ['Drempel bereikt', t.bereikt], ['(Nog) niet bereikt', t.nietBereikt]],
    facts: (t) => [['Mediaan (dagen)', t.medianeDagen], ['90e percentiel (dagen)', t.p90Dagen]],
    columns: [['Vensters', (f) => f.vensters], ['Bereikt', (f) => f.bereikt], ['Mediaan dagen', (f) => f.medianeDagen], ['P90 dagen', (f) => f.p90Dagen]],
  },
  {
    key: 'zesBinnenTermijn',
    path: 'zes-binnen-termijn',
    title: 'Een 6 binnen 3 maanden',
    explanation: 'Vensters waarvan de deadline in het kwartaal verstreek: op tijd de drempel bereikt of niet (dan volgt opschaling naar MDA++).',
    bars: (t) => [['Binnen termijn', t.binnenTermijn], ['Niet binnen termijn', t.nietBinnenTermijn]],
    facts: (t) => [['Vensters', t.vensters], ['Aandeel binnen termijn (%)', t.aandeelBinnenTermijn]],
    columns: [['Vensters', (f) => f.vensters], ['Binnen termijn', (f) => f.binnenTermijn], ['Aandeel (%)', (f) => f.aandeelBinnenTermijn]],
  },
  {
    key: 'opschalingen',
    path: 'opschalingen',
    title: 'Opschalingen naar MDA++',
    explanation: 'Opschalingen in het kwartaal, per reden en per besluit (stand van nu).',
    bars: (t) => [
      ['Reden: geen 6 op tijd', t.perReden.deadline],
      ['Reden: door regisseur', t.perReden.handmatig],
      ...Object.entries(STATUS_NAMES).map(([status, label]) => [`Besluit: ${label}`, t.perBesluit[status]]),
    ],
    facts: (t) => [['Opschalingen', t.opschalingen], ['Waarvan besloten', t.beslist], ['Mediaan dagen tot besluit', t.medianeDagenTotBesluit]],
    columns: [['Opschalingen', (f) => f.opschalingen], ['Geen 6 op tijd', (f) => f.perReden.deadline], ['Door regisseur', (f) => f.perReden.handmatig], ['Mediaan dagen', (f) => f.medianeDagenTotBesluit]],
  },
  {
    key: 'herhaling',
    path: 'herhaling',
    title: 'Herhaling binnen 12 maanden',
    explanation: 'Casussen die in het kwartaal werden afgesloten: binnen 12 maanden heropend (herhaling), of niet.',
    bars: (t) => [['Heropend', t.heropend], ['Niet heropend', t.nietHeropend], ['Nog geen 12 maanden', t.opvolgingLopend]],
    facts: (t) => [['Afsluitingen', t.afsluitingen]],
    columns: [['Afsluitingen', (f) => f.afsluitingen], ['Heropend', (f) => f.heropend], ['Niet heropend', (f) => f.nietHeropend]],
  },
  {
    key: 'afsprakenTeLaat',
    path: 'afspraken-te-laat',
    snapshot: true,
    title: 'Afspraken over de deadline',
    explanation: 'Open afspraken in de veiligheidsplannen van open casussen waarvan de deadline voorbij is (stand van nu).',
    bars: (t) => [['Casussen', t.casussen], ['Afspraken', t.afspraken]],
    facts: () => [],
    columns: [['Casussen', (f) => f.casussen], ['Afspraken', (f) => f.afspraken]],
  },
];

/** A figure as text: "x" when suppressed, "–" when there is nothing to compute. */
const figureText = (figure) => (figure.onderdrukt ? 'x' : figure.waarde === null ? '–' : figure.waarde.toLocaleString('nl-NL'));

/** The last eight closed quarters (Europe/Amsterdam), newest first: the periods the API answers for. */
function closedQuarters() {
  const [year, month] = todayInAmsterdam().split('-').map(Number);
  let y = year;
  let q = Math.floor((month - 1) / 3);
  const quarters = [];
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

async function overview(params) {
  const quarters = closedQuarters();
  const kwartaal = quarters.includes(params.get('kwartaal')) ? params.get('kwartaal') : quarters[0];
  const gemeente = params.get('gemeente') ?? '';
  const query = new URLSearchParams({ kwartaal });
  if (gemeente) query.set('gemeente', gemeente);

  const filters = el(
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
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(filters)) if (value) next.set(key, String(value));
    location.hash = `#?${next}`;
  });

  let data;
  try {
    data = await api(`/v1/rapportages?${query}`);
  } catch (error) {
    // A refused period or municipality: the form stays, with the reason.
    if (error.status === 401) throw error;
    return show(filters, message('error', problemText(error)));
  }
  const scope = data.gemeente ?? `regio ${data.regio}`;
  const intro = el(
    'p',
    {},
    `${scope}, ${data.kwartaal.replace('-K', ' kwartaal ')} (${formatDate(data.periode.van)} tot ${formatDate(data.periode.tot)}); de stand van nu: ${formatDate(data.peildatum)}. Alleen afgesloten kwartalen, zodat de cijfers niet van elkaar af te trekken zijn. x: weggelaten, zodat geen huishouden herkenbaar is: het gaat om 1 tot 4 huishoudens, of het getal zou een ander weggelaten getal terug laten rekenen. – : niets te berekenen.`,
  );
  show(filters, intro, ...REPORTS.map((report) => reportSection(report, data[report.key], query)));
}

function reportSection(report, data, query) {
  const total = data.totaal;
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const csv = el('button', { type: 'button', class: 'secondary' }, 'Download CSV');
  csv.addEventListener('click', async () => {
    try {
      const own = new URLSearchParams(query);
      if (report.snapshot) own.delete('kwartaal');
      await download(await apiRaw(`/v1/rapportages/${report.path}?${own}`, { accept: 'text/csv' }), `rapportage-${report.path}.csv`);
    } catch (error) {
      status.replaceChildren(message('error', problemText(error)));
    }
  });
  const facts = report.facts(total);
  return el(
    'section',
    { class: 'card', 'aria-labelledby': `rapport-${report.key}`, 'data-report': report.key },
    el('h2', { id: `rapport-${report.key}` }, report.title),
    el('p', { class: 'hint' }, report.explanation),
    facts.length ? el('dl', { class: 'facts' }, facts.flatMap(([label, figure]) => [el('dt', {}, label), el('dd', {}, figureText(figure))])) : null,
    barChart({ title: `${report.title}: ${report.bars(total).map(([label, f]) => `${label} ${figureText(f)}`).join(', ')}`, bars: report.bars(total).map(([label, f]) => ({ label, value: f.onderdrukt ? null : (f.waarde ?? 0) })) }),
    data.perGemeente.length
      ? table(
          `${report.title} per gemeente`,
          ['Gemeente', ...report.columns.map(([label]) => ({ label, number: true }))],
          data.perGemeente,
          (row) => [row.gemeente, ...report.columns.map(([, figure]) => figureText(figure(row)))],
          undefined,
          { rowHeader: true },
        )
      : null,
    el('div', { class: 'actions' }, csv),
    status,
  );
}

function show(...content) {
  const heading = el('h1', { tabindex: '-1' }, 'Inzichten');
  main.replaceChildren(heading, ...content.filter(Boolean));
  heading.focus();
}

runPage({ roles: ROLES, render: () => overview(new URLSearchParams(location.hash.replace(/^#\??/, ''))) });
