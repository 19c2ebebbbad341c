/**
 * The database schema. drizzle-kit reads this file to generate the SQL in
 * migrations/ (`pnpm db:generate`); keep it free of imports from the rest of
 * the workspace so that generator can load it on its own.
 */
import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
