import { claimIdempotencyKey, completeIdempotencyKey } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('idempotency keys', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('a request that died is taken over after the stale period, and then cannot complete any more', async () => {
    const db = database.handle.db;
    const base = { clientId: 'vt', key: 'k-1', requestHash: 'h', expiresAt: new Date('2026-01-02T00:00:00Z'), staleAfterMs: 60_000 };
    const first = await claimIdempotencyKey(db, { ...base, now: new Date('2026-01-01T10:00:00Z') });
    expect(first.state).toBe('new');
    expect((await claimIdempotencyKey(db, { ...base, now: new Date('2026-01-01T10:00:30Z') })).state).toBe('in-flight');
    const second = await claimIdempotencyKey(db, { ...base, now: new Date('2026-01-01T10:02:00Z') });
    expect(second.state).toBe('new');
    if (first.state !== 'new' || second.state !== 'new') throw new Error('unexpected');
    const response = { status: 201, body: { ok: true }, headers: {} };
    // The slow first request finishes late: it no longer owns the key.
    expect(await completeIdempotencyKey(db, 'vt', 'k-1', first.claimedAt, response)).toBe(false);
    expect(await completeIdempotencyKey(db, 'vt', 'k-1', second.claimedAt, response)).toBe(true);
    const replay = await claimIdempotencyKey(db, { ...base, now: new Date('2026-01-01T10:03:00Z') });
    expect(replay.state).toBe('replay');
    expect((await claimIdempotencyKey(db, { ...base, requestHash: 'other', now: new Date('2026-01-01T10:03:00Z') })).state).toBe('mismatch');
  });
});
