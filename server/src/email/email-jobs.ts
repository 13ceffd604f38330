import { attendanceRepository } from '../attendance/attendance-repository.ts'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { organisationRepository } from '../organisation/organisation-repository.ts'
import { mailSenderOf } from '../organisation/organisation-view.ts'
import type { JoinTokens, LinkTokens } from '../join/join-token.ts'
import { recordingRepository } from '../recordings/recording-repository.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { emailMessageRepository } from './email-message-repository.ts'
import type { Outbox } from './outbox.ts'
import { withJoinToken, withSeriesJoinTokens } from './personal-link.ts'
import { recipientRepository } from './recipient-repository.ts'
import type { OutgoingMail } from './mail-transport.ts'
import type { EmailKind } from './render-email.ts'

export interface MailSender {
  send(message: OutgoingMail): Promise<{ messageId: string }>
}

interface EmailJobDependencies {
  db: Database
  outbox: Outbox
  sender: MailSender
  /** Stored mail has a placeholder where the join token goes; the token is put in at delivery. */
  joinTokens: JoinTokens
  /** A guest speaker's invitation carries their studio token the same way. */
  studioTokens: LinkTokens
  clock: Clock
}

const hour = 3600_000

/** Mails delivered together share their reads; the SMTP transport's pool sends them over a few connections. */
const deliveryBatchSize = 50
/** Sends of one batch under way at once: the SMTP transport's pool size (mail-transport.ts). */
const parallelSends = 5
/** Batches in flight at once per instance: one fetches and reads while the other's mails are on the wire. */
const deliveryConcurrency = 2

/**
 * Fan-outs of one kind running at once per instance: one. Each keeps a database connection busy writing mail (up
 * to 500 rows a statement, about a second of the database's time per 10,000 mails), so two at once only make each
 * slower while taking the database from requests (a start, with other webinars going live around it); the next
 * webinar's mail waits that long instead.
 */
const fanOutConcurrency = { localConcurrency: 1 }

export interface DeliveryAttempt {
  emailId: string
  /** pg-boss will not try this mail's job again: a failure now leaves the mail `failed`. */
  isLastAttempt: boolean
}

/**
 * Delivers a batch of outbox mails, each its own attempt. Only a `queued` mail is sent (all of the batch's are
 * claimed in one statement, each attempt counted) and it is marked `sent` right after its own send, so a job that
 * runs twice sends once; a failure records the error on that mail alone and is returned, so that pg-boss retries
 * its job with backoff while the rest of the batch is done. After the last attempt the mail is marked `failed`
 * (visible in the Mailbox with its error). Every failure is retried, 5xx included: the SMTP server here is the
 * organisation's relay, whose permanent-looking refusals (relay denied, sender not allowed, quota) are mostly its
 * configuration, which an admin fixes within the window.
 *
 * At least once, not exactly once, at one edge: when the SMTP server has taken the message (it got the whole
 * DATA and queued it) but its `250` never reaches us (the connection drops, our socket timeout fires first,
 * this process dies, or `markSent` cannot reach the database), the mail is still `queued` and the retry
 * sends it again. SMTP has no way to ask "did you get it?", so the choice is between that and losing the
 * mail. Every attempt carries the same Message-ID (derived from the row's id), so the receiving side can
 * recognise the copy; `server/test/mail-faults.test.ts` shows both copies arrive with one Message-ID.
 *
 * The failures, by mail id (a mail that was not `queued` any more is not one).
 */
export async function deliverEmails(
  dependencies: EmailJobDependencies,
  attempts: DeliveryAttempt[],
  markSent: (id: string) => Promise<void> = sentMarker(dependencies.db, dependencies.clock),
  shouldStop: () => boolean = () => false,
): Promise<Map<string, unknown>> {
  const { db, sender, joinTokens, studioTokens } = dependencies
  const failures = new Map<string, unknown>()
  const claimed = await emailMessageRepository.claimQueuedMany(db, attempts.map((attempt) => attempt.emailId))
  if (claimed.length === 0) return failures
  const isLastAttempt = new Map(attempts.map((attempt) => [attempt.emailId, attempt.isLastAttempt]))
  const ids = (key: 'registrationId' | 'speakerId') => [...new Set(claimed.flatMap((stored) => (stored[key] === null ? [] : [stored[key]])))]
  // The tokens' versions as they are now (a link re-issued since is the one that works) and the sender as Settings
  // say now: one read of each for the whole batch, next to its SMTP round trips (no cache to go stale).
  const joinVersions = await emailMessageRepository.joinTokenVersionsOf(db, ids('registrationId'))
  const studioVersions = await emailMessageRepository.studioTokenVersionsOf(db, ids('speakerId'))
  const from = mailSenderOf(await organisationRepository.find(db))

  /** The token the stored mail's placeholder stands for. */
  const currentTokenOf = (stored: { registrationId: string | null; speakerId: string | null }): string => {
    if (stored.registrationId !== null) {
      const version = joinVersions.get(stored.registrationId)
      if (version === undefined) throw new Error('the registration of this mail no longer exists')
      return joinTokens.tokenFor(stored.registrationId, version)
    }
    if (stored.speakerId === null) throw new Error('this mail has no recipient')
    const version = studioVersions.get(stored.speakerId)
    if (version === undefined) throw new Error('the speaker of this mail was removed')
    return studioTokens.tokenFor(stored.speakerId, version)
  }

  // A few at a time, as many as the SMTP pool has connections: once the job queue is stopping, what has not been
  // handed to SMTP yet stays queued for the retry (no failure recorded), so a stop waits for a few sends, never a
  // whole batch, and no mail the SMTP server took is left unmarked when the database closes.
  const unsent = [...claimed]
  const sendNext = async (): Promise<void> => {
    for (let stored = unsent.shift(); stored !== undefined; stored = unsent.shift()) {
      if (shouldStop()) {
        failures.set(stored.id, new Error('not sent: this instance is stopping'))
        continue
      }
      await sendOne(stored)
    }
  }
  const sendOne = async (stored: (typeof claimed)[number]): Promise<void> => {
    try {
      const message = await withSeriesJoinTokens(db, joinTokens, withJoinToken(stored, currentTokenOf(stored)), stored.toEmail)
      await sender.send({
        ...(from ? { from } : {}),
        to: message.toEmail,
        subject: message.subject,
        html: message.html,
        text: message.text,
        outboxId: message.id,
        ...(message.ics ? { icsAttachment: { filename: 'invite.ics', content: message.ics } } : {}),
      })
      await markSent(stored.id)
    } catch (error) {
      failures.set(stored.id, error)
      const lastError = error instanceof Error ? error.message.slice(0, 500) : String(error)
      // Not recorded (the database is away): the job fails all the same and its retry tries again.
      await emailMessageRepository.recordFailure(db, stored.id, lastError, isLastAttempt.get(stored.id) ?? false).catch(() => {})
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallelSends, claimed.length) }, () => sendNext()))
  return failures
}

/** One mail's delivery attempt (deliverEmails for one): rejects with why it failed. */
export async function deliverEmail(dependencies: EmailJobDependencies, emailId: string, isLastAttempt: boolean): Promise<void> {
  const failures = await deliverEmails(dependencies, [{ emailId, isLastAttempt }])
  if (failures.has(emailId)) throw failures.get(emailId)
}

/** How long a mail just sent waits for others to be marked `sent` with it (see sentMarker). */
const markSentLingerMs = 10

/**
 * Marks mails `sent` as their sends complete, several in one statement: a mail sent within a few milliseconds of
 * others, or while a statement is on its way, goes with them. None waits for the rest of its batch (that would
 * widen the at-least-once edge above from a few milliseconds to the whole batch), and a batch of mails costs a few
 * statements rather than one per mail. Each call resolves once its mail's row says `sent`.
 */
function sentMarker(db: Database, clock: Clock): (id: string) => Promise<void> {
  let waiting: { id: string; resolve: () => void; reject: (error: unknown) => void }[] = []
  let isScheduled = false
  async function flush(): Promise<void> {
    const taken = waiting
    waiting = []
    try {
      await emailMessageRepository.markSentMany(db, taken.map((entry) => entry.id), clock.now())
      for (const entry of taken) entry.resolve()
    } catch (error) {
      for (const entry of taken) entry.reject(error)
    }
    // Those sent meanwhile go next, after a moment for more to join them.
    if (waiting.length > 0) setTimeout(() => void flush(), markSentLingerMs)
    else isScheduled = false
  }
  return (id) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, resolve, reject })
      if (isScheduled) return
      isScheduled = true
      setTimeout(() => void flush(), markSentLingerMs)
    })
}

/** One mail of `kind` to every registration of the webinar in `statuses`; re-running adds only what is missing. */
export async function announceToRegistrants(
  { db, outbox }: Pick<EmailJobDependencies, 'db' | 'outbox'>,
  webinarId: string,
  kind: EmailKind,
  statuses: ('approved' | 'pending' | 'waitlisted')[],
  dedupeKey: string = kind,
  registeredBefore?: Date,
): Promise<number> {
  const found = await webinarRepository.findById(db, webinarId)
  if (!found) return 0
  const recipients = await recipientRepository.listFanOutRecipients(db, webinarId, statuses, registeredBefore)
  return outbox.enqueueFanOut(db, {
    webinar: found.webinar,
    hostName: found.host.name,
    recipients: recipients.map((recipient) => ({ ...recipient, kind })),
    dedupeKey,
    statuses,
  })
}

/**
 * Reminders 24 h and 1 h before the start, computed from the start time as it is now: an edit moves them
 * (the dedupe key names the start they announce), a cancelled webinar or registration gets none.
 * Runs every minute; running it twice sends nothing twice.
 */
export async function enqueueDueReminders({ db, outbox, clock }: Pick<EmailJobDependencies, 'db' | 'outbox' | 'clock'>): Promise<number> {
  const now = clock.now()
  const upcoming = await webinarRepository.listScheduledStartingBetween(db, now, new Date(now.getTime() + 24 * hour))
  let written = 0
  for (const webinar of upcoming) {
    const msUntilStart = webinar.startTime.getTime() - now.getTime()
    const kind: EmailKind = msUntilStart <= hour ? 'reminder_1h' : 'reminder_24h'
    const dedupeKey = `${kind}@${webinar.startTime.toISOString()}`
    // A reminder goes to those who were registered when it fell due: whoever registers later has just read
    // the schedule in their confirmation, and "starts in 1 hour" ten minutes before the start would be false.
    const registeredBefore = new Date(webinar.startTime.getTime() - (kind === 'reminder_24h' ? 24 : 1) * hour)
    written += await announceToRegistrants({ db, outbox }, webinar.id, kind, ['approved'], dedupeKey, registeredBefore)
  }
  return written
}

/**
 * After the end: "thanks for attending" to those who attended (watched at least the webinar's threshold), "sorry
 * we missed you" to the other approved registrants, each with the replay when a recording is ready. One of the two
 * per registration (shared dedupe key), however often this runs.
 */
export async function sendFollowUps({ db, outbox }: Pick<EmailJobDependencies, 'db' | 'outbox'>, webinarId: string): Promise<number> {
  const found = await webinarRepository.findById(db, webinarId)
  if (!found) return 0
  // Attended: watched at least the webinar's threshold (registration_attendance, kept from Stream's webhooks and the room).
  const attendedIds = new Set(await attendanceRepository.listAttendedRegistrationIds(db, webinarId))
  // A recording that arrives later is announced on its own (recordings/, `replay_ready`).
  const hasReplay = await recordingRepository.hasAny(db, webinarId)
  const approved = await recipientRepository.listFanOutRecipients(db, webinarId, ['approved'])
  return outbox.enqueueFanOut(db, {
    webinar: found.webinar,
    hostName: found.host.name,
    recipients: approved.map((registration) => ({
      ...registration,
      kind: attendedIds.has(registration.id) ? ('follow_up_attended' as const) : ('follow_up_missed' as const),
    })),
    dedupeKey: 'follow_up',
    statuses: ['approved'],
    hasReplay,
  })
}

export async function registerEmailWorkers(jobs: JobQueue, deps: EmailJobDependencies): Promise<void> {
  // One for the batches in flight together, so that their mails are marked sent together.
  const markSent = sentMarker(deps.db, deps.clock)
  await jobs.workBatch<{ emailId: string }>(
    queueNames.sendEmail,
    async (batch) => {
      const failures = await deliverEmails(
        deps,
        batch.map((job) => ({ emailId: job.data.emailId, isLastAttempt: job.isLastAttempt })),
        markSent,
        () => jobs.isStopping(),
      )
      return new Map(batch.filter((job) => failures.has(job.data.emailId)).map((job) => [job.id, failures.get(job.data.emailId)]))
    },
    { batchSize: deliveryBatchSize, localConcurrency: deliveryConcurrency },
  )
  await jobs.work<{ webinarId: string }>(
    queueNames.announceLive,
    async ({ webinarId }) => {
      await announceToRegistrants(deps, webinarId, 'live_now', ['approved'])
    },
    fanOutConcurrency,
  )
  await jobs.work<{ webinarId: string }>(
    queueNames.announceCancellation,
    async ({ webinarId }) => {
      await announceToRegistrants(deps, webinarId, 'webinar_cancelled', ['approved', 'pending', 'waitlisted'])
    },
    fanOutConcurrency,
  )
  await jobs.work<{ webinarId: string }>(
    queueNames.sendFollowUps,
    async ({ webinarId }) => {
      await sendFollowUps(deps, webinarId)
    },
    fanOutConcurrency,
  )
  await jobs.work<object>(queueNames.sendDueReminders, async () => {
    await enqueueDueReminders(deps)
  })
}
