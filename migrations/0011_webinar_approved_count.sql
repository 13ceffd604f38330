ALTER TABLE "webinars" ADD COLUMN "approved_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill: what the registrations say now. From here on the app keeps the count in the transaction of every change
-- to a registration's status; instances of an earlier version do not, so none may still be serving once this ran
-- (docs/operations.md, Upgrading: old instances stop before the first new one starts).
UPDATE "webinars" SET "approved_count" = "approved"."total"
FROM (SELECT "webinar_id", count(*)::int AS "total" FROM "registrations" WHERE "status" = 'approved' GROUP BY "webinar_id") AS "approved"
WHERE "webinars"."id" = "approved"."webinar_id";--> statement-breakpoint
ALTER TABLE "webinars" ADD CONSTRAINT "webinars_approved_count_not_negative" CHECK ("webinars"."approved_count" >= 0);
--> statement-breakpoint
-- A seat taken for a registration as the last statement of its transaction, sent with the COMMIT
-- (registrations/seat-repository.ts), so that the webinar's row, which registrations take in turn, is locked for
-- the commit alone. It fails, and so stops the commit, when the webinar no longer seats a newcomer at once.
CREATE FUNCTION "take_webinar_seat"("webinar" uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "webinars" SET "approved_count" = "approved_count" + 1
  WHERE "id" = "webinar" AND "deleted_at" IS NULL AND "approval_mode" = 'auto' AND "status" NOT IN ('cancelled', 'ended')
    AND ("capacity" IS NULL OR "approved_count" < "capacity");
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no seat left to take in webinar %', "webinar" USING ERRCODE = 'WB001';
  END IF;
END
$$;
