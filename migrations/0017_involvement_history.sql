-- Access reads a case's whole network history (removed entries too: once on the perpetrator's side, always).
CREATE INDEX IF NOT EXISTS "case_involvements_history_idx" ON "case_involvements" USING btree ("case_id");
