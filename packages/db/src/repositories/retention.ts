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

/** Deletes one expired case and everything that refers to it, in one transaction. */
export async function deleteExpiredCase(db: Database, caseId: string, closedBefore: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Re-check under lock: a case reopened meanwhile is no longer expired.
    const locked = await tx.execute<{ id: string }>(
      sql`SELECT id FROM cases WHERE id = ${caseId} AND phase = 'afgesloten' AND closed_at < ${closedBefore} FOR UPDATE`,
    );
    if (locked.rows.length === 0) return false;
    await tx.execute(sql`SET LOCAL veilig_samen.bewaartermijn = 'verwijderen'`);
    await tx.execute(sql`DELETE FROM expert_meeting_items WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM timers WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM escalations WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM household_keys WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM case_followers WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM case_involvements WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM break_glass_grants WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM deliveries WHERE case_id = ${caseId}`);
    await tx.execute(sql`UPDATE messages SET case_id = NULL WHERE case_id = ${caseId}`);
    await tx.execute(sql`UPDATE messages SET linked_case_id = NULL WHERE linked_case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM case_events WHERE case_id = ${caseId}`);
    await tx.execute(sql`DELETE FROM cases WHERE id = ${caseId}`);
    return true;
  });
}
