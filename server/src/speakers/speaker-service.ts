import { randomUUID } from 'node:crypto'
import type { InviteSpeakerBody, Speaker, SpeakerList, StageView } from '@webinar/shared/stage'
import type { StreamCredentials } from '@webinar/shared/webinars'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { postgresErrorCode } from '../db/postgres-errors.ts'
import { runInTransaction } from '../db/transaction.ts'
import type { Outbox } from '../email/outbox.ts'
import { AppError, conflict, notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import type { LinkTokens } from '../join/join-token.ts'
import type { Staff } from '../users/staff.ts'
import { callRefOf, guestSpeakerStreamUserId, toStreamCredentials, type VideoService } from '../video/video-service.ts'
import { stageTokenValiditySeconds } from '../webinars/schedule-rules.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import { speakerRepository } from './speaker-repository.ts'
import { stageMemberOf, toSpeakerView } from './speaker-view.ts'

/** What moderators did, kept on the webinar and shown to the other moderators (the moderation log). */
export type RecordModeration = (
  db: Database,
  input: { webinarId: string; action: 'speaker.invited' | 'speaker.removed'; actor: { name: string; userId: string | null }; target: { name: string; registrationId: null }; detail?: Record<string, unknown> },
) => Promise<unknown>

export interface SpeakerServiceDependencies {
  db: Database
  pool: pg.Pool
  video: VideoService
  webinars: Pick<WebinarService, 'authorize' | 'syncCallNow'>
  outbox: Pick<Outbox, 'enqueueSpeakerInvitation'>
  jobs: Pick<JobQueue, 'sendInTransaction'>
  studioTokens: LinkTokens
  clock: Clock
  isVideoLocalMode: boolean
  recordModeration: RecordModeration
  logger: { warn: (object: object, message: string) => void }
}

/**
 * A webinar's speakers besides its host: co-hosts (staff) and guest panelists (a personal studio link by mail).
 * Each is a member of the call with the role their kind gives; the membership is the whole of their power in the
 * call (their tokens carry no role), so removing one takes it away at once, and the kick takes them out now.
 */
export function createSpeakerService(deps: SpeakerServiceDependencies) {
  const { db, pool, video, webinars, outbox, jobs, studioTokens, clock } = deps

  /** A guest panelist's studio link, or a clear 404 (never says whether it once worked). */
  async function findPanelist(token: string) {
    const speaker = await speakerRepository.findActiveByStudioTokenHash(db, studioTokens.hash(token))
    if (!speaker) throw notFound('Studio link')
    const record = await webinarRepository.findById(db, speaker.webinarId)
    if (!record || record.webinar.deletedAt) throw notFound('Studio link')
    return { speaker, record }
  }

  return {
    async list(staff: Staff, webinarId: string): Promise<SpeakerList> {
      await webinars.authorize(staff, webinarId, 'run')
      return { items: (await speakerRepository.listActive(db, webinarId)).map(toSpeakerView) }
    },

    /**
     * Invites a co-host (a staff user) or a guest panelist (mailed their studio link). The call membership follows
     * through the call sync (now, and by the job when Stream is away).
     */
    async invite(staff: Staff, webinarId: string, body: InviteSpeakerBody): Promise<Speaker> {
      const { webinar, host } = await webinars.authorize(staff, webinarId, 'manage')
      if (webinar.status === 'ended' || webinar.status === 'cancelled') throw conflict(`This webinar is ${webinar.status}: there is no stage to invite anyone to.`)
      let person: { name: string; email: string; userId: string | null }
      if (body.kind === 'cohost') {
        const user = await speakerRepository.findUser(db, body.userId)
        if (!user) throw new AppError('validation_failed', 'Choose a member of staff as co-host.', { userId: 'is not a staff user' })
        if (user.id === webinar.hostId) throw new AppError('validation_failed', `${user.name} is this webinar’s host already.`, { userId: 'is the host' })
        person = { name: user.name, email: user.email, userId: user.id }
      } else {
        person = { name: body.name.trim(), email: body.email.trim(), userId: null }
        if (!person.name) throw new AppError('validation_failed', 'Give the panelist’s name.', { name: 'must not be blank' })
      }
      const id = randomUUID()
      try {
        const speaker = await runInTransaction(pool, async (transaction) => {
          const row = await speakerRepository.insert(transaction.db, {
            id,
            webinarId,
            kind: body.kind,
            userId: person.userId,
            name: person.name,
            email: person.email,
            studioTokenHash: body.kind === 'panelist' ? studioTokens.hashFor(id, 1) : null,
            invitedById: staff.user.id,
            createdAt: clock.now(),
          })
          if (row.kind === 'panelist') await outbox.enqueueSpeakerInvitation(transaction, { speaker: row, webinar, hostName: host.name })
          await webinarRepository.update(transaction.db, webinarId, {}, true)
          await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId })
          await deps.recordModeration(transaction.db, {
            webinarId,
            action: 'speaker.invited',
            actor: { name: staff.user.name, userId: staff.user.id },
            target: { name: row.name, registrationId: null },
            detail: { kind: row.kind },
          })
          return row
        })
        await webinars.syncCallNow(webinarId)
        return toSpeakerView(speaker)
      } catch (error) {
        if (postgresErrorCode(error) === '23505') throw conflict(`${person.email} is already a speaker of this webinar.`)
        throw error
      }
    },

    /** Takes a speaker off the webinar: out of the call's members and out of the call now, their studio link dead. */
    async remove(staff: Staff, webinarId: string, speakerId: string): Promise<void> {
      const { webinar } = await webinars.authorize(staff, webinarId, 'manage')
      const removed = await runInTransaction(pool, async (transaction) => {
        const row = await speakerRepository.markRemoved(transaction.db, speakerId, clock.now())
        if (!row || row.webinarId !== webinarId) throw notFound('Speaker')
        await webinarRepository.update(transaction.db, webinarId, {}, true)
        await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId })
        await deps.recordModeration(transaction.db, {
          webinarId,
          action: 'speaker.removed',
          actor: { name: staff.user.name, userId: staff.user.id },
          target: { name: row.name, registrationId: null },
          detail: { kind: row.kind },
        })
        return row
      })
      try {
        await video.setStageMember(callRefOf(webinar), stageMemberOf(removed), false)
      } catch (error) {
        // The membership goes with the call sync (the job retries it); only the kick waits for Stream.
        deps.logger.warn({ err: error, webinarId, speakerId }, 'Stream did not take the removed speaker out of the call yet')
      }
      await webinars.syncCallNow(webinarId)
    },

    /** What a panelist's studio link opens: who they are and the webinar. */
    async view(token: string): Promise<StageView> {
      const { speaker, record } = await findPanelist(token)
      const { webinar, host } = record
      return {
        speaker: { id: speaker.id, name: speaker.name, kind: speaker.kind },
        webinar: {
          id: webinar.id,
          title: webinar.title,
          startTime: webinar.startTime.toISOString(),
          durationMinutes: webinar.durationMinutes,
          timezone: webinar.timezone,
          status: webinar.status,
          hostName: host.name,
        },
      }
    },

    /**
     * A panelist's Stream credentials: a user token (no role of its own: the membership gives role speaker), valid
     * until two hours after the scheduled end, so a long session is not cut short.
     */
    async mintPanelistCredentials(token: string): Promise<StreamCredentials> {
      const { speaker, record } = await findPanelist(token)
      const { webinar } = record
      if (webinar.status === 'cancelled') throw conflict('This webinar was cancelled.')
      if (webinar.status === 'ended') throw conflict('This webinar has ended.')
      const streamUserId = guestSpeakerStreamUserId(speaker.id)
      const minted = video.mintSpeakerToken({ streamUserId, validitySeconds: stageTokenValiditySeconds(webinar, clock.now()) })
      return toStreamCredentials({ apiKey: video.apiKey, isLocalMode: deps.isVideoLocalMode, streamUserId, userName: speaker.name, ref: callRefOf(webinar), minted })
    },
  }
}

export type SpeakerService = ReturnType<typeof createSpeakerService>
