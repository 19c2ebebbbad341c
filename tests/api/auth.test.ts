import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, ConfigError, loadConfig, resolveJwtKeys } from '@veilig-samen/api';
import { createSigner, createVerifier } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_MANAGER, createTestApp, TEST_JWT_SECRET, TEST_MUNICIPALITIES, type TestApp } from '../helpers/app.js';
import { runScript } from '../helpers/process.js';

/** Builds a JWT by hand, so a test can forge exactly one thing. */
function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** "Now" as the service sees it: its (manual) clock, in JWT seconds. */
const nowOf = (t: TestApp) => Math.floor(t.clock.now().getTime() / 1000);

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
      iat: nowOf(t),
      exp: nowOf(t) + 600,
      ...overrides,
    });

  it('lets a valid token through and shows the caller from its claims', async () => {
    const response = await whoAmI(`Bearer ${t.token({})}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'], oin: null, teams: [], intakeGemeenten: [] });
  });

  it('refuses a request without a token with 401 problem+json', async () => {
    const response = await whoAmI();
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toContain('Bearer');
    expect(response.json()).toMatchObject({ status: 401, code: 'auth.token-ontbreekt', instance: '/v1/ik' });
  });

  it.each([
    ['alg none', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...CASE_MANAGER, iss: t.config.jwt.issuer, aud: t.config.jwt.audience, iat: nowOf(t), exp: nowOf(t) + 600 })}.`],
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
    const response = await whoAmI(`Bearer ${sign({ exp: nowOf(t) - 60, iat: nowOf(t) - 3600 })}`);
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
    iat: nowOf(t),
    exp: nowOf(t) + 600,
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
      iat: nowOf(t),
      exp: nowOf(t) + 600,
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

/** An HS256 token with exactly this payload (no claim added or fixed up), signed with the test secret. */
function hs256(payload: Record<string, unknown>, secret: string = TEST_JWT_SECRET): string {
  const head = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const pem = (key: { export(options: { type: 'spki'; format: 'pem' }): string | Buffer }) => key.export({ type: 'spki', format: 'pem' }).toString();

describe('security finding 13: demo tokens signed with a real secret', () => {
  const identityProvider = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const operatorKeys: Record<string, string> = {
    JWT_SECRET: TEST_JWT_SECRET,
    JWT_PUBLIC_KEY: pem(identityProvider.publicKey),
    JWT_PUBLIC_KEYS: JSON.stringify({ '2026-11': pem(identityProvider.publicKey) }),
  };
  const server = { DATABASE_URL: 'postgres://x@127.0.0.1:1/x', MATCHING_KEY: 'test-matching-key-that-is-long-enough-0123456789' };

  it.each(['true', '1', 'ja'])('refuses DEMO=%s together with any operator key, naming both and echoing no value', (demo) => {
    for (const [name, value] of Object.entries(operatorKeys)) {
      for (const env of [{ ...server, DEMO: demo, [name]: value }, { DEMO: demo, [name]: value }]) {
        let error: unknown;
        try {
          loadConfig(env);
        } catch (caught) {
          error = caught;
        }
        expect(error, name).toBeInstanceOf(ConfigError);
        const message = (error as Error).message;
        expect(message).toContain('DEMO=true');
        expect(message).toContain(name);
        expect(message).not.toContain(TEST_JWT_SECRET);
        expect(message).not.toContain('BEGIN PUBLIC KEY');
      }
    }
  });

  it('is no demo when an operator key is set, also without a database server; without key and server it still is', () => {
    for (const [name, value] of Object.entries(operatorKeys)) {
      expect(loadConfig({ [name]: value, GEMEENTEN: TEST_MUNICIPALITIES }).demo, name).toBe(false);
    }
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({}).jwt.keys.kind).toBe('demo-secret');
  });

  it('stops the service at start with exit code 2 and one line', async () => {
    const result = await runScript(['services/api/src/main.ts'], { ...server, DEMO: 'true', JWT_SECRET: TEST_JWT_SECRET });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('DEMO=true');
    expect(result.stderr).not.toContain(TEST_JWT_SECRET);
    expect(result.stdout).not.toContain('eyJ');
  }, 60_000);

  it('hands out no demo tokens and offers no demo roles on an operator key, even if the configuration says demo', async () => {
    // The second lock: a Config that claims demo mode (as no environment can produce) with the operator's secret.
    const t = await createTestApp();
    const app = await buildApp({
      config: { ...t.config, demo: true },
      database: t.database.service.handle,
      jwtKeys: await resolveJwtKeys(t.config),
      matchingKey: 'test-matching-key-that-is-long-enough-0123456789',
      auditKey: t.auditKeys.current,
      clock: t.clock,
    });
    try {
      await app.ready();
      const tokens = await app.inject({ method: 'GET', url: '/demo/tokens' });
      expect(tokens.statusCode).toBe(404);
      expect(tokens.json()).toMatchObject({ code: 'demo.niet-actief' });
      expect(tokens.body).not.toContain('eyJ');
      expect((await app.inject({ method: 'GET', url: '/web/config.json' })).json()).toMatchObject({ demo: false });
    } finally {
      await app.close();
      await t.close();
    }
  });

  it('never accepts a token signed with the demo secret once the operator configured keys', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-demo-'));
    const demo = await createTestApp({ env: { DEMO: 'true', JWT_SECRET: '', DATA_DIR: dataDir } });
    const withSecret = await createTestApp({ env: { DATA_DIR: dataDir } });
    const withPublicKey = await createTestApp({ env: { JWT_SECRET: '', JWT_PUBLIC_KEY: operatorKeys.JWT_PUBLIC_KEY ?? '', DATA_DIR: dataDir } });
    try {
      const { tokens } = (await demo.app.inject({ method: 'GET', url: '/demo/tokens' })).json<{ tokens: { rol: string; token: string }[] }>();
      expect(tokens.map((token) => token.rol)).toEqual(expect.arrayContaining(['beheerder', 'beleid', 'lokaal-team', 'mda-coordinator']));
      for (const { token } of tokens) {
        const me = (app: TestApp) => app.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${token}` } });
        expect((await me(demo)).statusCode).toBe(200);
        for (const operator of [withSecret, withPublicKey]) {
          const refused = await me(operator);
          expect(refused.statusCode).toBe(401);
          expect(refused.json()).toMatchObject({ code: 'auth.token-ongeldig' });
        }
      }
      expect((await withSecret.app.inject({ method: 'GET', url: '/demo/tokens' })).statusCode).toBe(404);
    } finally {
      await Promise.all([demo.close(), withSecret.close(), withPublicKey.close()]);
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('security finding 14: tokens without an upper bound', () => {
  const HOUR = 3600;
  const MAX = 12 * HOUR;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const now = () => nowOf(t);
  const registered = () => ({ ...CASE_MANAGER, iss: t.config.jwt.issuer, aud: t.config.jwt.audience });
  const whoAmI = (token: string, app: TestApp = t) => app.app.inject({ method: 'GET', url: '/v1/ik', headers: { authorization: `Bearer ${token}` } });

  it('sets the maximum lifetime to 12 hours by default', () => {
    expect(t.config.jwt.maxLifetimeSeconds).toBe(MAX);
  });

  it.each([
    ['exp in 2200', () => ({ iat: now(), exp: Date.UTC(2200, 0, 1) / 1000 }), 'auth.token-te-lang-geldig'],
    ['exp a hundred years from now and no other fault', () => ({ iat: now(), exp: now() + 100 * 365 * 86_400 }), 'auth.token-te-lang-geldig'],
    ['a lifetime of 12 hours and one second', () => ({ iat: now(), exp: now() + MAX + 1 }), 'auth.token-te-lang-geldig'],
    ['iat backdated to stretch the lifetime', () => ({ iat: now() - 10 * HOUR, exp: now() + 10 * HOUR }), 'auth.token-te-lang-geldig'],
    ['iat at the epoch', () => ({ iat: 0, exp: now() + 600 }), 'auth.token-te-lang-geldig'],
    ['a negative iat', () => ({ iat: -1, exp: now() + 600 }), 'auth.token-te-lang-geldig'],
    ['exp 1e300', () => ({ iat: now(), exp: 1e300 }), 'auth.token-te-lang-geldig'],
    ['iat a year ahead', () => ({ iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 600 }), 'auth.token-uitgifte-in-toekomst'],
    ['iat a year ahead and exp in 2200', () => ({ iat: now() + 365 * 86_400, exp: Date.UTC(2200, 0, 1) / 1000 }), 'auth.token-uitgifte-in-toekomst'],
    ['iat two minutes ahead', () => ({ iat: now() + 120, exp: now() + 600 }), 'auth.token-uitgifte-in-toekomst'],
    ['no iat', () => ({ exp: now() + 600 }), 'auth.token-zonder-uitgiftetijd'],
    ['no iat and exp in 2200', () => ({ exp: Date.UTC(2200, 0, 1) / 1000 }), 'auth.token-zonder-uitgiftetijd'],
    ['iat as text', () => ({ iat: String(now()), exp: now() + 600 }), 'auth.token-ongeldig'],
    ['iat null', () => ({ iat: null, exp: now() + 600 }), 'auth.token-ongeldig'],
    ['exp as text', () => ({ iat: now(), exp: String(now() + 600) }), 'auth.token-ongeldig'],
    ['exp as a list', () => ({ iat: now(), exp: [now() + 600] }), 'auth.token-ongeldig'],
    ['nbf as text', () => ({ iat: now(), exp: now() + 600, nbf: 'nu' }), 'auth.token-ongeldig'],
    ['nbf an hour ahead', () => ({ iat: now(), exp: now() + 2 * HOUR, nbf: now() + HOUR }), 'auth.token-nog-niet-geldig'],
    ['exp a second ago', () => ({ iat: now() - 600, exp: now() - 1 }), 'auth.token-verlopen'],
    ['exp now', () => ({ iat: now() - 600, exp: now() }), 'auth.token-verlopen'],
  ])('refuses a token with %s as 401 problem+json', async (_name, times, code) => {
    const response = await whoAmI(hs256({ ...registered(), ...times() }));
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toContain('Bearer');
    const body = response.json();
    expect(body).toMatchObject({ status: 401, code });
    expect(typeof body.detail).toBe('string');
  });

  it('accepts exactly the maximum lifetime, an iat up to a minute ahead (clock skew), and a current nbf', async () => {
    for (const times of [
      { iat: now(), exp: now() + MAX },
      { iat: now() - HOUR, exp: now() + MAX - HOUR },
      { iat: now() + 60, exp: now() + 60 + 600 },
      { iat: now() + 60, exp: now() + 60 + MAX },
      { iat: now(), exp: now() + 600, nbf: now() + 30 },
      { iat: now(), exp: now() + 1 },
    ]) {
      expect((await whoAmI(hs256({ ...registered(), ...times }))).statusCode, JSON.stringify(times)).toBe(200);
    }
  });

  it('applies to tokens verified with the identity provider\'s public key as well', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const idp = await createTestApp({ env: { JWT_SECRET: '', JWT_PUBLIC_KEY: pem(publicKey) } });
    try {
      const sign = (times: Record<string, number>) =>
        createSigner({ key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), algorithm: 'ES256' })({ ...registered(), ...times });
      const at = nowOf(idp);
      expect((await whoAmI(sign({ iat: at, exp: at + 600 }), idp)).statusCode).toBe(200);
      expect((await whoAmI(sign({ iat: at, exp: Date.UTC(2200, 0, 1) / 1000 }), idp)).json()).toMatchObject({ code: 'auth.token-te-lang-geldig' });
      expect((await whoAmI(sign({ iat: at + 365 * 86_400, exp: at + 365 * 86_400 + 600 }), idp)).json()).toMatchObject({ code: 'auth.token-uitgifte-in-toekomst' });
    } finally {
      await idp.close();
    }
  });

  it('takes the maximum from JWT_MAX_LIFETIME_MINUTES, and refuses a bad value at start', async () => {
    const hourly = await createTestApp({ env: { JWT_MAX_LIFETIME_MINUTES: '60' } });
    try {
      const at = nowOf(hourly);
      expect((await whoAmI(hs256({ ...registered(), iat: at, exp: at + HOUR }), hourly)).statusCode).toBe(200);
      const refused = await whoAmI(hs256({ ...registered(), iat: at, exp: at + HOUR + 60 }), hourly);
      expect(refused.json()).toMatchObject({ status: 401, code: 'auth.token-te-lang-geldig' });
      expect(refused.json().detail).toContain('60 minuten');
    } finally {
      await hourly.close();
    }
    for (const value of ['0', '-5', 'twaalf uur', '1.5', '100000']) {
      expect(() => loadConfig({ JWT_MAX_LIFETIME_MINUTES: value }), value).toThrow(/JWT_MAX_LIFETIME_MINUTES/);
    }
  });

  it('checks a token\'s times against the service\'s clock, which tests can move', async () => {
    const start = t.clock.now();
    try {
      const token = t.token({});
      expect((await whoAmI(token)).statusCode).toBe(200);
      t.clock.advance(61 * 60_000);
      expect((await whoAmI(token)).json()).toMatchObject({ code: 'auth.token-verlopen' });
      t.clock.set(new Date(start.getTime() - 2 * 60_000));
      expect((await whoAmI(token)).json()).toMatchObject({ code: 'auth.token-uitgifte-in-toekomst' });
    } finally {
      t.clock.set(start);
    }
  });

  it('a token verified once is not trusted beyond its text or its times (verified-token cache, issue 15)', async () => {
    const start = t.clock.now();
    try {
      const token = t.token({});
      expect((await whoAmI(token)).statusCode).toBe(200);
      expect((await whoAmI(token)).statusCode).toBe(200);
      // The same claims with a changed signature: a different text, verified again and refused.
      const [head, body, signature = ''] = token.split('.');
      const flipped = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await whoAmI(flipped)).json()).toMatchObject({ code: 'auth.token-ongeldig' });
      // Known, but the clock moved before its iat: refused without forgetting it.
      t.clock.set(new Date(start.getTime() - 2 * 60_000));
      expect((await whoAmI(token)).json()).toMatchObject({ code: 'auth.token-uitgifte-in-toekomst' });
      t.clock.set(start);
      expect((await whoAmI(token)).statusCode).toBe(200);
      t.clock.advance(61 * 60_000);
      expect((await whoAmI(token)).json()).toMatchObject({ code: 'auth.token-verlopen' });
    } finally {
      t.clock.set(start);
    }
  });

  it('pnpm token keeps to the maximum: refuses a longer --minuten and defaults within it', async () => {
    const env = { DATABASE_URL: 'postgres://x@127.0.0.1:1/x', JWT_SECRET: TEST_JWT_SECRET };
    const script = 'services/api/src/scripts/token.ts';
    const longer = await runScript([script, '--', '--rol', 'lokaal-team', '--minuten', '721'], env);
    expect(longer.code).toBe(2);
    expect(longer.stderr).toContain('720');
    expect(longer.stdout).toBe('');
    const lifetime = (stdout: string) => {
      const claims = createVerifier({ key: TEST_JWT_SECRET, algorithms: ['HS256'] })(stdout.trim()) as { iat: number; exp: number };
      return claims.exp - claims.iat;
    };
    const longest = await runScript([script, '--', '--rol', 'lokaal-team', '--minuten', '720'], env);
    expect(longest.code).toBe(0);
    expect(lifetime(longest.stdout)).toBe(MAX);
    const short = await runScript([script, '--', '--rol', 'lokaal-team'], { ...env, JWT_MAX_LIFETIME_MINUTES: '30' });
    expect(short.code).toBe(0);
    expect(lifetime(short.stdout)).toBe(30 * 60);
  }, 90_000);

  it('demo tokens keep to the maximum and are accepted by the demo itself', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-demo-'));
    const demo = await createTestApp({ env: { DEMO: 'true', JWT_SECRET: '', DATA_DIR: dataDir, JWT_MAX_LIFETIME_MINUTES: '120' } });
    try {
      const { tokens } = (await demo.app.inject({ method: 'GET', url: '/demo/tokens' })).json<{ tokens: { token: string }[] }>();
      const secret = (await resolveJwtKeys(demo.config)).signingSecret ?? '';
      for (const { token } of tokens) {
        const claims = createVerifier({ key: secret, clockTimestamp: demo.clock.now().getTime() })(token) as { iat: number; exp: number };
        expect(claims.exp - claims.iat).toBe(2 * HOUR);
        expect((await whoAmI(token, demo)).statusCode).toBe(200);
      }
    } finally {
      await demo.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
