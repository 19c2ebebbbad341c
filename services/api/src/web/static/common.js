// Shared by the coordinator's page and the insights page: sign-in, calls to
// the /v1 API, safe DOM building and SVG charts. Text from the API is only
// ever set as textContent, never parsed as HTML.

const TOKEN_KEY = 'veilig-samen.token';
const TIME_ZONE = 'Europe/Amsterdam';

// The skip link moves focus without touching the URL's hash, which the pages use for their views.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('inhoud')?.focus();
});

// On paper, folded details (the TOP3 table) are shown unfolded.
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('details')) details.open = true;
});

// ------------------------------------------------------------ sign-in

// sessionStorage: the token lives as long as this tab, not on disk after closing.
export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer other than 2xx, carrying the API's problem+json. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `Fout ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

async function call(path, { method = 'GET', body, ifMatch, accept = 'application/json', token: candidate } = {}) {
  const headers = { accept };
  // A token being tried at sign-in (`token`), else the signed-in user's.
  const token = candidate ?? session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && candidate === undefined) {
    session.clear();
    document.dispatchEvent(new CustomEvent('signed-out'));
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined);
    throw new ProblemError(response.status, problem);
  }
  return response;
}

/**
 * Calls the API with the signed-in user's token and returns the JSON body.
 * Throws ProblemError on a refusal; a 401 also signs the user out (the token
 * expired or is invalid).
 */
export async function api(path, options) {
  const response = await call(path, options);
  return response.status === 204 ? undefined : response.json();
}

/** A page of a list: the body and the total from X-Total-Count. */
export async function apiPage(path) {
  const response = await call(path);
  return { body: await response.json(), total: Number(response.headers.get('x-total-count') ?? 0) };
}

/** The target of a Link header's rel="next", or null on the last page. */
function nextLink(response) {
  const match = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '');
  return match ? match[1] : null;
}

/**
 * A whole paged list: follows Link rel="next" and joins the `key` arrays of
 * every page (other fields from the first page). Every list answers at most
 * 100 items a request, so a view that needs all of one (a case's timeline)
 * reads it page by page.
 */
export async function apiAll(path, key) {
  const first = await call(path);
  const body = await first.json();
  const items = [...body[key]];
  for (let next = nextLink(first); next; ) {
    const response = await call(next);
    items.push(...(await response.json())[key]);
    next = nextLink(response);
  }
  return { ...body, [key]: items };
}

/** The raw response, for downloads (CSV). */
export const apiRaw = call;

/** The problem's title, detail and invalid fields, as one readable Dutch text. */
export function problemText(error) {
  if (!(error instanceof ProblemError)) return 'De service is niet bereikbaar. Probeer het opnieuw.';
  const { title, detail, invalidParams } = error.problem;
  const fields = Array.isArray(invalidParams) ? invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; ') : '';
  return [title, detail, fields].filter(Boolean).join(' ');
}

// ------------------------------------------------------------ identity provider (OIDC, authorization code + PKCE)

const LOGIN_KEY = 'veilig-samen.login';
// In localStorage (a flag, nothing personal): after signing out, every tab asks the provider for a new sign-in.
const SIGNED_OUT_KEY = 'veilig-samen.uitgelogd';

const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const redirectUri = () => `${location.origin}${location.pathname}`;

/** Sends the browser to the identity provider; the PKCE verifier and state wait in this tab's sessionStorage. */
async function startLogin(provider) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(LOGIN_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL(provider.authorizationUrl);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: redirectUri(),
    scope: provider.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })) {
    url.searchParams.set(name, value);
  }
  // After signing out on a shared workstation, the next person must sign in anew, not be let in by the provider's session.
  if (localStorage.getItem(SIGNED_OUT_KEY)) url.searchParams.set('prompt', 'login');
  location.assign(url.toString());
}

/**
 * Back from the identity provider (?code=&state= or ?error=): exchanges the
 * code for a token and takes the code out of the address bar. Returns an
 * error text for the sign-in form, or undefined.
 */
async function completeLogin(provider) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(LOGIN_KEY) ?? 'null');
  sessionStorage.removeItem(LOGIN_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.hash ?? ''}`);
  // Only an answer to the login this tab started counts; anything else (a crafted link) is just refused.
  if (!provider || !pending || pending.state !== params.get('state')) return 'Het inloggen is niet afgerond: begin opnieuw.';
  if (params.has('error')) return params.get('error') === 'access_denied' ? 'U hebt het inloggen afgebroken of geweigerd.' : 'De identity provider kon u niet inloggen.';
  try {
    const response = await fetch(provider.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: params.get('code'),
        redirect_uri: redirectUri(),
        client_id: provider.clientId,
        code_verifier: pending.verifier,
      }),
    });
    const body = await response.json();
    if (!response.ok || typeof body.access_token !== 'string') return 'De identity provider gaf geen token.';
    session.set(body.access_token);
    localStorage.removeItem(SIGNED_OUT_KEY);
    return undefined;
  } catch {
    return 'De identity provider is niet bereikbaar.';
  }
}

// ------------------------------------------------------------ sign-in form

/**
 * The sign-in form: through the identity provider when one is configured,
 * by pasting a token, or in demo mode by picking a demo role. `roles` are
 * the roles this page is for.
 */
async function renderSignIn(container, { roles, settings, notice, onSignedIn }) {
  const status = el('div', { role: 'status', 'aria-live': 'polite' }, notice ? message('error', notice) : null);
  const tokenField = el('textarea', { id: 'token', name: 'token', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-hint' });
  const form = el(
    'form',
    { class: 'card', novalidate: true },
    el('label', { for: 'token' }, 'Token'),
    el('p', { id: 'token-hint', class: 'hint' }, 'Of plak een token dat u van de identity provider van de regio kreeg.'),
    tokenField,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Inloggen met token')),
  );
  const provider = settings.identityProvider;
  const providerButton = provider ? el('button', { type: 'button' }, 'Inloggen via de identity provider') : null;
  providerButton?.addEventListener('click', () => void startLogin(provider));
  const login = el('section', { class: 'login' }, el('h1', { tabindex: '-1' }, 'Inloggen'), status, providerButton ? el('div', { class: 'actions' }, providerButton) : null, form);
  container.replaceChildren(login);
  container.querySelector('h1').focus();

  const signIn = async (token) => {
    try {
      const me = await api('/v1/ik', { token: token.trim() });
      if (!roles.includes(me.rol)) {
        status.replaceChildren(message('error', `Deze pagina is voor de rol ${roles.join(' of ')}; uw token heeft rol ${me.rol}.`));
        return;
      }
      session.set(token.trim());
      localStorage.removeItem(SIGNED_OUT_KEY);
      onSignedIn(me);
    } catch (error) {
      status.replaceChildren(message('error', problemText(error)));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (tokenField.value.trim() === '') {
      status.replaceChildren(message('error', 'Vul een token in.'));
      tokenField.focus();
      return;
    }
    void signIn(tokenField.value);
  });

  if (!settings.demo) return;
  try {
    const { tokens } = await api('/demo/tokens');
    const buttons = tokens
      .filter((t) => roles.includes(t.rol))
      .map((t) => {
        const button = el('button', { type: 'button', class: 'secondary' }, `${t.rol} (${t.organisatie})`);
        button.addEventListener('click', () => void signIn(t.token));
        return button;
      });
    if (buttons.length > 0) {
      login.insertBefore(el('section', { class: 'card' }, el('h2', {}, 'Demomodus'), el('p', {}, 'Kies een demorol (alleen in demomodus):'), el('div', { class: 'roles' }, ...buttons)), form);
    }
  } catch {
    // No demo tokens after all (the service answers 404 unless it runs on the demo's own secret): sign in as usual.
  }
}

/**
 * Runs a page: sign-in when there is no usable token, then `render` on start
 * and on every change of the URL's hash. `render` shows a refusal itself or
 * throws; a thrown error is shown as the problem's text.
 */
export function runPage({ roles, render }) {
  const main = document.getElementById('inhoud');
  const nav = document.querySelector('header.site nav');
  const who = document.getElementById('wie');
  let settings = { demo: false, identityProvider: null };

  const signIn = async (notice) => {
    nav.hidden = true;
    who.replaceChildren();
    await renderSignIn(main, { roles, settings, notice, onSignedIn: (me) => enter(me) });
  };
  const route = async () => {
    if (!session.token()) return signIn();
    try {
      await render();
    } catch (error) {
      // A 401 has signed the user out already, with a notice (the 'signed-out' event).
      if (!session.token()) return undefined;
      const heading = el('h1', { tabindex: '-1' }, 'Er ging iets mis');
      main.replaceChildren(heading, message('error', problemText(error)));
      heading.focus();
    }
  };
  const enter = (me) => {
    nav.hidden = false;
    renderWho(who, me, () => void signIn());
    void route();
  };

  document.addEventListener('signed-out', () => void signIn('U bent uitgelogd: het token is verlopen of ongeldig.'));
  window.addEventListener('hashchange', () => void route());
  void (async () => {
    settings = await api('/web/config.json').catch(() => settings);
    const notice = await completeLogin(settings.identityProvider);
    if (notice || !session.token()) return signIn(notice);
    try {
      const me = await api('/v1/ik');
      if (!roles.includes(me.rol)) {
        session.clear();
        return signIn(`Deze pagina is voor de rol ${roles.join(' of ')}; uw token heeft rol ${me.rol}.`);
      }
      enter(me);
    } catch (error) {
      await signIn(problemText(error));
    }
  })();
}

/** Fills the header's "signed in as" part and its sign-out button. */
function renderWho(container, me, onSignOut) {
  const button = el('button', { type: 'button' }, 'Uitloggen');
  button.addEventListener('click', () => {
    session.clear();
    localStorage.setItem(SIGNED_OUT_KEY, '1');
    onSignOut();
  });
  container.replaceChildren(el('span', {}, `${me.sub} · ${me.rol} · ${me.organisatie}`), button);
}

// ------------------------------------------------------------ names

export const PHASE_NAMES = {
  'directe-veiligheid': 'Directe veiligheid',
  'oorzaken-onderzoeken': 'Oorzaken onderzoeken',
  'blijvend-voorkomen': 'Blijvend voorkomen',
  nazorg: 'Nazorg',
  afgesloten: 'Afgesloten',
};
export const STATUS_NAMES = {
  open: 'Wacht op besluit',
  'mda-traject': 'MDA++-traject',
  'terug-naar-lokaal-team': 'Terug naar lokaal team',
  afgeschaald: 'Afgeschaald',
};

// ------------------------------------------------------------ DOM

/** Builds an element; strings become text nodes, so API text is never HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function message(kind, text) {
  return el('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A success message at the top of the new view, with focus, so a screen reader reads it after the view changed. */
export function announce(container, text) {
  const note = el('div', { class: 'message success', role: 'status', tabindex: '-1' }, text);
  container.prepend(note);
  note.focus();
}

/**
 * A table with a caption and column headers; `cells` returns one row's cells
 * (strings or nodes). With `rowHeader` the first cell heads its row (th scope=row).
 */
export function table(caption, headers, rows, cells, rowClass = () => undefined, { rowHeader = false } = {}) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.number ? 'number' : undefined }, h.label ?? h)))),
      el(
        'tbody',
        {},
        rows.map((row) =>
          el(
            'tr',
            { class: rowClass(row) },
            cells(row).map((c, i) => (rowHeader && i === 0 ? el('th', { scope: 'row' }, c) : el('td', { class: headers[i]?.number ? 'number' : undefined }, c))),
          ),
        ),
      ),
    ),
  );
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : '–');
export const formatDateTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '–');

/** Today's calendar date in Amsterdam, as YYYY-MM-DD. */
export function todayInAmsterdam() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

/** A file download from a Response (the CSV export needs the token, so no plain link). */
export async function download(response, fallbackName) {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

// ------------------------------------------------------------ charts (SVG)

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Safety scores over time (0-10), with the threshold as a horizontal line and
 * the deadline as a vertical line. The chart is an image for screen readers
 * (role img + description); the same figures are in a table beside it.
 */
export function scoreChart({ scores, threshold, deadline, title }) {
  const width = 760;
  const height = 300;
  const pad = { left: 44, right: 24, top: 20, bottom: 44 };
  const times = scores.map((s) => new Date(s.gescoordOp).getTime());
  const deadlineTime = new Date(deadline).getTime();
  const start = Math.min(...times, deadlineTime);
  const end = Math.max(...times, deadlineTime);
  const span = Math.max(end - start, 86_400_000);
  const x = (t) => pad.left + ((t - start) / span) * (width - pad.left - pad.right);
  const y = (score) => pad.top + (1 - score / 10) * (height - pad.top - pad.bottom);

  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, 'data-chart': 'veiligheidsscores' });
  chart.append(svg('title', {}, title));
  for (let score = 0; score <= 10; score += 2) {
    chart.append(svg('line', { class: 'grid-line', x1: pad.left, x2: width - pad.right, y1: y(score), y2: y(score) }));
    chart.append(svg('text', { x: pad.left - 8, y: y(score) + 4, 'text-anchor': 'end' }, String(score)));
  }
  chart.append(svg('line', { class: 'axis', x1: pad.left, x2: pad.left, y1: pad.top, y2: height - pad.bottom }));
  chart.append(svg('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom }));

  chart.append(svg('line', { class: 'threshold', 'data-threshold': threshold, x1: pad.left, x2: width - pad.right, y1: y(threshold), y2: y(threshold) }));
  chart.append(svg('text', { class: 'label-threshold', x: width - pad.right, y: y(threshold) - 6, 'text-anchor': 'end' }, `drempel ${threshold}`));
  chart.append(svg('line', { class: 'deadline', 'data-deadline': deadline, x1: x(deadlineTime), x2: x(deadlineTime), y1: pad.top, y2: height - pad.bottom }));
  chart.append(svg('text', { class: 'label-deadline', x: x(deadlineTime), y: height - pad.bottom + 32, 'text-anchor': 'middle' }, `deadline ${formatDate(deadline)}`));

  chart.append(svg('text', { x: pad.left, y: height - pad.bottom + 16, 'text-anchor': 'start' }, formatDate(new Date(start).toISOString())));
  if (scores.length > 0) {
    const points = scores.map((s, i) => `${x(times[i])},${y(s.score)}`).join(' ');
    chart.append(svg('polyline', { class: 'series', points }));
    scores.forEach((s, i) => {
      const point = svg('circle', { class: 'point', cx: x(times[i]), cy: y(s.score), r: 5, 'data-score': s.score });
      point.append(svg('title', {}, `${formatDate(s.gescoordOp)}: ${s.score}`));
      chart.append(point);
    });
  }
  return chart;
}

/**
 * A horizontal bar chart of counts; a suppressed count (fewer than 5, null)
 * is drawn as a grey stub labelled "x" so no small group can be read off.
 */
export function barChart({ title, bars }) {
  const width = 560;
  const rowHeight = 30;
  const labelWidth = 210;
  const height = bars.length * rowHeight + 16;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));
  bars.forEach((bar, i) => {
    const top = 8 + i * rowHeight;
    const suppressed = bar.value === null;
    const length = suppressed ? 12 : ((width - labelWidth - 60) * bar.value) / max;
    chart.append(svg('text', { x: labelWidth - 8, y: top + 17, 'text-anchor': 'end' }, bar.label));
    chart.append(svg('rect', { class: suppressed ? 'bar suppressed' : 'bar', x: labelWidth, y: top + 4, width: Math.max(length, suppressed ? 12 : 1), height: rowHeight - 10 }));
    chart.append(svg('text', { x: labelWidth + Math.max(length, 12) + 6, y: top + 17 }, suppressed ? 'x' : String(bar.value)));
  });
  return chart;
}
