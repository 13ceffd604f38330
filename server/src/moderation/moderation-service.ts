import type { ModerationActionList } from '@webinar/shared/moderation'
import type { Database } from '../db/client.ts'
import type { Staff } from '../users/staff.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import type { ModerationLog } from './moderation-log.ts'

/** The audit list, for those who run the webinar's room (its host, co-hosts and admins). */
export function createModerationService({ db, log, webinars }: { db: Database; log: Pick<ModerationLog, 'list'>; webinars: Pick<WebinarService, 'authorize'> }) {
  return {
    async list(staff: Staff, webinarId: string): Promise<ModerationActionList> {
      await webinars.authorize(staff, webinarId, 'run')
      return { items: await log.list(db, webinarId) }
    },
  }
}

export type ModerationService = ReturnType<typeof createModerationService>
