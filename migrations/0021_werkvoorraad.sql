-- Issue 16 point 5: the werkvoorraad. Every signal that needs a person is a
-- row of `signals` (0018), listed for its addressee (GET /v1/werkvoorraad) and
-- sent as webhook `werkvoorraad.item`.
--
-- due_at: when it must be dealt with; the list puts open items past it
-- (overdue) first, then sorts by it. Existing rows were due when made.
-- data: identifiers and codes of the kind (a window number, an escalation id),
-- never personal data: the webhook carries it.
-- done_by: who marked it done (with done_at, or neither).
--
-- Addressing: addressee_role 'regisseur' is the case's *current* regisseur,
-- resolved through cases.regisseur_id when the list is read, so an item
-- follows the case on handover; 'beheerder' / 'intaketeam' are that role or
-- team of the signal's municipality. Existing 'aanmaakpoging' rows named the
-- regisseur of the time: they now follow the case like new ones.
ALTER TABLE "signals" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
UPDATE "signals" SET "due_at" = "created_at";--> statement-breakpoint
ALTER TABLE "signals" ALTER COLUMN "due_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "data" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "signals" ADD COLUMN "done_by" text;--> statement-breakpoint
UPDATE "signals" SET "done_by" = 'onbekend' WHERE "done_at" IS NOT NULL;--> statement-breakpoint
UPDATE "signals" SET "addressee_role" = 'regisseur', "addressee_sub" = NULL WHERE "kind" = 'aanmaakpoging' AND "case_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "signals_role_due_idx" ON "signals" USING btree ("addressee_role","municipality","due_at");--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_addressee_role" CHECK (addressee_role IN ('regisseur', 'beheerder', 'intaketeam'));--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_regisseur_case" CHECK (addressee_role IS DISTINCT FROM 'regisseur' OR case_id IS NOT NULL);--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_done" CHECK ((done_at IS NULL) = (done_by IS NULL));--> statement-breakpoint
-- A werkvoorraad item about no case (the beheerder's signal that a caller
-- reached the day's limit) is a webhook too: its delivery names no case, and
-- keeps no order per case (claimDueDelivery compares case ids; NULL matches none).
ALTER TABLE "deliveries" ALTER COLUMN "case_id" DROP NOT NULL;
