/**
 * Security finding 3, second part: the access log's chains are keyed. As a
 * superuser, editing a row and recomputing the chain made the check report
 * "in orde"; now each row's link covers an HMAC made with the audit key, which
 * the database never holds, so no recomputation without the key verifies.
 */
import { createHash, randomUUID } from 'node:crypto';
import { accessLogChain, appendAccessLog, verifyAccessLogChains, type AccessLogEntry } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_AUDIT_ENV, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist } from '../helpers/client.js';
import { chainRows, editAndRecompute, keyedLink, longestChain, plainLink, withoutTriggers } from '../helpers/tamper.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('security finding 3: a chain recomputed by the database owner', () => {
  let t: TestApp;
  let chain: number;

  beforeAll(async () => {
    t = await createTestApp();
    const mw = clientFor(t);
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    for (let i = 0; i < 4; i++) await mw.get(`/v1/casussen/${id}`);
    await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(4));
    chain = await longestChain(t.database.handle.pool);
  });
  afterAll(async () => t.close());

  const verify = () => verifyAccessLogChains(t.database.handle.db, t.auditKeys.keyring);
  /** Each attack on a copy of the rows as they were: undone afterwards. */
  const attack = async (work: () => Promise<void>) => {
    const before = await chainRows(t.database.handle.pool, chain);
    try {
      await work();
      return await verify();
    } finally {
      await withoutTriggers(t.database.handle.pool, async (client) => {
        for (const row of before) {
          await client.query('UPDATE access_log SET actor_sub = $2, prev_hash = $3, hash = $4, key_id = $5 WHERE id = $1', [row.id, row.actor_sub, row.prev_hash, row.hash, row.key_id]);
        }
      });
    }
  };

  it('the service writes every row with the key id and the chain verifies with the key only', async () => {
    const rows = await chainRows(t.database.handle.pool, chain);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((r) => r.key_id))).toEqual(new Set([TEST_AUDIT_ENV.AUDIT_KEY_ID]));
    expect((await verify()).broken).toEqual([]);
    // Without the key nothing verifies: the check names the unknown key.
    const withoutKey = await verifyAccessLogChains(t.database.handle.db, new Map());
    expect(withoutKey.broken[0]?.reason).toMatch(/sleutel test-1, die niet bekend is/);
  });

  it.each([
    ['the public formula of migration 0013, key id kept', plainLink('keep')],
    ['the public formula, posing as rows from before the key (key id removed)', plainLink('none')],
    ['an HMAC with a key of the attacker, under the real key id', keyedLink(TEST_AUDIT_ENV.AUDIT_KEY_ID, 'een-zelfgekozen-sleutel-van-de-aanvaller-0123')],
    ['an HMAC with a key of the attacker, under a new key id', keyedLink('aanvaller-1', 'een-zelfgekozen-sleutel-van-de-aanvaller-0123')],
  ])('an edited row with its chain recomputed (%s) is reported at that row', async (_name, link) => {
    const rows = await chainRows(t.database.handle.pool, chain);
    const victim = rows[2];
    if (!victim) throw new Error('too few rows');
    const result = await attack(() => editAndRecompute(t.database.handle.pool, victim.id, "actor_sub = 'iemand-anders'", link));
    expect(result.broken).toEqual([{ chain, id: victim.id, reason: expect.stringMatching(/gewijzigd|zonder sleutel|niet bekend/) }]);
  });

  it('an unchanged row relinked without the key is reported too (e.g. after removing the row before it)', async () => {
    const rows = await chainRows(t.database.handle.pool, chain);
    const victim = rows[3];
    if (!victim) throw new Error('too few rows');
    const result = await attack(() => editAndRecompute(t.database.handle.pool, victim.id, 'actor_sub = actor_sub', plainLink('keep')));
    expect(result.broken.map((b) => b.id)).toEqual([victim.id]);
  });

  it('rotation: rows made with an older key verify while that key is in the keyring, and are reported when it is not', async () => {
    const older = { id: 'test-0', secret: 'an-older-audit-key-that-is-long-enough-0123456789' };
    const entry: AccessLogEntry = {
      at: t.clock.now(), actorSub: 'mw-001', actorOrganisation: 'Wijkteam', actorRole: 'lokaal-team', onBehalfOf: null, caseId: randomUUID(),
      memberIds: [], action: 'GET /v1/casussen/:id', result: 'toegestaan', status: 200, purpose: 'regie', breakGlass: false, requestId: 'rotatie-1',
    };
    await appendAccessLog(t.database.service.handle.db, older, entry);
    await appendAccessLog(t.database.service.handle.db, t.auditKeys.current, { ...entry, requestId: 'rotatie-2' });
    const keyring = new Map([...t.auditKeys.keyring, [older.id, older.secret]]);
    expect((await verifyAccessLogChains(t.database.handle.db, keyring)).broken).toEqual([]);
    const { broken } = await verify();
    expect(broken).toHaveLength(1);
    expect(broken[0]?.reason).toMatch(/sleutel test-0, die niet bekend is \(zet hem in AUDIT_KEYS_OLD\)/);
  });
});

describe('security finding 3: chains written before the key', () => {
  it('rows from between migrations 0013 and 0015 (no key) still verify as the start of their chain, followed by keyed rows', async () => {
    const t = await createTestApp();
    try {
      const chain = 5;
      let caseId = randomUUID();
      while (accessLogChain({ caseId, actorSub: 'x' }) !== chain) caseId = randomUUID();
      const entry = (requestId: string) => ({
        at: t.clock.now(), actorSub: 'mw-001', actorOrganisation: 'Wijkteam', actorRole: 'lokaal-team', onBehalfOf: null, caseId,
        memberIds: [], action: 'GET /v1/casussen/:id', result: 'toegestaan' as const, status: 200, purpose: 'regie', breakGlass: false, requestId,
      });
      // As the release before 0015 wrote them: the link over a plain hash of the content (written out independently).
      let prev = `genesis-${chain}`;
      for (const requestId of ['oud-1', 'oud-2']) {
        const e = entry(requestId);
        const content = [e.at.toISOString(), e.actorSub, e.actorOrganisation, e.actorRole, null, caseId, [], e.action, e.result, e.status, e.purpose, false, requestId];
        const hash = sha256(prev + sha256(JSON.stringify([chain, ...content])));
        await t.database.handle.pool.query(
          `INSERT INTO access_log (chain, at, actor_sub, actor_organisation, actor_role, on_behalf_of, case_id, member_ids, action, result, status, purpose, break_glass, request_id, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, NULL, $6, '[]', $7, $8, $9, $10, false, $11, $12, $13)`,
          [chain, e.at, e.actorSub, e.actorOrganisation, e.actorRole, caseId, e.action, e.result, e.status, e.purpose, requestId, prev, hash],
        );
        prev = hash;
      }
      await appendAccessLog(t.database.service.handle.db, t.auditKeys.current, entry('nieuw-1'));
      const result = await verifyAccessLogChains(t.database.handle.db, t.auditKeys.keyring);
      expect(result.broken).toEqual([]);
      expect(result.ends).toEqual([{ chain, id: expect.any(Number), hash: expect.any(String), rows: 3, lastUnkeyedId: expect.any(Number) }]);
    } finally {
      await t.close();
    }
  });
});
