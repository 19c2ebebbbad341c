CREATE TABLE "case_followers" (
	"case_id" uuid NOT NULL,
	"organisation" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "case_followers_case_id_organisation_pk" PRIMARY KEY("case_id","organisation")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"seq" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliveries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "household_keys" (
	"case_id" uuid NOT NULL,
	"municipality" text NOT NULL,
	"key_hash" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "household_keys_case_id_key_hash_pk" PRIMARY KEY("case_id","key_hash")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"client_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"response_headers" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_client_id_key_pk" PRIMARY KEY("client_id","key")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"organisation" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"case_id" uuid,
	"linked_case_id" uuid,
	"recurrence" boolean DEFAULT false NOT NULL,
	"reasons" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation" text NOT NULL,
	"url" text NOT NULL,
	"events" jsonb NOT NULL,
	"municipalities" jsonb NOT NULL,
	"secret" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_followers" ADD CONSTRAINT "case_followers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_keys" ADD CONSTRAINT "household_keys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("next_attempt_at") WHERE status = 'wachtend';--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("subscription_id","case_id","seq") WHERE status = 'wachtend';--> statement-breakpoint
CREATE INDEX "deliveries_subscription_idx" ON "deliveries" USING btree ("subscription_id","seq");--> statement-breakpoint
CREATE INDEX "household_keys_lookup_idx" ON "household_keys" USING btree ("municipality","key_hash");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expiry_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "messages_client_idx" ON "messages" USING btree ("client_id","received_at");