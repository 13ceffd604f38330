import type { Webinar } from '@webinar/shared/webinars'
import { CircleAlert, CircleCheck, CircleStop } from 'lucide-react'
import { Spinner } from '@/components/ui/spinner'
import { cn } from '@/lib/cn'

/**
 * Whether the webinar's Stream call exists yet. Calls are prepared right after scheduling; when Stream is
 * slow or down a background job keeps trying, and the pages ask again every few seconds meanwhile.
 */
export function ProvisioningState({
  webinar,
  isDetailed = false,
  className,
}: {
  webinar: Pick<Webinar, 'status' | 'provisioning' | 'provisioningError'>
  /** Spell out what happens next under the state (the webinar's page); lists keep it to one line. */
  isDetailed?: boolean
  className?: string
}) {
  const { status, provisioning, provisioningError } = webinar
  // Once a webinar is over, "ready" means its call was closed as it should be.
  const isOver = status === 'ended' || status === 'cancelled'
  if (provisioning === 'ready' && isOver) {
    return (
      <span className={cn('inline-flex items-center gap-1.5 text-sm text-slate-500', className)}>
        <CircleStop className="size-4 shrink-0" aria-hidden />
        Call ended
      </span>
    )
  }
  if (provisioning === 'ready') {
    return (
      <span className={cn('inline-flex items-center gap-1.5 text-sm text-emerald-700', className)}>
        <CircleCheck className="size-4 shrink-0" aria-hidden />
        Stream call ready
      </span>
    )
  }
  if (provisioning === 'pending') {
    return (
      <div className={cn('text-sm', className)}>
        <span role="status" className="inline-flex items-center gap-1.5 text-slate-600" title={provisioningError ?? undefined}>
          <Spinner className="size-3.5 text-accent-600" />
          {status === 'cancelled' ? 'Closing call…' : 'Preparing call…'}
        </span>
        {isDetailed ? (
          <p className="mt-1 text-slate-500">
            {provisioningError ? `Stream has not answered yet (${provisioningError}). ` : null}
            We keep trying in the background; this updates by itself.
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <div className={cn('text-sm', className)}>
      <span className="inline-flex items-center gap-1.5 font-medium text-red-700" title={provisioningError ?? undefined}>
        <CircleAlert className="size-4 shrink-0" aria-hidden />
        {status === 'cancelled' ? 'Closing the call failed' : 'Call setup failed'}
      </span>
      <p className={cn('mt-1 text-red-700/90', !isDetailed && 'line-clamp-2 text-xs')}>
        {provisioningError ?? 'Stream refused to prepare the call.'}
        {isDetailed ? ' Starting the webinar tries once more; if it keeps failing, check the Stream settings of this installation.' : null}
      </p>
    </div>
  )
}
