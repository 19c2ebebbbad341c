ALTER TABLE "deliveries" ADD COLUMN "traceparent" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "format" text DEFAULT 'standard-webhooks' NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "authorization_header" text;