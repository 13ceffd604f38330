import type { JoinView } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import { endOf } from './schedule-rules.ts'
import type { WebinarRecord, WebinarRow } from './webinar-repository.ts'

const iso = (date: Date | null) => date?.toISOString() ?? null

export function toWebinarView({ webinar, host, formFields, series }: WebinarRecord): Webinar {
  return {
    id: webinar.id,
    slug: webinar.slug,
    title: webinar.title,
    description: webinar.description,
    startTime: webinar.startTime.toISOString(),
    endTime: endOf(webinar.startTime, webinar.durationMinutes).toISOString(),
    timezone: webinar.timezone,
    durationMinutes: webinar.durationMinutes,
    capacity: webinar.capacity,
    registrationDeadline: iso(webinar.registrationDeadline),
    approvalMode: webinar.approvalMode,
    status: webinar.status,
    settings: webinar.settings,
    host: { id: host.id, name: host.name, email: host.email },
    registrationForm: { fields: formFields },
    attendedThresholdSeconds: webinar.attendedThresholdSeconds,
    series,
    streamCallType: webinar.streamCallType,
    streamCallId: webinar.streamCallId,
    streamCallCid: `${webinar.streamCallType}:${webinar.streamCallId}`,
    provisioning: webinar.provisioning,
    provisioningError: webinar.provisioningError,
    hlsPlaylistUrl: webinar.hlsPlaylistUrl,
    isCaptioning: webinar.isCaptioning,
    liveStartedAt: iso(webinar.liveStartedAt),
    endedAt: iso(webinar.endedAt),
    cancelledAt: iso(webinar.cancelledAt),
    createdAt: webinar.createdAt.toISOString(),
    updatedAt: webinar.updatedAt.toISOString(),
  }
}

/** The webinar as registrants see it (public page and personal link). */
export function toAttendeeWebinarView(webinar: WebinarRow, hostName: string): JoinView['webinar'] {
  return {
    slug: webinar.slug,
    title: webinar.title,
    description: webinar.description,
    hostName,
    startTime: webinar.startTime.toISOString(),
    endTime: endOf(webinar.startTime, webinar.durationMinutes).toISOString(),
    timezone: webinar.timezone,
    durationMinutes: webinar.durationMinutes,
    status: webinar.status,
    approvalMode: webinar.approvalMode,
    liveStartedAt: iso(webinar.liveStartedAt),
    endedAt: iso(webinar.endedAt),
  }
}
