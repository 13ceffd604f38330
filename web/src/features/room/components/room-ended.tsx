import { replayLinkLabel } from '@webinar/shared/recordings'
import type { JoinView } from '@webinar/shared/registrations'
import { CircleStop } from 'lucide-react'
import { Card } from '@/components/ui/card'
import { ReplayPlayer } from '@/features/join/components/replay-player'
import { WebinarRunTimes } from '@/features/join/components/webinar-run-times'

/**
 * The room after the end: thanks, when it ran, and the replay, which plays here once Stream has prepared it
 * (the page asks again by itself meanwhile).
 */
export function RoomEnded({ token, view }: { token: string; view: JoinView }) {
  return (
    <div className="flex min-h-dvh items-start justify-center bg-slate-100 px-4 py-10 sm:py-16">
      <title>{`${view.webinar.title} · Ended`}</title>
      <Card className="w-full max-w-3xl px-5 py-7 sm:px-8 sm:py-9">
        <div className="flex items-start gap-4">
          <div className="flex size-12 shrink-0 items-center justify-center rounded-2xl bg-accent-50 text-accent-600">
            <CircleStop className="size-6" aria-hidden />
          </div>
          <div className="min-w-0">
            <h1 className="text-xl font-semibold tracking-tight text-slate-900">This webinar has ended</h1>
            <p className="mt-1 text-sm leading-6 text-slate-600">
              Thank you for joining <strong className="font-medium break-words text-slate-900">{view.webinar.title}</strong>.
            </p>
            <WebinarRunTimes webinar={view.webinar} className="mt-1 text-sm leading-6 text-slate-600" />
          </div>
        </div>
        <section aria-labelledby="room-replay-heading" className="mt-7 border-t border-slate-100 pt-6">
          <h2 id="room-replay-heading" className="mb-3 text-base font-semibold text-slate-900">
            {replayLinkLabel}
          </h2>
          <ReplayPlayer token={token} title={view.webinar.title} />
        </section>
      </Card>
    </div>
  )
}
