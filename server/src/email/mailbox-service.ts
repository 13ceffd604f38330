import type { MailboxList, MailboxMessage, MailboxQuery, MailboxSummary } from '@webinar/shared/mailbox'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import type { JoinTokens, LinkTokens } from '../join/join-token.ts'
import { emailMessageRepository, type EmailMessageSummaryRow } from './email-message-repository.ts'
import { withJoinToken, withSeriesJoinTokens } from './personal-link.ts'

export interface MailboxServiceDependencies {
  db: Database
  joinTokens: JoinTokens
  /** Guest speakers' studio links, for their invitations. */
  studioTokens: LinkTokens
}

const defaultPageSize = 50

/** A mail as lists show it (no bodies); also the webinar page's mail list. */
export function toMailboxSummary(row: EmailMessageSummaryRow): MailboxSummary {
  return { ...row, sentAt: row.sentAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }
}

/** The outbox as the admins see it: every mail, sent or kept (no SMTP), with its delivery state. */
export function createMailboxService({ db, joinTokens, studioTokens }: MailboxServiceDependencies) {
  return {
    /** Newest first, filtered and paged. */
    async list({ webinarId, to, kind, limit = defaultPageSize, offset = 0 }: MailboxQuery): Promise<MailboxList> {
      const { items, total } = await emailMessageRepository.list(db, { webinarId, to, kind, limit, offset })
      return { items: items.map(toMailboxSummary), total, limit, offset }
    },

    /**
     * One mail with its bodies. A kept mail (no SMTP) is delivered here, so it shows its registrant's working
     * link, as the inbox would; any other mail shows the placeholder, and no admin reads another person's link.
     */
    async get(id: string): Promise<MailboxMessage> {
      const row = await emailMessageRepository.findWithBodies(db, id)
      if (!row) throw notFound('Mail')
      const { joinTokenVersion, speakerId, studioTokenVersion, ...mail } = row
      const bodies = { html: mail.html, text: mail.text, ics: mail.ics }
      const token =
        mail.status !== 'kept'
          ? null
          : mail.registrationId !== null && joinTokenVersion !== null
            ? joinTokens.tokenFor(mail.registrationId, joinTokenVersion)
            : speakerId !== null && studioTokenVersion !== null
              ? studioTokens.tokenFor(speakerId, studioTokenVersion)
              : null
      const shown = token === null ? bodies : await withSeriesJoinTokens(db, joinTokens, withJoinToken(bodies, token), mail.to)
      return { ...toMailboxSummary(mail), ...shown }
    },
  }
}

export type MailboxService = ReturnType<typeof createMailboxService>
