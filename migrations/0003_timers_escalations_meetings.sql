CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"region" text NOT NULL,
	"municipality" text NOT NULL,
	"reason" text NOT NULL,
	"explanation" text,
	"window_number" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"reasoning" text,
	"advice" text,
	"follow_up_at" timestamp with time zone,
	"follow_up_note" text,
	"follow_up_due_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "expert_meeting_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"escalation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"participants" jsonb,
	"decisions" jsonb,
	"agreements" jsonb,
	"outcome_recorded_at" timestamp with time zone,
	"outcome_recorded_by" text
);
--> statement-breakpoint
CREATE TABLE "expert_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"minutes" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"window_number" integer,
	"escalation_id" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"outcome" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_meeting_items" ADD CONSTRAINT "expert_meeting_items_meeting_id_expert_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."expert_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_meeting_items" ADD CONSTRAINT "expert_meeting_items_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_meeting_items" ADD CONSTRAINT "expert_meeting_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_deadline_once_key" ON "escalations" USING btree ("case_id","window_number") WHERE reason = 'deadline';--> statement-breakpoint
CREATE INDEX "escalations_queue_idx" ON "escalations" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_meeting_items_escalation_key" ON "expert_meeting_items" USING btree ("meeting_id","escalation_id");--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("due_at") WHERE fired_at IS NULL AND cancelled_at IS NULL;--> statement-breakpoint
CREATE INDEX "timers_case_pending_idx" ON "timers" USING btree ("case_id") WHERE fired_at IS NULL AND cancelled_at IS NULL;