CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_role" text NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_involvements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"organisation" text NOT NULL,
	"role" text NOT NULL,
	"legal_ground" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" text NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" text
);
--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_involvements" ADD CONSTRAINT "case_involvements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_lookup_idx" ON "break_glass_grants" USING btree ("case_id","actor_sub","expires_at");--> statement-breakpoint
CREATE INDEX "case_involvements_case_idx" ON "case_involvements" USING btree ("case_id") WHERE removed_at IS NULL;--> statement-breakpoint
CREATE INDEX "case_involvements_subject_idx" ON "case_involvements" USING btree ("subject") WHERE removed_at IS NULL;