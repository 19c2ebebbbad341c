import path from 'node:path';
import {
  connect,
  databaseRights,
  ensureDatabase,
  ensureLoginRole,
  hasOwnerRights,
  MIGRATIONS_FOLDER,
  migrateDatabase,
  pendingMigrations,
  ping,
  readOrCreateSecret,
  roleOf,
  startEmbeddedPostgres,
  urlAsRole,
  withClient,
  type DatabaseHandle,
} from '@veilig-samen/db';
import type { Config } from './config.js';

export interface ServiceDatabase {
  readonly handle: DatabaseHandle;
  /** Human-readable: where the data lives (never the password). */
  readonly description: string;
  /**
   * Set when the service runs as a role that could change or remove
   * access-log or event-log rows (one URL for migrations and service): the
   * role's name, for the warning at start.
   */
  readonly ownerRights: string | undefined;
  close(): Promise<void>;
}

export type DatabaseConfig = Pick<Config, 'databaseUrl' | 'databaseMigrationUrl' | 'dataDir' | 'embeddedPostgresPort' | 'databasePoolMax'>;

const EMBEDDED_DATABASE = 'veilig_samen';
/** The embedded cluster is this DATA_DIR's own, so a fixed name cannot collide. */
export const EMBEDDED_SERVICE_ROLE = 'veilig_samen_dienst';

/**
 * Connects to the configured server, or starts the embedded PostgreSQL under
 * DATA_DIR; applies pending migrations as the schema's owner (under an
 * advisory lock, so instances starting together do not race) and connects
 * the service as its own least-privileged role:
 * - DATABASE_MIGRATION_URL and DATABASE_URL: migrate as the owner, grant the
 *   service role, run as DATABASE_URL's role; refused when that role could
 *   still change the evidence tables (a superuser, or the owner itself);
 * - DATABASE_URL only, a role with owner rights: migrate and run as it (as
 *   before; reported in ownerRights, and main.ts warns);
 * - DATABASE_URL only, a least-privileged role: no migrations, refused when
 *   one is pending (pnpm db:migrate with DATABASE_MIGRATION_URL applies them);
 * - embedded: its superuser is the owner; the service role is created at
 *   first start with a generated password kept in DATA_DIR.
 */
export async function openServiceDatabase(config: DatabaseConfig, onLog: (line: string) => void): Promise<ServiceDatabase> {
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl);
    const description = `PostgreSQL op ${url.hostname}:${url.port || 5432}${url.pathname}`;
    if (config.databaseMigrationUrl) {
      await migrateDatabase(config.databaseMigrationUrl, { serviceRole: roleOf(config.databaseUrl) });
      const handle = await connectAsServiceRole(config.databaseUrl, config.databasePoolMax);
      return { handle, description, ownerRights: undefined, close: () => handle.close() };
    }
    const handle = connect(config.databaseUrl, { max: config.databasePoolMax });
    try {
      const rights = await databaseRights(handle.pool);
      if (hasOwnerRights(rights)) {
        await migrateDatabase(config.databaseUrl);
        return { handle, description, ownerRights: rights.role, close: () => handle.close() };
      }
      await requireMigrated(handle);
      return { handle, description, ownerRights: undefined, close: () => handle.close() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    persistent: true,
    onLog,
  });
  try {
    const ownerUrl = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    const password = await readOrCreateSecret(path.resolve(config.dataDir, 'postgres-service-password'));
    await withClient(ownerUrl, (client) => ensureLoginRole(client, EMBEDDED_SERVICE_ROLE, password));
    await migrateDatabase(ownerUrl, { serviceRole: EMBEDDED_SERVICE_ROLE });
    const handle = await connectAsServiceRole(urlAsRole(ownerUrl, EMBEDDED_SERVICE_ROLE, password), config.databasePoolMax);
    return {
      handle,
      description: `ingebouwde PostgreSQL op 127.0.0.1:${embedded.port}, data in ${path.resolve(config.dataDir, 'postgres')}`,
      ownerRights: undefined,
      close: async () => {
        await handle.close();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** Connects as the service role and makes sure it really is least-privileged: a misconfigured role is refused, not trusted. */
async function connectAsServiceRole(url: string, poolMax: number): Promise<DatabaseHandle> {
  const handle = connect(url, { max: poolMax });
  try {
    const rights = await databaseRights(handle.pool);
    if (hasOwnerRights(rights)) {
      const why = [rights.superuser ? 'superuser' : '', rights.owner ? 'eigenaar van de tabellen' : '', ...rights.changeable].filter(Boolean).join(', ');
      throw new Error(
        `De databaserol ${rights.role} van DATABASE_URL kan het toegangslog of het gebeurtenislog wijzigen (${why}): geef de service een eigen rol zonder die rechten (docs/operations.md).`,
      );
    }
    await requireMigrated(handle);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function requireMigrated(handle: DatabaseHandle): Promise<void> {
  const pending = await pendingMigrations(handle.pool, MIGRATIONS_FOLDER).catch((error: unknown) => {
    // No right to read the migrations table: the role has not been granted by a migration run yet.
    if (['42501', '42P01', '3F000'].includes(String((error as { code?: unknown }).code))) {
      throw new Error('De rol van DATABASE_URL kan niet nagaan welke migraties zijn toegepast: voer pnpm db:migrate uit met DATABASE_MIGRATION_URL (de eigenaar), dat geeft de rol ook zijn rechten.', { cause: error });
    }
    throw error;
  });
  if (pending > 0) {
    throw new Error(`De database mist ${pending} migratie(s) en de rol van DATABASE_URL mag ze niet toepassen: voer eerst pnpm db:migrate uit met DATABASE_MIGRATION_URL (de eigenaar).`);
  }
}

/** Whether the database answers now (readiness). */
export function isDatabaseReady(database: Pick<DatabaseHandle, 'pool'>): Promise<boolean> {
  return ping(database.pool);
}
