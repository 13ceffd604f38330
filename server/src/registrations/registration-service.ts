import { randomUUID } from 'node:crypto'
import type { JoinView, PublicWebinar, Registration, RegisterBody, RegistrationListQuery, RegistrationReceipt } from '@webinar/shared/registrations'
import type { StreamCredentials } from '@webinar/shared/webinars'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { webinars as webinarsTable } from '../db/schema.ts'
import { runInTransaction, type Transaction } from '../db/transaction.ts'
import { buildCalendarInvite } from '../email/calendar.ts'
import { registrantLinks, type Outbox } from '../email/outbox.ts'
import type { EmailKind } from '../email/render-email.ts'
import { AppError, conflict, forbidden, notFound, unauthenticated } from '../errors.ts'
import { localPresencePath, registrantStreamUserId, type VideoService } from '../video/video-service.ts'
import { endOf, isKnownTimezone } from '../webinars/schedule-rules.ts'
import type { WebinarRecord, WebinarRepository } from '../webinars/webinar-repository.ts'
import { checkAnswers } from './answer-rules.ts'
import type { JoinTokens } from './join-token.ts'
import type { RoomTickets } from './room-ticket.ts'
import { registrationQueries as queries, type RegistrationRow } from './registration-repository.ts'

type WebinarRow = typeof webinarsTable.$inferSelect

export interface RegistrationServiceDependencies {
  db: Database
  pool: pg.Pool
  webinars: WebinarRepository
  outbox: Outbox
  joinTokens: JoinTokens
  roomTickets: RoomTickets
  video: VideoService
  clock: Clock
  publicUrl: string
  isVideoLocalMode: boolean
}

export function toRegistrationView(row: RegistrationRow): Registration {
  return {
    id: row.id,
    webinarId: row.webinarId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    answers: row.answers,
    status: row.status,
    timezone: row.timezone,
    source: row.source,
    streamUserId: registrantStreamUserId(row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** The webinar as registrants see it (public page and personal link). */
function toAttendeeWebinar(webinar: WebinarRow, hostName: string): JoinView['webinar'] {
  return {
    slug: webinar.slug,
    title: webinar.title,
    description: webinar.description,
    hostName,
    startTime: webinar.startTime.toISOString(),
    endTime: endOf(webinar.startTime, webinar.durationMinutes).toISOString(),
    timezone: webinar.timezone,
    durationMinutes: webinar.durationMinutes,
    status: webinar.status,
    approvalMode: webinar.approvalMode,
    liveStartedAt: webinar.liveStartedAt?.toISOString() ?? null,
    endedAt: webinar.endedAt?.toISOString() ?? null,
  }
}

const linkAgainPerHour = 3

const mailForStatus: Record<'approved' | 'pending' | 'waitlisted', EmailKind> = {
  approved: 'confirmation',
  pending: 'pending',
  waitlisted: 'waitlisted',
}

export function createRegistrationService(deps: RegistrationServiceDependencies) {
  const { db, pool, webinars, outbox, joinTokens, clock } = deps

  function closedReason(webinar: WebinarRow): PublicWebinar['registration']['closedReason'] {
    const now = clock.now().getTime()
    if (webinar.status === 'cancelled') return 'cancelled'
    if (webinar.status === 'ended') return 'ended'
    if (endOf(webinar.startTime, webinar.durationMinutes).getTime() <= now) return 'live_over'
    if (webinar.registrationDeadline && webinar.registrationDeadline.getTime() <= now) return 'deadline_passed'
    return null
  }

  const closedMessages = {
    cancelled: 'This webinar was cancelled.',
    ended: 'This webinar has ended.',
    live_over: 'This webinar is over.',
    deadline_passed: 'Registration for this webinar has closed.',
  } as const

  async function findPublished(slug: string): Promise<WebinarRecord> {
    const record = await webinars.findBySlug(slug)
    if (!record || record.webinar.status === 'draft') throw notFound('Webinar')
    return record
  }

  async function findByToken(token: string): Promise<{ registration: RegistrationRow; record: WebinarRecord }> {
    const registration = await queries.findByTokenHash(db, joinTokens.hash(token))
    if (!registration) throw new AppError('not_found', 'This link is not valid: it may have been replaced by a newer one. Check your latest e-mail.')
    const record = await webinars.findById(registration.webinarId)
    if (!record) throw notFound('Webinar')
    return { registration, record }
  }

  function seatsLeft(webinar: WebinarRow, approvedCount: number): number | null {
    return webinar.capacity === null ? null : Math.max(0, webinar.capacity - approvedCount)
  }

  /** A freed seat goes to the longest-waiting registration, with a mail; returns who got it. */
  async function promoteFromWaitlist(transaction: Transaction, webinar: WebinarRow, hostName: string): Promise<void> {
    if (webinar.capacity !== null && (await queries.countApproved(transaction.db, webinar.id)) >= webinar.capacity) return
    const next = await queries.firstWaitlisted(transaction.db, webinar.id)
    if (!next) return
    const promoted = await queries.update(transaction.db, next.id, { status: 'approved' })
    await outbox.enqueue(transaction, { registration: promoted, webinar, hostName, kind: 'promoted' })
  }

  /** Issues a new join token (the old link stops working) and mails the current state with the new link. */
  async function resendLink(transaction: Transaction, registration: RegistrationRow, webinar: WebinarRow, hostName: string) {
    const version = registration.joinTokenVersion + 1
    const updated = await queries.update(transaction.db, registration.id, {
      joinTokenVersion: version,
      joinTokenHash: joinTokens.hash(joinTokens.tokenFor(registration.id, version)),
    })
    const kind: EmailKind = updated.status === 'approved' ? 'confirmation' : updated.status === 'pending' ? 'pending' : 'waitlisted'
    await outbox.enqueue(transaction, { registration: updated, webinar, hostName, kind, dedupeKey: `link_resent:${version}` })
    return updated
  }

  /**
   * Mails the registration's current link again, at most `linkAgainPerHour` times in any hour: registering
   * again is how people find a lost link, and the limit keeps anyone from flooding an inbox with it. Runs
   * under the webinar's row lock, so concurrent attempts count each other.
   */
  async function mailLinkAgain(transaction: Transaction, registration: RegistrationRow, webinar: WebinarRow, hostName: string): Promise<void> {
    const now = clock.now()
    const recent = await queries.countMailSince(transaction.db, registration.id, 'link_again', new Date(now.getTime() - 3600_000))
    if (recent >= linkAgainPerHour) return
    await outbox.enqueue(transaction, { registration, webinar, hostName, kind: 'link_again', dedupeKey: `link_again@${now.toISOString()}#${recent + 1}` })
  }

  async function register(
    webinarId: string,
    body: RegisterBody,
    options: { source: 'public' | 'admin' },
  ): Promise<{ receipt: RegistrationReceipt; registration: RegistrationRow; wasAlreadyRegistered: boolean }> {
    const timezone = body.timezone && isKnownTimezone(body.timezone) ? body.timezone : null
    // Read outside the transaction: inside it, a second pool connection per request would let a burst of
    // registrations exhaust the pool while they wait on the webinar's row lock.
    const record = await webinars.findById(webinarId)
    if (!record) throw notFound('Webinar')
    return runInTransaction(pool, async (transaction) => {
      const webinar = await queries.lockWebinar(transaction.db, webinarId)
      if (!webinar) throw notFound('Webinar')
      const reason = closedReason(webinar)
      const isAdminAllowed = options.source === 'admin' && reason === 'deadline_passed'
      if (reason && !isAdminAllowed) throw conflict(closedMessages[reason])

      const checked = checkAnswers(record.formFields, body.answers, { isRequiredEnforced: options.source === 'public' })
      if (Object.keys(checked.fields).length > 0) {
        const [first] = Object.entries(checked.fields)
        throw new AppError('validation_failed', `${first![0]} ${first![1]}.`, checked.fields)
      }
      if (body.name.trim() === '') throw new AppError('validation_failed', 'name is required.', { name: 'is required' })
      const email = body.email.trim()
      const existing = await queries.findByEmail(transaction.db, webinarId, email)
      const approvedCount = await queries.countApproved(transaction.db, webinarId)
      const left = seatsLeft(webinar, approvedCount)
      const status = webinar.approvalMode === 'manual' ? 'pending' : left === null || left > 0 ? 'approved' : 'waitlisted'
      if (existing && existing.status !== 'cancelled') {
        // Staff may learn that the organiser declined this person; the public may not.
        if (existing.status === 'rejected' && options.source === 'admin') throw conflict('This registration was declined: approve it from the list instead.')
        // Already registered (or declined): the public answer is the one a newcomer would get, so that it tells
        // nobody whether the address was known. The holder gets their same link again; the link never changes here.
        if (existing.status !== 'rejected') await mailLinkAgain(transaction, existing, webinar, record.host.name)
        return { receipt: { status, email }, registration: existing, wasAlreadyRegistered: true }
      }

      const fields = { name: body.name.trim(), email, phone: checked.phone, answers: checked.answers, status, timezone, source: options.source } as const
      let registration: RegistrationRow
      if (existing) {
        // Registering again after cancelling: same row (one per e-mail), fresh link, back in the queue.
        const version = existing.joinTokenVersion + 1
        registration = await queries.update(transaction.db, existing.id, {
          ...fields,
          joinTokenVersion: version,
          joinTokenHash: joinTokens.hash(joinTokens.tokenFor(existing.id, version)),
          createdAt: clock.now(),
        })
        await outbox.enqueue(transaction, { registration, webinar, hostName: record.host.name, kind: mailForStatus[status], dedupeKey: `${mailForStatus[status]}:${version}` })
      } else {
        const id = randomUUID()
        registration = await queries.insert(transaction.db, {
          id,
          webinarId,
          ...fields,
          joinTokenVersion: 1,
          joinTokenHash: joinTokens.hash(joinTokens.tokenFor(id, 1)),
          createdAt: clock.now(),
        })
        await outbox.enqueue(transaction, { registration, webinar, hostName: record.host.name, kind: mailForStatus[status] })
      }
      return { receipt: { status, email }, registration, wasAlreadyRegistered: false }
    })
  }

  return {
    async publicWebinar(slug: string): Promise<PublicWebinar> {
      const { webinar, host, formFields } = await findPublished(slug)
      const left = seatsLeft(webinar, await queries.countApproved(db, webinar.id))
      const reason = closedReason(webinar)
      return {
        ...toAttendeeWebinar(webinar, host.name),
        registrationForm: { fields: formFields },
        seatsLeft: left,
        registration: { isOpen: reason === null, closedReason: reason, willWaitlist: webinar.approvalMode === 'auto' && left === 0 },
      }
    },

    async registerPublicly(slug: string, body: RegisterBody): Promise<RegistrationReceipt> {
      const { webinar } = await findPublished(slug)
      return (await register(webinar.id, body, { source: 'public' })).receipt
    },

    async addByAdmin(webinarId: string, body: RegisterBody): Promise<{ registration: Registration; wasAlreadyRegistered: boolean }> {
      const { registration, wasAlreadyRegistered } = await register(webinarId, body, { source: 'admin' })
      return { registration: toRegistrationView(registration), wasAlreadyRegistered }
    },

    async joinView(token: string): Promise<JoinView> {
      const { registration, record } = await findByToken(token)
      const { webinar, host } = record
      return {
        registration: { name: registration.name, email: registration.email, status: registration.status, streamUserId: registrantStreamUserId(registration.id) },
        webinarId: webinar.id,
        call: { type: webinar.streamCallType, id: webinar.streamCallId },
        webinar: toAttendeeWebinar(webinar, host.name),
        joinOpensAt: new Date(webinar.startTime.getTime() - webinar.settings.joinAheadSeconds * 1000).toISOString(),
      }
    },

    /** The attendee's credentials: approved registrations only, from the join-ahead window until the end. */
    async attendeeCredentials(token: string): Promise<StreamCredentials> {
      const { registration, record } = await findByToken(token)
      const { webinar } = record
      if (registration.status !== 'approved') throw new AppError('forbidden', `This registration is ${registration.status}: it cannot join the room.`)
      if (webinar.status === 'cancelled') throw conflict('This webinar was cancelled.')
      const opensAt = new Date(webinar.startTime.getTime() - webinar.settings.joinAheadSeconds * 1000)
      const scheduledEnd = endOf(webinar.startTime, webinar.durationMinutes)
      const now = clock.now()
      if (webinar.status === 'ended' || (webinar.status !== 'live' && now.getTime() > scheduledEnd.getTime())) {
        throw new AppError('conflict', 'This webinar is over.', { opensAt: 'closed' })
      }
      if (webinar.status !== 'live' && now.getTime() < opensAt.getTime()) {
        throw new AppError('conflict', `The room opens at ${opensAt.toISOString()}.`, { opensAt: opensAt.toISOString() })
      }
      const streamUserId = registrantStreamUserId(registration.id)
      const ref = { callType: webinar.streamCallType, callId: webinar.streamCallId }
      const { token: streamToken, expiresAt } = deps.video.mintViewerToken({ streamUserId, ref, scheduledEnd })
      return {
        apiKey: deps.video.apiKey,
        token: streamToken,
        userId: streamUserId,
        userName: registration.name,
        callType: ref.callType,
        callId: ref.callId,
        expiresAt: expiresAt.toISOString(),
        isLocalMode: deps.isVideoLocalMode,
        localPresenceUrl: deps.isVideoLocalMode ? localPresencePath(ref) : null,
      }
    },

    /** The room participant behind a join token: approved registrations only. */
    async roomAttendee(token: string): Promise<{ kind: 'registrant'; id: string; name: string; webinarId: string }> {
      const { registration } = await findByToken(token)
      if (registration.status !== 'approved') throw new AppError('forbidden', `This registration is ${registration.status}: it cannot take part in the room.`)
      return { kind: 'registrant', id: registration.id, name: registration.name, webinarId: registration.webinarId }
    },

    /** A ticket for the room's event stream, so that the join token itself never travels in a URL. */
    async roomTicket(token: string): Promise<{ ticket: string; webinarId: string; expiresAt: string }> {
      const attendee = await this.roomAttendee(token)
      const { ticket, expiresAt } = deps.roomTickets.issue({ webinarId: attendee.webinarId, registrationId: attendee.id, name: attendee.name })
      return { ticket, webinarId: attendee.webinarId, expiresAt: expiresAt.toISOString() }
    },

    /** The room participant behind a ticket, if it is valid for this webinar. */
    roomAttendeeByTicket(ticket: string, webinarId: string): { kind: 'registrant'; id: string; name: string; webinarId: string } {
      const claims = deps.roomTickets.read(ticket)
      if (!claims) throw unauthenticated('This room ticket is not valid or has expired: ask for a new one.')
      if (claims.webinarId !== webinarId) throw forbidden('This ticket is for another webinar’s room.')
      return { kind: 'registrant', id: claims.registrationId, name: claims.name, webinarId }
    },

    async cancelByToken(token: string): Promise<JoinView> {
      const { registration } = await findByToken(token)
      await this.changeStatus(registration.webinarId, registration.id, 'cancelled')
      return this.joinView(token)
    },

    async calendar(token: string): Promise<{ filename: string; ics: string }> {
      const { registration, record } = await findByToken(token)
      const { webinar, host } = record
      const links = registrantLinks(deps.publicUrl, joinTokens, registration, webinar)
      const ics = buildCalendarInvite({
        uid: `registration-${registration.id}@webinar-platform`,
        start: webinar.startTime,
        end: endOf(webinar.startTime, webinar.durationMinutes),
        title: webinar.title,
        description: `${webinar.description}\n\nJoin: ${links.join}`.trim(),
        url: links.join,
        organizerName: host.name,
      })
      return { filename: `${webinar.slug}.ics`, ics }
    },

    /**
     * Approve, reject or cancel a registration. A seat freed by a rejection or cancellation goes to the
     * waitlist at once; approving beyond capacity is refused.
     */
    async changeStatus(webinarId: string, registrationId: string, to: 'approved' | 'rejected' | 'cancelled'): Promise<Registration> {
      const record = await webinars.findById(webinarId)
      if (!record) throw notFound('Webinar')
      return runInTransaction(pool, async (transaction) => {
        const webinar = await queries.lockWebinar(transaction.db, webinarId)
        if (!webinar) throw notFound('Webinar')
        const registration = await queries.findById(transaction.db, registrationId)
        if (!registration || registration.webinarId !== webinarId) throw notFound('Registration')
        if (registration.status === to) return toRegistrationView(registration)
        const hostName = record.host.name
        if (to === 'approved') {
          if (webinar.status === 'ended') throw conflict('This webinar has ended: there is nothing left to approve a registration for.')
          if (registration.status === 'cancelled') throw conflict('This registration was cancelled by the registrant.')
          const approvedCount = await queries.countApproved(transaction.db, webinarId)
          if (webinar.capacity !== null && approvedCount >= webinar.capacity) throw conflict('There are no seats left: raise the capacity first.')
        }
        if (to === 'rejected' && registration.status === 'cancelled') throw conflict('This registration was cancelled by the registrant.')
        if (to === 'cancelled' && registration.status === 'rejected') throw conflict('This registration was declined by the organiser.')
        const wasApproved = registration.status === 'approved'
        const updated = await queries.update(transaction.db, registrationId, { status: to })
        const kind: EmailKind = to === 'approved' ? (registration.status === 'waitlisted' ? 'promoted' : 'approved') : to === 'rejected' ? 'rejected' : 'registration_cancelled'
        await outbox.enqueue(transaction, { registration: updated, webinar, hostName, kind, dedupeKey: `${kind}:${updated.joinTokenVersion}` })
        if (wasApproved && to !== 'approved') await promoteFromWaitlist(transaction, webinar, hostName)
        return toRegistrationView(updated)
      })
    },

    async resend(webinarId: string, registrationId: string): Promise<Registration> {
      const record = await webinars.findById(webinarId)
      if (!record) throw notFound('Webinar')
      return runInTransaction(pool, async (transaction) => {
        const webinar = await queries.lockWebinar(transaction.db, webinarId)
        const registration = await queries.findById(transaction.db, registrationId)
        if (!webinar || !registration || registration.webinarId !== webinarId) throw notFound('Registration')
        if (registration.status === 'cancelled' || registration.status === 'rejected') throw conflict(`This registration is ${registration.status}.`)
        if (webinar.status === 'ended' || webinar.status === 'cancelled') throw conflict(`This webinar has ${webinar.status === 'ended' ? 'ended' : 'been cancelled'}: a join link would lead nowhere.`)
        return toRegistrationView(await resendLink(transaction, registration, webinar, record.host.name))
      })
    },

    async list(webinarId: string, query: RegistrationListQuery) {
      const limit = query.limit ?? 50
      const offset = query.offset ?? 0
      const { items, total } = await queries.list(db, { webinarId, status: query.status, search: query.q?.trim() || undefined, limit, offset })
      return { items: items.map(toRegistrationView), total, limit, offset }
    },

    async listAll(webinarId: string): Promise<RegistrationRow[]> {
      return queries.listByStatus(db, webinarId, ['pending', 'approved', 'rejected', 'waitlisted', 'cancelled'])
    },
  }
}

export type RegistrationService = ReturnType<typeof createRegistrationService>
