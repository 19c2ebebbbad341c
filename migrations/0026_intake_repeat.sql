ALTER TABLE "intake_items" DROP CONSTRAINT "intake_items_kind";--> statement-breakpoint
ALTER TABLE "intake_items" ADD CONSTRAINT "intake_items_kind" CHECK (kind IN ('bericht', 'verhuizing', 'herhaling'));--> statement-breakpoint
-- Repeats queued before the kind existed waited as a move from a municipality to itself: the same thing, now named.
UPDATE "intake_items" SET "kind" = 'herhaling' WHERE "kind" = 'verhuizing' AND "from_municipality" = "municipality";
