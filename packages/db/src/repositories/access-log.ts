/**
 * The access log's hash chain. Appending takes a transaction-scoped advisory
 * lock so rows chain in commit order; the lock is held only from the append to
 * the commit, so callers append as the last step of their transaction.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { accessLog } from '../schema.js';
import type { Executor, Page, Transaction } from './cases.js';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type AccessLogEntry = Omit<typeof accessLog.$inferInsert, 'id' | 'prevHash' | 'hash'>;

const GENESIS = 'genesis';
const CHAIN_LOCK = 0x746f6567616e67n; // "toegang"

export function accessLogHash(prevHash: string, entry: AccessLogEntry): string {
  const content = JSON.stringify([
    prevHash,
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
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/** Appends one row to the chain inside the caller's transaction. */
export async function appendAccessLog(tx: Transaction, entry: AccessLogEntry): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK.toString()}::bigint)`);
  const [last] = await tx.select({ hash: accessLog.hash }).from(accessLog).orderBy(desc(accessLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(accessLog).values({ ...entry, prevHash, hash: accessLogHash(prevHash, entry) });
}

/** Appends in a transaction of its own (reads and refusals). */
export async function recordAccess(db: Database, entry: AccessLogEntry): Promise<void> {
  await db.transaction((tx) => appendAccessLog(tx, entry));
}

export interface AccessLogFilter {
  readonly caseId?: string;
  readonly actorSub?: string;
}

export async function listAccessLog(db: Executor, filter: AccessLogFilter, page: Page): Promise<{ rows: AccessLogRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.caseId) conditions.push(eq(accessLog.caseId, filter.caseId));
  if (filter.actorSub) conditions.push(eq(accessLog.actorSub, filter.actorSub));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, totals] = await Promise.all([
    db.select().from(accessLog).where(where).orderBy(desc(accessLog.id)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(accessLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Walks the whole chain in order; reports the first row whose link or hash does not hold. */
export async function verifyAccessLogChain(db: Database): Promise<{ checked: number; firstBroken: { id: number; reason: string } | null }> {
  let prevHash = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const batch = await db.select().from(accessLog).where(gt(accessLog.id, lastId)).orderBy(asc(accessLog.id)).limit(5000);
    if (batch.length === 0) return { checked, firstBroken: null };
    for (const row of batch) {
      if (row.prevHash !== prevHash) return { checked, firstBroken: { id: row.id, reason: 'prev_hash verwijst niet naar de vorige rij (rij verwijderd of ingevoegd)' } };
      const { id: _id, prevHash: _prev, hash, ...entry } = row;
      if (accessLogHash(prevHash, entry) !== hash) return { checked, firstBroken: { id: row.id, reason: 'inhoud klopt niet met de hash (rij gewijzigd)' } };
      prevHash = hash;
      lastId = row.id;
      checked++;
    }
  }
}
