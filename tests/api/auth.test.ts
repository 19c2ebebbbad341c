import { generateKeyPairSync } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_MANAGER, createTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';

/** Builds a JWT by hand, so a test can forge exactly one thing. */
function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('authentication with a shared secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const whoAmI = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/v1/ik', headers: authorization ? { authorization } : {} });

  const sign = (overrides: Record<string, unknown>, key: string = TEST_JWT_SECRET) =>
    createSigner({ key, algorithm: 'HS256' })({
      ...CASE_MANAGER,
      iss: t.config.jwt.issuer,
      aud: t.config.jwt.audience,
      exp: Math.floor(Date.now() / 1000) + 600,
      ...overrides,
    });

  it('lets a valid token through and shows the caller from its claims', async () => {
    const response = await whoAmI(`Bearer ${t.token({})}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'], oin: null });
  });

  it('refuses a request without a token with 401 problem+json', async () => {
    const response = await whoAmI();
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toContain('Bearer');
    expect(response.json()).toMatchObject({ status: 401, code: 'auth.token-ontbreekt', instance: '/v1/ik' });
  });

  it.each([
    ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...CASE_MANAGER, iss: t.config.jwt.issuer, aud: t.config.jwt.audience, exp: Math.floor(Date.now() / 1000) + 600 })}.`],
    ['a wrong key', () => sign({}, 'another-secret-that-is-also-long-enough-0123456789')],
    ['a wrong audience', () => sign({ aud: 'een-andere-api' })],
    ['a wrong issuer', () => sign({ iss: 'https://nep-uitgever.example' })],
    ['no exp claim', () => sign({ exp: undefined })],
    ['garbage', () => 'dit-is-geen-jwt'],
  ])('refuses a token with %s as auth.token-ongeldig', async (_name, forge) => {
    const response = await whoAmI(`Bearer ${forge()}`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'auth.token-ongeldig' });
  });

  it('refuses an expired token as auth.token-verlopen', async () => {
    const response = await whoAmI(`Bearer ${sign({ exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 3600 })}`);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'auth.token-verlopen' });
  });

  it('refuses a validly signed token whose claims are not ours (unknown role, no organisation)', async () => {
    const response = await whoAmI(`Bearer ${sign({ rol: 'superuser', organisatie: undefined })}`);
    expect(response.statusCode).toBe(401);
    const body = response.json();
    expect(body.code).toBe('auth.claims-ongeldig');
    expect(body.detail).toContain('rol');
    expect(body.detail).toContain('organisatie');
  });

  it('refuses an Authorization header that is not a Bearer token', async () => {
    const response = await whoAmI('Basic dXNlcjpwYXNz');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('serves the OpenAPI document and health checks without a token', async () => {
    for (const url of ['/v1/openapi.json', '/health/live', '/health/ready']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
  });
});

describe('authentication with a public key', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_SECRET: '', JWT_PUBLIC_KEY: publicPem } });
  });
  afterAll(async () => t.close());

  const claims = () => ({
    ...CASE_MANAGER,
    iss: t.config.jwt.issuer,
    aud: t.config.jwt.audience,
    exp: Math.floor(Date.now() / 1000) + 600,
  });

  it('accepts an RS256 token signed with the matching private key', async () => {
    const token = createSigner({ key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'RS256' })(claims());
    const response = await t.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
  });

  it('refuses an HS256 token that uses the public key as its secret (algorithm confusion)', async () => {
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url(claims());
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    const response = await t.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${header}.${payload}.${signature}` } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'auth.token-ongeldig' });
  });
});

describe('key rotation: several public keys by kid', () => {
  const first = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const second = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = (key: { export(options: { type: 'spki'; format: 'pem' }): string | Buffer }) => key.export({ type: 'spki', format: 'pem' }).toString();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { JWT_SECRET: '', JWT_PUBLIC_KEYS: JSON.stringify({ '2026-10': pem(first.publicKey), '2026-11': pem(second.publicKey) }) },
    });
  });
  afterAll(async () => t.close());

  const token = (privateKey: typeof first.privateKey, kid?: string) =>
    createSigner({ key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES256', ...(kid ? { kid } : {}) })({
      ...CASE_MANAGER,
      iss: t.config.jwt.issuer,
      aud: t.config.jwt.audience,
      exp: Math.floor(Date.now() / 1000) + 600,
    });
  const status = async (jwt: string) => (await t.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${jwt}` } })).statusCode;

  it('accepts tokens signed with either current key, chosen by kid', async () => {
    expect(await status(token(first.privateKey, '2026-10'))).toBe(200);
    expect(await status(token(second.privateKey, '2026-11'))).toBe(200);
  });

  it('refuses an unknown kid, a missing kid, and a key that does not match its kid', async () => {
    expect(await status(token(first.privateKey, '2025-01'))).toBe(401);
    expect(await status(token(first.privateKey))).toBe(401);
    expect(await status(token(first.privateKey, '2026-11'))).toBe(401);
  });
});
