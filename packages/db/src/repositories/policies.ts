import type { Policy } from '@veilig-samen/domain';
import { and, count, desc, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { policyVersions } from '../schema.js';
import { offsetOf, withTotal, type Page, type Transaction } from '../executor.js';

/** The reason recorded with the version a new deployment starts with. */
export const INITIAL_POLICY_REASON = 'beginbeleid bij de eerste start van de dienst (de standaardafspraak uit de brondocumenten)';

/**
 * Gives a region its first policy version when it has none, so a new
 * deployment works at once with the agreement from the source documents.
 * Safe when several instances start together (the unique key decides).
 */
export async function ensureInitialPolicy(db: Database, policy: Policy, now: Date, createdBy: string): Promise<void> {
  await db
    .insert(policyVersions)
    .values({ ...policy, validFrom: now, createdAt: now, createdBy, reason: INITIAL_POLICY_REASON })
    .onConflictDoNothing({ target: [policyVersions.region, policyVersions.version] });
}

/** The version in force at a moment: the newest one that started on or before it. */
export async function policyInForce(db: Database, region: string, at: Date): Promise<Policy | undefined> {
  const rows = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.region, region), lte(policyVersions.validFrom, at)))
    .orderBy(desc(policyVersions.version))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return {
    region: row.region,
    version: row.version,
    safetyThreshold: row.safetyThreshold,
    escalationWindowMonths: row.escalationWindowMonths,
    stabilityMonths: row.stabilityMonths,
    stabilityMinScores: row.stabilityMinScores,
    stabilityLatestScoreMonths: row.stabilityLatestScoreMonths,
    reminderDaysBeforeDeadline: row.reminderDaysBeforeDeadline,
    scope: row.scope,
    scoringIntervalWeeksSafety: row.scoringIntervalWeeksSafety,
    scoringIntervalWeeksLater: row.scoringIntervalWeeksLater,
    workListDaysAhead: row.workListDaysAhead,
    mdaReviewMonths: row.mdaReviewMonths,
  };
}

export type PolicyVersionRow = typeof policyVersions.$inferSelect;

/** A page of the region's policy versions, newest first. */
export async function listPolicyVersions(db: Database, region: string, page: Page): Promise<{ rows: PolicyVersionRow[]; total: number }> {
  const where = eq(policyVersions.region, region);
  return withTotal(
    db.select().from(policyVersions).where(where).orderBy(desc(policyVersions.version)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(policyVersions).where(where),
  );
}

export interface PolicyAdoption {
  readonly validFrom: Date;
  readonly now: Date;
  /** Who adopts it (the caller's sub). */
  readonly createdBy: string;
  /** Why (required). */
  readonly reason: string;
}

/**
 * Adds the next version of a region's policy. A transaction-scoped advisory
 * lock on the region serialises concurrent additions, so versions have no gaps.
 * `audit` runs last in the same transaction (the access-log row commits with
 * the version, or neither does).
 */
export async function addPolicyVersion(
  db: Database,
  policy: Omit<Policy, 'version'>,
  adoption: PolicyAdoption,
  audit?: (tx: Transaction) => Promise<void>,
): Promise<PolicyVersionRow> {
  const { validFrom, now, createdBy, reason } = adoption;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`policy:${policy.region}`}))`);
    const [latest] = await tx
      .select({ version: policyVersions.version })
      .from(policyVersions)
      .where(eq(policyVersions.region, policy.region))
      .orderBy(desc(policyVersions.version))
      .limit(1);
    const [row] = await tx
      .insert(policyVersions)
      .values({ ...policy, version: (latest?.version ?? 0) + 1, validFrom, createdAt: now, createdBy, reason })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await audit?.(tx);
    return row;
  });
}
