/** SQL for escalations (the coordinator's queue) and MDA++ expert meetings. */
import { and, arrayContains, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { EscalationReason, EscalationStatus } from '@veilig-samen/domain';
import { escalations, expertMeetingExperts, expertMeetingItems, expertMeetings, mdaReviews, type MdaReviewStatus } from '../schema.js';
import { offsetOf, withTotal, type Executor, type Page, type Transaction } from '../executor.js';
export type EscalationRow = typeof escalations.$inferSelect;
export type ExpertMeetingRow = typeof expertMeetings.$inferSelect;
export type ExpertMeetingItemRow = typeof expertMeetingItems.$inferSelect;
export type MdaReviewRow = typeof mdaReviews.$inferSelect;
export type { MdaReviewStatus };
export type ExpertMeetingExpertRow = typeof expertMeetingExperts.$inferSelect;

export async function insertEscalation(tx: Transaction, row: typeof escalations.$inferInsert): Promise<void> {
  await tx.insert(escalations).values(row);
}

export async function recordEscalationDecision(
  tx: Transaction,
  id: string,
  decision: {
    status: EscalationStatus;
    decidedAt: Date;
    decidedBy: string;
    reasoning: string;
    advice: string | null;
    /** Taken in an expert meeting (issue 18 point 2). */
    decisionMeetingId?: string | null;
    decisionItemId?: string | null;
    decisionParticipants?: string[] | null;
  },
): Promise<void> {
  await tx.update(escalations).set(decision).where(eq(escalations.id, id));
}

/** The reasons an escalation carries now (the deadline joined one made by hand). */
export async function addEscalationReasons(tx: Transaction, id: string, reasons: readonly EscalationReason[]): Promise<void> {
  await tx.update(escalations).set({ reasons: [...reasons] }).where(eq(escalations.id, id));
}

/** The case's escalation in the MDA++ traject ends with its de-escalation (afschaling). */
export async function endMdaTrajectory(tx: Transaction, caseId: string): Promise<void> {
  await tx.update(escalations).set({ status: 'afgeschaald' }).where(and(eq(escalations.caseId, caseId), eq(escalations.status, 'mda-traject')));
}

/** The case's escalation still waiting for the coordinator's decision, if any. */
export async function openEscalationOfCase(db: Executor, caseId: string): Promise<EscalationRow | undefined> {
  const [row] = await db.select().from(escalations).where(and(eq(escalations.caseId, caseId), eq(escalations.status, 'open')));
  return row;
}

export async function findEscalation(db: Executor, id: string): Promise<EscalationRow | undefined> {
  const [row] = await db.select().from(escalations).where(eq(escalations.id, id));
  return row;
}

export async function lockEscalation(tx: Transaction, id: string): Promise<EscalationRow | undefined> {
  const [row] = await tx.select().from(escalations).where(eq(escalations.id, id)).for('update');
  return row;
}

export interface EscalationFilter {
  readonly region: string;
  readonly statuses?: readonly EscalationStatus[];
  readonly municipality?: string;
  readonly reason?: EscalationReason;
}

function escalationWhere(filter: EscalationFilter): SQL | undefined {
  const conditions: SQL[] = [eq(escalations.region, filter.region)];
  if (filter.statuses) conditions.push(inArray(escalations.status, [...filter.statuses]));
  if (filter.municipality) conditions.push(eq(escalations.municipality, filter.municipality));
  // Any reason it carries: an escalation by hand that the deadline joined is also a deadline escalation.
  if (filter.reason) conditions.push(arrayContains(escalations.reasons, [filter.reason]));
  return and(...conditions);
}

/** The queue: oldest first. */
export async function listEscalations(db: Executor, filter: EscalationFilter, page: Page): Promise<{ rows: EscalationRow[]; total: number }> {
  const where = escalationWhere(filter);
  const [rows, totals] = await Promise.all([
    db.select().from(escalations).where(where).orderBy(asc(escalations.createdAt), asc(escalations.id)).limit(page.pageSize).offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(escalations).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Marks the follow-up due; false when another transaction holds the escalation (try again later). */
export async function markFollowUpDue(tx: Transaction, escalationId: string, now: Date): Promise<boolean> {
  const [row] = await tx.select({ id: escalations.id }).from(escalations).where(eq(escalations.id, escalationId)).for('update', { skipLocked: true });
  if (!row) return false;
  await tx.update(escalations).set({ followUpDueSince: now }).where(eq(escalations.id, escalationId));
  return true;
}

export async function setEscalationFollowUp(tx: Transaction, escalationId: string, at: Date, note: string | null): Promise<void> {
  await tx.update(escalations).set({ followUpAt: at, followUpNote: note, followUpDueSince: null }).where(eq(escalations.id, escalationId));
}

// ------------------------------------------------------------ expert meetings

export async function insertExpertMeeting(db: Database, row: typeof expertMeetings.$inferInsert): Promise<ExpertMeetingRow> {
  const [inserted] = await db.insert(expertMeetings).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function lockExpertMeeting(tx: Transaction, id: string): Promise<ExpertMeetingRow | undefined> {
  const [row] = await tx.select().from(expertMeetings).where(eq(expertMeetings.id, id)).for('update');
  return row;
}

export async function findExpertMeeting(db: Executor, id: string): Promise<ExpertMeetingRow | undefined> {
  const [row] = await db.select().from(expertMeetings).where(eq(expertMeetings.id, id));
  return row;
}

/** A page of the region's expert meetings (optionally of one status), by date. */
export async function listExpertMeetings(
  db: Executor,
  region: string,
  status: 'gepland' | 'gesloten' | undefined,
  page: Page,
): Promise<{ rows: ExpertMeetingRow[]; total: number }> {
  const where = and(eq(expertMeetings.region, region), status === undefined ? undefined : eq(expertMeetings.status, status));
  return withTotal(
    db.select().from(expertMeetings).where(where).orderBy(asc(expertMeetings.date), asc(expertMeetings.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(expertMeetings).where(where),
  );
}

export async function listMeetingItems(db: Executor, meetingId: string): Promise<ExpertMeetingItemRow[]> {
  return db.select().from(expertMeetingItems).where(eq(expertMeetingItems.meetingId, meetingId)).orderBy(asc(expertMeetingItems.position));
}

export async function insertMeetingItem(tx: Transaction, row: typeof expertMeetingItems.$inferInsert): Promise<ExpertMeetingItemRow> {
  const [inserted] = await tx.insert(expertMeetingItems).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function deleteMeetingItem(tx: Transaction, meetingId: string, itemId: string): Promise<boolean> {
  const deleted = await tx
    .delete(expertMeetingItems)
    .where(and(eq(expertMeetingItems.meetingId, meetingId), eq(expertMeetingItems.id, itemId)))
    .returning({ id: expertMeetingItems.id });
  return deleted.length > 0;
}

export async function updateMeetingItem(tx: Transaction, itemId: string, values: Partial<typeof expertMeetingItems.$inferInsert>): Promise<void> {
  await tx.update(expertMeetingItems).set(values).where(eq(expertMeetingItems.id, itemId));
}

export async function closeExpertMeeting(tx: Transaction, id: string, values: { minutes: string; closedAt: Date; closedBy: string }): Promise<void> {
  await tx.update(expertMeetings).set({ ...values, status: 'gesloten' }).where(eq(expertMeetings.id, id));
}

// ------------------------------------------------------------ reviews of the MDA++ track (issue 18 point 4)

export async function insertMdaReview(tx: Transaction, row: typeof mdaReviews.$inferInsert): Promise<void> {
  await tx.insert(mdaReviews).values(row);
}

export async function findMdaReview(db: Executor, id: string): Promise<MdaReviewRow | undefined> {
  const [row] = await db.select().from(mdaReviews).where(eq(mdaReviews.id, id));
  return row;
}

export async function lockMdaReview(tx: Transaction, id: string): Promise<MdaReviewRow | undefined> {
  const [row] = await tx.select().from(mdaReviews).where(eq(mdaReviews.id, id)).for('update');
  return row;
}

/** Settles the case's waiting review (there is at most one): the track goes on, or ended. */
export async function settleOpenMdaReview(
  tx: Transaction,
  caseId: string,
  outcome: { status: Exclude<MdaReviewStatus, 'open'>; recordedAt: Date; recordedBy: string; explanation: string; nextReviewAt: Date | null },
): Promise<void> {
  await tx.update(mdaReviews).set(outcome).where(and(eq(mdaReviews.caseId, caseId), eq(mdaReviews.status, 'open')));
}

/** The region's reviews in one status, the earliest due first. */
export async function listMdaReviews(db: Executor, filter: { region: string; status: MdaReviewStatus }, page: Page): Promise<{ rows: MdaReviewRow[]; total: number }> {
  const where = and(eq(mdaReviews.region, filter.region), eq(mdaReviews.status, filter.status));
  return withTotal(
    db.select().from(mdaReviews).where(where).orderBy(asc(mdaReviews.dueAt), asc(mdaReviews.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(mdaReviews).where(where),
  );
}

/** Opens the sitting (issue 18 point 3). */
export async function startExpertMeeting(tx: Transaction, id: string, values: { startedAt: Date; startedBy: string }): Promise<void> {
  await tx.update(expertMeetings).set(values).where(eq(expertMeetings.id, id));
}

/** The experts registered for a meeting, in the order they were registered. */
export async function listMeetingExperts(db: Executor, meetingId: string): Promise<ExpertMeetingExpertRow[]> {
  return db
    .select()
    .from(expertMeetingExperts)
    .where(eq(expertMeetingExperts.meetingId, meetingId))
    .orderBy(asc(expertMeetingExperts.registeredAt), asc(expertMeetingExperts.subject));
}

/** Registers an expert; false when the same sub is registered for this meeting already. */
export async function insertMeetingExpert(tx: Transaction, row: typeof expertMeetingExperts.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(expertMeetingExperts).values(row).onConflictDoNothing().returning({ subject: expertMeetingExperts.subject });
  return inserted.length > 0;
}

export async function deleteMeetingExpert(tx: Transaction, meetingId: string, subject: string): Promise<boolean> {
  const deleted = await tx
    .delete(expertMeetingExperts)
    .where(and(eq(expertMeetingExperts.meetingId, meetingId), eq(expertMeetingExperts.subject, subject)))
    .returning({ subject: expertMeetingExperts.subject });
  return deleted.length > 0;
}

/**
 * The meeting, when this sub is registered as an expert for it and the case
 * is on its agenda: what an expert's reading is judged on (issue 18 point 3),
 * in one statement, so an unregistered caller, another meeting's case and a
 * made-up id all read the same nothing.
 */
export async function meetingOfExpertCase(db: Executor, meetingId: string, subject: string, caseId: string): Promise<ExpertMeetingRow | undefined> {
  const [row] = await db
    .select({ meeting: expertMeetings })
    .from(expertMeetings)
    .innerJoin(expertMeetingExperts, and(eq(expertMeetingExperts.meetingId, expertMeetings.id), eq(expertMeetingExperts.subject, subject)))
    .innerJoin(expertMeetingItems, and(eq(expertMeetingItems.meetingId, expertMeetings.id), eq(expertMeetingItems.caseId, caseId)))
    .where(eq(expertMeetings.id, meetingId))
    .limit(1);
  return row?.meeting;
}
