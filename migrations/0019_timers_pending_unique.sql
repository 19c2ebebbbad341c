-- A deadline timer is pending at most once per case, kind, due time and window:
-- the last line of defence under a command's diff of its timers (the attacker
-- review of issue 14 duplicated one through a command that waited for the lock).
CREATE UNIQUE INDEX "timers_pending_deadline_unique" ON "timers" USING btree ("case_id","kind","due_at",coalesce(window_number, -1)) WHERE fired_at IS NULL AND cancelled_at IS NULL AND kind IN ('veiligheidsdeadline', 'herinnering-deadline', 'huisverbod-einde');
