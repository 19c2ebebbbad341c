/** SQL for who is involved in a case, and break-the-glass grants. */
import { and, desc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { breakGlassGrants, caseInvolvements, cases } from '../schema.js';
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

/** Every entry the case's network ever had, removed ones too (who was once on the perpetrator's side stays there). */
export async function listInvolvementHistory(db: Executor, caseId: string): Promise<InvolvementRow[]> {
  return db.select().from(caseInvolvements).where(eq(caseInvolvements.caseId, caseId)).orderBy(caseInvolvements.addedAt);
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

export async function findBreakGlass(db: Executor, id: string): Promise<BreakGlassRow | undefined> {
  const [row] = await db.select().from(breakGlassGrants).where(eq(breakGlassGrants.id, id));
  return row;
}

export interface BreakGlassReview {
  readonly verdict: 'terecht' | 'onterecht';
  readonly note: string;
  readonly at: Date;
  readonly by: string;
  readonly byRole: string;
}

/** Records the review, once: undefined when the grant was already reviewed (also by a concurrent request). */
export async function reviewBreakGlass(db: Executor, id: string, review: BreakGlassReview): Promise<BreakGlassRow | undefined> {
  const [row] = await db
    .update(breakGlassGrants)
    .set({ reviewVerdict: review.verdict, reviewNote: review.note, reviewedAt: review.at, reviewedBy: review.by, reviewedByRole: review.byRole })
    .where(and(eq(breakGlassGrants.id, id), isNull(breakGlassGrants.reviewedAt)))
    .returning();
  return row;
}

export interface BreakGlassFilter {
  /** `open`: not reviewed yet; otherwise the verdict. */
  readonly review?: 'open' | 'terecht' | 'onterecht';
  /** Only grants on cases of these municipalities (a beheerder's). */
  readonly municipalities?: readonly string[];
}

export async function listBreakGlass(db: Executor, filter: BreakGlassFilter, page: Page): Promise<BreakGlassRow[]> {
  const conditions: SQL[] = [];
  if (filter.review === 'open') conditions.push(isNull(breakGlassGrants.reviewVerdict));
  else if (filter.review) conditions.push(eq(breakGlassGrants.reviewVerdict, filter.review));
  if (filter.municipalities) {
    conditions.push(inArray(breakGlassGrants.caseId, db.select({ id: cases.id }).from(cases).where(inArray(cases.municipality, [...filter.municipalities]))));
  }
  return db
    .select()
    .from(breakGlassGrants)
    .where(and(...conditions))
    .orderBy(desc(breakGlassGrants.grantedAt), desc(breakGlassGrants.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
}
