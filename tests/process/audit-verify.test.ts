/**
 * Security finding 3: the access log could be rewritten by the database
 * owner, and losing its tail went unnoticed. Here the service runs as a
 * process the way docs/operations.md sets it up (migrations as the owner, the
 * service as its own role, AUDIT_KEY, checkpoints in a folder of their own),
 * then someone with every right on the database attacks the log, and
 * `pnpm audit:verify` must report each attack with exit code 1:
 *   - a row edited and its chain recomputed (with every formula but the key);
 *   - rows removed from the end of a chain;
 *   - a checkpoint removed (a gap, or rows left unsealed) or forged.
 * Each attack works on its own copy of the database and of the checkpoints.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signToken } from '@veilig-samen/api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUDIT_ENV, TEST_JWT_SECRET } from '../helpers/app.js';
import { household } from '../helpers/client.js';
import { createDatabase, createServiceRole, type ServiceRole } from '../helpers/database.js';
import { runScript, startService, type RunningService } from '../helpers/process.js';
import { chainRows, editAndRecompute, longestChain, plainLink, truncateChain } from '../helpers/tamper.js';
import { databaseUrl } from '../helpers/urls.js';

type Database = Awaited<ReturnType<typeof createDatabase>>;

const token = signToken(
  { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen', gemeenten: ['Nijmegen'] },
  { secret: TEST_JWT_SECRET, issuer: 'veilig-samen', audience: 'veilig-samen-api', expiresInSeconds: 600 },
);
const INTERVAL_MS = 1_000;

describe('security finding 3: the access log against its database owner (pnpm audit:verify)', () => {
  let original: Database;
  let role: ServiceRole;
  let checkpoints: string;
  let service: RunningService;
  let output = '';
  const copies: Database[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    original = await createDatabase();
    role = await createServiceRole(original);
    checkpoints = await mkdtemp(path.join(tmpdir(), 'veilig-samen-controlepunten-'));
    service = await startService({
      DATABASE_URL: role.url,
      DATABASE_MIGRATION_URL: original.url,
      JWT_SECRET: TEST_JWT_SECRET,
      MATCHING_KEY: TEST_JWT_SECRET,
      ...TEST_AUDIT_ENV,
      AUDIT_CHECKPOINT_DIR: checkpoints,
      AUDIT_CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS),
      TIMER_WORKER: 'false',
    });
    const call = (url: string, init: RequestInit = {}) =>
      fetch(`${service.baseUrl}${url}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    for (let i = 0; i < 3; i++) {
      const created = await call('/v1/casussen', { method: 'POST', body: JSON.stringify(household) });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      for (let j = 0; j < 3; j++) expect((await call(`/v1/casussen/${id}`)).status).toBe(200);
    }
    // A periodic checkpoint after the last request, then the one at shutdown.
    await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL_MS));
    expect(await service.stop('SIGTERM')).toBe(0);
    output = service.output();
  }, 120_000);

  afterAll(async () => {
    for (const copy of copies) await copy.drop();
    await original?.drop();
    await role?.drop();
    for (const folder of [checkpoints, ...folders]) if (folder) await rm(folder, { recursive: true, force: true });
  });

  /** A copy of the database after the service stopped, and of its checkpoints, for one attack. */
  async function copy(): Promise<{ db: Database; pool: pg.Pool; dir: string }> {
    const name = `${original.name}_k${copies.length}`;
    const admin = new pg.Client({ connectionString: original.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(original.name)}`);
    } finally {
      await admin.end();
    }
    const url = databaseUrl(original.url, name);
    const db: Database = {
      url,
      name,
      drop: async () => {
        await pool.end();
        const client = new pg.Client({ connectionString: original.url });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    };
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    copies.push(db);
    const dir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-controlepunten-'));
    folders.push(dir);
    await cp(checkpoints, dir, { recursive: true });
    return { db, pool, dir };
  }

  const verify = (url: string, dir: string, env: Record<string, string> = {}) =>
    runScript(['services/api/src/scripts/audit-verify.ts'], { DATABASE_URL: url, ...TEST_AUDIT_ENV, AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS), ...env });

  const checkpointFile = async (dir: string) => {
    const [file] = await readdir(dir);
    if (!file) throw new Error('no checkpoint file');
    return path.join(dir, file);
  };

  it('the service ran as its own role, sealed the chains periodically and at shutdown, and logged each checkpoint', async () => {
    expect(output).not.toContain('owner rights');
    const lines = (await readFile(await checkpointFile(checkpoints), 'utf8')).trim().split('\n');
    const kinds = lines.map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds.at(-1)).toBe('afsluiting');
    expect(kinds.filter((k) => k === 'periodiek').length).toBeGreaterThanOrEqual(2);
    // For log shipping: the same signed content in the service's log.
    const logged = output
      .split('\n')
      .filter((line) => line.includes('"controlepunt"'))
      .map((line) => JSON.stringify((JSON.parse(line) as { controlepunt: unknown }).controlepunt));
    expect(logged).toEqual(lines);
  });

  it('in order: exit code 0', async () => {
    const result = await verify(original.url, checkpoints);
    expect(result.stdout).toMatch(/Toegangslog in orde: \d+ regels in \d+ ketens, met de sleutel gecontroleerd; \d+ controlepunten van 1 instantie\(s\), laatste afsluiting/);
    expect(result.code).toBe(0);
  });

  it('an edited row whose chain the superuser recomputed is reported', async () => {
    const { db, pool, dir } = await copy();
    const chain = await longestChain(pool);
    const victim = (await chainRows(pool, chain))[1];
    if (!victim) throw new Error('too few rows');
    await editAndRecompute(pool, victim.id, "actor_sub = 'iemand-anders'", plainLink('keep'));
    const result = await verify(db.url, dir);
    expect(result.stdout).toContain(`Toegangslog GEBROKEN in keten ${chain} bij regel ${victim.id}: inhoud klopt niet met de hash`);
    expect(result.code).toBe(1);
  });

  it('a chain rewritten from its first row without any key (posing as rows from before the key) is reported', async () => {
    const { db, pool, dir } = await copy();
    const chain = await longestChain(pool);
    const rows = await chainRows(pool, chain);
    await editAndRecompute(pool, rows[0]?.id ?? 0, "actor_sub = 'iemand-anders'", plainLink('none'));
    const result = await verify(db.url, dir);
    // The links hold as unkeyed rows, but the sealed head does not.
    expect(result.stdout).toContain(`Toegangslog HERSCHREVEN: regel ${rows.at(-1)?.id} van keten ${chain} heeft een andere hash dan het controlepunt`);
    expect(result.code).toBe(1);
  });

  it('rows added without the key after the last checkpoint (in a chain not used yet) are reported', async () => {
    const { db, pool, dir } = await copy();
    const used = new Set((await pool.query<{ chain: number }>('SELECT DISTINCT chain FROM access_log')).rows.map((r) => r.chain));
    const chain = [...Array(16).keys()].find((c) => !used.has(c));
    if (chain === undefined) throw new Error('every chain is in use');
    // A forged read of a case, linked with the public formula of migration 0013 (no key).
    const forged = { at: new Date(Date.now() - 60_000), actor_sub: 'mw-007', case_id: null, request_id: 'vervalst-1' };
    const content = [forged.at.toISOString(), forged.actor_sub, 'Wijkteam', 'lokaal-team', null, null, [], 'GET /v1/casussen/:id', 'toegestaan', 200, 'regie', false, forged.request_id];
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const hash = sha(`genesis-${chain}` + sha(JSON.stringify([chain, ...content])));
    await pool.query(
      `INSERT INTO access_log (chain, at, actor_sub, actor_organisation, actor_role, member_ids, action, result, status, purpose, break_glass, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, 'Wijkteam', 'lokaal-team', '[]', 'GET /v1/casussen/:id', 'toegestaan', 200, 'regie', false, $4, $5, $6)`,
      [chain, forged.at, forged.actor_sub, forged.request_id, `genesis-${chain}`, hash],
    );
    const result = await verify(db.url, dir);
    expect(result.stdout).toContain(`keten ${chain} heeft regels zonder sleutel na het laatste controlepunt`);
    expect(result.code).toBe(1);
  });

  it.each([1, 3])('the last %i row(s) of a chain removed by the superuser are reported as a truncated tail', async (count) => {
    const { db, pool, dir } = await copy();
    const chain = await longestChain(pool);
    const rows = await chainRows(pool, chain);
    await truncateChain(pool, chain, count);
    const result = await verify(db.url, dir);
    const last = rows.at(-1 - count)?.id ?? 'geen';
    expect(result.stdout).toContain(`Toegangslog INGEKORT: keten ${chain} eindigt bij regel ${last}, maar het controlepunt (`);
    expect(result.stdout).toContain(`verzegelde hem tot regel ${rows.at(-1)?.id}`);
    expect(result.code).toBe(1);
  });

  it('a whole chain removed is reported', async () => {
    const { db, pool, dir } = await copy();
    const chain = await longestChain(pool);
    await truncateChain(pool, chain, (await chainRows(pool, chain)).length);
    const result = await verify(db.url, dir);
    expect(result.stdout).toContain(`Toegangslog INGEKORT: keten ${chain} eindigt bij regel geen`);
    expect(result.code).toBe(1);
  });

  it('a checkpoint removed from the middle of an instance\'s file is reported', async () => {
    const { db, dir } = await copy();
    const file = await checkpointFile(dir);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    await writeFile(file, [...lines.slice(0, 1), ...lines.slice(2)].map((l) => `${l}\n`).join(''));
    const result = await verify(db.url, dir);
    expect(result.stdout).toContain(`Controlepunt ONTBREEKT in ${path.basename(file)}: na nummer 1 komt nummer 3`);
    expect(result.code).toBe(1);
  });

  it('the last checkpoints removed, or all of them, are reported: rows that no checkpoint seals', async () => {
    const { db, dir } = await copy();
    const file = await checkpointFile(dir);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    // Only the first checkpoint (at start, before any request) is left: every row is older than two intervals and sealed by none.
    await writeFile(file, `${lines[0]}\n`);
    const kept = await verify(db.url, dir);
    expect(kept.stdout).toMatch(/Controlepunt ONTBREEKT: \d+ regel\(s\) van keten \d+ van .* en later zijn door geen controlepunt verzegeld/);
    expect(kept.code).toBe(1);
    // No checkpoint at all.
    await rm(file);
    const none = await verify(db.url, dir);
    expect(none.stdout).toContain(`er staan geen controlepunten in ${dir}`);
    expect(none.code).toBe(1);
  });

  it('a forged checkpoint (a head moved back to hide a truncation) is reported', async () => {
    const { db, pool, dir } = await copy();
    const chain = await longestChain(pool);
    const rows = await chainRows(pool, chain);
    await truncateChain(pool, chain, 1);
    const file = await checkpointFile(dir);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}') as { heads: { chain: number; seq: number; hash: string }[] };
    last.heads = last.heads.map((h) => (h.chain === chain ? { chain, seq: rows.at(-2)?.id ?? 0, hash: rows.at(-2)?.hash ?? '' } : h));
    await writeFile(file, [...lines.slice(0, -1), JSON.stringify(last)].map((l) => `${l}\n`).join(''));
    const result = await verify(db.url, dir);
    expect(result.stdout).toMatch(/Controlepunt VERVALST in .* regel \d+: de handtekening klopt niet/);
    expect(result.code).toBe(1);
  });

  it('after rotating the key, rows and checkpoints of the old one verify only with it in AUDIT_KEYS_OLD', async () => {
    const rotated = { AUDIT_KEY: 'a-new-audit-key-that-is-long-enough-0123456789', AUDIT_KEY_ID: 'test-2' };
    const withOld = await verify(original.url, checkpoints, { ...rotated, AUDIT_KEYS_OLD: `${TEST_AUDIT_ENV.AUDIT_KEY_ID}:${TEST_AUDIT_ENV.AUDIT_KEY}` });
    expect(withOld.code).toBe(0);
    const withoutOld = await verify(original.url, checkpoints, rotated);
    expect(withoutOld.stdout).toContain('gemaakt met sleutel test-1, die niet bekend is');
    expect(withoutOld.code).toBe(1);
  });

  it('refuses to run without the key (exit code 2)', async () => {
    const result = await runScript(['services/api/src/scripts/audit-verify.ts'], { DATABASE_URL: original.url, AUDIT_CHECKPOINT_DIR: checkpoints });
    expect(result.stderr).toContain('AUDIT_KEY ontbreekt');
    expect(result.code).toBe(2);
  });
});

describe('security finding 3: the service refuses to start', () => {
  it('without the audit key outside demo mode, or without a writable checkpoint folder', async () => {
    const database = await createDatabase();
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'veilig-samen-')), 'geen-map');
    try {
      await writeFile(file, 'een bestand, geen map');
      const base = { DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, MATCHING_KEY: TEST_JWT_SECRET };
      const noKey = await runScript(['services/api/src/main.ts'], base);
      expect(noKey.stderr).toContain('AUDIT_KEY ontbreekt');
      expect(noKey.code).toBe(2);
      const noFolder = await runScript(['services/api/src/main.ts'], { ...base, ...TEST_AUDIT_ENV, AUDIT_CHECKPOINT_DIR: file });
      expect(noFolder.stderr).toContain('De controlepunten van het toegangslog kunnen niet geschreven worden');
      expect(noFolder.code).toBe(1);
    } finally {
      await database.drop();
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  }, 60_000);
});
