-- Closing on evidence (issue 16): each policy version says how many joint scores at or above the threshold
-- the stability period needs (default 2) and how old the latest may be (default 1 month). Existing versions
-- get the defaults, the rule the client asked for.
ALTER TABLE "policy_versions" ADD COLUMN "stability_min_scores" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "stability_latest_score_months" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_stability_evidence" CHECK (stability_min_scores >= 1 AND stability_latest_score_months >= 1);
