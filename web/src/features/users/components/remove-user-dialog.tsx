import type { User } from '@webinar/shared/users'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useDeleteUser } from '../api/delete-user'

export function RemoveUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const deleteUser = useDeleteUser()
  const close = () => {
    deleteUser.reset()
    onClose()
  }
  return (
    <ConfirmDialog
      open={user !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Remove ${user?.name ?? 'this person'}?`}
      description={
        <>
          <strong className="font-medium text-slate-900">{user?.email}</strong> will no longer be able to sign in, and their API
          keys stop working. This cannot be undone, but you can add them again later.
        </>
      }
      confirmLabel="Remove"
      pendingLabel="Removing…"
      isPending={deleteUser.isPending}
      error={deleteUser.error ? errorMessageOf(deleteUser.error) : null}
      onConfirm={() => {
        if (!user) return
        deleteUser.mutate(user.id, {
          onSuccess: () => {
            toast.success(`${user.name} was removed.`)
            close()
          },
        })
      }}
    />
  )
}
