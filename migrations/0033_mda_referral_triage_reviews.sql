CREATE TABLE "mda_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"escalation_id" uuid,
	"region" text NOT NULL,
	"municipality" text NOT NULL,
	"number" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone,
	"recorded_by" text,
	"explanation" text,
	"next_review_at" timestamp with time zone,
	CONSTRAINT "mda_reviews_status" CHECK (status IN ('open', 'voortgezet', 'afgeschaald')),
	CONSTRAINT "mda_reviews_recorded" CHECK ((status = 'open') = (recorded_at IS NULL))
);
--> statement-breakpoint
ALTER TABLE "escalations" DROP CONSTRAINT "escalations_reasons_known";--> statement-breakpoint
DROP INDEX "timers_pending_deadline_unique";--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "referrer_organisation" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "referrer_person" text;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "decision_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "decision_item_id" uuid;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "decision_participants" jsonb;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "mda_review_months" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "mda_reviews" ADD CONSTRAINT "mda_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mda_reviews" ADD CONSTRAINT "mda_reviews_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mda_reviews_open_per_case_key" ON "mda_reviews" USING btree ("case_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "mda_reviews_queue_idx" ON "mda_reviews" USING btree ("region","status","due_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "timers_pending_deadline_unique" ON "timers" USING btree ("case_id","kind","due_at",coalesce(window_number, -1)) WHERE fired_at IS NULL AND cancelled_at IS NULL AND kind IN ('veiligheidsdeadline', 'herinnering-deadline', 'huisverbod-einde', 'regiewissel-wacht', 'regiewissel-wacht-beheer', 'mda-evaluatie');--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_referrer" CHECK ((reason = 'aanmelding-partner') = (referrer_organisation IS NOT NULL));--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_reasons_known" CHECK (reasons <@ ARRAY['deadline', 'handmatig', 'aanmelding-partner']::text[] AND reason = ANY(reasons));--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_mda_review" CHECK (mda_review_months >= 1);--> statement-breakpoint
-- Cases already in the MDA++ track get their first review 3 calendar months (Europe/Amsterdam, the default rhythm)
-- after the decision that took them in, as machine version 7 plans it when it upgrades their snapshot.
INSERT INTO "timers" ("case_id", "kind", "due_at", "window_number", "created_at")
SELECT e."case_id", 'mda-evaluatie', ((e."decided_at" AT TIME ZONE 'Europe/Amsterdam') + interval '3 months') AT TIME ZONE 'Europe/Amsterdam', 1, now()
FROM "escalations" e
WHERE e."status" = 'mda-traject' AND e."decided_at" IS NOT NULL;
