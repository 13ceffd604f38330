import type { Webinar } from '@webinar/shared/webinars'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useEndWebinar } from '../api/end-webinar'

export function EndWebinarDialog({ webinar, open, onOpenChange }: { webinar: Webinar; open: boolean; onOpenChange: (open: boolean) => void }) {
  const endWebinar = useEndWebinar()
  const close = () => {
    endWebinar.reset()
    onOpenChange(false)
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="End the webinar for everyone?"
      description={
        <>
          <strong className="font-medium text-slate-900">{webinar.title}</strong> stops for every attendee and the recording, if
          any, is finished. A webinar that has ended cannot go live again.
        </>
      }
      confirmLabel="End webinar"
      cancelLabel="Keep it live"
      pendingLabel="Ending…"
      isPending={endWebinar.isPending}
      error={endWebinar.error ? errorMessageOf(endWebinar.error) : null}
      onConfirm={() =>
        endWebinar.mutate(webinar.id, {
          onSuccess: () => {
            toast.success('The webinar has ended.')
            close()
          },
        })
      }
    />
  )
}
