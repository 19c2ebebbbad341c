import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_FOLDER, migrateDatabase } from '@veilig-samen/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../helpers/database.js';

describe('migrations', () => {
  let empty: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    empty = await createDatabase({ fromTemplate: false });
  });
  afterAll(async () => empty.drop());

  it('two instances migrating at once both succeed and apply each migration once', async () => {
    const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(journal.entries.length).toBeGreaterThan(0);

    const results = await Promise.allSettled([migrateDatabase(empty.url), migrateDatabase(empty.url), migrateDatabase(empty.url)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    const client = new pg.Client({ connectionString: empty.url });
    await client.connect();
    try {
      const applied = await client.query<{ count: string }>('SELECT count(*) FROM drizzle.__drizzle_migrations');
      expect(Number(applied.rows[0]?.count)).toBe(journal.entries.length);
      const table = await client.query("SELECT to_regclass('public.policy_versions') AS name");
      expect(table.rows[0]).toEqual({ name: 'policy_versions' });
    } finally {
      await client.end();
    }
  });

  it('is a no-op on an up-to-date database', async () => {
    await expect(migrateDatabase(empty.url)).resolves.toBeUndefined();
  });
});
