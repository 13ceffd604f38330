import { calendarDay, describeWebinarTime } from '@webinar/shared/time-format'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { DateTile } from './date-tile'
import { InfoRow } from './info-row'

/**
 * When a webinar is, as a registrant reads it: the day on their calendar, the hours on their clock and, when
 * those read differently there, on the webinar's.
 */
export function WebinarTimeRow({
  webinar,
  isMuted = false,
}: {
  webinar: { startTime: string; endTime: string; timezone: string }
  isMuted?: boolean
}) {
  const time = describeWebinarTime(webinar, viewerTimezone())
  const { month, day } = calendarDay(webinar.startTime, time.viewerZone)
  return (
    <InfoRow tile={<DateTile month={month} day={day} isMuted={isMuted} />} title={<time dateTime={webinar.startTime}>{time.date}</time>}>
      <p>
        <span className="font-medium text-slate-800">{time.time}</span> your time ({time.viewerZone})
      </p>
      {time.inWebinarZone ? (
        <p className="text-slate-500">
          {time.inWebinarZone.time} in {time.inWebinarZone.timezone}
        </p>
      ) : null}
    </InfoRow>
  )
}
