CREATE TYPE "public"."email_status" AS ENUM('queued', 'sent', 'failed', 'kept');--> statement-breakpoint
CREATE TYPE "public"."registration_source" AS ENUM('public', 'admin');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('pending', 'approved', 'rejected', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TABLE "email_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"webinar_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"to_email" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"ics" text,
	"status" "email_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webinar_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "registration_status" NOT NULL,
	"join_token_version" integer DEFAULT 1 NOT NULL,
	"join_token_hash" text NOT NULL,
	"timezone" text,
	"source" "registration_source" DEFAULT 'public' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_registration_dedupe_unique" ON "email_messages" USING btree ("registration_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "email_messages_webinar_idx" ON "email_messages" USING btree ("webinar_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_webinar_email_unique" ON "registrations" USING btree ("webinar_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_join_token_hash_unique" ON "registrations" USING btree ("join_token_hash");--> statement-breakpoint
CREATE INDEX "registrations_webinar_status_idx" ON "registrations" USING btree ("webinar_id","status","created_at");