import { buildApp, DEMO_MUNICIPALITIES, DEMO_ZGW, loadConfig, municipalitiesSetting, resolveAuditKeys, resolveJwtKeys, resolveMatchingKey, signToken, zgwTypesSetting, type AuditKeys, type Config } from '@veilig-samen/api';
import type { AuditKeyring } from '@veilig-samen/db';
import type { TokenClaims } from '@veilig-samen/contracts';
import { manualClock, type Clock, type Municipality } from '@veilig-samen/domain';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
/** The audit key (security finding 3) for services outside demo mode; tests that verify chains use TEST_AUDIT_KEYRING. */
export const TEST_AUDIT_ENV = { AUDIT_KEY: 'test-audit-key-that-is-long-enough-0123456789', AUDIT_KEY_ID: 'test-1' } as const;
export const TEST_AUDIT_KEYRING: AuditKeyring = new Map([[TEST_AUDIT_ENV.AUDIT_KEY_ID, TEST_AUDIT_ENV.AUDIT_KEY]]);

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: Config;
  readonly database: TestDatabase;
  readonly clock: ReturnType<typeof manualClock>;
  /** The audit key the app makes the access log's HMACs with, and the keyring to verify them. */
  readonly auditKeys: AuditKeys;
  /** A valid token for these claims, signed with the test secret, issued now by the app's clock (valid for an hour of it). */
  token(claims: Partial<TokenClaims>): string;
  close(): Promise<void>;
}

export const CASE_MANAGER: TokenClaims = {
  sub: 'mw-001',
  rol: 'lokaal-team',
  organisatie: 'Sociaal Wijkteam Nijmegen',
  gemeenten: ['Nijmegen'],
};

/** Nine digits passing the eleven test, made from a number (an RSIN for a test municipality). */
function rsinOf(seed: number): string {
  for (let base = 10_000_000 + seed * 7; ; base += 1) {
    const digits = String(base).padStart(8, '0');
    const check = [...digits].reduce((sum, digit, index) => sum + Number(digit) * (9 - index), 0) % 11;
    if (check < 10) return `${digits}${check}`;
  }
}

/**
 * The region of the tests: the demo's five municipalities, Arnhem (which the
 * tests use as another region's municipality-like second one), and `extra`,
 * each with a CBS code and an RSIN of its own.
 */
export function testMunicipalities(extra: readonly string[] = []): Municipality[] {
  const more = ['Arnhem', ...extra].map((name, index) => ({ name, cbsCode: `GM${String(9000 + index)}`, rsin: rsinOf(index) }));
  return [...DEMO_MUNICIPALITIES, ...more];
}

/** GEMEENTEN of the tests' region with `extra` municipalities. */
export const municipalitiesSettingFor = (extra: readonly string[] = []): string => municipalitiesSetting(testMunicipalities(extra));

/** GEMEENTEN for a service under test (createTestApp's default, and every process the tests start). */
export const TEST_MUNICIPALITIES = municipalitiesSettingFor();

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly clock?: Clock;
  readonly logger?: FastifyBaseLogger;
  /** Runs before app.ready(), e.g. to add a route that only a test needs. */
  readonly beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

/** The whole service on a fresh migrated database, driven with app.inject(). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = manualClock(new Date('2026-01-15T09:00:00Z'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    MATCHING_KEY: 'test-matching-key-that-is-long-enough-0123456789',
    ...TEST_AUDIT_ENV,
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    GEMEENTEN: TEST_MUNICIPALITIES,
    // The demo region's ZGW components (an operator names their own; demo mode has these by default).
    ZGW_ZAKEN_API_URL: DEMO_ZGW.zakenApiUrl,
    ZGW_ZAAKTYPEN: zgwTypesSetting(DEMO_ZGW),
    ...options.env,
  });
  const jwtKeys = await resolveJwtKeys(config);
  const matchingKey = await resolveMatchingKey(config);
  const auditKeys = await resolveAuditKeys(config);
  const appClock = options.clock ?? clock;
  // The app runs as the file's service role, as the service does in production; tests read and tamper as the admin.
  const app = await buildApp({ config, database: database.service.handle, jwtKeys, matchingKey, auditKey: auditKeys.current, clock: appClock, ...(options.logger ? { logger: options.logger } : {}) });
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    config,
    database,
    clock,
    auditKeys,
    token: (claims) =>
      signToken(
        { ...CASE_MANAGER, ...claims },
        {
          secret: TEST_JWT_SECRET,
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
          expiresInSeconds: 3600,
          // The service checks exp and iat against its own clock, which tests move.
          nowSeconds: Math.floor(appClock.now().getTime() / 1000),
        },
      ),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
