/**
 * What someone with every right on the database can do to the access log
 * (security finding 3), written out independently of the service's code: edit
 * rows with the append-only trigger disabled, and recompute a chain's links
 * with every formula they can know. What they cannot know is the audit key.
 */
import { createHash, createHmac } from 'node:crypto';
import type pg from 'pg';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface LogRow {
  id: number;
  chain: number | null;
  key_id: string | null;
  at: Date;
  actor_sub: string;
  actor_organisation: string;
  actor_role: string;
  on_behalf_of: string | null;
  case_id: string | null;
  member_ids: string[];
  action: string;
  result: string;
  status: number;
  purpose: string;
  break_glass: boolean;
  request_id: string;
  prev_hash: string;
  hash: string;
}

const contentOf = (row: LogRow) => [
  row.at.toISOString(), row.actor_sub, row.actor_organisation, row.actor_role, row.on_behalf_of, row.case_id,
  row.member_ids, row.action, row.result, row.status, row.purpose, row.break_glass, row.request_id,
];

/** How a link is recomputed: the row's new hash (and key id) from its predecessor's hash. */
export type Link = (prevHash: string, row: LogRow) => { hash: string; keyId: string | null };

/** The link of migration 0013, public in the code: sha256(prev || sha256(content)). */
export const plainLink = (keyId: 'keep' | 'none'): Link => (prev, row) => ({
  hash: sha256(prev + sha256(JSON.stringify([row.chain, ...contentOf(row)]))),
  keyId: keyId === 'keep' ? row.key_id : null,
});

/** An HMAC link with a key the attacker chose (not the service's). */
export const keyedLink = (keyId: string, secret: string): Link => (prev, row) => ({
  hash: sha256(prev + createHmac('sha256', secret).update(JSON.stringify([keyId, row.chain, ...contentOf(row)])).digest('hex')),
  keyId,
});

export async function chainRows(pool: pg.Pool, chain: number): Promise<LogRow[]> {
  return (await pool.query<LogRow>('SELECT * FROM access_log WHERE chain = $1 ORDER BY id', [chain])).rows;
}

/** The chain with the most rows (the attacks need a few). */
export async function longestChain(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ chain: number }>('SELECT chain FROM access_log WHERE chain IS NOT NULL GROUP BY chain ORDER BY count(*) DESC, chain LIMIT 1');
  if (!rows[0]) throw new Error('no access-log rows');
  return rows[0].chain;
}

/** Runs `work` with the access log's triggers disabled, as a superuser or the table's owner can. */
export async function withoutTriggers(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE access_log DISABLE TRIGGER USER');
    await work(client);
    await client.query('ALTER TABLE access_log ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Applies `edit` to one row, then relinks it and every later row of its chain with `link`. */
export async function editAndRecompute(pool: pg.Pool, rowId: number, edit: string, link: Link): Promise<void> {
  await withoutTriggers(pool, async (client) => {
    await client.query(`UPDATE access_log SET ${edit} WHERE id = $1`, [rowId]);
    const { rows: [target] } = await client.query<LogRow>('SELECT * FROM access_log WHERE id = $1', [rowId]);
    if (target === undefined || target.chain === null) throw new Error('row without a chain');
    const rows = (await client.query<LogRow>('SELECT * FROM access_log WHERE chain = $1 AND id >= $2 ORDER BY id', [target.chain, rowId])).rows;
    let prev = target.prev_hash;
    for (const row of rows) {
      const next = link(prev, row);
      await client.query('UPDATE access_log SET prev_hash = $2, hash = $3, key_id = $4 WHERE id = $1', [row.id, prev, next.hash, next.keyId]);
      prev = next.hash;
    }
  });
}

/** Removes the last `count` rows of a chain. */
export async function truncateChain(pool: pg.Pool, chain: number, count: number): Promise<number[]> {
  const ids = (await chainRows(pool, chain)).slice(-count).map((r) => r.id);
  await withoutTriggers(pool, async (client) => void (await client.query('DELETE FROM access_log WHERE id = ANY($1)', [ids])));
  return ids;
}
