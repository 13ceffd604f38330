import type { AuditAction, AuditEntry, AuditLog, AuditLogQuery, ErasedPerson, PersonExport } from '@webinar/shared/privacy'
import { erasedRegistrantName } from '@webinar/shared/privacy'
import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { AppError } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import type { JoinTokens } from '../join/join-token.ts'
import { registrationRepository } from '../registrations/registration-repository.ts'
import type { RegistrationService } from '../registrations/registration-service.ts'
import type { Staff } from '../users/staff.ts'
import { registrantStreamUserId, type VideoService } from '../video/video-service.ts'
import { auditLogRepository, type AuditLogRow } from './audit-log-repository.ts'
import { erasePersonData, type Erasure } from './erase-person.ts'
import { collectPersonData } from './export-person.ts'
import { personDataRepository } from './person-data-repository.ts'
import type { SubjectRefs } from './subject-ref.ts'

export interface PrivacyServiceDependencies {
  db: Database
  pool: pg.Pool
  clock: Clock
  subjectRefs: SubjectRefs
  /** The registrant's own request comes with their join link. */
  joinTokens: JoinTokens
  /** A registrant erasing their data cancels what is still ahead first: the registrations domain's cancellation (waitlist, call access). */
  registrations: Pick<RegistrationService, 'changeStatus'>
  /** Stream keeps the name an attendee's browser connected with: renamed after an erasure. */
  video: Pick<VideoService, 'renameUsers'>
  /** The rename's retries: a job queued with the erasure (ids only), for when Stream cannot be reached right after it. */
  jobs: JobQueue
  /** Seconds before that job runs: the request's own attempt usually does the work first. */
  safetyNetDelaySeconds: number
  logger: Pick<FastifyBaseLogger, 'warn'>
}

type Actor = { kind: 'staff'; userId: string } | { kind: 'registrant' }

const defaultAuditPageSize = 20
const linkNotValid = () => new AppError('not_found', 'This link is not valid: it may have been replaced by a newer one, or the registration was erased.')

function toAuditEntry({ entry, actorName }: { entry: AuditLogRow; actorName: string | null }): AuditEntry {
  return {
    id: entry.id,
    action: entry.action as AuditAction,
    actorKind: entry.actorKind,
    actorUserId: entry.actorUserId,
    actorName: entry.actorKind === 'staff' ? actorName : null,
    subjectRef: entry.subjectRef,
    detail: Object.fromEntries(Object.entries(entry.detail).filter((pair): pair is [string, number] => Number.isInteger(pair[1]))),
    createdAt: entry.createdAt.toISOString(),
  }
}

/**
 * Registrants' data on request: the export of everything held about a person and its erasure (owners and
 * admins, by address), the registrant's own erasure from their personal link, and the audit log of all three.
 * Every export and erasure is logged, one for an address nobody registered with included: the log then shows
 * the request was answered ("nothing held") as well as when something was found.
 */
export function createPrivacyService(deps: PrivacyServiceDependencies) {
  const { db, pool, clock, subjectRefs, joinTokens, registrations, video, logger, jobs } = deps

  const renameInStream = (registrationIds: string[]) =>
    video.renameUsers(registrationIds.map((id) => ({ streamUserId: registrantStreamUserId(id), name: erasedRegistrantName })))

  async function erase(email: string, actor: Actor): Promise<ErasedPerson> {
    const now = clock.now()
    const erasure: Erasure = await runInTransaction(pool, async (transaction) => {
      const erased = await erasePersonData(transaction.db, email, now)
      await auditLogRepository.insert(transaction.db, {
        actorUserId: actor.kind === 'staff' ? actor.userId : null,
        actorKind: actor.kind,
        action: 'person.erased',
        subjectRef: subjectRefs.of(email),
        detail: { ...erased.counts },
        createdAt: now,
      })
      if (erased.registrationIds.length > 0) {
        await jobs.sendInTransaction(
          transaction,
          queueNames.renameErasedStreamUsers,
          { registrationIds: erased.registrationIds },
          { startAfterSeconds: deps.safetyNetDelaySeconds },
        )
      }
      return erased
    })
    if (erasure.registrationIds.length > 0) {
      // After the commit: the erasure stands whatever Stream says. A failure is logged (without the person); the job
      // queued with the erasure renames them again, with retries.
      await renameInStream(erasure.registrationIds).catch((error: unknown) =>
        logger.warn({ err: error, users: erasure.registrationIds.length }, 'privacy: could not rename erased registrants in Stream yet; the job retries'),
      )
    }
    return { erasedRegistrations: erasure.counts.registrations }
  }

  return {
    /** The job's work: Stream's user records of erased registrations take the erased name (idempotent). */
    renameInStream,
    /** Everything held about the person at `email`, and the file name to offer it under (no address in it). */
    async exportPerson(staff: Staff, email: string): Promise<{ document: PersonExport; filename: string }> {
      const now = clock.now()
      const document = await collectPersonData(db, email.trim(), now)
      const subjectRef = subjectRefs.of(email)
      await auditLogRepository.insert(db, {
        actorUserId: staff.user.id,
        actorKind: 'staff',
        action: 'person.exported',
        subjectRef,
        detail: { registrations: document.registrations.length },
        createdAt: now,
      })
      return { document, filename: `person-${subjectRef.slice(0, 8)}.json` }
    },

    async erasePerson(staff: Staff, email: string): Promise<ErasedPerson> {
      return erase(email, { kind: 'staff', userId: staff.user.id })
    },

    /**
     * The registrant, from their personal link (which proves they get mail at the address): every registration
     * under that address still ahead is cancelled (its seat goes to the waitlist, they leave the call; no mail,
     * the address is about to go), then everything is erased. The link stops working.
     */
    async eraseByJoinToken(token: string): Promise<ErasedPerson> {
      const registration = await registrationRepository.findByJoinTokenHash(db, joinTokens.hash(token))
      if (!registration || registration.erasedAt) throw linkNotValid()
      for (const { registration: held, webinar } of await personDataRepository.listRegistrationsByEmail(db, registration.email)) {
        const isAhead = webinar.deletedAt === null && ['draft', 'scheduled', 'live'].includes(webinar.status)
        if (isAhead && ['approved', 'pending', 'waitlisted'].includes(held.status)) {
          await registrations.changeStatus(webinar.id, held.id, 'cancelled', { isMailed: false })
        }
      }
      return erase(registration.email, { kind: 'registrant' })
    },

    async listAuditLog({ limit = defaultAuditPageSize, offset = 0 }: AuditLogQuery): Promise<AuditLog> {
      const { items, total } = await auditLogRepository.list(db, { limit, offset })
      return { items: items.map(toAuditEntry), total, limit, offset }
    },
  }
}

export type PrivacyService = ReturnType<typeof createPrivacyService>
