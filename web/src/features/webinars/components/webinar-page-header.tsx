import { formatDateTime, formatTimeIn } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { Ban, Clapperboard, CopyPlus, Ellipsis, Pencil, Play, Square } from 'lucide-react'
import { useRef, useState } from 'react'
import { Link } from 'react-router'
import { Button, buttonClasses } from '@/components/ui/button'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { SeriesLink } from '@/features/series/components/series-link'
import { cn } from '@/lib/cn'
import { CancelWebinarDialog } from './cancel-webinar-dialog'
import { DuplicateWebinarDialog } from './duplicate-webinar-dialog'
import { EndWebinarDialog } from './end-webinar-dialog'
import { StartWebinarDialog } from './start-webinar-dialog'
import { WebinarStatusBadge } from './webinar-status-badge'

/** One line under the title saying where the webinar is in its life, in the viewer's own time. */
function StatusLine({ webinar }: { webinar: Webinar }) {
  if (webinar.status === 'live' && webinar.liveStartedAt) {
    return (
      <span className="font-medium text-red-700">
        Live since <time dateTime={webinar.liveStartedAt}>{formatTimeIn(webinar.liveStartedAt, undefined)}</time>
      </span>
    )
  }
  if (webinar.status === 'ended' && webinar.endedAt) {
    // When it really ran, beside the plan: a late start or an overrun shows at a glance.
    return (
      <span>
        {webinar.liveStartedAt ? (
          <>
            Ran <time dateTime={webinar.liveStartedAt}>{formatDateTime(webinar.liveStartedAt, undefined, { hasWeekday: true })}</time> –{' '}
          </>
        ) : (
          'Ended '
        )}
        <time dateTime={webinar.endedAt}>{formatTimeIn(webinar.endedAt, undefined)}</time> (scheduled {formatTimeIn(webinar.startTime, undefined)} –{' '}
        {formatTimeIn(webinar.endTime, undefined)})
      </span>
    )
  }
  if (webinar.status === 'cancelled' && webinar.cancelledAt) {
    return (
      <span>
        Cancelled <time dateTime={webinar.cancelledAt}>{formatDateTime(webinar.cancelledAt, undefined, { hasWeekday: true })}</time>
      </span>
    )
  }
  return (
    <time dateTime={webinar.startTime}>
      {formatDateTime(webinar.startTime, webinar.timezone, { hasWeekday: true })}
    </time>
  )
}

/**
 * The webinar's title, state and the actions its state allows: start and cancel while scheduled, end while
 * live. Each of them asks first; starting waits for Stream inside its dialog, which shows a refusal there.
 * `canManage` (its host, owners and admins) adds editing, cancelling and duplicating; a co-host runs the room
 * (the studio, start, end) and changes nothing else, as the server allows.
 */
export function WebinarPageHeader({ webinar, canManage }: { webinar: Webinar; canManage: boolean }) {
  const [isStartOpen, setIsStartOpen] = useState(false)
  const [isEndOpen, setIsEndOpen] = useState(false)
  const [isCancelOpen, setIsCancelOpen] = useState(false)
  const [isDuplicateOpen, setIsDuplicateOpen] = useState(false)
  const moreButton = useRef<HTMLButtonElement>(null)
  // A dialog opened from a menu has no trigger of its own to give the focus back to: the menu's button takes it,
  // once the dialog (and its focus trap) has gone.
  const changeDuplicateOpen = (open: boolean) => {
    setIsDuplicateOpen(open)
    if (!open) setTimeout(() => moreButton.current?.focus())
  }
  const isUpcoming = webinar.status === 'scheduled' || webinar.status === 'draft'
  const isLive = webinar.status === 'live'
  // On phones the buttons share rows of two (Start or End spans the top one): one left alone on its row spans it.
  const isStudioAlone = !canManage

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-5 lg:flex-row lg:items-end lg:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900 sm:text-3xl">{webinar.title}</h1>
          <p className="mt-2.5 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm text-slate-600">
            <WebinarStatusBadge status={webinar.status} className="text-sm" />
            <StatusLine webinar={webinar} />
          </p>
          <div className="mt-1.5">
            <SeriesLink webinar={webinar} />
          </div>
        </div>
        {/* On phones the main action spans the width on top, the others share rows under it. */}
        <div className="grid grid-cols-2 gap-3 sm:flex sm:flex-wrap lg:shrink-0 lg:justify-end">
          {isUpcoming || isLive ? (
            <Link to={`/studio/${webinar.id}`} className={cn(buttonClasses({ variant: 'secondary' }), isStudioAlone && 'col-span-2')}>
              <Clapperboard className="size-4" aria-hidden />
              Open studio
            </Link>
          ) : null}
          {isUpcoming && canManage ? (
            <>
              <Link to={`/admin/webinars/${webinar.id}/edit`} className={buttonClasses({ variant: 'secondary' })}>
                <Pencil className="size-4" aria-hidden />
                Edit
              </Link>
              <Button variant="danger-quiet" onClick={() => setIsCancelOpen(true)}>
                <Ban className="size-4" aria-hidden />
                Cancel webinar
              </Button>
            </>
          ) : null}
          {isUpcoming ? (
            <Button className="order-first col-span-2 sm:order-none" onClick={() => setIsStartOpen(true)}>
              <Play className="size-4" aria-hidden />
              Start webinar
            </Button>
          ) : null}
          {isLive ? (
            <Button variant="danger" className="order-first col-span-2 sm:order-none" onClick={() => setIsEndOpen(true)}>
              <Square className="size-4 fill-current" aria-hidden />
              End webinar
            </Button>
          ) : null}
          {canManage ? (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button ref={moreButton} variant="secondary" aria-label="More actions" className={cn(!isUpcoming && !isLive && 'col-span-2')}>
                  <Ellipsis className="size-4" aria-hidden />
                  More
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent>
                <DropdownMenuItem onSelect={() => setIsDuplicateOpen(true)}>
                  <CopyPlus className="size-4 text-slate-500" aria-hidden />
                  Duplicate…
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          ) : null}
        </div>
      </div>
      <StartWebinarDialog webinar={webinar} open={isStartOpen} onOpenChange={setIsStartOpen} />
      <EndWebinarDialog webinar={webinar} open={isEndOpen} onOpenChange={setIsEndOpen} />
      {canManage ? (
        <>
          <CancelWebinarDialog webinar={webinar} open={isCancelOpen} onOpenChange={setIsCancelOpen} />
          <DuplicateWebinarDialog webinar={webinar} open={isDuplicateOpen} onOpenChange={changeDuplicateOpen} />
        </>
      ) : null}
    </div>
  )
}
