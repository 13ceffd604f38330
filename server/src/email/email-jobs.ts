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

/**
 * Delivers one outbox mail. Only a `queued` mail is sent and it is marked `sent` right after, so a job that
 * runs twice sends once; a failure records the error and lets pg-boss retry with backoff. After the last
 * attempt the mail is marked `failed` (visible in the Mailbox with its error). Every failure is retried,
 * 5xx included: the SMTP server here is the organisation's relay, whose permanent-looking refusals (relay
 * denied, sender not allowed, quota) are mostly its configuration, which an admin fixes within the window.
 *
 * At least once, not exactly once, at one edge: when the SMTP server has taken the message (it got the whole
 * DATA and queued it) but its `250` never reaches us (the connection drops, our socket timeout fires first,
 * this process dies, or `markSent` cannot reach the database), the mail is still `queued` and the retry
 * sends it again. SMTP has no way to ask "did you get it?", so the choice is between that and losing the
 * mail. Every attempt carries the same Message-ID (derived from the row's id), so the receiving side can
 * recognise the copy; `server/test/mail-faults.test.ts` shows both copies arrive with one Message-ID.
 */
/** The token the stored mail's placeholder stands for, as it is now: a link re-issued since is the one that works. */
async function currentTokenOf({ db, joinTokens, studioTokens }: EmailJobDependencies, stored: { registrationId: string | null; speakerId: string | null }): Promise<string> {
  if (stored.registrationId !== null) {
    const version = await emailMessageRepository.joinTokenVersionOf(db, stored.registrationId)
    if (version === undefined) throw new Error('the registration of this mail no longer exists')
    return joinTokens.tokenFor(stored.registrationId, version)
  }
  if (stored.speakerId === null) throw new Error('this mail has no recipient')
  const version = await emailMessageRepository.studioTokenVersionOf(db, stored.speakerId)
  if (version === undefined) throw new Error('the speaker of this mail was removed')
  return studioTokens.tokenFor(stored.speakerId, version)
}

export async function deliverEmail(dependencies: EmailJobDependencies, emailId: string, isLastAttempt: boolean): Promise<void> {
  const { db, sender, clock } = dependencies
  const stored = await emailMessageRepository.claimQueued(db, emailId)
  if (!stored) return
  try {
    const message = await withSeriesJoinTokens(db, dependencies.joinTokens, withJoinToken(stored, await currentTokenOf(dependencies, stored)), stored.toEmail)
    // The sender as Settings say now (one primary-key read next to an SMTP round trip: no cache to go stale).
    const from = mailSenderOf(await organisationRepository.find(db))
    await sender.send({
      ...(from ? { from } : {}),
      to: message.toEmail,
      subject: message.subject,
      html: message.html,
      text: message.text,
      outboxId: message.id,
      ...(message.ics ? { icsAttachment: { filename: 'invite.ics', content: message.ics } } : {}),
    })
    await emailMessageRepository.markSent(db, emailId, clock.now())
  } catch (error) {
    const lastError = error instanceof Error ? error.message.slice(0, 500) : String(error)
    await emailMessageRepository.recordFailure(db, emailId, lastError, isLastAttempt)
    throw error
  }
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
  const recipients = await recipientRepository.listRegistrations(db, webinarId, statuses, registeredBefore)
  let written = 0
  for (const registration of recipients) {
    if (await outbox.enqueueNow(db, { registration, webinar: found.webinar, hostName: found.host.name, kind, dedupeKey })) written++
  }
  return written
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
  const approved = await recipientRepository.listRegistrations(db, webinarId, ['approved'])
  let written = 0
  for (const registration of approved) {
    const kind: EmailKind = attendedIds.has(registration.id) ? 'follow_up_attended' : 'follow_up_missed'
    const isWritten = await outbox.enqueueNow(db, {
      registration,
      webinar: found.webinar,
      hostName: found.host.name,
      kind,
      dedupeKey: 'follow_up',
      hasReplay,
    })
    if (isWritten) written++
  }
  return written
}

export async function registerEmailWorkers(jobs: JobQueue, deps: EmailJobDependencies): Promise<void> {
  await jobs.work<{ emailId: string }>(queueNames.sendEmail, ({ emailId }, attempt) => deliverEmail(deps, emailId, attempt.isLastAttempt))
  await jobs.work<{ webinarId: string }>(queueNames.announceLive, async ({ webinarId }) => {
    await announceToRegistrants(deps, webinarId, 'live_now', ['approved'])
  })
  await jobs.work<{ webinarId: string }>(queueNames.announceCancellation, async ({ webinarId }) => {
    await announceToRegistrants(deps, webinarId, 'webinar_cancelled', ['approved', 'pending', 'waitlisted'])
  })
  await jobs.work<{ webinarId: string }>(queueNames.sendFollowUps, async ({ webinarId }) => {
    await sendFollowUps(deps, webinarId)
  })
  await jobs.work<object>(queueNames.sendDueReminders, async () => {
    await enqueueDueReminders(deps)
  })
}
