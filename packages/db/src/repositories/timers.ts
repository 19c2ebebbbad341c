/** SQL for durable timers: keep a case's timers in line, claim due ones, record firing. */
import type { DesiredTimer } from '@veilig-samen/domain';
import { and, asc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { timers } from '../schema.js';
import type { Transaction } from './cases.js';

export type TimerRow = typeof timers.$inferSelect;

const pending = and(isNull(timers.firedAt), isNull(timers.cancelledAt));
// The kinds derived from the case's state (follow-ups are set by hand).
const DEADLINE_KINDS = ['veiligheidsdeadline', 'herinnering-deadline', 'huisverbod-einde'];

/** Cancels the case's deadline timers that are no longer wanted and adds the missing ones. */
export async function syncDeadlineTimers(tx: Transaction, caseId: string, desired: readonly DesiredTimer[], now: Date): Promise<void> {
  const existing = await tx
    .select()
    .from(timers)
    .where(and(eq(timers.caseId, caseId), pending, inArray(timers.kind, DEADLINE_KINDS)));
  const key = (t: { kind: string; dueAt: Date; windowNumber: number | null }) => `${t.kind}|${t.dueAt.getTime()}|${t.windowNumber}`;
  const wanted = new Set(desired.map(key));
  const have = new Set(existing.map(key));
  const stale = existing.filter((t) => !wanted.has(key(t))).map((t) => t.id);
  if (stale.length > 0) await tx.update(timers).set({ cancelledAt: now }).where(inArray(timers.id, stale));
  const missing = desired.filter((t) => !have.has(key(t)));
  if (missing.length > 0) {
    await tx.insert(timers).values(missing.map((t) => ({ caseId, kind: t.kind, dueAt: t.dueAt, windowNumber: t.windowNumber, createdAt: now })));
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
