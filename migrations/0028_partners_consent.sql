-- Issue 17 point 6: the legal ground of a network entry becomes a choice (toestemming, wettelijke-taak, meldcode,
-- vitaal-belang) with a free reference. The free text of existing entries stays in "legal_ground", now the
-- reference (optional from here on), and the kind is read from its words, as the service reads a free text a
-- client still sends (packages/domain/src/case/consent.ts, legalGroundFromText): toestemming, meldcode or vitaal
-- belang where the text says so, otherwise a legal task (wettelijke-taak): what the entries held in practice,
-- a statute such as the Wmo 2015, the Jeugdwet or the Wpg. A regisseur who finds the kind wrong removes the entry
-- and adds it again with the right one.
ALTER TABLE "case_involvements" ALTER COLUMN "legal_ground" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "case_involvements" ADD COLUMN "legal_ground_kind" text;--> statement-breakpoint
UPDATE "case_involvements" SET "legal_ground_kind" = CASE
  WHEN lower("legal_ground") LIKE '%toestemming%' THEN 'toestemming'
  WHEN lower("legal_ground") LIKE '%meldcode%' THEN 'meldcode'
  WHEN lower("legal_ground") ~ 'vita(al|le)' THEN 'vitaal-belang'
  ELSE 'wettelijke-taak'
END;--> statement-breakpoint
ALTER TABLE "case_involvements" ALTER COLUMN "legal_ground_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "case_involvements" ADD CONSTRAINT "case_involvements_legal_ground_kind" CHECK (legal_ground_kind IN ('toestemming', 'wettelijke-taak', 'meldcode', 'vitaal-belang'));
