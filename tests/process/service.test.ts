/**
 * The service as a real process, the way `pnpm start` runs it: start-up on a
 * database server and on the embedded PostgreSQL, configuration errors,
 * `pnpm token`, and graceful shutdown.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createVerifier } from 'fast-jwt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { createDatabase } from '../helpers/database.js';
import { runScript, startService } from '../helpers/process.js';

describe('the service process on a database server', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    database = await createDatabase({ fromTemplate: false });
  });
  afterAll(async () => database.drop());

  it('migrates an empty database, serves authenticated requests, and stops cleanly on SIGTERM', async () => {
    const service = await startService({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET, ...TEST_AUDIT_ENV });
    try {
      const ready = await fetch(`${service.baseUrl}/health/ready`);
      expect(ready.status).toBe(200);

      const token = await runScript(['services/api/src/scripts/token.ts', '--', '--rol', 'lokaal-team', '--gemeente', 'Nijmegen', '--sub', 'mw-001'], {
        DATABASE_URL: database.url,
        JWT_SECRET: TEST_JWT_SECRET,
      });
      expect(token.code).toBe(0);
      const me = await fetch(`${service.baseUrl}/v1/ik`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ sub: 'mw-001', rol: 'lokaal-team', gemeenten: ['Nijmegen'] });
    } finally {
      const started = performance.now();
      const code = await service.stop('SIGTERM');
      expect(code).toBe(0);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(service.output()).toContain('"msg":"stopped"');
    }
  });
});

describe('the service process with the embedded PostgreSQL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-start-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('starts without any database server in demo mode, keeps its data, and prints working demo tokens', async () => {
    const first = await startService({ DATA_DIR: dataDir });
    let token: string | undefined;
    try {
      expect(first.output()).toContain('ingebouwde PostgreSQL');
      expect(first.output()).toContain('/docs');
      token = /lokaal-team \(mw-001\): (\S+)/.exec(first.output())?.[1] ?? '';
      const me = await fetch(`${first.baseUrl}/v1/ik`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);

      // Demo households in different phases, one past its deadline without a 6.
      const list = await fetch(`${first.baseUrl}/v1/casussen`, { headers: { authorization: `Bearer ${token}` } });
      const cases = ((await list.json()) as { casussen: { fase: string; drempelBereikt: boolean; veiligheidsdeadline: string }[] }).casussen;
      expect(cases).toHaveLength(5);
      expect(new Set(cases.map((c) => c.fase))).toEqual(new Set(['directe-veiligheid', 'oorzaken-onderzoeken', 'nazorg']));
      expect(cases.filter((c) => !c.drempelBereikt && new Date(c.veiligheidsdeadline).getTime() < Date.now())).toHaveLength(1);

      // Security finding 3: the service's connections use the service role the first start created, not the superuser.
      const port = /ingebouwde PostgreSQL op 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1];
      const superuser = new pg.Client({ host: '127.0.0.1', port: Number(port), user: 'postgres', database: 'veilig_samen', password: (await readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim() });
      await superuser.connect();
      try {
        const sessions = await superuser.query<{ usename: string }>("SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'veilig-samen'");
        expect(sessions.rows).toEqual([{ usename: 'veilig_samen_dienst' }]);
      } finally {
        await superuser.end();
      }
    } finally {
      expect(await first.stop('SIGINT')).toBe(0);
    }

    // Second run: same data folder, same demo secret, so the old token still works.
    const second = await startService({ DATA_DIR: dataDir });
    try {
      expect(token).toBeTruthy();
      const me = await fetch(`${second.baseUrl}/v1/ik`, { headers: { authorization: `Bearer ${token ?? ''}` } });
      expect(me.status).toBe(200);
      // Demo data is loaded once, on the first start only.
      const list = await fetch(`${second.baseUrl}/v1/casussen`, { headers: { authorization: `Bearer ${token ?? ''}` } });
      expect(list.headers.get('x-total-count')).toBe('5');
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  }, 120_000);
});

describe('start-up and token errors', () => {
  it('stops with one line naming the bad variable', async () => {
    const result = await runScript(['services/api/src/main.ts'], { PORT: 'drieduizend', DATABASE_URL: 'postgres://x@127.0.0.1:1/x', JWT_SECRET: TEST_JWT_SECRET });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('PORT');
  });

  it('pnpm token refuses without a configured JWT_SECRET', async () => {
    const result = await runScript(['services/api/src/scripts/token.ts', '--', '--rol', 'lokaal-team'], { DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('JWT_SECRET');
    expect(result.stdout).toBe('');
  });

  it('pnpm token refuses an unknown role and signs a verifiable token otherwise', async () => {
    const env = { DATABASE_URL: 'postgres://x@127.0.0.1:1/x', JWT_SECRET: TEST_JWT_SECRET };
    const bad = await runScript(['services/api/src/scripts/token.ts', '--', '--rol', 'koning'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rol');

    const good = await runScript(['services/api/src/scripts/token.ts', '--', '--rol', 'mda-coordinator', '--sub', 'mda-7'], env);
    expect(good.code).toBe(0);
    const claims = createVerifier({ key: TEST_JWT_SECRET, algorithms: ['HS256'] })(good.stdout.trim()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: 'mda-7', rol: 'mda-coordinator', iss: 'veilig-samen', aud: 'veilig-samen-api' });
    expect(typeof claims.exp).toBe('number');
  });
});
