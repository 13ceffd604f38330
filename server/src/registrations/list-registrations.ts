import type { RegistrationList, RegistrationListQuery } from '@webinar/shared/registrations'
import type { Database } from '../db/client.ts'
import { registrationRepository } from './registration-repository.ts'
import { toRegistrationListItemView } from './registration-view.ts'

/** One page of a webinar's registrations with their attendance, filtered by status and searched by name or e-mail. */
export async function listRegistrations({ db }: { db: Database }, webinarId: string, query: RegistrationListQuery): Promise<RegistrationList> {
  const limit = query.limit ?? 50
  const offset = query.offset ?? 0
  const { items, total } = await registrationRepository.list(db, { webinarId, status: query.status, search: query.q?.trim() || undefined, limit, offset })
  return { items: items.map(toRegistrationListItemView), total, limit, offset }
}
