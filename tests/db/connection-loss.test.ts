/**
 * A database restart drops connections the service has checked out between
 * two queries (inside a transaction). pg then emits 'error' on that client,
 * where the pool's listener is not; without a listener of its own the
 * process crashed (tests/process/database-restart.test.ts failed about half
 * the time with ECONNRESET from a dead service).
 */
import { connect } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('a checked-out connection that the database drops', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('does not crash the process; the pool drops the client and the next query works', async () => {
    const handle = connect(database.url, { max: 1 });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await handle.pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Between two queries, as inside a transaction: the server ends the connection.
      await database.handle.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(uncaught).toEqual([]);
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      expect((await handle.pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await handle.close();
    }
  });
});
