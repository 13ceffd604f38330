ALTER TABLE "stream_webhook_events" ADD COLUMN "payload_hash" text;--> statement-breakpoint
ALTER TABLE "webinars" ADD COLUMN "is_captioning" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "webinars" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "stream_webhook_events_payload_hash_unique" ON "stream_webhook_events" USING btree ("payload_hash");--> statement-breakpoint
-- The HLS switch becomes the viewing mode it always meant (HLS on: attendees watch the broadcast), and captions start off.
UPDATE "webinars" SET "settings" = ("settings" - 'hls') || jsonb_build_object('viewerMode', CASE WHEN ("settings"->>'hls')::boolean THEN 'hls' ELSE 'webrtc' END, 'captions', false);
