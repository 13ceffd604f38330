import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { RegistrationStatus } from '@webinar/shared/registrations'
import type { Database } from '../db/client.ts'
import { registrations } from '../db/schema.ts'

export type RecipientRow = typeof registrations.$inferSelect

/**
 * Who a fan-out mail (we're live, cancelled, reminders, follow-ups) goes to. Reads registrations, as the
 * question is the mail's: the registrations domain writes mail through the outbox, so email never imports it.
 */
export const recipientRepository = {
  /** The webinar's registrations in `statuses`, registered no later than `registeredBefore` when given. */
  async listRegistrations(db: Database, webinarId: string, statuses: RegistrationStatus[], registeredBefore?: Date): Promise<RecipientRow[]> {
    return db
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.webinarId, webinarId),
          inArray(registrations.status, statuses),
          // An erased person gets no more mail: their address is gone.
          isNull(registrations.erasedAt),
          registeredBefore ? sql`${registrations.createdAt} <= ${registeredBefore.toISOString()}` : undefined,
        ),
      )
  },
}
