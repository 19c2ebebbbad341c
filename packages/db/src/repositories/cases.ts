/**
 * SQL for cases and their event log. Functions take an executor (the pool's
 * drizzle instance or a transaction), so the use-case decides the
 * transaction boundary: one command, one transaction.
 */
import {
  caseDesignation,
  persistCase,
  restoreCase,
  summarize,
  workItemsOf,
  type CaseSnapshot,
  type Phase,
  type StoredCaseEvent,
} from '@veilig-samen/domain';
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, lt, sql, type SQL, isNull } from 'drizzle-orm';
import { offsetOf, withTotal, type Executor, type Page, type Transaction } from '../executor.js';
import { caseEvents, cases, caseSearch, type StoredWorkItem } from '../schema.js';
import { neitherGone } from './directory.js';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/** The columns a snapshot determines: state plus what queries filter on (none depends on "now"). */
export function caseColumns(snapshot: CaseSnapshot, region: string) {
  const summary = summarize(snapshot, new Date(snapshot.context.faseSinds));
  const context = snapshot.context;
  return {
    id: context.id,
    region,
    municipality: context.gemeente,
    phase: summary.fase,
    regisseurId: summary.regisseur.id,
    regisseurOrganisation: summary.regisseur.organisatie,
    state: persistCase(snapshot),
    safetyDeadline: new Date(summary.veiligheidsdeadline),
    windowStart: new Date(summary.venster.start),
    windowReason: summary.venster.reden,
    thresholdReachedAt: summary.venster.drempelBereiktOp ? new Date(summary.venster.drempelBereiktOp) : null,
    ruleApplies: summary.venster.regelVanToepassing ?? true,
    latestScore: summary.laatsteVeiligheidsscore,
    latestScoreAt: context.laatsteScore ? new Date(context.laatsteScore.gescoordOp) : null,
    escalated: summary.opgeschaald,
    policyVersion: summary.venster.beleid.version,
    phaseSince: new Date(context.faseSinds),
    openedAt: new Date(context.geopendOp),
    closedAt: context.afsluiting ? new Date(context.afsluiting.op) : null,
    designation: caseDesignation(context),
    ...workColumns(snapshot),
  };
}

/** The werkvoorraad items the snapshot implies (issue 17), and when the first of them shows. */
export function workColumns(snapshot: CaseSnapshot): { workItems: StoredWorkItem[]; workFrom: Date | null } {
  const items = workItemsOf(snapshot);
  const workFrom = items.map((item) => item.showFrom).sort()[0];
  return {
    workItems: items.map((item) => ({ kind: item.kind, ref: item.ref, due_at: item.dueAt, show_from: item.showFrom, data: item.data })),
    workFrom: workFrom === undefined ? null : new Date(workFrom),
  };
}

export function eventRow(caseId: string, seq: number, event: StoredCaseEvent) {
  return {
    caseId,
    seq,
    type: event.type,
    payload: event,
    actorSub: event.door.sub,
    actorRole: event.door.rol,
    actorOrganisation: event.door.organisatie,
    occurredAt: new Date(event.op),
  };
}

export async function insertCase(tx: Transaction, snapshot: CaseSnapshot, region: string, opened: StoredCaseEvent, now: Date): Promise<CaseRow> {
  const [row] = await tx
    .insert(cases)
    .values({ ...caseColumns(snapshot, region), version: 1, updatedAt: now })
    .returning();
  await tx.insert(caseEvents).values(eventRow(snapshot.context.id, 1, opened));
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * Loads a case and locks its row until the transaction ends. With
 * `skipLocked`, a row another transaction holds is not waited for (the
 * timer worker uses this so it never waits on a case while holding a timer).
 */
export async function lockCase(tx: Transaction, id: string, options: { skipLocked?: boolean } = {}): Promise<CaseRow | undefined> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(eq(cases.id, id))
    .for('update', options.skipLocked ? { skipLocked: true } : {});
  return row;
}

/** Whether a case exists, without waiting for or taking its lock. */
export async function caseExists(db: Executor, id: string): Promise<boolean> {
  const rows = await db.select({ id: cases.id }).from(cases).where(eq(cases.id, id)).limit(1);
  return rows.length > 0;
}

/** Whether any case is stored (the demo seeds only an empty database). */
export async function anyCaseStored(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: cases.id }).from(cases).limit(1);
  return rows.length > 0;
}

/** A case's version as stored now, without its lock (the demo's next command starts from it). */
export async function caseVersion(db: Executor, id: string): Promise<number | undefined> {
  const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, id));
  return row?.version;
}

/** Appends the event as seq version+1 and stores the new snapshot. */
export async function appendCaseEvent(
  tx: Transaction,
  current: CaseRow,
  snapshot: CaseSnapshot,
  event: StoredCaseEvent,
  now: Date,
): Promise<CaseRow> {
  const version = current.version + 1;
  await tx.insert(caseEvents).values(eventRow(current.id, version, event));
  const changes = { ...caseColumns(snapshot, current.region), version, updatedAt: now };
  // No RETURNING: the new row is the locked row with these changes, so reading it back would only cost.
  const result = await tx
    .update(cases)
    .set(changes)
    .where(and(eq(cases.id, current.id), eq(cases.version, current.version)));
  if (result.rowCount !== 1) throw new Error(`case ${current.id} changed while locked`);
  return { ...current, ...changes };
}

export async function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row;
}

export async function findCases(db: Executor, ids: readonly string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(cases).where(inArray(cases.id, [...ids]));
}

export async function listCaseEvents(db: Executor, caseId: string): Promise<CaseEventRow[]> {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
}

/**
 * A page of a case's events by key: the `limit` events after `afterSeq`, found
 * through the (case_id, seq) primary key however long the log; one more is
 * read to tell whether a next page exists.
 */
export async function listCaseEventPage(db: Executor, caseId: string, afterSeq: number, limit: number): Promise<{ rows: CaseEventRow[]; more: boolean }> {
  const rows = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), gt(caseEvents.seq, afterSeq)))
    .orderBy(asc(caseEvents.seq))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** Only the payloads of a case's events, in order: for what needs the whole history (the phases it went through, what was ever sealed). */
export async function listCaseEventPayloads(db: Executor, caseId: string): Promise<CaseEventRow['payload'][]> {
  const rows = await db.select({ payload: caseEvents.payload }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
  return rows.map((row) => row.payload);
}

export interface CaseFilter {
  /** Only cases in these municipalities. */
  readonly municipalities?: readonly string[];
  /** Only cases this professional directs or is named in personally (an organisation entry gives only the partner view). */
  readonly involved?: {
    readonly sub: string;
    /**
     * And the cases of regisseurs this professional stands in for at `at`
     * (issue 16 point 14), in these municipalities, except where they are on
     * the perpetrator's side: as services/api/src/cases/access.ts judges it.
     */
    readonly substitute?: { readonly at: Date; readonly municipalities: readonly string[] };
  };
  readonly phase?: Phase;
  readonly regisseurId?: string;
  readonly escalated?: boolean;
  readonly deadlineBefore?: Date;
  /** Only households with a member of this name or birth date, best match first (issue 17 point 2; case-search.ts). */
  readonly search?: CaseSearch;
  /**
   * With a search: the caller's identities in consent records (consent.ts
   * readerKeyTexts). A member who refused or withdrew consent to share with
   * any of them (case_search.withheld_from) does not make a household found
   * and is not named as matched, except in the cases the caller directs or
   * stands in for (`involved`): the regisseur is never withheld from, as
   * services/api/src/cases/access.ts withheldFrom judges it for the case view.
   */
  readonly consentKeys?: readonly string[];
}

/** A search among the cases: by name (a trigram match on the normalised display name) or by birth date (YYYY-MM-DD). */
export type CaseSearch = { readonly name: string } | { readonly birthDate: string };

/**
 * How alike a name must be (pg_trgm's word_similarity of the term with the
 * closest part of the name, 0 to 1) to be found: 0.5 lets "Amrni" find
 * "Fatima el Amrani" and "Mueller" "Anna Müller", not "Jansen" "Jan de Vries".
 */
export const NAME_SEARCH_THRESHOLD = 0.5;

/** A case in a list: every column but the snapshot, which a list never shows and which is most of a row's size. */
export type CaseListRow = Omit<CaseRow, 'state'>;
const { state: _state, ...listColumns } = getTableColumns(cases);

/** A search's match with the members it matched (issue 17: the search's access-log rows name them, per case). */
export type CaseSearchRow = CaseListRow & { readonly matchedMemberIds?: readonly string[] };

/**
 * The ids of the cases this professional directs, and (with `substitute`) of
 * the regisseurs they stand in for at that moment, in those municipalities,
 * except where they are on the perpetrator's side or in the network
 * personally (access.ts gives them their own entry's rights there, not the
 * regisseur's): who has the regisseur's rights, as
 * services/api/src/cases/access.ts judges it. (The list adds the cases with a
 * personal entry anyway.)
 */
function directedBy(involved: NonNullable<CaseFilter['involved']>): SQL {
  const { sub, substitute } = involved;
  const substituting = substitute
    ? sql`
      UNION
      SELECT r.id FROM substitutions JOIN cases r ON r.regisseur_id = substitutions.regisseur_sub
      WHERE substitutions.substitute_sub = ${sub} AND substitutions.cancelled_at IS NULL
        AND substitutions.starts_at <= ${substitute.at} AND substitutions.ends_at > ${substitute.at}
        AND r.municipality = ANY(${sql.param([...substitute.municipalities])}::text[])
        AND ${neitherGone()}
        AND NOT EXISTS (SELECT 1 FROM case_involvements cp WHERE cp.case_id = r.id AND cp.kind = 'professional' AND cp.subject = ${sub}
          AND (cp.side = 'pleger' OR cp.removed_at IS NULL))`
    : sql``;
  return sql`SELECT r.id FROM cases r WHERE r.regisseur_id = ${sub}${substituting}`;
}

export async function listCases(db: Executor, filter: CaseFilter, page: Page): Promise<{ rows: CaseSearchRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.municipalities) conditions.push(inArray(cases.municipality, [...filter.municipalities]));
  if (filter.involved) {
    const { sub } = filter.involved;
    // A set of ids from two indexes (regisseur, involvement subject) rather than "regisseur OR EXISTS": the OR
    // cannot use an index and would scan every case of the region for each page and each count.
    conditions.push(sql`${cases.id} IN (
      ${directedBy(filter.involved)}
      UNION
      SELECT ci.case_id FROM case_involvements ci WHERE ci.removed_at IS NULL
        AND ci.kind = 'professional' AND ci.subject = ${sub})`);
  }
  if (filter.phase) conditions.push(eq(cases.phase, filter.phase));
  if (filter.regisseurId) conditions.push(eq(cases.regisseurId, filter.regisseurId));
  if (filter.escalated !== undefined) conditions.push(eq(cases.escalated, filter.escalated));
  if (filter.deadlineBefore) conditions.push(lt(cases.safetyDeadline, filter.deadlineBefore));
  const where = and(...conditions);
  if (filter.search) return searchCaseRows(db, filter.search, where, page, searchableMember(filter));
  return withTotal(
    db
      .select(listColumns)
      .from(cases)
      .where(where)
      // Stable order: oldest case first, the id breaks ties.
      .orderBy(asc(cases.openedAt), asc(cases.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db.select({ total: count() }).from(cases).where(where),
  );
}

/**
 * Which search rows the caller may find a household through: not those of a
 * member whose data is withheld from them (consent), unless they direct the
 * case or stand in for its regisseur. Most members withheld from nobody: the
 * first test spares the rest.
 */
function searchableMember(filter: CaseFilter): SQL | undefined {
  const keys = filter.consentKeys ?? [];
  if (keys.length === 0) return undefined;
  const directed = filter.involved ? sql`${caseSearch.caseId} IN (${directedBy(filter.involved)})` : sql`false`;
  return sql`(cardinality(${caseSearch.withheldFrom}) = 0 OR NOT (${caseSearch.withheldFrom} && ${sql.param([...keys])}::text[]) OR ${directed})`;
}

/**
 * The cases (under the list's own conditions: the same access filter) with a
 * member the search finds, best first: the closest name (word_similarity of
 * the normalised term with the normalised name, through the trigram index),
 * then the oldest case. A birth date matches exactly (all equally good).
 * Each with the members it matched (`searchable`: not a member withheld from
 * the caller), for the search's access-log rows.
 */
async function searchCaseRows(db: Executor, search: CaseSearch, where: SQL | undefined, page: Page, searchable: SQL | undefined): Promise<{ rows: CaseSearchRow[]; total: number }> {
  const matchedMembers = sql<string[]>`array_agg(${caseSearch.memberId} ORDER BY ${caseSearch.memberId})`.as('member_ids');
  return db.transaction(async (tx) => {
    let matches;
    if ('name' in search) {
      // The operator <% uses the index only with the threshold as a setting: for this transaction only.
      await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(NAME_SEARCH_THRESHOLD)}, true)`);
      const term = sql`vs_search_text(${search.name})`;
      matches = tx
        .select({ caseId: caseSearch.caseId, score: sql<number>`max(word_similarity(${term}, ${caseSearch.name}))`.as('score'), memberIds: matchedMembers })
        .from(caseSearch)
        .where(and(sql`${term} <% ${caseSearch.name}`, searchable))
        .groupBy(caseSearch.caseId)
        .as('matches');
    } else {
      matches = tx
        .select({ caseId: caseSearch.caseId, score: sql<number>`1`.as('score'), memberIds: matchedMembers })
        .from(caseSearch)
        .where(and(eq(caseSearch.birthDate, search.birthDate), searchable))
        .groupBy(caseSearch.caseId)
        .as('matches');
    }
    // Each matching case is looked up by its key, under the list's conditions. A search finds a few households of
    // the region's thousands; as a plain join the planner may read every case of the municipality to hash them
    // (at 10,000 cases it did, the bench showed). LIMIT 1 keeps the lateral lookup from being pulled up into such a join.
    const found_ = tx
      .select(listColumns)
      .from(cases)
      .where(and(eq(cases.id, matches.caseId), where))
      .limit(1)
      .as('found');
    const foundColumns = Object.fromEntries(Object.keys(listColumns).map((key) => [key, found_[key as keyof typeof listColumns]])) as unknown as typeof listColumns;
    // The page and the number of matches in one query: the matching (a similarity per member row) is its cost.
    const found = await tx
      .select({ ...foundColumns, matchedMemberIds: matches.memberIds, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
      .from(matches)
      .innerJoinLateral(found_, sql`true`)
      .orderBy(desc(matches.score), asc(found_.openedAt), asc(found_.id))
      .limit(page.pageSize)
      .offset(offsetOf(page));
    const rows = found.map(({ total: _total, ...row }) => row);
    if (found[0]) return { rows, total: found[0].total };
    // A page past the last has no row to carry the count.
    if (offsetOf(page) === 0) return { rows, total: 0 };
    const [counted] = await tx.select({ total: count() }).from(matches).innerJoinLateral(found_, sql`true`);
    return { rows, total: counted?.total ?? 0 };
  });
}

/** The stored snapshots of these cases: for list rows stored before their designation column was filled (migration 0026). */
export async function caseStates(db: Executor, ids: readonly string[]): Promise<{ id: string; state: CaseRow['state'] }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: cases.id, state: cases.state }).from(cases).where(inArray(cases.id, [...ids]));
}

export async function allCaseIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: cases.id }).from(cases).orderBy(asc(cases.id));
  return rows.map((r) => r.id);
}

/** Used by tests and operators to prove the log is complete: no gaps, starts at 1. */
export async function eventSequenceGaps(db: Executor, caseId: string): Promise<number> {
  const result = await db.execute<{ gaps: number }>(sql`
    SELECT count(*)::int AS gaps FROM (
      SELECT seq, lag(seq, 1, 0) OVER (ORDER BY seq) AS previous FROM case_events WHERE case_id = ${caseId}
    ) s WHERE seq <> previous + 1`);
  return result.rows[0]?.gaps ?? 0;
}

/**
 * Derives the werkvoorraad columns (issue 17) of rows stored before they
 * existed (migration 0026 leaves them null): at start-up, in batches, each row
 * from its own snapshot. A row a command writes meanwhile gets them from that
 * write; the update skips it (only where still null). Returns how many rows it derived.
 */
export async function deriveMissingWorkColumns(db: Executor, batchSize = 500): Promise<number> {
  let derived = 0;
  for (;;) {
    const rows = await db.select({ id: cases.id, state: cases.state }).from(cases).where(isNull(cases.workItems)).limit(batchSize);
    if (rows.length === 0) return derived;
    for (const row of rows) {
      // A snapshot this version cannot read (a newer machine version) implies nothing here; the instance that wrote it derives it again on its next write.
      let columns: ReturnType<typeof workColumns> = { workItems: [], workFrom: null };
      try {
        columns = workColumns(restoreCase(row.state));
      } catch {
        // Left with no items: the loop must not select the same row again.
      }
      await db.update(cases).set(columns).where(and(eq(cases.id, row.id), isNull(cases.workItems)));
    }
    derived += rows.length;
  }
}
