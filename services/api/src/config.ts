/**
 * The service's configuration: read from the environment once, at start,
 * validated with zod, then passed down. No other file reads process.env.
 */
import path from 'node:path';
import { roleOf } from '@veilig-samen/db';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanString = z
  .enum(['true', 'false', '1', '0', 'ja', 'nee'])
  .transform((value) => value === 'true' || value === '1' || value === 'ja');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'moet een PostgreSQL-URL zijn (postgres://gebruiker:wachtwoord@host:5432/database)');

/** An audit key's id: stored with every access-log row and checkpoint, so keys can rotate. */
const AUDIT_KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;
const auditKeyId = z.string().regex(AUDIT_KEY_ID, 'moet 1 tot 40 letters, cijfers, punten, streepjes of liggende streepjes zijn');
const auditKeySecret = z.string().min(32, 'moet minstens 32 tekens lang zijn');

/** `id:key,id:key`: keys that made rows still in the log, for verification only. */
const oldAuditKeys = z.string().transform((value, ctx) => {
  const keys: { id: string; secret: string }[] = [];
  for (const item of value.split(',')) {
    const colon = item.indexOf(':');
    const id = auditKeyId.safeParse(item.slice(0, Math.max(colon, 0)).trim());
    const secret = auditKeySecret.safeParse(item.slice(colon + 1).trim());
    if (colon < 1 || !id.success || !secret.success) {
      ctx.addIssue({ code: 'custom', message: 'moet de vorm id:sleutel,id:sleutel hebben (id: letters, cijfers, . _ -; sleutel: minstens 32 tekens)' });
      return z.NEVER;
    }
    keys.push({ id: id.data, secret: secret.data });
  }
  return keys;
});

/** Environment variables the service reads; documented one by one in README.md. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  JWT_SECRET: z.string().min(32, 'moet minstens 32 tekens lang zijn').optional(),
  JWT_PUBLIC_KEY: z
    .string()
    .transform((value) => value.replace(/\\n/g, '\n'))
    .refine((value) => value.includes('-----BEGIN PUBLIC KEY-----'), 'moet een PEM-publieke sleutel zijn (-----BEGIN PUBLIC KEY-----)')
    .optional(),
  JWT_PUBLIC_KEYS: z
    .string()
    .transform((value, ctx) => {
      try {
        const parsed = JSON.parse(value) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          const entries = Object.entries(parsed as Record<string, unknown>);
          if (entries.length > 0 && entries.every(([, pem]) => typeof pem === 'string' && pem.includes('-----BEGIN PUBLIC KEY-----'))) {
            return Object.fromEntries(entries.map(([kid, pem]) => [kid, String(pem).replace(/\\n/g, '\n')]));
          }
        }
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'moet JSON zijn van de vorm {"kid": "-----BEGIN PUBLIC KEY-----..."}' });
      return z.NEVER;
    })
    .optional(),
  JWT_ISSUER: z.string().min(1).default('veilig-samen'),
  JWT_AUDIENCE: z.string().min(1).default('veilig-samen-api'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DEMO: booleanString.optional(),
  REGIO: z.string().min(1).max(100).default('Gelderland-Zuid'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  TIMER_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  TIMER_WORKER: booleanString.default(true),
  MATCHING_KEY: z.string().min(32, 'moet minstens 32 tekens lang zijn').optional(),
  WEBHOOK_ALLOW_HTTP: booleanString.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(15),
  OIDC_AUTHORIZATION_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_SCOPE: z.string().min(1).max(500).default('openid'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  METRICS_EXPOSE: z.enum(['separate', 'public', 'off']).default('separate'),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  AUDIT_KEY: auditKeySecret.optional(),
  AUDIT_KEY_ID: auditKeyId.optional(),
  AUDIT_KEYS_OLD: oldAuditKeys.optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

export type JwtKeys =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'public-key'; readonly publicKey: string }
  /** Several public keys by `kid`, so the identity provider can rotate keys without downtime. */
  | { readonly kind: 'public-keys'; readonly publicKeys: Readonly<Record<string, string>> }
  /** Demo only: a random secret generated and kept in DATA_DIR. */
  | { readonly kind: 'demo-secret' };

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absent: start the embedded PostgreSQL under dataDir. With databaseMigrationUrl: the service role's URL. */
  readonly databaseUrl: string | undefined;
  /**
   * The schema owner's URL, for migrations only; the running service then
   * connects with databaseUrl as a role that cannot change the access log or
   * the event log (packages/db/src/roles.ts). Absent: one URL for both.
   */
  readonly databaseMigrationUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly jwt: {
    readonly keys: JwtKeys;
    readonly issuer: string;
    readonly audience: string;
  };
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Loads demo households on first start and prints demo tokens. */
  readonly demo: boolean;
  /** The region whose policy applies (one deployment serves one region). */
  readonly region: string;
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  /** How often the durable timer worker polls for due timers. */
  readonly timerPollIntervalMs: number;
  /** Run the timer worker in this process (turn off for API-only instances). */
  readonly timerWorker: boolean;
  /** Key of the HMAC that recognises households (BSN, name + birth date); absent in demo mode: generated in DATA_DIR. */
  readonly matchingKey: string | undefined;
  /** Allow webhook URLs over plain http (development and tests only). */
  readonly webhookAllowHttp: boolean;
  /** Requests per minute per client (token `sub`, else IP address). */
  readonly rateLimitPerMinute: number;
  /** Years after closure that a case is kept. */
  readonly retentionYears: number;
  /** The region's identity provider, for signing in on the web pages (authorization code with PKCE). */
  readonly identityProvider: IdentityProvider | undefined;
  /** Connections in this instance's pool (instances x pool must stay under PostgreSQL's max_connections). */
  readonly databasePoolMax: number;
  /**
   * Prometheus metrics: `separate` on their own host and port (default 127.0.0.1:9464, so the public
   * port never shows them), `public` also at /metrics on the public port, `off` not at all.
   */
  readonly metrics: { readonly expose: 'separate' | 'public' | 'off'; readonly host: string; readonly port: number };
  /** The access log's keyed chains and their checkpoints (security finding 3). */
  readonly audit: AuditConfig;
}

export interface AuditConfig {
  /** The key the rows' HMACs and the checkpoints' signatures are made with; absent in demo mode: generated in DATA_DIR. */
  readonly key: { readonly id: string; readonly secret: string } | undefined;
  /** Earlier keys, for verifying rows and checkpoints they made. */
  readonly oldKeys: readonly { readonly id: string; readonly secret: string }[];
  /** Where this instance appends its checkpoints (one file per instance run); audit:verify reads them all. */
  readonly checkpointDir: string;
  /** How often the chains' heads are sealed; audit:verify expects every row older than twice this to be sealed. */
  readonly checkpointIntervalMs: number;
}

export interface IdentityProvider {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scope: string;
}

/** Plain http only to this machine (development and tests); tokens never cross a network unencrypted. */
function isSecureOrLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

function identityProviderOf(e: z.infer<typeof environmentSchema>): IdentityProvider | undefined {
  const settings = { OIDC_AUTHORIZATION_URL: e.OIDC_AUTHORIZATION_URL, OIDC_TOKEN_URL: e.OIDC_TOKEN_URL, OIDC_CLIENT_ID: e.OIDC_CLIENT_ID };
  const missing = Object.entries(settings).filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) throw new ConfigError(`Ongeldige configuratie: ${missing.join(', ')} ontbreekt (OIDC_AUTHORIZATION_URL, OIDC_TOKEN_URL en OIDC_CLIENT_ID horen bij elkaar)`);
  const insecure = ['OIDC_AUTHORIZATION_URL', 'OIDC_TOKEN_URL'].filter((name) => !isSecureOrLocal(String(settings[name as keyof typeof settings])));
  if (insecure.length > 0) throw new ConfigError(`Ongeldige configuratie: ${insecure.join(', ')}: moet https gebruiken`);
  return { authorizationUrl: String(e.OIDC_AUTHORIZATION_URL), tokenUrl: String(e.OIDC_TOKEN_URL), clientId: String(e.OIDC_CLIENT_ID), scope: e.OIDC_SCOPE };
}

/** Two URLs are two roles: the owner's for migrations, the service's for running. */
function checkDatabaseUrls(e: { DATABASE_URL?: string | undefined; DATABASE_MIGRATION_URL?: string | undefined }): void {
  if (e.DATABASE_MIGRATION_URL === undefined) return;
  if (e.DATABASE_URL === undefined) throw new ConfigError('Ongeldige configuratie: DATABASE_MIGRATION_URL zonder DATABASE_URL (de URL van de rol waarmee de service draait)');
  const service = roleOf(e.DATABASE_URL);
  if (service === undefined) throw new ConfigError('Ongeldige configuratie: DATABASE_URL: noem de databaserol van de service (postgres://rol:wachtwoord@host/database) als DATABASE_MIGRATION_URL gezet is');
  if (service === roleOf(e.DATABASE_MIGRATION_URL)) {
    throw new ConfigError('Ongeldige configuratie: DATABASE_URL en DATABASE_MIGRATION_URL gebruiken dezelfde rol; de service hoort een eigen rol zonder eigenaarsrechten te hebben (docs/operations.md)');
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The settings the operations scripts read (pnpm db:migrate, pnpm audit:verify): no token or matching keys needed. */
const toolEnvironmentSchema = environmentSchema.pick({
  DATABASE_URL: true,
  DATABASE_MIGRATION_URL: true,
  DATA_DIR: true,
  EMBEDDED_PG_PORT: true,
  DATABASE_POOL_MAX: true,
  DEMO: true,
  AUDIT_KEY: true,
  AUDIT_KEY_ID: true,
  AUDIT_KEYS_OLD: true,
  AUDIT_CHECKPOINT_DIR: true,
  AUDIT_CHECKPOINT_INTERVAL_MS: true,
});

export type ToolConfig = Pick<Config, 'databaseUrl' | 'databaseMigrationUrl' | 'dataDir' | 'embeddedPostgresPort' | 'databasePoolMax' | 'demo' | 'audit'>;

/**
 * Validates the environment with `schema`. Throws a ConfigError whose message
 * is one line naming each bad variable, and never echoes a value (it may be a secret).
 */
function parseEnvironment<S extends z.ZodType>(schema: S, env: Environment): z.output<S> {
  // An empty variable means "not set", as shells and compose files produce them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ongeldige configuratie: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function toolConfigOf(e: z.output<typeof toolEnvironmentSchema>): ToolConfig {
  checkDatabaseUrls(e);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    dataDir: e.DATA_DIR,
    embeddedPostgresPort: e.EMBEDDED_PG_PORT,
    databasePoolMax: e.DATABASE_POOL_MAX,
    // Without a database server this runs on a developer's machine, so demo
    // mode is the helpful default there, and never the default against a server.
    demo: e.DEMO ?? e.DATABASE_URL === undefined,
    audit: auditConfigOf(e),
  };
}

function auditConfigOf(e: z.output<typeof toolEnvironmentSchema>): AuditConfig {
  if (e.AUDIT_KEY_ID !== undefined && e.AUDIT_KEY === undefined) throw new ConfigError('Ongeldige configuratie: AUDIT_KEY_ID zonder AUDIT_KEY');
  const key = e.AUDIT_KEY === undefined ? undefined : { id: e.AUDIT_KEY_ID ?? '1', secret: e.AUDIT_KEY };
  const oldKeys = e.AUDIT_KEYS_OLD ?? [];
  const ids = [...(key ? [key.id] : []), ...oldKeys.map((k) => k.id)];
  if (new Set(ids).size !== ids.length) throw new ConfigError('Ongeldige configuratie: AUDIT_KEYS_OLD: elke sleutel-id komt één keer voor, en niet ook als AUDIT_KEY_ID');
  return {
    key,
    oldKeys,
    checkpointDir: e.AUDIT_CHECKPOINT_DIR ?? path.join(e.DATA_DIR, 'controlepunten'),
    checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
  };
}

/** The settings of the operations scripts only (same variables, same rules as loadConfig). */
export function loadToolConfig(env: Environment): ToolConfig {
  return toolConfigOf(parseEnvironment(toolEnvironmentSchema, env));
}

/** Parses the service's whole environment (errors as parseEnvironment says). */
export function loadConfig(env: Environment): Config {
  const e = parseEnvironment(environmentSchema, env);
  const tool = toolConfigOf(e);

  let keys: JwtKeys;
  if ([e.JWT_SECRET, e.JWT_PUBLIC_KEY, e.JWT_PUBLIC_KEYS].filter((v) => v !== undefined).length > 1) {
    throw new ConfigError('Ongeldige configuratie: JWT_SECRET, JWT_PUBLIC_KEY en JWT_PUBLIC_KEYS: zet er precies een van');
  } else if (e.JWT_PUBLIC_KEYS) {
    keys = { kind: 'public-keys', publicKeys: e.JWT_PUBLIC_KEYS };
  } else if (e.JWT_SECRET) {
    keys = { kind: 'secret', secret: e.JWT_SECRET };
  } else if (e.JWT_PUBLIC_KEY) {
    keys = { kind: 'public-key', publicKey: e.JWT_PUBLIC_KEY };
  } else if (tool.demo) {
    keys = { kind: 'demo-secret' };
  } else {
    throw new ConfigError('Ongeldige configuratie: JWT_SECRET of JWT_PUBLIC_KEY ontbreekt (alleen in demomodus mag geen van beide gezet zijn)');
  }

  return {
    ...tool,
    port: e.PORT,
    host: e.HOST,
    jwt: { keys, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    logLevel: e.LOG_LEVEL,
    region: e.REGIO,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    timerPollIntervalMs: e.TIMER_POLL_INTERVAL_MS,
    timerWorker: e.TIMER_WORKER,
    matchingKey: e.MATCHING_KEY,
    webhookAllowHttp: e.WEBHOOK_ALLOW_HTTP,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    retentionYears: e.RETENTION_YEARS,
    identityProvider: identityProviderOf(e),
    metrics: { expose: e.METRICS_EXPOSE, host: e.METRICS_HOST, port: e.METRICS_PORT },
  };
}
