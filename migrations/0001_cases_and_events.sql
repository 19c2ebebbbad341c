CREATE TABLE "case_events" (
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_case_id_seq_pk" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"municipality" text NOT NULL,
	"phase" text NOT NULL,
	"regisseur_id" text NOT NULL,
	"regisseur_organisation" text NOT NULL,
	"version" integer NOT NULL,
	"state" jsonb NOT NULL,
	"safety_deadline" timestamp with time zone NOT NULL,
	"threshold_reached" boolean NOT NULL,
	"latest_score" integer,
	"escalated" boolean DEFAULT false NOT NULL,
	"policy_version" integer NOT NULL,
	"phase_since" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_municipality_phase_idx" ON "cases" USING btree ("municipality","phase");--> statement-breakpoint
CREATE INDEX "cases_regisseur_idx" ON "cases" USING btree ("regisseur_id");--> statement-breakpoint
CREATE INDEX "cases_safety_deadline_idx" ON "cases" USING btree ("safety_deadline");--> statement-breakpoint
CREATE INDEX "cases_listing_idx" ON "cases" USING btree ("opened_at","id");