import type { MyStageRequest, StageRequest, StageState } from '@webinar/shared/stage'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { conflict, notFound, type AppError } from '../errors.ts'
import { registrationRepository } from '../registrations/registration-repository.ts'
import { speakerRepository } from '../speakers/speaker-repository.ts'
import { toSpeakerView } from '../speakers/speaker-view.ts'
import type { Staff } from '../users/staff.ts'
import { callRefOf, registrantStreamUserId, stageCapabilities, withStream, type VideoService } from '../video/video-service.ts'
import { webinarRepository, type WebinarRow } from '../webinars/webinar-repository.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import { stageRequestRepository, type StageRequestWithName } from './stage-request-repository.ts'

export type StageModerationAction = 'stage.accepted' | 'stage.dismissed' | 'stage.ended'

/** What moderators did, kept on the webinar and shown to the other moderators (the moderation log). */
export type RecordStageModeration = (
  db: Database,
  input: { webinarId: string; action: StageModerationAction; actor: { name: string; userId: string | null }; target: { name: string; registrationId: string | null } },
) => Promise<unknown>

export interface StageServiceDependencies {
  db: Database
  pool: pg.Pool
  video: VideoService
  clock: Clock
  webinars: Pick<WebinarService, 'authorize'>
  /** Tells everyone in the room that the stage changed; each asks again for what it may see. */
  announceStageChange: (db: Database, webinarId: string) => Promise<unknown>
  recordModeration: RecordStageModeration
}

// Stream's user id of a registrant (registrantStreamUserId), read back from a webhook.
const registrantIdPattern = /^reg_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

function toStageRequest(row: StageRequestWithName): StageRequest {
  return {
    id: row.id,
    registrationId: row.registrationId,
    name: row.name,
    streamUserId: registrantStreamUserId(row.registrationId),
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedByName: row.decidedByName,
  }
}

/**
 * Raised hands and attendees on stage. A hand goes up with Stream's capability request (the attendee's browser asks
 * Stream; Stream's `call.permission_request` webhook brings it here, the queue the studio shows). Accepting grants
 * sending audio and video in the call, taking someone off stage revokes it; both go to Stream first, so the queue
 * never says "on stage" for someone Stream would not let speak.
 */
export function createStageService(deps: StageServiceDependencies) {
  const { db, pool, video, clock, webinars } = deps

  async function loadRequest(webinarId: string, requestId: string) {
    const request = await stageRequestRepository.findWithName(db, webinarId, requestId)
    if (!request) throw notFound('Request to speak')
    return request
  }

  /** Why a request can no longer be answered, in words a moderator can act on. */
  function notAnswerable(request: StageRequestWithName): AppError {
    switch (request.status) {
      case 'withdrawn':
        return conflict(`${request.name} lowered their hand.`)
      case 'dismissed':
        return conflict(`${request.name}’s request was dismissed${request.decidedByName ? ` by ${request.decidedByName}` : ''}.`)
      case 'ended':
        return conflict(`${request.name} has already left the stage.`)
      default:
        return conflict(`${request.name} is already on stage.`)
    }
  }

  async function decide(
    staff: Staff,
    webinarId: string,
    requestId: string,
    from: 'pending' | 'accepted',
    to: 'accepted' | 'dismissed' | 'ended',
    action: StageModerationAction,
  ): Promise<StageRequest> {
    const { webinar } = await webinars.authorize(staff, webinarId, 'run')
    const request = await loadRequest(webinarId, requestId)
    if (request.status === to) return toStageRequest(request)
    if (request.status !== from) throw notAnswerable(request)
    if (to === 'accepted' && webinar.status !== 'live') throw conflict('The webinar is not live: attendees come on stage once it is.')
    const streamUserId = registrantStreamUserId(request.registrationId)
    if (to === 'accepted') await withStream(() => video.setOnStage(callRefOf(webinar), streamUserId, true))
    if (to === 'ended') await withStream(() => video.setOnStage(callRefOf(webinar), streamUserId, false))
    const moved = await runInTransaction(pool, async ({ db: tx }) => {
      const row = await stageRequestRepository.transition(tx, requestId, from, to, { at: clock.now(), byName: staff.user.name })
      if (!row) return undefined
      await deps.recordModeration(tx, {
        webinarId,
        action,
        actor: { name: staff.user.name, userId: staff.user.id },
        target: { name: request.name, registrationId: request.registrationId },
      })
      await deps.announceStageChange(tx, webinarId)
      return row
    })
    if (!moved) {
      // The hand came down while Stream was granting: take back what was granted, and say why.
      if (to === 'accepted') await video.setOnStage(callRefOf(webinar), streamUserId, false).catch(() => {})
      throw notAnswerable(await loadRequest(webinarId, requestId))
    }
    return toStageRequest({ ...moved, name: request.name })
  }

  return {
    /** The studio's view: speakers, hands up and attendees on stage. */
    async state(staff: Staff, webinarId: string): Promise<StageState> {
      const { webinar } = await webinars.authorize(staff, webinarId, 'run')
      const [speakers, requests] = await Promise.all([speakerRepository.listActive(db, webinarId), stageRequestRepository.listOpen(db, webinarId)])
      return { handRaising: webinar.settings.handRaising, speakers: speakers.map(toSpeakerView), requests: requests.map(toStageRequest) }
    },

    /**
     * Stream's `call.permission_request`: an approved registrant of this webinar asked to send audio or video.
     * Anything else (a staff member, an unknown user, a webinar with hands off) is stored with the webhook only.
     */
    async recordHandRaised(webinar: WebinarRow, event: Record<string, unknown>): Promise<boolean> {
      const user = event.user as { id?: unknown } | undefined
      const permissions = Array.isArray(event.permissions) ? event.permissions : []
      const match = typeof user?.id === 'string' ? registrantIdPattern.exec(user.id) : null
      if (!match || !permissions.some((permission) => stageCapabilities.includes(permission as string))) return false
      if (!webinar.settings.handRaising || webinar.status !== 'live') return false
      const registration = await registrationRepository.findById(db, match[1]!)
      if (!registration || registration.webinarId !== webinar.id || registration.status !== 'approved') return false
      await runInTransaction(pool, async ({ db: tx }) => {
        if (await stageRequestRepository.insertIfNoneOpen(tx, { webinarId: webinar.id, registrationId: registration.id, requestedAt: clock.now() })) {
          await deps.announceStageChange(tx, webinar.id)
        }
      })
      return true
    },

    accept: (staff: Staff, webinarId: string, requestId: string) => decide(staff, webinarId, requestId, 'pending', 'accepted', 'stage.accepted'),
    dismiss: (staff: Staff, webinarId: string, requestId: string) => decide(staff, webinarId, requestId, 'pending', 'dismissed', 'stage.dismissed'),
    takeOffStage: (staff: Staff, webinarId: string, requestId: string) => decide(staff, webinarId, requestId, 'accepted', 'ended', 'stage.ended'),

    /** The attendee's own hand, for their room. */
    async mine(attendee: { id: string; webinarId: string }): Promise<MyStageRequest> {
      const webinar = await webinarRepository.findRowById(db, attendee.webinarId)
      if (!webinar) throw notFound('Webinar')
      const latest = await stageRequestRepository.findLatestOf(db, attendee.id)
      return { handRaising: webinar.settings.handRaising, request: latest ? toStageRequest(latest) : null }
    },

    /** The attendee lowers their hand, or steps down from the stage (which revokes their audio and video). */
    async lower(attendee: { id: string; webinarId: string }): Promise<MyStageRequest> {
      const latest = await stageRequestRepository.findLatestOf(db, attendee.id)
      if (latest?.status === 'accepted') {
        const webinar = await webinarRepository.findRowById(db, attendee.webinarId)
        if (webinar) await withStream(() => video.setOnStage(callRefOf(webinar), registrantStreamUserId(attendee.id), false))
      }
      if (latest?.status === 'pending' || latest?.status === 'accepted') {
        await runInTransaction(pool, async ({ db: tx }) => {
          if (await stageRequestRepository.transition(tx, latest.id, latest.status, latest.status === 'pending' ? 'withdrawn' : 'ended', { at: clock.now(), byName: null })) {
            await deps.announceStageChange(tx, attendee.webinarId)
          }
        })
      }
      return this.mine(attendee)
    },

    /** The webinar ended: open requests close (Stream's grants end with the call). */
    async closeAfterEnd(webinarId: string): Promise<void> {
      await runInTransaction(pool, async ({ db: tx }) => {
        await stageRequestRepository.closeAllOpen(tx, webinarId, clock.now())
        await deps.announceStageChange(tx, webinarId)
      })
    },
  }
}

export type StageService = ReturnType<typeof createStageService>
