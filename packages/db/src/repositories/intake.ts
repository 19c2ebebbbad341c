/**
 * SQL for issue 16 points 6-9: the municipalities' intake (a household
 * without a case, a moved case), links between cases ("flag and tag"), and
 * merged handovers that their regisseur may undo (migration 0023).
 */
import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { caseLinks, caseMerges, cases, intakeItems, signals, type IntakeMessage } from '../schema.js';
import { offsetOf, withTotal, type Executor, type Page, type Transaction } from '../executor.js';

export type IntakeItemRow = typeof intakeItems.$inferSelect;
export type CaseMergeRow = typeof caseMerges.$inferSelect;
export type { IntakeMessage };

// ------------------------------------------------------------ intake

export async function insertIntakeItem(tx: Executor, row: typeof intakeItems.$inferInsert): Promise<void> {
  await tx.insert(intakeItems).values(row);
}

/**
 * The waiting message items sharing a household key, oldest first, locked:
 * of one municipality (a second message joins its item), or of the whole
 * region (`null`). Locked, because a message joining an item and a case
 * taking it in must not cross: whoever waits on the lock sees the item as it
 * is then (an item taken meanwhile no longer matches `taken_at IS NULL`, so
 * the message is not added to an item nobody will read).
 */
export async function lockWaitingIntakeItemsWithKeys(tx: Transaction, municipality: string | null, keyHashes: readonly string[]): Promise<IntakeItemRow[]> {
  if (keyHashes.length === 0) return [];
  return tx
    .select()
    .from(intakeItems)
    .where(
      and(
        municipality === null ? undefined : eq(intakeItems.municipality, municipality),
        eq(intakeItems.kind, 'bericht'),
        isNull(intakeItems.takenAt),
        sql`${intakeItems.keyHashes} && ARRAY[${sql.join(keyHashes.map((k) => sql`${k}`), sql`, `)}]::text[]`,
      ),
    )
    .orderBy(asc(intakeItems.receivedAt))
    .for('update');
}

/** A later message about the household of a waiting item (locked by the caller) joins it: its messages and keys are added. */
export async function appendIntakeMessage(tx: Transaction, id: string, message: IntakeMessage, keyHashes: readonly string[]): Promise<void> {
  const [row] = await tx.select({ messages: intakeItems.messages, keyHashes: intakeItems.keyHashes }).from(intakeItems).where(and(eq(intakeItems.id, id), isNull(intakeItems.takenAt)));
  if (!row) throw new Error('intake item vanished or taken under its lock');
  await tx
    .update(intakeItems)
    .set({ messages: [...row.messages, message], keyHashes: [...new Set([...row.keyHashes, ...keyHashes])] })
    .where(eq(intakeItems.id, id));
}

export type IntakeStatus = 'wachtend' | 'toegewezen';

/** A page of the intake of these municipalities, oldest first. */
export async function listIntakeItems(db: Executor, municipalities: readonly string[], status: IntakeStatus, page: Page): Promise<{ rows: IntakeItemRow[]; total: number }> {
  if (municipalities.length === 0) return { rows: [], total: 0 };
  const where = and(inArray(intakeItems.municipality, [...municipalities]), status === 'wachtend' ? isNull(intakeItems.takenAt) : isNotNull(intakeItems.takenAt));
  return withTotal(
    db.select().from(intakeItems).where(where).orderBy(asc(intakeItems.receivedAt), asc(intakeItems.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(intakeItems).where(where),
  );
}

export async function findIntakeItem(db: Executor, id: string): Promise<IntakeItemRow | undefined> {
  const [row] = await db.select().from(intakeItems).where(eq(intakeItems.id, id));
  return row;
}

/** Locks an item for taking it: two members taking it at once, one wins. */
export async function lockIntakeItem(tx: Transaction, id: string): Promise<IntakeItemRow | undefined> {
  const [row] = await tx.select().from(intakeItems).where(eq(intakeItems.id, id)).for('update');
  return row;
}

/** The item is taken: by whom, when, and the case it became; its werkvoorraad signal is done. */
export async function markIntakeTaken(tx: Transaction, row: IntakeItemRow, takenBy: string, at: Date, caseId: string): Promise<void> {
  // Taken once: the callers hold the row lock, so a second taking is a bug, not a race.
  const taken = await tx.update(intakeItems).set({ takenBy, takenAt: at, caseId }).where(and(eq(intakeItems.id, row.id), isNull(intakeItems.takenAt))).returning({ id: intakeItems.id });
  if (taken.length !== 1) throw new Error('intake item taken twice');
  if (row.signalIds.length > 0) await tx.update(signals).set({ doneAt: at, doneBy: takenBy }).where(and(inArray(signals.id, row.signalIds), isNull(signals.doneAt)));
}

/**
 * A waiting move offer withdrawn (by its regisseur, or because the case
 * closed): it leaves the intake, so the receiving team no longer sees the
 * item nor reads the case; its werkvoorraad signals are done, by whom.
 * The case's timeline keeps the offer and its end.
 */
export async function withdrawIntakeItem(tx: Transaction, row: IntakeItemRow, by: string, at: Date): Promise<void> {
  if (row.signalIds.length > 0) await tx.update(signals).set({ doneAt: at, doneBy: by }).where(and(inArray(signals.id, row.signalIds), isNull(signals.doneAt)));
  await tx.delete(intakeItems).where(and(eq(intakeItems.id, row.id), isNull(intakeItems.takenAt)));
}

/** The case's waiting item: a move offer or a repeat waiting for a regisseur (at most one waits at a time). */
export async function waitingMoveOf(db: Executor, caseId: string): Promise<IntakeItemRow | undefined> {
  const [row] = await db
    .select()
    .from(intakeItems)
    .where(and(eq(intakeItems.caseId, caseId), inArray(intakeItems.kind, ['verhuizing', 'herhaling']), isNull(intakeItems.takenAt)))
    .limit(1);
  return row;
}

// ------------------------------------------------------------ links

/** Links two cases, one row per direction; an existing link stays as it was. */
export async function linkCases(tx: Executor, a: string, b: string, reason: (typeof caseLinks.$inferInsert)['reason'], at: Date): Promise<boolean> {
  const inserted = await tx
    .insert(caseLinks)
    .values([
      { caseId: a, otherCaseId: b, reason, createdAt: at },
      { caseId: b, otherCaseId: a, reason, createdAt: at },
    ])
    .onConflictDoNothing()
    .returning({ caseId: caseLinks.caseId });
  return inserted.length > 0;
}

export interface CaseLinkRow {
  readonly otherCaseId: string;
  readonly reason: (typeof caseLinks.$inferSelect)['reason'];
  readonly createdAt: Date;
  /** Whom to talk to: the other case's regisseur now. Nothing else of the other case is read. */
  readonly regisseurId: string;
  readonly regisseurOrganisation: string;
}

export async function listCaseLinks(db: Executor, caseId: string): Promise<CaseLinkRow[]> {
  return db
    .select({
      otherCaseId: caseLinks.otherCaseId,
      reason: caseLinks.reason,
      createdAt: caseLinks.createdAt,
      regisseurId: cases.regisseurId,
      regisseurOrganisation: cases.regisseurOrganisation,
    })
    .from(caseLinks)
    .innerJoin(cases, eq(cases.id, caseLinks.otherCaseId))
    .where(eq(caseLinks.caseId, caseId))
    .orderBy(asc(caseLinks.createdAt), asc(caseLinks.otherCaseId));
}

// ------------------------------------------------------------ merges

export async function insertCaseMerge(tx: Executor, row: typeof caseMerges.$inferInsert): Promise<void> {
  await tx.insert(caseMerges).values(row);
}

export async function lockCaseMerge(tx: Transaction, messageId: string): Promise<CaseMergeRow | undefined> {
  const [row] = await tx.select().from(caseMerges).where(eq(caseMerges.messageId, messageId)).for('update');
  return row;
}

export async function markMergeUndone(tx: Executor, messageId: string, at: Date, splitCaseId: string): Promise<void> {
  await tx.update(caseMerges).set({ undoneAt: at, splitCaseId }).where(eq(caseMerges.messageId, messageId));
}
