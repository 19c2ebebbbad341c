/**
 * The hot statements are named (packages/db/src/statements.ts): node-postgres
 * parses each once per connection and remembers that it did. These tests hold
 * that bookkeeping against the server's: a connection the database dropped is
 * replaced by one that parses again, and a statement that could not be
 * parsed (its transaction had already failed) is parsed on its next use.
 */
import { appendAccessLogs, connect } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEntry, TEST_AUDIT_KEY } from '../helpers/access-log-entries.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const KEY = TEST_AUDIT_KEY;
const CASE = '6f1c1b0e-6d7e-4a53-9d1e-0d6f5a1b2c09';
const entry = (requestId: string) => logEntry(requestId, CASE, ['lid-1']);

describe('named statements', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  const written = async (requestId: string) =>
    (await database.handle.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM access_log WHERE request_id = $1', [requestId])).rows[0]?.n;

  it('are prepared on the connection once, and prepared again on the connection that replaces one the database dropped', async () => {
    // One connection, as the service's run as its own role: the statement's preparation is seen on it.
    const handle = connect(database.service.url, { max: 1 });
    try {
      await appendAccessLogs(handle.db, KEY, [entry('named-1')]);
      await appendAccessLogs(handle.db, KEY, [entry('named-2'), entry('named-3')]);
      const prepared = await handle.pool.query<{ name: string; pid: number }>(
        "SELECT name, pg_backend_pid() AS pid FROM pg_prepared_statements WHERE name = 'access_log_append_rows'",
      );
      // Prepared once for both appends, whatever their number of rows: the text is fixed.
      expect(prepared.rows.map((r) => r.name)).toEqual(['access_log_append_rows']);

      // The database ends the connection (a restart, an operator): the statement dies with it.
      await database.handle.pool.query('SELECT pg_terminate_backend($1)', [prepared.rows[0]?.pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The next query on the dead connection fails and the pool drops it, as any query would.
      await handle.pool.query('SELECT 1').catch(() => undefined);
      await appendAccessLogs(handle.db, KEY, [entry('named-4')]);
      const again = await handle.pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid FROM pg_prepared_statements WHERE name = 'access_log_append_rows'");
      expect(again.rows).toHaveLength(1);
      expect(again.rows[0]?.pid).not.toBe(prepared.rows[0]?.pid);
      for (const id of ['named-1', 'named-2', 'named-3', 'named-4']) expect(await written(id), id).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('a statement first sent in a failed transaction is prepared on its next use, and one prepared in a rolled-back transaction stays usable', async () => {
    const handle = connect(database.service.url, { max: 1 });
    try {
      // First use inside a transaction that has already failed: the server refuses the parse; nothing is remembered.
      await expect(
        handle.db.transaction(async (tx) => {
          await tx.execute('SELECT 1/0').catch(() => undefined);
          await appendAccessLogs(tx, KEY, [entry('aborted-1')]);
        }),
      ).rejects.toThrow();
      // Prepared inside a transaction that then rolls back: prepared statements are not transactional, the row is.
      await expect(
        handle.db.transaction(async (tx) => {
          await appendAccessLogs(tx, KEY, [entry('rolled-back-1')]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await appendAccessLogs(handle.db, KEY, [entry('after-1')]);
      expect(await written('aborted-1')).toBe(0);
      expect(await written('rolled-back-1')).toBe(0);
      expect(await written('after-1')).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
