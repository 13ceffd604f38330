import type { Webinar } from '@webinar/shared/webinars'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useCancelWebinar } from '../api/cancel-webinar'

export function CancelWebinarDialog({ webinar, open, onOpenChange }: { webinar: Webinar; open: boolean; onOpenChange: (open: boolean) => void }) {
  const cancelWebinar = useCancelWebinar()
  const close = () => {
    cancelWebinar.reset()
    onOpenChange(false)
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={`Cancel “${webinar.title}”?`}
      description="Its Stream call is closed and the webinar can no longer be started or changed. This cannot be undone: to hold it after all, schedule it again."
      confirmLabel="Cancel webinar"
      cancelLabel="Keep it"
      pendingLabel="Cancelling…"
      isPending={cancelWebinar.isPending}
      error={cancelWebinar.error ? errorMessageOf(cancelWebinar.error) : null}
      onConfirm={() =>
        cancelWebinar.mutate(webinar.id, {
          onSuccess: () => {
            toast.success('The webinar was cancelled.')
            close()
          },
        })
      }
    />
  )
}
