/**
 * Security finding 3, first part: the running service connects as a role of
 * its own that cannot change or remove rows of the access log or the event
 * log, not as the owner or a superuser. Migrations run as the owner and grant
 * the service role what it needs (packages/db/src/roles.ts); retention goes
 * through retention_delete_case. The app in every test runs as its file's
 * service role (tests/helpers/database.ts); here the role itself is attacked.
 */
import { databaseRights, ensureLoginRole, hasOwnerRights, migrateDatabase, urlAsRole } from '@veilig-samen/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServiceDatabase } from '../../services/api/src/database.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household } from '../helpers/client.js';
import { createDatabase, createServiceRole } from '../helpers/database.js';

const PERMISSION_DENIED = '42501';
const codeOf = async (query: Promise<unknown>): Promise<string | undefined> => {
  try {
    await query;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('security finding 3: the service runs as a role that cannot change the logs', () => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const mw = clientFor(t);
    caseId = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    expect((await mw.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('the app works as the service role, and that role is least-privileged', async () => {
    const { rows } = await t.database.service.handle.pool.query<{ user: string }>('SELECT current_user AS user');
    expect(rows[0]?.user).toBe(t.database.service.role);
    const rights = await databaseRights(t.database.service.handle.pool);
    expect(rights).toMatchObject({ superuser: false, owner: false, changeable: [], migrated: true });
    expect(hasOwnerRights(rights)).toBe(false);
    // The admin the tests (and a one-URL deployment) use is reported as having owner rights.
    expect(hasOwnerRights(await databaseRights(t.database.handle.pool))).toBe(true);
  });

  it('every way to change or remove a log row is refused to the service role, and nothing changes', async () => {
    // One connection, so the ROLLBACK after a failed transaction reaches it.
    const service = await t.database.service.handle.pool.connect();
    const count = async () =>
      (await t.database.handle.pool.query<{ log: number; events: number }>('SELECT (SELECT count(*)::int FROM access_log) AS log, (SELECT count(*)::int FROM case_events) AS events')).rows[0];
    const before = await count();
    expect(before?.log).toBeGreaterThanOrEqual(2);
    const attempts = [
      "UPDATE access_log SET actor_sub = 'iemand-anders'",
      'DELETE FROM access_log',
      'DELETE FROM access_log WHERE id = (SELECT max(id) FROM access_log)',
      'TRUNCATE access_log',
      // Rows are appended only through access_log_append, which links them.
      `INSERT INTO access_log (at, actor_sub, actor_organisation, actor_role, member_ids, action, result, status, purpose, request_id, prev_hash, hash, chain)
       VALUES (now(), 'x', 'x', 'x', '[]', 'x', 'x', 200, 'x', 'x', 'x', 'x', 0)`,
      "UPDATE case_events SET type = 'x'",
      'DELETE FROM case_events',
      'TRUNCATE case_events CASCADE',
      // The triggers stay: only the owner may disable them, or switch them off for the session.
      'ALTER TABLE access_log DISABLE TRIGGER access_log_no_update_or_delete',
      'ALTER TABLE case_events DISABLE TRIGGER ALL',
      'SET session_replication_role = replica',
      'DROP TABLE access_log',
      // The retention path's own switch does not give a right the role lacks.
      "BEGIN; SET LOCAL veilig_samen.bewaartermijn = 'verwijderen'; DELETE FROM case_events; COMMIT",
      // Nor does replacing the functions that run with the owner's rights.
      'CREATE OR REPLACE FUNCTION retention_delete_case(p_case_id uuid, p_closed_before timestamptz) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$',
    ];
    for (const attempt of attempts) {
      expect([attempt, await codeOf(service.query(attempt))]).toEqual([attempt, PERMISSION_DENIED]);
      await service.query('ROLLBACK').catch(() => undefined);
    }
    // Retention's function removes closed cases only: an open case, or a cutoff before its closure, removes nothing.
    const retention = await service.query<{ deleted: boolean }>("SELECT retention_delete_case($1, now() + interval '100 years') AS deleted", [caseId]);
    expect(retention.rows[0]?.deleted).toBe(false);
    service.release();
    expect(await count()).toEqual(before);
  });
});

describe('security finding 3: how the service connects', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let role: Awaited<ReturnType<typeof createServiceRole>>;
  beforeAll(async () => {
    database = await createDatabase({ fromTemplate: false });
    await migrateDatabase(database.url);
    role = await createServiceRole(database);
  });
  afterAll(async () => {
    await database.drop();
    await role.drop();
  });

  const settings = (urls: { databaseUrl: string; databaseMigrationUrl?: string }) => ({
    databaseMigrationUrl: undefined,
    ...urls,
    dataDir: '.data',
    embeddedPostgresPort: 0,
    databasePoolMax: 2,
  });
  const currentUser = async (db: Awaited<ReturnType<typeof openServiceDatabase>>) =>
    (await db.handle.pool.query<{ user: string }>('SELECT current_user AS user')).rows[0]?.user;

  it('with DATABASE_MIGRATION_URL: migrates as the owner and runs as the service role', async () => {
    const db = await openServiceDatabase(settings({ databaseUrl: role.url, databaseMigrationUrl: database.url }), () => undefined);
    try {
      expect(await currentUser(db)).toBe(role.role);
      expect(db.ownerRights).toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('with one URL of an owner: runs, and says it runs with owner rights', async () => {
    const db = await openServiceDatabase(settings({ databaseUrl: database.url }), () => undefined);
    try {
      expect(db.ownerRights).toBe(await currentUser(db));
    } finally {
      await db.close();
    }
  });

  it('with one URL of the service role: runs without migrating, and refuses while a migration is pending', async () => {
    const db = await openServiceDatabase(settings({ databaseUrl: role.url }), () => undefined);
    expect(db.ownerRights).toBeUndefined();
    await db.close();

    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const last = await admin.query<{ id: number; hash: string; created_at: string }>('SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1');
      await admin.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [last.rows[0]?.id]);
      await expect(openServiceDatabase(settings({ databaseUrl: role.url }), () => undefined)).rejects.toThrow(/mist 1 migratie.*DATABASE_MIGRATION_URL/);
      await admin.query('INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3)', [last.rows[0]?.id, last.rows[0]?.hash, last.rows[0]?.created_at]);
    } finally {
      await admin.end();
    }
  });

  it('with one URL of a role no migration run has granted yet: refuses, and says what to run', async () => {
    const ungranted = `${database.name}_nieuw`;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await ensureLoginRole(admin, ungranted, 'geheim');
      await expect(openServiceDatabase(settings({ databaseUrl: urlAsRole(database.url, ungranted, 'geheim') }), () => undefined)).rejects.toThrow(
        /kan niet nagaan welke migraties zijn toegepast: voer pnpm db:migrate uit met DATABASE_MIGRATION_URL/,
      );
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(ungranted)}`);
      await admin.end();
    }
  });

  it('refuses a service role that could still change the log, rather than trust it', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const who = admin.escapeIdentifier(role.role);
    const owner = admin.escapeIdentifier((await admin.query<{ user: string }>('SELECT current_user AS user')).rows[0]?.user ?? '');
    const open = () => openServiceDatabase(settings({ databaseUrl: role.url, databaseMigrationUrl: database.url }), () => undefined);
    try {
      // A right through PUBLIC, which a grant to the role cannot take back.
      await admin.query('GRANT UPDATE ON access_log TO PUBLIC');
      await expect(open()).rejects.toThrow(/kan het toegangslog of het gebeurtenislog wijzigen \(access_log: UPDATE\)/);
      await admin.query('REVOKE UPDATE ON access_log FROM PUBLIC');
      // Membership of the owner's role: it could disable the triggers.
      await admin.query(`GRANT ${owner} TO ${who}`);
      await expect(open()).rejects.toThrow(/eigenaar van de tabellen/);
      await admin.query(`REVOKE ${owner} FROM ${who}`);
      // A right granted to the role itself is taken back by the next migration run, which grants exactly what the service needs.
      await admin.query(`GRANT UPDATE, DELETE ON access_log, case_events TO ${who}`);
      const db = await open();
      try {
        expect((await databaseRights(db.handle.pool)).changeable).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      await admin.query('REVOKE UPDATE ON access_log FROM PUBLIC');
      await admin.query(`REVOKE ${owner} FROM ${who}`);
      await admin.end();
    }
  });
});
