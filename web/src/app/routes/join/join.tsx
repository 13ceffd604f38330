import { useParams } from 'react-router'
import { PublicLayout } from '@/components/layouts/public-layout'
import { PageLoading } from '@/components/ui/spinner'
import { useJoinView } from '@/features/join/api/get-join-view'
import { JoinHeader } from '@/features/join/components/join-header'
import { JoinLinkInvalid } from '@/features/join/components/join-link-invalid'
import { RegistrationState } from '@/features/join/components/registration-state'

/** `/join/:token`: a registrant's personal page. For now the waiting room; the live room comes later. */
export function JoinRoute() {
  const { token = '' } = useParams()
  const view = useJoinView(token)

  return (
    <PublicLayout width="narrow">
      {view.isPending ? (
        <PageLoading label="Loading your registration…" />
      ) : view.isError ? (
        <>
          <title>Link not valid</title>
          <JoinLinkInvalid error={view.error} onRetry={() => void view.refetch()} />
        </>
      ) : (
        <>
          <title>{`Your registration · ${view.data.webinar.title}`}</title>
          <JoinHeader view={view.data} />
          <RegistrationState token={token} view={view.data} />
        </>
      )}
    </PublicLayout>
  )
}
