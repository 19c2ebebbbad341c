import { randomBytes } from 'node:crypto';
import { connect, ensureLoginRole, grantServiceRole, urlAsRole, withClient, type DatabaseHandle } from '@veilig-samen/db';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from './urls.js';

export interface TestDatabase {
  /** As the server's admin, who owns this database's tables (tests inspect and tamper through it). */
  readonly url: string;
  readonly name: string;
  readonly handle: DatabaseHandle;
  /** As this file's own service role, granted as migrations grant it: what the app in tests runs as. */
  readonly service: ServiceRole & { readonly handle: DatabaseHandle };
  /** Closes the pools and drops the database and its service role. */
  drop(): Promise<void>;
}

export interface ServiceRole {
  readonly role: string;
  readonly url: string;
  /** Drops the role; after the database is dropped (a role with grants in a database cannot go). */
  drop(): Promise<void>;
}

function asAdmin<T>(work: (client: pg.Client) => Promise<T>, url = inject('testDatabase').adminUrl): Promise<T> {
  return withClient(url, work);
}

/**
 * A service role for one database, as docs/operations.md has a DBA create it
 * and migrations grant it (the production grantServiceRole). Roles are
 * cluster-wide, so it is named after the database (this run's prefix, unique
 * per file); global teardown drops any left behind.
 */
export async function createServiceRole(database: { readonly url: string; readonly name: string }): Promise<ServiceRole> {
  const role = `${database.name}_dienst`;
  const password = randomBytes(16).toString('hex');
  await asAdmin((admin) => ensureLoginRole(admin, role, password));
  await asAdmin((owner) => grantServiceRole(owner, role), database.url);
  return {
    role,
    url: urlAsRole(database.url, role, password),
    drop: () => asAdmin(async (admin) => void (await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`))),
  };
}

/**
 * A fresh database for one test file. The name carries the pid of the
 * process that ran global setup (it is in the template's name), so that
 * teardown can find every database of this run.
 */
export async function createDatabase(options: { fromTemplate: boolean } = { fromTemplate: true }): Promise<Omit<TestDatabase, 'handle' | 'service'>> {
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

/** A migrated database (a clone of the template) with pools on it as the admin and as its service role. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const created = await createDatabase();
  const role = await createServiceRole(created);
  const handle = connect(created.url, { max: 5 });
  const service = connect(role.url, { max: 5 });
  return {
    ...created,
    handle,
    service: { ...role, handle: service },
    drop: async () => {
      await service.close();
      await handle.close();
      await created.drop();
      await role.drop();
    },
  };
}
