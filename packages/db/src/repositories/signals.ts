/**
 * SQL for signals (a person must look at something: the werkvoorraad of
 * issue 16, migrations 0018 and 0021) and the creation attempts the daily
 * limit counts (security finding 6).
 */
import type { SignalAddressee, SignalData, SignalKind } from '@veilig-samen/domain';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { cases, creationAttempts, signals } from '../schema.js';
import { offsetOf, type Executor, type Page, type Transaction } from '../executor.js';

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
 * Who a werkvoorraad is for: a person (sub), who, as a case manager, is the
 * addressee of the signals for the regisseur of the cases they now direct and
 * of those named to them in person (a proposed regisseur), and the roles or
 * teams they hold in municipalities (a beheerder: their municipalities; an
 * intake team, when membership exists, the same way).
 */
export interface SignalAddressees {
  readonly sub: string;
  /**
   * Whether the caller acts as a case manager: only then are the items the
   * cases they direct imply theirs (issue 17), as a grant of sealed details is
   * (the same person in another role is not the regisseur). Absent: false.
   */
  readonly directs?: boolean;
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
  // The regisseur's items and those named to a person (a proposed regisseur) are a case manager's: the same
  // sub with another role (a beheerder token, a partner's) is not the person who directs or is proposed.
  const parts: SQL[] = to.directs
    ? [
        sql`SELECT s.id FROM ${signals} s WHERE s.addressee_sub = ${to.sub}`,
        sql`SELECT s.id FROM ${signals} s JOIN ${cases} r ON r.id = s.case_id WHERE r.regisseur_id = ${to.sub} AND s.addressee_role = 'regisseur'`,
      ]
    : [];
  for (const { role, municipalities } of to.roles) {
    if (municipalities.length > 0) {
      parts.push(sql`SELECT s.id FROM ${signals} s WHERE s.addressee_role = ${role} AND s.municipality IN (${sql.join(municipalities.map((m) => sql`${m}`), sql`, `)})`);
    }
  }
  if (parts.length === 0) return sql`false`;
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

/** An item of a werkvoorraad: a stored signal, or one a case's state implies (issue 17, `computed`). */
export type WorkListRow = Pick<SignalRow, 'id' | 'kind' | 'caseId' | 'municipality' | 'addresseeRole' | 'dueAt' | 'data' | 'createdAt' | 'doneAt' | 'doneBy'> & { readonly computed: boolean };

/**
 * The identity of an item a case implies: stable while the case implies it
 * (the case, the kind and what it is about: an agreement, a child, the
 * scoring), so a client can recognise it from one read to the next.
 */
const computedItemId = (caseId: SQL, kind: SQL, ref: SQL): SQL =>
  // A name-based UUID of version 8 (RFC 9562: the version and variant bits set over an MD5), so the API's uuid check accepts it.
  sql`overlay(overlay(md5(${caseId}::text || ':' || ${kind} || ':' || ${ref}) placing '8' from 13) placing '8' from 17)::uuid`;

/**
 * The items the regisseur's cases imply (cases.work_items, derived from each
 * snapshot: domain work-items.ts) whose moment to show has come; through
 * cases_regisseur_idx, and `work_from` skips a case with nothing to show yet.
 * They are always open: an item that is done is no longer implied.
 */
function computedItemsOf(sub: string, now: Date): SQL {
  return sql`SELECT ${computedItemId(sql`c.id`, sql`w.kind`, sql`w.ref`)} AS id, w.kind, c.id AS case_id, c.municipality, 'regisseur'::text AS addressee_role,
      w.due_at, w.data, w.show_from AS created_at, NULL::timestamptz AS done_at, NULL::text AS done_by, 0 AS seq, true AS computed
    FROM ${cases} c CROSS JOIN LATERAL jsonb_to_recordset(c.work_items) AS w(kind text, ref text, due_at timestamptz, show_from timestamptz, data jsonb)
    WHERE c.regisseur_id = ${sub} AND c.work_from <= ${now.toISOString()}::timestamptz AND w.show_from <= ${now.toISOString()}::timestamptz`;
}

interface StoredPage {
  readonly rows: { id: string; kind: SignalKind; case_id: string | null; municipality: string; addressee_role: SignalAddressee | null; due_at: string; data: SignalData; created_at: string; done_at: string | null; done_by: string | null; computed: boolean }[];
  readonly total: number;
  readonly counts: Record<string, number>;
  readonly overdue: number;
}

/**
 * A page of someone's werkvoorraad: the signals addressed to them and the
 * items their cases imply, in one list. Open items past their due time first
 * (overdue), then by due time (oldest first), then stored before implied and
 * in the order they were made; with the total, the counts per kind and the
 * overdue count (with the status filter, not the kind filter, so a client
 * filtering one kind still sees how many of the others wait). One statement:
 * the list, its total and its counts come from one reading of the items.
 * A kind added to SIGNAL_KINDS (stored, or implied by work-items.ts) shows
 * here without a change.
 */
export async function listWerkvoorraad(
  db: Executor,
  to: SignalAddressees,
  filter: SignalFilter,
  page: Page,
  now: Date,
): Promise<{ rows: WorkListRow[]; total: number; counts: { kind: SignalKind; count: number }[]; overdue: number }> {
  const stored = sql`SELECT ${signals.id} AS id, ${signals.kind} AS kind, ${signals.caseId} AS case_id, ${signals.municipality} AS municipality, ${signals.addresseeRole} AS addressee_role,
      ${signals.dueAt} AS due_at, ${signals.data} AS data, ${signals.createdAt} AS created_at, ${signals.doneAt} AS done_at, ${signals.doneBy} AS done_by, ${signals.seq} AS seq, false AS computed
    FROM ${signals} WHERE ${and(addressedTo(to), statusCondition(filter.status))}`;
  const items = filter.status === 'afgehandeld' || to.directs !== true ? stored : sql`${stored} UNION ALL ${computedItemsOf(to.sub, now)}`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const overdue = sql`(i.done_at IS NULL AND i.due_at < ${at})`;
  const result = await db.execute<{ page: StoredPage }>(sql`
    WITH items AS (${items}),
      filtered AS (SELECT i.* FROM items i WHERE ${filter.kind ? sql`i.kind = ${filter.kind}` : sql`true`})
    SELECT json_build_object(
      'rows', (SELECT coalesce(json_agg(p ORDER BY p.overdue DESC, p.due_at, p.computed, p.seq, p.id), '[]'::json)
               FROM (SELECT i.*, ${overdue} AS overdue FROM filtered i ORDER BY ${overdue} DESC, i.due_at, i.computed, i.seq, i.id
                     LIMIT ${page.pageSize} OFFSET ${offsetOf(page)}) p),
      'total', (SELECT count(*) FROM filtered),
      'counts', (SELECT coalesce(json_object_agg(k.kind, k.n), '{}'::json) FROM (SELECT i.kind, count(*) AS n FROM items i GROUP BY i.kind) k),
      'overdue', (SELECT count(*) FROM items i WHERE ${overdue})
    ) AS page`);
  const found = result.rows[0]?.page ?? { rows: [], total: 0, counts: {}, overdue: 0 };
  return {
    rows: found.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      caseId: row.case_id,
      municipality: row.municipality,
      addresseeRole: row.addressee_role,
      dueAt: new Date(row.due_at),
      data: row.data,
      createdAt: new Date(row.created_at),
      doneAt: row.done_at === null ? null : new Date(row.done_at),
      doneBy: row.done_by,
      computed: row.computed,
    })),
    total: Number(found.total),
    counts: Object.entries(found.counts).map(([kind, count]) => ({ kind: kind as SignalKind, count: Number(count) })),
    overdue: Number(found.overdue),
  };
}

/**
 * The kind of an item the sub's cases imply now, by its id (computedItemId);
 * undefined when it is none of theirs. Marking such an item done by hand is
 * refused: it goes when the case no longer implies it.
 */
export async function findComputedItem(db: Executor, id: string, sub: string): Promise<{ kind: SignalKind; caseId: string } | undefined> {
  const result = await db.execute<{ kind: SignalKind; case_id: string }>(sql`
    SELECT w.kind, c.id AS case_id FROM ${cases} c CROSS JOIN LATERAL jsonb_to_recordset(c.work_items) AS w(kind text, ref text)
    WHERE c.regisseur_id = ${sub} AND ${computedItemId(sql`c.id`, sql`w.kind`, sql`w.ref`)} = ${id}::uuid LIMIT 1`);
  const row = result.rows[0];
  return row ? { kind: row.kind, caseId: row.case_id } : undefined;
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

/** Marks done the open signals of one kind about one member of the case (their `lidId`): a new record settles them (issue 17). */
export async function closeOpenMemberSignals(tx: Transaction, caseId: string, kind: SignalKind, memberId: string, by: string, at: Date): Promise<void> {
  await tx
    .update(signals)
    .set({ doneAt: at, doneBy: by })
    .where(and(eq(signals.caseId, caseId), eq(signals.kind, kind), isNull(signals.doneAt), sql`${signals.data}->>'lidId' = ${memberId}`));
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
 * for one letter (`brief`), for one member (`lidId`), or both. A recorded
 * sending settles its item; a new start letter replaces the ones not yet
 * sent; a member kept uninformed or split off ends theirs.
 */
export async function closeOpenLetterSignals(tx: Transaction, caseId: string, letter: { readonly brief?: string; readonly lidId?: string }, by: string, at: Date): Promise<void> {
  await tx
    .update(signals)
    .set({ doneAt: at, doneBy: by })
    .where(
      and(
        eq(signals.caseId, caseId),
        eq(signals.kind, 'brief-versturen'),
        isNull(signals.doneAt),
        letter.brief === undefined ? undefined : sql`${signals.data}->>'brief' = ${letter.brief}`,
        letter.lidId === undefined ? undefined : sql`${signals.data}->>'lidId' = ${letter.lidId}`,
      ),
    );
}
