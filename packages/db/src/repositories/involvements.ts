/** SQL for who is involved in a case, and break-the-glass grants. */
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import { breakGlassGrants, caseInvolvements, cases } from '../schema.js';
import { offsetOf, withTotal, type Executor, type Page } from '../executor.js';

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

/** One active entry of the case's network (the partner a consent names, issue 17), or undefined. */
export async function findActiveInvolvement(db: Executor, caseId: string, id: string): Promise<InvolvementRow | undefined> {
  const [row] = await db
    .select()
    .from(caseInvolvements)
    .where(and(eq(caseInvolvements.caseId, caseId), eq(caseInvolvements.id, id), isNull(caseInvolvements.removedAt)));
  return row;
}

/**
 * A page of the case's active network for display, oldest entry first;
 * without the victim's side when the reader is on the perpetrator's side.
 */
export async function listInvolvementPage(
  db: Executor,
  caseId: string,
  options: { readonly withoutVictimSide: boolean },
  page: Page,
): Promise<{ rows: InvolvementRow[]; total: number }> {
  const where = and(
    eq(caseInvolvements.caseId, caseId),
    isNull(caseInvolvements.removedAt),
    options.withoutVictimSide ? ne(caseInvolvements.side, 'slachtoffer') : undefined,
  );
  return withTotal(
    db.select().from(caseInvolvements).where(where).orderBy(asc(caseInvolvements.addedAt), asc(caseInvolvements.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(caseInvolvements).where(where),
  );
}

/**
 * Adds an entry to the network, or answers 'duplicate' when the same
 * professional or organisation is already in it (the partial unique index
 * case_involvements_active_key: two requests at once, one gets through).
 * ON CONFLICT DO NOTHING keeps the caller's transaction usable.
 */
export async function insertInvolvement(db: Executor, row: typeof caseInvolvements.$inferInsert): Promise<InvolvementRow | 'duplicate'> {
  const [inserted] = await db.insert(caseInvolvements).values(row).onConflictDoNothing().returning();
  return inserted ?? 'duplicate';
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

export async function listBreakGlass(db: Executor, filter: BreakGlassFilter, page: Page): Promise<{ rows: BreakGlassRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.review === 'open') conditions.push(isNull(breakGlassGrants.reviewVerdict));
  else if (filter.review) conditions.push(eq(breakGlassGrants.reviewVerdict, filter.review));
  if (filter.municipalities) {
    conditions.push(inArray(breakGlassGrants.caseId, db.select({ id: cases.id }).from(cases).where(inArray(cases.municipality, [...filter.municipalities]))));
  }
  const where = and(...conditions);
  return withTotal(
    db.select().from(breakGlassGrants).where(where).orderBy(desc(breakGlassGrants.grantedAt), desc(breakGlassGrants.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(breakGlassGrants).where(where),
  );
}
