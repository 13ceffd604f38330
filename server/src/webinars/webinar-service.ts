import { randomUUID } from 'node:crypto'
import { isKnownTimezone } from '@webinar/shared/timezones'
import type { Role } from '@webinar/shared/users'
import {
  defaultDuplicateStartTime,
  defaultWebinarSettings,
  type CreateWebinarBody,
  type DeleteWebinarBody,
  type DuplicateWebinarBody,
  type RtmpIngress,
  type StreamCredentials,
  type UpdateWebinarBody,
  type Webinar,
  type WebinarList,
  type WebinarListQuery,
  type WebinarSettings,
} from '@webinar/shared/webinars'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { FormFieldColumn } from '../db/schema.ts'
import { runInTransaction, type Transaction } from '../db/transaction.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { speakerRepository } from '../speakers/speaker-repository.ts'
import type { Staff } from '../users/staff.ts'
import { userRepository } from '../users/user-repository.ts'
import { callRefOf, staffStreamUserId, toStreamCredentials, VideoUnavailableError, withStream, type VideoService } from '../video/video-service.ts'
import { checkRegistrationForm, registrationFormOrDefault } from './registration-form-rules.ts'
import { endOf, stageTokenValiditySeconds } from './schedule-rules.ts'
import { slugFromTitle, slugWithSuffix } from './slug.ts'
import type { StatusEffects } from './status-effects.ts'
import { syncWebinarCall } from './sync-webinar-call.ts'
import { webinarRepository, type WebinarRecord } from './webinar-repository.ts'
import { toWebinarView } from './webinar-view.ts'

/** What a new scheduled webinar is made of (a webinar created on its own, or a series' occurrence). */
export interface ScheduledWebinarInput {
  hostId: string
  title: string
  description: string
  timezone: string
  startTime: Date
  durationMinutes: number
  capacity: number | null
  registrationDeadline: Date | null
  approvalMode: 'auto' | 'manual'
  settings: WebinarSettings
  attendedThresholdSeconds?: number
  formFields: FormFieldColumn[]
}

export interface WebinarServiceDependencies {
  db: Database
  pool: pg.Pool
  video: VideoService
  jobs: JobQueue
  clock: Clock
  isVideoLocalMode: boolean
  /** Seconds before the job re-checks a call that the request itself tried to prepare. */
  safetyNetDelaySeconds: number
  /** Mail and room events that follow a status change. */
  statusEffects: StatusEffects
  /** Tells everyone in the room that closed captions were turned on or off. */
  announceCaptions: (webinarId: string, isOn: boolean) => Promise<void>
  logger: { warn: (object: object, message: string) => void; info: (object: object, message: string) => void }
}

const managerRoles: Role[] = ['owner', 'admin']
const isManager = (staff: Staff) => managerRoles.includes(staff.user.role)

/** Fields whose change Stream must hear about (the call's start, title, capacity, backstage, host). */
const callFields = ['title', 'startTime', 'capacity', 'hostId', 'settings'] as const

export function createWebinarService(deps: WebinarServiceDependencies) {
  const { db, pool, video, jobs, clock } = deps

  /**
   * The webinar, for a staff member allowed to act on it: its host and admins for everything; its co-hosts
   * (`run`) for what happens in the room (see it, start, end, captions, the studio), not for changing the webinar.
   */
  async function loadForStaff(staff: Staff, id: string, access: 'manage' | 'run' = 'manage'): Promise<WebinarRecord> {
    const record = await webinarRepository.findById(db, id)
    if (!record) throw notFound('Webinar')
    if (isManager(staff) || record.webinar.hostId === staff.user.id) return record
    if (access === 'run' && (await speakerRepository.isActiveCohost(db, id, staff.user.id))) return record
    throw forbidden(access === 'run' ? 'Only the webinar’s host, its co-hosts or an admin can do this.' : 'Only the webinar’s host or an admin can do this.')
  }

  async function reload(id: string): Promise<Webinar> {
    const record = await webinarRepository.findById(db, id)
    if (!record) throw notFound('Webinar')
    return toWebinarView(record)
  }

  /** The request's own attempt to bring the call in step; the queued job covers a failure. */
  async function trySyncNow(id: string): Promise<void> {
    await syncWebinarCall({ db, video, logger: deps.logger }, id).catch(() => {})
  }

  function checkSchedule(
    input: { startTime: Date; timezone: string; registrationDeadline: Date | null; durationMinutes: number },
    isStartTimeNew: boolean,
  ) {
    const fields: Record<string, string> = {}
    if (isStartTimeNew && input.startTime.getTime() <= clock.now().getTime()) fields.startTime = 'must be in the future'
    if (!isKnownTimezone(input.timezone)) fields.timezone = 'must be an IANA timezone such as Europe/Paris'
    if (input.registrationDeadline && input.registrationDeadline.getTime() > endOf(input.startTime, input.durationMinutes).getTime()) {
      fields.registrationDeadline = 'must be before the webinar ends'
    }
    return fields
  }

  async function resolveHostId(staff: Staff, requested: string | undefined): Promise<string> {
    if (requested === undefined || requested === staff.user.id) return staff.user.id
    if (!isManager(staff)) throw forbidden('Hosts can only schedule webinars they run themselves.')
    const host = await userRepository.findById(db, requested)
    if (!host) throw new AppError('validation_failed', 'hostId is not a staff member.', { hostId: 'is not a staff member' })
    return host.id
  }

  /** A request's step that needs Stream: Stream's refusal becomes a 502 saying why, and what it means here. */
  /** Captions and the OBS key make sense until the webinar is over. */
  function refuseWhenOver(webinar: WebinarRecord['webinar']) {
    if (webinar.status === 'ended' || webinar.status === 'cancelled') throw conflict(`This webinar is ${webinar.status}.`)
  }

  function failOnFields(fields: Record<string, string>) {
    const entries = Object.entries(fields)
    if (entries.length === 0) return
    const [key, message] = entries[0]!
    throw new AppError('validation_failed', `${key} ${message}.`, fields)
  }

  /**
   * Inserts a scheduled webinar with its form and queues its call's sync, in the caller's transaction. The slug
   * comes from the title (or is given); a taken one gets a short suffix.
   */
  async function insertScheduled(transaction: Transaction, input: ScheduledWebinarInput & { seriesId?: string; seriesDate?: string; slug?: string }) {
    const id = randomUUID()
    const { formFields, attendedThresholdSeconds, slug, ...fields } = input
    const row = {
      ...fields,
      id,
      title: input.title.trim(),
      status: 'scheduled' as const,
      ...(attendedThresholdSeconds !== undefined ? { attendedThresholdSeconds } : {}),
      streamCallType: video.callType,
      // Derived from the webinar id: stable, unique, within Stream's [a-zA-Z0-9_-]{1,64}.
      streamCallId: `wbn_${id.replaceAll('-', '')}`,
      provisioning: 'pending' as const,
    }
    const baseSlug = slug ?? slugFromTitle(input.title)
    let inserted = await webinarRepository.insertIfSlugFree(transaction.db, { ...row, slug: baseSlug })
    for (let attempt = 0; !inserted && attempt < 5; attempt++) {
      inserted = await webinarRepository.insertIfSlugFree(transaction.db, { ...row, slug: slugWithSuffix(baseSlug) })
    }
    if (!inserted) throw conflict('Could not find a free address for this webinar; try another title.')
    await webinarRepository.insertForm(transaction.db, id, formFields)
    await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId: id }, { startAfterSeconds: deps.safetyNetDelaySeconds })
    return id
  }

  return {
    async create(staff: Staff, body: CreateWebinarBody): Promise<Webinar> {
      const startTime = new Date(body.startTime)
      const registrationDeadline = body.registrationDeadline ? new Date(body.registrationDeadline) : null
      const form = registrationFormOrDefault(body.registrationForm)
      failOnFields({
        ...checkSchedule({ startTime, timezone: body.timezone, registrationDeadline, durationMinutes: body.durationMinutes }, true),
        ...checkRegistrationForm(form),
      })
      const hostId = await resolveHostId(staff, body.hostId)
      const id = await runInTransaction(pool, (transaction) =>
        insertScheduled(transaction, {
          hostId,
          title: body.title,
          description: body.description ?? '',
          timezone: body.timezone,
          startTime,
          durationMinutes: body.durationMinutes,
          capacity: body.capacity ?? null,
          registrationDeadline,
          approvalMode: body.approvalMode ?? 'auto',
          settings: { ...defaultWebinarSettings, ...body.settings },
          attendedThresholdSeconds: body.attendedThresholdSeconds,
          formFields: form.fields,
        }),
      )
      await trySyncNow(id)
      return reload(id)
    },

    /**
     * Schedules a copy of a webinar (its host or an admin): its content, settings, form and host, a start of its
     * own, a new address and a Stream call of its own, made as `create` makes one. What happened around the
     * original stays with it: registrations, speakers, mail, recordings. The title is kept, not "Copy of …": a
     * copy is usually the next session of the same webinar, and registrants see its title on the public page,
     * in mail and in their calendars.
     */
    async duplicate(staff: Staff, id: string, body: DuplicateWebinarBody): Promise<Webinar> {
      const { webinar, formFields } = await loadForStaff(staff, id)
      const now = clock.now()
      const startTime = body.startTime ? new Date(body.startTime) : defaultDuplicateStartTime(webinar.startTime, now)
      // The deadline keeps its distance from the start (closing 30 minutes before stays so); one already past is left out.
      const movedDeadline = webinar.registrationDeadline
        ? new Date(startTime.getTime() - (webinar.startTime.getTime() - webinar.registrationDeadline.getTime()))
        : null
      const registrationDeadline = movedDeadline && movedDeadline.getTime() > now.getTime() ? movedDeadline : null
      failOnFields(checkSchedule({ startTime, timezone: webinar.timezone, registrationDeadline, durationMinutes: webinar.durationMinutes }, true))
      const copyId = await runInTransaction(pool, (transaction) =>
        insertScheduled(transaction, {
          hostId: webinar.hostId,
          title: webinar.title,
          description: webinar.description,
          timezone: webinar.timezone,
          startTime,
          durationMinutes: webinar.durationMinutes,
          capacity: webinar.capacity,
          registrationDeadline,
          approvalMode: webinar.approvalMode,
          settings: webinar.settings,
          attendedThresholdSeconds: webinar.attendedThresholdSeconds,
          formFields,
        }),
      )
      await trySyncNow(copyId)
      return reload(copyId)
    },

    /**
     * A series' occurrence, inserted in the series' transaction (its schedule and form were checked with the series).
     * The caller brings the call in step after the commit (`syncCallNow`); the queued job covers a failure.
     */
    insertOccurrence(transaction: Transaction, input: ScheduledWebinarInput & { seriesId: string; seriesDate: string; slug: string }): Promise<string> {
      return insertScheduled(transaction, input)
    },

    async get(staff: Staff, id: string): Promise<Webinar> {
      return toWebinarView(await loadForStaff(staff, id, 'run'))
    },

    /** Who runs what `staff` schedules: themselves, or (owners and admins only) the staff member they name. */
    resolveHostId,

    /** For other domains acting on a webinar: its record when `staff` may `run` its room or `manage` it, else 403. */
    authorize(staff: Staff, id: string, access: 'manage' | 'run'): Promise<WebinarRecord> {
      return loadForStaff(staff, id, access)
    },

    /**
     * Brings the call in step after a change Stream must hear about that another domain made (a speaker invited
     * or removed): the change bumped the sync version and sent the job in its transaction; this tries now.
     */
    syncCallNow(id: string): Promise<void> {
      return trySyncNow(id)
    },

    async list(staff: Staff, query: WebinarListQuery): Promise<WebinarList> {
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const { items, total } = await webinarRepository.list(db, {
        hostId: isManager(staff) ? undefined : staff.user.id,
        status: query.status,
        when: query.when,
        search: query.q?.trim() || undefined,
        now: clock.now(),
        limit,
        offset,
      })
      return { items: items.map(toWebinarView), total, limit, offset }
    },

    async update(staff: Staff, id: string, body: UpdateWebinarBody): Promise<Webinar> {
      const { webinar } = await loadForStaff(staff, id)
      if (webinar.status === 'ended' || webinar.status === 'cancelled') {
        throw conflict(`This webinar is ${webinar.status}; it can no longer be edited.`)
      }
      const isScheduleChange =
        (body.startTime !== undefined && new Date(body.startTime).getTime() !== webinar.startTime.getTime()) ||
        (body.durationMinutes !== undefined && body.durationMinutes !== webinar.durationMinutes) ||
        (body.timezone !== undefined && body.timezone !== webinar.timezone)
      if (webinar.status === 'live' && isScheduleChange) throw conflict('The webinar is live: its schedule can no longer change.')

      const startTime = body.startTime ? new Date(body.startTime) : webinar.startTime
      const registrationDeadline =
        body.registrationDeadline === undefined
          ? webinar.registrationDeadline
          : body.registrationDeadline === null
            ? null
            : new Date(body.registrationDeadline)
      const durationMinutes = body.durationMinutes ?? webinar.durationMinutes
      const timezone = body.timezone ?? webinar.timezone
      const isStartTimeNew = body.startTime !== undefined && startTime.getTime() !== webinar.startTime.getTime()
      failOnFields({
        ...checkSchedule({ startTime, timezone, registrationDeadline, durationMinutes }, isStartTimeNew),
        ...(body.registrationForm ? checkRegistrationForm(body.registrationForm) : {}),
      })
      const hostId = body.hostId === undefined ? webinar.hostId : await resolveHostId(staff, body.hostId)

      const changes = {
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        startTime,
        timezone,
        durationMinutes,
        registrationDeadline,
        ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
        ...(body.approvalMode !== undefined ? { approvalMode: body.approvalMode } : {}),
        ...(body.settings !== undefined ? { settings: { ...webinar.settings, ...body.settings } } : {}),
        ...(body.attendedThresholdSeconds !== undefined ? { attendedThresholdSeconds: body.attendedThresholdSeconds } : {}),
        hostId,
      }
      const isCallChange = callFields.some((field) => {
        const before = webinar[field]
        const after = (changes as Record<string, unknown>)[field]
        if (after === undefined) return false
        if (before instanceof Date && after instanceof Date) return before.getTime() !== after.getTime()
        return JSON.stringify(before) !== JSON.stringify(after)
      })

      await runInTransaction(pool, async (transaction) => {
        await webinarRepository.update(transaction.db, id, changes, isCallChange)
        if (body.registrationForm) await webinarRepository.updateForm(transaction.db, id, body.registrationForm.fields)
        if (isCallChange) {
          await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId: id }, { startAfterSeconds: deps.safetyNetDelaySeconds })
        }
      })
      if (isCallChange) await trySyncNow(id)
      return reload(id)
    },

    async cancel(staff: Staff, id: string): Promise<Webinar> {
      const { webinar } = await loadForStaff(staff, id)
      if (webinar.status === 'cancelled') return reload(id)
      if (webinar.status === 'ended') throw conflict('This webinar has already ended; it cannot be cancelled.')
      await runInTransaction(pool, async (transaction) => {
        await webinarRepository.update(transaction.db, id, { status: 'cancelled', cancelledAt: clock.now() }, true)
        await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId: id }, { startAfterSeconds: deps.safetyNetDelaySeconds })
        await jobs.sendInTransaction(transaction, queueNames.announceCancellation, { webinarId: id })
      })
      await deps.statusEffects.cancelled(id)
      await trySyncNow(id)
      return reload(id)
    },

    /**
     * Takes the existing call live. Nothing changes here unless Stream agreed: a failure is a 502 and
     * the webinar stays scheduled. Starting a live webinar again is harmless.
     */
    async start(staff: Staff, id: string): Promise<Webinar> {
      const record = await loadForStaff(staff, id, 'run')
      const { webinar } = record
      if (webinar.status === 'live') return reload(id)
      if (webinar.status === 'cancelled' || webinar.status === 'ended') {
        throw conflict(`This webinar is ${webinar.status}; it cannot be started.`)
      }
      const live = await withStream(async () => {
        if (webinar.provisioning !== 'ready') await syncWebinarCall({ db, video, logger: deps.logger }, id)
        const { hlsPlaylistUrl, isCaptioning } = await video.goLive(
          callRefOf(webinar),
          { hls: webinar.settings.viewerMode === 'hls', record: webinar.settings.record, captions: webinar.settings.captions },
        )
        const started = { ...(hlsPlaylistUrl ? { hlsPlaylistUrl } : {}), ...(isCaptioning ? { isCaptioning: true } : {}) }
        const wentLive = await webinarRepository.transition(db, id, ['draft', 'scheduled'], { status: 'live', liveStartedAt: clock.now(), ...started })
        // The row as this start left it, with the host and form read above: no second read for what follows.
        const moved = wentLive && { ...record, webinar: wentLive }
        // Only the request that moved the status sets off what follows. When Stream's call.live_started webhook
        // moved it first (Stream answered late), what the go-live started is still recorded on the live webinar.
        if (moved) await deps.statusEffects.wentLive(id, moved)
        else if (Object.keys(started).length > 0) await webinarRepository.transition(db, id, ['live'], started)
        return moved
      }, 'The webinar has not started.')
      return live ? toWebinarView(live) : reload(id)
    },

    /**
     * Ends the webinar for everyone. The host's word is final: when Stream cannot stop the broadcast or end the
     * call right now, the webinar ends all the same (the room closes, follow-ups go out) and the call-sync job
     * keeps ending the call until Stream agrees.
     */
    async end(staff: Staff, id: string): Promise<Webinar> {
      const { webinar } = await loadForStaff(staff, id, 'run')
      if (webinar.status === 'ended') return reload(id)
      if (webinar.status !== 'live') {
        throw conflict(
          webinar.status === 'cancelled' ? 'This webinar was cancelled.' : 'This webinar has not started; cancel it instead of ending it.',
        )
      }
      let isCallEnded = true
      try {
        const { stopLiveError } = await video.endLive(callRefOf(webinar))
        if (stopLiveError) deps.logger.warn({ err: stopLiveError, webinarId: id }, 'Stream did not stop the broadcast; ending the call stopped it')
      } catch (error) {
        if (!(error instanceof VideoUnavailableError)) throw error
        isCallEnded = false
        deps.logger.warn({ err: error, webinarId: id }, 'Stream did not end the call; the webinar ends and the call is ended later')
      }
      const hasEnded = await runInTransaction(pool, async (transaction) => {
        const row = await webinarRepository.transition(transaction.db, id, ['live'], { status: 'ended', endedAt: clock.now(), isCaptioning: false })
        if (row && !isCallEnded) {
          await webinarRepository.update(transaction.db, id, {}, true)
          await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId: id })
        }
        return Boolean(row)
      })
      if (hasEnded) await deps.statusEffects.ended(id)
      return reload(id)
    },

    /** Turns closed captions on or off in the call (backstage or live); the room is told. */
    async setCaptions(staff: Staff, id: string, isOn: boolean): Promise<Webinar> {
      const { webinar } = await loadForStaff(staff, id, 'run')
      refuseWhenOver(webinar)
      if (webinar.isCaptioning === isOn) return reload(id)
      await withStream(() => video.setCaptions(callRefOf(webinar), isOn))
      await webinarRepository.setCaptioning(db, id, isOn)
      await deps.announceCaptions(id, isOn)
      return reload(id)
    },

    /**
     * For broadcasting from OBS: the call's RTMP address and, as the stream key, a host token for this call valid
     * until two hours after the scheduled end (an encoder cannot refresh it).
     */
    async rtmpIngress(staff: Staff, id: string): Promise<RtmpIngress> {
      const { webinar } = await loadForStaff(staff, id)
      refuseWhenOver(webinar)
      const ref = callRefOf(webinar)
      const address = await withStream(async () => {
        if (webinar.provisioning !== 'ready') await syncWebinarCall({ db, video, logger: deps.logger }, id)
        return video.rtmpIngressAddress(ref)
      })
      const validitySeconds = stageTokenValiditySeconds(webinar, clock.now())
      const minted = video.mintHostToken({ streamUserId: staffStreamUserId(staff.user.id), ref, validitySeconds })
      return { address, streamKey: minted.token, expiresAt: minted.expiresAt.toISOString() }
    },

    /**
     * Deletes a webinar (owners and admins), not while it is live. Its registrations and mail are kept for
     * reports (the webinar disappears everywhere else) or erased with it. Its Stream call is deleted now, or by
     * the job when Stream is away. Registrants are not told: cancelling first does that.
     */
    async delete(staff: Staff, id: string, body: DeleteWebinarBody): Promise<void> {
      if (!isManager(staff)) throw forbidden('Only owners and admins can delete webinars.')
      const { webinar } = await loadForStaff(staff, id)
      if (webinar.status === 'live') throw conflict('The webinar is live: end it before deleting it.')
      const ref = callRefOf(webinar)
      await runInTransaction(pool, async (transaction) => {
        if (body.records === 'erase') await webinarRepository.erase(transaction.db, id)
        else await webinarRepository.markDeleted(transaction.db, id, clock.now())
        await jobs.sendInTransaction(transaction, queueNames.deleteStreamCall, ref, { startAfterSeconds: deps.safetyNetDelaySeconds })
      })
      await video.deleteCall(ref).catch((error: unknown) => {
        deps.logger.warn({ err: error, webinarId: id }, 'could not delete the Stream call yet; the job retries')
      })
    },

    /** The host's (or an admin's) credentials for the studio: a call token scoped to this webinar's call. */
    async mintHostCredentials(staff: Staff, id: string): Promise<StreamCredentials> {
      const { webinar } = await loadForStaff(staff, id, 'run')
      if (webinar.status === 'cancelled') throw conflict('This webinar was cancelled.')
      const streamUserId = staffStreamUserId(staff.user.id)
      const ref = callRefOf(webinar)
      // A co-host's power in the call is their membership (role host), so removing them takes it away at once; the
      // host and admins get a host token for this call.
      const isCohost = !isManager(staff) && webinar.hostId !== staff.user.id
      const minted = isCohost ? video.mintSpeakerToken({ streamUserId }) : video.mintHostToken({ streamUserId, ref })
      return toStreamCredentials({ apiKey: video.apiKey, isLocalMode: deps.isVideoLocalMode, streamUserId, userName: staff.user.name, ref, minted })
    },
  }
}

export type WebinarService = ReturnType<typeof createWebinarService>
