ALTER TABLE "room_events" ADD COLUMN "audience" jsonb;--> statement-breakpoint
-- Webinars from before hand raising and slow mode existed get their defaults written in, so every row's settings
-- are complete and nothing reading them needs a fallback.
UPDATE "webinars" SET "settings" = '{"handRaising": true, "chatSlowModeSeconds": 0}'::jsonb || "settings";
