/**
 * Signing in on the web pages through the region's identity provider
 * (OpenID Connect authorization code flow with PKCE), in a real browser.
 * The identity provider here is a small one written in this test: it
 * approves at once, checks the PKCE verifier against the challenge, and
 * issues a JWT the service verifies like any other.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '@veilig-samen/api';
import { TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { createDatabase } from '../helpers/database.js';
import { startService, type RunningService } from '../helpers/process.js';

interface PendingCode {
  readonly challenge: string;
  readonly redirectUri: string;
}

/** How the next sign-in goes: approve, refuse (access_denied), or answer with another state than was sent. */
type Behaviour = 'approve' | 'deny' | 'wrong-state';

/** A minimal identity provider: /authorize approves at once, /token checks PKCE and signs a token. */
function fakeIdentityProvider(allowedOrigin: () => string) {
  const codes = new Map<string, PendingCode>();
  const seen: { authorize: URLSearchParams[]; token: URLSearchParams[] } = { authorize: [], token: [] };
  const settings: { behaviour: Behaviour; tokenSeconds: number } = { behaviour: 'approve', tokenSeconds: 600 };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://idp');
    if (url.pathname === '/authorize') {
      seen.authorize.push(url.searchParams);
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri: url.searchParams.get('redirect_uri') ?? '' });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      if (settings.behaviour === 'deny') back.searchParams.set('error', 'access_denied');
      else back.searchParams.set('code', code);
      back.searchParams.set('state', settings.behaviour === 'wrong-state' ? 'een-andere-state' : (url.searchParams.get('state') ?? ''));
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        seen.token.push(form);
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        const headers = { 'content-type': 'application/json', 'access-control-allow-origin': allowedOrigin() };
        if (!pending || pending.challenge !== challenge || pending.redirectUri !== form.get('redirect_uri')) {
          response.writeHead(400, headers).end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        const token = signToken(
          { sub: 'mda-042', rol: 'mda-coordinator', organisatie: 'Zorg- en Veiligheidshuis Gelderland-Zuid', gemeenten: [] },
          { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: settings.tokenSeconds },
        );
        response.writeHead(200, headers).end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 600 }));
      });
      return;
    }
    response.writeHead(404).end();
  });
  return { server, seen, settings };
}

describe('signing in through the identity provider', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let service: RunningService;
  let browser: Browser;
  let idp: ReturnType<typeof fakeIdentityProvider>;

  beforeAll(async () => {
    database = await createDatabase();
    idp = fakeIdentityProvider(() => new URL(service.baseUrl).origin);
    await new Promise<void>((resolve) => idp.server.listen(0, '127.0.0.1', resolve));
    const idpBase = `http://127.0.0.1:${(idp.server.address() as AddressInfo).port}`;
    service = await startService({
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      MATCHING_KEY: TEST_JWT_SECRET,
      ...TEST_AUDIT_ENV,
      OIDC_AUTHORIZATION_URL: `${idpBase}/authorize`,
      OIDC_TOKEN_URL: `${idpBase}/token`,
      OIDC_CLIENT_ID: 'veilig-samen-web',
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await database?.drop();
    await new Promise((resolve) => idp?.server.close(resolve));
  });

  it('goes to the identity provider with PKCE, comes back signed in, and keeps no code in the address bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8_000);
    await page.goto(`${service.baseUrl}/coordinator#/expertoverleggen`);
    // Outside demo mode there is no role picker.
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.getByText('Demomodus').count()).toBe(0);

    await page.getByRole('button', { name: 'Inloggen via de identity provider' }).click();
    await page.getByRole('heading', { name: 'Expertoverleggen', exact: true }).waitFor();
    expect(await page.locator('#wie').innerText()).toContain('mda-042');
    // Back where the user started, without the code or state in the URL.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('#/expertoverleggen');

    const [authorize] = idp.seen.authorize;
    expect(authorize?.get('client_id')).toBe('veilig-samen-web');
    expect(authorize?.get('code_challenge_method')).toBe('S256');
    expect(authorize?.get('redirect_uri')).toBe(`${service.baseUrl}/coordinator`);
    expect(authorize?.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(idp.seen.token[0]?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.close();
  });

  it('refuses a return from the identity provider that this tab did not start (state mismatch)', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    await page.goto(`${service.baseUrl}/coordinator?code=stolen&state=forged`);
    await page.getByText('Het inloggen is niet afgerond: begin opnieuw.').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(idp.seen.token.map((form) => form.get('code'))).not.toContain('stolen');
    await page.close();
  });

  it('refuses an answer with another state than this tab sent, and a refusal, each with a message of its own', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    const exchanges = idp.seen.token.length;
    try {
      idp.settings.behaviour = 'wrong-state';
      await page.goto(`${service.baseUrl}/coordinator`);
      await page.getByRole('button', { name: 'Inloggen via de identity provider' }).click();
      await page.getByText('Het inloggen is niet afgerond: begin opnieuw.').waitFor();
      expect(idp.seen.token.length).toBe(exchanges);

      idp.settings.behaviour = 'deny';
      await page.getByRole('button', { name: 'Inloggen via de identity provider' }).click();
      await page.getByText('U hebt het inloggen afgebroken of geweigerd.').waitFor();
      expect(new URL(page.url()).search).toBe('');

      // A crafted link with an error of its own: its text is never shown.
      await page.goto(`${service.baseUrl}/coordinator?error=Bel+0900-1234+voor+hulp&state=x`);
      await page.getByText('Het inloggen is niet afgerond: begin opnieuw.').waitFor();
      expect(await page.getByText('0900-1234').count()).toBe(0);
    } finally {
      idp.settings.behaviour = 'approve';
      await page.close();
    }
  });

  it('signs out when the token expires, says so, and after signing out asks the provider for a new sign-in', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    try {
      idp.settings.tokenSeconds = 2;
      await page.goto(`${service.baseUrl}/coordinator`);
      await page.getByRole('button', { name: 'Inloggen via de identity provider' }).click();
      await page.getByRole('heading', { name: 'Wachtrij opschalingen' }).waitFor();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await page.getByRole('link', { name: 'Expertoverleggen', exact: true }).click();
      await page.getByText('U bent uitgelogd: het token is verlopen of ongeldig.').waitFor();

      idp.settings.tokenSeconds = 600;
      await page.getByRole('button', { name: 'Inloggen via de identity provider' }).click();
      await page.getByRole('heading', { name: 'Expertoverleggen', exact: true }).waitFor();
      expect(idp.seen.authorize.at(-1)?.get('prompt')).toBeNull();
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.getByRole('button', { name: 'Inloggen via de identity provider' }).click();
      await page.getByRole('heading', { name: 'Expertoverleggen', exact: true }).waitFor();
      expect(idp.seen.authorize.at(-1)?.get('prompt')).toBe('login');
    } finally {
      idp.settings.tokenSeconds = 600;
      await page.close();
    }
  });

  it('allows the pages to reach the identity provider\'s token endpoint and nothing else', async () => {
    const response = await fetch(`${service.baseUrl}/coordinator`);
    const csp = response.headers.get('content-security-policy') ?? '';
    const idpOrigin = `http://127.0.0.1:${(idp.server.address() as AddressInfo).port}`;
    expect(csp).toContain(`connect-src 'self' ${idpOrigin};`);
  });
});
