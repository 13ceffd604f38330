import type { PublicWebinar } from '@webinar/shared/registrations'
import type { PublicSeries } from '@webinar/shared/series'

export type PublicOccurrence = PublicSeries['occurrences'][number]

/**
 * One session of a series as a webinar's public page has it: what the registration form and its success screen are
 * made for (the series' form, its title and host, the session's times and seats). The public series does not say
 * how registrations are approved: the answer's status does, after registering.
 */
export function publicWebinarOf(series: PublicSeries, occurrence: PublicOccurrence, { willWaitlist = occurrence.willWaitlist } = {}): PublicWebinar {
  return {
    slug: occurrence.slug,
    title: occurrence.title,
    description: series.description,
    hostName: series.hostName,
    startTime: occurrence.startTime,
    endTime: occurrence.endTime,
    timezone: series.timezone,
    durationMinutes: series.durationMinutes,
    status: 'scheduled',
    approvalMode: 'auto',
    liveStartedAt: null,
    endedAt: null,
    registrationForm: series.registrationForm,
    seatsLeft: null,
    registration: { isOpen: occurrence.isOpen, closedReason: null, willWaitlist },
  }
}
