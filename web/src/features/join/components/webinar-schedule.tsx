import type { JoinView } from '@webinar/shared/registrations'
import { Clock3 } from 'lucide-react'
import { DateTile } from '@/components/ui/date-tile'
import { InfoRow } from '@/components/ui/info-row'
import { calendarDay, describeWebinarTime, formatDuration } from '@/lib/webinar-time'

/** When, on the registrant's clock and the webinar's, how long, and who hosts. */
export function WebinarSchedule({ webinar }: { webinar: JoinView['webinar'] }) {
  const time = describeWebinarTime(webinar)
  const { month, day } = calendarDay(webinar.startTime, time.visitorZone)
  return (
    <div className="space-y-4">
      <InfoRow tile={<DateTile month={month} day={day} />} title={<time dateTime={webinar.startTime}>{time.date}</time>}>
        <p>
          <span className="font-medium text-slate-800">{time.time}</span> your time ({time.visitorZone})
        </p>
        {time.inWebinarZone ? (
          <p className="text-slate-500">
            {time.inWebinarZone.time} in {time.inWebinarZone.timezone}
          </p>
        ) : null}
      </InfoRow>
      <InfoRow icon={Clock3} title={formatDuration(webinar.durationMinutes)}>
        Hosted by <span className="font-medium text-slate-800">{webinar.hostName}</span>
      </InfoRow>
    </div>
  )
}
