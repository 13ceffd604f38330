import type { ApiKey } from '@webinar/shared/api-keys'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useRevokeApiKey } from '../api/revoke-api-key'

export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revokeApiKey = useRevokeApiKey()
  const close = () => {
    revokeApiKey.reset()
    onClose()
  }
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Revoke “${apiKey?.name ?? 'this key'}”?`}
      description="Anything still using this key gets “401 Unauthorized” from now on. This cannot be undone: to reconnect, create a new key."
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      isPending={revokeApiKey.isPending}
      error={revokeApiKey.error ? errorMessageOf(revokeApiKey.error) : null}
      onConfirm={() => {
        if (!apiKey) return
        revokeApiKey.mutate(apiKey.id, {
          onSuccess: () => {
            toast.success(`“${apiKey.name}” was revoked.`)
            close()
          },
        })
      }}
    />
  )
}
