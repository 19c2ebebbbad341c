CREATE TABLE "inzage_exports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text NOT NULL,
	"document" jsonb NOT NULL,
	"withheld" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_on" date,
	"prepared_by" text NOT NULL,
	"prepared_by_role" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"released_by" text,
	"released_at" timestamp with time zone,
	CONSTRAINT "inzage_exports_status" CHECK (status IN ('concept', 'vrijgegeven')),
	CONSTRAINT "inzage_exports_released" CHECK ((status = 'vrijgegeven') = (released_at IS NOT NULL) AND (released_at IS NULL) = (released_by IS NULL))
);
--> statement-breakpoint
ALTER TABLE "inzage_exports" ADD CONSTRAINT "inzage_exports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inzage_exports_member_idx" ON "inzage_exports" USING btree ("case_id","member_id","prepared_at");--> statement-breakpoint
-- A released export is what the member received: it never changes (AVG art. 15; the review is on record).
-- The service role may update drafts (withholding, releasing); this refuses any update of a released one.
CREATE FUNCTION inzage_exports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'inzage export % is vrijgegeven and cannot change', OLD.id USING ERRCODE = 'restrict_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER inzage_exports_frozen BEFORE UPDATE ON "inzage_exports" FOR EACH ROW WHEN (OLD.status = 'vrijgegeven') EXECUTE FUNCTION inzage_exports_frozen();
