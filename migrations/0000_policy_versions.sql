CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region" text NOT NULL,
	"version" integer NOT NULL,
	"safety_threshold" integer NOT NULL,
	"escalation_window_months" integer NOT NULL,
	"stability_months" integer NOT NULL,
	"reminder_days_before_deadline" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_region_version_key" ON "policy_versions" USING btree ("region","version");