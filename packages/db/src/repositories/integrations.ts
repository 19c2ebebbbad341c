/** SQL for integrations: idempotency keys, message receipts, household keys, followers, webhooks and their outbox. */
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { caseFollowers, deliveries, householdKeys, idempotencyKeys, messages, subscriptions } from '../schema.js';
import { offsetOf, withTotal, type Executor, type Page, type Transaction } from '../executor.js';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;

// ------------------------------------------------------------ idempotency

export type IdempotencyClaim =
  /** This request runs; `claimedAt` proves it still owns the key when it completes. */
  | { readonly state: 'new'; readonly claimedAt: Date }
  | { readonly state: 'replay'; readonly row: IdempotencyRow }
  | { readonly state: 'mismatch' }
  | { readonly state: 'in-flight' };

/**
 * Claims a key for a request. `new`: this request runs; `replay`: a finished
 * request with the same body; `mismatch`: the key was used for another body;
 * `in-flight`: the first request still runs (or ran less than `staleAfterMs`
 * ago and died; after that the key is taken over).
 */
export async function claimIdempotencyKey(
  db: Database,
  claim: { clientId: string; key: string; requestHash: string; now: Date; expiresAt: Date; staleAfterMs: number },
): Promise<IdempotencyClaim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ clientId: claim.clientId, key: claim.key, requestHash: claim.requestHash, status: 'in-behandeling', createdAt: claim.now, expiresAt: claim.expiresAt })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length > 0) return { state: 'new', claimedAt: claim.now };
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.clientId, claim.clientId), eq(idempotencyKeys.key, claim.key)));
    if (!row) continue;
    if (row.expiresAt.getTime() <= claim.now.getTime()) {
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.clientId, claim.clientId), eq(idempotencyKeys.key, claim.key), lt(idempotencyKeys.expiresAt, claim.now)));
      continue;
    }
    if (row.requestHash !== claim.requestHash) return { state: 'mismatch' };
    if (row.status === 'klaar') return { state: 'replay', row };
    if (row.createdAt.getTime() < claim.now.getTime() - claim.staleAfterMs) {
      const taken = await db
        .update(idempotencyKeys)
        .set({ createdAt: claim.now })
        .where(and(eq(idempotencyKeys.clientId, claim.clientId), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.status, 'in-behandeling'), eq(idempotencyKeys.createdAt, row.createdAt)))
        .returning({ key: idempotencyKeys.key });
      if (taken.length > 0) return { state: 'new', claimedAt: claim.now };
    }
    return { state: 'in-flight' };
  }
  return { state: 'in-flight' };
}

/** The key as this request claimed it: still running, and not taken over since (same claim time). */
function ownedClaim(clientId: string, key: string, claimedAt: Date) {
  return and(
    eq(idempotencyKeys.clientId, clientId),
    eq(idempotencyKeys.key, key),
    eq(idempotencyKeys.status, 'in-behandeling'),
    eq(idempotencyKeys.createdAt, claimedAt),
  );
}

/** Stores the response; false when another request took the key over meanwhile (then this one must not take effect). */
export async function completeIdempotencyKey(
  db: Executor,
  clientId: string,
  key: string,
  claimedAt: Date,
  response: { status: number; body: unknown; headers: Record<string, string> },
): Promise<boolean> {
  const updated = await db
    .update(idempotencyKeys)
    .set({ status: 'klaar', responseStatus: response.status, responseBody: response.body, responseHeaders: response.headers })
    .where(ownedClaim(clientId, key, claimedAt))
    .returning({ key: idempotencyKeys.key });
  return updated.length > 0;
}

/** After an unexpected failure nothing was done: the client may retry with the same key. */
export async function releaseIdempotencyKey(db: Database, clientId: string, key: string, claimedAt: Date): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(ownedClaim(clientId, key, claimedAt));
}

export async function deleteExpiredIdempotencyKeys(db: Database, now: Date): Promise<number> {
  const deleted = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  return deleted.length;
}

// ------------------------------------------------------------ receipts

export async function insertMessage(db: Executor, row: typeof messages.$inferInsert): Promise<void> {
  await db.insert(messages).values(row);
}

/** An undone merge: the message's receipt now names the case its members moved to. */
export async function moveMessageToCase(tx: Executor, id: string, caseId: string): Promise<void> {
  await tx.update(messages).set({ caseId, status: 'geaccepteerd' }).where(eq(messages.id, id));
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

// ------------------------------------------------------------ household matching

export async function addHouseholdKeys(tx: Transaction, caseId: string, municipality: string, keys: readonly { keyHash: string; kind: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await tx
    .insert(householdKeys)
    .values(keys.map((k) => ({ caseId, municipality, keyHash: k.keyHash, kind: k.kind })))
    .onConflictDoNothing();
}

/**
 * Serialises work on one household: a transaction-scoped advisory lock per
 * key, taken in sorted order (no deadlocks), so two messages about the same
 * household cannot both decide it has no case yet. Region-wide, as matching
 * is (issue 16: a household that moves keeps its keys).
 */
export async function lockHouseholdKeys(tx: Transaction, keyHashes: readonly string[]): Promise<void> {
  for (const keyHash of [...new Set(keyHashes)].sort()) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`huishouden:${keyHash}`}))`);
  }
}

/** Which cases of the region hold which of these keys (matching is region-wide, not per municipality). */
export async function householdKeyMatches(db: Executor, keyHashes: readonly string[]): Promise<{ caseId: string; keyHash: string }[]> {
  if (keyHashes.length === 0) return [];
  return db
    .selectDistinct({ caseId: householdKeys.caseId, keyHash: householdKeys.keyHash })
    .from(householdKeys)
    .where(inArray(householdKeys.keyHash, [...new Set(keyHashes)]));
}

/** The keys a case is recognised by (its members' and those its messages brought, a BSN among them). */
export async function householdKeysOfCase(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ keyHash: householdKeys.keyHash }).from(householdKeys).where(eq(householdKeys.caseId, caseId));
  return rows.map((r) => r.keyHash);
}

/** Cases of the region that share any of these keys. */
export async function casesWithKeys(db: Executor, keyHashes: readonly string[]): Promise<string[]> {
  return [...new Set((await householdKeyMatches(db, keyHashes)).map((r) => r.caseId))];
}

/** An undone merge: the keys the message brought leave the case with its members. */
export async function removeHouseholdKeys(tx: Transaction, caseId: string, keyHashes: readonly string[]): Promise<void> {
  if (keyHashes.length === 0) return;
  await tx.delete(householdKeys).where(and(eq(householdKeys.caseId, caseId), inArray(householdKeys.keyHash, [...keyHashes])));
}

export async function isFollowing(db: Executor, caseId: string, organisation: string): Promise<boolean> {
  const rows = await db
    .select({ caseId: caseFollowers.caseId })
    .from(caseFollowers)
    .where(and(eq(caseFollowers.caseId, caseId), eq(caseFollowers.organisation, organisation)))
    .limit(1);
  return rows.length > 0;
}

export async function followCase(tx: Executor, caseId: string, organisation: string, now: Date): Promise<void> {
  await tx.insert(caseFollowers).values({ caseId, organisation, since: now }).onConflictDoNothing();
}

// ------------------------------------------------------------ webhooks

export async function insertSubscription(db: Database, row: typeof subscriptions.$inferInsert): Promise<SubscriptionRow> {
  const [inserted] = await db.insert(subscriptions).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

/**
 * A page of the active subscriptions that cover only these municipalities
 * (a beheerder manages no subscription reaching beyond their own), oldest first.
 */
export async function listSubscriptions(db: Executor, municipalities: readonly string[], page: Page): Promise<{ rows: SubscriptionRow[]; total: number }> {
  const where = and(eq(subscriptions.active, true), sql`${subscriptions.municipalities} <@ ${JSON.stringify(municipalities)}::jsonb`);
  return withTotal(
    db.select().from(subscriptions).where(where).orderBy(asc(subscriptions.createdAt), asc(subscriptions.id)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(subscriptions).where(where),
  );
}

export async function findSubscription(db: Executor, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row;
}

export async function deactivateSubscription(db: Database, id: string): Promise<boolean> {
  const rows = await db.update(subscriptions).set({ active: false }).where(and(eq(subscriptions.id, id), eq(subscriptions.active, true))).returning({ id: subscriptions.id });
  return rows.length > 0;
}

/**
 * Active subscriptions that want this event, for the case's municipality (set by a beheerder of that municipality);
 * `aboutCase` false: only those whose format can carry a message about no case (a Notificaties message is about a zaak).
 */
export async function subscriptionsFor(tx: Executor, municipality: string, eventType: string, aboutCase = true): Promise<SubscriptionRow[]> {
  return tx
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.active, true),
        sql`${subscriptions.events} ? ${eventType}`,
        sql`${subscriptions.municipalities} ? ${municipality}`,
        aboutCase ? undefined : eq(subscriptions.format, 'standard-webhooks'),
      ),
    );
}

export async function insertDeliveries(tx: Transaction, rows: (typeof deliveries.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(deliveries).values(rows);
}

/** The next due delivery whose earlier deliveries (same subscription, same case) are all done: order per case. */
export async function claimDueDelivery(tx: Transaction, now: Date): Promise<DeliveryRow | undefined> {
  const [row] = await tx
    .select()
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'wachtend'),
        sql`${deliveries.nextAttemptAt} <= ${now}`,
        sql`NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.subscription_id = ${deliveries.subscriptionId}
                        AND e.case_id = ${deliveries.caseId} AND e.status = 'wachtend' AND e.seq < ${deliveries.seq})`,
      ),
    )
    .orderBy(deliveries.nextAttemptAt, deliveries.seq)
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function updateDelivery(tx: Transaction, seq: number, values: Partial<typeof deliveries.$inferInsert>): Promise<void> {
  await tx.update(deliveries).set(values).where(eq(deliveries.seq, seq));
}

export async function listDeliveries(db: Executor, subscriptionId: string, page: Page): Promise<{ rows: DeliveryRow[]; total: number }> {
  return withTotal(
    db.select().from(deliveries).where(eq(deliveries.subscriptionId, subscriptionId)).orderBy(desc(deliveries.seq)).limit(page.pageSize).offset(offsetOf(page)),
    db.select({ total: count() }).from(deliveries).where(eq(deliveries.subscriptionId, subscriptionId)),
  );
}
