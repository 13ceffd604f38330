import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { registrations, webinars } from '../db/schema.ts'
import type { Transaction } from '../db/transaction.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import type { JoinTokens } from '../join/join-token.ts'
import { endOf } from '../webinars/schedule-rules.ts'
import { buildCalendarInvite, googleCalendarUrl, outlookCalendarUrl } from './calendar.ts'
import { emailMessageRepository } from './email-message-repository.ts'
import { renderEmail, type EmailKind } from './render-email.ts'

type RegistrationRow = typeof registrations.$inferSelect
type WebinarRow = typeof webinars.$inferSelect

export interface OutboxDependencies {
  jobs: JobQueue
  publicUrl: string
  organisationName: string
  /** Without SMTP, mail is kept in the outbox and shown in the admin's Mailbox instead of being sent. */
  isSmtpConfigured: boolean
  /** Stamps each mail, so that limits counted over time (links mailed again) follow the injected clock. */
  clock: Clock
}

export interface OutboxEntry {
  registration: RegistrationRow
  webinar: WebinarRow
  hostName: string
  kind: EmailKind
  /** Defaults to the kind; see email_messages.dedupe_key. */
  dedupeKey?: string
  /** The webinar has a recording: the mail links to the registrant's replay page (which fetches a fresh address). */
  hasReplay?: boolean
}

export interface SpeakerInvitationEntry {
  speaker: { id: string; name: string; email: string; studioTokenVersion: number }
  webinar: WebinarRow
  hostName: string
}

/** The links a registrant's mail carries, all made of their join token. */
function linksWith(publicUrl: string, token: string, webinar: WebinarRow) {
  return {
    join: `${publicUrl}/join/${token}`,
    cancel: `${publicUrl}/join/${token}/cancel`,
    calendarIcs: `${publicUrl}/api/join/${token}/calendar.ics`,
    // The page, never the file: Stream's addresses expire, and a mail is read days later.
    replay: `${publicUrl}/join/${token}/replay`,
    publicPage: `${publicUrl}/w/${webinar.slug}`,
  }
}

/** The registrant's links with their current join token (their personal page's calendar file). */
export function registrantLinks(publicUrl: string, joinTokens: JoinTokens, registration: RegistrationRow, webinar: WebinarRow) {
  return linksWith(publicUrl, joinTokens.tokenFor(registration.id, registration.joinTokenVersion), webinar)
}

/** What the calendar event says: the description, then the personal link. */
function eventDetails(webinar: WebinarRow, joinUrl: string): string {
  return `${webinar.description}\n\nJoin: ${joinUrl}`.trim()
}

/** The registration's calendar invite (.ics): the one attached to mail and the one the personal page offers. */
export function registrantCalendarInvite(registration: RegistrationRow, webinar: WebinarRow, hostName: string, joinUrl: string): string {
  return buildCalendarInvite({
    uid: `registration-${registration.id}@webinar-platform`,
    start: webinar.startTime,
    end: endOf(webinar.startTime, webinar.durationMinutes),
    title: webinar.title,
    description: eventDetails(webinar, joinUrl),
    url: joinUrl,
    organizerName: hostName,
  })
}

/**
 * Writes mail into the outbox inside the caller's transaction, so a mail exists exactly when the change
 * that causes it commits, and enqueues its delivery in that same transaction. The unique dedupe key per
 * registration makes a second attempt at the same mail a no-op: nobody gets it twice.
 */
export function createOutbox({ jobs, publicUrl, organisationName, isSmtpConfigured, clock }: OutboxDependencies) {
  // Composed with the placeholder, not the token: see joinTokenPlaceholder. `withJoinToken` puts it in.
  function compose({ registration, webinar, hostName, kind, hasReplay }: OutboxEntry) {
    const links = linksWith(publicUrl, joinTokenPlaceholder, webinar)
    const end = endOf(webinar.startTime, webinar.durationMinutes)
    const calendarEvent = { title: webinar.title, start: webinar.startTime, end, details: eventDetails(webinar, links.join), location: links.join }
    const rendered = renderEmail(kind, {
      organisationName,
      webinar: { title: webinar.title, description: webinar.description, startTime: webinar.startTime, endTime: end, timezone: webinar.timezone, hostName },
      registrant: { name: registration.name, email: registration.email, timezone: registration.timezone },
      links: {
        ...links,
        googleCalendar: googleCalendarUrl(calendarEvent),
        outlookCalendar: outlookCalendarUrl(calendarEvent),
        replay: hasReplay ? links.replay : null,
      },
    })
    const carriesInvite = kind === 'confirmation' || kind === 'approved' || kind === 'promoted'
    const ics = carriesInvite ? registrantCalendarInvite(registration, webinar, hostName, links.join) : null
    return { ...rendered, ics }
  }

  function rowOf(entry: OutboxEntry) {
    const message = compose(entry)
    return {
      registrationId: entry.registration.id,
      webinarId: entry.webinar.id,
      kind: entry.kind,
      dedupeKey: entry.dedupeKey ?? entry.kind,
      toEmail: entry.registration.email,
      subject: message.subject,
      html: message.html,
      text: message.text,
      ics: message.ics,
      status: isSmtpConfigured ? ('queued' as const) : ('kept' as const),
      createdAt: clock.now(),
    }
  }

  // A mail's delivery job is named by the mail's id: sending it again is a no-op while it exists, so the job
  // can be (re)sent whenever there is doubt, and a mail never has two deliveries racing each other.
  const deliveryJob = (emailId: string) => [queueNames.sendEmail, { emailId }, { id: emailId }] as const

  /** A guest speaker's invitation: their studio link (placeholder too, filled in at delivery), no registration links. */
  function speakerInvitationRow({ speaker, webinar, hostName }: SpeakerInvitationEntry) {
    const studio = `${publicUrl}/stage/${joinTokenPlaceholder}`
    const publicPage = `${publicUrl}/w/${webinar.slug}`
    const end = endOf(webinar.startTime, webinar.durationMinutes)
    const calendarEvent = { title: webinar.title, start: webinar.startTime, end, details: eventDetails(webinar, studio), location: studio }
    const rendered = renderEmail('speaker_invitation', {
      organisationName,
      webinar: { title: webinar.title, description: webinar.description, startTime: webinar.startTime, endTime: end, timezone: webinar.timezone, hostName },
      registrant: { name: speaker.name, email: speaker.email, timezone: null },
      links: {
        join: studio,
        cancel: publicPage,
        calendarIcs: publicPage,
        googleCalendar: googleCalendarUrl(calendarEvent),
        outlookCalendar: outlookCalendarUrl(calendarEvent),
        publicPage,
        replay: null,
      },
    })
    return {
      speakerId: speaker.id,
      webinarId: webinar.id,
      kind: 'speaker_invitation',
      dedupeKey: `speaker_invitation:${speaker.studioTokenVersion}`,
      toEmail: speaker.email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      ics: null,
      status: isSmtpConfigured ? ('queued' as const) : ('kept' as const),
      createdAt: clock.now(),
    }
  }

  return {
    compose,
    /** Within the transaction that invites the speaker; once per version of their studio link. */
    async enqueueSpeakerInvitation(transaction: Transaction, entry: SpeakerInvitationEntry): Promise<void> {
      const id = await emailMessageRepository.insertIfNew(transaction.db, speakerInvitationRow(entry))
      if (id && isSmtpConfigured) await jobs.sendInTransaction(transaction, ...deliveryJob(id))
    },
    /** Within a transaction: the mail and its delivery job commit with the change that causes them. */
    async enqueue(transaction: Transaction, entry: OutboxEntry): Promise<void> {
      const id = await emailMessageRepository.insertIfNew(transaction.db, rowOf(entry))
      if (id && isSmtpConfigured) await jobs.sendInTransaction(transaction, ...deliveryJob(id))
    },
    /**
     * Outside a transaction (fan-outs and sweeps, which may write thousands of mails): the insert is the
     * commit point and the job follows it. A process that dies in between leaves a `queued` mail without a
     * job; the fan-out job then runs again (pg-boss retries it once its heartbeat stops) and this sends the
     * job of every mail it finds still `queued`, which is a no-op for those that have one. So a crash
     * anywhere in a fan-out loses no mail and doubles none. True when the mail is new.
     */
    async enqueueNow(db: Database, entry: OutboxEntry): Promise<boolean> {
      const { id, status, isNew } = await emailMessageRepository.insertOrFind(db, rowOf(entry))
      if (status === 'queued' && isSmtpConfigured) await jobs.send(...deliveryJob(id))
      return isNew
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
