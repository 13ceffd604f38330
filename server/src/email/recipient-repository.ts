import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { RegistrationStatus } from '@webinar/shared/registrations'
import type { Database } from '../db/client.ts'
import { registrations } from '../db/schema.ts'

export type FanOutRecipientRow = Pick<typeof registrations.$inferSelect, 'id' | 'name' | 'timezone'>

const recipientsOf = (webinarId: string, statuses: RegistrationStatus[], registeredBefore?: Date) =>
  and(
    eq(registrations.webinarId, webinarId),
    inArray(registrations.status, statuses),
    // An erased person gets no more mail: their address is gone.
    isNull(registrations.erasedAt),
    registeredBefore ? sql`${registrations.createdAt} <= ${registeredBefore.toISOString()}` : undefined,
  )

/**
 * Who a fan-out mail (we're live, cancelled, reminders, follow-ups) goes to. Reads registrations, as the
 * question is the mail's: the registrations domain writes mail through the outbox, so email never imports it.
 */
export const recipientRepository = {
  /**
   * The webinar's registrations in `statuses`, registered no later than `registeredBefore` when given, with what a
   * fan-out's mail is made of (what they are called and where they are).
   */
  async listFanOutRecipients(db: Database, webinarId: string, statuses: RegistrationStatus[], registeredBefore?: Date): Promise<FanOutRecipientRow[]> {
    return db
      .select({ id: registrations.id, name: registrations.name, timezone: registrations.timezone })
      .from(registrations)
      .where(recipientsOf(webinarId, statuses, registeredBefore))
  },
}
