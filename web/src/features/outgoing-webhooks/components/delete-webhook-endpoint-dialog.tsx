import type { WebhookEndpoint } from '@webinar/shared/outgoing-webhooks'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useDeleteWebhookEndpoint } from '../api/delete-webhook-endpoint'

export function DeleteWebhookEndpointDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint | null; onClose: () => void }) {
  const deleteEndpoint = useDeleteWebhookEndpoint()
  const close = () => {
    deleteEndpoint.reset()
    onClose()
  }
  return (
    <ConfirmDialog
      open={endpoint !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title="Remove this endpoint?"
      description={
        <>
          <span className="break-all">{endpoint?.url}</span> stops receiving events at once, deliveries still waiting are dropped and its
          delivery log is deleted. This cannot be undone.
        </>
      }
      confirmLabel="Remove endpoint"
      pendingLabel="Removing…"
      isPending={deleteEndpoint.isPending}
      error={deleteEndpoint.error ? errorMessageOf(deleteEndpoint.error) : null}
      onConfirm={() => {
        if (!endpoint) return
        deleteEndpoint.mutate(endpoint.id, {
          onSuccess: () => {
            toast.success('The endpoint was removed.')
            close()
          },
        })
      }}
    />
  )
}
