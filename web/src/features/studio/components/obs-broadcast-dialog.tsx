import { formatDateTime } from '@webinar/shared/time-format'
import { Eye, EyeOff } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import { CopyButton } from '@/components/ui/copy-button'
import { Dialog, DialogContent } from '@/components/ui/dialog'
import { Spinner } from '@/components/ui/spinner'
import { useHostStreamCredentials } from '@/features/video/api/get-host-stream-credentials'
import { errorMessageOf } from '@/lib/api-error'
import { useRtmpIngress } from '../api/get-rtmp-ingress'

function Setting({ label, hint, value, children }: { label: string; hint: string; value: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-medium text-slate-800">
        {label} <span className="font-normal text-slate-500">({hint})</span>
      </dt>
      <dd className="mt-1.5 flex items-start gap-1 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200 ring-inset">
        {children}
        <CopyButton value={value} label={`Copy the ${label.toLowerCase()}`} />
      </dd>
    </div>
  )
}

function StreamKey({ value }: { value: string }) {
  const [isShown, setIsShown] = useState(false)
  return (
    <>
      <code aria-label="Stream key" className="min-w-0 flex-1 py-1 font-mono text-[13px] break-all text-slate-800">
        {/* Masked by default: a studio is often screen-shared, and the key lets anyone broadcast as the host. */}
        {isShown ? value : '•'.repeat(24)}
      </code>
      <button
        type="button"
        onClick={() => setIsShown((shown) => !shown)}
        className="inline-flex h-7 shrink-0 items-center gap-1 rounded-md px-2 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        {isShown ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
        {isShown ? 'Hide' : 'Show'}
      </button>
    </>
  )
}

/**
 * For hosts who produce the show in OBS (scenes, overlays, a better camera) rather than in this browser: the
 * call's RTMP ingress address and a stream key, asked of the server when the panel opens. The key is a host token
 * for this call only, with an end date, because an encoder cannot renew it.
 */
export function ObsBroadcastDialog({ webinarId, open, onOpenChange }: { webinarId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {/* Mounted only while open: nothing is asked of the server before the host wants it. */}
      {open ? <ObsBroadcastPanel webinarId={webinarId} /> : null}
    </Dialog>
  )
}

function ObsBroadcastPanel({ webinarId }: { webinarId: string }) {
  const ingress = useRtmpIngress(webinarId)
  // The studio's own credentials (already loaded by its video) say whether this is local mode.
  const credentials = useHostStreamCredentials(webinarId)
  const isLocalMode = credentials.data?.isLocalMode === true

  return (
    <DialogContent
      title="Broadcast from OBS"
      description={
        <>
          Send the video from OBS Studio or another encoder instead of this browser. In OBS, open Settings → Stream, choose the service
          “Custom…”, and paste these two values. Until the webinar starts, only the backstage sees it.
        </>
      }
    >
      <div className="space-y-5">
        {isLocalMode ? (
          <Alert tone="warning" title="Local mode does not receive media">
            This address belongs to the built-in Stream emulator and leads nowhere. Set STREAM_API_KEY and STREAM_API_SECRET to broadcast
            through Stream.
          </Alert>
        ) : null}
        {ingress.isPending ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner className="size-4" /> Asking Stream for the address…
          </p>
        ) : ingress.isError ? (
          <Alert title="The address could not be fetched">{errorMessageOf(ingress.error)}</Alert>
        ) : (
          <>
            <dl className="space-y-4">
              <Setting label="Server" hint="RTMP address" value={ingress.data.address}>
                <code aria-label="Server" className="min-w-0 flex-1 py-1 font-mono text-[13px] break-all text-slate-800">
                  {ingress.data.address}
                </code>
              </Setting>
              <Setting label="Stream key" hint="secret" value={ingress.data.streamKey}>
                <StreamKey value={ingress.data.streamKey} />
              </Setting>
            </dl>
            <p className="text-sm leading-6 text-slate-600">
              Keep the stream key secret: anyone who has it can broadcast into this webinar as you. It stops working on{' '}
              <time dateTime={ingress.data.expiresAt} className="font-medium text-slate-900">
                {formatDateTime(ingress.data.expiresAt, undefined, { hasWeekday: true })}
              </time>
              ; open this panel again for a new one.
            </p>
          </>
        )}
      </div>
    </DialogContent>
  )
}
