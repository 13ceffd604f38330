import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret'

export function RotateWebhookSecretDialog({
  endpoint,
  onClose,
  onRotated,
}: {
  endpoint: WebhookEndpoint | null
  onClose: () => void
  onRotated: (rotated: WebhookEndpointWithSecret) => void
}) {
  const rotate = useRotateWebhookSecret()
  const close = () => {
    rotate.reset()
    onClose()
  }
  return (
    <ConfirmDialog
      open={endpoint !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title="Rotate the signing secret?"
      description="Every request from now on, retries included, is signed with a new secret: the receiver must be given it, or it will refuse them. Do it after a leak, or when the server’s SESSION_SECRET was changed."
      confirmLabel="Rotate secret"
      pendingLabel="Rotating…"
      confirmVariant="primary"
      isPending={rotate.isPending}
      error={rotate.error ? errorMessageOf(rotate.error) : null}
      onConfirm={() => {
        if (!endpoint) return
        rotate.mutate(endpoint.id, {
          onSuccess: (rotated) => {
            close()
            onRotated(rotated)
          },
        })
      }}
    />
  )
}
