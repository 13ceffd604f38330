import { randomUUID } from 'node:crypto'
import escapeHtml from 'escape-html'
import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import type { RegistrationStatus } from '@webinar/shared/registrations'
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
import { emailMessageRepository, type FanOutRows, type FanOutTemplate } from './email-message-repository.ts'
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

/** One mail to each of many registrations of one webinar (we're live, reminders, cancellation, follow-ups). */
export interface FanOutEntry {
  webinar: WebinarRow
  hostName: string
  /** Who gets which mail, in the order they are written: what they are called, where they are, and the kind. */
  recipients: { id: string; name: string; timezone: string | null; kind: EmailKind }[]
  dedupeKey: string
  /** Recipients no longer in one of these when their mail is written (cancelled meanwhile) get none. */
  statuses: RegistrationStatus[]
  hasReplay?: boolean
}

/**
 * A fan-out writes its first mails in small steps, so that their delivery starts at once, then in larger ones:
 * each step is one statement (and one for its delivery jobs), however many mails it holds.
 */
const firstFanOutStep = 10
const largestFanOutStep = 500

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

/** Mail that carries the registration's calendar invite (.ics), made for that registration. */
const carriesInvite = (kind: EmailKind) => kind === 'confirmation' || kind === 'approved' || kind === 'promoted'

/** The templates that `rows` use, in a new list, and the rows pointing into it. */
function onlyUsedTemplates<Row extends { template: number }>(templates: FanOutTemplate[], rows: Row[]) {
  const used = new Map<number, number>()
  const kept: FanOutTemplate[] = []
  const recipients = rows.map((row) => {
    let index = used.get(row.template)
    if (index === undefined) {
      index = kept.push(templates[row.template]!) - 1
      used.set(row.template, index)
    }
    return { ...row, template: index }
  })
  return { templates: kept, recipients }
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

  type Branding = Awaited<ReturnType<typeof brandingFor>>

  // Composed with the placeholder, not the token: see joinTokenPlaceholder. `withJoinToken` puts it in.
  async function compose(db: Database, entry: OutboxEntry) {
    const rendered = renderFor(await brandingFor(db), entry, entry.registration)
    const { registration, webinar, hostName, kind } = entry
    const ics = carriesInvite(kind) ? registrantCalendarInvite(registration, webinar, hostName, linksWith(publicUrl, joinTokenPlaceholder, webinar).join) : null
    return { ...rendered, ics }
  }

  function renderFor(
    branding: Branding,
    { webinar, hostName, kind, hasReplay }: Omit<OutboxEntry, 'registration'>,
    registrant: Pick<RegistrationRow, 'name' | 'email' | 'timezone'>,
  ) {
    const links = linksWith(publicUrl, joinTokenPlaceholder, webinar)
    const end = endOf(webinar.startTime, webinar.durationMinutes)
    const calendarEvent = { title: webinar.title, start: webinar.startTime, end, details: eventDetails(webinar, links.join), location: links.join }
    return renderEmail(kind, {
      ...branding,
      webinar: { title: webinar.title, description: webinar.description, startTime: webinar.startTime, endTime: end, timezone: webinar.timezone, hostName },
      registrant: { name: registrant.name, email: registrant.email, timezone: registrant.timezone },
      links: {
        ...links,
        googleCalendar: googleCalendarUrl(calendarEvent),
        outlookCalendar: outlookCalendarUrl(calendarEvent),
        replay: hasReplay ? links.replay : null,
      },
    })
  }

  /**
   * The rows of a fan-out's steps. Its mails differ by kind, by the registrant's time zone (the start as they read
   * it) and by their name, nothing else: each kind and zone is rendered once, with a placeholder where the name
   * goes, and the database puts each name in (escaped for HTML as the renderer does), so that 10,000 mails are
   * not 10,000 renderings nor 10,000 bodies sent to the database. `fan-out.test.ts` holds it to the mail rendered
   * for each registrant.
   */
  function fanOutRenderer(branding: Branding, entry: FanOutEntry) {
    // Its own per fan-out: no title or description a host types can contain it.
    const namePlaceholder = `__registrant_name_${randomUUID().replaceAll('-', '')}__`
    const templates: FanOutTemplate[] = []
    const templateOf = new Map<string, number>()
    const sameBodies = new Map<string, number>()

    function templateFor(kind: EmailKind, timezone: string | null): number {
      const key = `${kind}\u0000${timezone ?? ''}`
      const known = templateOf.get(key)
      if (known !== undefined) return known
      const { subject, html, text } = renderFor(branding, { ...entry, kind }, { name: namePlaceholder, email: '', timezone })
      if (carriesInvite(kind) || subject.includes(namePlaceholder)) throw new Error(`a ${kind} mail is made for one registration: it cannot be fanned out`)
      // Zones that read the start alike (every zone, for a mail that does not give it) share one body.
      const bodies = `${subject}\u0000${html}\u0000${text}`
      let template = sameBodies.get(bodies)
      if (template === undefined) {
        template = templates.push({ subject, html, text }) - 1
        sameBodies.set(bodies, template)
      }
      templateOf.set(key, template)
      return template
    }

    return (recipients: FanOutEntry['recipients'], createdAt: Date): FanOutRows => {
      const rows = recipients.map((recipient) => ({
        registrationId: recipient.id,
        kind: recipient.kind,
        template: templateFor(recipient.kind, recipient.timezone),
        htmlName: escapeHtml(recipient.name),
        textName: recipient.name,
      }))
      return {
        webinarId: entry.webinar.id,
        dedupeKey: entry.dedupeKey,
        status: isSmtpConfigured ? 'queued' : 'kept',
        createdAt,
        statuses: entry.statuses,
        namePlaceholder,
        // Only the templates this step uses go with it.
        ...onlyUsedTemplates(templates, rows),
      }
    }
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
  // can be (re)sent whenever there is doubt, and a mail never has two deliveries racing each other (sendMany too).
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
    /**
     * Outside a transaction, like enqueueNow, for many registrations at once: a step's mails in one statement, then
     * their delivery jobs in one more. The mails are the commit point; a process that dies before their jobs leaves
     * them `queued` without one, and the fan-out run again (its job is retried) gives a job to every mail of its
     * recipients still `queued`, which is a no-op for those that have one. So a crash anywhere loses no mail and
     * doubles none, and a re-run writes only what is missing. The number of mails written.
     */
    async enqueueFanOut(db: Database, entry: FanOutEntry): Promise<number> {
      if (entry.recipients.length === 0) return 0
      const rowsOf = fanOutRenderer(await brandingFor(db), entry)
      let written = 0
      let step = firstFanOutStep
      for (let start = 0; start < entry.recipients.length; start += step, step = Math.min(step * 2, largestFanOutStep)) {
        const recipients = entry.recipients.slice(start, start + step)
        const inserted = await emailMessageRepository.insertFanOut(db, rowsOf(recipients, clock.now()))
        written += inserted.length
        if (!isSmtpConfigured) continue
        // All new: they are the queued ones. Otherwise some were there already (a re-run), maybe without their job.
        const queued =
          inserted.length === recipients.length
            ? inserted
            : await emailMessageRepository.listQueuedFor(db, recipients.map((recipient) => recipient.id), entry.dedupeKey)
        await jobs.sendMany(queueNames.sendEmail, queued.map((id) => ({ id, data: { emailId: id } })))
      }
      return written
    },
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
    /**
     * The mail of `entry` composed now, before the transaction that writes it (`enqueueComposed`) begins: rendering
     * it and reading the branding then cost that transaction nothing while it holds its locks (registrations).
     */
    async composeForLater(db: Database, entry: OutboxEntry): Promise<Awaited<ReturnType<typeof rowOf>>> {
      return rowOf(db, entry)
    },
    /** Within a transaction, like enqueue: a mail composed before it began (composeForLater), and its delivery job. */
    async enqueueComposed(transaction: Transaction, mail: Awaited<ReturnType<typeof rowOf>>): Promise<void> {
      const id = await emailMessageRepository.insertIfNew(transaction.db, mail)
      if (id && isSmtpConfigured) await jobs.sendInTransaction(transaction, ...deliveryJob(id))
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
