import type { Webinar } from '@webinar/shared/webinars'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf, isApiError } from '@/lib/api-error'
import { useStartWebinar } from '../api/start-webinar'

/** The server's words (they name Stream when it failed), plus what to do: a Stream failure (502) changed nothing and may pass. */
function startErrorMessage(error: unknown): string {
  const message = errorMessageOf(error)
  if (!isApiError(error, 502)) return message
  return /try again/i.test(message) ? `${message} Nothing has changed for attendees.` : `${message} Nothing has changed for attendees: try again in a moment.`
}

// "a", "a and b", "a, b and c", as the rest of the copy writes lists.
const listFormat = new Intl.ListFormat('en-GB', { type: 'conjunction' })

/**
 * Asks before going live, because going live cannot be taken back and e-mails every approved registrant at
 * once. Used by the webinar's page and by the studio, so both say the same thing.
 */
export function StartWebinarDialog({ webinar, open, onOpenChange }: { webinar: Webinar; open: boolean; onOpenChange: (open: boolean) => void }) {
  const startWebinar = useStartWebinar()
  const close = () => {
    startWebinar.reset()
    onOpenChange(false)
  }
  const alsoStarted = [
    webinar.settings.record ? 'the recording' : null,
    webinar.settings.viewerMode === 'hls' ? 'the HLS broadcast' : null,
    webinar.settings.captions ? 'closed captions' : null,
  ].filter((item) => item !== null)
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="Start the webinar now?"
      description={
        <>
          <strong className="font-medium text-slate-900">{webinar.title}</strong> goes live for attendees: Stream takes the call out of the
          backstage{alsoStarted.length > 0 ? ` and starts ${listFormat.format(alsoStarted)}` : ''}. Every approved registrant gets a “we’re live”
          e-mail straight away. A live webinar can be ended, but not sent back to the backstage.
        </>
      }
      confirmLabel="Start webinar"
      confirmVariant="primary"
      cancelLabel="Not yet"
      pendingLabel="Going live…"
      isPending={startWebinar.isPending}
      error={startWebinar.error ? startErrorMessage(startWebinar.error) : null}
      onConfirm={() =>
        startWebinar.mutate(webinar.id, {
          onSuccess: () => {
            toast.success('You are live. Attendees can now watch.')
            close()
          },
        })
      }
    />
  )
}
