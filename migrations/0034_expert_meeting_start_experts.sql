CREATE TABLE "expert_meeting_experts" (
	"meeting_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"organisation" text NOT NULL,
	"name" text,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by" text NOT NULL,
	CONSTRAINT "expert_meeting_experts_meeting_id_subject_pk" PRIMARY KEY("meeting_id","subject")
);
--> statement-breakpoint
ALTER TABLE "expert_meeting_items" ADD COLUMN "outcome_details" jsonb;--> statement-breakpoint
ALTER TABLE "expert_meeting_items" ADD COLUMN "next_review_on" date;--> statement-breakpoint
ALTER TABLE "expert_meetings" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_meetings" ADD COLUMN "started_by" text;--> statement-breakpoint
ALTER TABLE "expert_meeting_experts" ADD CONSTRAINT "expert_meeting_experts_meeting_id_expert_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."expert_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expert_meeting_experts_subject_idx" ON "expert_meeting_experts" USING btree ("subject");