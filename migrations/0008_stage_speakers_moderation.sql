CREATE TYPE "public"."speaker_kind" AS ENUM('cohost', 'panelist');--> statement-breakpoint
CREATE TYPE "public"."stage_request_status" AS ENUM('pending', 'accepted', 'dismissed', 'withdrawn', 'ended');--> statement-breakpoint
ALTER TYPE "public"."room_author_kind" ADD VALUE 'speaker';--> statement-breakpoint
CREATE TABLE "chat_mutes" (
	"webinar_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"muted_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_mutes_webinar_id_registration_id_pk" PRIMARY KEY("webinar_id","registration_id")
);
--> statement-breakpoint
CREATE TABLE "moderation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webinar_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_name" text NOT NULL,
	"actor_user_id" uuid,
	"target_name" text,
	"target_registration_id" uuid,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webinar_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"status" "stage_request_status" DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_name" text
);
--> statement-breakpoint
CREATE TABLE "webinar_speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"webinar_id" uuid NOT NULL,
	"kind" "speaker_kind" NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"studio_token_version" integer DEFAULT 1 NOT NULL,
	"studio_token_hash" text,
	"invited_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "email_messages" ALTER COLUMN "registration_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "speaker_id" uuid;--> statement-breakpoint
ALTER TABLE "chat_mutes" ADD CONSTRAINT "chat_mutes_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_mutes" ADD CONSTRAINT "chat_mutes_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_target_registration_id_registrations_id_fk" FOREIGN KEY ("target_registration_id") REFERENCES "public"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_requests" ADD CONSTRAINT "stage_requests_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_requests" ADD CONSTRAINT "stage_requests_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webinar_speakers" ADD CONSTRAINT "webinar_speakers_webinar_id_webinars_id_fk" FOREIGN KEY ("webinar_id") REFERENCES "public"."webinars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webinar_speakers" ADD CONSTRAINT "webinar_speakers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webinar_speakers" ADD CONSTRAINT "webinar_speakers_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "moderation_actions_webinar_idx" ON "moderation_actions" USING btree ("webinar_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stage_requests_open_unique" ON "stage_requests" USING btree ("registration_id") WHERE "stage_requests"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "stage_requests_webinar_idx" ON "stage_requests" USING btree ("webinar_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webinar_speakers_email_unique" ON "webinar_speakers" USING btree ("webinar_id",lower("email")) WHERE "webinar_speakers"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "webinar_speakers_studio_token_unique" ON "webinar_speakers" USING btree ("studio_token_hash");--> statement-breakpoint
CREATE INDEX "webinar_speakers_user_idx" ON "webinar_speakers" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_speaker_id_webinar_speakers_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."webinar_speakers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_messages_author_idx" ON "chat_messages" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_speaker_dedupe_unique" ON "email_messages" USING btree ("speaker_id","dedupe_key");--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_one_recipient" CHECK (("email_messages"."registration_id" is null) <> ("email_messages"."speaker_id" is null));