-- Issue 16, points 6-9: no signal gets lost.
-- intake_items: a message about a household without a case (or a moved case) waits for the municipality's
--   intake team; messages kept whole but without BSNs (only their keyed hashes, in key_hashes).
-- case_links: "flag and tag" between cases (herhaling, gedeelde-pleger, gedeeld-lid), one row per direction.
-- case_merges: what a handover merged into a case brought, so a wrong merge can be undone within 30 days.
-- All rows go with their case (ON DELETE CASCADE), so retention_delete_case of 0015 stays as it is.
CREATE TABLE "case_links" (
	"case_id" uuid NOT NULL,
	"other_case_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_links_case_id_other_case_id_pk" PRIMARY KEY("case_id","other_case_id"),
	CONSTRAINT "case_links_reason" CHECK (reason IN ('herhaling', 'gedeelde-pleger', 'gedeeld-lid')),
	CONSTRAINT "case_links_other" CHECK (case_id <> other_case_id)
);
--> statement-breakpoint
CREATE TABLE "case_merges" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"member_ids" jsonb NOT NULL,
	"key_hashes" text[] NOT NULL,
	"message" jsonb NOT NULL,
	"sender" jsonb NOT NULL,
	"merged_at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"split_case_id" uuid
);
--> statement-breakpoint
CREATE TABLE "intake_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"municipality" text NOT NULL,
	"messages" jsonb NOT NULL,
	"key_hashes" text[] NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"case_id" uuid,
	"from_municipality" text,
	"signal_ids" uuid[] NOT NULL,
	"taken_by" text,
	"taken_at" timestamp with time zone,
	CONSTRAINT "intake_items_kind" CHECK (kind IN ('bericht', 'verhuizing')),
	CONSTRAINT "intake_items_taken" CHECK ((taken_by IS NULL) = (taken_at IS NULL)),
	CONSTRAINT "intake_items_move" CHECK (kind = 'bericht' OR (case_id IS NOT NULL AND from_municipality IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "intake_id" uuid;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_links" ADD CONSTRAINT "case_links_other_case_id_cases_id_fk" FOREIGN KEY ("other_case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_merges" ADD CONSTRAINT "case_merges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_items" ADD CONSTRAINT "intake_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_merges_case_idx" ON "case_merges" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "intake_items_waiting_idx" ON "intake_items" USING btree ("municipality","received_at") WHERE taken_at IS NULL;--> statement-breakpoint
CREATE INDEX "intake_items_keys_idx" ON "intake_items" USING gin ("key_hashes");