import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, customType, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

/** The source of truth for the database. `pnpm db:generate` turns changes into SQL under migrations/. */

export const userRole = pgEnum('user_role', ['owner', 'admin', 'host'])

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // E-mail addresses are case-insensitive for people; the index makes the database agree.
    uniqueIndex('users_email_lower_unique').on(sql`lower(${table.email})`),
  ],
)

/**
 * Signed-in browser sessions. The session cookie (a JWT) names one row; a session lives only while its row
 * does, so signing out, changing the password and removing the user end sessions on the server, not only in
 * the browser that held the cookie. Checked on every cookie-authenticated request by primary key, in the same
 * query that loads the user. The JWT's signed expiry ends a session that runs out; `expires_at` (the same
 * moment) lets the rows of such sessions be cleared.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
)

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    /** SHA-256 (hex) of the whole key: the key itself is never stored. */
    secretHash: text('secret_hash').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('api_keys_secret_hash_unique').on(table.secretHash), index('api_keys_user_idx').on(table.userId)],
)

/**
 * A series repeats one webinar by an RFC 5545 rule in its own timezone: occurrences are webinars (each with its
 * own Stream call and registrations), created ahead up to a horizon and topped up by a job. The rule yields local
 * dates; each occurrence starts at `localTime` on its date in `timezone`, so 10:00 stays 10:00 across daylight
 * saving. "This and following" edits change the series' defaults and `localTime` for occurrences made later.
 */
export const seriesStatus = pgEnum('series_status', ['active', 'cancelled'])

export interface SeriesDefaultsColumn {
  capacity: number | null
  approvalMode: 'auto' | 'manual'
  settings: WebinarSettingsColumn
  registrationForm: { fields: FormFieldColumn[] }
  attendedThresholdSeconds: number
}

export const webinarSeries = pgTable(
  'webinar_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hostId: uuid('host_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    timezone: text('timezone').notNull(),
    /** The rule's parts without DTSTART (e.g. `FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;COUNT=6`). */
    rrule: text('rrule').notNull(),
    /** The first occurrence's local date: the rule's DTSTART, as a floating date in `timezone`. */
    firstDate: date('first_date', { mode: 'string' }).notNull(),
    /** Local time of day (HH:MM) of occurrences created from now on. */
    localTime: text('local_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    defaults: jsonb('defaults').$type<SeriesDefaultsColumn>().notNull(),
    status: seriesStatus('status').notNull().default('active'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('webinar_series_slug_unique').on(table.slug), index('webinar_series_host_idx').on(table.hostId)],
)

export const webinarStatus = pgEnum('webinar_status', ['draft', 'scheduled', 'live', 'ended', 'cancelled'])
export const provisioningState = pgEnum('provisioning_state', ['pending', 'ready', 'failed'])
export const approvalMode = pgEnum('approval_mode', ['auto', 'manual'])

export interface WebinarSettingsColumn {
  record: boolean
  viewerMode: 'webrtc' | 'hls'
  captions: boolean
  chat: boolean
  qna: boolean
  joinAheadSeconds: number
  /** Attendees may ask to speak (Stream's capability request). */
  handRaising: boolean
  /** Slow mode: an attendee may post one chat message per this many seconds; 0 is off. */
  chatSlowModeSeconds: number
}

export const webinars = pgTable(
  'webinars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hostId: uuid('host_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    timezone: text('timezone').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    seriesId: uuid('series_id').references(() => webinarSeries.id, { onDelete: 'restrict' }),
    /** The series' local date this occurrence stands for: one webinar per date, so topping up is idempotent. */
    seriesDate: date('series_date', { mode: 'string' }),
    capacity: integer('capacity'),
    /**
     * How many registrations of this webinar are `approved`, kept in the transaction of every change of a
     * registration's status (registrations/seat-repository.ts), so that taking a seat is one conditional update of
     * this row instead of a count over the registrations under a lock: the cost stays the same however many have
     * registered. It may exceed `capacity` once the capacity is lowered, as the approved registrations stay.
     */
    approvedCount: integer('approved_count').notNull().default(0),
    registrationDeadline: timestamp('registration_deadline', { withTimezone: true }),
    approvalMode: approvalMode('approval_mode').notNull().default('auto'),
    status: webinarStatus('status').notNull().default('scheduled'),
    settings: jsonb('settings').$type<WebinarSettingsColumn>().notNull(),
    attendedThresholdSeconds: integer('attended_threshold_seconds').notNull().default(600),
    streamCallType: text('stream_call_type').notNull(),
    streamCallId: text('stream_call_id').notNull(),
    /**
     * Whether the Stream call matches this row. Every change that Stream must know about bumps
     * `callSyncVersion`; a sync that succeeds for that version marks the webinar `ready`.
     */
    provisioning: provisioningState('provisioning').notNull().default('pending'),
    provisioningError: text('provisioning_error'),
    callSyncVersion: integer('call_sync_version').notNull().default(1),
    hlsPlaylistUrl: text('hls_playlist_url'),
    /** Closed captions are on in the call (the host's toggle, or `settings.captions` at the start). */
    isCaptioning: boolean('is_captioning').notNull().default(false),
    liveStartedAt: timestamp('live_started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Deleted by an admin who kept its registrations and mail: the row stays for them, hidden everywhere else. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('webinars_slug_unique').on(table.slug),
    uniqueIndex('webinars_stream_call_unique').on(table.streamCallType, table.streamCallId),
    index('webinars_start_time_idx').on(table.startTime),
    index('webinars_host_idx').on(table.hostId),
    uniqueIndex('webinars_series_date_unique').on(table.seriesId, table.seriesDate),
    check('webinars_approved_count_not_negative', sql`${table.approvedCount} >= 0`),
  ],
)

export interface FormFieldColumn {
  key: string
  type: 'text' | 'email' | 'phone' | 'textarea' | 'select' | 'checkbox' | 'consent'
  label: string
  placeholder?: string
  required: boolean
  options?: string[]
  /** Consent fields only: the page the label refers to. */
  linkUrl?: string
}

export const registrationForms = pgTable('registration_forms', {
  webinarId: uuid('webinar_id')
    .primaryKey()
    .references(() => webinars.id, { onDelete: 'cascade' }),
  fields: jsonb('fields').$type<FormFieldColumn[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Every webhook Stream sent, kept raw: de-duplication on the webhook id (Stream's retries) and on the event's
 * content (a captured, still validly signed event replayed under a new id), and nothing lost before it is processed.
 */
export const streamWebhookEvents = pgTable(
  'stream_webhook_events',
  {
    webhookId: text('webhook_id').primaryKey(),
    type: text('type').notNull(),
    callCid: text('call_cid'),
    payload: jsonb('payload').notNull(),
    /** SHA-256 of the verified event; null only for events stored before it was kept. */
    payloadHash: text('payload_hash'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [
    index('stream_webhook_events_call_idx').on(table.callCid, table.type),
    uniqueIndex('stream_webhook_events_payload_hash_unique').on(table.payloadHash),
  ],
)

export const registrationStatus = pgEnum('registration_status', ['pending', 'approved', 'rejected', 'waitlisted', 'cancelled'])
export const registrationSource = pgEnum('registration_source', ['public', 'admin'])

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    answers: jsonb('answers').$type<Record<string, string | boolean>>().notNull().default({}),
    status: registrationStatus('status').notNull(),
    /**
     * The join token is derived from the registration id and this version (HMAC with the server secret),
     * so mail sent later can carry the link; re-sending bumps the version, which retires the old link.
     */
    joinTokenVersion: integer('join_token_version').notNull().default(1),
    /** SHA-256 of the current join token, to find the registration from a link. */
    joinTokenHash: text('join_token_hash').notNull(),
    timezone: text('timezone'),
    source: registrationSource('source').notNull().default('public'),
    /** Erased on request: name, address, phone and answers are gone; the row stays so counts and reports hold. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('registrations_webinar_email_unique').on(table.webinarId, sql`lower(${table.email})`),
    uniqueIndex('registrations_join_token_hash_unique').on(table.joinTokenHash),
    index('registrations_webinar_status_idx').on(table.webinarId, table.status, table.createdAt),
  ],
)

export const speakerKind = pgEnum('speaker_kind', ['cohost', 'panelist'])

/**
 * The people on a webinar's stage besides its host: co-hosts (staff users, who run the room as the host does) and
 * guest panelists (no account: a personal studio link by mail, derived like a join link from the row's id and
 * `studioTokenVersion`). Each is a member of the webinar's Stream call with the role their kind gives; removing
 * one (`removedAt`) takes them out of the call's members and out of the call at once. Removed rows stay for the
 * moderation record and their mail.
 */
export const webinarSpeakers = pgTable(
  'webinar_speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    kind: speakerKind('kind').notNull(),
    /** The co-host's account; null for a guest panelist. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    studioTokenVersion: integer('studio_token_version').notNull().default(1),
    /** SHA-256 of a panelist's current studio token; null for co-hosts (they sign in). */
    studioTokenHash: text('studio_token_hash'),
    invitedById: uuid('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('webinar_speakers_email_unique').on(table.webinarId, sql`lower(${table.email})`).where(sql`${table.removedAt} is null`),
    uniqueIndex('webinar_speakers_studio_token_unique').on(table.studioTokenHash),
    index('webinar_speakers_user_idx').on(table.userId),
  ],
)

export const stageRequestStatus = pgEnum('stage_request_status', ['pending', 'accepted', 'dismissed', 'withdrawn', 'ended'])

/**
 * A raised hand: an attendee asked to speak (Stream's `call.permission_request` for send-audio and send-video).
 * pending until a moderator accepts (the capabilities are granted: on stage) or dismisses it, or the attendee
 * lowers it (withdrawn); an accepted one ends when a moderator takes them off stage (revoked). One open
 * (pending or accepted) request per registration.
 */
export const stageRequests = pgTable(
  'stage_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    status: stageRequestStatus('status').notNull().default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The moderator who accepted, dismissed or ended it, by name (staff or a co-host). */
    decidedByName: text('decided_by_name'),
  },
  (table) => [
    uniqueIndex('stage_requests_open_unique').on(table.registrationId).where(sql`${table.status} in ('pending', 'accepted')`),
    index('stage_requests_webinar_idx').on(table.webinarId, table.requestedAt),
  ],
)

/** Attendees a moderator muted in a webinar's chat: they read but cannot post until unmuted. */
export const chatMutes = pgTable(
  'chat_mutes',
  {
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    mutedByName: text('muted_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.webinarId, table.registrationId] })],
)

/**
 * What moderators did in a webinar (muted, unmuted, removed an attendee, deleted a message, slow mode, a hand
 * accepted or taken off stage, a speaker invited or removed): shown to the other moderators as it happens and
 * kept as the audit list on the webinar's page. Names are copied so the record reads the same later.
 */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    actorName: text('actor_name').notNull(),
    /** The staff user who acted; null for a guest panelist or a removed user. */
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    targetName: text('target_name'),
    targetRegistrationId: uuid('target_registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('moderation_actions_webinar_idx').on(table.webinarId, table.createdAt)],
)

export const emailStatus = pgEnum('email_status', ['queued', 'sent', 'failed', 'kept'])

/** The outbox and audit trail of every mail. Never the same mail twice to a registration (dedupe key). */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The registrant it is for; null for a mail to a speaker (`speakerId`). */
    registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'cascade' }),
    /** A guest speaker's invitation (their studio link), instead of a registrant's mail. */
    speakerId: uuid('speaker_id').references(() => webinarSpeakers.id, { onDelete: 'cascade' }),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /**
     * What makes this mail unique for its registration: usually the kind; reminders add the start time
     * they announce (a rescheduled webinar gets new reminders), re-sent links add the token version.
     */
    dedupeKey: text('dedupe_key').notNull(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    ics: text('ics'),
    /** queued: to send; sent: the SMTP server took it; failed: retries exhausted; kept: no SMTP (local mailbox). */
    status: emailStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('email_messages_registration_dedupe_unique').on(table.registrationId, table.dedupeKey),
    uniqueIndex('email_messages_speaker_dedupe_unique').on(table.speakerId, table.dedupeKey),
    check('email_messages_one_recipient', sql`(${table.registrationId} is null) <> (${table.speakerId} is null)`),
    index('email_messages_webinar_idx').on(table.webinarId, table.createdAt),
  ],
)

export const roomAuthorKind = pgEnum('room_author_kind', ['staff', 'registrant', 'speaker'])

/** Everything that happens in a room, in order: the SSE stream replays from here after a reconnect. */
export const roomEvents = pgTable(
  'room_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    /** Who receives it when not everyone in the room: its moderators, or its moderators and one registrant. */
    audience: jsonb('audience').$type<'moderators' | { registrationId: string }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('room_events_webinar_idx').on(table.webinarId, table.id)],
)

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    authorKind: roomAuthorKind('author_kind').notNull(),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    isHidden: boolean('is_hidden').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('chat_messages_webinar_idx').on(table.webinarId, table.createdAt),
    // Slow mode reads an attendee's latest message.
    index('chat_messages_author_idx').on(table.authorId, table.createdAt),
  ],
)

export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    authorKind: roomAuthorKind('author_kind').notNull(),
    authorId: uuid('author_id').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    isHidden: boolean('is_hidden').notNull().default(false),
    isPinned: boolean('is_pinned').notNull().default(false),
    upvotes: integer('upvotes').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('questions_webinar_idx').on(table.webinarId, table.createdAt)],
)

export const questionVotes = pgTable(
  'question_votes',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    voterId: uuid('voter_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.questionId, table.voterId] })],
)

export const pollStatus = pgEnum('poll_status', ['draft', 'open', 'closed'])

export const polls = pgTable(
  'polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    options: jsonb('options').$type<string[]>().notNull(),
    status: pollStatus('status').notNull().default('draft'),
    areResultsShared: boolean('are_results_shared').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('polls_webinar_idx').on(table.webinarId, table.createdAt)],
)

export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    voterId: uuid('voter_id').notNull(),
    optionIndex: integer('option_index').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.pollId, table.voterId] })],
)

// ---------------------------------------------------------------------------------------------------------------
// Attendance, recordings, outgoing webhooks
// ---------------------------------------------------------------------------------------------------------------

/** Where a session was seen: Stream's participant webhooks, or the room's own presence (HLS viewers never join the call). */
export const attendanceSource = pgEnum('attendance_source', ['stream', 'room'])

/**
 * One person's time in a webinar, a row per session: a Stream call session of one participant, or one room
 * presence connection. Written from events that may come twice or out of order, so a session is found by its
 * source's own id and its ends only ever widen (earliest join, latest leave); it can be rebuilt from the raw
 * `stream_webhook_events` at any time.
 */
export const attendanceSessions = pgTable(
  'attendance_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    /** The attendee's registration; null for staff and for Stream users this app does not know. */
    registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'cascade' }),
    /** Staff (the host, admins) in the call: tracked apart from attendees. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who, as Stream knows them (`registrantStreamUserId`, or the staff member's id). */
    streamUserId: text('stream_user_id').notNull(),
    source: attendanceSource('source').notNull(),
    /** Stream's participant session id (`user_session_id`), or the room connection's id. */
    sessionKey: text('session_key').notNull(),
    /** Null while only its `left` has been seen. */
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    /** Null while it is open; closed at the call's end if it never said goodbye. */
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Room presence: the last heartbeat, where a connection lost without a close ends. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('attendance_sessions_source_key_unique').on(table.webinarId, table.source, table.sessionKey),
    index('attendance_sessions_registration_idx').on(table.registrationId),
  ],
)

/**
 * A registrant's attendance of their webinar, computed from their sessions (overlapping ones, two tabs or the
 * call and the room at once, counted once): what the registrations list, the CSV, reports and follow-ups read.
 */
export const registrationAttendance = pgTable(
  'registration_attendance',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }),
    lastLeftAt: timestamp('last_left_at', { withTimezone: true }),
    watchSeconds: integer('watch_seconds').notNull().default(0),
    /** The watch time reached the webinar's `attended_threshold_seconds`. */
    attended: boolean('attended').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('registration_attendance_webinar_idx').on(table.webinarId)],
)

/** A webinar's recordings, from `call.recording_ready` and from Stream's list of the call's recordings. */
export const recordings = pgTable(
  'recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webinarId: uuid('webinar_id')
      .notNull()
      .references(() => webinars.id, { onDelete: 'cascade' }),
    /** Stream's file name: unique per call, so the webhook and the listing land on the same row. */
    filename: text('filename').notNull(),
    url: text('url').notNull(),
    /** Stream's call session it was recorded in. */
    streamSessionId: text('stream_session_id'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('recordings_webinar_filename_unique').on(table.webinarId, table.filename)],
)

/** An integrator's receiver of this app's events, signed per the Standard Webhooks convention. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  /** The signing secret (`whsec_…`), encrypted with a key derived from the server secret; shown once, at creation. */
  secretCiphertext: text('secret_ciphertext').notNull(),
  /** The event types it receives; empty means all. */
  eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
  isEnabled: boolean('is_enabled').notNull().default(true),
  /** Why it was turned off (a long run of failed deliveries), shown in Settings. */
  disabledReason: text('disabled_reason'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'succeeded', 'failed'])

/** One event for one endpoint, and how its delivery went: the log shown in Settings, with a resend button. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** Also the `webhook-id` header: a resend keeps it, so the receiver can tell it is the same message. */
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    /** The whole message as signed and sent: `{ type, timestamp, data }`. */
    payload: jsonb('payload').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_deliveries_endpoint_idx').on(table.endpointId, table.createdAt)],
)

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/**
 * The organisation's branding and mail sender: one row (id is always true), absent until an admin saves
 * Settings; until then the configuration's defaults (ORGANISATION_NAME, MAIL_FROM) apply.
 */
export const organisationSettings = pgTable(
  'organisation_settings',
  {
    id: boolean('id').primaryKey().default(true),
    name: text('name').notNull(),
    /** #rrggbb, used for buttons and links on public pages and in mail. */
    accentColour: text('accent_colour').notNull(),
    logo: bytea('logo'),
    logoContentType: text('logo_content_type'),
    /** The mail's From: display name and address; null keeps MAIL_FROM. */
    mailFromName: text('mail_from_name'),
    mailFromAddress: text('mail_from_address'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('organisation_settings_single_row', sql`${table.id}`)],
)

/** Password reset by mail: only the SHA-256 of the token is kept; a token works once, until it expires. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('password_reset_tokens_hash_unique').on(table.tokenHash), index('password_reset_tokens_user_idx').on(table.userId)],
)

/**
 * Who exported or erased whose data, and when. The person is named by `subjectRef` (an HMAC of their address),
 * never by the address itself, so the log survives an erasure without undoing it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The staff user who acted; null when the registrant acted from their join page. */
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorKind: text('actor_kind').$type<'staff' | 'registrant'>().notNull(),
    action: text('action').notNull(),
    subjectRef: text('subject_ref').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('audit_log_created_idx').on(table.createdAt)],
)
