/**
 * SQL for signals (a person must look at something: the werkvoorraad of
 * issue 16, migrations 0018 and 0021) and the creation attempts the daily
 * limit counts (security finding 6).
 */
import type { SignalAddressee, SignalKind } from '@veilig-samen/domain';
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { cases, creationAttempts, signals } from '../schema.js';
import { offsetOf, withTotal, type Executor, type Page, type Transaction } from '../executor.js';

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
export async function hasRoleSignalSince(db: Executor, kind: SignalRow['kind'], municipality: string, addresseeRole: SignalAddressee, actorSub: string, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: signals.id })
    .from(signals)
    .where(and(eq(signals.kind, kind), eq(signals.municipality, municipality), eq(signals.addresseeRole, addresseeRole), eq(signals.actorSub, actorSub), sql`${signals.createdAt} >= ${since}`))
    .limit(1);
  return rows.length > 0;
}

/**
 * Who a werkvoorraad is for: a person (sub), who is the addressee of the
 * signals for the regisseur of the cases they now direct, and the roles or
 * teams they hold in municipalities (a beheerder: their municipalities; an
 * intake team, when membership exists, the same way).
 */
export interface SignalAddressees {
  readonly sub: string;
  readonly roles: readonly { readonly role: Exclude<SignalAddressee, 'regisseur'>; readonly municipalities: readonly string[] }[];
}

/**
 * The signals addressed to them, as a set of ids from indexes: the
 * regisseur's through the cases they direct now (cases_regisseur_idx, then
 * signals_case_idx), so an item follows its case on handover; a role's
 * through signals_role_due_idx; a named person's through signals_open_sub_idx.
 * A UNION rather than an OR of the three: the OR with a subquery cannot use an
 * index and would scan every signal of the region for each page and count
 * (as listCases found for the case list).
 */
function addressedTo(to: SignalAddressees): SQL {
  const parts: SQL[] = [
    sql`SELECT s.id FROM ${signals} s WHERE s.addressee_sub = ${to.sub}`,
    sql`SELECT s.id FROM ${signals} s JOIN ${cases} r ON r.id = s.case_id WHERE r.regisseur_id = ${to.sub} AND s.addressee_role = 'regisseur'`,
  ];
  for (const { role, municipalities } of to.roles) {
    if (municipalities.length > 0) {
      parts.push(sql`SELECT s.id FROM ${signals} s WHERE s.addressee_role = ${role} AND s.municipality IN (${sql.join(municipalities.map((m) => sql`${m}`), sql`, `)})`);
    }
  }
  return sql`${signals.id} IN (${sql.join(parts, sql` UNION ALL `)})`;
}

export interface SignalFilter {
  readonly status: 'open' | 'afgehandeld' | 'alle';
  readonly kind?: SignalKind | undefined;
}

function statusCondition(status: SignalFilter['status']): SQL | undefined {
  if (status === 'open') return isNull(signals.doneAt);
  if (status === 'afgehandeld') return isNotNull(signals.doneAt);
  return undefined;
}

/**
 * A page of someone's werkvoorraad: open items past their due time first,
 * then by due time (oldest first), then in the order they were made; with the
 * total and the counts per kind (the status filter, not the kind filter, so a
 * client filtering one kind still sees how many of the others wait).
 */
export async function listWerkvoorraad(
  db: Executor,
  to: SignalAddressees,
  filter: SignalFilter,
  page: Page,
  now: Date,
): Promise<{ rows: SignalRow[]; total: number; counts: { kind: SignalKind; count: number }[] }> {
  const base = and(addressedTo(to), statusCondition(filter.status));
  const where = and(base, filter.kind ? eq(signals.kind, filter.kind) : undefined);
  const [page_, counts] = await Promise.all([
    withTotal(
      db
        .select()
        .from(signals)
        .where(where)
        .orderBy(desc(sql`(${signals.doneAt} IS NULL AND ${signals.dueAt} < ${now})`), asc(signals.dueAt), asc(signals.seq))
        .limit(page.pageSize)
        .offset(offsetOf(page)),
      db.select({ total: count() }).from(signals).where(where),
    ),
    db.select({ kind: signals.kind, count: count() }).from(signals).where(base).groupBy(signals.kind),
  ]);
  return { ...page_, counts };
}

/** One item of someone's werkvoorraad, locked until the transaction ends; undefined when there is none or it is not theirs. */
export async function lockWerkvoorraadItem(tx: Transaction, id: string, to: SignalAddressees): Promise<SignalRow | undefined> {
  const [row] = await tx.select().from(signals).where(and(eq(signals.id, id), addressedTo(to))).for('update');
  return row;
}

/** Marks an item done; returns it as it now is. */
export async function markSignalDone(tx: Transaction, id: string, by: string, at: Date): Promise<SignalRow | undefined> {
  const [row] = await tx.update(signals).set({ doneAt: at, doneBy: by }).where(and(eq(signals.id, id), isNull(signals.doneAt))).returning();
  return row;
}

/** Marks a case's open items of these kinds done (by the service: what they asked for no longer applies). */
export async function closeOpenCaseSignals(tx: Transaction, caseId: string, kinds: readonly SignalKind[], by: string, at: Date): Promise<void> {
  await tx
    .update(signals)
    .set({ doneAt: at, doneBy: by })
    .where(and(eq(signals.caseId, caseId), inArray(signals.kind, [...kinds]), isNull(signals.doneAt)));
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

/**
 * Marks a case's open `brief-versturen` items done (issue 17 point 7): those
 * for one letter (`brief`), and for one member when `lidId` is given. A
 * recorded sending settles its item; a new start letter replaces the ones
 * not yet sent.
 */
export async function closeOpenLetterSignals(tx: Transaction, caseId: string, letter: { readonly brief: string; readonly lidId?: string }, by: string, at: Date): Promise<void> {
  await tx
    .update(signals)
    .set({ doneAt: at, doneBy: by })
    .where(
      and(
        eq(signals.caseId, caseId),
        eq(signals.kind, 'brief-versturen'),
        isNull(signals.doneAt),
        sql`${signals.data}->>'brief' = ${letter.brief}`,
        letter.lidId === undefined ? undefined : sql`${signals.data}->>'lidId' = ${letter.lidId}`,
      ),
    );
}
