import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { registrations, webinars } from '../db/schema.ts'
import type { Transaction } from '../db/transaction.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { organisationRepository } from '../organisation/organisation-repository.ts'
import { mailBrandingOf } from '../organisation/organisation-view.ts'
import type { JoinTokens } from '../join/join-token.ts'
import { endOf } from '../webinars/schedule-rules.ts'
import { buildCalendarInvite, googleCalendarUrl, outlookCalendarUrl } from './calendar.ts'
import { emailMessageRepository } from './email-message-repository.ts'
import { joinTokenPlaceholderOf } from './personal-link.ts'
import { renderEmail, type EmailKind } from './render-email.ts'

type RegistrationRow = typeof registrations.$inferSelect
type WebinarRow = typeof webinars.$inferSelect

export interface OutboxDependencies {
  jobs: JobQueue
  publicUrl: string
  /** ORGANISATION_NAME: the name in mail until an admin saves the organisation's settings. */
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

export interface SeriesMailEntry {
  kind: 'series_registered' | 'series_cancelled'
  /** One person's registrations, in date order; the mail belongs to the first. */
  registrations: { registration: RegistrationRow; webinar: WebinarRow }[]
  series: { title: string; description: string; slug: string; timezone: string; hostName: string }
  dedupeKey: string
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
  /**
   * The organisation's name, accent and logo as they are when the mail is written (one primary-key read, on the
   * caller's connection): the stored mail is what the Mailbox shows and what goes out.
   */
  async function brandingFor(db: Database) {
    const branding = mailBrandingOf(await organisationRepository.find(db), { organisationName, publicUrl })
    return { organisationName: branding.name, brand: { accentColour: branding.accentColour, logoUrl: branding.logoUrl } }
  }

  // Composed with the placeholder, not the token: see joinTokenPlaceholder. `withJoinToken` puts it in.
  async function compose(db: Database, { registration, webinar, hostName, kind, hasReplay }: OutboxEntry) {
    const links = linksWith(publicUrl, joinTokenPlaceholder, webinar)
    const end = endOf(webinar.startTime, webinar.durationMinutes)
    const calendarEvent = { title: webinar.title, start: webinar.startTime, end, details: eventDetails(webinar, links.join), location: links.join }
    const rendered = renderEmail(kind, {
      ...(await brandingFor(db)),
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

  async function rowOf(db: Database, entry: OutboxEntry) {
    const message = await compose(db, entry)
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
  async function speakerInvitationRow(db: Database, { speaker, webinar, hostName }: SpeakerInvitationEntry) {
    const studio = `${publicUrl}/stage/${joinTokenPlaceholder}`
    const publicPage = `${publicUrl}/w/${webinar.slug}`
    const end = endOf(webinar.startTime, webinar.durationMinutes)
    const calendarEvent = { title: webinar.title, start: webinar.startTime, end, details: eventDetails(webinar, studio), location: studio }
    const rendered = renderEmail('speaker_invitation', {
      ...(await brandingFor(db)),
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

  /**
   * One mail for several registrations of one person (a series): each occurrence's link is that registration's
   * own, as a placeholder filled in at delivery (see joinTokenPlaceholderOf). It belongs to the first registration.
   */
  async function seriesMailRow(db: Database, { kind, registrations: [first, ...rest], series, dedupeKey }: SeriesMailEntry) {
    if (!first) throw new Error('a series mail needs at least one registration')
    const placeholderOf = (registrationId: string) => (registrationId === first.registration.id ? joinTokenPlaceholder : joinTokenPlaceholderOf(registrationId))
    const links = linksWith(publicUrl, joinTokenPlaceholder, first.webinar)
    const rendered = renderEmail(kind, {
      ...(await brandingFor(db)),
      webinar: { title: series.title, description: series.description, startTime: first.webinar.startTime, endTime: endOf(first.webinar.startTime, first.webinar.durationMinutes), timezone: series.timezone, hostName: series.hostName },
      registrant: { name: first.registration.name, email: first.registration.email, timezone: first.registration.timezone },
      links: { ...links, publicPage: `${publicUrl}/s/${series.slug}`, googleCalendar: links.publicPage, outlookCalendar: links.publicPage, replay: null },
      occurrences: [first, ...rest].map(({ registration, webinar }) => ({ startTime: webinar.startTime, join: `${publicUrl}/join/${placeholderOf(registration.id)}` })),
    })
    return {
      registrationId: first.registration.id,
      webinarId: first.webinar.id,
      kind,
      dedupeKey,
      toEmail: first.registration.email,
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
    /** Within the transaction that registers (or cancels) the series' occurrences: one mail for all of them. */
    async enqueueSeriesMail(transaction: Transaction, entry: SeriesMailEntry): Promise<void> {
      const id = await emailMessageRepository.insertIfNew(transaction.db, await seriesMailRow(transaction.db, entry))
      if (id && isSmtpConfigured) await jobs.sendInTransaction(transaction, ...deliveryJob(id))
    },
    /** Within the transaction that invites the speaker; once per version of their studio link. */
    async enqueueSpeakerInvitation(transaction: Transaction, entry: SpeakerInvitationEntry): Promise<void> {
      const id = await emailMessageRepository.insertIfNew(transaction.db, await speakerInvitationRow(transaction.db, entry))
      if (id && isSmtpConfigured) await jobs.sendInTransaction(transaction, ...deliveryJob(id))
    },
    /** Within a transaction: the mail and its delivery job commit with the change that causes them. */
    async enqueue(transaction: Transaction, entry: OutboxEntry): Promise<void> {
      const id = await emailMessageRepository.insertIfNew(transaction.db, await rowOf(transaction.db, entry))
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
      const { id, status, isNew } = await emailMessageRepository.insertOrFind(db, await rowOf(db, entry))
      if (status === 'queued' && isSmtpConfigured) await jobs.send(...deliveryJob(id))
      return isNew
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
