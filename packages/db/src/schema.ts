/**
 * The database schema. drizzle-kit reads this file to generate the SQL in
 * migrations/ (`pnpm db:generate`); import only types from the rest of the
 * workspace (they are erased), so that generator can load it on its own.
 */
import type { EscalationReason, MeetingOutcomeDetails, EscalationStatus, InvolvementKind, InvolvementSide, LegalGroundKind, LinkReason, NoteKind, NoteVisibility, Phase, PersistedCase, PolicyScope, SignalAddressee, SignalData, SignalKind, StoredCaseEvent, TimerKind, WindowReason } from '@veilig-samen/domain';
import { sql } from 'drizzle-orm';
import { boolean, check, date, type AnyPgColumn, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Versions of a region's escalation policy (threshold, window, stability,
 * reminder). Rows are never updated: a change is a new version, and every
 * case keeps the version it started under. Who, when and why are kept with
 * each version (the regiobeheerder's sub, the time, the reason).
 */
/** The value sets of enum-like text columns: typed here so that no reader needs a cast. */
export type MeetingStatus = 'gepland' | 'gesloten';
export type MdaReviewStatus = 'open' | 'voortgezet' | 'afgeschaald';
export type DeliveryStatus = 'wachtend' | 'afgeleverd' | 'mislukt';
export type SubscriptionFormat = 'standard-webhooks' | 'zgw-notificaties';
export type AccessResult = 'toegestaan' | 'geweigerd';
/** A werkvoorraad item a case implies, as the row keeps it (snake_case: read with jsonb_to_recordset). */
export interface StoredWorkItem {
  readonly kind: string;
  readonly ref: string;
  readonly due_at: string;
  readonly show_from: string;
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
}

export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    region: text('region').notNull(),
    version: integer('version').notNull(),
    safetyThreshold: integer('safety_threshold').notNull(),
    escalationWindowMonths: integer('escalation_window_months').notNull(),
    stabilityMonths: integer('stability_months').notNull(),
    /** Closing on evidence (issue 16): the fewest joint scores at or above the threshold in the stability period. */
    stabilityMinScores: integer('stability_min_scores').notNull().default(2),
    /** ... and how many months old the latest of them may be when the case closes. */
    stabilityLatestScoreMonths: integer('stability_latest_score_months').notNull().default(1),
    reminderDaysBeforeDeadline: integer('reminder_days_before_deadline').notNull(),
    /** Which cases the escalation rule applies to (issue 16): every case, or those marked as coordination on safety. */
    scope: text('scope').notNull().default('alle-casussen').$type<PolicyScope>(),
    /** The werkvoorraad's planning (issue 17): weeks between TOP3 scorings in directe-veiligheid and after, days ahead it shows what comes due. */
    scoringIntervalWeeksSafety: integer('scoring_interval_weeks_safety').notNull().default(4),
    scoringIntervalWeeksLater: integer('scoring_interval_weeks_later').notNull().default(6),
    workListDaysAhead: integer('work_list_days_ahead').notNull().default(7),
    /** Long-term case management (issue 18 point 4): calendar months between reviews of a case in the MDA++ track. */
    mdaReviewMonths: integer('mda_review_months').notNull().default(3),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    /**
     * Why the version was adopted (required since migration 0016; versions from
     * before it carry a fixed text saying so, never an empty reason).
     */
    reason: text('reason').notNull(),
  },
  (table) => [
    uniqueIndex('policy_versions_region_version_key').on(table.region, table.version),
    check('policy_versions_scope_known', sql`scope IN ('alle-casussen', 'coordinatie-op-veiligheid')`),
    check('policy_versions_stability_evidence', sql`stability_min_scores >= 1 AND stability_latest_score_months >= 1`),
    check('policy_versions_work_list', sql`scoring_interval_weeks_safety >= 1 AND scoring_interval_weeks_later >= 1 AND work_list_days_ahead >= 0`),
    check('policy_versions_mda_review', sql`mda_review_months >= 1`),
  ],
);

/**
 * One row per case (1 gezin, 1 plan, 1 regisseur): the persisted machine
 * snapshot plus columns derived from it for queries. `version` counts the
 * case's events, so it is also the ETag and the seq of the latest event.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    region: text('region').notNull(),
    municipality: text('municipality').notNull(),
    phase: text('phase').notNull().$type<Phase>(),
    regisseurId: text('regisseur_id').notNull(),
    regisseurOrganisation: text('regisseur_organisation').notNull(),
    version: integer('version').notNull(),
    state: jsonb('state').$type<PersistedCase>().notNull(),
    safetyDeadline: timestamp('safety_deadline', { withTimezone: true }).notNull(),
    /** Why a list can say "score 7, threshold not standing": the current window and the standing run (issue 16). */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowReason: text('window_reason').notNull().$type<WindowReason>(),
    /** The start of the standing run at or above the threshold in the current window; null: the threshold does not stand. */
    thresholdReachedAt: timestamp('threshold_reached_at', { withTimezone: true }),
    /** Whether the escalation rule applies in the current window (policy scope). */
    ruleApplies: boolean('rule_applies').notNull(),
    latestScore: integer('latest_score'),
    latestScoreAt: timestamp('latest_score_at', { withTimezone: true }),
    escalated: boolean('escalated').notNull().default(false),
    policyVersion: integer('policy_version').notNull(),
    phaseSince: timestamp('phase_since', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * The household's display name for lists (issue 17 point 1: `aanduiding`), derived from the snapshot like the
     * columns above. Null in rows stored before migration 0026 until their next change: the list derives it from
     * the snapshot then (cases/use-cases.ts), so no name is split in SQL.
     */
    designation: text('designation'),
    /**
     * The werkvoorraad items the snapshot implies (issue 17; domain work-items.ts): agreements, the next
     * scoring, Handle with Care signals, each with its due moment and when it shows. Derived like the phase,
     * so it changes only with the case; null in a row not yet derived (before 0026: filled at start-up).
     */
    workItems: jsonb('work_items').$type<StoredWorkItem[]>(),
    /** The earliest `show_from` of those items: the werkvoorraad skips a case whose items do not show yet. */
    workFrom: timestamp('work_from', { withTimezone: true }),
  },
  (table) => [
    // A municipality's cases in a phase, oldest first: the beheerder's list is one range of this index, and its count too.
    index('cases_municipality_phase_listing_idx').on(table.municipality, table.phase, table.openedAt, table.id),
    index('cases_regisseur_idx').on(table.regisseurId),
    index('cases_safety_deadline_idx').on(table.safetyDeadline),
    index('cases_listing_idx').on(table.openedAt, table.id),
  ],
);

/**
 * The append-only event log of each case. The log alone rebuilds every case
 * row; a trigger (migration 0002) refuses UPDATE and DELETE.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<StoredCaseEvent>().notNull(),
    actorSub: text('actor_sub').notNull(),
    actorRole: text('actor_role').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.seq] }),
    // A case's series (scores, plan versions, incidents) are read from its log by type (case-history.ts).
    index('case_events_case_type_seq_idx').on(table.caseId, table.type, table.seq),
  ],
);

/**
 * Durable timers: the 3-month safety deadline, its reminder, and the
 * coordinator's follow-ups. Workers claim due rows with FOR UPDATE SKIP
 * LOCKED and fire each in one transaction with its effect on the case, so
 * every timer fires exactly once across instances and restarts. The partial
 * index keeps a poll proportional to what is due, not to all cases.
 */
export const timers = pgTable(
  'timers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull().$type<TimerKind>(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** For deadline timers: the safety window they belong to. */
    windowNumber: integer('window_number'),
    /** For follow-ups: the escalation they belong to. */
    escalationId: uuid('escalation_id'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** What firing did: `opgeschaald`, `herinnerd`, or the refusal code when nothing was needed. */
    outcome: text('outcome'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (table) => [
    index('timers_due_idx').on(table.dueAt).where(sql`fired_at IS NULL AND cancelled_at IS NULL`),
    index('timers_case_pending_idx').on(table.caseId).where(sql`fired_at IS NULL AND cancelled_at IS NULL`),
    // A deadline timer is pending at most once: the last line of defence under the command's diff of timers.
    uniqueIndex('timers_pending_deadline_unique')
      .on(table.caseId, table.kind, table.dueAt, sql`coalesce(window_number, -1)`)
      .where(
        sql`fired_at IS NULL AND cancelled_at IS NULL AND kind IN ('veiligheidsdeadline', 'herinnering-deadline', 'huisverbod-einde', 'regiewissel-wacht', 'regiewissel-wacht-beheer', 'mda-evaluatie')`,
      ),
  ],
);

/**
 * Escalations to the MDA++ expert meeting: the coordinator's queue. A
 * projection of the case's `casus.opgeschaald` and decision events, written in
 * the same transaction. At most one deadline escalation per case window.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    region: text('region').notNull(),
    municipality: text('municipality').notNull(),
    /** Why it was opened. */
    reason: text('reason').notNull().$type<EscalationReason>(),
    /** Every reason it carries: its own, and `deadline` when the window's deadline passed while it waited (issue 16). */
    reasons: text('reasons').array().notNull().$type<EscalationReason[]>(),
    explanation: text('explanation'),
    windowNumber: integer('window_number').notNull(),
    /** `open` (awaiting the coordinator), `mda-traject` or `terug-naar-lokaal-team`. */
    status: text('status').notNull().$type<EscalationStatus>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    reasoning: text('reasoning'),
    advice: text('advice'),
    followUpAt: timestamp('follow_up_at', { withTimezone: true }),
    followUpNote: text('follow_up_note'),
    /** Set when the follow-up timer fired: the escalation needs attention again. */
    followUpDueSince: timestamp('follow_up_due_since', { withTimezone: true }),
    /** A referral (`aanmelding-partner`, issue 18 point 1): the referring organisation, and the person (null from a system). */
    referrerOrganisation: text('referrer_organisation'),
    referrerPerson: text('referrer_person'),
    /** Decided in an expert meeting (issue 18 point 2): the meeting, its agenda item, and who sat at the table. */
    decisionMeetingId: uuid('decision_meeting_id'),
    decisionItemId: uuid('decision_item_id'),
    decisionParticipants: jsonb('decision_participants').$type<string[]>(),
  },
  (table) => [
    uniqueIndex('escalations_deadline_once_key').on(table.caseId, table.windowNumber).where(sql`reason = 'deadline'`),
    check('escalations_reasons_known', sql`reasons <@ ARRAY['deadline', 'handmatig', 'aanmelding-partner']::text[] AND reason = ANY(reasons)`),
    check('escalations_referrer', sql`(reason = 'aanmelding-partner') = (referrer_organisation IS NOT NULL)`),
    // A region's queue in its order (oldest first, id breaks ties) straight from the index, and its count from the index alone.
    index('escalations_queue_idx').on(table.region, table.status, table.createdAt, table.id),
  ],
);

/**
 * Reviews of cases in the MDA++ track (issue 18 point 4: long-term case
 * management): the coordinator's second queue. A projection of the case's
 * `mda.evaluatie-klaargezet` (the durable timer), `mda.geevalueerd` and
 * `casus.afgeschaald` events, written in the same transaction.
 */
export const mdaReviews = pgTable(
  'mda_reviews',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The escalation whose decision took the case into the track. */
    escalationId: uuid('escalation_id').references(() => escalations.id),
    region: text('region').notNull(),
    municipality: text('municipality').notNull(),
    number: integer('number').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** `open` (waiting for the coordinator), `voortgezet` (the track goes on) or `afgeschaald` (the track ended). */
    status: text('status').notNull().$type<MdaReviewStatus>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    recordedBy: text('recorded_by'),
    /** The reason of the de-escalation, or the explanation of going on. */
    explanation: text('explanation'),
    nextReviewAt: timestamp('next_review_at', { withTimezone: true }),
  },
  (table) => [
    check('mda_reviews_status', sql`status IN ('open', 'voortgezet', 'afgeschaald')`),
    check('mda_reviews_recorded', sql`(status = 'open') = (recorded_at IS NULL)`),
    // One waiting review per case; the region's queue in due order from the index.
    uniqueIndex('mda_reviews_open_per_case_key').on(table.caseId).where(sql`status = 'open'`),
    index('mda_reviews_queue_idx').on(table.region, table.status, table.dueAt, table.id),
  ],
);

/** MDA++ expert meetings and their agenda items. Closed minutes are immutable. */
export const expertMeetings = pgTable('expert_meetings', {
  id: uuid('id').primaryKey(),
  region: text('region').notNull(),
  date: timestamp('date', { withTimezone: true }).notNull(),
  status: text('status').notNull().$type<MeetingStatus>(),
  minutes: text('minutes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: text('closed_by'),
  /** When the coordinator opened the sitting (issue 18 point 3): outcomes are recorded only after. */
  startedAt: timestamp('started_at', { withTimezone: true }),
  startedBy: text('started_by'),
});

/**
 * The experts registered for a meeting (issue 18 point 3), by the sub of
 * their token: on the meeting's day they read the cases on its agenda.
 */
export const expertMeetingExperts = pgTable(
  'expert_meeting_experts',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => expertMeetings.id),
    subject: text('subject').notNull(),
    organisation: text('organisation').notNull(),
    name: text('name'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    registeredBy: text('registered_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.meetingId, table.subject] }), index('expert_meeting_experts_subject_idx').on(table.subject)],
);

export const expertMeetingItems = pgTable(
  'expert_meeting_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => expertMeetings.id),
    escalationId: uuid('escalation_id')
      .notNull()
      .references(() => escalations.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    position: integer('position').notNull(),
    participants: jsonb('participants').$type<string[]>(),
    decisions: jsonb('decisions').$type<string[]>(),
    agreements: jsonb('agreements').$type<unknown[]>(),
    outcomeRecordedAt: timestamp('outcome_recorded_at', { withTimezone: true }),
    outcomeRecordedBy: text('outcome_recorded_by'),
    /** The outcome beyond participants, decisions and agreements (issue 18 point 3); null for outcomes recorded before. */
    outcomeDetails: jsonb('outcome_details').$type<MeetingOutcomeDetails>(),
    /** The next review the outcome set (also in outcomeDetails), as a column for the long-term case management to query. */
    nextReviewOn: date('next_review_on', { mode: 'string' }),
  },
  (table) => [uniqueIndex('expert_meeting_items_escalation_key').on(table.meetingId, table.escalationId)],
);

/**
 * Idempotency keys of inbound messages (IETF Idempotency-Key draft), scoped
 * per client, kept at least 24 hours: a retry gets the stored response.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    clientId: text('client_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** `in-behandeling` while the first request runs, then `klaar`. */
    status: text('status').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.clientId, table.key] }), index('idempotency_keys_expiry_idx').on(table.expiresAt)],
);

/**
 * Receipts of inbound messages: what happened to each, for the sender. The
 * message's personal data is not kept here (it lives in the case, if any).
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    clientId: text('client_id').notNull(),
    organisation: text('organisation').notNull(),
    type: text('type').notNull(),
    /** `geaccepteerd` (new case or event), `samengevoegd` (into an existing case), `afgewezen`. */
    status: text('status').notNull(),
    caseId: uuid('case_id'),
    linkedCaseId: uuid('linked_case_id'),
    /** The intake item the message waits in (or joined): its household had no case (migration 0023). */
    intakeId: uuid('intake_id'),
    recurrence: boolean('recurrence').notNull().default(false),
    reasons: jsonb('reasons').$type<{ name: string; code: string; reason: string }[]>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('messages_client_idx').on(table.clientId, table.receivedAt)],
);

/**
 * Keyed hashes (HMAC) that recognise a household's members across messages:
 * of a person identifier such as the BSN, or of name and date of birth. The
 * identifiers themselves are never stored.
 */
export const householdKeys = pgTable(
  'household_keys',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    municipality: text('municipality').notNull(),
    keyHash: text('key_hash').notNull(),
    kind: text('kind').notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.keyHash] }), index('household_keys_lookup_idx').on(table.municipality, table.keyHash)],
);

/**
 * Searching households by name or birth date (issue 17 point 2): one row per
 * member of a case, written with every change of its members in the
 * change's transaction (services/api/src/projections/case-search.ts). `name`
 * is the display name through vs_search_text (lower case, accents removed by
 * `unaccent`; migration 0026), filled here because unaccent() is not
 * IMMUTABLE and so cannot be indexed as an expression; the trigram index
 * (pg_trgm) finds names with small typos. Rows go with their case.
 * `withheld_from`: the partners the member refused or withdrew consent to
 * share with, without another ground (consent.ts partnerKeyText:
 * `professional:<sub>`, `organisatie:<OIN>`), written with each consent
 * record in its transaction: a search by such a partner does not find the
 * household through this member (issue 17 point 6, review finding M3).
 */
export const caseSearch = pgTable(
  'case_search',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    name: text('name').notNull(),
    birthDate: date('birth_date'),
    withheldFrom: text('withheld_from').array().notNull().default(sql`'{}'::text[]`),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.memberId] }),
    index('case_search_name_trgm_idx').using('gin', table.name.op('gin_trgm_ops')),
    index('case_search_birth_date_idx').on(table.birthDate),
  ],
);

/** Organisations that asked to hear about a case (`terugmelding-gevraagd`). */
export const caseFollowers = pgTable(
  'case_followers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    organisation: text('organisation').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.organisation] })],
);

/** Webhook subscriptions of organisations. */
export const subscriptions = pgTable('subscriptions', {
  id: uuid('id').primaryKey(),
  organisation: text('organisation').notNull(),
  url: text('url').notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  /** Municipalities whose cases the subscription covers; empty: only cases the organisation follows. */
  municipalities: jsonb('municipalities').$type<string[]>().notNull(),
  secret: text('secret').notNull(),
  /**
   * The body's shape (issue 18 point 7): `standard-webhooks` (the service's own event, signed) or
   * `zgw-notificaties` (a Notificaties API 1.0 Message about the case's zaak).
   */
  format: text('format').notNull().default('standard-webhooks').$type<SubscriptionFormat>(),
  /** The Authorization header the subscriber asked for on every delivery (Open Notificaties' `auth`): a secret, never shown back in full. */
  authorizationHeader: text('authorization_header'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
});

/**
 * The transactional outbox: one row per event per subscription, written in
 * the same transaction as the case change, delivered in order per case.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    seq: integer('seq').primaryKey().generatedAlwaysAsIdentity(),
    id: uuid('id').notNull(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    /** Null for a werkvoorraad item about no case (a municipality's signal, 0021): such deliveries keep no order per case. */
    caseId: uuid('case_id'),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    /** `wachtend`, `afgeleverd` or `mislukt`. */
    status: text('status').notNull().$type<DeliveryStatus>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** W3C traceparent of the change (request) that made the delivery, written in its transaction and sent with every attempt (issue 18 point 8). */
    traceparent: text('traceparent'),
  },
  (table) => [
    index('deliveries_due_idx').on(table.nextAttemptAt).where(sql`status = 'wachtend'`),
    index('deliveries_order_idx').on(table.subscriptionId, table.caseId, table.seq).where(sql`status = 'wachtend'`),
    index('deliveries_subscription_idx').on(table.subscriptionId, table.seq),
  ],
);

/**
 * The access log (NEN 7513): one row per read and write of case data, also
 * for refusals. Rows form a hash chain (each hash covers the previous hash and
 * the row), and a trigger (migration 0006) refuses UPDATE, DELETE and TRUNCATE,
 * so tampering is both prevented and detectable (`pnpm audit:verify`).
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorSub: text('actor_sub').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorRole: text('actor_role').notNull(),
    /** For integrations: the organisation on whose behalf the system acts. */
    onBehalfOf: text('on_behalf_of'),
    caseId: uuid('case_id'),
    memberIds: jsonb('member_ids').$type<string[]>().notNull(),
    action: text('action').notNull(),
    /** `toegestaan` or `geweigerd`. */
    result: text('result').notNull().$type<AccessResult>(),
    status: integer('status').notNull(),
    purpose: text('purpose').notNull(),
    breakGlass: boolean('break_glass').notNull().default(false),
    requestId: text('request_id').notNull(),
    /**
     * Which of the hash chains the row links into (rows chain per case, so
     * writes to different cases do not queue for one lock). NULL: the single
     * chain written before migration 0013, hashed the old way.
     */
    chain: smallint('chain'),
    /**
     * The audit key whose HMAC of the row's content the chain links
     * (security finding 3; the key itself never reaches the database). NULL:
     * written before migration 0015, hashed without a key.
     */
    keyId: text('key_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('access_log_case_idx').on(table.caseId, table.id),
    index('access_log_actor_idx').on(table.actorSub, table.id),
    index('access_log_chain_idx').on(table.chain, table.id),
  ],
);

/**
 * The case's network: professionals and organisations involved in it, each
 * with their role and the legal ground for sharing. Access is looked up here
 * on every request, so removing an involvement takes effect at once.
 */
export const caseInvolvements = pgTable(
  'case_involvements',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** `professional` (matched on the token's sub) or `organisatie` (matched on its organisation claim). */
    kind: text('kind').notNull().$type<InvolvementKind>(),
    subject: text('subject').notNull(),
    organisation: text('organisation').notNull(),
    role: text('role').notNull(),
    /**
     * The legal ground for sharing (issue 17 point 6): a choice from
     * LEGAL_GROUNDS, with a free reference. Migration 0026 moved the free text
     * of older entries into the reference (this column, kept under its name)
     * and read the kind from it (consent.ts legalGroundFromText).
     */
    legalGroundKind: text('legal_ground_kind').notNull().$type<LegalGroundKind>(),
    legalGroundReference: text('legal_ground'),
    /** `slachtoffer`, `pleger` or `neutraal`: those on the perpetrator's side never see sealed details. */
    side: text('side').notNull().default('neutraal').$type<InvolvementSide>(),
    /** What a network partner may see beyond its own agreements: `leden`, `verklarende-analyse`. */
    grants: jsonb('grants').$type<string[]>().notNull().default([]),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    addedBy: text('added_by').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: text('removed_by'),
  },
  (table) => [
    index('case_involvements_case_idx').on(table.caseId).where(sql`removed_at IS NULL`),
    // The whole history of a case's network, removed entries too: who was once on the perpetrator's side stays there.
    index('case_involvements_history_idx').on(table.caseId),
    // One active involvement per person or organisation per case, even under concurrent requests.
    uniqueIndex('case_involvements_active_key').on(table.caseId, table.kind, table.subject).where(sql`removed_at IS NULL`),
    index('case_involvements_subject_idx').on(table.subject).where(sql`removed_at IS NULL`),
    check('case_involvements_legal_ground_kind', sql`legal_ground_kind IN ('toestemming', 'wettelijke-taak', 'meldcode', 'vitaal-belang')`),
  ],
);

/**
 * Break-the-glass: time-limited access for a professional who is not involved,
 * with a reason, for review. The review is recorded once (migration 0016): the
 * verdict (`terecht` or `onterecht`), a note, who (sub and role) and when; all
 * five together or none (a CHECK). Unjustified grants reach the beheerder of
 * the case's municipality (GET /v1/noodtoegang).
 */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    actorSub: text('actor_sub').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorRole: text('actor_role').notNull(),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reviewVerdict: text('review_verdict'),
    reviewNote: text('review_note'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: text('reviewed_by'),
    reviewedByRole: text('reviewed_by_role'),
  },
  (table) => [
    index('break_glass_lookup_idx').on(table.caseId, table.actorSub, table.expiresAt),
    check(
      'break_glass_review_complete',
      sql`(review_verdict IS NULL AND review_note IS NULL AND reviewed_at IS NULL AND reviewed_by IS NULL AND reviewed_by_role IS NULL)
        OR (review_verdict IN ('terecht', 'onterecht') AND review_note IS NOT NULL AND reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_by_role IS NOT NULL)`,
    ),
  ],
);

/**
 * Signals for a person to look at (migration 0018, security finding 6): an
 * attempt to open a second case for a household reaches the case's
 * regisseur; a caller who reached the daily limit of such attempts reaches the
 * municipality's beheerder. Kept apart from the case's events on purpose: a
 * signal does not change the case (no new version, no phase change), so it
 * neither disturbs anyone's If-Match nor needs the machine to accept it.
 */
export const signals = pgTable(
  'signals',
  {
    id: uuid('id').primaryKey(),
    /** The order signals were made in (several can share an instant). */
    seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
    kind: text('kind').notNull().$type<SignalKind>(),
    /** Removed with its case by retention (cascade). */
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    /** The case's version when the signal was made: the timeline shows it right after that event (clocks can tie). */
    caseVersion: integer('case_version'),
    municipality: text('municipality').notNull(),
    /** A named person (none is made so since 0021), or a role: `regisseur` (the case's current one, read through cases.regisseur_id), or a role/team of the municipality. */
    addresseeSub: text('addressee_sub'),
    addresseeRole: text('addressee_role').$type<SignalAddressee>(),
    actorSub: text('actor_sub').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorRole: text('actor_role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When it must be dealt with: the werkvoorraad sorts on it, and an open item past it is overdue. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Identifiers and codes of the kind (a window number, an escalation id), never personal data: webhooks carry it. */
    data: jsonb('data').notNull().$type<SignalData>().default({}),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** Who marked it done (sub). */
    doneBy: text('done_by'),
  },
  (table) => [
    index('signals_case_idx').on(table.caseId, table.seq),
    index('signals_open_sub_idx').on(table.addresseeSub, table.createdAt).where(sql`done_at IS NULL`),
    index('signals_open_role_idx').on(table.addresseeRole, table.municipality, table.createdAt).where(sql`done_at IS NULL`),
    index('signals_role_due_idx').on(table.addresseeRole, table.municipality, table.dueAt),
    check('signals_addressed', sql`addressee_sub IS NOT NULL OR addressee_role IS NOT NULL`),
    check('signals_case_version', sql`(case_id IS NULL) = (case_version IS NULL)`),
    check('signals_addressee_role', sql`addressee_role IN ('regisseur', 'beheerder', 'intaketeam', 'voorgestelde-regisseur')`),
    // The proposed regisseur of a handover (0025) does not direct the case yet: the item names them.
    check('signals_proposed_named', sql`addressee_role IS DISTINCT FROM 'voorgestelde-regisseur' OR addressee_sub IS NOT NULL`),
    check('signals_regisseur_case', sql`addressee_role IS DISTINCT FROM 'regisseur' OR case_id IS NOT NULL`),
    check('signals_done', sql`(done_at IS NULL) = (done_by IS NULL)`),
  ],
);

/** Creation attempts that matched a household with a case, per caller and local day: the daily limit counts them (finding 6). */
export const creationAttempts = pgTable(
  'creation_attempts',
  {
    id: uuid('id').primaryKey(),
    actorSub: text('actor_sub').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    actorRole: text('actor_role').notNull(),
    municipality: text('municipality').notNull(),
    localDay: date('local_day', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    outcome: text('outcome').notNull().$type<'huishouden-heeft-casus' | 'limiet-bereikt'>(),
    /** The case a "has a case" answer told the caller about: the limit counts distinct cases, not answers. */
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    requestId: text('request_id').notNull(),
  },
  (table) => [
    index('creation_attempts_actor_day_idx').on(table.actorSub, table.localDay),
    check('creation_attempts_outcome', sql`outcome IN ('huishouden-heeft-casus', 'limiet-bereikt')`),
    check('creation_attempts_case', sql`(outcome = 'huishouden-heeft-casus') = (case_id IS NOT NULL)`),
  ],
);

/**
 * The professionals the service knows (issue 16 point 14, migration 0025):
 * everyone who called it with a verified token, as that token said, kept up
 * to date at most every few minutes per subject (plugins/directory.ts), never
 * inside a case command's transaction. Handovers, substitutes and lists of
 * colleagues name only people in here. A beheerder marks someone as gone
 * (`gone_at`): they are offered for nothing any more, and their open cases
 * reach the beheerder for reassignment.
 */
export const professionals = pgTable(
  'professionals',
  {
    sub: text('sub').primaryKey(),
    /** The token's display name (`name`), when it carries one. */
    name: text('name'),
    organisation: text('organisation').notNull(),
    oin: text('oin'),
    role: text('role').notNull(),
    municipalities: text('municipalities').array().notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    goneAt: timestamp('gone_at', { withTimezone: true }),
    goneBy: text('gone_by'),
  },
  (table) => [
    index('professionals_municipalities_idx').using('gin', table.municipalities),
    check('professionals_gone_complete', sql`(gone_at IS NULL) = (gone_by IS NULL)`),
  ],
);

/**
 * A regisseur's substitute for a period of absence (issue 16 point 14): from
 * `starts_at` until `ends_at` the substitute has the regisseur's rights on the
 * regisseur's cases (services/api/src/cases/access.ts), and every access-log
 * row of theirs on those cases names the regisseur they stand in for. A new
 * period replaces the previous one (`cancelled_at`).
 */
export const substitutions = pgTable(
  'substitutions',
  {
    id: uuid('id').primaryKey(),
    regisseurSub: text('regisseur_sub').notNull(),
    substituteSub: text('substitute_sub').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (table) => [
    index('substitutions_substitute_idx').on(table.substituteSub, table.regisseurSub).where(sql`cancelled_at IS NULL`),
    // One standing substitution per regisseur: a second is refused even under concurrent requests.
    uniqueIndex('substitutions_one_per_regisseur').on(table.regisseurSub).where(sql`cancelled_at IS NULL`),
    check('substitutions_period', sql`starts_at < ends_at`),
    check('substitutions_not_self', sql`regisseur_sub <> substitute_sub`),
  ],
);

/**
 * The intake of a municipality (migration 0023, issue 16 point 7 and 9): a
 * message about a household without a case (an incident, a restraining
 * order), or a case offered after a move, waits here until a member of the
 * municipality's intake team takes it. The messages are kept whole, except
 * BSNs: those exist only as the keyed hashes in `key_hashes` (recognising a
 * second message about the same household while the item waits).
 */
export const intakeItems = pgTable(
  'intake_items',
  {
    id: uuid('id').primaryKey(),
    /**
     * `bericht`: a household without a case; `verhuizing`: a case offered by another municipality of the region;
     * `herhaling`: a repeat without a regisseur who can take it (theirs is gone, or works for another municipality).
     */
    kind: text('kind').notNull().$type<'bericht' | 'verhuizing' | 'herhaling'>(),
    municipality: text('municipality').notNull(),
    /** The messages about the household, oldest first (a second one joins a waiting item). */
    messages: jsonb('messages').$type<IntakeMessage[]>().notNull(),
    keyHashes: text('key_hashes').array().notNull(),
    /** When the first message arrived (or the move was offered): the age in the werkvoorraad, and the start of the new case's window. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** `verhuizing`: the case offered, and where from; `bericht`: the case opened when taken. Removed with the case by retention. */
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    fromMunicipality: text('from_municipality'),
    /** The `intake-wacht` signals of the werkvoorraad (one for the intake team, one for the beheerder), done when taken. */
    signalIds: uuid('signal_ids').array().notNull(),
    takenBy: text('taken_by'),
    takenAt: timestamp('taken_at', { withTimezone: true }),
  },
  (table) => [
    index('intake_items_waiting_idx').on(table.municipality, table.receivedAt).where(sql`taken_at IS NULL`),
    index('intake_items_keys_idx').using('gin', table.keyHashes),
    check('intake_items_kind', sql`kind IN ('bericht', 'verhuizing', 'herhaling')`),
    check('intake_items_taken', sql`(taken_by IS NULL) = (taken_at IS NULL)`),
    check('intake_items_move', sql`kind = 'bericht' OR (case_id IS NOT NULL AND from_municipality IS NOT NULL)`),
  ],
);

/** One message in an intake item: as received, without BSNs. */
export interface IntakeMessage {
  readonly berichtId: string;
  readonly ontvangenOp: string;
  readonly afzender: { readonly sub: string; readonly organisatie: string; readonly oin?: string };
  readonly bericht: Readonly<Record<string, unknown>>;
}

/**
 * Links between cases ("flag and tag", migration 0023, issue 16 point 8):
 * a repeat of a closed case, or two households sharing a member. One row per
 * direction, so each case reads its own links; each regisseur sees that a
 * link exists and whom to talk to, never the other case's content.
 */
export const caseLinks = pgTable(
  'case_links',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    otherCaseId: uuid('other_case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().$type<LinkReason>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.otherCaseId] }),
    check('case_links_reason', sql`reason IN ('herhaling', 'gedeelde-pleger', 'gedeeld-lid')`),
    check('case_links_other', sql`case_id <> other_case_id`),
  ],
);

/**
 * Handovers merged into an existing case (migration 0023): what the message
 * brought, so that its regisseur can undo a wrong merge within 30 days (the
 * members move to a case of their own, with the message and the regisseur
 * the sender chose).
 */
export const caseMerges = pgTable(
  'case_merges',
  {
    messageId: uuid('message_id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    memberIds: jsonb('member_ids').$type<string[]>().notNull(),
    /** The household keys the message added (its BSNs among them, hashed). */
    keyHashes: text('key_hashes').array().notNull(),
    /** The handover as sent, without BSNs: its regisseur, source and assessment open the split case. */
    message: jsonb('message').$type<Readonly<Record<string, unknown>>>().notNull(),
    sender: jsonb('sender').$type<{ sub: string; organisatie: string; oin?: string }>().notNull(),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    splitCaseId: uuid('split_case_id'),
  },
  (table) => [index('case_merges_case_idx').on(table.caseId)],
);

/**
 * Notes on a case (notities, issue 17 point 4, migration 0026): what a
 * professional wrote down after a contact. Append-only (a trigger refuses
 * UPDATE, DELETE and TRUNCATE, except retention removing a closed case; the
 * service role has no UPDATE, DELETE or TRUNCATE): a correction is a new note
 * naming the one it corrects, a withdrawal or a withholding is a row in
 * `case_note_marks`. Beside the case, not in its event log: a note changes
 * nothing the machine judges, so it bumps no version (no If-Match). Who may
 * read which note is the domain's rule (packages/domain/src/case/notes.ts),
 * written as SQL in repositories/notes.ts.
 */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    /** The order notes were written in (several can share an instant). */
    seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
    /** Removed with its case by retention (cascade). */
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The case's version when the note was written: the timeline shows it right after that event. */
    caseVersion: integer('case_version').notNull(),
    kind: text('kind').notNull().$type<NoteKind>(),
    /** The date of the contact, not of the writing. */
    contactDate: date('contact_date', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    visibility: text('visibility').notNull().$type<NoteVisibility>(),
    /** Explicitly marked for the perpetrator's side: otherwise nobody on that side reads it. */
    forPerpetratorSide: boolean('for_perpetrator_side').notNull().default(false),
    /** Professionals (sub) the author named: they read it whatever its visibility. */
    namedSubs: text('named_subs').array().notNull().default(sql`'{}'::text[]`),
    /** The members the note is about (their inzage shows it). */
    memberIds: text('member_ids').array().notNull().default(sql`'{}'::text[]`),
    /** The note this one corrects, on the same case. */
    corrects: uuid('corrects').references((): AnyPgColumn => caseNotes.id),
    authorSub: text('author_sub').notNull(),
    authorRole: text('author_role').notNull(),
    authorOrganisation: text('author_organisation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('case_notes_case_date_idx').on(table.caseId, table.contactDate, table.seq),
    index('case_notes_case_version_idx').on(table.caseId, table.caseVersion, table.seq),
    index('case_notes_corrects_idx').on(table.corrects).where(sql`corrects IS NOT NULL`),
    check('case_notes_kind', sql`kind IN ('huisbezoek', 'gesprek', 'telefonisch', 'overleg', 'overig')`),
    check('case_notes_visibility', sql`visibility IN ('regie', 'netwerk')`),
    check('case_notes_not_self', sql`corrects IS NULL OR corrects <> id`),
  ],
);

/**
 * What happened to a note after it was written (migration 0026), each once:
 * `intrekking` (withdrawn, filed on the wrong case: hidden from everyone but
 * the auditor) and `achterhouding` (withheld from the members' inzage for
 * their safety). Append-only like the notes; the reason is required.
 */
export const caseNoteMarks = pgTable(
  'case_note_marks',
  {
    noteId: uuid('note_id')
      .notNull()
      .references(() => caseNotes.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().$type<NoteMarkKind>(),
    reason: text('reason').notNull(),
    actorSub: text('actor_sub').notNull(),
    actorRole: text('actor_role').notNull(),
    actorOrganisation: text('actor_organisation').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.noteId, table.kind] }), check('case_note_marks_kind', sql`kind IN ('intrekking', 'achterhouding')`)],
);

/** What can happen to a note after it was written, once each. */
export type NoteMarkKind = 'intrekking' | 'achterhouding';
/** An item of a member's inzage export that a reviewer withheld (issue 17 point 10), with the reason the member reads. */
export interface WithheldItem {
  /** The item's stable id in the document (e.g. `gebeurtenis-12`, `afspraak-<id>-v2`). */
  readonly itemId: string;
  /** The document's section the item is in (afspraken, tijdlijn, ...): the released export names it with the reason. */
  readonly section: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/**
 * A member's inzage export (AVG art. 15), reviewed before release (issue 17
 * point 10, migration 0026): the regisseur or the municipality's privacy
 * officer prepares it (the document is built then and frozen), withholds
 * items about others with a reason (art. 15(4)), and releases it; only a
 * released export can be downloaded, and a released one never changes (a
 * trigger refuses any update of it). Removed with its case by retention.
 */
export const inzageExports = pgTable(
  'inzage_exports',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').notNull(),
    status: text('status').notNull().$type<'concept' | 'vrijgegeven'>(),
    /** The document as prepared (the public Inzage shape, every item with its id): never changed after. */
    document: jsonb('document').notNull().$type<Readonly<Record<string, unknown>>>(),
    withheld: jsonb('withheld').notNull().$type<WithheldItem[]>().default([]),
    /** When the member asked (the one-month term of AVG art. 12(3) runs from it). */
    requestedOn: date('requested_on', { mode: 'string' }),
    preparedBy: text('prepared_by').notNull(),
    preparedByRole: text('prepared_by_role').notNull(),
    preparedAt: timestamp('prepared_at', { withTimezone: true }).notNull(),
    releasedBy: text('released_by'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (table) => [
    index('inzage_exports_member_idx').on(table.caseId, table.memberId, table.preparedAt),
    check('inzage_exports_status', sql`status IN ('concept', 'vrijgegeven')`),
    check('inzage_exports_released', sql`(status = 'vrijgegeven') = (released_at IS NOT NULL) AND (released_at IS NULL) = (released_by IS NULL)`),
  ],
);
