// The MDA++ coordinator's page: the escalation queue, one escalation with its
// case, the decision, and the expert meetings. Views are chosen by the URL's
// hash (#/wachtrij, #/opschalingen/<id>, #/expertoverleggen[/<id>], #/evaluaties), which
// holds only random ids and filters, never anything personal.
import type { Schemas } from '@veilig-samen/api-client';
import {
  announce,
  api,
  el,
  formatDate,
  formatDateTime,
  message,
  ok,
  okAll,
  okPage,
  PHASE_NAMES,
  ProblemError,
  problemText,
  required,
  runPage,
  scoreChart,
  STATUS_NAMES,
  table,
  todayInAmsterdam,
  type Child,
  type EscalationStatus,
} from './common.js';

type Escalation = Schemas['Opschaling'];
type EscalatedCase = NonNullable<Escalation['casus']>;
type Member = Schemas['Lid'];
type Plan = Schemas['VeiligheidsplanVersie'];
type Owner = Schemas['Afspraak']['eigenaar'] | Schemas['Agendapunt']['afspraken'][number]['eigenaar'];
type Meeting = Schemas['Expertoverleg'];
type AgendaItem = Schemas['Agendapunt'];
type Reason = Escalation['reden'];
type Review = Schemas['MdaEvaluatie'];

const ROLES = ['mda-coordinator'] as const;
const PAGE_SIZE = 20;
const main = required(document.getElementById('inhoud'), 'het hoofddeel (#inhoud)');
const nav = required(document.querySelector<HTMLElement>('header.site nav'), 'het menu');

type LifeDomain = AgendaItem['leefdomeinen'][number];
type HouseholdAtTable = NonNullable<AgendaItem['huishoudenAanTafel']>;
type Intensity = NonNullable<AgendaItem['intensiteit']>;
type Expert = Meeting['experts'][number];

const LIFE_DOMAIN_NAMES: Readonly<Record<LifeDomain, string>> = {
  wonen: 'Wonen',
  financien: 'Financiën',
  'werk-en-dagbesteding': 'Werk en dagbesteding',
  gezondheid: 'Gezondheid',
  opvoeding: 'Opvoeding',
  'sociaal-netwerk': 'Sociaal netwerk',
  justitie: 'Justitie',
};
const HOUSEHOLD_NAMES: Readonly<Record<HouseholdAtTable, string>> = { ja: 'Ja', nee: 'Nee', deels: 'Deels' };
const INTENSITY_NAMES: Readonly<Record<Intensity, string>> = { licht: 'Licht', midden: 'Midden', intensief: 'Intensief' };
const isLifeDomain = (value: string): value is LifeDomain => value in LIFE_DOMAIN_NAMES;
const isHousehold = (value: string): value is HouseholdAtTable => value in HOUSEHOLD_NAMES;
const isIntensity = (value: string): value is Intensity => value in INTENSITY_NAMES;

const REASON_NAMES: Readonly<Record<Reason, string>> = {
  deadline: 'Drempel stond niet bij de deadline',
  handmatig: 'Door de regisseur',
  'aanmelding-partner': 'Aanmelding door partner',
};

/** The reasons, and for a referral who referred it (issue 18 point 1). */
const reasonText = (escalation: Escalation): string =>
  escalation.redenen.map((reason) => REASON_NAMES[reason]).join(' + ') +
  (escalation.aangemeldDoor ? ` (${escalation.aangemeldDoor.organisatie}${escalation.aangemeldDoor.persoon ? `, ${escalation.aangemeldDoor.persoon}` : ''})` : '');
const AGREEMENT_STATUS_NAMES: Readonly<Record<string, string>> = { open: 'Open', gedaan: 'Gedaan', vervallen: 'Vervallen' };

const isStatus = (value: string | null): value is EscalationStatus => value !== null && value in STATUS_NAMES;
const isReason = (value: string | null): value is Reason => value !== null && value in REASON_NAMES;

// ------------------------------------------------------------ shell

/** Shows a view: replaces the content, moves focus to its heading, and says so to screen readers. */
function show(title: string, ...content: (Node | null | undefined)[]): void {
  const heading = el('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content.filter((node): node is Node => Boolean(node)));
  document.title = `${title} · MDA++-coördinatie · Veilig Samen`;
  heading.focus();
}

function markNav(section: string): void {
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function parseHash(): { parts: string[]; params: URLSearchParams } {
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

async function route(): Promise<void> {
  const { parts, params } = parseHash();
  if (parts[0] === 'opschalingen' && parts[1]) {
    markNav('wachtrij');
    return escalationView(parts[1]);
  }
  if (parts[0] === 'expertoverleggen') {
    markNav('expertoverleggen');
    return parts[1] ? meetingView(parts[1]) : meetingsView();
  }
  if (parts[0] === 'evaluaties') {
    markNav('evaluaties');
    return reviewsView();
  }
  markNav('wachtrij');
  return queueView(params);
}

// ------------------------------------------------------------ the queue

async function queueView(params: URLSearchParams): Promise<void> {
  // Only the filters the API knows: a hand-edited hash with another value shows the default.
  const statusParam = params.get('status');
  const status: EscalationStatus = isStatus(statusParam) ? statusParam : 'open';
  const gemeente = params.get('gemeente') ?? '';
  const redenParam = params.get('reden');
  const reden = isReason(redenParam) ? redenParam : undefined;
  const pagina = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const { body, total } = await okPage(
    api.GET('/opschalingen', { params: { query: { status, pagina, paginaGrootte: PAGE_SIZE, ...(gemeente ? { gemeente } : {}), ...(reden ? { reden } : {}) } } }),
  );

  const select = (name: string, label: string, options: readonly (readonly [string, string])[], value: string) =>
    el(
      'div',
      {},
      el('label', { for: `filter-${name}` }, label),
      el('select', { id: `filter-${name}`, name }, options.map(([v, text]) => el('option', { value: v, selected: v === value }, text))),
    );
  const filters = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filters voor de wachtrij' },
    select('status', 'Status', Object.entries(STATUS_NAMES), status),
    el('div', {}, el('label', { for: 'filter-gemeente' }, 'Gemeente'), el('input', { type: 'text', id: 'filter-gemeente', name: 'gemeente', value: gemeente })),
    select('reden', 'Reden', [['', 'Alle redenen'], ...Object.entries(REASON_NAMES)], reden ?? ''),
    el('button', { type: 'submit' }, 'Filteren'),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filters);
    const next = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === 'string' && value) next.set(key, value);
    location.hash = `#/wachtrij?${next.toString()}`;
  });

  const items = body.opschalingen;
  const rows = items.length
    ? table(
        `${STATUS_NAMES[status]}: ${total} opschaling${total === 1 ? '' : 'en'}, oudste eerst`,
        ['Opgeschaald op', { label: 'Dagen wachtend', number: true }, 'Gemeente', 'Reden', 'Fase', { label: 'Laatste score', number: true }, 'Opvolging'],
        items,
        (item) => [
          el('a', { href: `#/opschalingen/${item.id}`, 'data-escalation': item.id }, formatDate(item.opgeschaaldOp)),
          String(item.dagenWachtend),
          item.gemeente,
          reasonText(item),
          // A case back with the local team shows no case data (casus: null).
          item.casus ? PHASE_NAMES[item.casus.fase] : '–',
          item.casus ? latestScore(item.casus.veiligheidsscores) : '–',
          item.opvolging ? `${formatDate(item.opvolging.tijdstip)}${item.opvolging.verlopen ? ' (verlopen)' : ''}` : '–',
        ],
        (item) => (item.opvolging?.verlopen ? 'late' : undefined),
      )
    : message('success', status === 'open' ? 'Er wachten geen opschalingen op een besluit.' : 'Geen opschalingen met deze filters.');

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageLink = (target: number, text: string) => {
    const next = new URLSearchParams(params);
    next.set('pagina', String(target));
    return el('a', { href: `#/wachtrij?${next.toString()}` }, text);
  };
  const pager =
    pages > 1
      ? el('nav', { class: 'pager', 'aria-label': 'Pagina’s' }, pagina > 1 ? pageLink(pagina - 1, 'Vorige') : null, el('span', {}, `Pagina ${pagina} van ${pages}`), pagina < pages ? pageLink(pagina + 1, 'Volgende') : null)
      : null;
  show('Wachtrij opschalingen', filters, rows, pager);
}

function latestScore(scores: EscalatedCase['veiligheidsscores']): string {
  const last = scores.at(-1);
  return last ? String(last.score) : '–';
}

// ------------------------------------------------------------ one escalation

/** The case's details and timeline, read only while the case is escalated. */
async function caseDetails(casusId: string) {
  return Promise.all([
    ok(api.GET('/casussen/{id}', { params: { path: { id: casusId } } })),
    okAll(
      (paging) => api.GET('/casussen/{id}/tijdlijn', { params: { path: { id: casusId }, query: { na: paging.na, paginaGrootte: paging.paginaGrootte } } }),
      (body) => body.gebeurtenissen,
    ),
  ]);
}

async function escalationView(id: string): Promise<void> {
  const escalation = await ok(api.GET('/opschalingen/{id}', { params: { path: { id } } }));
  // null once the case is back with the local team: the coordinator's view of it has ended.
  const casus = escalation.casus;
  const details = casus ? await caseDetails(escalation.casusId) : undefined;
  const members = new Map((details?.[0].leden ?? []).map((m) => [m.id, m]));

  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, 'Status'), el('dd', { 'data-field': 'status' }, STATUS_NAMES[escalation.status]),
    el('dt', {}, 'Gemeente'), el('dd', {}, escalation.gemeente),
    el('dt', {}, 'Reden'), el('dd', { 'data-field': 'reden' }, reasonText(escalation), escalation.toelichting ? ` – ${escalation.toelichting}` : ''),
    el('dt', {}, 'Opgeschaald op'), el('dd', {}, `${formatDateTime(escalation.opgeschaaldOp)} (${escalation.dagenWachtend} dagen wachtend)`),
    ...(casus
      ? [
          el('dt', {}, 'Regisseur'), el('dd', {}, `${casus.regisseur.id} (${casus.regisseur.organisatie})`),
          el('dt', {}, 'Fase'), el('dd', {}, `${PHASE_NAMES[casus.fase]}, ${casus.dagenSindsStart} dagen sinds de start`),
          el('dt', {}, 'Betrokken organisaties'), el('dd', {}, casus.betrokkenOrganisaties.join(', ') || '–'),
        ]
      : []),
  );

  const sections: Node[] = [el('p', { class: 'no-print' }, el('a', { href: '#/wachtrij' }, '← Terug naar de wachtrij')), facts];
  if (escalation.besluit) sections.push(decisionSummary(escalation.besluit));
  // Triage (issue 18 point 2): a waiting escalation or referral can go on a meeting's agenda and be decided there.
  if (escalation.status === 'open') sections.push(decisionForm(escalation), await agendaForm(escalation));
  if (escalation.status === 'mda-traject') sections.push(await agendaForm(escalation), ...(casus ? [deEscalationForm(escalation, casus)] : []));
  if (escalation.status === 'open' || escalation.status === 'mda-traject') sections.push(followUpForm(escalation));

  if (!casus || !details) {
    sections.push(message('info', 'De casus is niet meer opgeschaald. U ziet alleen de opschaling en het besluit, niet de inhoud van de casus.'));
  } else {
    const [caseData, timeline] = details;
    sections.push(
      el('h2', {}, 'Huishouden'),
      householdTable(caseData.leden),
      el('h2', {}, 'Fasen'),
      el('ol', { class: 'phases', 'aria-label': 'Fasegeschiedenis' }, timeline.first.fasen.map((f) => el('li', {}, `${PHASE_NAMES[f.fase]} (sinds ${formatDate(f.sinds)})`))),
      el('h2', {}, 'Veiligheidsscores'),
      scoresSection(casus, caseData.drempelBereikt),
      el('h2', {}, 'Veiligheidsplan'),
      planSection(casus.veiligheidsplan, members),
      el('h2', {}, 'Tijdlijn'),
      el(
        'ol',
        { class: 'timeline' },
        [...timeline.items].reverse().map((e) => el('li', {}, el('time', { datetime: e.op }, `${formatDateTime(e.op)} · ${e.door.rol}`), e.omschrijving)),
      ),
    );
  }
  show(`Opschaling ${escalation.gemeente}, ${formatDate(escalation.opgeschaaldOp)}`, ...sections);
}

function householdTable(members: readonly Member[]): HTMLElement {
  return table(
    'Leden van het huishouden',
    ['Naam', 'Geboortedatum', 'Relatie', 'Betrokkenheid', 'Afscherming'],
    members,
    (m) => [
      m.naam,
      m.geboortedatum ? formatDate(m.geboortedatum) : '–',
      m.relatie,
      m.betrokkenheid.join(', '),
      // Sealed members' address and contact are withheld by the API; the page only says so.
      m.afgeschermd ? el('span', { class: 'badge sealed' }, 'Adres en contact afgeschermd') : '–',
    ],
  );
}

function scoresSection(casus: EscalatedCase, drempelBereikt: boolean): HTMLElement {
  const scores = casus.veiligheidsscores;
  const last = scores.at(-1);
  const summary = `Veiligheidsscores van 0 tot 10 over de tijd. Drempel ${casus.drempel}, deadline ${formatDate(casus.veiligheidsdeadline)}. ${
    last === undefined ? 'Nog geen scores.' : `Laatste score ${last.score}; de drempel staat in dit veiligheidsvenster ${drempelBereikt ? '' : 'niet'}.`
  }`;
  return el(
    'div',
    {},
    scoreChart({ scores, threshold: casus.drempel, deadline: casus.veiligheidsdeadline, title: summary }),
    el('p', { class: 'hint' }, summary),
    el(
      'details',
      {},
      el('summary', {}, 'Scores als tabel (TOP3)'),
      table('Veiligheidsscores met de drie acties', ['Datum', { label: 'Score', number: true }, 'Drie acties', 'Door'], scores, (s) => [
        formatDate(s.gescoordOp),
        String(s.score),
        s.acties.join('; '),
        s.gescoordDoor,
      ]),
    ),
  );
}

function ownerText(owner: Owner, members: ReadonlyMap<string, Member>): string {
  if (owner.soort === 'lid') return members.get(owner.lidId)?.naam ?? 'lid van het huishouden';
  if (owner.soort === 'professional') return `${owner.id} (${owner.organisatie})`;
  return owner.naam;
}

function planSection(plan: Plan | null, members: ReadonlyMap<string, Member>): HTMLElement {
  if (!plan) return message('info', 'Er is nog geen veiligheidsplan.');
  const today = todayInAmsterdam();
  const late = plan.afspraken.filter((a) => a.teLaat).length;
  const open = plan.afspraken.filter((a) => a.status === 'open').length;
  return el(
    'div',
    {},
    el('p', {}, `Versie ${plan.versie}, vastgesteld ${formatDate(plan.vastgesteldOp)}. Akkoord huishouden: ${plan.akkoordHuishouden.akkoord}. ${open} open, waarvan ${late} te laat.`),
    table(
      'Afspraken in het veiligheidsplan',
      ['Afspraak', 'Eigenaar', 'Deadline', 'Status'],
      plan.afspraken,
      (a) => [
        a.omschrijving,
        ownerText(a.eigenaar, members),
        formatDate(a.deadline),
        a.teLaat
          ? el('span', { class: 'badge late' }, 'Te laat')
          : a.status === 'open'
            ? el('span', { class: 'badge open' }, a.deadline === today ? 'Open, vandaag' : 'Open')
            : el('span', { class: 'badge ok' }, AGREEMENT_STATUS_NAMES[a.status] ?? a.status),
      ],
      (a) => (a.teLaat ? 'late' : a.status === 'open' ? 'open' : undefined),
    ),
  );
}

function decisionSummary(decision: NonNullable<Escalation['besluit']>): HTMLElement {
  return el(
    'section',
    { class: 'card' },
    el('h2', {}, 'Besluit'),
    el('p', {}, `${STATUS_NAMES[decision.besluit]}, ${formatDateTime(decision.op)} door ${decision.door}.`),
    el('p', {}, el('strong', {}, 'Motivering: '), decision.motivering),
    decision.advies ? el('p', {}, el('strong', {}, 'Advies aan het lokale team: '), decision.advies) : null,
    decision.expertoverleg
      ? el(
          'p',
          { 'data-field': 'besluit-overleg' },
          el('strong', {}, 'Genomen in het expertoverleg; aan tafel: '),
          decision.expertoverleg.deelnemers.join(', '),
          ' ',
          el('a', { href: `#/expertoverleggen/${decision.expertoverleg.id}` }, '(naar het overleg)'),
        )
      : null,
  );
}

const DECISIONS = ['mda-traject', 'terug-naar-lokaal-team'] as const;
type Decision = (typeof DECISIONS)[number];
const isDecision = (value: string): value is Decision => (DECISIONS as readonly string[]).includes(value);

/** The form's submit button (every form here has one). */
const submitButton = (form: HTMLFormElement): HTMLButtonElement => required(form.querySelector<HTMLButtonElement>('button[type=submit]'), 'een verzendknop');

/** A form field's text, trimmed ('' when absent). */
const field = (data: FormData, name: string): string => {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

function decisionForm(escalation: Escalation): HTMLFormElement {
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const choice = (value: Decision, label: string, hint: string) =>
    el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'besluit', value, required: true }), el('span', {}, label, el('span', { class: 'hint' }, ` – ${hint}`)));
  const advice = el('div', { id: 'advies-veld', hidden: true }, el('label', { for: 'advies' }, 'Advies aan het lokale team'), el('textarea', { id: 'advies', name: 'advies' }));
  const form = el(
    'form',
    // novalidate: the page's own Dutch messages, the same in every browser.
    { class: 'card', 'aria-labelledby': 'besluit-titel', novalidate: true },
    el('h2', { id: 'besluit-titel' }, 'Besluit nemen'),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Besluit'),
      choice('mda-traject', 'MDA++-traject', 'de casus komt in het expertoverleg; het lokale team blijft betrokken'),
      choice('terug-naar-lokaal-team', 'Terug naar het lokale team', 'met advies; de casus krijgt een nieuw veiligheidsvenster'),
    ),
    el('label', { for: 'motivering' }, 'Motivering'),
    el('p', { class: 'hint', id: 'motivering-hint' }, 'Waarom dit besluit? De motivering staat in de tijdlijn van de casus.'),
    el('textarea', { id: 'motivering', name: 'motivering', required: true, 'aria-describedby': 'motivering-hint' }),
    advice,
    status,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Besluit vastleggen')),
  );
  form.addEventListener('change', () => {
    advice.hidden = new FormData(form).get('besluit') !== 'terug-naar-lokaal-team';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const data = new FormData(form);
      const besluit = field(data, 'besluit');
      const motivering = field(data, 'motivering');
      if (!isDecision(besluit)) return status.replaceChildren(message('error', 'Kies een besluit.'));
      if (!motivering) return status.replaceChildren(message('error', 'Vul een motivering in.'));
      const body = { besluit, motivering, ...(besluit === 'terug-naar-lokaal-team' ? { advies: field(data, 'advies') } : {}) };
      submitButton(form).disabled = true;
      try {
        await ok(api.POST('/opschalingen/{id}/besluit', { params: { path: { id: escalation.id } }, body }));
        await escalationView(escalation.id);
        announce(main, 'Het besluit is vastgelegd.');
      } catch (error) {
        if (error instanceof ProblemError && error.status === 409) {
          // Someone decided first: show the escalation as it is now, with the reason.
          await escalationView(escalation.id);
          main.prepend(message('error', problemText(error)));
          return undefined;
        }
        status.replaceChildren(message('error', problemText(error)));
        submitButton(form).disabled = false;
      }
      return undefined;
    })();
  });
  return form;
}

/**
 * A small form: `check` returns the page's own refusal (a missing field) or
 * nothing, `send` calls the API and `done` gets its answer; a refusal stays
 * on the form with its reason.
 */
function actionForm<T>({
  title,
  fields,
  button,
  check,
  send,
  done,
}: {
  title: string;
  fields: Child[];
  button: string;
  check: (data: FormData) => string | undefined;
  send: (data: FormData) => Promise<T>;
  done: (result: T) => void | Promise<void>;
}): HTMLFormElement {
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'card', novalidate: true }, el('h2', {}, title), ...fields, status, el('div', { class: 'actions' }, el('button', { type: 'submit' }, button)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const data = new FormData(form);
      const missing = check(data);
      if (missing) return status.replaceChildren(message('error', missing));
      let result: T;
      try {
        result = await send(data);
      } catch (error) {
        return status.replaceChildren(message('error', problemText(error)));
      }
      await done(result);
      return undefined;
    })();
  });
  return form;
}

function followUpForm(escalation: Escalation): HTMLFormElement {
  const current = escalation.opvolging;
  return actionForm({
    title: 'Opvolgmoment',
    fields: [
      el('p', { class: 'hint' }, current ? `Nu: ${formatDate(current.tijdstip)}${current.notitie ? ` – ${current.notitie}` : ''}.` : 'Als het opvolgmoment verstrijkt, vraagt de opschaling in de wachtrij weer aandacht.'),
      el('label', { for: 'opvolging-datum' }, 'Datum'),
      el('input', { type: 'date', id: 'opvolging-datum', name: 'datum', required: true }),
      el('label', { for: 'opvolging-notitie' }, 'Notitie (optioneel)'),
      el('input', { type: 'text', id: 'opvolging-notitie', name: 'notitie' }),
    ],
    button: 'Opvolgmoment zetten',
    check: (data) => (field(data, 'datum') ? undefined : 'Kies een datum.'),
    send: (data) => {
      const datum = field(data, 'datum');
      const notitie = field(data, 'notitie');
      return ok(
        api.POST('/opschalingen/{id}/opvolging', {
          params: { path: { id: escalation.id } },
          body: { tijdstip: new Date(`${datum}T09:00`).toISOString(), ...(notitie ? { notitie } : {}) },
        }),
      );
    },
    done: async () => {
      await escalationView(escalation.id);
      announce(main, 'Het opvolgmoment is gezet.');
    },
  });
}

function deEscalationForm(escalation: Escalation, casus: EscalatedCase): HTMLFormElement {
  return actionForm({
    title: 'Afschalen',
    fields: [
      el('p', { class: 'hint' }, `Terug naar het lokale team, als de laatste veiligheidsscore de drempel (${casus.drempel}) weer haalt.`),
      el('label', { for: 'afschaling-reden' }, 'Reden'),
      el('textarea', { id: 'afschaling-reden', name: 'reden', required: true }),
    ],
    button: 'Afschalen',
    check: (data) => (field(data, 'reden') ? undefined : 'Vul een reden in.'),
    send: (data) =>
      ok(
        api.POST('/casussen/{id}/afschaling', {
          params: { path: { id: escalation.casusId }, header: { 'if-match': `"${casus.versie}"` } },
          body: { reden: field(data, 'reden') },
        }),
      ),
    done: async () => {
      await escalationView(escalation.id);
      announce(main, 'De casus is afgeschaald naar het lokale team.');
    },
  });
}

/** Every expert meeting, or only those with `status`, from all pages. */
async function meetings(status?: Meeting['status']) {
  const { items } = await okAll(
    (paging) => api.GET('/expertoverleggen', { params: { query: { ...(status ? { status } : {}), paginaGrootte: paging.paginaGrootte ?? 100, pagina: paging.pagina } } }),
    (body) => body.expertoverleggen,
  );
  return items;
}

async function agendaForm(escalation: Escalation): Promise<HTMLElement> {
  const planned = await meetings('gepland');
  if (planned.length === 0) {
    return el('p', { class: 'card' }, 'Er is geen gepland expertoverleg. ', el('a', { href: '#/expertoverleggen' }, 'Plan een expertoverleg'), ' om deze casus te agenderen.');
  }
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'card' },
    el('h2', {}, 'Agenderen'),
    el('label', { for: 'overleg' }, 'Expertoverleg'),
    el('select', { id: 'overleg', name: 'overleg' }, planned.map((m) => el('option', { value: m.id }, formatDateTime(m.tijdstip)))),
    status,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Op de agenda zetten')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const meeting = field(new FormData(form), 'overleg');
      const button = submitButton(form);
      button.disabled = true;
      try {
        await ok(api.POST('/expertoverleggen/{id}/agendapunten', { params: { path: { id: meeting } }, body: { opschalingId: escalation.id } }));
        location.hash = `#/expertoverleggen/${meeting}`;
      } catch (error) {
        status.replaceChildren(message('error', problemText(error)));
        button.disabled = false;
      }
    })();
  });
  return form;
}

// ------------------------------------------------------------ expert meetings

async function meetingsView(): Promise<void> {
  const expertoverleggen = await meetings();
  const form = actionForm({
    title: 'Een expertoverleg plannen',
    fields: [el('label', { for: 'datum' }, 'Datum en tijd'), el('input', { type: 'datetime-local', id: 'datum', name: 'datum', required: true })],
    button: 'Plannen',
    check: (data) => (field(data, 'datum') ? undefined : 'Kies een datum en tijd.'),
    send: (data) => ok(api.POST('/expertoverleggen', { body: { tijdstip: new Date(field(data, 'datum')).toISOString() } })),
    done: (meeting) => {
      location.hash = `#/expertoverleggen/${meeting.id}`;
    },
  });
  const list = expertoverleggen.length
    ? table('Expertoverleggen van de regio', ['Datum', 'Status'], expertoverleggen, (m) => [
        el('a', { href: `#/expertoverleggen/${m.id}` }, formatDateTime(m.tijdstip)),
        m.status === 'gepland' ? 'Gepland' : 'Gesloten',
      ])
    : message('info', 'Er zijn nog geen expertoverleggen.');
  show('Expertoverleggen', list, form);
}

const lines = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

async function meetingView(id: string): Promise<void> {
  const meeting = await ok(api.GET('/expertoverleggen/{id}', { params: { path: { id } } }));
  const escalations = await Promise.all(meeting.agenda.map((item) => ok(api.GET('/opschalingen/{id}', { params: { path: { id: item.opschalingId } } }))));
  const open = meeting.status === 'gepland';
  const printButton = el('button', { type: 'button', class: 'secondary' }, 'Afdrukken');
  printButton.addEventListener('click', () => window.print());

  const items = meeting.agenda.map((item, index) => {
    const escalation = escalations[index];
    const card = el(
      'section',
      { class: 'card', 'aria-labelledby': `punt-${item.id}` },
      el('h2', { id: `punt-${item.id}` }, `Agendapunt ${item.positie}: ${escalation?.gemeente ?? ''}, opgeschaald ${formatDate(escalation?.opgeschaaldOp)}`),
      el('p', { class: 'no-print' }, el('a', { href: `#/opschalingen/${item.opschalingId}` }, 'Bekijk de opschaling')),
    );
    if (item.uitkomstVastgelegdOp) {
      card.append(
        el('h3', {}, 'Aan tafel'),
        el('p', {}, item.deelnemers.join(', ')),
        el('h3', {}, 'Besluiten'),
        el('ul', {}, item.besluiten.map((b) => el('li', {}, b))),
        el('h3', {}, 'Nieuwe afspraken'),
        item.afspraken.length
          ? el('ul', {}, item.afspraken.map((a) => el('li', {}, `${a.omschrijving} – ${ownerText(a.eigenaar, new Map())}, uiterlijk ${formatDate(a.deadline)}`)))
          : el('p', {}, 'Geen.'),
        ...outcomeDetails(item),
        el('p', { class: 'muted' }, `Vastgelegd ${formatDateTime(item.uitkomstVastgelegdOp)}.`),
      );
    } else if (open && escalation?.status === 'open') {
      // Triage: the decision is taken in the meeting first; the outcome with agreements follows it.
      card.append(el('p', {}, `Wacht op besluit. Reden: ${reasonText(escalation)}${escalation.toelichting ? ` – ${escalation.toelichting}` : ''}`), meetingDecisionForm(meeting, item));
    } else if (open && meeting.gestartOp) {
      card.append(outcomeForm(meeting, item));
    } else if (open) {
      card.append(el('p', { class: 'muted' }, 'Start het overleg om de uitkomst vast te leggen.'));
    } else {
      card.append(el('p', { class: 'muted' }, 'Geen uitkomst vastgelegd.'));
    }
    return card;
  });

  const sections: Node[] = [
    el('p', { class: 'no-print' }, el('a', { href: '#/expertoverleggen' }, '← Alle expertoverleggen')),
    el('p', {}, meetingStatusText(meeting)),
    el('div', { class: 'actions' }, ...(open && !meeting.gestartOp ? [startButton(meeting)] : []), printButton),
    ...(items.length ? items : [message('info', 'Nog niets op de agenda. Agendeer een opschaling vanuit het MDA++-traject.')]),
    expertsSection(meeting),
  ];
  if (open) sections.push(closeForm(meeting));
  else sections.push(el('h2', {}, 'Notulen'), el('div', { class: 'card' }, lines(meeting.notulen).map((line) => el('p', {}, line))));
  show(`Expertoverleg ${formatDateTime(meeting.tijdstip)}`, ...sections);
}

function meetingStatusText(meeting: Meeting): string {
  if (meeting.status === 'gesloten') return `Gesloten op ${formatDateTime(meeting.geslotenOp)}.`;
  if (!meeting.gestartOp) return 'Gepland. Start het overleg op de dag zelf; daarna legt u per agendapunt de uitkomst vast en sluit u het verslag.';
  return `Gestart ${formatDateTime(meeting.gestartOp)}. Leg per agendapunt de uitkomst vast en sluit daarna het verslag.`;
}

/** Opens the sitting; refused before the meeting's day (the page shows the service's Dutch message). */
function startButton(meeting: Meeting): HTMLElement {
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'button' }, 'Overleg starten');
  button.addEventListener('click', () => {
    void (async () => {
      try {
        await ok(api.POST('/expertoverleggen/{id}/start', { params: { path: { id: meeting.id } } }));
        await meetingView(meeting.id);
        announce(main, 'Het overleg is gestart; leg nu per agendapunt de uitkomst vast.');
      } catch (error) {
        status.replaceChildren(message('error', problemText(error)));
      }
    })();
  });
  return el('span', {}, button, status);
}

/** The experts registered for the meeting: on its day they read the cases on the agenda. */
function expertsSection(meeting: Meeting): HTMLElement {
  const open = meeting.status === 'gepland';
  const row = (expert: Expert) => {
    const text = `${expert.naam ?? expert.id} (${expert.organisatie})`;
    if (!open) return el('li', {}, text);
    const remove = el('button', { type: 'button', class: 'secondary', 'aria-label': `${text} afmelden` }, 'Afmelden');
    remove.addEventListener('click', () => {
      void (async () => {
        try {
          await ok(api.DELETE('/expertoverleggen/{id}/experts/{expertId}', { params: { path: { id: meeting.id, expertId: expert.id } } }));
          await meetingView(meeting.id);
          announce(main, 'De expert is afgemeld.');
        } catch (error) {
          announce(main, problemText(error));
        }
      })();
    });
    return el('li', {}, `${text} `, remove);
  };
  const section = el(
    'section',
    { class: 'card', 'aria-labelledby': 'experts-titel' },
    el('h2', { id: 'experts-titel' }, 'Experts'),
    el('p', { class: 'hint' }, 'Aangemelde experts lezen op de dag van het overleg de casussen op de agenda (overzicht, veiligheidsplan en scores).'),
    meeting.experts.length ? el('ul', {}, meeting.experts.map(row)) : el('p', {}, 'Nog geen experts aangemeld.'),
  );
  if (!open) return section;
  section.append(
    actionForm({
      title: 'Expert aanmelden',
      fields: [
        el('label', { for: 'expert-id' }, 'Gebruikersnaam van de expert'),
        el('input', { type: 'text', id: 'expert-id', name: 'id', required: true }),
        el('label', { for: 'expert-organisatie' }, 'Organisatie van de expert'),
        el('input', { type: 'text', id: 'expert-organisatie', name: 'organisatie', required: true }),
        el('label', { for: 'expert-naam' }, 'Naam van de expert (optioneel)'),
        el('input', { type: 'text', id: 'expert-naam', name: 'naam' }),
      ],
      button: 'Expert aanmelden',
      check: (data) => (field(data, 'id') && field(data, 'organisatie') ? undefined : 'Vul de gebruikersnaam en de organisatie van de expert in.'),
      send: (data) =>
        ok(
          api.POST('/expertoverleggen/{id}/experts', {
            params: { path: { id: meeting.id } },
            body: { id: field(data, 'id'), organisatie: field(data, 'organisatie'), ...(field(data, 'naam') ? { naam: field(data, 'naam') } : {}) },
          }),
        ),
      done: async () => {
        await meetingView(meeting.id);
        announce(main, 'De expert is aangemeld.');
      },
    }),
  );
  return section;
}

function leadText(lead: AgendaItem['regieMdaTraject']): string {
  if (!lead || lead.soort === 'regisseur') return 'De regisseur van de casus';
  return lead.soort === 'organisatie' ? lead.naam : `${lead.id} (${lead.organisatie})`;
}

/** What the outcome recorded beyond participants, decisions and agreements (none for outcomes from before). */
function outcomeDetails(item: AgendaItem): Node[] {
  if (item.huishoudenAanTafel === null) return [];
  const yesNo = (value: boolean | null) => (value ? 'ja' : 'nee');
  return [
    el('h3', {}, 'Aan tafel en opvolging'),
    el(
      'ul',
      {},
      el('li', {}, `Huishouden aan tafel: ${HOUSEHOLD_NAMES[item.huishoudenAanTafel].toLowerCase()}`),
      el('li', {}, `Ervaringsdeskundige aanwezig: ${yesNo(item.ervaringsdeskundigeAanwezig)}`),
      el('li', {}, `Iemand met mandaat van de gemeente aanwezig: ${yesNo(item.mandaatGemeenteAanwezig)}`),
      el('li', {}, `Besproken leefdomeinen: ${item.leefdomeinen.map((d) => LIFE_DOMAIN_NAMES[d]).join(', ')}`),
      el('li', {}, `Intensiteit van de opvolging: ${item.intensiteit ? INTENSITY_NAMES[item.intensiteit].toLowerCase() : '–'}`),
      el('li', {}, `Regie MDA++-traject: ${leadText(item.regieMdaTraject)}`),
      el('li', {}, `Volgende bespreking: ${formatDate(item.volgendeBespreking)}`),
    ),
    ...(item.top3
      ? [el('h3', {}, `Gezamenlijke TOP3-score: ${item.top3.score}`), el('ol', {}, item.top3.acties.map((a) => el('li', {}, a)))]
      : []),
  ];
}

function outcomeForm(meeting: Meeting, item: AgendaItem): HTMLFormElement {
  const prefix = `uitkomst-${item.id}`;
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const agreementRow = (n: number) =>
    el(
      'fieldset',
      {},
      el('legend', {}, `Nieuwe afspraak ${n} (optioneel)`),
      el('label', { for: `${prefix}-oms-${n}` }, 'Omschrijving'),
      el('input', { type: 'text', id: `${prefix}-oms-${n}`, name: `omschrijving-${n}` }),
      el('label', { for: `${prefix}-org-${n}` }, 'Eigenaar (organisatie)'),
      el('input', { type: 'text', id: `${prefix}-org-${n}`, name: `organisatie-${n}` }),
      el('label', { for: `${prefix}-dl-${n}` }, 'Deadline'),
      el('input', { type: 'date', id: `${prefix}-dl-${n}`, name: `deadline-${n}` }),
    );
  const form = el(
    'form',
    { novalidate: true },
    el('label', { for: `${prefix}-deelnemers` }, 'Aan tafel (één organisatie per regel)'),
    el('textarea', { id: `${prefix}-deelnemers`, name: 'deelnemers', required: true }),
    el('label', { for: `${prefix}-besluiten` }, 'Besluiten (één per regel)'),
    el('textarea', { id: `${prefix}-besluiten`, name: 'besluiten', required: true }),
    agreementRow(1),
    agreementRow(2),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Huishouden aan tafel'),
      ...Object.entries(HOUSEHOLD_NAMES).map(([value, label]) =>
        el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'huishouden', value, required: true }), el('span', {}, label)),
      ),
    ),
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'ervaringsdeskundige', value: 'ja' }), el('span', {}, 'Ervaringsdeskundige aanwezig')),
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'mandaat', value: 'ja' }), el('span', {}, 'Iemand met mandaat van de gemeente aanwezig')),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Gezamenlijke TOP3-score'),
      el('p', { class: 'hint', id: `${prefix}-score-hint` }, 'De regisseur zit met het huishouden aan tafel: dit wordt de gezamenlijke veiligheidsscore van de casus.'),
      el('label', { for: `${prefix}-score` }, 'Score (0-10)'),
      el('input', { type: 'number', id: `${prefix}-score`, name: 'score', min: '0', max: '10', step: '1', required: true, 'aria-describedby': `${prefix}-score-hint` }),
      ...[1, 2, 3].flatMap((n) => [el('label', { for: `${prefix}-actie-${n}` }, `Actie ${n}`), el('input', { type: 'text', id: `${prefix}-actie-${n}`, name: `actie-${n}`, required: true })]),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Besproken leefdomeinen'),
      ...Object.entries(LIFE_DOMAIN_NAMES).map(([value, label]) =>
        el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'leefdomein', value }), el('span', {}, label)),
      ),
    ),
    el('label', { for: `${prefix}-intensiteit` }, 'Intensiteit van de opvolging'),
    el('select', { id: `${prefix}-intensiteit`, name: 'intensiteit', required: true }, el('option', { value: '' }, 'Kies…'), ...Object.entries(INTENSITY_NAMES).map(([value, label]) => el('option', { value }, label))),
    el('label', { for: `${prefix}-regie` }, 'Regie MDA++-traject (organisatie; leeg: de regisseur van de casus)'),
    el('input', { type: 'text', id: `${prefix}-regie`, name: 'regie' }),
    el('label', { for: `${prefix}-volgende` }, 'Volgende bespreking'),
    el('input', { type: 'date', id: `${prefix}-volgende`, name: 'volgende', required: true }),
    status,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Uitkomst vastleggen')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const data = new FormData(form);
      const afspraken = [1, 2]
        .map((n) => ({ omschrijving: field(data, `omschrijving-${n}`), naam: field(data, `organisatie-${n}`), deadline: field(data, `deadline-${n}`) }))
        .filter((a) => a.omschrijving || a.naam || a.deadline)
        .map((a) => ({ omschrijving: a.omschrijving, eigenaar: { soort: 'organisatie' as const, naam: a.naam }, deadline: a.deadline }));
      const deelnemers = lines(field(data, 'deelnemers'));
      const besluiten = lines(field(data, 'besluiten'));
      const huishouden = field(data, 'huishouden');
      const score = Number(field(data, 'score'));
      const acties = [1, 2, 3].map((n) => field(data, `actie-${n}`));
      const leefdomeinen = data.getAll('leefdomein').filter((v): v is string => typeof v === 'string').filter(isLifeDomain);
      const intensiteit = field(data, 'intensiteit');
      const regie = field(data, 'regie');
      const volgendeBespreking = field(data, 'volgende');
      if (deelnemers.length === 0) return status.replaceChildren(message('error', 'Vul in wie er aan tafel zaten.'));
      if (besluiten.length === 0) return status.replaceChildren(message('error', 'Vul ten minste één besluit in.'));
      if (!isHousehold(huishouden)) return status.replaceChildren(message('error', 'Kies of het huishouden aan tafel zat.'));
      if (field(data, 'score') === '' || !Number.isInteger(score) || score < 0 || score > 10) return status.replaceChildren(message('error', 'Vul een TOP3-score van 0 tot en met 10 in.'));
      if (acties.some((a) => !a)) return status.replaceChildren(message('error', 'Vul de drie acties van de TOP3 in.'));
      if (leefdomeinen.length === 0) return status.replaceChildren(message('error', 'Kies ten minste één besproken leefdomein.'));
      if (!isIntensity(intensiteit)) return status.replaceChildren(message('error', 'Kies de intensiteit van de opvolging.'));
      if (!volgendeBespreking) return status.replaceChildren(message('error', 'Vul de datum van de volgende bespreking in.'));
      const body = {
        deelnemers,
        besluiten,
        afspraken,
        huishoudenAanTafel: huishouden,
        ervaringsdeskundigeAanwezig: data.get('ervaringsdeskundige') === 'ja',
        mandaatGemeenteAanwezig: data.get('mandaat') === 'ja',
        top3: { score, acties },
        leefdomeinen,
        intensiteit,
        regieMdaTraject: regie ? { soort: 'organisatie' as const, naam: regie } : { soort: 'regisseur' as const },
        volgendeBespreking,
      };
      try {
        await ok(api.POST('/expertoverleggen/{id}/agendapunten/{puntId}/uitkomst', { params: { path: { id: meeting.id, puntId: item.id } }, body }));
        await meetingView(meeting.id);
        announce(main, 'De uitkomst is vastgelegd; nieuwe afspraken staan in het veiligheidsplan.');
      } catch (error) {
        status.replaceChildren(message('error', problemText(error)));
      }
      return undefined;
    })();
  });
  return form;
}

/** The decision on a waiting escalation, taken in the meeting with who sat at the table (issue 18 point 2). */
function meetingDecisionForm(meeting: Meeting, item: AgendaItem): HTMLFormElement {
  const prefix = `besluit-${item.id}`;
  const choice = (value: Decision, label: string) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'besluit', value, required: true }), el('span', {}, label));
  return actionForm({
    title: 'Besluit in het overleg',
    fields: [
      el('fieldset', {}, el('legend', {}, 'Besluit'), choice('mda-traject', 'MDA++-traject'), choice('terug-naar-lokaal-team', 'Terug naar het lokale team (met advies)')),
      el('label', { for: `${prefix}-deelnemers` }, 'Aan tafel (één organisatie of persoon per regel)'),
      el('textarea', { id: `${prefix}-deelnemers`, name: 'deelnemers', required: true }),
      el('label', { for: `${prefix}-motivering` }, 'Motivering'),
      el('textarea', { id: `${prefix}-motivering`, name: 'motivering', required: true }),
      el('label', { for: `${prefix}-advies` }, 'Advies aan het lokale team (bij terug naar het lokale team)'),
      el('textarea', { id: `${prefix}-advies`, name: 'advies' }),
    ],
    button: 'Besluit vastleggen',
    check: (data) => {
      if (!isDecision(field(data, 'besluit'))) return 'Kies een besluit.';
      if (lines(field(data, 'deelnemers')).length === 0) return 'Vul in wie er aan tafel zaten.';
      if (!field(data, 'motivering')) return 'Vul een motivering in.';
      if (field(data, 'besluit') === 'terug-naar-lokaal-team' && !field(data, 'advies')) return 'Geef advies aan het lokale team.';
      return undefined;
    },
    send: (data) => {
      const besluit = field(data, 'besluit') as Decision;
      const advies = field(data, 'advies');
      return ok(
        api.POST('/expertoverleggen/{id}/agendapunten/{puntId}/besluit', {
          params: { path: { id: meeting.id, puntId: item.id } },
          body: { besluit, motivering: field(data, 'motivering'), deelnemers: lines(field(data, 'deelnemers')), ...(besluit === 'terug-naar-lokaal-team' ? { advies } : {}) },
        }),
      );
    },
    done: async () => {
      await meetingView(meeting.id);
      announce(main, 'Het besluit is in het overleg vastgelegd.');
    },
  });
}

function closeForm(meeting: Meeting): HTMLFormElement {
  return actionForm({
    title: 'Verslag sluiten',
    fields: [
      el('label', { for: 'notulen' }, 'Notulen'),
      el('p', { class: 'hint', id: 'notulen-hint' }, 'Na het sluiten verandert het verslag niet meer.'),
      el('textarea', { id: 'notulen', name: 'notulen', required: true, 'aria-describedby': 'notulen-hint' }),
    ],
    button: 'Verslag sluiten',
    check: (data) => (field(data, 'notulen') ? undefined : 'Vul de notulen in.'),
    send: (data) => ok(api.POST('/expertoverleggen/{id}/sluiting', { params: { path: { id: meeting.id } }, body: { notulen: field(data, 'notulen') } })),
    done: async () => {
      await meetingView(meeting.id);
      announce(main, 'Het verslag is gesloten.');
    },
  });
}

// ------------------------------------------------------------ reviews of the MDA++ track (issue 18 point 4)

async function reviewsView(): Promise<void> {
  const { items } = await okAll(
    (paging) => api.GET('/mda-evaluaties', { params: { query: { status: 'open', paginaGrootte: paging.paginaGrootte ?? 100, pagina: paging.pagina } } }),
    (body) => body.evaluaties,
  );
  const cards = items.map((review) =>
    el(
      'section',
      { class: 'card', 'aria-labelledby': `evaluatie-${review.id}`, 'data-review': review.id },
      el('h2', { id: `evaluatie-${review.id}` }, `Evaluatie ${review.nummer}: ${review.gemeente}, vervallen ${formatDate(review.vervaldatum)}`),
      review.opschalingId ? el('p', { class: 'no-print' }, el('a', { href: `#/opschalingen/${review.opschalingId}` }, 'Bekijk de casus')) : null,
      reviewForm(review),
    ),
  );
  show(
    'Evaluaties MDA++-traject',
    el('p', {}, 'Een casus in het MDA++-traject wordt geëvalueerd op het ritme van het beleid. Het traject gaat door met een volgende evaluatiedatum, of eindigt door afschalen met een reden.'),
    ...(cards.length ? cards : [message('success', 'Er wachten geen evaluaties.')]),
  );
}

function reviewForm(review: Review): HTMLFormElement {
  const prefix = `uitkomst-${review.id}`;
  const choice = (value: string, label: string) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'uitkomst', value, required: true }), el('span', {}, label));
  return actionForm({
    title: 'Uitkomst',
    fields: [
      el('fieldset', {}, el('legend', {}, 'Uitkomst'), choice('voortzetten', 'Traject gaat door'), choice('afschalen', 'Afschalen naar het lokale team')),
      el('label', { for: `${prefix}-datum` }, 'Volgende evaluatie (bij doorgaan)'),
      el('input', { type: 'date', id: `${prefix}-datum`, name: 'datum' }),
      el('label', { for: `${prefix}-toelichting` }, 'Toelichting of reden'),
      el('textarea', { id: `${prefix}-toelichting`, name: 'toelichting', required: true }),
    ],
    button: 'Uitkomst vastleggen',
    check: (data) => {
      const uitkomst = field(data, 'uitkomst');
      if (uitkomst !== 'voortzetten' && uitkomst !== 'afschalen') return 'Kies een uitkomst.';
      if (uitkomst === 'voortzetten' && !field(data, 'datum')) return 'Kies de datum van de volgende evaluatie.';
      if (!field(data, 'toelichting')) return 'Vul een toelichting of reden in.';
      return undefined;
    },
    send: (data) => {
      const toelichting = field(data, 'toelichting');
      const body =
        field(data, 'uitkomst') === 'voortzetten'
          ? { uitkomst: 'voortzetten' as const, volgendeEvaluatie: new Date(`${field(data, 'datum')}T09:00`).toISOString(), toelichting }
          : { uitkomst: 'afschalen' as const, reden: toelichting };
      return ok(api.POST('/mda-evaluaties/{id}/uitkomst', { params: { path: { id: review.id } }, body }));
    },
    done: async () => {
      await reviewsView();
      announce(main, 'De uitkomst van de evaluatie is vastgelegd.');
    },
  });
}

// ------------------------------------------------------------ start

runPage({ roles: ROLES, render: route });
