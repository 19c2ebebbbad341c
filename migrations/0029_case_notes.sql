-- Issue 17 point 4: notes on a case (notities) and what happened to them since
-- (withdrawn, withheld from the inzage). Beside the case, not in its event log:
-- a note changes nothing the case machine judges, so it bumps no version.
-- Append-only like case_events: a trigger refuses UPDATE, DELETE and TRUNCATE,
-- except the retention job removing a closed case (the setting of 0008, set by
-- retention_delete_case; the rows go with their case by ON DELETE CASCADE, so
-- that function stays as it is). The service role gets no UPDATE, DELETE or
-- TRUNCATE on either table (packages/db/src/roles.ts).
CREATE TABLE "case_note_marks" (
	"note_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_note_marks_note_id_kind_pk" PRIMARY KEY("note_id","kind"),
	CONSTRAINT "case_note_marks_kind" CHECK (kind IN ('intrekking', 'achterhouding'))
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "case_notes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"case_version" integer NOT NULL,
	"kind" text NOT NULL,
	"contact_date" date NOT NULL,
	"text" text NOT NULL,
	"visibility" text NOT NULL,
	"for_perpetrator_side" boolean DEFAULT false NOT NULL,
	"named_subs" text[] DEFAULT '{}'::text[] NOT NULL,
	"member_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"corrects" uuid,
	"author_sub" text NOT NULL,
	"author_role" text NOT NULL,
	"author_organisation" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_notes_kind" CHECK (kind IN ('huisbezoek', 'gesprek', 'telefonisch', 'overleg', 'overig')),
	CONSTRAINT "case_notes_visibility" CHECK (visibility IN ('regie', 'netwerk')),
	CONSTRAINT "case_notes_not_self" CHECK (corrects IS NULL OR corrects <> id)
);
--> statement-breakpoint
ALTER TABLE "case_note_marks" ADD CONSTRAINT "case_note_marks_note_id_case_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."case_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note_marks" ADD CONSTRAINT "case_note_marks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_corrects_case_notes_id_fk" FOREIGN KEY ("corrects") REFERENCES "public"."case_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_case_date_idx" ON "case_notes" USING btree ("case_id","contact_date","seq");--> statement-breakpoint
CREATE INDEX "case_notes_case_version_idx" ON "case_notes" USING btree ("case_id","case_version","seq");--> statement-breakpoint
CREATE INDEX "case_notes_corrects_idx" ON "case_notes" USING btree ("corrects") WHERE corrects IS NOT NULL;
--> statement-breakpoint
CREATE FUNCTION append_only_except_retention() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('veilig_samen.bewaartermijn', true) = 'verwijderen' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_notes_no_update_or_delete BEFORE UPDATE OR DELETE ON "case_notes"
  FOR EACH ROW EXECUTE FUNCTION append_only_except_retention();
--> statement-breakpoint
CREATE TRIGGER case_notes_no_truncate BEFORE TRUNCATE ON "case_notes"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_except_retention();
--> statement-breakpoint
CREATE TRIGGER case_note_marks_no_update_or_delete BEFORE UPDATE OR DELETE ON "case_note_marks"
  FOR EACH ROW EXECUTE FUNCTION append_only_except_retention();
--> statement-breakpoint
CREATE TRIGGER case_note_marks_no_truncate BEFORE TRUNCATE ON "case_note_marks"
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_except_retention();
