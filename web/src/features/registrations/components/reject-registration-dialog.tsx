import type { Registration } from '@webinar/shared/registrations'
import { toast } from 'sonner'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useRejectRegistration } from '../api/reject-registration'

export function RejectRegistrationDialog({ registration, onClose }: { registration: Registration | null; onClose: () => void }) {
  const reject = useRejectRegistration()
  const close = () => {
    reject.reset()
    onClose()
  }
  return (
    <ConfirmDialog
      open={registration !== null}
      onOpenChange={(open) => (open ? undefined : close())}
      title={`Reject ${registration?.name ?? 'this registration'}?`}
      description={
        <>
          <strong className="font-medium break-all text-slate-900">{registration?.email}</strong> is told by e-mail that the registration
          was declined; their link no longer lets them in, and they cannot register again with this address.
          {registration?.status === 'approved' ? ' Their seat goes to the next person on the waitlist, if any.' : null}
        </>
      }
      confirmLabel="Reject"
      cancelLabel="Keep it"
      pendingLabel="Rejecting…"
      isPending={reject.isPending}
      error={reject.error ? errorMessageOf(reject.error) : null}
      onConfirm={() => {
        if (!registration) return
        reject.mutate(
          { webinarId: registration.webinarId, registrationId: registration.id },
          {
            onSuccess: (rejected) => {
              toast.success(`${rejected.name} was rejected.`)
              close()
            },
          },
        )
      }}
    />
  )
}
