import type { JoinView } from '@webinar/shared/registrations'
import { formatDuration } from '@webinar/shared/time-format'
import { Clock3 } from 'lucide-react'
import { InfoRow } from '@/components/ui/info-row'
import { WebinarTimeRow } from '@/components/ui/webinar-time-row'

/** When, on the registrant's clock and the webinar's, how long, and who hosts. */
export function WebinarSchedule({ webinar }: { webinar: JoinView['webinar'] }) {
  return (
    <div className="space-y-4">
      <WebinarTimeRow webinar={webinar} />
      <InfoRow icon={Clock3} title={formatDuration(webinar.durationMinutes, { isHourSpelledOut: true })}>
        Hosted by <span className="font-medium text-slate-800">{webinar.hostName}</span>
      </InfoRow>
    </div>
  )
}
