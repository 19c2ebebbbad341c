/**
 * The database roles (security finding 3). The schema belongs to an owner
 * role that runs the migrations; the running service connects as a service
 * role that may read and write what the service needs, but cannot change or
 * remove rows of the access log, the event log or the notes: it has no UPDATE,
 * DELETE or TRUNCATE on any of them, no INSERT on the access log (rows are appended only
 * through access_log_append, which links them into their chain), does not own
 * the tables (so it cannot disable their triggers), and removes expired cases
 * only through retention_delete_case. Both functions run with the owner's
 * rights (SECURITY DEFINER, migration 0015) and are the only functions the
 * service role is granted.
 *
 * Roles are cluster-wide: their names come from the connection URLs
 * (DATABASE_URL names the service role), so several deployments, or parallel
 * test files, on one PostgreSQL server each use their own.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** The tables that are evidence: the service role may read them and add to them, never change them. */
export const APPEND_ONLY_TABLES = ['access_log', 'case_events', 'case_notes', 'case_note_marks'] as const;

type Queryable = Pick<pg.ClientBase, 'query' | 'escapeIdentifier'>;

/** The role a connection URL logs in as, or undefined when the URL names none. */
export function roleOf(url: string): string | undefined {
  const user = decodeURIComponent(new URL(url).username);
  return user === '' ? undefined : user;
}

/** The same server and database as `url`, as another role. */
export function urlAsRole(url: string, role: string, password: string): string {
  const result = new URL(url);
  result.username = encodeURIComponent(role);
  result.password = encodeURIComponent(password);
  return result.toString();
}

/**
 * Gives the service role exactly what the running service needs. Idempotent,
 * and run after every migration (by the owner, under the migration lock), so
 * tables added by later migrations are granted too. The statements only grant
 * to and revoke from this one role; the owner keeps its own rights.
 */
export async function grantServiceRole(client: Queryable, role: string): Promise<void> {
  const who = client.escapeIdentifier(role);
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${who}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${who}`,
    // Read only; rows are added through access_log_append, which links them into their chain.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON access_log FROM ${who}`,
    // New events are added; none is ever changed. Retention removes a closed case through retention_delete_case.
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON case_events FROM ${who}`,
    // Notes and their marks (issue 17 point 4): a correction, withdrawal or withholding is a new row, never a change.
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON case_notes, case_note_marks FROM ${who}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${who}`,
    `REVOKE ALL ON SEQUENCE access_log_id_seq FROM ${who}`,
    `GRANT EXECUTE ON FUNCTION access_log_append, retention_delete_case TO ${who}`,
    // To check at start that every migration has been applied, without the right to apply one.
    `GRANT USAGE ON SCHEMA drizzle TO ${who}`,
    `GRANT SELECT ON drizzle.__drizzle_migrations TO ${who}`,
  ];
  for (const statement of statements) await client.query(statement);
}

/**
 * Creates a login role, or sets its password when it exists. For the embedded
 * PostgreSQL (whose superuser creates the service role at first start) and
 * for tests; on a server a DBA creates the roles (docs/operations.md).
 */
export async function ensureLoginRole(client: Queryable & Pick<pg.ClientBase, 'escapeLiteral'>, role: string, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await client.query(`${verb} ROLE ${client.escapeIdentifier(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${client.escapeLiteral(password)}`);
}

export interface DatabaseRights {
  /** The role of this connection. */
  readonly role: string;
  /** The tables exist (migrations have run at least up to the access log). */
  readonly migrated: boolean;
  readonly superuser: boolean;
  /** Owns (or may become the owner of) the access log or the event log, so could disable their triggers. */
  readonly owner: boolean;
  /** Rights this role holds that the service role must not have, e.g. `access_log: UPDATE`. */
  readonly changeable: readonly string[];
}

/** What this connection's role may do to the evidence tables. */
export async function databaseRights(client: Pick<pg.ClientBase, 'query'> | pg.Pool): Promise<DatabaseRights> {
  const { rows } = await client.query<{ role: string; superuser: boolean; migrated: boolean; owner: boolean; changeable: string[] }>(
    `SELECT current_user AS role,
            r.rolsuper AS superuser,
            to_regclass('public.access_log') IS NOT NULL AND to_regclass('public.case_events') IS NOT NULL AS migrated,
            EXISTS (SELECT 1 FROM pg_class c
                     WHERE c.oid IN (to_regclass('public.access_log'), to_regclass('public.case_events'))
                       AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owner,
            ARRAY(SELECT t || ': ' || p
                    FROM unnest($1::text[]) AS t, unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) AS p
                   WHERE to_regclass('public.' || t) IS NOT NULL AND has_table_privilege(to_regclass('public.' || t), p)
                   ORDER BY 1) AS changeable
       FROM pg_roles r WHERE r.rolname = current_user`,
    [APPEND_ONLY_TABLES],
  );
  const row = rows[0];
  if (!row) throw new Error('De eigen databaserol is niet te vinden in pg_roles.');
  return row;
}

/** True when this role could change or remove evidence rows (or has to create the tables first). */
export function hasOwnerRights(rights: DatabaseRights): boolean {
  return !rights.migrated || rights.superuser || rights.owner || rights.changeable.length > 0;
}

/**
 * How many migrations in the folder the database has not applied, the way
 * drizzle's migrator decides it (by the journal's timestamps). Read as the
 * service role, which may read the migrations table but apply nothing.
 */
export async function pendingMigrations(client: Pick<pg.ClientBase, 'query'> | pg.Pool, migrationsFolder: string): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  const { rows } = await client.query<{ last: string | null }>('SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations');
  const last = Number(rows[0]?.last ?? 0);
  return journal.entries.filter((entry) => entry.when > last).length;
}

/** One connection for setup work (creating the database, the login role), closed after. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database on the server if it is not there (the embedded cluster's first start); answers its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  await withClient(serverUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
