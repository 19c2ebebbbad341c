-- Every policy version says why it was adopted. Versions adopted before this
-- migration get a fixed text that says so (an honest "unknown", never an empty
-- reason); the default is dropped at once, so every new version must bring
-- its own reason (NOT NULL), which the API requires from the regiobeheerder.
ALTER TABLE "policy_versions" ADD COLUMN "reason" text DEFAULT 'vastgesteld vóór de invoering van redenen' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ALTER COLUMN "reason" DROP DEFAULT;--> statement-breakpoint
-- Also issue 14 (in this migration, whose number was assigned for both): the
-- review of a break-the-glass grant, recorded once. Existing grants are not
-- reviewed yet (all NULL); a review sets all five columns at once.
ALTER TABLE "break_glass_grants" ADD COLUMN "review_verdict" text;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD COLUMN "reviewed_by_role" text;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_review_complete" CHECK ((review_verdict IS NULL AND review_note IS NULL AND reviewed_at IS NULL AND reviewed_by IS NULL AND reviewed_by_role IS NULL)
        OR (review_verdict IN ('terecht', 'onterecht') AND review_note IS NOT NULL AND reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_by_role IS NOT NULL));
