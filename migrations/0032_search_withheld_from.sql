ALTER TABLE "case_search" ADD COLUMN "withheld_from" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Hand-written: the partners each member's data is withheld from, for the search rows stored before this column
-- (the same rule as consent.ts withholdingKeyTexts: a record refused or withdrawn, with no other ground).
UPDATE "case_search" s SET "withheld_from" = w.keys
FROM (
  SELECT c.id AS case_id, l->>'id' AS member_id,
    array_agg(CASE WHEN t->'partner'->>'soort' = 'professional' THEN 'professional:' || (t->'partner'->>'id') ELSE 'organisatie:' || (t->'partner'->>'oin') END ORDER BY t->>'betrokkeneId') AS keys
  FROM "cases" c
  CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c."state"->'context'->'leden', '[]'::jsonb)) l
  CROSS JOIN LATERAL jsonb_array_elements(COALESCE(l->'toestemmingen', '[]'::jsonb)) t
  WHERE t->>'status' <> 'ja' AND jsonb_typeof(t->'andereGrondslag') = 'null'
  GROUP BY c.id, l->>'id'
) w
WHERE s."case_id" = w.case_id AND s."member_id" = w.member_id;
