import type { Series } from '@webinar/shared/series'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useCancelSeries } from '../api/cancel-series'

/** Cancelling calls off every session that has not started; registrants hear it once, not once per session. */
export function CancelSeriesDialog({ series, open, onOpenChange }: { series: Series; open: boolean; onOpenChange: (open: boolean) => void }) {
  const cancelSeries = useCancelSeries()
  const upcoming = series.occurrences.filter((occurrence) => occurrence.status === 'scheduled').length
  const close = () => {
    cancelSeries.reset()
    onOpenChange(false)
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={`Cancel the series “${series.title}”?`}
      description={
        <>
          {upcoming === 1 ? 'Its one upcoming session is' : `All ${upcoming} upcoming sessions are`} cancelled, their Stream calls closed and
          their join links stop working; no more sessions are created. Everyone registered for any of them gets{' '}
          <strong className="font-medium text-slate-800">one e-mail</strong> listing the sessions that will not take place. This cannot be undone.
        </>
      }
      confirmLabel="Cancel series"
      cancelLabel="Keep the series"
      pendingLabel="Cancelling…"
      isPending={cancelSeries.isPending}
      error={cancelSeries.error ? errorMessageOf(cancelSeries.error) : null}
      onConfirm={() =>
        cancelSeries.mutate(series.id, {
          onSuccess: () => {
            toast.success('The series was cancelled. Registrants are being told.')
            close()
          },
        })
      }
    />
  )
}
