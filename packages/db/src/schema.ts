/**
 * The database schema. drizzle-kit reads this file to generate the SQL in
 * migrations/ (`pnpm db:generate`); import only types from the rest of the
 * workspace (they are erased), so that generator can load it on its own.
 */
import type { PersistedCase, StoredCaseEvent } from '@veilig-samen/domain';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Versions of a region's escalation policy (threshold, window, stability,
 * reminder). Rows are never updated: a change is a new version, and every
 * case keeps the version it started under.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    region: text('region').notNull(),
    version: integer('version').notNull(),
    safetyThreshold: integer('safety_threshold').notNull(),
    escalationWindowMonths: integer('escalation_window_months').notNull(),
    stabilityMonths: integer('stability_months').notNull(),
    reminderDaysBeforeDeadline: integer('reminder_days_before_deadline').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (table) => [uniqueIndex('policy_versions_region_version_key').on(table.region, table.version)],
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
    phase: text('phase').notNull(),
    regisseurId: text('regisseur_id').notNull(),
    regisseurOrganisation: text('regisseur_organisation').notNull(),
    version: integer('version').notNull(),
    state: jsonb('state').$type<PersistedCase>().notNull(),
    safetyDeadline: timestamp('safety_deadline', { withTimezone: true }).notNull(),
    thresholdReached: boolean('threshold_reached').notNull(),
    latestScore: integer('latest_score'),
    escalated: boolean('escalated').notNull().default(false),
    policyVersion: integer('policy_version').notNull(),
    phaseSince: timestamp('phase_since', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [
    index('cases_municipality_phase_idx').on(table.municipality, table.phase),
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
  (table) => [primaryKey({ columns: [table.caseId, table.seq] })],
);
