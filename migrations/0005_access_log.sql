CREATE TABLE "access_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_organisation" text NOT NULL,
	"actor_role" text NOT NULL,
	"on_behalf_of" text,
	"case_id" uuid,
	"member_ids" jsonb NOT NULL,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"status" integer NOT NULL,
	"purpose" text NOT NULL,
	"break_glass" boolean DEFAULT false NOT NULL,
	"request_id" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_log_case_idx" ON "access_log" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "access_log_actor_idx" ON "access_log" USING btree ("actor_sub","id");