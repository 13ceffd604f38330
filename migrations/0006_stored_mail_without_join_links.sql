-- Mail is now stored with a placeholder where the registrant's join token goes, and the token is put in when it
-- goes out (server/src/email/personal-link.ts): the outbox, the Mailbox and backups hold no working link. This
-- takes the tokens out of mail written before: in paths (/join/<token>, /api/join/<token>/calendar.ics) and in
-- the percent-encoded calendar links (%2Fjoin%2F<token>). Invites are unfolded first, so no token is split
-- across lines; delivery folds them again.
UPDATE "email_messages"
SET
  "html" = regexp_replace("html", '(/|%2F|%2f)join(/|%2F|%2f)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])', '\1join\2__personal_join_token__', 'g'),
  "text" = regexp_replace("text", '(/|%2F|%2f)join(/|%2F|%2f)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])', '\1join\2__personal_join_token__', 'g'),
  "ics" = regexp_replace(
    regexp_replace("ics", E'\r\n[ \t]', '', 'g'),
    '(/|%2F|%2f)join(/|%2F|%2f)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])', '\1join\2__personal_join_token__', 'g'
  );
