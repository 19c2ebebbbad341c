/**
 * Finds a real PostgreSQL for the whole test run, in this order:
 *   1. TEST_DATABASE_URL, when set (CI points it at the machine's server);
 *   2. a container via testcontainers, when a Docker engine answers;
 *   3. the embedded PostgreSQL from the npm package, in a temporary folder.
 * Then migrates a template database once; each test file clones it
 * (CREATE DATABASE ... TEMPLATE), which takes milliseconds. Before any test,
 * it bundles the web pages' scripts from their TypeScript (not committed), so
 * the pages the tests load are built from the sources under test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, startEmbeddedPostgres } from '@veilig-samen/db';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildWebBundles } from '../../services/api/src/web/build.js';
import { databaseUrl, TEST_DATABASE_PREFIX } from './urls.js';

export interface TestDatabaseServer {
  readonly adminUrl: string;
  readonly template: string;
  readonly kind: 'TEST_DATABASE_URL' | 'testcontainers' | 'embedded';
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseServer;
  }
}

interface Started {
  adminUrl: string;
  kind: TestDatabaseServer['kind'];
  stop(): Promise<void>;
}

async function startServer(): Promise<Started> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, kind: 'TEST_DATABASE_URL', stop: async () => undefined };

  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return { adminUrl: container.getConnectionUri(), kind: 'testcontainers', stop: async () => void (await container.stop()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`[tests] geen Docker-engine (${reason}); ingebouwde PostgreSQL wordt gebruikt\n`);
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-test-'));
  const embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
  return {
    adminUrl: embedded.url,
    kind: 'embedded',
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundles = await buildWebBundles();
  process.stderr.write(`[tests] web: ${bundles.join(', ')} gebouwd\n`);
  const server = await startServer();
  const template = `${TEST_DATABASE_PREFIX}${process.pid}_template`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(template)}`);
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
  await migrateDatabase(databaseUrl(server.adminUrl, template));
  process.stderr.write(`[tests] PostgreSQL via ${server.kind}; template ${template} gemigreerd\n`);
  project.provide('testDatabase', { adminUrl: server.adminUrl, template, kind: server.kind });

  return async () => {
    // Every database this run made starts with the run's prefix.
    const mine = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${TEST_DATABASE_PREFIX}${process.pid}_%`,
    ]);
    for (const { datname } of mine.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    // Service roles are named after their database (helpers/database.ts); a file that failed may leave one.
    const roles = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1', [`${TEST_DATABASE_PREFIX}${process.pid}_%`]);
    for (const { rolname } of roles.rows) {
      await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(rolname)}`);
    }
    await admin.end();
    await server.stop();
  };
}
