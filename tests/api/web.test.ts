/**
 * The web pages as files: served locally with a strict CSP, a fixed set of
 * assets only, and demo tokens only in demo mode. Their behaviour in a
 * browser is tested in tests/e2e.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from 'fast-jwt';
import { resolveJwtKeys } from '@veilig-samen/api';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('the web pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it.each(['/coordinator', '/inzichten'])('serves %s as HTML that may load only its own scripts and styles', async (url) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    // Everything it loads comes from the service itself: no CDN.
    const sources = [...response.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).toMatch(/^(\/|#|data:)/);
  });

  it('serves the pages\' assets and nothing else from /web', async () => {
    const script = await t.app.inject({ method: 'GET', url: '/web/coordinator.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await t.app.inject({ method: 'GET', url: '/web/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    for (const url of ['/web/routes.ts', '/web/..%2Froutes.ts', '/web/coordinator.html', '/web/%2e%2e%2f%2e%2e%2fconfig.ts']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('hands out demo tokens only in demo mode', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/demo/tokens' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'demo.niet-actief' });

    // Demo mode runs on its own secret, generated in DATA_DIR (an operator's key and DEMO=true do not go together).
    const dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-demo-'));
    const demo = await createTestApp({ env: { DEMO: 'true', JWT_SECRET: '', DATA_DIR: dataDir } });
    try {
      const { tokens } = (await demo.app.inject({ method: 'GET', url: '/demo/tokens' })).json();
      const coordinator = tokens.find((t: { rol: string }) => t.rol === 'mda-coordinator');
      // Signed with the demo secret, issued at the app's (manual) clock time, for 8 hours.
      const demoSecret = (await resolveJwtKeys(demo.config)).signingSecret ?? '';
      expect(demoSecret).not.toBe('');
      const claims = createVerifier({ key: demoSecret, clockTimestamp: demo.clock.now().getTime() })(coordinator.token);
      expect(claims).toMatchObject({ sub: 'mda-001', rol: 'mda-coordinator', iss: demo.config.jwt.issuer, aud: demo.config.jwt.audience });
      expect(claims.exp - claims.iat).toBe(8 * 3600);
      const me = await demo.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${coordinator.token}` } });
      expect(me.statusCode).toBe(200);
    } finally {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
