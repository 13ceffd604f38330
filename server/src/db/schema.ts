import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

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

export const webinarStatus = pgEnum('webinar_status', ['draft', 'scheduled', 'live', 'ended', 'cancelled'])
export const provisioningState = pgEnum('provisioning_state', ['pending', 'ready', 'failed'])
export const approvalMode = pgEnum('approval_mode', ['auto', 'manual'])

export interface WebinarSettingsColumn {
  record: boolean
  hls: boolean
  chat: boolean
  qna: boolean
  joinAheadSeconds: number
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
    seriesId: uuid('series_id'),
    capacity: integer('capacity'),
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
    liveStartedAt: timestamp('live_started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('webinars_slug_unique').on(table.slug),
    uniqueIndex('webinars_stream_call_unique').on(table.streamCallType, table.streamCallId),
    index('webinars_start_time_idx').on(table.startTime),
    index('webinars_host_idx').on(table.hostId),
  ],
)

export interface FormFieldColumn {
  key: string
  type: 'text' | 'email' | 'phone' | 'textarea' | 'select' | 'checkbox' | 'consent'
  label: string
  placeholder?: string
  required: boolean
  options?: string[]
}

export const registrationForms = pgTable('registration_forms', {
  webinarId: uuid('webinar_id')
    .primaryKey()
    .references(() => webinars.id, { onDelete: 'cascade' }),
  fields: jsonb('fields').$type<FormFieldColumn[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Every webhook Stream sent, kept raw: de-duplication on the webhook id, and nothing lost before it is processed. */
export const streamWebhookEvents = pgTable(
  'stream_webhook_events',
  {
    webhookId: text('webhook_id').primaryKey(),
    type: text('type').notNull(),
    callCid: text('call_cid'),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [index('stream_webhook_events_call_idx').on(table.callCid, table.type)],
)
