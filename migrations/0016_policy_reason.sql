-- Every policy version says why it was adopted. Versions adopted before this
-- migration get a fixed text that says so (an honest "unknown", never an empty
-- reason); the default is dropped at once, so every new version must bring
-- its own reason (NOT NULL), which the API requires from the regiobeheerder.
ALTER TABLE "policy_versions" ADD COLUMN "reason" text DEFAULT 'vastgesteld vóór de invoering van redenen' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ALTER COLUMN "reason" DROP DEFAULT;
