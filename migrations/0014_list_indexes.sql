DROP INDEX "cases_municipality_phase_idx";--> statement-breakpoint
DROP INDEX "escalations_queue_idx";--> statement-breakpoint
CREATE INDEX "cases_municipality_phase_listing_idx" ON "cases" USING btree ("municipality","phase","opened_at","id");--> statement-breakpoint
CREATE INDEX "escalations_queue_idx" ON "escalations" USING btree ("region","status","created_at","id");