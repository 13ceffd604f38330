import type { Registration } from '@webinar/shared/registrations'
import { registrantStreamUserId } from '../video/video-service.ts'
import type { RegistrationRow } from './registration-repository.ts'

export function toRegistrationView(row: RegistrationRow): Registration {
  return {
    id: row.id,
    webinarId: row.webinarId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    answers: row.answers,
    status: row.status,
    timezone: row.timezone,
    source: row.source,
    streamUserId: registrantStreamUserId(row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}
