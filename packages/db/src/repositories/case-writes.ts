/**
 * The data path of one case command (issue 15): two round trips after BEGIN.
 *
 * 1. lockCaseForCommand: one statement locks the case row and reads what the
 *    command needs with it: the network facts access is judged on and the
 *    pending deadline timers the new state is compared with.
 * 2. writeCaseChange: one statement, data-modifying CTEs, writes everything
 *    the command changes: the event, the case row (checked against the
 *    version that was locked), the timers that changed, a delivery per
 *    subscription that wants each notification (the outbox), and the access
 *    log rows (access_log_append, as the last step of the same statement).
 *
 * Rarer side effects (household keys on member events, the escalation
 * projection) stay statements of their own in the use-case.
 */
import type { CaseSnapshot, DesiredTimer, StoredCaseEvent } from '@veilig-samen/domain';
import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { cases } from '../schema.js';
import { accessLogAppendQuery, type AccessLogBatch } from './access-log.js';
import { caseColumns, eventRow, type CaseRow } from './cases.js';
import { type Transaction } from '../executor.js';
import type { InvolvementRow } from './involvements.js';
import { DEADLINE_KINDS, type PendingTimer } from './timers.js';

/** What access is judged on, per network entry the case ever had (removed ones too: once on the perpetrator's side, always). */
export type NetworkFact = Pick<InvolvementRow, 'kind' | 'subject' | 'side'> & { readonly active: boolean };

export interface LockedCase {
  readonly row: CaseRow;
  readonly network: readonly NetworkFact[];
  readonly timers: readonly PendingTimer[];
}

const networkJson = sql<NetworkFact[]>`coalesce((
  SELECT json_agg(json_build_object('kind', i.kind, 'subject', i.subject, 'side', i.side, 'active', i.removed_at IS NULL) ORDER BY i.added_at)
  FROM case_involvements i WHERE i.case_id = "cases"."id"
), '[]'::json)`;

const timersJson = sql<{ id: string; kind: PendingTimer['kind']; dueAt: string; windowNumber: number | null }[]>`coalesce((
  SELECT json_agg(json_build_object('id', t.id, 'kind', t.kind, 'dueAt', t.due_at, 'windowNumber', t.window_number))
  FROM timers t
  WHERE t.case_id = "cases"."id" AND t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.kind IN (${sql.join(DEADLINE_KINDS.map((kind) => sql`${kind}`), sql`, `)})
), '[]'::json)`;

/**
 * The version the statement's snapshot saw. Under READ COMMITTED a statement
 * that waited for the row lock gets the row as the other transaction left it,
 * but its subqueries still read the snapshot taken before the wait: when the
 * two versions differ, the facts are read again (the attacker review found
 * duplicated timers this way).
 */
const snapshotVersion = sql<number>`(SELECT c.version FROM cases c WHERE c.id = "cases"."id")`;

/** Locks the case row until the transaction ends and reads its network facts and pending deadline timers with it. */
export async function lockCaseForCommand(tx: Transaction, id: string): Promise<LockedCase | undefined> {
  const [found] = await tx
    .select({ row: getTableColumns(cases), network: networkJson, timers: timersJson, seenVersion: snapshotVersion })
    .from(cases)
    .where(eq(cases.id, id))
    .for('update', { of: cases });
  if (!found) return undefined;
  // Waited for another command: read the facts again, now that the lock is held (a second round trip, only then).
  const facts =
    found.seenVersion === found.row.version
      ? found
      : (await tx.select({ network: networkJson, timers: timersJson }).from(cases).where(eq(cases.id, id)))[0] ?? { network: [], timers: [] };
  return {
    row: found.row,
    network: facts.network,
    timers: facts.timers.map((t) => ({ id: t.id, kind: t.kind, dueAt: new Date(t.dueAt), windowNumber: t.windowNumber })),
  };
}

/** A delivery's payload per notification; the statement makes one row for each subscription that wants its type. */
export interface OutboxMessage {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export interface CaseChange {
  readonly current: CaseRow;
  readonly snapshot: CaseSnapshot;
  readonly event: StoredCaseEvent;
  readonly now: Date;
  readonly timers: { readonly cancel: readonly string[]; readonly add: readonly DesiredTimer[] };
  readonly outbox: readonly OutboxMessage[];
  readonly log?: AccessLogBatch | undefined;
}

/** Appends the event as seq version+1, stores the new snapshot and writes the rest of the change, in one statement. */
export async function writeCaseChange(tx: Transaction, change: CaseChange): Promise<CaseRow> {
  const { current, now } = change;
  const version = current.version + 1;
  const event = eventRow(current.id, version, change.event);
  const columns = { ...caseColumns(change.snapshot, current.region), version, updatedAt: now };
  const parts: SQL[] = [
    sql`ev AS (INSERT INTO case_events (case_id, seq, type, payload, actor_sub, actor_role, actor_organisation, occurred_at)
      VALUES (${event.caseId}::uuid, ${event.seq}::integer, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${event.actorSub}, ${event.actorRole},
        ${event.actorOrganisation}, ${event.occurredAt.toISOString()}::timestamptz))`,
    sql`upd AS (UPDATE cases SET
        municipality = ${columns.municipality}, phase = ${columns.phase}, regisseur_id = ${columns.regisseurId},
        regisseur_organisation = ${columns.regisseurOrganisation}, state = ${JSON.stringify(columns.state)}::jsonb,
        safety_deadline = ${columns.safetyDeadline.toISOString()}::timestamptz, threshold_reached = ${columns.thresholdReached},
        latest_score = ${columns.latestScore}::integer, escalated = ${columns.escalated}, policy_version = ${columns.policyVersion}::integer,
        phase_since = ${columns.phaseSince.toISOString()}::timestamptz, opened_at = ${columns.openedAt.toISOString()}::timestamptz,
        closed_at = ${columns.closedAt?.toISOString() ?? null}::timestamptz, version = ${version}::integer, updated_at = ${now.toISOString()}::timestamptz
      WHERE id = ${current.id}::uuid AND version = ${current.version}::integer RETURNING 1)`,
  ];
  if (change.timers.cancel.length > 0) {
    parts.push(sql`tc AS (UPDATE timers SET cancelled_at = ${now.toISOString()}::timestamptz
      WHERE case_id = ${current.id}::uuid AND fired_at IS NULL AND cancelled_at IS NULL
        AND id IN (${sql.join(change.timers.cancel.map((id) => sql`${id}::uuid`), sql`, `)}))`);
  }
  if (change.timers.add.length > 0) {
    const added = change.timers.add.map((t) => ({ kind: t.kind, due_at: t.dueAt.toISOString(), window_number: t.windowNumber }));
    parts.push(sql`ta AS (INSERT INTO timers (case_id, kind, due_at, window_number, created_at)
      SELECT ${current.id}::uuid, x.kind, x.due_at, x.window_number, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(added)}::jsonb) AS x(kind text, due_at timestamptz, window_number integer))`);
  }
  if (change.outbox.length > 0) {
    // One delivery per subscription that wants the type, in the order of the notifications (deliveries keep order per case).
    parts.push(sql`dl AS (INSERT INTO deliveries (id, subscription_id, case_id, event_type, payload, status, next_attempt_at, created_at)
      SELECT gen_random_uuid(), s.id, ${current.id}::uuid, n.type, n.payload, 'wachtend', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(change.outbox)}::jsonb) AS (type text, payload jsonb)) WITH ORDINALITY AS n(type, payload, ord)
      JOIN subscriptions s ON s.active AND s.events ? n.type AND s.municipalities ? ${columns.municipality}
      ORDER BY n.ord, s.id)`);
  }
  const log = change.log ? accessLogAppendQuery(change.log.key, change.log.entries) : undefined;
  if (log) parts.push(sql`lg AS (${log})`);
  const result = await tx.execute<{ updated: number }>(
    sql`WITH ${sql.join(parts, sql`, `)} SELECT (SELECT count(*) FROM upd)::integer AS updated${log ? sql`, (SELECT count(*) FROM lg)::integer AS logged` : sql``}`,
  );
  if (result.rows[0]?.updated !== 1) throw new Error(`case ${current.id} changed while locked`);
  return { ...current, ...columns };
}
