/** SQL for who is involved in a case, and break-the-glass grants. */
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { breakGlassGrants, caseInvolvements } from '../schema.js';
import type { Executor, Page } from './cases.js';

export type InvolvementRow = typeof caseInvolvements.$inferSelect;
export type BreakGlassRow = typeof breakGlassGrants.$inferSelect;

export async function activeBreakGlass(db: Executor, caseId: string, sub: string, now: Date): Promise<BreakGlassRow | undefined> {
  const [row] = await db
    .select()
    .from(breakGlassGrants)
    .where(and(eq(breakGlassGrants.caseId, caseId), eq(breakGlassGrants.actorSub, sub), gt(breakGlassGrants.expiresAt, now)))
    .orderBy(desc(breakGlassGrants.expiresAt))
    .limit(1);
  return row;
}

/** The case's active network: a household's handful of professionals and organisations, read whole (services/api/src/cases/access.ts judges it). */
export async function listInvolvements(db: Executor, caseId: string): Promise<InvolvementRow[]> {
  return db.select().from(caseInvolvements).where(and(eq(caseInvolvements.caseId, caseId), isNull(caseInvolvements.removedAt))).orderBy(caseInvolvements.addedAt);
}

export async function insertInvolvement(db: Executor, row: typeof caseInvolvements.$inferInsert): Promise<InvolvementRow> {
  const [inserted] = await db.insert(caseInvolvements).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function removeInvolvement(db: Executor, caseId: string, id: string, at: Date, by: string): Promise<boolean> {
  const rows = await db
    .update(caseInvolvements)
    .set({ removedAt: at, removedBy: by })
    .where(and(eq(caseInvolvements.caseId, caseId), eq(caseInvolvements.id, id), isNull(caseInvolvements.removedAt)))
    .returning({ id: caseInvolvements.id });
  return rows.length > 0;
}

export async function insertBreakGlass(db: Executor, row: typeof breakGlassGrants.$inferInsert): Promise<BreakGlassRow> {
  const [inserted] = await db.insert(breakGlassGrants).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function listBreakGlass(db: Executor, page: Page): Promise<BreakGlassRow[]> {
  return db.select().from(breakGlassGrants).orderBy(desc(breakGlassGrants.grantedAt)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
}
