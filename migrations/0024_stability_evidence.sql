-- Closing on evidence (issue 16): each policy version says how many joint scores at or above the threshold
-- the stability period needs (default 2) and how old the latest may be (default 1 month). Existing versions
-- get the defaults, the rule the client asked for.
ALTER TABLE "policy_versions" ADD COLUMN "stability_min_scores" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "stability_latest_score_months" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_stability_evidence" CHECK (stability_min_scores >= 1 AND stability_latest_score_months >= 1);--> statement-breakpoint
-- Machine version 5 counts the joint scores of the current run of safe scores (stabieleScores). A snapshot stored
-- before it knows only the run's start (stabielSinds); every score since that start belongs to the run (a lower
-- score or an incident ends it), so the count is read from the case's event log here, exactly as a replay gives it.
-- Snapshots upgraded on load keep this count (packages/domain/src/case/snapshot-versions.ts, step 4).
UPDATE "cases" SET "state" = jsonb_set("state", '{context,stabieleScores}', to_jsonb((
  SELECT count(*) FROM "case_events" e
  WHERE e."case_id" = "cases"."id" AND e."type" = 'veiligheidsscore.vastgelegd' AND e."payload"->>'op' >= "cases"."state"->'context'->>'stabielSinds'
    -- A lower score given at the same instant as the run's first is not in it.
    AND (e."payload"->>'score')::int >= ("cases"."state"->'context'->'vensters'->-1->'beleid'->>'safetyThreshold')::int
)))
WHERE "state"->'context'->>'stabielSinds' IS NOT NULL AND NOT ("state"->'context' ? 'stabieleScores');
