/**
 * The access log's hash chains. Rows link into one of ACCESS_LOG_CHAINS
 * chains, chosen by case (or, without a case, by actor), so one case's trail
 * is one chain and writes to different cases do not wait for one lock.
 * Appending is one statement (access_log_append, migrations 0013 and 0015)
 * that takes the chain's transaction-scoped lock, reads the chain's tail and
 * inserts the linked row; inside a transaction the lock is held until commit,
 * so callers append as the last step.
 *
 * The chains are keyed (security finding 3): the service sends an HMAC of the
 * row's content made with the audit key, which the database never holds, and
 * the database links it: hash = sha256(prev_hash || HMAC). Someone with every
 * right on the database can still change a row, but cannot make the HMAC of
 * the changed row, so the chain no longer verifies, however it is recomputed.
 * What the chains cannot show by themselves (rows removed from the end) the
 * signed checkpoints outside the database show.
 */
import { createHash, createHmac } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lt, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { accessLog } from '../schema.js';
import type { Executor } from '../executor.js';
import { namedStatement, runStatement } from '../statements.js';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type AccessLogEntry = Omit<typeof accessLog.$inferInsert, 'id' | 'prevHash' | 'hash' | 'chain'>;

export const ACCESS_LOG_CHAINS = 16;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key the service makes the rows' HMACs with; its id is stored with each row, so keys can rotate. */
export interface AuditKey {
  readonly id: string;
  readonly secret: string;
}

/** Every key that may have made rows still in the log, by id (the current one and older ones). */
export type AuditKeyring = ReadonlyMap<string, string>;

/** The chain a row belongs to: stable per case, else per actor. */
export function accessLogChain(entry: Pick<AccessLogEntry, 'caseId' | 'actorSub'>): number {
  return createHash('sha256').update(entry.caseId ?? entry.actorSub).digest().readUInt16BE(0) % ACCESS_LOG_CHAINS;
}

/** What a row's hash covers besides its link. */
function contentOf(entry: AccessLogEntry): unknown[] {
  return [
    entry.at.toISOString(),
    entry.actorSub,
    entry.actorOrganisation,
    entry.actorRole,
    entry.onBehalfOf ?? null,
    entry.caseId ?? null,
    entry.memberIds,
    entry.action,
    entry.result,
    entry.status,
    entry.purpose,
    entry.breakGlass ?? false,
    entry.requestId,
  ];
}

/**
 * The keyed HMAC of a row: every content column, its chain and the key's id.
 * The database links it (sha256(prev_hash || HMAC)) and never sees the key.
 */
export function accessLogMac(key: AuditKey, chain: number, entry: AccessLogEntry): string {
  return createHmac('sha256', key.secret).update(JSON.stringify([key.id, chain, ...contentOf(entry)])).digest('hex');
}

/** Rows written between migrations 0013 and 0015: linked like keyed rows, but over a plain hash of the content. */
function unkeyedContentHash(chain: number, entry: AccessLogEntry): string {
  return sha256(JSON.stringify([chain, ...contentOf(entry)]));
}

/** Rows written before migration 0013 form one chain (chain NULL), hashed with the link inside the content. */
function legacyAccessLogHash(prevHash: string, entry: AccessLogEntry): string {
  return sha256(JSON.stringify([prevHash, ...contentOf(entry)]));
}

/**
 * Appends one row: inside the caller's transaction when given one (as its
 * last step), else as a statement of its own (reads and refusals). One round
 * trip: the HMAC is made here and sent as a parameter.
 */
export async function appendAccessLog(db: Executor, key: AuditKey, entry: AccessLogEntry): Promise<void> {
  await appendAccessLogs(db, key, [entry]);
}

/**
 * Appends several rows in one statement (a list or a meeting shows several
 * cases: one row per case). access_log_append runs once per row, in the order
 * of the rows (a VOLATILE function sees the rows the earlier calls inserted,
 * so rows of one chain link in order; with ORDER BY, PostgreSQL evaluates a
 * volatile function of the select list after the sort). The rows are sorted
 * by chain, so every statement takes its chain locks in ascending order and
 * two of them never wait for each other's locks in a cycle. Each row's HMAC
 * is made here with the audit key (security finding 3) and sent as a
 * parameter. One named statement with fixed text, however many rows
 * (statements.ts).
 */
export async function appendAccessLogs(db: Executor, key: AuditKey, entries: readonly AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await runStatement(db, APPEND_ROWS, [accessLogRows(key, entries)]);
}

/** Rows for the access log and the key their HMACs are made with: what a write appends in its own statement. */
export interface AccessLogBatch {
  readonly key: AuditKey;
  readonly entries: readonly AccessLogEntry[];
}

/**
 * The rows as the append statement takes them: one jsonb array, sorted by
 * chain (then in the caller's order), each row with its chain and HMAC.
 */
export function accessLogRows(key: AuditKey, entries: readonly AccessLogEntry[]): string {
  const rows = entries
    .map((entry, index) => ({ entry, index, chain: accessLogChain(entry) }))
    .sort((a, b) => a.chain - b.chain || a.index - b.index)
    .map(({ entry, chain }) => ({
      chain,
      key_id: key.id,
      mac: accessLogMac(key, chain, entry),
      at: entry.at.toISOString(),
      actor_sub: entry.actorSub,
      actor_organisation: entry.actorOrganisation,
      actor_role: entry.actorRole,
      on_behalf_of: entry.onBehalfOf ?? null,
      case_id: entry.caseId ?? null,
      member_ids: entry.memberIds,
      action: entry.action,
      result: entry.result,
      status: entry.status,
      purpose: entry.purpose,
      break_glass: entry.breakGlass ?? false,
      request_id: entry.requestId,
    }));
  return JSON.stringify(rows);
}

/**
 * The SELECT that appends the rows of accessLogRows given as parameter
 * `param` (an empty array appends nothing): alone (appendAccessLogs), or as a
 * CTE of a case write's one statement (case-writes.ts).
 */
export function accessLogAppendSql(param: string): string {
  return `SELECT access_log_append(
      v.chain, v.key_id, v.mac, v.at, v.actor_sub, v.actor_organisation, v.actor_role, v.on_behalf_of, v.case_id,
      v.member_ids, v.action, v.result, v.status, v.purpose, v.break_glass, v.request_id)
    FROM ROWS FROM (jsonb_to_recordset(${param}::jsonb) AS (chain smallint, key_id text, mac text, at timestamptz, actor_sub text,
      actor_organisation text, actor_role text, on_behalf_of text, case_id uuid, member_ids jsonb, action text, result text,
      status integer, purpose text, break_glass boolean, request_id text))
      WITH ORDINALITY AS v(chain, key_id, mac, at, actor_sub, actor_organisation, actor_role, on_behalf_of, case_id,
        member_ids, action, result, status, purpose, break_glass, request_id, ord)
    ORDER BY v.ord`;
}

const APPEND_ROWS = namedStatement('access_log_append_rows', accessLogAppendSql('$1'));

export interface AccessLogFilter {
  readonly caseId?: string;
  readonly actorSub?: string;
}

/**
 * A page of the log, newest first (by id, the order rows were written).
 * `beforeId` is keyset paging: rows older than one already seen, found
 * through the (case_id, id), (actor_sub, id) or primary-key index however
 * deep in the log. `page` is offset paging, which reads and skips every row
 * before the page: the route keeps it shallow.
 */
export interface AccessLogPage {
  readonly pageSize: number;
  readonly beforeId?: number;
  readonly page?: number;
}

function accessLogWhere(filter: AccessLogFilter, beforeId?: number): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.caseId) conditions.push(eq(accessLog.caseId, filter.caseId));
  if (filter.actorSub) conditions.push(eq(accessLog.actorSub, filter.actorSub));
  if (beforeId !== undefined) conditions.push(lt(accessLog.id, beforeId));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** Rows of one page, and whether older rows follow (one row more is read to know). */
export async function listAccessLog(db: Executor, filter: AccessLogFilter, page: AccessLogPage): Promise<{ rows: AccessLogRow[]; more: boolean }> {
  const offset = page.beforeId === undefined ? ((page.page ?? 1) - 1) * page.pageSize : 0;
  const rows = await db
    .select()
    .from(accessLog)
    .where(accessLogWhere(filter, page.beforeId))
    .orderBy(desc(accessLog.id))
    .limit(page.pageSize + 1)
    .offset(offset);
  return { rows: rows.slice(0, page.pageSize), more: rows.length > page.pageSize };
}

/** How many rows match: a count over all of them, so only for the first pages of a list (X-Total-Count). */
export async function countAccessLog(db: Executor, filter: AccessLogFilter): Promise<number> {
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(accessLog).where(accessLogWhere(filter));
  return row?.total ?? 0;
}

/** One allowed access to a member's data, as their right of access shows it. */
export type MemberAccess = Pick<AccessLogRow, 'id' | 'at' | 'actorSub' | 'actorOrganisation' | 'action' | 'purpose'>;

/**
 * Every allowed access to one member's data in a case, oldest first: the
 * whole log, never cut off, however much other activity the case has. The
 * member is filtered in SQL (member_ids contains the id), and the rows are
 * read in batches along the case index by id (keyset, not OFFSET).
 */
export async function listMemberAccesses(db: Executor, caseId: string, memberId: string, batchSize = 1000): Promise<MemberAccess[]> {
  const accesses: MemberAccess[] = [];
  for (let afterId = 0; ; ) {
    const batch = await db
      .select({
        id: accessLog.id,
        at: accessLog.at,
        actorSub: accessLog.actorSub,
        actorOrganisation: accessLog.actorOrganisation,
        action: accessLog.action,
        purpose: accessLog.purpose,
      })
      .from(accessLog)
      .where(
        and(
          eq(accessLog.caseId, caseId),
          gt(accessLog.id, afterId),
          eq(accessLog.result, 'toegestaan'),
          sql`${accessLog.memberIds} @> ${JSON.stringify([memberId])}::jsonb`,
        ),
      )
      .orderBy(asc(accessLog.id))
      .limit(batchSize);
    accesses.push(...batch);
    const last = batch.at(-1);
    if (batch.length < batchSize || !last) return accesses;
    afterId = last.id;
  }
}

const inChainOf = (chain: number | null) => (chain === null ? isNull(accessLog.chain) : eq(accessLog.chain, chain));

export interface ChainEnd {
  /** null: the single chain written before migration 0013. */
  readonly chain: number | null;
  /** The last row's id and hash. */
  readonly id: number;
  readonly hash: string;
  readonly rows: number;
  /** The last row written without a key (before migration 0015), if any. */
  readonly lastUnkeyedId: number | null;
}

export interface ChainCheck {
  /** Rows checked in all chains. */
  readonly checked: number;
  readonly chains: number;
  /** The first broken row of each broken chain. */
  readonly broken: readonly { chain: number | null; id: number; reason: string }[];
  /** Where each chain ends (up to its first broken row, when it is broken). */
  readonly ends: readonly ChainEnd[];
}

/**
 * Walks every chain in order; reports, per chain, the first row whose link or
 * content does not hold with the keys in `keyring`.
 */
export async function verifyAccessLogChains(db: Database, keyring: AuditKeyring): Promise<ChainCheck> {
  const present = await db.selectDistinct({ chain: accessLog.chain }).from(accessLog);
  const chains = present.map((p) => p.chain).sort((a, b) => (a ?? -1) - (b ?? -1));
  let checked = 0;
  const broken: { chain: number | null; id: number; reason: string }[] = [];
  const ends: ChainEnd[] = [];
  for (const chain of chains) {
    const result = await verifyChain(db, chain, keyring);
    checked += result.end.rows;
    if (result.end.rows > 0) ends.push(result.end);
    if (result.broken) broken.push({ chain, ...result.broken });
  }
  return { checked, chains: chains.length, broken, ends };
}

type Broken = { id: number; reason: string };

async function verifyChain(db: Database, chain: number | null, keyring: AuditKeyring): Promise<{ end: ChainEnd; broken: Broken | null }> {
  let prevHash = chain === null ? 'genesis' : `genesis-${chain}`;
  let lastId = 0;
  let rows = 0;
  let lastUnkeyedId: number | null = null;
  let keyed = false;
  const end = (): ChainEnd => ({ chain, id: lastId, hash: prevHash, rows, lastUnkeyedId });
  for (;;) {
    const batch = await db.select().from(accessLog).where(and(inChainOf(chain), gt(accessLog.id, lastId))).orderBy(asc(accessLog.id)).limit(5000);
    if (batch.length === 0) return { end: end(), broken: null };
    for (const row of batch) {
      if (row.prevHash !== prevHash) return { end: end(), broken: { id: row.id, reason: 'prev_hash verwijst niet naar de vorige rij (rij verwijderd of ingevoegd)' } };
      const { id: _id, prevHash: _prev, hash, chain: _chain, keyId, ...entry } = row;
      let expected: string;
      if (chain === null) {
        expected = legacyAccessLogHash(prevHash, entry);
      } else if (keyId === null) {
        // Unkeyed rows are only the part of a chain written before the key existed.
        if (keyed) {
          return { end: end(), broken: { id: row.id, reason: 'rij zonder sleutel na rijen met sleutel (ingevoegd of herberekend zonder de sleutel)' } };
        }
        expected = sha256(prevHash + unkeyedContentHash(chain, entry));
      } else {
        const secret = keyring.get(keyId);
        if (secret === undefined) return { end: end(), broken: { id: row.id, reason: `gemaakt met sleutel ${keyId}, die niet bekend is (zet hem in AUDIT_KEYS_OLD)` } };
        expected = sha256(prevHash + accessLogMac({ id: keyId, secret }, chain, entry));
      }
      if (expected !== hash) return { end: end(), broken: { id: row.id, reason: 'inhoud klopt niet met de hash (rij gewijzigd, of de keten herberekend zonder de sleutel)' } };
      if (chain !== null && keyId === null) lastUnkeyedId = row.id;
      if (keyId !== null) keyed = true;
      prevHash = hash;
      lastId = row.id;
      rows++;
    }
  }
}

export interface AccessLogHead {
  /** null: the single chain written before migration 0013. */
  readonly chain: number | null;
  /** The id of the chain's last row. */
  readonly seq: number;
  readonly hash: string;
}

/**
 * The last row of every chain, in one snapshot: what a checkpoint seals. One
 * index lookup per chain (access_log_chain_idx), however long the log.
 */
export async function accessLogHeads(db: Executor): Promise<AccessLogHead[]> {
  const result = await db.execute<{ chain: number | null; seq: number; hash: string }>(sql`
    SELECT c.chain, h.id AS seq, h.hash
      FROM generate_series(0, ${ACCESS_LOG_CHAINS - 1}::int) AS c(chain)
      CROSS JOIN LATERAL (SELECT id, hash FROM access_log WHERE chain = c.chain::smallint ORDER BY id DESC LIMIT 1) h
    UNION ALL
    SELECT NULL, id, hash FROM (SELECT id, hash FROM access_log WHERE chain IS NULL ORDER BY id DESC LIMIT 1) l
    ORDER BY 1 NULLS FIRST`);
  return result.rows.map((r) => ({ chain: r.chain === null ? null : Number(r.chain), seq: Number(r.seq), hash: r.hash }));
}

/** A chain's row by id (undefined when it is not there), and the chain's last id (0 when empty). */
export async function accessLogChainRow(db: Executor, chain: number | null, id: number): Promise<{ row: { id: number; hash: string } | undefined; lastId: number }> {
  const [rows, last] = await Promise.all([
    db.select({ id: accessLog.id, hash: accessLog.hash }).from(accessLog).where(and(inChainOf(chain), eq(accessLog.id, id))),
    db.select({ id: accessLog.id }).from(accessLog).where(inChainOf(chain)).orderBy(desc(accessLog.id)).limit(1),
  ]);
  return { row: rows[0], lastId: last[0]?.id ?? 0 };
}

/** Rows of a chain after `afterId` written before `before`: how many, and the oldest one's time. */
export async function accessLogRowsAfter(db: Executor, chain: number | null, afterId: number, before: Date): Promise<{ rows: number; oldest: Date | null }> {
  const [result] = await db
    .select({ rows: sql<number>`count(*)::int`, oldest: sql<number | null>`(extract(epoch FROM min(${accessLog.at})) * 1000)::float8` })
    .from(accessLog)
    .where(and(inChainOf(chain), gt(accessLog.id, afterId), lt(accessLog.at, before)));
  return { rows: result?.rows ?? 0, oldest: result?.oldest == null ? null : new Date(Number(result.oldest)) };
}

/**
 * Group commit for the log rows of answers that are not writes (reads and
 * refusals). Each answer waits until its own rows are committed, so the log
 * never misses an answer that was sent; but the rows of answers that arrive
 * while a statement is on its way are written together by the next statement,
 * in one INSERT and one commit. Under load the batches grow by themselves and
 * the per-read INSERT stops being the limit; alone, a row is written at once
 * (no timer, no added wait). If a batch fails, its requests' rows are retried
 * one request at a time, so a row that cannot be written fails only its own
 * answer.
 */
export class AccessLogWriter {
  private queue: { entries: readonly AccessLogEntry[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly db: Executor,
    private readonly key: AuditKey,
    /** Rows per statement at most: the VALUES list stays far below PostgreSQL's parameter limit. */
    private readonly maxRows = 500,
  ) {}

  /** Resolves once these rows are committed; rejects if they could not be written. */
  append(entries: readonly AccessLogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await appendAccessLogs(this.db, this.key, batch.flatMap((item) => item.entries));
          for (const item of batch) item.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const item of batch) {
            await appendAccessLogs(this.db, this.key, item.entries).then(item.resolve, item.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private takeBatch() {
    let rows = 0;
    let count = 0;
    for (const item of this.queue) {
      if (count > 0 && rows + item.entries.length > this.maxRows) break;
      rows += item.entries.length;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}
