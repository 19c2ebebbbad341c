-- Issue 16 points 14 and 11 (0022 on fix/directory, renumbered after main's 0021-0023): the professionals the service knows and their
-- substitutes. professionals is filled from verified tokens (at most every few
-- minutes per subject, never in a case command's transaction); a handover is
-- proposed only to someone in it who is not gone. substitutions: a regisseur's
-- substitute for a period; at most one standing (not cancelled) per regisseur.
CREATE TABLE "professionals" (
	"sub" text PRIMARY KEY NOT NULL,
	"name" text,
	"organisation" text NOT NULL,
	"oin" text,
	"role" text NOT NULL,
	"municipalities" text[] NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"gone_at" timestamp with time zone,
	"gone_by" text,
	CONSTRAINT "professionals_gone_complete" CHECK ((gone_at IS NULL) = (gone_by IS NULL))
);
--> statement-breakpoint
CREATE TABLE "substitutions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"regisseur_sub" text NOT NULL,
	"substitute_sub" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "substitutions_period" CHECK (starts_at < ends_at),
	CONSTRAINT "substitutions_not_self" CHECK (regisseur_sub <> substitute_sub)
);
--> statement-breakpoint
-- The last line of defence against a doubled pending timer now covers the
-- handover proposal's waiting timers too.
DROP INDEX "timers_pending_deadline_unique";--> statement-breakpoint
CREATE INDEX "professionals_municipalities_idx" ON "professionals" USING gin ("municipalities");--> statement-breakpoint
CREATE INDEX "substitutions_substitute_idx" ON "substitutions" USING btree ("substitute_sub","regisseur_sub") WHERE cancelled_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "substitutions_one_per_regisseur" ON "substitutions" USING btree ("regisseur_sub") WHERE cancelled_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "timers_pending_deadline_unique" ON "timers" USING btree ("case_id","kind","due_at",coalesce(window_number, -1)) WHERE fired_at IS NULL AND cancelled_at IS NULL AND kind IN ('veiligheidsdeadline', 'herinnering-deadline', 'huisverbod-einde', 'regiewissel-wacht', 'regiewissel-wacht-beheer');
--> statement-breakpoint
-- A handover proposal waiting 2 working days is an item for both regisseurs
-- (issue 16 point 11): the current one (role 'regisseur', through the case)
-- and the proposed one, who does not direct the case yet, so is named by sub
-- (role 'voorgestelde-regisseur'; 0018's CHECK already allows addressee_sub).
ALTER TABLE "signals" DROP CONSTRAINT "signals_addressee_role";--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_addressee_role" CHECK (addressee_role IN ('regisseur', 'beheerder', 'intaketeam', 'voorgestelde-regisseur'));--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_proposed_named" CHECK (addressee_role IS DISTINCT FROM 'voorgestelde-regisseur' OR addressee_sub IS NOT NULL);