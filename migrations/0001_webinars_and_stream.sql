CREATE TYPE "public"."approval_mode" AS ENUM('auto', 'manual');--> statement-breakpoint
CREATE TYPE "public"."provisioning_state" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."webinar_status" AS ENUM('draft', 'scheduled', 'live', 'ended', 'cancelled');--> statement-breakpoint
CREATE TABLE "registration_forms" (
	"webinar_id" uuid PRIMARY KEY NOT NULL,
	"fields" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_webhook_events" (
	"webhook_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"call_cid" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webinars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"timezone" text NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"series_id" uuid,
	"capacity" integer,
	"registration_deadline" timestamp with time zone,
	"approval_mode" "approval_mode" DEFAULT 'auto' NOT NULL,
	"status" "webinar_status" DEFAULT 'scheduled' NOT NULL,
	"settings" jsonb NOT NULL,
	"attended_threshold_seconds" integer DEFAULT 600 NOT NULL,
	"stream_call_type" text NOT NULL,
	"stream_call_id" text NOT NULL,
	"provisioning" "provisioning_state" DEFAULT 'pending' NOT NULL,
	"provisioning_error" text,
	"call_sync_version" integer DEFAULT 1 NOT NULL,
	"hls_playlist_url" text,
	"live_started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registration_forms" ADD CONSTRAINT "registration_forms_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webinars" ADD CONSTRAINT "webinars_host_id_users_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stream_webhook_events_call_idx" ON "stream_webhook_events" USING btree ("call_cid","type");--> statement-breakpoint
CREATE UNIQUE INDEX "webinars_slug_unique" ON "webinars" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "webinars_stream_call_unique" ON "webinars" USING btree ("stream_call_type","stream_call_id");--> statement-breakpoint
CREATE INDEX "webinars_start_time_idx" ON "webinars" USING btree ("start_time");--> statement-breakpoint
CREATE INDEX "webinars_host_idx" ON "webinars" USING btree ("host_id");