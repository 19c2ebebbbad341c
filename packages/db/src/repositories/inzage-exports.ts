/**
 * SQL for a member's inzage exports (issue 17 point 10, migration 0026): a
 * draft is inserted with its frozen document, its withheld items change
 * while it is a draft, and releasing it is the last change (the table's
 * trigger refuses any update of a released export).
 */
import { and, desc, eq } from 'drizzle-orm';
import { inzageExports, type WithheldItem } from '../schema.js';
import type { Executor, Transaction } from '../executor.js';

export type { WithheldItem } from '../schema.js';

export type InzageExportRow = typeof inzageExports.$inferSelect;

export async function insertInzageExport(tx: Executor, row: typeof inzageExports.$inferInsert): Promise<InzageExportRow> {
  const [inserted] = await tx.insert(inzageExports).values(row).returning();
  if (!inserted) throw new Error('insert inzage_exports returned no row');
  return inserted;
}

/** One export of a case, or undefined (an id of another case is none). */
export async function findInzageExport(db: Executor, caseId: string, id: string): Promise<InzageExportRow | undefined> {
  const [row] = await db.select().from(inzageExports).where(and(eq(inzageExports.caseId, caseId), eq(inzageExports.id, id))).limit(1);
  return row;
}

/** One export of a case, locked until the transaction ends (a change of the draft or its release). */
export async function lockInzageExport(tx: Transaction, caseId: string, id: string): Promise<InzageExportRow | undefined> {
  const [row] = await tx.select().from(inzageExports).where(and(eq(inzageExports.caseId, caseId), eq(inzageExports.id, id))).for('update');
  return row;
}

/** A member's exports, newest first. */
export async function listMemberInzageExports(db: Executor, caseId: string, memberId: string): Promise<InzageExportRow[]> {
  return db
    .select()
    .from(inzageExports)
    .where(and(eq(inzageExports.caseId, caseId), eq(inzageExports.memberId, memberId)))
    .orderBy(desc(inzageExports.preparedAt), desc(inzageExports.id));
}

/** The member's latest released export, if any. */
export async function latestReleasedInzageExport(db: Executor, caseId: string, memberId: string): Promise<InzageExportRow | undefined> {
  const [row] = await db
    .select()
    .from(inzageExports)
    .where(and(eq(inzageExports.caseId, caseId), eq(inzageExports.memberId, memberId), eq(inzageExports.status, 'vrijgegeven')))
    .orderBy(desc(inzageExports.releasedAt), desc(inzageExports.id))
    .limit(1);
  return row;
}

/** Sets a draft's withheld items; undefined when it is no draft (any more). */
export async function setWithheldItems(tx: Transaction, id: string, withheld: readonly WithheldItem[]): Promise<InzageExportRow | undefined> {
  const [row] = await tx
    .update(inzageExports)
    .set({ withheld: [...withheld] })
    .where(and(eq(inzageExports.id, id), eq(inzageExports.status, 'concept')))
    .returning();
  return row;
}

/** Releases a draft; undefined when it is no draft (any more). */
export async function releaseInzageExport(tx: Transaction, id: string, by: string, at: Date): Promise<InzageExportRow | undefined> {
  const [row] = await tx
    .update(inzageExports)
    .set({ status: 'vrijgegeven', releasedBy: by, releasedAt: at })
    .where(and(eq(inzageExports.id, id), eq(inzageExports.status, 'concept')))
    .returning();
  return row;
}
