import type { Registration, RegistrationAttendance, RegistrationListItem } from '@webinar/shared/registrations'
import { registrantStreamUserId } from '../video/video-service.ts'
import type { AttendanceColumns, RegistrationRow, RegistrationWithAttendanceRow } from './registration-repository.ts'

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

/** Stored attendance totals as the API says them: someone never present watched nothing. */
export function toAttendanceView(attendance: AttendanceColumns | null): RegistrationAttendance {
  return {
    firstJoinedAt: attendance?.firstJoinedAt?.toISOString() ?? null,
    lastLeftAt: attendance?.lastLeftAt?.toISOString() ?? null,
    watchSeconds: attendance?.watchSeconds ?? 0,
    attended: attendance?.attended ?? false,
  }
}

export function toRegistrationListItemView(row: RegistrationWithAttendanceRow): RegistrationListItem {
  return { ...toRegistrationView(row), ...toAttendanceView(row.attendance) }
}
