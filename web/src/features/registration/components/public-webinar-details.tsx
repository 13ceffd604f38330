import type { PublicWebinar } from '@webinar/shared/registrations'
import { formatDuration } from '@webinar/shared/time-format'
import { Armchair, Clock3 } from 'lucide-react'
import { InfoRow } from '@/components/ui/info-row'
import { WebinarTimeRow } from '@/components/ui/webinar-time-row'
import { initialsOf } from '@/lib/initials'

function seatsLabel(seatsLeft: number): string {
  if (seatsLeft === 0) return 'No seats left'
  return seatsLeft === 1 ? '1 seat left' : `${seatsLeft.toLocaleString()} seats left`
}

/** What a visitor needs to decide: what, who, when on their own clock (and the webinar's), how long, how full. */
export function PublicWebinarDetails({ webinar }: { webinar: PublicWebinar }) {
  const isOver = webinar.status === 'ended' || webinar.status === 'cancelled'
  const isFull = webinar.seatsLeft === 0

  return (
    <div>
      {webinar.status === 'live' ? (
        <p className="mb-3 inline-flex items-center gap-2 rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">
          <span aria-hidden className="relative flex size-2">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-white/80" />
            <span className="relative inline-flex size-2 rounded-full bg-white" />
          </span>
          Live now
        </p>
      ) : null}
      <h1 className="text-3xl font-semibold tracking-tight text-balance break-words text-slate-900 sm:text-4xl">{webinar.title}</h1>
      <p className="mt-4 flex items-center gap-2.5 text-sm text-slate-600">
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-accent-100 text-[11px] font-semibold text-accent-700">
          {initialsOf(webinar.hostName)}
        </span>
        <span>
          Hosted by <span className="font-medium text-slate-900">{webinar.hostName}</span>
        </span>
      </p>

      <div className="mt-7 space-y-4">
        <WebinarTimeRow webinar={webinar} isMuted={isOver} />
        <InfoRow icon={Clock3} title={formatDuration(webinar.durationMinutes, { isHourSpelledOut: true })}>
          {webinar.registration.isOpen ? 'Online, in your browser: your personal join link comes by e-mail' : 'Online, in your browser'}
        </InfoRow>
        {webinar.seatsLeft !== null && !isOver ? (
          <InfoRow icon={Armchair} title={seatsLabel(webinar.seatsLeft)}>
            {isFull ? 'New registrations join the waitlist.' : 'Seats are limited: register to keep yours.'}
          </InfoRow>
        ) : null}
      </div>
    </div>
  )
}
