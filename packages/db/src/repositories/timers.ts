/** SQL for durable timers: keep a case's timers in line, claim due ones, record firing. */
import type { DesiredTimer, TimerKind } from '@veilig-samen/domain';
import { and, asc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { timers } from '../schema.js';
import type { Executor, Transaction } from '../executor.js';

export type TimerRow = typeof timers.$inferSelect;

const pending = and(isNull(timers.firedAt), isNull(timers.cancelledAt));
// The kinds derived from the case's state (follow-ups are set by hand).
export const DEADLINE_KINDS = ['veiligheidsdeadline', 'herinnering-deadline', 'huisverbod-einde', 'regiewissel-wacht', 'regiewissel-wacht-beheer', 'mda-evaluatie'] as const satisfies readonly TimerKind[];

/** A case's pending deadline timer, as a command compares it with the ones its new state wants. */
export type PendingTimer = Pick<TimerRow, 'id' | 'kind' | 'dueAt' | 'windowNumber'>;

/** What to cancel and what to add so that the pending deadline timers are exactly the desired ones. */
export function timerChanges(existing: readonly PendingTimer[], desired: readonly DesiredTimer[]): { cancel: string[]; add: DesiredTimer[] } {
  const key = (t: { kind: string; dueAt: Date; windowNumber: number | null }) => `${t.kind}|${t.dueAt.getTime()}|${t.windowNumber}`;
  const wanted = new Set(desired.map(key));
  const have = new Set(existing.map(key));
  return { cancel: existing.filter((t) => !wanted.has(key(t))).map((t) => t.id), add: desired.filter((t) => !have.has(key(t))) };
}

/** A case's pending deadline timers (for a change outside a command, which reads them with the locked row). */
export async function pendingDeadlineTimers(tx: Executor, caseId: string): Promise<PendingTimer[]> {
  return tx
    .select({ id: timers.id, kind: timers.kind, dueAt: timers.dueAt, windowNumber: timers.windowNumber })
    .from(timers)
    .where(and(eq(timers.caseId, caseId), pending, inArray(timers.kind, DEADLINE_KINDS)));
}

/** Cancels the case's deadline timers that are no longer wanted and adds the missing ones. */
export async function syncDeadlineTimers(tx: Transaction, caseId: string, desired: readonly DesiredTimer[], now: Date): Promise<void> {
  const existing = await tx
    .select()
    .from(timers)
    .where(and(eq(timers.caseId, caseId), pending, inArray(timers.kind, DEADLINE_KINDS)));
  const { cancel, add } = timerChanges(existing, desired);
  if (cancel.length > 0) await tx.update(timers).set({ cancelledAt: now }).where(inArray(timers.id, cancel));
  if (add.length > 0) {
    await tx.insert(timers).values(add.map((t) => ({ caseId, kind: t.kind, dueAt: t.dueAt, windowNumber: t.windowNumber, createdAt: now })));
  }
}

/** The oldest due timer that no other worker holds (and not one of `skip`), locked until the transaction ends. */
export async function claimDueTimer(tx: Transaction, now: Date, skip: readonly string[] = []): Promise<TimerRow | undefined> {
  const [row] = await tx
    .select()
    .from(timers)
    .where(and(pending, lte(timers.dueAt, now), skip.length > 0 ? notInArray(timers.id, [...skip]) : undefined))
    .orderBy(asc(timers.dueAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function markTimerFired(tx: Transaction, id: string, now: Date, outcome: string): Promise<void> {
  await tx.update(timers).set({ firedAt: now, outcome }).where(eq(timers.id, id));
}

/** After an unexpected failure: try again later, with the error kept for operators. */
export async function postponeTimer(db: Database, id: string, dueAt: Date, error: string): Promise<void> {
  await db
    .update(timers)
    .set({ dueAt, lastError: error.slice(0, 2000), attempts: sql`${timers.attempts} + 1` })
    .where(eq(timers.id, id));
}

export async function scheduleFollowUp(tx: Transaction, caseId: string, escalationId: string, dueAt: Date, note: string | null, now: Date): Promise<void> {
  // One follow-up per escalation: a new date replaces the previous one.
  await tx
    .update(timers)
    .set({ cancelledAt: now })
    .where(and(eq(timers.escalationId, escalationId), eq(timers.kind, 'opvolging'), pending));
  await tx.insert(timers).values({ caseId, kind: 'opvolging', dueAt, escalationId, note, createdAt: now });
}
