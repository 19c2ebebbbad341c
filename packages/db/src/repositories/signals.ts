/**
 * SQL for signals (a person must look at something) and the creation attempts
 * the daily limit counts (security finding 6, migration 0018).
 */
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { creationAttempts, signals } from '../schema.js';
import type { Executor, Transaction } from '../executor.js';

export type SignalRow = typeof signals.$inferSelect;
export type CreationAttemptRow = typeof creationAttempts.$inferSelect;

export async function insertSignals(tx: Executor, rows: readonly (typeof signals.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(signals).values([...rows]);
}

/**
 * A case's signals for a page of its timeline, oldest first: those made after
 * event `afterVersion` up to event `upToVersion` (no end on the last page).
 */
export async function listCaseSignals(db: Executor, caseId: string, span: { readonly afterVersion: number; readonly upToVersion?: number | undefined } = { afterVersion: 0 }): Promise<SignalRow[]> {
  return db
    .select()
    .from(signals)
    .where(
      and(
        eq(signals.caseId, caseId),
        gt(signals.caseVersion, span.afterVersion),
        span.upToVersion === undefined ? undefined : lte(signals.caseVersion, span.upToVersion),
      ),
    )
    .orderBy(asc(signals.caseVersion), asc(signals.seq));
}

/** Whether a signal of this kind, about this actor, was already made for a role of the municipality since `since` (one flag a day). */
export async function hasRoleSignalSince(db: Executor, kind: SignalRow['kind'], municipality: string, addresseeRole: string, actorSub: string, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: signals.id })
    .from(signals)
    .where(and(eq(signals.kind, kind), eq(signals.municipality, municipality), eq(signals.addresseeRole, addresseeRole), eq(signals.actorSub, actorSub), sql`${signals.createdAt} >= ${since}`))
    .limit(1);
  return rows.length > 0;
}

/**
 * Serialises one caller's creation attempts: a transaction-scoped advisory
 * lock on their sub, so two attempts at once cannot both see the count under
 * the limit.
 */
export async function lockCreationAttempts(tx: Transaction, actorSub: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`aanmaakpogingen:${actorSub}`}))`);
}

/**
 * The distinct cases "household has a case" answers told this caller about
 * on this local day: trying the same household again (a retry, a colleague's
 * question) tells nothing new and does not count again.
 */
export async function casesToldToday(db: Executor, actorSub: string, localDay: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ caseId: creationAttempts.caseId })
    .from(creationAttempts)
    .where(and(eq(creationAttempts.actorSub, actorSub), eq(creationAttempts.localDay, localDay), eq(creationAttempts.outcome, 'huishouden-heeft-casus')));
  return new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])));
}

export async function insertCreationAttempt(tx: Executor, rows: readonly (typeof creationAttempts.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(creationAttempts).values([...rows]);
}

/** Marks a case's open signals of these kinds as dealt with (a handover answered, a gone regisseur's case reassigned). */
export async function markCaseSignalsDone(tx: Executor, caseId: string, kinds: readonly SignalRow['kind'][], now: Date): Promise<void> {
  await tx
    .update(signals)
    .set({ doneAt: now })
    .where(and(eq(signals.caseId, caseId), inArray(signals.kind, [...kinds]), isNull(signals.doneAt)));
}
