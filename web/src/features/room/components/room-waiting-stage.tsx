import { formatTimeIn } from '@webinar/shared/time-format'
import { Hourglass } from 'lucide-react'

/** The stage while the host is still backstage: the room is open, the broadcast not yet. */
export function RoomWaitingStage({ hostName, startTime }: { hostName: string; startTime: string }) {
  const startsAt = formatTimeIn(startTime, undefined)
  return (
    <div className="flex aspect-video w-full flex-col items-center justify-center gap-3 rounded-2xl bg-gradient-to-br from-slate-900 to-indigo-950 px-6 text-center">
      <div className="flex size-14 items-center justify-center rounded-2xl bg-white/10 text-white">
        <Hourglass className="size-7 animate-pulse" aria-hidden />
      </div>
      <h2 className="text-xl font-semibold text-white">The host will start soon</h2>
      <p className="max-w-md text-sm leading-6 text-slate-300">
        {hostName} starts the webinar at {startsAt}. The video appears here by itself; say hello in the chat meanwhile.
      </p>
    </div>
  )
}
