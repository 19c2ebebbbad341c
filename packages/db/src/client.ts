import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = NodePgDatabase<typeof schema>;

export interface DatabaseHandle {
  readonly pool: pg.Pool;
  readonly db: Database;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly max?: number;
  /** Shown in pg_stat_activity, so operators can tell the service's connections apart. */
  readonly applicationName?: string;
}

export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'veilig-samen',
    // A request must fail fast rather than hang when the database is gone.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its connection emits 'error' on the pool; without
  // a listener that would crash the process. The next query reports it instead.
  pool.on('error', () => undefined);
  // A client that loses its connection while checked out but between queries (inside a transaction, say)
  // emits 'error' on itself, where the pool's listener is not: without one of its own the process would
  // crash when the database restarts. Its next query fails and the pool drops it on release.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = drizzle(pool, { schema });
  return {
    pool,
    db,
    // Idempotent: a test or a shutdown path may close twice.
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

/** `SELECT 1` with a short timeout, for readiness checks. */
export async function ping(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query({ text: 'SELECT 1', query_timeout: 2_000 } as pg.QueryConfig);
    return true;
  } catch {
    return false;
  }
}
