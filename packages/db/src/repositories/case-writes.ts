/**
 * The data path of one case command (issue 15): two round trips after BEGIN.
 *
 * 1. lockCaseForCommand: one statement locks the case row and reads what the
 *    command needs with it: the network facts access is judged on and the
 *    pending deadline timers the new state is compared with.
 * 2. writeCaseChange: one statement, data-modifying CTEs, writes everything
 *    the command changes: the event, the case row (checked against the
 *    version that was locked), the timers that changed, a delivery per
 *    subscription that wants each notification (the outbox), the signals the
 *    change makes for a person (the werkvoorraad; their webhooks are in the
 *    outbox), and the access log rows (access_log_append, as the last step of
 *    the same statement).
 *
 * Rarer side effects (household keys on member events, the escalation
 * projection) stay statements of their own in the use-case.
 */
import type { CaseSnapshot, DesiredTimer, SignalAddressee, SignalData, SignalKind, StoredCaseEvent } from '@veilig-samen/domain';
import { cases } from '../schema.js';
import { accessLogAppendSql, accessLogRows, type AccessLogBatch } from './access-log.js';
import { caseColumns, eventRow, type CaseRow } from './cases.js';
import { type Executor, type Transaction } from '../executor.js';
import { columnList, namedStatement, rowDecoder, runStatement } from '../statements.js';
import type { CaseLinkRow } from './intake.js';
import type { InvolvementRow } from './involvements.js';
import { DEADLINE_KINDS, type PendingTimer } from './timers.js';

/** What access is judged on, per network entry the case ever had (removed ones too: once on the perpetrator's side, always). */
export type NetworkFact = Pick<InvolvementRow, 'kind' | 'subject' | 'side'> & { readonly active: boolean };

export interface LockedCase {
  readonly row: CaseRow;
  readonly network: readonly NetworkFact[];
  /** The case's links as the command found them (its answer shows them). */
  readonly links: readonly CaseLinkRow[];
  readonly timers: readonly PendingTimer[];
}

const decodeCase = rowDecoder(cases);
const CASE_COLUMNS = columnList(cases, 'c');

/** The case's network facts, oldest entry first, as json (for the case `c`). */
const NETWORK_JSON = `coalesce((
  SELECT json_agg(json_build_object('kind', i.kind, 'subject', i.subject, 'side', i.side, 'active', i.removed_at IS NULL) ORDER BY i.added_at)
  FROM case_involvements i WHERE i.case_id = c.id
), '[]'::json)`;

/** The deadline kinds as a literal of the fixed text (constants of the code, quoted). */
const DEADLINE_KIND_LIST = DEADLINE_KINDS.map((kind) => `'${kind.replaceAll("'", "''")}'`).join(', ');

/** The case's pending deadline timers as json (for the case `c`). */
const TIMERS_JSON = `coalesce((
  SELECT json_agg(json_build_object('id', t.id, 'kind', t.kind, 'dueAt', t.due_at, 'windowNumber', t.window_number))
  FROM timers t
  WHERE t.case_id = c.id AND t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.kind IN (${DEADLINE_KIND_LIST})
), '[]'::json)`;

/**
 * The case's links to other cases (issue 16: flag and tag), as listCaseLinks
 * (intake.ts) reads them: whom to talk to, nothing else of the other case.
 */
const LINKS_JSON = `coalesce((
  SELECT json_agg(json_build_object('otherCaseId', l.other_case_id, 'reason', l.reason, 'createdAt', l.created_at,
                                    'regisseurId', o.regisseur_id, 'regisseurOrganisation', o.regisseur_organisation)
                  ORDER BY l.created_at, l.other_case_id)
  FROM case_links l JOIN cases o ON o.id = l.other_case_id WHERE l.case_id = c.id
), '[]'::json)`;

/**
 * The version the statement's snapshot saw. Under READ COMMITTED a statement
 * that waited for the row lock gets the row as the other transaction left it,
 * but its subqueries still read the snapshot taken before the wait: when the
 * two versions differ, the facts are read again (the attacker review found
 * duplicated timers this way).
 */
const LOCK = namedStatement(
  'case_lock_for_command',
  `SELECT ${CASE_COLUMNS}, ${NETWORK_JSON} AS network, ${TIMERS_JSON} AS timers, ${LINKS_JSON} AS links, (SELECT s.version FROM cases s WHERE s.id = c.id) AS seen_version
    FROM cases c WHERE c.id = $1 FOR UPDATE OF c`,
);
/** The facts again, once the lock is held. */
const FACTS = namedStatement('case_facts_for_command', `SELECT ${NETWORK_JSON} AS network, ${TIMERS_JSON} AS timers, ${LINKS_JSON} AS links FROM cases c WHERE c.id = $1`);
/** A case, its network facts and its links, for a read, its access judgement and its answer in one statement. */
const READ = namedStatement('case_read_with_network', `SELECT ${CASE_COLUMNS}, ${NETWORK_JSON} AS network, ${LINKS_JSON} AS links FROM cases c WHERE c.id = $1`);

type StoredLink = Omit<CaseLinkRow, 'createdAt'> & { createdAt: string };
const decodeLinks = (links: readonly StoredLink[]): CaseLinkRow[] => links.map((link) => ({ ...link, createdAt: new Date(link.createdAt) }));

interface Facts extends Record<string, unknown> {
  readonly network: NetworkFact[];
  readonly timers: { id: string; kind: PendingTimer['kind']; dueAt: string; windowNumber: number | null }[];
  readonly links: StoredLink[];
}

/** Locks the case row until the transaction ends and reads its network facts and pending deadline timers with it. */
export async function lockCaseForCommand(tx: Transaction, id: string): Promise<LockedCase | undefined> {
  const [found] = await runStatement<Facts & { seen_version: number; version: number }>(tx, LOCK, [id]);
  if (!found) return undefined;
  // Waited for another command: read the facts again, now that the lock is held (a second round trip, only then).
  const facts = found.seen_version === found.version ? found : ((await runStatement<Facts>(tx, FACTS, [id]))[0] ?? { network: [], timers: [], links: [] });
  return {
    row: decodeCase(found),
    network: facts.network,
    links: decodeLinks(facts.links),
    timers: facts.timers.map((t) => ({ id: t.id, kind: t.kind, dueAt: new Date(t.dueAt), windowNumber: t.windowNumber })),
  };
}

/**
 * A case with its network facts in one statement (no lock): what a read
 * needs to judge access (cases/access.ts) without a second round trip.
 */
export async function findCaseWithNetwork(
  db: Executor,
  id: string,
): Promise<{ readonly row: CaseRow; readonly network: readonly NetworkFact[]; readonly links: readonly CaseLinkRow[] } | undefined> {
  const [found] = await runStatement<{ network: NetworkFact[]; links: StoredLink[] }>(db, READ, [id]);
  return found ? { row: decodeCase(found), network: found.network, links: decodeLinks(found.links) } : undefined;
}

/** A delivery's payload per notification; the statement makes one row for each subscription that wants its type. */
export interface OutboxMessage {
  readonly type: string;
  readonly payload: Record<string, unknown>;
  /** The W3C traceparent of the change that made it, sent with the delivery; null when no trace was running. */
  readonly traceparent?: string | null;
}

/** A signal the change makes (the werkvoorraad): about this case, made by the event's actor at the change's time. */
export interface CaseChangeSignal {
  readonly id: string;
  readonly kind: SignalKind;
  readonly addresseeRole: SignalAddressee;
  /** The person, for `voorgestelde-regisseur` (issue 16 point 11); null otherwise. */
  readonly addresseeSub: string | null;
  readonly dueAt: string;
  readonly data: SignalData;
}

export interface CaseChange {
  readonly current: CaseRow;
  readonly snapshot: CaseSnapshot;
  readonly event: StoredCaseEvent;
  readonly now: Date;
  readonly timers: { readonly cancel: readonly string[]; readonly add: readonly DesiredTimer[] };
  readonly outbox: readonly OutboxMessage[];
  readonly signals: readonly CaseChangeSignal[];
  readonly log?: AccessLogBatch | undefined;
}

/**
 * The whole change in one statement of fixed text: every part is always
 * there, and a part with nothing to do gets an empty array (no timer to
 * cancel or add, no notification, no log row) and writes nothing.
 */
const WRITE = namedStatement(
  'case_write_change',
  `WITH ev AS (INSERT INTO case_events (case_id, seq, type, payload, actor_sub, actor_role, actor_organisation, occurred_at)
      VALUES ($1::uuid, $2::integer, $3, $4::jsonb, $5, $6, $7, $8::timestamptz)),
    upd AS (UPDATE cases SET
        municipality = $9, phase = $10, regisseur_id = $11, regisseur_organisation = $12, state = $13::jsonb,
        safety_deadline = $14::timestamptz, threshold_reached_at = $15::timestamptz, latest_score = $16::integer, escalated = $17::boolean,
        policy_version = $18::integer, phase_since = $19::timestamptz, opened_at = $20::timestamptz, closed_at = $21::timestamptz,
        version = $2::integer, updated_at = $22::timestamptz,
        window_start = $29::timestamptz, window_reason = $30, rule_applies = $31::boolean, latest_score_at = $32::timestamptz,
        designation = $33, work_items = $34::jsonb, work_from = $35::timestamptz
      WHERE id = $1::uuid AND version = $23::integer RETURNING 1),
    tc AS (UPDATE timers SET cancelled_at = $22::timestamptz
      WHERE case_id = $1::uuid AND fired_at IS NULL AND cancelled_at IS NULL AND id = ANY($24::uuid[])),
    ta AS (INSERT INTO timers (case_id, kind, due_at, window_number, created_at)
      SELECT $1::uuid, x.kind, x.due_at, x.window_number, $22::timestamptz
      FROM jsonb_to_recordset($25::jsonb) AS x(kind text, due_at timestamptz, window_number integer)),
    dl AS (INSERT INTO deliveries (id, subscription_id, case_id, event_type, payload, status, next_attempt_at, created_at, traceparent)
      SELECT gen_random_uuid(), s.id, $1::uuid, n.type, n.payload, 'wachtend', $22::timestamptz, $22::timestamptz, n.traceparent
      FROM ROWS FROM (jsonb_to_recordset($26::jsonb) AS (type text, payload jsonb, traceparent text)) WITH ORDINALITY AS n(type, payload, traceparent, ord)
      JOIN subscriptions s ON s.active AND s.events ? n.type AND s.municipalities ? $9
      ORDER BY n.ord, s.id),
    sg AS (INSERT INTO signals (id, kind, case_id, case_version, municipality, addressee_role, addressee_sub, actor_sub, actor_organisation, actor_role, created_at, due_at, data)
      SELECT x.id, x.kind, $1::uuid, $2::integer, $9, x.addressee_role, x.addressee_sub, $5, $7, $6, $22::timestamptz, x.due_at, x.data
      FROM jsonb_to_recordset($28::jsonb) AS x(id uuid, kind text, addressee_role text, addressee_sub text, due_at timestamptz, data jsonb)),
    lg AS (${accessLogAppendSql('$27')})
  SELECT (SELECT count(*) FROM upd)::integer AS updated, (SELECT count(*) FROM lg)::integer AS logged`,
);

/** Appends the event as seq version+1, stores the new snapshot and writes the rest of the change, in one statement. */
export async function writeCaseChange(tx: Transaction, change: CaseChange): Promise<CaseRow> {
  const { current, now } = change;
  const version = current.version + 1;
  const event = eventRow(current.id, version, change.event);
  const columns = { ...caseColumns(change.snapshot, current.region), version, updatedAt: now };
  // One delivery per subscription that wants the type, in the order of the notifications (deliveries keep order per case).
  const added = change.timers.add.map((t) => ({ kind: t.kind, due_at: t.dueAt.toISOString(), window_number: t.windowNumber }));
  const [result] = await runStatement<{ updated: number }>(tx, WRITE, [
    event.caseId,
    version,
    event.type,
    JSON.stringify(event.payload),
    event.actorSub,
    event.actorRole,
    event.actorOrganisation,
    event.occurredAt.toISOString(),
    columns.municipality,
    columns.phase,
    columns.regisseurId,
    columns.regisseurOrganisation,
    JSON.stringify(columns.state),
    columns.safetyDeadline.toISOString(),
    columns.thresholdReachedAt?.toISOString() ?? null,
    columns.latestScore,
    columns.escalated,
    columns.policyVersion,
    columns.phaseSince.toISOString(),
    columns.openedAt.toISOString(),
    columns.closedAt?.toISOString() ?? null,
    now.toISOString(),
    current.version,
    change.timers.cancel,
    JSON.stringify(added),
    JSON.stringify(change.outbox),
    change.log ? accessLogRows(change.log.key, change.log.entries) : '[]',
    JSON.stringify(change.signals.map((signal) => ({ id: signal.id, kind: signal.kind, addressee_role: signal.addresseeRole, addressee_sub: signal.addresseeSub, due_at: signal.dueAt, data: signal.data }))),
    columns.windowStart.toISOString(),
    columns.windowReason,
    columns.ruleApplies,
    columns.latestScoreAt?.toISOString() ?? null,
    columns.designation,
    JSON.stringify(columns.workItems),
    columns.workFrom?.toISOString() ?? null,
  ]);
  if (result?.updated !== 1) throw new Error(`case ${current.id} changed while locked`);
  return { ...current, ...columns };
}
