import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { registrations, users, webinars } from '../db/schema.ts'
import type { RegistrationRow } from '../registrations/registration-repository.ts'
import type { HostRow, WebinarRow } from '../webinars/webinar-repository.ts'

/**
 * Registrations by the hashes of their current links, each with its webinar and host, in one round trip, as a
 * named prepared statement: every request on a personal link starts here (a join storm is thousands a second), so
 * the query is built once per database handle and PostgreSQL parses it once per connection. Left joins, so that a
 * link whose webinar was deleted still says so. (Reading each webinar once per batch instead, in a second
 * statement, made narrower rows but cost more than it saved: measured in the join storm.)
 */
function prepareTargetLookup(db: Database) {
  return db
    .select({ registration: registrations, webinar: webinars, host: { id: users.id, name: users.name, email: users.email } })
    .from(registrations)
    .leftJoin(webinars, and(eq(webinars.id, registrations.webinarId), isNull(webinars.deletedAt)))
    .leftJoin(users, eq(users.id, webinars.hostId))
    .where(sql`${registrations.joinTokenHash} = any(${sql.placeholder('joinTokenHashes')}::text[])`)
    .prepare('join_link_targets')
}

export interface JoinLinkTargetRow {
  registration: RegistrationRow
  webinar: WebinarRow | null
  host: HostRow | null
}

const targetLookups = new WeakMap<Database, ReturnType<typeof prepareTargetLookup>>()

/** What personal links lead to. */
export const joinLinkRepository = {
  /**
   * The registrations whose current links have these hashes (those that have one), each with its webinar (null
   * once deleted) and the webinar's host.
   */
  async findTargets(db: Database, joinTokenHashes: string[]): Promise<JoinLinkTargetRow[]> {
    let lookup = targetLookups.get(db)
    if (!lookup) targetLookups.set(db, (lookup = prepareTargetLookup(db)))
    return lookup.execute({ joinTokenHashes })
  },
}
