/**
 * Backup and restore as docs/operations.md describes them (issue 9):
 * infra/backup.sh dumps a running service's database, infra/restore.sh
 * restores it into a new, empty database; everything is there and consistent
 * (every case equal to its event log, the access-log chains intact, the access
 * log still append-only), and a service started on it serves the cases.
 * Security finding 3: the restore seals the restored access log in a signed
 * `herstel` checkpoint, so the rollback is not reported as a truncated log
 * (which it is without that checkpoint).
 * When the machine's pg_dump is older than the database server (pg_dump
 * refuses such a server), the backup script says so and stops instead.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { signToken } from '@veilig-samen/api';
import { connect, verifyAccessLogChains, type DatabaseHandle } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpointWriter } from '../../services/api/src/audit/checkpoints.js';
import { verifyCaseFromEvents } from '../../services/api/src/cases/use-cases.js';
import { CASE_MANAGER, createTestApp, TEST_AUDIT_ENV, TEST_AUDIT_KEYRING, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist } from '../helpers/client.js';
import { createDatabase } from '../helpers/database.js';
import { REPO_ROOT, runScript, startService } from '../helpers/process.js';

const run = promisify(execFile);
type Outcome = { code: number; stdout: string; stderr: string };
async function script(name: string, args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('sh', [path.join(REPO_ROOT, 'infra', name), ...args], { env: { ...process.env, ...TEST_AUDIT_ENV, DATABASE_URL: databaseUrl, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function majorVersions(databaseUrl: string): Promise<{ server: number; dump: number }> {
  const handle = connect(databaseUrl, { max: 1 });
  try {
    const { rows } = await handle.pool.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    const { stdout } = await run('pg_dump', ['--version']);
    const versions = { server: Math.floor(Number(rows[0]?.v) / 10000), dump: Number(/(\d+)(\.\d+)?/.exec(stdout)?.[1]) };
    return versions;
  } finally {
    await handle.close();
  }
}

describe('backup and restore', () => {
  let source: TestApp;
  let dir: string;
  const caseIds: string[] = [];

  beforeAll(async () => {
    source = await createTestApp();
    const mw = clientFor(source);
    for (let i = 0; i < 5; i++) {
      const id = (await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [{ naam: `Back-up ${i}`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] } })).json().id as string;
      await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(i + 3));
      await mw.get(`/v1/casussen/${id}`);
      caseIds.push(id);
    }
    dir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-backup-'));
  });
  afterAll(async () => {
    await source?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores a backup into an empty database, complete and consistent, sealed by a restore checkpoint (security finding 3), and a service serves it', async () => {
    const versions = await majorVersions(source.database.url);
    const file = path.join(dir, 'backup.dump');
    // The deployment's checkpoints (security finding 3): one before the backup, one after more requests,
    // so the backup's chains are shorter than the latest checkpoint seals them.
    const seals = path.join(dir, 'controlepunten');
    const writer = await openCheckpointWriter({ db: source.database.service.handle.db, dir: seals, key: source.auditKeys.current, clock: source.clock });
    await writer.write('periodiek');
    const backup = await script('backup.sh', [file], source.database.url);
    const TABLES = ['cases', 'case_events', 'timers', 'access_log', 'policy_versions', 'household_keys'];
    const count = async (pool: DatabaseHandle['pool'], table: string) => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;
    const backedUp = new Map<string, number | undefined>();
    for (const table of TABLES) backedUp.set(table, await count(source.database.handle.pool, table));
    for (const id of caseIds) await clientFor(source).get(`/v1/casussen/${id}`);
    expect(await writer.write('periodiek')).toBeDefined();
    await writer.close();
    if (versions.dump < versions.server) {
      // This machine cannot dump this server: the script must say so rather than fail halfway.
      expect(backup.code).toBe(2);
      expect(backup.stderr).toContain(`pg_dump ${versions.dump} kan geen server van versie ${versions.server} dumpen`);
      return;
    }
    expect(backup.code, backup.stderr).toBe(0);
    expect(await readFile(`${file}.sha256`, 'utf8')).toContain('backup.dump');

    const target = await createDatabase({ fromTemplate: false });
    let restoredHandle: DatabaseHandle | undefined;
    try {
      const restore = await script('restore.sh', [file], target.url, { AUDIT_CHECKPOINT_DIR: seals });
      expect(restore.code, restore.stderr + restore.stdout).toBe(0);
      expect(restore.stdout).toContain('Herstelcontrolepunt geschreven');
      expect(restore.stdout).toMatch(/Toegangslog in orde: \d+ regels in \d+ ketens, met de sleutel gecontroleerd; 3 controlepunten van 2 instantie\(s\), laatste herstel .*; hersteld op .* uit backup\.dump\./);
      // Without the signed restore checkpoint, the same rollback reads as a truncated log.
      const restoreFile = (await readdir(seals)).find((name) => name.startsWith('herstel_'));
      expect(restoreFile).toBeDefined();
      await rm(path.join(seals, restoreFile ?? ''));
      const unsealed = await runScript(['services/api/src/scripts/audit-verify.ts'], { DATABASE_URL: target.url, ...TEST_AUDIT_ENV, AUDIT_CHECKPOINT_DIR: seals });
      expect(unsealed.stdout).toContain('Toegangslog INGEKORT');
      expect(unsealed.code).toBe(1);

      restoredHandle = connect(target.url, { max: 2 });
      for (const table of TABLES) expect(await count(restoredHandle.pool, table), table).toBe(backedUp.get(table));
      for (const id of caseIds) expect((await verifyCaseFromEvents(restoredHandle.db, id)).matches).toBe(true);
      expect((await verifyAccessLogChains(restoredHandle.db, TEST_AUDIT_KEYRING)).broken).toEqual([]);
      await expect(restoredHandle.pool.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);

      // Restoring twice into the same database is refused: it is no longer empty.
      const again = await script('restore.sh', [file], target.url);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('niet leeg');

      // Without the timer worker: the cases were opened on the test's clock, months before the service's real today.
      const service = await startService({ DATABASE_URL: target.url, JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: 'test-matching-key-that-is-long-enough-0123456789', ...TEST_AUDIT_ENV, TIMER_WORKER: 'false' });
      try {
        // The service runs on the real clock, so its token is issued now (the test app's tokens are issued on the test's clock).
        const token = signToken(CASE_MANAGER, { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 600 });
        const read = await fetch(`${service.baseUrl}/v1/casussen/${caseIds[0]}`, { headers: { authorization: `Bearer ${token}` } });
        expect(read.status).toBe(200);
        expect(((await read.json()) as { versie: number }).versie).toBe(2);
      } finally {
        await service.stop();
      }
    } finally {
      await restoredHandle?.close();
      await target.drop();
    }
  }, 120_000);

  it('refuses a damaged backup', async () => {
    const versions = await majorVersions(source.database.url);
    const file = path.join(dir, 'damaged.dump');
    const backup = await script('backup.sh', [file], source.database.url);
    if (versions.dump < versions.server) {
      expect(backup.code).toBe(2);
      return;
    }
    expect(backup.code).toBe(0);
    const bytes = await readFile(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const target = await createDatabase({ fromTemplate: false });
    try {
      const restore = await script('restore.sh', [file], target.url);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('beschadigd');
    } finally {
      await target.drop();
    }
  });
});
