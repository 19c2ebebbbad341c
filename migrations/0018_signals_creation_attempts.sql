-- Security finding 6 (the existence oracle). A case manager who tries to open
-- a case for a household that already has one is told only that it has one;
-- the attempt itself is kept, outside the rolled-back creation:
--
-- signals: something a person must look at, addressed to them. An attempt to
-- open a second case reaches the case's regisseur (kind 'aanmaakpoging'); a
-- caller who reached the daily limit reaches the municipality's beheerder
-- (kind 'aanmaakpogingen-limiet', no case). Not a case event: a signal does
-- not change the case, its version (ETag) or its phase. done_at is set when
-- the addressee has dealt with it (the werkvoorraad of issue 16). A case's
-- signals go with it when retention removes the case (ON DELETE CASCADE, so
-- retention_delete_case of 0015 stays as it is).
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid REFERENCES "cases"("id") ON DELETE CASCADE,
	"case_version" integer,
	"municipality" text NOT NULL,
	"addressee_sub" text,
	"addressee_role" text,
	"actor_sub" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "signals_addressed" CHECK (addressee_sub IS NOT NULL OR addressee_role IS NOT NULL),
	CONSTRAINT "signals_case_version" CHECK ((case_id IS NULL) = (case_version IS NULL))
);--> statement-breakpoint
CREATE INDEX "signals_case_idx" ON "signals" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "signals_open_sub_idx" ON "signals" USING btree ("addressee_sub","created_at") WHERE done_at IS NULL;--> statement-breakpoint
CREATE INDEX "signals_open_role_idx" ON "signals" USING btree ("addressee_role","municipality","created_at") WHERE done_at IS NULL;--> statement-breakpoint
-- Every creation attempt that matched a household with a case, per caller and
-- local day: the daily limit counts the answers 'huishouden-heeft-casus'
-- (outcome), so it survives restarts and holds across instances.
CREATE TABLE "creation_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_role" text NOT NULL,
	"municipality" text NOT NULL,
	"local_day" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"case_id" uuid REFERENCES "cases"("id") ON DELETE CASCADE,
	"request_id" text NOT NULL,
	CONSTRAINT "creation_attempts_outcome" CHECK (outcome IN ('huishouden-heeft-casus', 'limiet-bereikt')),
	CONSTRAINT "creation_attempts_case" CHECK ((outcome = 'huishouden-heeft-casus') = (case_id IS NOT NULL))
);--> statement-breakpoint
CREATE INDEX "creation_attempts_actor_day_idx" ON "creation_attempts" USING btree ("actor_sub","local_day");
