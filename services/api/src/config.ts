/**
 * The service's configuration: read from the environment once, at start,
 * validated with zod, then passed down. No other file reads process.env.
 */
import path from 'node:path';
import { roleOf } from '@veilig-samen/db';
import { isIP } from 'node:net';
import { passesElevenTest } from '@veilig-samen/contracts';
import { PHASES, type Municipality, type Phase } from '@veilig-samen/domain';
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

/** An IPv4 or IPv6 address, or a CIDR block of either. */
function isAddressOrBlock(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** A comma-separated list of addresses and CIDR blocks; empty entries (a trailing comma) are ignored. */
const addressList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .refine((entries) => entries.every(isAddressOrBlock), 'moet een kommagescheiden lijst van IP-adressen of CIDR-blokken zijn (bijvoorbeeld 10.0.0.5,192.168.10.0/24)');

/**
 * The demo region's municipalities (Gelderland-Zuid; real CBS codes,
 * made-up RSINs that pass the eleven test): GEMEENTEN's default in demo
 * mode, and the municipalities the demo data lives in.
 */
export const DEMO_MUNICIPALITIES = [
  // Each with an intake team (issue 16): a case manager whose token's `teams` name it works that municipality's intake.
  { name: 'Nijmegen', cbsCode: 'GM0268', rsin: '001825264', intakeTeam: 'intake-nijmegen' },
  { name: 'Wijchen', cbsCode: 'GM0296', rsin: '001728611', intakeTeam: 'intake-wijchen' },
  { name: 'Berg en Dal', cbsCode: 'GM1945', rsin: '001719336', intakeTeam: 'intake-berg-en-dal' },
  { name: 'Heumen', cbsCode: 'GM0252', rsin: '001816317', intakeTeam: 'intake-heumen' },
  { name: 'Druten', cbsCode: 'GM0225', rsin: '001809428', intakeTeam: 'intake-druten' },
] as const satisfies readonly Municipality[];

export type DemoMunicipality = (typeof DEMO_MUNICIPALITIES)[number]['name'];

/** The GEMEENTEN setting (JSON) of a list of municipalities: for scripts and tests that configure the service. */
export const municipalitiesSetting = (municipalities: readonly Municipality[]): string =>
  JSON.stringify(
    municipalities.map(({ name, cbsCode, rsin, intakeTeam, responsibleRsin }) => ({
      naam: name,
      cbsCode,
      rsin,
      ...(intakeTeam ? { intaketeam: intakeTeam } : {}),
      ...(responsibleRsin ? { verantwoordelijkeOrganisatie: responsibleRsin } : {}),
    })),
  );

/**
 * A municipality's name: letters (any script, with accents), spaces and
 * ' - . , ( ), starting with a letter or ' ('s-Hertogenbosch, Nuenen, Gerwen
 * en Nederwetten, Bergen (L.)). Nothing a spreadsheet could run as a formula.
 */
const MUNICIPALITY_NAME = /^[\p{L}'][\p{L}\p{M}' .,()-]*$/u;

const municipalitySchema = z
  .object({
    naam: z.string().min(1).max(100).regex(MUNICIPALITY_NAME, "mag alleen letters, spaties en ' - . , ( ) bevatten en begint met een letter of '"),
    cbsCode: z.string().regex(/^GM\d{4}$/, 'moet een CBS-gemeentecode zijn, bijvoorbeeld GM0268'),
    rsin: z.string().refine(passesElevenTest, 'moet een RSIN zijn: 9 cijfers die aan de elfproef voldoen'),
    intaketeam: z.string().trim().min(1).max(100).optional(),
    verantwoordelijkeOrganisatie: z.string().refine(passesElevenTest, 'moet een RSIN zijn: 9 cijfers die aan de elfproef voldoen').optional(),
  })
  .strict();

/** A setting that holds JSON: parsed, or one issue that shows the form expected. */
const jsonSetting = (form: string) =>
  z.string().transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `moet JSON zijn van de vorm ${form}` });
      return z.NEVER;
    }
  });

/** GEMEENTEN: a JSON array of the region's municipalities, each name, CBS code and RSIN once. */
const municipalitiesSchema = jsonSetting('[{"naam": "Nijmegen", "cbsCode": "GM0268", "rsin": "001825264"}]')
  .pipe(
    z
      .array(municipalitySchema)
      .min(1)
      .max(1000)
      .superRefine((list, ctx) => {
        const keys = [['naam', (m: (typeof list)[number]) => m.naam.toLocaleLowerCase('nl')], ['cbsCode', (m: (typeof list)[number]) => m.cbsCode], ['rsin', (m: (typeof list)[number]) => m.rsin]] as const;
        for (const [field, key] of keys) {
          const seen = new Set<string>();
          list.forEach((municipality, index) => {
            if (seen.has(key(municipality))) ctx.addIssue({ code: 'custom', path: [index, field], message: `komt twee keer voor (${field} moet per gemeente uniek zijn)` });
            seen.add(key(municipality));
          });
        }
      }),
  );

/**
 * The two tracks a case runs in, each with its own zaaktype in the region's
 * Catalogi API: local coordination (1 gezin, 1 plan, 1 regisseur) and the
 * MDA++ trajectory (a case the coordinator took into MDA++).
 */
export const ZGW_TRACKS = ['lokaal', 'mda'] as const;
export type ZgwTrack = (typeof ZGW_TRACKS)[number];
export const ZGW_ROLE_TYPES = ['regisseur', 'lid-huishouden'] as const;
export type ZgwRoleType = (typeof ZGW_ROLE_TYPES)[number];

/** The types of one track in the Catalogi API, as ZGW references them: URLs. */
export interface ZgwTrackTypes {
  readonly zaaktype: string;
  readonly statustypen: Readonly<Record<Phase, string>>;
  readonly roltypen: Readonly<Record<ZgwRoleType, string>>;
}

/** The region's ZGW components: where its zaken live (the ZRC, e.g. Open Zaak) and the types per track. */
export interface ZgwSettings {
  /** The Zaken API's base URL, without a trailing slash; a case's zaak is `{zakenApiUrl}/zaken/{case id}`. */
  readonly zakenApiUrl: string;
  readonly types: Readonly<Record<ZgwTrack, ZgwTrackTypes>>;
}

/**
 * The demo region's ZGW setting (made-up hosts under .example, fixed UUIDs):
 * the defaults in demo mode, so the export and the Notificaties messages show
 * their shape without a real Open Zaak.
 */
const DEMO_CATALOGI = 'https://open-zaak.gelderland-zuid.example/catalogi/api/v1';
export const DEMO_ZGW: ZgwSettings = {
  zakenApiUrl: 'https://open-zaak.gelderland-zuid.example/zaken/api/v1',
  types: {
    lokaal: {
      zaaktype: `${DEMO_CATALOGI}/zaaktypen/1b0ddd48-46a1-4d02-9d3a-6d43f0aa5348`,
      statustypen: {
        'directe-veiligheid': `${DEMO_CATALOGI}/statustypen/00b01a63-9649-4021-a318-e7bfcf054b3c`,
        'oorzaken-onderzoeken': `${DEMO_CATALOGI}/statustypen/5541d8be-9101-4c5e-8476-df64b81773c4`,
        'blijvend-voorkomen': `${DEMO_CATALOGI}/statustypen/9b7c7146-a4ce-4bb2-a7b7-3a0fd849aff9`,
        nazorg: `${DEMO_CATALOGI}/statustypen/15b9c8fe-46bc-4f0b-8c56-9bc60f0c3638`,
        afgesloten: `${DEMO_CATALOGI}/statustypen/5679f23e-9455-4b7d-bc63-f73690b4c267`,
      },
      roltypen: {
        regisseur: `${DEMO_CATALOGI}/roltypen/740ef61d-1872-4ba2-bf3a-998eabe9e2de`,
        'lid-huishouden': `${DEMO_CATALOGI}/roltypen/79207d9e-8082-463d-a71a-0d04e25fd86c`,
      },
    },
    mda: {
      zaaktype: `${DEMO_CATALOGI}/zaaktypen/1cc54bd1-e6ef-492e-b852-c5a929733ca8`,
      statustypen: {
        'directe-veiligheid': `${DEMO_CATALOGI}/statustypen/2b175c24-6dde-4eab-8cbc-a253eb42ecf0`,
        'oorzaken-onderzoeken': `${DEMO_CATALOGI}/statustypen/0eb3bc53-3a45-4d73-b550-384f2b87453d`,
        'blijvend-voorkomen': `${DEMO_CATALOGI}/statustypen/465fa394-d012-47a1-acac-f8263cb2a7b0`,
        nazorg: `${DEMO_CATALOGI}/statustypen/eb684ef2-174f-446e-a4da-cfa7dd429cb9`,
        afgesloten: `${DEMO_CATALOGI}/statustypen/fd57eee7-0b2e-4625-8124-d566024e9538`,
      },
      roltypen: {
        regisseur: `${DEMO_CATALOGI}/roltypen/e7d334ef-69ba-4213-8222-fbbf623dcdbb`,
        'lid-huishouden': `${DEMO_CATALOGI}/roltypen/41cd036d-9ce7-49de-a9f4-d8568e8fe04e`,
      },
    },
  },
};

/** ZGW_ZAAKTYPEN of a setting: for scripts and tests that configure the service. */
export const zgwTypesSetting = (zgw: ZgwSettings): string => JSON.stringify(zgw.types);

/** An http(s) URL without query or fragment, at most 1000 characters (ZGW's limit for references), whose path holds `/{collection}/`. */
const catalogiUrl = (collection: string) =>
  z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .refine((value) => {
      // Zod runs the refinement also after the URL check failed: that failure is reported already.
      const url = URL.canParse(value) ? new URL(value) : undefined;
      return url === undefined || (url.search === '' && url.hash === '' && url.pathname.includes(`/${collection}/`));
    }, `moet een URL in de Catalogi API zijn met /${collection}/ in het pad (zonder ? of #)`);

const trackTypesSchema = z
  .object({
    zaaktype: catalogiUrl('zaaktypen'),
    statustypen: z.object(Object.fromEntries(PHASES.map((phase) => [phase, catalogiUrl('statustypen')])) as Record<Phase, ReturnType<typeof catalogiUrl>>).strict(),
    roltypen: z.object({ regisseur: catalogiUrl('roltypen'), 'lid-huishouden': catalogiUrl('roltypen') }).strict(),
  })
  .strict();

/** ZGW_ZAAKTYPEN: per track (lokaal, mda) the zaaktype, a statustype per phase and the two roltypes, as URLs. */
const zgwTypesSchema = jsonSetting('{"lokaal": {"zaaktype": …, "statustypen": {…}, "roltypen": {…}}, "mda": {…}} (docs/operations.md)').pipe(z.object({ lokaal: trackTypesSchema, mda: trackTypesSchema }).strict());

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
  JWT_MAX_LIFETIME_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(12 * 60),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DEMO: booleanString.optional(),
  REGIO: z.string().min(1).max(100).default('Gelderland-Zuid'),
  GEMEENTEN: municipalitiesSchema.optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  TIMER_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  TIMER_WORKER: booleanString.default(true),
  MATCHING_KEY: z.string().min(32, 'moet minstens 32 tekens lang zijn').optional(),
  WEBHOOK_ALLOW_LOOPBACK: booleanString.default(false),
  /** Replaced by WEBHOOK_ALLOW_LOOPBACK; read only to refuse `true`, which no longer means what it did. */
  WEBHOOK_ALLOW_HTTP: booleanString.optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  CREATION_MATCHES_PER_DAY: z.coerce.number().int().min(1).max(1000).default(3),
  TRUSTED_PROXIES: addressList.default([]),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(15),
  ZGW_ZAKEN_API_URL: z
    .url({ protocol: /^https?$/ })
    .max(900)
    .refine((value) => !URL.canParse(value) || (new URL(value).search === '' && new URL(value).hash === ''), 'moet een URL zonder ? of # zijn')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  ZGW_ZAAKTYPEN: zgwTypesSchema.optional(),
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
    /**
     * The longest a token may be valid (exp - iat, and exp from now): a leaked
     * token stops working within this, whatever its issuer wrote into it.
     */
    readonly maxLifetimeSeconds: number;
  };
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Loads demo households on first start and hands out demo tokens, signed
   * with the demo's own generated secret (never with an operator's key: the
   * two cannot be configured together).
   */
  readonly demo: boolean;
  /** The region whose policy applies (one deployment serves one region). */
  readonly region: string;
  /** The region's municipalities: the only ones the service accepts anywhere (GEMEENTEN; in demo mode by default the demo's five). */
  readonly municipalities: readonly Municipality[];
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  /** How often the durable timer worker polls for due timers. */
  readonly timerPollIntervalMs: number;
  /** Run the timer worker in this process (turn off for API-only instances). */
  readonly timerWorker: boolean;
  /** Key of the HMAC that recognises households (BSN, name + birth date); absent in demo mode: generated in DATA_DIR. */
  readonly matchingKey: string | undefined;
  /**
   * Development and tests only: webhooks may also go to this machine's loopback addresses
   * (localhost, 127.0.0.0/8, ::1), over plain http as well. Off: https to public addresses only.
   */
  readonly webhookAllowLoopback: boolean;
  /** Requests per minute per client: per token `sub` once verified, else per client address. */
  readonly rateLimitPerMinute: number;
  /**
   * Security finding 6: how many "household has a case" answers a caller gets per local day;
   * after that their case creations are refused (429) until midnight, and the beheerder is told.
   */
  readonly creationMatchesPerDay: number;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses and CIDR blocks). Empty: the client
   * address is always the TCP peer, whatever a client writes in X-Forwarded-For.
   */
  readonly trustedProxies: readonly string[];
  /** Years after closure that a case is kept. */
  readonly retentionYears: number;
  /**
   * The region's ZGW components (ZGW_ZAKEN_API_URL, ZGW_ZAAKTYPEN): absent outside demo mode when not
   * set, and then the ZGW export and Notificaties subscriptions are refused (409/422) rather than guessed.
   */
  readonly zgw: ZgwSettings | undefined;
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

/** Both ZGW settings or neither; demo mode without them gets the demo region's. */
function zgwOf(e: z.infer<typeof environmentSchema>, demo: boolean): ZgwSettings | undefined {
  if (e.ZGW_ZAKEN_API_URL === undefined && e.ZGW_ZAAKTYPEN === undefined) return demo ? DEMO_ZGW : undefined;
  if (e.ZGW_ZAKEN_API_URL === undefined || e.ZGW_ZAAKTYPEN === undefined) {
    throw new ConfigError(`Ongeldige configuratie: ${e.ZGW_ZAKEN_API_URL === undefined ? 'ZGW_ZAKEN_API_URL' : 'ZGW_ZAAKTYPEN'} ontbreekt (ZGW_ZAKEN_API_URL en ZGW_ZAAKTYPEN horen bij elkaar)`);
  }
  return { zakenApiUrl: e.ZGW_ZAKEN_API_URL, types: e.ZGW_ZAAKTYPEN };
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

/**
 * GEMEENTEN, required outside demo mode: a deployment must say which
 * municipalities it serves (their RSINs go out in exports), never guess.
 * Demo mode without it gets the demo region; with it, the list must hold
 * the demo's municipalities, since the demo data lives there.
 */
function municipalitiesOf(e: z.infer<typeof environmentSchema>, demo: boolean): readonly Municipality[] {
  if (e.GEMEENTEN === undefined) {
    if (demo) return DEMO_MUNICIPALITIES;
    throw new ConfigError('Ongeldige configuratie: GEMEENTEN ontbreekt (de gemeenten van de regio als JSON: [{"naam": …, "cbsCode": …, "rsin": …}]; alleen in demomodus is er een standaard)');
  }
  const municipalities = e.GEMEENTEN.map(({ naam, cbsCode, rsin, intaketeam, verantwoordelijkeOrganisatie }) => ({
    name: naam,
    cbsCode,
    rsin,
    ...(intaketeam ? { intakeTeam: intaketeam } : {}),
    ...(verantwoordelijkeOrganisatie ? { responsibleRsin: verantwoordelijkeOrganisatie } : {}),
  }));
  const missing = DEMO_MUNICIPALITIES.filter((demoMunicipality) => !municipalities.some((m) => m.name === demoMunicipality.name));
  if (demo && missing.length > 0) {
    throw new ConfigError(`Ongeldige configuratie: GEMEENTEN: in demomodus horen de gemeenten van de demo erbij (${missing.map((m) => m.name).join(', ')} ontbreekt)`);
  }
  return municipalities;
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
  // Whether this is a demo depends on them (loadConfig): the scripts decide it the same way.
  JWT_SECRET: true,
  JWT_PUBLIC_KEY: true,
  JWT_PUBLIC_KEYS: true,
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

const operatorKeyCount = (e: z.output<typeof toolEnvironmentSchema>) => [e.JWT_SECRET, e.JWT_PUBLIC_KEY, e.JWT_PUBLIC_KEYS].filter((v) => v !== undefined).length;

function toolConfigOf(e: z.output<typeof toolEnvironmentSchema>): ToolConfig {
  checkDatabaseUrls(e);
  const operatorKeys = operatorKeyCount(e);
  // Demo mode hands out tokens to anyone who asks (GET /demo/tokens) and loads
  // invented households. With an operator's key those tokens would open a
  // real installation, and the invented households would mix with real
  // ones, so the two never go together: an explicit DEMO=true with a key
  // stops the service, and a key alone means "not a demo".
  if (e.DEMO === true && operatorKeys > 0) {
    throw new ConfigError(
      'Ongeldige configuratie: DEMO=true gaat niet samen met JWT_SECRET, JWT_PUBLIC_KEY of JWT_PUBLIC_KEYS (demo-tokens worden alleen met het eigen gegenereerde demogeheim ondertekend); zet DEMO=false, of laat de sleutel weg voor een demo',
    );
  }
  return {
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    dataDir: e.DATA_DIR,
    embeddedPostgresPort: e.EMBEDDED_PG_PORT,
    databasePoolMax: e.DATABASE_POOL_MAX,
    // Without a database server or a key this runs on a developer's machine, so
    // demo mode is the helpful default there, and never the default otherwise.
    demo: e.DEMO ?? (e.DATABASE_URL === undefined && operatorKeys === 0),
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
  if (e.WEBHOOK_ALLOW_HTTP === true) {
    // It also let webhooks go to any private address; silently dropping it would hide that the exception is now narrower.
    throw new ConfigError('Ongeldige configuratie: WEBHOOK_ALLOW_HTTP bestaat niet meer: gebruik WEBHOOK_ALLOW_LOOPBACK (alleen ontwikkeling en tests: webhooks naar loopback, ook over http)');
  }
  const tool = toolConfigOf(e);
  const operatorKeys = operatorKeyCount(e);

  let keys: JwtKeys;
  if (operatorKeys > 1) {
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
    jwt: { keys, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, maxLifetimeSeconds: e.JWT_MAX_LIFETIME_MINUTES * 60 },
    logLevel: e.LOG_LEVEL,
    region: e.REGIO,
    municipalities: municipalitiesOf(e, tool.demo),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    timerPollIntervalMs: e.TIMER_POLL_INTERVAL_MS,
    timerWorker: e.TIMER_WORKER,
    matchingKey: e.MATCHING_KEY,
    webhookAllowLoopback: e.WEBHOOK_ALLOW_LOOPBACK,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    creationMatchesPerDay: e.CREATION_MATCHES_PER_DAY,
    trustedProxies: e.TRUSTED_PROXIES,
    retentionYears: e.RETENTION_YEARS,
    zgw: zgwOf(e, tool.demo),
    identityProvider: identityProviderOf(e),
    metrics: { expose: e.METRICS_EXPOSE, host: e.METRICS_HOST, port: e.METRICS_PORT },
  };
}
