import { PublicLayout } from '@/components/layouts/public-layout'
import { PageLoading } from '@/components/ui/spinner'
import { useJoinView } from '@/features/join/api/get-join-view'
import { CancelRegistrationConfirm } from '@/features/join/components/cancel-registration-confirm'
import { JoinHeader } from '@/features/join/components/join-header'
import { JoinLinkInvalid } from '@/features/join/components/join-link-invalid'
import { RegistrationState } from '@/features/join/components/registration-state'

/** `/join/:token/cancel` (public app), the link at the bottom of every mail: confirm, then say it is done. */
export function JoinCancelRoute({ token }: { token: string }) {
  const view = useJoinView(token)

  if (view.isPending) {
    return (
      <PublicLayout width="narrow">
        <PageLoading label="Loading your registration…" />
      </PublicLayout>
    )
  }
  if (view.isError) {
    return (
      <PublicLayout width="narrow">
        <title>Link not valid</title>
        <JoinLinkInvalid error={view.error} onRetry={() => void view.refetch()} />
      </PublicLayout>
    )
  }

  const { registration, webinar } = view.data
  // Nothing left to cancel (already cancelled, declined, or the webinar is off): show where things stand.
  const canCancel = ['approved', 'pending', 'waitlisted'].includes(registration.status) && webinar.status !== 'cancelled' && webinar.status !== 'ended'
  return (
    <PublicLayout width="narrow">
      <title>{`Cancel registration · ${webinar.title}`}</title>
      <JoinHeader view={view.data} />
      {canCancel ? <CancelRegistrationConfirm token={token} view={view.data} /> : <RegistrationState token={token} view={view.data} />}
    </PublicLayout>
  )
}
