-- Security finding 6 (the existence oracle). A case manager who tries to open
-- a case for a household that already has one is told only that it has one;
-- the attempt itself is kept, outside the rolled-back creation:
--
-- signals: something a person must look at, addressed to them. An attempt to
-- open a second case reaches the case's regisseur (kind 'aanmaakpoging'); a
-- caller who reached the daily limit reaches the municipality's beheerder
-- (kind 'aanmaakpogingen-limiet', no case). Not a case event: a signal does
-- not change the case, its version (ETag) or its phase. done_at is set when
-- the addressee has dealt with it (the werkvoorraad of issue 16).
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid REFERENCES "cases"("id"),
	"municipality" text NOT NULL,
	"addressee_sub" text,
	"addressee_role" text,
	"actor_sub" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_role" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "signals_addressed" CHECK (addressee_sub IS NOT NULL OR addressee_role IS NOT NULL)
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
	"request_id" text NOT NULL,
	CONSTRAINT "creation_attempts_outcome" CHECK (outcome IN ('huishouden-heeft-casus', 'limiet-bereikt'))
);--> statement-breakpoint
CREATE INDEX "creation_attempts_actor_day_idx" ON "creation_attempts" USING btree ("actor_sub","local_day");--> statement-breakpoint
-- Retention removes a case's signals with the case (the function of 0015, one line more).
CREATE OR REPLACE FUNCTION retention_delete_case(p_case_id uuid, p_closed_before timestamptz) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM 1 FROM cases WHERE id = p_case_id AND phase = 'afgesloten' AND closed_at < p_closed_before FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  -- The event log's trigger (migration 0008) lets this transaction delete events; reset before returning.
  PERFORM set_config('veilig_samen.bewaartermijn', 'verwijderen', true);
  DELETE FROM expert_meeting_items WHERE case_id = p_case_id;
  DELETE FROM timers WHERE case_id = p_case_id;
  DELETE FROM escalations WHERE case_id = p_case_id;
  DELETE FROM household_keys WHERE case_id = p_case_id;
  DELETE FROM case_followers WHERE case_id = p_case_id;
  DELETE FROM case_involvements WHERE case_id = p_case_id;
  DELETE FROM break_glass_grants WHERE case_id = p_case_id;
  DELETE FROM deliveries WHERE case_id = p_case_id;
  DELETE FROM signals WHERE case_id = p_case_id;
  UPDATE messages SET case_id = NULL WHERE case_id = p_case_id;
  UPDATE messages SET linked_case_id = NULL WHERE linked_case_id = p_case_id;
  DELETE FROM case_events WHERE case_id = p_case_id;
  DELETE FROM cases WHERE id = p_case_id;
  PERFORM set_config('veilig_samen.bewaartermijn', '', true);
  RETURN true;
END;
$$;
