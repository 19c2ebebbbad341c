import path from 'node:path';
import { connect, migrateDatabase, startEmbeddedPostgres, type DatabaseHandle } from '@veilig-samen/db';
import pg from 'pg';
import type { Config } from './config.js';

export interface ServiceDatabase {
  readonly handle: DatabaseHandle;
  /** Human-readable: where the data lives (never the password). */
  readonly description: string;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'veilig_samen';

/**
 * Connects to the configured server, or starts the embedded PostgreSQL under
 * DATA_DIR, then applies pending migrations (under an advisory lock, so
 * instances starting together do not race).
 */
export async function openServiceDatabase(config: Config, onLog: (line: string) => void): Promise<ServiceDatabase> {
  if (config.databaseUrl) {
    await migrateDatabase(config.databaseUrl);
    const handle = connect(config.databaseUrl, { max: config.databasePoolMax });
    const url = new URL(config.databaseUrl);
    return { handle, description: `PostgreSQL op ${url.hostname}:${url.port || 5432}${url.pathname}`, close: () => handle.close() };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    persistent: true,
    onLog,
  });
  try {
    const url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    await migrateDatabase(url);
    const handle = connect(url, { max: config.databasePoolMax });
    return {
      handle,
      description: `ingebouwde PostgreSQL op 127.0.0.1:${embedded.port}, data in ${path.resolve(config.dataDir, 'postgres')}`,
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

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
