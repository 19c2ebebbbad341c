/**
 * The access log's hash chains. Rows link into one of ACCESS_LOG_CHAINS
 * chains, chosen by case (or, without a case, by actor), so one case's trail
 * is one chain and writes to different cases do not wait for one lock.
 * Appending is one statement (access_log_append, migration 0013) that takes
 * the chain's transaction-scoped lock, reads the chain's tail and inserts the
 * linked row; inside a transaction the lock is held until commit, so callers
 * append as the last step.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lt, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { accessLog } from '../schema.js';
import type { Executor } from './cases.js';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type AccessLogEntry = Omit<typeof accessLog.$inferInsert, 'id' | 'prevHash' | 'hash' | 'chain'>;

export const ACCESS_LOG_CHAINS = 16;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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

/** The hash of a row's content, without its link; the database links it (sha256(prev_hash || content hash)). */
export function accessLogContentHash(chain: number, entry: AccessLogEntry): string {
  return sha256(JSON.stringify([chain, ...contentOf(entry)]));
}

/** Rows written before migration 0013 form one chain (chain NULL), hashed with the link inside the content. */
function legacyAccessLogHash(prevHash: string, entry: AccessLogEntry): string {
  return sha256(JSON.stringify([prevHash, ...contentOf(entry)]));
}

/**
 * Appends one row: inside the caller's transaction when given one (as its
 * last step), else as a statement of its own (reads and refusals).
 */
export async function appendAccessLog(db: Executor, entry: AccessLogEntry): Promise<void> {
  await appendAccessLogs(db, [entry]);
}

/**
 * Appends several rows in one statement (a list or a meeting shows several
 * cases: one row per case). access_log_append runs once per row, in the order
 * of the VALUES list (a VOLATILE function sees the rows the earlier calls
 * inserted, so rows of one chain link in order). The rows are sorted by chain,
 * so every statement takes its chain locks in ascending order and two of them
 * never wait for each other's locks in a cycle.
 */
export async function appendAccessLogs(db: Executor, entries: readonly AccessLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries
    .map((entry, index) => ({ entry, index, chain: accessLogChain(entry) }))
    .sort((a, b) => a.chain - b.chain || a.index - b.index)
    .map(({ entry, chain }) => sql`(
      ${chain}::smallint, ${accessLogContentHash(chain, entry)}, ${entry.at.toISOString()}::timestamptz,
      ${entry.actorSub}, ${entry.actorOrganisation}, ${entry.actorRole}, ${entry.onBehalfOf ?? null}::text, ${entry.caseId ?? null}::uuid,
      ${JSON.stringify(entry.memberIds)}::jsonb, ${entry.action}, ${entry.result}, ${entry.status}::integer, ${entry.purpose},
      ${entry.breakGlass ?? false}::boolean, ${entry.requestId})`);
  await db.execute(sql`SELECT access_log_append(
      v.chain, v.content_hash, v.at, v.actor_sub, v.actor_organisation, v.actor_role, v.on_behalf_of, v.case_id,
      v.member_ids, v.action, v.result, v.status, v.purpose, v.break_glass, v.request_id)
    FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(chain, content_hash, at, actor_sub, actor_organisation, actor_role, on_behalf_of, case_id,
      member_ids, action, result, status, purpose, break_glass, request_id)`);
}

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

export interface ChainCheck {
  /** Rows checked in all chains. */
  readonly checked: number;
  readonly chains: number;
  /** The first broken row of each broken chain. */
  readonly broken: readonly { chain: number | null; id: number; reason: string }[];
}

/** Walks every chain in order; reports, per chain, the first row whose link or content does not hold. */
export async function verifyAccessLogChains(db: Database): Promise<ChainCheck> {
  const present = await db.selectDistinct({ chain: accessLog.chain }).from(accessLog);
  const chains = present.map((p) => p.chain).sort((a, b) => (a ?? -1) - (b ?? -1));
  let checked = 0;
  const broken: { chain: number | null; id: number; reason: string }[] = [];
  for (const chain of chains) {
    const result = await verifyChain(db, chain);
    checked += result.checked;
    if (result.broken) broken.push({ chain, ...result.broken });
  }
  return { checked, chains: chains.length, broken };
}

async function verifyChain(db: Database, chain: number | null): Promise<{ checked: number; broken: { id: number; reason: string } | null }> {
  let prevHash = chain === null ? 'genesis' : `genesis-${chain}`;
  let lastId = 0;
  let checked = 0;
  const inChain = chain === null ? isNull(accessLog.chain) : eq(accessLog.chain, chain);
  for (;;) {
    const batch = await db.select().from(accessLog).where(and(inChain, gt(accessLog.id, lastId))).orderBy(asc(accessLog.id)).limit(5000);
    if (batch.length === 0) return { checked, broken: null };
    for (const row of batch) {
      if (row.prevHash !== prevHash) return { checked, broken: { id: row.id, reason: 'prev_hash verwijst niet naar de vorige rij (rij verwijderd of ingevoegd)' } };
      const { id: _id, prevHash: _prev, hash, chain: _chain, ...entry } = row;
      const expected = chain === null ? legacyAccessLogHash(prevHash, entry) : sha256(prevHash + accessLogContentHash(chain, entry));
      if (expected !== hash) return { checked, broken: { id: row.id, reason: 'inhoud klopt niet met de hash (rij gewijzigd)' } };
      prevHash = hash;
      lastId = row.id;
      checked++;
    }
  }
}
