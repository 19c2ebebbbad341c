/** SQL for who is involved in a case, and break-the-glass grants. */
import { and, desc, eq, gt, isNull, or, type SQL } from 'drizzle-orm';
import { breakGlassGrants, caseInvolvements } from '../schema.js';
import type { Executor, Page } from './cases.js';

export type InvolvementRow = typeof caseInvolvements.$inferSelect;
export type BreakGlassRow = typeof breakGlassGrants.$inferSelect;

export interface Subject {
  readonly sub: string;
  readonly organisation: string;
}

/** The involvement condition for a subject: named personally, or through their organisation. */
export function involves(subject: Subject): SQL | undefined {
  return and(
    isNull(caseInvolvements.removedAt),
    or(
      and(eq(caseInvolvements.kind, 'professional'), eq(caseInvolvements.subject, subject.sub)),
      and(eq(caseInvolvements.kind, 'organisatie'), eq(caseInvolvements.subject, subject.organisation)),
    ),
  );
}

/** The subject's active involvements in the case (personally or through their organisation). */
export async function involvementsOf(db: Executor, caseId: string, subject: Subject): Promise<InvolvementRow[]> {
  return db.select().from(caseInvolvements).where(and(eq(caseInvolvements.caseId, caseId), involves(subject)));
}

export async function isInvolved(db: Executor, caseId: string, subject: Subject): Promise<boolean> {
  return (await involvementsOf(db, caseId, subject)).length > 0;
}

export async function activeBreakGlass(db: Executor, caseId: string, sub: string, now: Date): Promise<BreakGlassRow | undefined> {
  const [row] = await db
    .select()
    .from(breakGlassGrants)
    .where(and(eq(breakGlassGrants.caseId, caseId), eq(breakGlassGrants.actorSub, sub), gt(breakGlassGrants.expiresAt, now)))
    .orderBy(desc(breakGlassGrants.expiresAt))
    .limit(1);
  return row;
}

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
