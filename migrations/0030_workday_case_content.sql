-- Issue 17 (the case manager's working day). The werkvoorraad items a case's state implies (agreements near or past
-- their deadline, the next TOP3 scoring, Handle with Care signals not yet recorded) are derived from the snapshot
-- like the phase and kept on the row (packages/domain/src/case/work-items.ts); rows stored before this migration
-- get them at the service's next start (deriveMissingWorkColumns: computing them needs the domain's rules, which
-- SQL would only copy). The policy gets the werkvoorraad's planning: weeks between scorings, days ahead.
ALTER TABLE "cases" ADD COLUMN "work_items" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "work_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "scoring_interval_weeks_safety" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "scoring_interval_weeks_later" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "work_list_days_ahead" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_work_list" CHECK (scoring_interval_weeks_safety >= 1 AND scoring_interval_weeks_later >= 1 AND work_list_days_ahead >= 0);