import type { MailboxList, MailboxMessage, MailboxQuery, MailboxSummary } from '@webinar/shared/mailbox'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { emailMessageRepository, type EmailMessageSummaryRow } from './email-message-repository.ts'

export interface MailboxServiceDependencies {
  db: Database
}

const defaultPageSize = 50

function toSummary(row: EmailMessageSummaryRow): MailboxSummary {
  return { ...row, sentAt: row.sentAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() }
}

/** The outbox as the admins see it: every mail, sent or kept (no SMTP), with its delivery state. */
export function createMailboxService({ db }: MailboxServiceDependencies) {
  return {
    /** Newest first, filtered and paged. */
    async list({ webinarId, to, kind, limit = defaultPageSize, offset = 0 }: MailboxQuery): Promise<MailboxList> {
      const { items, total } = await emailMessageRepository.list(db, { webinarId, to, kind, limit, offset })
      return { items: items.map(toSummary), total, limit, offset }
    },

    /** One mail with its bodies. */
    async get(id: string): Promise<MailboxMessage> {
      const row = await emailMessageRepository.findWithBodies(db, id)
      if (!row) throw notFound('Mail')
      return { ...toSummary(row), html: row.html, text: row.text, ics: row.ics }
    },
  }
}

export type MailboxService = ReturnType<typeof createMailboxService>
