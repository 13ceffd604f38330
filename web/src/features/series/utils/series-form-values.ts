import type { CreateSeriesBody, SeriesRecurrence, Weekday } from '@webinar/shared/series'
import type { Webinar } from '@webinar/shared/webinars'
import { viewerTimezone } from '@/lib/viewer-timezone'

/** What the series form holds: numbers stay text while typed, dates and the time as their inputs hold them. */
export interface SeriesFormValues {
  title: string
  description: string
  timezone: string
  /** YYYY-MM-DD, the first session's day on the series' clocks. */
  firstDate: string
  /** HH:MM on the series' clocks, every session. */
  localTime: string
  durationMinutes: string
  frequency: SeriesRecurrence['frequency']
  interval: string
  /** Weekly only; the first date's weekday until the organiser picks others. */
  weekdays: Weekday[]
  /** How it ends: after a number of sessions, or on a last date. */
  end: 'count' | 'until'
  count: string
  until: string
  capacity: string
  approvalMode: Webinar['approvalMode']
}

export const newSeriesFormValues = (): SeriesFormValues => ({
  title: '',
  description: '',
  timezone: viewerTimezone(),
  firstDate: '',
  localTime: '10:00',
  durationMinutes: '60',
  frequency: 'weekly',
  interval: '1',
  weekdays: [],
  end: 'count',
  count: '6',
  until: '',
  capacity: '',
  approvalMode: 'auto',
})

/** What a number input holds, as a number: NaN when it is empty, for the schema to refuse. */
const numberIn = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** The recurrence as the API takes it: weekdays for weekly series only, and exactly one end. */
export function recurrenceOf(values: SeriesFormValues): SeriesRecurrence {
  return {
    frequency: values.frequency,
    interval: numberIn(values.interval),
    ...(values.frequency === 'weekly' ? { weekdays: values.weekdays } : {}),
    ...(values.end === 'count' ? { count: numberIn(values.count) } : { until: values.until }),
  }
}

/** The form's values in the API's terms (CreateSeriesBody). */
export function seriesBodyOf(values: SeriesFormValues): CreateSeriesBody {
  const capacity = values.capacity.trim()
  return {
    title: values.title.trim(),
    description: values.description,
    timezone: values.timezone,
    firstDate: values.firstDate,
    localTime: values.localTime.slice(0, 5),
    durationMinutes: numberIn(values.durationMinutes),
    recurrence: recurrenceOf(values),
    ...(capacity === '' ? {} : { capacity: numberIn(capacity) }),
    approvalMode: values.approvalMode,
  }
}

/** The input that stands for a field of the body, where the server names it otherwise. */
export function seriesInputOf(bodyField: string): string {
  if (bodyField.startsWith('recurrence.weekdays')) return 'weekdays'
  const recurrenceField = /^recurrence\.(frequency|interval|count|until)$/.exec(bodyField)
  if (recurrenceField) return recurrenceField[1]!
  // The rule as a whole (no end, no session, too many): said under the repetition.
  if (bodyField === 'recurrence') return 'root.recurrence'
  return bodyField
}
