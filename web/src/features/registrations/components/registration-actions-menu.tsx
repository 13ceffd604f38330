import type { Registration } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import { Ban, Check, MoreHorizontal, Send } from 'lucide-react'
import { toast } from 'sonner'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { useApproveRegistration } from '../api/approve-registration'
import { useResendRegistrationLink } from '../api/resend-registration-link'
import { canApprove, canReject, canResendLink } from '../utils/registration-labels'

/**
 * What can be done to one registration, in the states that allow it. Approving and re-sending happen at
 * once, with a toast; rejecting asks first (`onReject` opens the confirmation). Refusals (409, e.g. no seats
 * left) are shown as the server words them. Once the webinar is over (ended or cancelled) a join link leads
 * nowhere, so approving and re-sending are not offered: the server refuses them then.
 */
export function RegistrationActionsMenu({
  registration,
  webinarStatus,
  onReject,
}: {
  registration: Registration
  webinarStatus: Webinar['status']
  onReject: (registration: Registration) => void
}) {
  const approve = useApproveRegistration()
  const resend = useResendRegistrationLink()
  const { status, name } = registration
  const ref = { webinarId: registration.webinarId, registrationId: registration.id }
  const isBusy = approve.isPending || resend.isPending
  const isOver = webinarStatus === 'ended' || webinarStatus === 'cancelled'
  const mayApprove = !isOver && canApprove(status)
  const mayResend = !isOver && canResendLink(status)

  if (!mayApprove && !canReject(status) && !mayResend) {
    // Keeps the column's width, so rows line up.
    return <span aria-hidden className="block size-9" />
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Actions for ${name}`}
        disabled={isBusy}
        className="inline-flex size-9 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-wait data-[state=open]:bg-slate-100 data-[state=open]:text-slate-900"
      >
        {isBusy ? <Spinner className="text-accent-600" /> : <MoreHorizontal className="size-5" aria-hidden />}
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        {mayApprove ? (
          <DropdownMenuItem
            onSelect={() =>
              approve.mutate(ref, {
                onSuccess: (approved) => toast.success(`${approved.name} was approved.`, { description: 'Their join link is on its way by e-mail.' }),
                onError: (error) => toast.error(errorMessageOf(error)),
              })
            }
          >
            <Check className="size-4 text-emerald-600" aria-hidden />
            Approve
          </DropdownMenuItem>
        ) : null}
        {mayResend ? (
          <DropdownMenuItem
            onSelect={() =>
              resend.mutate(ref, {
                onSuccess: (updated) => toast.success('A new link was sent; the old one no longer works.', { description: `To ${updated.email}` }),
                onError: (error) => toast.error(errorMessageOf(error)),
              })
            }
          >
            <Send className="size-4 text-slate-400" aria-hidden />
            Re-send link
          </DropdownMenuItem>
        ) : null}
        {canReject(status) ? (
          <>
            {mayApprove || mayResend ? <DropdownMenuSeparator /> : null}
            <DropdownMenuItem onSelect={() => onReject(registration)} className="text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-800">
              <Ban className="size-4" aria-hidden />
              Reject…
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
