/**
 * Group commit of the access log's read rows (issue 15): the rows of answers
 * that arrive while a statement is on its way go together in the next one,
 * each caller resolves only once its own rows are committed, and a row that
 * cannot be written fails only its own caller.
 */
import { AccessLogWriter, verifyAccessLogChains, type Executor } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEntry, TEST_AUDIT_KEY } from '../helpers/access-log-entries.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const CASES = ['6f1c1b0e-6d7e-4a53-9d1e-0d6f5a1b2c01', '6f1c1b0e-6d7e-4a53-9d1e-0d6f5a1b2c02', '6f1c1b0e-6d7e-4a53-9d1e-0d6f5a1b2c03'];
const KEY = TEST_AUDIT_KEY;
const entry = (requestId: string, caseId: string | null = null) => logEntry(requestId, caseId);

describe('AccessLogWriter (group commit of read rows)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  /**
   * The real database, with a count of the statements sent through it: the
   * append is a named statement (packages/db/src/statements.ts), which goes
   * through the session's prepareQuery, and any other query through execute.
   */
  function counted() {
    const db = database.handle.db;
    let statements = 0;
    const session = new Proxy(db._.session, {
      get(target, property, receiver) {
        if (property === 'prepareQuery') {
          return (...args: Parameters<typeof target.prepareQuery>) => {
            statements += 1;
            return target.prepareQuery(...args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const executor = new Proxy(db, {
      get(target, property, receiver) {
        if (property === '_') return { ...target._, session };
        if (property === 'execute') {
          return (...args: Parameters<typeof db.execute>) => {
            statements += 1;
            return target.execute(...args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    }) as Executor;
    return { executor, statements: () => statements };
  }

  it('writes the rows of concurrent callers in fewer statements, and each caller resolves after its rows are committed', async () => {
    const { executor, statements } = counted();
    const writer = new AccessLogWriter(executor, KEY);
    const ids = Array.from({ length: 60 }, (_, i) => `batch-${i}`);
    await Promise.all(
      ids.map(async (id, i) => {
        await writer.append([entry(id, CASES[i % CASES.length] ?? null)]);
        // Committed by the time the caller goes on: another connection sees it.
        const seen = await database.handle.pool.query('SELECT 1 FROM access_log WHERE request_id = $1', [id]);
        expect(seen.rowCount, id).toBe(1);
      }),
    );
    expect(statements()).toBeLessThan(ids.length / 2);
    expect(statements()).toBeGreaterThanOrEqual(1);
    const rows = await database.handle.pool.query("SELECT count(*)::int AS n FROM access_log WHERE request_id LIKE 'batch-%'");
    expect(rows.rows[0].n).toBe(ids.length);
  });

  it('a caller alone is written at once, in one statement', async () => {
    const { executor, statements } = counted();
    const writer = new AccessLogWriter(executor, KEY);
    await writer.append([entry('alone-1', CASES[0])]);
    expect(statements()).toBe(1);
  });

  it('a row that cannot be written fails only its own caller; the others of its batch are committed', async () => {
    const writer = new AccessLogWriter(database.handle.db, KEY);
    const bad = { ...entry('bad-1'), caseId: 'not-a-uuid' };
    const results = await Promise.allSettled([
      writer.append([entry('good-1', CASES[1])]),
      writer.append([entry('good-2', CASES[2])]),
      writer.append([bad]),
      writer.append([entry('good-3', CASES[0]), entry('good-4', CASES[1])]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await database.handle.pool.query("SELECT request_id FROM access_log WHERE request_id LIKE 'good-%' OR request_id LIKE 'bad-%' ORDER BY request_id");
    expect(rows.rows.map((r) => r.request_id)).toEqual(['good-1', 'good-2', 'good-3', 'good-4']);
  });

  it('the chains still verify after batched appends', async () => {
    const result = await verifyAccessLogChains(database.handle.db, new Map([[KEY.id, KEY.secret]]));
    expect(result.broken).toEqual([]);
    expect(result.checked).toBe(65);
  });
});
