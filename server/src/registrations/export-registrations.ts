import type { Webinar } from '@webinar/shared/webinars'
import type { Database } from '../db/client.ts'
import { toCsv } from './csv.ts'
import { registrationRepository } from './registration-repository.ts'

/** Every registration of the webinar as CSV, one column per question of its form. */
export async function exportRegistrationsCsv({ db }: { db: Database }, webinar: Webinar): Promise<string> {
  const rows = await registrationRepository.listAll(db, webinar.id)
  const questionKeys = webinar.registrationForm.fields.map((field) => field.key).filter((key) => key !== 'name' && key !== 'email')
  return toCsv([
    ['name', 'email', 'status', 'registered_at', 'timezone', 'source', ...questionKeys],
    ...rows.map((row) => [
      row.name,
      row.email,
      row.status,
      row.createdAt.toISOString(),
      row.timezone ?? '',
      row.source,
      ...questionKeys.map((key) => String(row.answers[key] ?? '')),
    ]),
  ])
}
