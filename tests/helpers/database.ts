import { randomBytes } from 'node:crypto';
import { connect, type DatabaseHandle } from '@veilig-samen/db';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from './urls.js';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  readonly handle: DatabaseHandle;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file. The name carries the pid of the
 * process that ran global setup (it is in the template's name), so that
 * teardown can find every database of this run.
 */
export async function createDatabase(options: { fromTemplate: boolean } = { fromTemplate: true }): Promise<Omit<TestDatabase, 'handle'> & { url: string }> {
  const server = inject('testDatabase');
  const runPrefix = server.template.replace(/template$/, '');
  const name = `${runPrefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    const template = options.fromTemplate ? ` TEMPLATE ${admin.escapeIdentifier(server.template)}` : '';
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${template}`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant: PostgreSQL
        // refuses the second while the first copy holds the template.
        const busy = (error as { code?: string }).code === '55006';
        if (!busy || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrl(server.adminUrl, name);
  return {
    url,
    name,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: server.adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${dropper.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A migrated database (a clone of the template) with a pool on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const created = await createDatabase();
  const handle = connect(created.url, { max: 5 });
  return {
    ...created,
    handle,
    drop: async () => {
      await handle.close();
      await created.drop();
    },
  };
}
