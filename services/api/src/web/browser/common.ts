// Shared by the coordinator's page and the insights page: sign-in, calls to
// the /v1 API through the typed client (@veilig-samen/api-client, generated
// from the service's OpenAPI document), safe DOM building and SVG charts.
// Text from the API is only ever set as textContent, never parsed as HTML.
import { apiBaseUrl, createApiClient, type ApiClient, type Problem, type Schemas } from '@veilig-samen/api-client';

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

/** An element the page's HTML always has; a missing one is a broken page, said at once. */
export function required<T extends Element>(element: T | null, what: string): T {
  if (!element) throw new Error(`De pagina mist ${what}.`);
  return element;
}

// ------------------------------------------------------------ sign-in

// sessionStorage: the token lives as long as this tab, not on disk after closing.
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** An answer other than 2xx, carrying the API's problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem> | undefined) {
    super(problem?.title ?? `Fout ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

const API_BASE = apiBaseUrl(location.origin);

/**
 * The API with the signed-in user's token (the client sends it to /v1 only).
 * A 401 signs the user out: the token expired or is invalid.
 */
export const api: ApiClient = createApiClient(API_BASE, () => session.token());
api.use({
  onResponse({ response }) {
    if (response.status === 401) {
      session.clear();
      document.dispatchEvent(new CustomEvent('signed-out'));
    }
    return undefined;
  },
});

/** What an openapi-fetch call resolves to: the body of a 2xx answer (`data`), or the refusal's (`error`). */
interface Answer {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}
/** The body type of an answer's 2xx branch (openapi-fetch's union has `data` required there only). */
type Body<R> = R extends { data: infer D } ? D : never;

/** The problem in a refusal's body, when it is one (a proxy's HTML error page is not). */
function asProblem(body: unknown): Partial<Problem> | undefined {
  // The service answers refusals as problem+json; an object is taken as one (every field optional).
  return typeof body === 'object' && body !== null ? body : undefined;
}

/** The body of a 2xx answer with the answer itself (its headers); a refusal throws ProblemError. */
export async function okWithResponse<R extends Answer>(request: Promise<R>): Promise<{ data: Body<R>; response: Response }> {
  const result = await request;
  if (!result.response.ok) throw new ProblemError(result.response.status, asProblem(result.error));
  return { data: result.data as Body<R>, response: result.response };
}

/** The body of a 2xx answer; a refusal throws ProblemError (and a 401 of the signed-in user's client also signs out). */
export async function ok<R extends Answer>(request: Promise<R>): Promise<Body<R>> {
  return (await okWithResponse(request)).data;
}

/** A page of a list: the body and the total from X-Total-Count. */
export async function okPage<R extends Answer>(request: Promise<R>): Promise<{ body: Body<R>; total: number }> {
  const { data, response } = await okWithResponse(request);
  return { body: data, total: Number(response.headers.get('x-total-count') ?? 0) };
}

/** The paging parameters a list's Link rel="next" names (by number or by key). */
export interface Paging {
  pagina?: number;
  paginaGrootte?: number;
  na?: number;
}

/** The paging parameters of a Link header's rel="next", or null on the last page. */
function nextPage(response: Response): Paging | null {
  const match = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '');
  if (!match?.[1]) return null;
  const params = new URL(match[1], location.origin).searchParams;
  const paging: Paging = {};
  for (const name of ['pagina', 'paginaGrootte', 'na'] as const) {
    const value = params.get(name);
    if (value !== null) paging[name] = Number(value);
  }
  return paging;
}

/**
 * A whole paged list: follows Link rel="next" and joins the items of every
 * page (`items` picks them from a body); `first` is the first page's body.
 * Every list answers at most 100 items a request, so a view that needs all
 * of one (a case's timeline) reads it page by page. `page` asks for one page
 * with the paging parameters the link named (none for the first).
 */
export async function okAll<R extends Answer, I>(page: (paging: Paging) => Promise<R>, items: (body: Body<R>) => readonly I[]): Promise<{ first: Body<R>; items: I[] }> {
  const { data: first, response } = await okWithResponse(page({}));
  const all = [...items(first)];
  for (let next = nextPage(response); next; ) {
    const more = await okWithResponse(page(next));
    all.push(...items(more.data));
    next = nextPage(more.response);
  }
  return { first, items: all };
}

/** The problem's title, detail and invalid fields, as one readable Dutch text. */
export function problemText(error: unknown): string {
  if (!(error instanceof ProblemError)) return 'De service is niet bereikbaar. Probeer het opnieuw.';
  const { title, detail, invalidParams } = error.problem;
  const fields = Array.isArray(invalidParams) ? invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; ') : '';
  return [title, detail, fields].filter(Boolean).join(' ');
}

// ------------------------------------------------------------ the page's own endpoints (outside /v1, not in the OpenAPI document)

/** The identity provider's public client settings (GET /web/config.json). */
interface IdentityProvider {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scope: string;
}

interface WebSettings {
  readonly demo: boolean;
  readonly identityProvider: IdentityProvider | null;
}

interface DemoToken {
  readonly rol: string;
  readonly organisatie: string;
  readonly token: string;
}

/** JSON from the service's own page endpoints: sent without a token (it goes to /v1 only). */
async function pageJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ProblemError(response.status, asProblem(await response.json().catch(() => undefined)));
  return response.json();
}

// ------------------------------------------------------------ identity provider (OIDC, authorization code + PKCE)

const LOGIN_KEY = 'veilig-samen.login';
// In localStorage (a flag, nothing personal): after signing out, every tab asks the provider for a new sign-in.
const SIGNED_OUT_KEY = 'veilig-samen.uitgelogd';

/** What this tab remembers of the sign-in it started. */
interface PendingLogin {
  readonly verifier: string;
  readonly state: string;
  readonly hash: string;
}

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const redirectUri = (): string => `${location.origin}${location.pathname}`;

/** Sends the browser to the identity provider; the PKCE verifier and state wait in this tab's sessionStorage. */
async function startLogin(provider: IdentityProvider): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const pending: PendingLogin = { verifier, state, hash: location.hash };
  sessionStorage.setItem(LOGIN_KEY, JSON.stringify(pending));
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

/** The pending sign-in as stored by startLogin; anything else (tampered storage) counts as none. */
function readPendingLogin(): PendingLogin | null {
  let stored: unknown;
  try {
    stored = JSON.parse(sessionStorage.getItem(LOGIN_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (typeof stored !== 'object' || stored === null) return null;
  const { verifier, state, hash } = stored as Record<string, unknown>;
  return typeof verifier === 'string' && typeof state === 'string' && typeof hash === 'string' ? { verifier, state, hash } : null;
}

/**
 * Back from the identity provider (?code=&state= or ?error=): exchanges the
 * code for a token and takes the code out of the address bar. Returns an
 * error text for the sign-in form, or undefined.
 */
async function completeLogin(provider: IdentityProvider | null): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = readPendingLogin();
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
        code: params.get('code') ?? '',
        redirect_uri: redirectUri(),
        client_id: provider.clientId,
        code_verifier: pending.verifier,
      }),
    });
    const body: unknown = await response.json();
    const token = typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : undefined;
    if (!response.ok || typeof token !== 'string') return 'De identity provider gaf geen token.';
    session.set(token);
    localStorage.removeItem(SIGNED_OUT_KEY);
    return undefined;
  } catch {
    return 'De identity provider is niet bereikbaar.';
  }
}

// ------------------------------------------------------------ sign-in form

type Me = Schemas['Ik'];
type Role = Me['rol'];

/** Who the token is: GET /v1/ik with that token only (not the signed-in user's, and a 401 here signs no one out). */
const whoIs = (token: string): Promise<Me> => ok(createApiClient(API_BASE, () => token).GET('/ik'));

const wrongRole = (roles: readonly Role[], me: Me): string => `Deze pagina is voor de rol ${roles.join(' of ')}; uw token heeft rol ${me.rol}.`;

/**
 * The sign-in form: through the identity provider when one is configured,
 * by pasting a token, or in demo mode by picking a demo role. `roles` are
 * the roles this page is for.
 */
async function renderSignIn(
  container: HTMLElement,
  { roles, settings, notice, onSignedIn }: { roles: readonly Role[]; settings: WebSettings; notice: string | undefined; onSignedIn: (me: Me) => void },
): Promise<void> {
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
  if (provider) providerButton?.addEventListener('click', () => void startLogin(provider));
  const heading = el('h1', { tabindex: '-1' }, 'Inloggen');
  const login = el('section', { class: 'login' }, heading, status, providerButton ? el('div', { class: 'actions' }, providerButton) : null, form);
  container.replaceChildren(login);
  heading.focus();

  const signIn = async (token: string) => {
    try {
      const me = await whoIs(token.trim());
      if (!roles.includes(me.rol)) {
        status.replaceChildren(message('error', wrongRole(roles, me)));
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
    const { tokens } = (await pageJson('/demo/tokens')) as { tokens: DemoToken[] };
    const buttons = tokens
      .filter((t) => (roles as readonly string[]).includes(t.rol))
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
export function runPage({ roles, render }: { roles: readonly Role[]; render: () => Promise<void> }): void {
  const main = required(document.getElementById('inhoud'), 'het hoofddeel (#inhoud)');
  const nav = required(document.querySelector<HTMLElement>('header.site nav'), 'het menu');
  const who = required(document.getElementById('wie'), 'de gebruikersnaam (#wie)');
  let settings: WebSettings = { demo: false, identityProvider: null };

  const signIn = async (notice?: string) => {
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
    return undefined;
  };
  const enter = (me: Me) => {
    nav.hidden = false;
    renderWho(who, me, () => void signIn());
    void route();
  };

  document.addEventListener('signed-out', () => void signIn('U bent uitgelogd: het token is verlopen of ongeldig.'));
  window.addEventListener('hashchange', () => void route());
  void (async () => {
    settings = await pageJson('/web/config.json').then(
      (body) => body as WebSettings,
      () => settings,
    );
    const notice = await completeLogin(settings.identityProvider);
    const token = session.token();
    if (notice || !token) return signIn(notice);
    try {
      const me = await ok(api.GET('/ik'));
      if (!roles.includes(me.rol)) {
        session.clear();
        return signIn(wrongRole(roles, me));
      }
      enter(me);
    } catch (error) {
      await signIn(problemText(error));
    }
    return undefined;
  })();
}

/** Fills the header's "signed in as" part and its sign-out button. */
function renderWho(container: HTMLElement, me: Me, onSignOut: () => void): void {
  const button = el('button', { type: 'button' }, 'Uitloggen');
  button.addEventListener('click', () => {
    session.clear();
    localStorage.setItem(SIGNED_OUT_KEY, '1');
    onSignOut();
  });
  container.replaceChildren(el('span', {}, `${me.sub} · ${me.rol} · ${me.organisatie}`), button);
}

// ------------------------------------------------------------ names

export type Phase = Schemas['CasusSamenvatting']['fase'];
export type EscalationStatus = Schemas['Opschaling']['status'];

export const PHASE_NAMES: Readonly<Record<Phase, string>> = {
  'directe-veiligheid': 'Directe veiligheid',
  'oorzaken-onderzoeken': 'Oorzaken onderzoeken',
  'blijvend-voorkomen': 'Blijvend voorkomen',
  nazorg: 'Nazorg',
  afgesloten: 'Afgesloten',
};
export const STATUS_NAMES: Readonly<Record<EscalationStatus, string>> = {
  open: 'Wacht op besluit',
  'mda-traject': 'MDA++-traject',
  'terug-naar-lokaal-team': 'Terug naar lokaal team',
  afgeschaald: 'Afgeschaald',
};

// ------------------------------------------------------------ DOM

/** An attribute's value: false, null and undefined leave it out, true sets it empty. */
export type AttributeValue = string | number | boolean | null | undefined;
/** A child: strings and numbers become text nodes; false, null and undefined are skipped; arrays are flattened. */
export type Child = Node | string | number | false | null | undefined | readonly Child[];

function append(node: Node & ParentNode, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (child instanceof Node) node.append(child);
    else if (typeof child === 'string' || typeof child === 'number') node.append(document.createTextNode(String(child)));
    else append(node, child);
  }
}

/** Builds an element; strings become text nodes, so API text is never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Readonly<Record<string, AttributeValue>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function message(kind: 'error' | 'success' | 'info', text: string): HTMLDivElement {
  return el('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A success message at the top of the new view, with focus, so a screen reader reads it after the view changed. */
export function announce(container: HTMLElement, text: string): void {
  const note = el('div', { class: 'message success', role: 'status', tabindex: '-1' }, text);
  container.prepend(note);
  note.focus();
}

/** A column header: its text, and whether its cells are numbers (aligned right). */
export type Column = string | { readonly label: string; readonly number?: boolean };

const columnLabel = (column: Column): string => (typeof column === 'string' ? column : column.label);
const isNumberColumn = (column: Column | undefined): boolean => typeof column === 'object' && column.number === true;

/**
 * A table with a caption and column headers; `cells` returns one row's cells
 * (strings or nodes). With `rowHeader` the first cell heads its row (th scope=row).
 */
export function table<Row>(
  caption: string,
  headers: readonly Column[],
  rows: readonly Row[],
  cells: (row: Row) => readonly Child[],
  rowClass: (row: Row) => string | undefined = () => undefined,
  { rowHeader = false }: { rowHeader?: boolean } = {},
): HTMLDivElement {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: isNumberColumn(h) ? 'number' : undefined }, columnLabel(h))))),
      el(
        'tbody',
        {},
        rows.map((row) =>
          el(
            'tr',
            { class: rowClass(row) },
            cells(row).map((c, i) => (rowHeader && i === 0 ? el('th', { scope: 'row' }, c) : el('td', { class: isNumberColumn(headers[i]) ? 'number' : undefined }, c))),
          ),
        ),
      ),
    ),
  );
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const formatDate = (iso: string | null | undefined): string => (iso ? dateFormat.format(new Date(iso)) : '–');
export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : '–');

/** Today's calendar date in Amsterdam, as YYYY-MM-DD. */
export function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

/** A file download of an answer's body (the CSV export needs the token, so no plain link); its name from Content-Disposition. */
export function download(body: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(body);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

// ------------------------------------------------------------ charts (SVG)

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Readonly<Record<string, string | number>> = {}, text?: string): SVGElementTagNameMap[K] {
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
export function scoreChart({
  scores,
  threshold,
  deadline,
  title,
}: {
  scores: readonly Pick<Schemas['Veiligheidsscore'], 'score' | 'gescoordOp'>[];
  threshold: number;
  deadline: string;
  title: string;
}): SVGSVGElement {
  const width = 760;
  const height = 300;
  const pad = { left: 44, right: 24, top: 20, bottom: 44 };
  const times = scores.map((s) => new Date(s.gescoordOp).getTime());
  const deadlineTime = new Date(deadline).getTime();
  const start = Math.min(...times, deadlineTime);
  const end = Math.max(...times, deadlineTime);
  const span = Math.max(end - start, 86_400_000);
  const x = (t: number) => pad.left + ((t - start) / span) * (width - pad.left - pad.right);
  const y = (score: number) => pad.top + (1 - score / 10) * (height - pad.top - pad.bottom);

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
    const points = scores.map((s, i) => `${x(times[i] ?? start)},${y(s.score)}`).join(' ');
    chart.append(svg('polyline', { class: 'series', points }));
    scores.forEach((s, i) => {
      const point = svg('circle', { class: 'point', cx: x(times[i] ?? start), cy: y(s.score), r: 5, 'data-score': s.score });
      point.append(svg('title', {}, `${formatDate(s.gescoordOp)}: ${s.score}`));
      chart.append(point);
    });
  }
  return chart;
}

/** One bar: its label and count; null is a suppressed count. */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
}

/**
 * A horizontal bar chart of counts; a suppressed count (fewer than 5, null)
 * is drawn as a grey stub labelled "x" so no small group can be read off.
 */
export function barChart({ title, bars }: { title: string; bars: readonly Bar[] }): SVGSVGElement {
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
    const length = bar.value === null ? 12 : ((width - labelWidth - 60) * bar.value) / max;
    chart.append(svg('text', { x: labelWidth - 8, y: top + 17, 'text-anchor': 'end' }, bar.label));
    chart.append(svg('rect', { class: suppressed ? 'bar suppressed' : 'bar', x: labelWidth, y: top + 4, width: Math.max(length, suppressed ? 12 : 1), height: rowHeight - 10 }));
    chart.append(svg('text', { x: labelWidth + Math.max(length, 12) + 6, y: top + 17 }, suppressed ? 'x' : String(bar.value)));
  });
  return chart;
}
