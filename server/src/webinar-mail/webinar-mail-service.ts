import type { MailboxList, WebinarMailQuery } from '@webinar/shared/mailbox'
import type { Database } from '../db/client.ts'
import { emailMessageRepository } from '../email/email-message-repository.ts'
import { toMailboxSummary } from '../email/mailbox-service.ts'
import type { Staff } from '../users/staff.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'

export interface WebinarMailServiceDependencies {
  db: Database
  webinars: Pick<WebinarService, 'authorize'>
}

const defaultPageSize = 25

/**
 * The mail sent for one webinar, for whoever runs it (its host, co-hosts, admins): who got what and whether it
 * went out. Summaries only: bodies stay in the Mailbox (owners and admins), so a co-host never reads a personal link.
 */
export function createWebinarMailService({ db, webinars }: WebinarMailServiceDependencies) {
  return {
    /** Newest first, paged, optionally one delivery state. */
    async list(staff: Staff, webinarId: string, { status, limit = defaultPageSize, offset = 0 }: WebinarMailQuery): Promise<MailboxList> {
      await webinars.authorize(staff, webinarId, 'run')
      const { items, total } = await emailMessageRepository.list(db, { webinarId, status, limit, offset })
      return { items: items.map(toMailboxSummary), total, limit, offset }
    },
  }
}

export type WebinarMailService = ReturnType<typeof createWebinarMailService>
