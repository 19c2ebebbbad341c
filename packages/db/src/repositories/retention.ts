/**
 * Retention: cases closed longer ago than the retention period are removed
 * with everything that hangs off them. The access log keeps its rows (they are
 * evidence, and hash-chained); they hold only random identifiers, which point
 * to nothing once the case is gone.
 */
import { and, isNotNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { cases } from '../schema.js';

export interface ExpiredCase {
  readonly id: string;
  readonly municipality: string;
  readonly closedAt: Date;
}

export async function expiredCases(db: Database, closedBefore: Date, limit = 1000): Promise<ExpiredCase[]> {
  const rows = await db
    .select({ id: cases.id, municipality: cases.municipality, closedAt: cases.closedAt })
    .from(cases)
    .where(and(isNotNull(cases.closedAt), lt(cases.closedAt, closedBefore), sql`${cases.phase} = 'afgesloten'`))
    .orderBy(cases.closedAt)
    .limit(limit);
  return rows.map((r) => ({ id: r.id, municipality: r.municipality, closedAt: r.closedAt ?? closedBefore }));
}

/**
 * Deletes one expired case and everything that refers to it, in one
 * statement: retention_delete_case (migration 0015) runs with the owner's
 * rights, because the service's own role may not delete case events.
 */
export async function deleteExpiredCase(db: Database, caseId: string, closedBefore: Date): Promise<boolean> {
  const result = await db.execute<{ deleted: boolean }>(sql`SELECT retention_delete_case(${caseId}::uuid, ${closedBefore.toISOString()}::timestamptz) AS deleted`);
  return result.rows[0]?.deleted === true;
}
