import { formatElapsed } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { ArrowLeft, Cast, Play, Square, Users } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { Button } from '@/components/ui/button'
import { EndWebinarDialog } from '@/features/webinars/components/end-webinar-dialog'
import { StartWebinarDialog } from '@/features/webinars/components/start-webinar-dialog'
import { useNow } from '@/hooks/use-now'
import { LiveBadge } from '@/components/ui/live-badge'
import { CaptionsToggle } from './captions-toggle'
import { ObsBroadcastDialog } from './obs-broadcast-dialog'
import { SimulateAttendeesButton } from './simulate-attendees-dialog'

function ElapsedTime({ since }: { since: string }) {
  const now = useNow()
  return (
    <time dateTime={since} className="font-mono text-sm text-slate-700 tabular-nums" aria-label="Time on air">
      {formatElapsed(now - Date.parse(since))}
    </time>
  )
}

function StudioStatus({ webinar }: { webinar: Webinar }) {
  if (webinar.status === 'live') {
    return (
      <span className="inline-flex items-center gap-2">
        <LiveBadge />
        {webinar.liveStartedAt ? <ElapsedTime since={webinar.liveStartedAt} /> : null}
      </span>
    )
  }
  if (webinar.status === 'ended') return <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-700">Ended</span>
  if (webinar.status === 'cancelled') return <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-medium text-amber-800">Cancelled</span>
  return <span className="rounded-full bg-slate-900 px-2.5 py-0.5 text-xs font-medium text-white">Backstage</span>
}

const compactOnPhones = 'max-sm:h-9 max-sm:gap-1.5 max-sm:px-3'

/**
 * The studio's bar: what is on air, for how long, to how many, the host's tools (captions, an encoder, simulated
 * attendees in local mode), and the two buttons that change what is on air. Both ask first: starting e-mails every
 * approved registrant, ending stops it for everyone.
 */
export function StudioTopBar({ webinar, viewerCount }: { webinar: Webinar; viewerCount: number | null }) {
  const [isStartOpen, setIsStartOpen] = useState(false)
  const [isEndOpen, setIsEndOpen] = useState(false)
  const [isObsOpen, setIsObsOpen] = useState(false)
  const isUpcoming = webinar.status === 'scheduled' || webinar.status === 'draft'

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3 sm:px-6">
        <Link
          to={`/admin/webinars/${webinar.id}`}
          className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          aria-label="Back to the webinar’s page"
          title="Back to the webinar’s page"
        >
          <ArrowLeft className="size-5" aria-hidden />
        </Link>
        <div className="min-w-0 flex-1">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Studio</p>
          <h1 className="truncate text-lg font-semibold text-slate-900">{webinar.title}</h1>
        </div>
        {/* On phones: what is on air on one row, the buttons (compact) on the next. */}
        <div className="flex w-full flex-wrap items-center gap-x-3 gap-y-2 sm:w-auto">
          <div className="flex w-full items-center gap-3 sm:w-auto">
            <StudioStatus webinar={webinar} />
            <span
              className="inline-flex items-center gap-1.5 text-sm text-slate-600"
              title={viewerCount === null ? 'Stream counts viewers; not available in local mode' : undefined}
            >
              <Users className="size-4" aria-hidden />
              {viewerCount === null ? 'Viewers: —' : `${viewerCount} ${viewerCount === 1 ? 'viewer' : 'viewers'}`}
            </span>
          </div>
          {isUpcoming || webinar.status === 'live' ? (
            <>
              <CaptionsToggle webinar={webinar} className={compactOnPhones} />
              <Button variant="secondary" className={compactOnPhones} aria-label="Broadcast from OBS…" onClick={() => setIsObsOpen(true)}>
                <Cast className="size-4" aria-hidden />
                <span className="sm:hidden">OBS…</span>
                <span className="max-sm:hidden">Broadcast from OBS…</span>
              </Button>
              {/* Local mode only, while live: an audience to see the count and the report move. */}
              <SimulateAttendeesButton webinar={webinar} className={compactOnPhones} />
            </>
          ) : null}
          {isUpcoming ? (
            <Button className={compactOnPhones} onClick={() => setIsStartOpen(true)}>
              <Play className="size-4" aria-hidden />
              Start webinar
            </Button>
          ) : null}
          {webinar.status === 'live' ? (
            <Button variant="danger" className={compactOnPhones} onClick={() => setIsEndOpen(true)}>
              <Square className="size-4 fill-current" aria-hidden />
              End webinar
            </Button>
          ) : null}
        </div>
      </div>
      <StartWebinarDialog webinar={webinar} open={isStartOpen} onOpenChange={setIsStartOpen} />
      <EndWebinarDialog webinar={webinar} open={isEndOpen} onOpenChange={setIsEndOpen} />
      <ObsBroadcastDialog webinarId={webinar.id} open={isObsOpen} onOpenChange={setIsObsOpen} />
    </header>
  )
}
