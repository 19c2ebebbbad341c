-- Issue 16: the safety net.
--
-- A 6 counts while it stands. A case list must say why a case with a latest
-- score of 7 does not have the threshold standing: the current window (its
-- start and why it opened), when the standing run at or above the threshold
-- began (null: it does not stand), whether the rule applies in the window,
-- and when the latest score was given. These replace threshold_reached, which
-- said only yes or no. Backfilled from the stored snapshot's current window.
ALTER TABLE "cases" ADD COLUMN "window_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "window_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "threshold_reached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "rule_applies" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "latest_score_at" timestamp with time zone;--> statement-breakpoint
UPDATE "cases" SET
	"window_start" = (state->'context'->'vensters'->-1->>'start')::timestamptz,
	"window_reason" = state->'context'->'vensters'->-1->>'reden',
	"threshold_reached_at" = (state->'context'->'vensters'->-1->>'drempelBereiktOp')::timestamptz,
	"rule_applies" = coalesce((state->'context'->'vensters'->-1->>'regelVanToepassing')::boolean, true),
	"latest_score_at" = (state->'context'->'laatsteScore'->>'gescoordOp')::timestamptz;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "window_start" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "window_reason" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "rule_applies" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "threshold_reached";--> statement-breakpoint
-- One escalation carries every reason: its own, and the deadline when it
-- passed while an escalation by hand waited.
ALTER TABLE "escalations" ADD COLUMN "reasons" text[];--> statement-breakpoint
UPDATE "escalations" SET "reasons" = ARRAY["reason"];--> statement-breakpoint
ALTER TABLE "escalations" ALTER COLUMN "reasons" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_reasons_known" CHECK ("reasons" <@ ARRAY['deadline', 'handmatig']::text[] AND "reason" = ANY("reasons"));--> statement-breakpoint
-- The rule's scope (every case, or those marked as coordination on safety);
-- versions adopted before it applied the rule to every case.
ALTER TABLE "policy_versions" ADD COLUMN "scope" text DEFAULT 'alle-casussen' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_scope_known" CHECK ("scope" IN ('alle-casussen', 'coordinatie-op-veiligheid'));
