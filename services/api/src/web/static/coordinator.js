// The MDA++ coordinator's page: the escalation queue, one escalation with its
// case, the decision, and the expert meetings. Views are chosen by the URL's
// hash (#/wachtrij, #/opschalingen/<id>, #/expertoverleggen[/<id>]), which
// holds only random ids and filters, never anything personal.
import {
  api,
  apiAll,
  apiPage,
  el,
  formatDate,
  formatDateTime,
  message,
  announce,
  PHASE_NAMES,
  problemText,
  runPage,
  scoreChart,
  STATUS_NAMES,
  table,
  todayInAmsterdam,
} from './common.js';

const ROLES = ['mda-coordinator'];
const PAGE_SIZE = 20;
const main = document.getElementById('inhoud');
const nav = document.querySelector('header.site nav');

const REASON_NAMES = { deadline: 'Geen 6 binnen de termijn', handmatig: 'Door de regisseur' };
const AGREEMENT_STATUS_NAMES = { open: 'Open', gedaan: 'Gedaan', vervallen: 'Vervallen' };

// ------------------------------------------------------------ shell

/** Shows a view: replaces the content, moves focus to its heading, and says so to screen readers. */
function show(title, ...content) {
  const heading = el('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content.filter(Boolean));
  document.title = `${title} · MDA++-coördinatie · Veilig Samen`;
  heading.focus();
}

function markNav(section) {
  for (const link of nav.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean), params: new URLSearchParams(query) };
}

async function route() {
  const { parts, params } = parseHash();
  if (parts[0] === 'opschalingen' && parts[1]) {
    markNav('wachtrij');
    return escalationView(parts[1]);
  }
  if (parts[0] === 'expertoverleggen') {
    markNav('expertoverleggen');
    return parts[1] ? meetingView(parts[1]) : meetingsView();
  }
  markNav('wachtrij');
  return queueView(params);
}

// ------------------------------------------------------------ the queue

async function queueView(params) {
  const status = params.get('status') ?? 'open';
  const gemeente = params.get('gemeente') ?? '';
  const reden = params.get('reden') ?? '';
  const pagina = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const query = new URLSearchParams({ status, pagina: String(pagina), paginaGrootte: String(PAGE_SIZE) });
  if (gemeente) query.set('gemeente', gemeente);
  if (reden) query.set('reden', reden);
  const { body, total } = await apiPage(`/v1/opschalingen?${query}`);

  const select = (name, label, options, value) =>
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
    select('reden', 'Reden', [['', 'Alle redenen'], ...Object.entries(REASON_NAMES)], reden),
    el('button', { type: 'submit' }, 'Filteren'),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filters);
    const next = new URLSearchParams();
    for (const [key, value] of data) if (value) next.set(key, String(value));
    location.hash = `#/wachtrij?${next}`;
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
          REASON_NAMES[item.reden],
          // A case back with the local team shows no case data (casus: null).
          item.casus ? PHASE_NAMES[item.casus.fase] : '–',
          item.casus ? latestScore(item.casus.veiligheidsscores) : '–',
          item.opvolging ? `${formatDate(item.opvolging.tijdstip)}${item.opvolging.verlopen ? ' (verlopen)' : ''}` : '–',
        ],
        (item) => (item.opvolging?.verlopen ? 'late' : undefined),
      )
    : message('success', status === 'open' ? 'Er wachten geen opschalingen op een besluit.' : 'Geen opschalingen met deze filters.');

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageLink = (target, text) => {
    const next = new URLSearchParams(params);
    next.set('pagina', String(target));
    return el('a', { href: `#/wachtrij?${next}` }, text);
  };
  const pager =
    pages > 1
      ? el('nav', { class: 'pager', 'aria-label': 'Pagina’s' }, pagina > 1 ? pageLink(pagina - 1, 'Vorige') : null, el('span', {}, `Pagina ${pagina} van ${pages}`), pagina < pages ? pageLink(pagina + 1, 'Volgende') : null)
      : null;
  show('Wachtrij opschalingen', filters, rows, pager);
}

function latestScore(scores) {
  const last = scores.at(-1);
  return last ? String(last.score) : '–';
}

// ------------------------------------------------------------ one escalation

async function escalationView(id) {
  const escalation = await api(`/v1/opschalingen/${encodeURIComponent(id)}`);
  // null once the case is back with the local team: the coordinator's view of it has ended.
  const casus = escalation.casus;
  const [caseData, timeline] = casus
    ? await Promise.all([api(`/v1/casussen/${escalation.casusId}`), apiAll(`/v1/casussen/${escalation.casusId}/tijdlijn`, 'gebeurtenissen')])
    : [undefined, undefined];
  const members = new Map((caseData?.leden ?? []).map((m) => [m.id, m]));

  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, 'Status'), el('dd', { 'data-field': 'status' }, STATUS_NAMES[escalation.status]),
    el('dt', {}, 'Gemeente'), el('dd', {}, escalation.gemeente),
    el('dt', {}, 'Reden'), el('dd', {}, REASON_NAMES[escalation.reden], escalation.toelichting ? ` – ${escalation.toelichting}` : ''),
    el('dt', {}, 'Opgeschaald op'), el('dd', {}, `${formatDateTime(escalation.opgeschaaldOp)} (${escalation.dagenWachtend} dagen wachtend)`),
    ...(casus
      ? [
          el('dt', {}, 'Regisseur'), el('dd', {}, `${casus.regisseur.id} (${casus.regisseur.organisatie})`),
          el('dt', {}, 'Fase'), el('dd', {}, `${PHASE_NAMES[casus.fase]}, ${casus.dagenSindsStart} dagen sinds de start`),
          el('dt', {}, 'Betrokken organisaties'), el('dd', {}, casus.betrokkenOrganisaties.join(', ') || '–'),
        ]
      : []),
  );

  const sections = [el('p', { class: 'no-print' }, el('a', { href: '#/wachtrij' }, '← Terug naar de wachtrij')), facts];
  if (escalation.besluit) sections.push(decisionSummary(escalation.besluit));
  if (escalation.status === 'open') sections.push(decisionForm(escalation));
  if (escalation.status === 'mda-traject') sections.push(await agendaForm(escalation), ...(casus ? [deEscalationForm(escalation)] : []));
  if (escalation.status === 'open' || escalation.status === 'mda-traject') sections.push(followUpForm(escalation));

  if (!casus) {
    sections.push(message('info', 'De casus is niet meer opgeschaald. U ziet alleen de opschaling en het besluit, niet de inhoud van de casus.'));
  } else {
    sections.push(
      el('h2', {}, 'Huishouden'),
      householdTable(caseData.leden),
      el('h2', {}, 'Fasen'),
      el('ol', { class: 'phases', 'aria-label': 'Fasegeschiedenis' }, timeline.fasen.map((f) => el('li', {}, `${PHASE_NAMES[f.fase]} (sinds ${formatDate(f.sinds)})`))),
      el('h2', {}, 'Veiligheidsscores'),
      scoresSection(casus, caseData),
      el('h2', {}, 'Veiligheidsplan'),
      planSection(casus.veiligheidsplan, members),
      el('h2', {}, 'Tijdlijn'),
      el(
        'ol',
        { class: 'timeline' },
        [...timeline.gebeurtenissen].reverse().map((e) => el('li', {}, el('time', { datetime: e.op }, `${formatDateTime(e.op)} · ${e.door.rol}`), e.omschrijving)),
      ),
    );
  }
  show(`Opschaling ${escalation.gemeente}, ${formatDate(escalation.opgeschaaldOp)}`, ...sections);
}

function householdTable(members) {
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

function scoresSection(casus, caseData) {
  const scores = casus.veiligheidsscores;
  const summary = `Veiligheidsscores van 0 tot 10 over de tijd. Drempel ${casus.drempel}, deadline ${formatDate(casus.veiligheidsdeadline)}. ${
    scores.length === 0 ? 'Nog geen scores.' : `Laatste score ${scores.at(-1).score}; de drempel is in dit veiligheidsvenster ${caseData.zesBereikt ? '' : 'niet '}gehaald.`
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

function ownerText(owner, members) {
  if (owner.soort === 'lid') return members.get(owner.lidId)?.naam ?? 'lid van het huishouden';
  if (owner.soort === 'professional') return `${owner.id} (${owner.organisatie})`;
  return owner.naam;
}

function planSection(plan, members) {
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

function decisionSummary(decision) {
  return el(
    'section',
    { class: 'card' },
    el('h2', {}, 'Besluit'),
    el('p', {}, `${STATUS_NAMES[decision.besluit]}, ${formatDateTime(decision.op)} door ${decision.door}.`),
    el('p', {}, el('strong', {}, 'Motivering: '), decision.motivering),
    decision.advies ? el('p', {}, el('strong', {}, 'Advies aan het lokale team: '), decision.advies) : null,
  );
}

function decisionForm(escalation) {
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const choice = (value, label, hint) =>
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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { besluit: data.get('besluit'), motivering: String(data.get('motivering') ?? '').trim() };
    if (!body.besluit) return status.replaceChildren(message('error', 'Kies een besluit.'));
    if (!body.motivering) return status.replaceChildren(message('error', 'Vul een motivering in.'));
    if (body.besluit === 'terug-naar-lokaal-team') body.advies = String(data.get('advies') ?? '').trim();
    form.querySelector('button[type=submit]').disabled = true;
    try {
      await api(`/v1/opschalingen/${escalation.id}/besluit`, { method: 'POST', body });
      await escalationView(escalation.id);
      announce(main, 'Het besluit is vastgelegd.');
    } catch (error) {
      if (error.status === 409) {
        // Someone decided first: show the escalation as it is now, with the reason.
        await escalationView(escalation.id);
        main.prepend(message('error', problemText(error)));
        return;
      }
      status.replaceChildren(message('error', problemText(error)));
      form.querySelector('button[type=submit]').disabled = false;
    }
  });
  return form;
}

/**
 * A small form: `check` returns the page's own refusal (a missing field) or
 * nothing, `send` calls the API and `done` gets its answer; a refusal stays
 * on the form with its reason.
 */
function actionForm({ title, fields, button, check, send, done }) {
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'card', novalidate: true }, el('h2', {}, title), ...fields, status, el('div', { class: 'actions' }, el('button', { type: 'submit' }, button)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const missing = check(data);
    if (missing) return status.replaceChildren(message('error', missing));
    let result;
    try {
      result = await send(data);
    } catch (error) {
      return status.replaceChildren(message('error', problemText(error)));
    }
    await done(result);
  });
  return form;
}

const field = (data, name) => String(data.get(name) ?? '').trim();

function followUpForm(escalation) {
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
    send: async (data) => {
      const datum = field(data, 'datum');
      const notitie = field(data, 'notitie');
      await api(`/v1/opschalingen/${escalation.id}/opvolging`, { method: 'POST', body: { tijdstip: new Date(`${datum}T09:00`).toISOString(), ...(notitie ? { notitie } : {}) } });
    },
    done: async () => {
      await escalationView(escalation.id);
      announce(main, 'Het opvolgmoment is gezet.');
    },
  });
}

function deEscalationForm(escalation) {
  return actionForm({
    title: 'Afschalen',
    fields: [
      el('p', { class: 'hint' }, `Terug naar het lokale team, als de laatste veiligheidsscore de drempel (${escalation.casus.drempel}) weer haalt.`),
      el('label', { for: 'afschaling-reden' }, 'Reden'),
      el('textarea', { id: 'afschaling-reden', name: 'reden', required: true }),
    ],
    button: 'Afschalen',
    check: (data) => (field(data, 'reden') ? undefined : 'Vul een reden in.'),
    send: (data) => api(`/v1/casussen/${escalation.casusId}/afschaling`, { method: 'POST', body: { reden: field(data, 'reden') }, ifMatch: escalation.casus.versie }),
    done: async () => {
      await escalationView(escalation.id);
      announce(main, 'De casus is afgeschaald naar het lokale team.');
    },
  });
}

async function agendaForm(escalation) {
  const { expertoverleggen: planned } = await apiAll('/v1/expertoverleggen?status=gepland&paginaGrootte=100', 'expertoverleggen');
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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const meeting = String(new FormData(form).get('overleg'));
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await api(`/v1/expertoverleggen/${meeting}/agendapunten`, { method: 'POST', body: { opschalingId: escalation.id } });
      location.hash = `#/expertoverleggen/${meeting}`;
    } catch (error) {
      status.replaceChildren(message('error', problemText(error)));
      button.disabled = false;
    }
  });
  return form;
}

// ------------------------------------------------------------ expert meetings

async function meetingsView() {
  const { expertoverleggen } = await apiAll('/v1/expertoverleggen?paginaGrootte=100', 'expertoverleggen');
  const form = actionForm({
    title: 'Een expertoverleg plannen',
    fields: [el('label', { for: 'datum' }, 'Datum en tijd'), el('input', { type: 'datetime-local', id: 'datum', name: 'datum', required: true })],
    button: 'Plannen',
    check: (data) => (field(data, 'datum') ? undefined : 'Kies een datum en tijd.'),
    send: (data) => api('/v1/expertoverleggen', { method: 'POST', body: { tijdstip: new Date(field(data, 'datum')).toISOString() } }),
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

const lines = (text) =>
  String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

async function meetingView(id) {
  const meeting = await api(`/v1/expertoverleggen/${encodeURIComponent(id)}`);
  const escalations = await Promise.all(meeting.agenda.map((item) => api(`/v1/opschalingen/${item.opschalingId}`)));
  const open = meeting.status === 'gepland';
  const printButton = el('button', { type: 'button', class: 'secondary' }, 'Afdrukken');
  printButton.addEventListener('click', () => window.print());

  const items = meeting.agenda.map((item, index) => {
    const escalation = escalations[index];
    const card = el(
      'section',
      { class: 'card', 'aria-labelledby': `punt-${item.id}` },
      el('h2', { id: `punt-${item.id}` }, `Agendapunt ${item.positie}: ${escalation.gemeente}, opgeschaald ${formatDate(escalation.opgeschaaldOp)}`),
      el('p', { class: 'no-print' }, el('a', { href: `#/opschalingen/${escalation.id}` }, 'Bekijk de opschaling')),
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
        el('p', { class: 'muted' }, `Vastgelegd ${formatDateTime(item.uitkomstVastgelegdOp)}.`),
      );
    } else if (open) {
      card.append(outcomeForm(meeting, item));
    } else {
      card.append(el('p', { class: 'muted' }, 'Geen uitkomst vastgelegd.'));
    }
    return card;
  });

  const sections = [
    el('p', { class: 'no-print' }, el('a', { href: '#/expertoverleggen' }, '← Alle expertoverleggen')),
    el('p', {}, open ? 'Gepland. Leg per agendapunt de uitkomst vast en sluit daarna het verslag.' : `Gesloten op ${formatDateTime(meeting.geslotenOp)}.`),
    el('div', { class: 'actions' }, printButton),
    ...(items.length ? items : [message('info', 'Nog niets op de agenda. Agendeer een opschaling vanuit het MDA++-traject.')]),
  ];
  if (open) sections.push(closeForm(meeting));
  else sections.push(el('h2', {}, 'Notulen'), el('div', { class: 'card' }, lines(meeting.notulen).map((line) => el('p', {}, line))));
  show(`Expertoverleg ${formatDateTime(meeting.tijdstip)}`, ...sections);
}

function outcomeForm(meeting, item) {
  const prefix = `uitkomst-${item.id}`;
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  const agreementRow = (n) =>
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
    status,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Uitkomst vastleggen')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const afspraken = [1, 2]
      .map((n) => ({ omschrijving: String(data.get(`omschrijving-${n}`) ?? '').trim(), naam: String(data.get(`organisatie-${n}`) ?? '').trim(), deadline: String(data.get(`deadline-${n}`) ?? '') }))
      .filter((a) => a.omschrijving || a.naam || a.deadline)
      .map((a) => ({ omschrijving: a.omschrijving, eigenaar: { soort: 'organisatie', naam: a.naam }, deadline: a.deadline }));
    const body = { deelnemers: lines(data.get('deelnemers')), besluiten: lines(data.get('besluiten')), afspraken };
    if (body.deelnemers.length === 0) return status.replaceChildren(message('error', 'Vul in wie er aan tafel zaten.'));
    if (body.besluiten.length === 0) return status.replaceChildren(message('error', 'Vul ten minste één besluit in.'));
    try {
      await api(`/v1/expertoverleggen/${meeting.id}/agendapunten/${item.id}/uitkomst`, { method: 'POST', body });
      await meetingView(meeting.id);
      announce(main, 'De uitkomst is vastgelegd; nieuwe afspraken staan in het veiligheidsplan.');
    } catch (error) {
      status.replaceChildren(message('error', problemText(error)));
    }
  });
  return form;
}

function closeForm(meeting) {
  return actionForm({
    title: 'Verslag sluiten',
    fields: [
      el('label', { for: 'notulen' }, 'Notulen'),
      el('p', { class: 'hint', id: 'notulen-hint' }, 'Na het sluiten verandert het verslag niet meer.'),
      el('textarea', { id: 'notulen', name: 'notulen', required: true, 'aria-describedby': 'notulen-hint' }),
    ],
    button: 'Verslag sluiten',
    check: (data) => (field(data, 'notulen') ? undefined : 'Vul de notulen in.'),
    send: (data) => api(`/v1/expertoverleggen/${meeting.id}/sluiting`, { method: 'POST', body: { notulen: field(data, 'notulen') } }),
    done: async () => {
      await meetingView(meeting.id);
      announce(main, 'Het verslag is gesloten.');
    },
  });
}

// ------------------------------------------------------------ start

runPage({ roles: ROLES, render: route });
