import { ArrowLeft } from 'lucide-react'
import { PublicLayout } from '@/components/layouts/public-layout'
import { Card } from '@/components/ui/card'
import { PageLoading } from '@/components/ui/spinner'
import { useJoinView } from '@/features/join/api/get-join-view'
import { JoinHeader } from '@/features/join/components/join-header'
import { JoinLinkInvalid } from '@/features/join/components/join-link-invalid'
import { RegistrationState } from '@/features/join/components/registration-state'
import { ReplayPlayer } from '@/features/join/components/replay-player'
import { WebinarRunTimes } from '@/features/join/components/webinar-run-times'
import { replayLinkLabel } from '@/features/join/utils/replay-link-label'

/**
 * `/join/:token/replay` (public app), where "the replay is ready" mail leads: the recording, large. A link that cannot watch it
 * (cancelled, not approved, a cancelled webinar) shows where the registration stands instead.
 */
export function JoinReplayRoute({ token }: { token: string }) {
  const view = useJoinView(token)

  if (view.isPending || view.isError) {
    return (
      <PublicLayout width="narrow">
        {view.isPending ? (
          <PageLoading label="Loading the replay…" />
        ) : (
          <>
            <title>Link not valid</title>
            <JoinLinkInvalid error={view.error} onRetry={() => void view.refetch()} />
          </>
        )}
      </PublicLayout>
    )
  }
  const { registration, webinar } = view.data
  if (registration.status !== 'approved' || webinar.status === 'cancelled') {
    return (
      <PublicLayout width="narrow">
        <title>{`Your registration · ${webinar.title}`}</title>
        <JoinHeader view={view.data} />
        <RegistrationState token={token} view={view.data} />
      </PublicLayout>
    )
  }
  const personalPage = `/join/${encodeURIComponent(token)}`
  return (
    <PublicLayout>
      <title>{`Replay · ${webinar.title}`}</title>
      <JoinHeader view={view.data} />
      <Card className="px-4 py-5 sm:px-6 sm:py-6">
        <h2 className="mb-4 text-lg font-semibold tracking-tight text-slate-900">{replayLinkLabel}</h2>
        <ReplayPlayer
          token={token}
          title={webinar.title}
          notOver={
            <p className="text-sm leading-6 text-slate-600">
              The replay comes after the webinar, if it is recorded: we’ll e-mail you when it’s ready. Until then, your{' '}
              <a href={personalPage} className="font-medium text-accent-700 underline-offset-2 hover:underline">
                registration page
              </a>{' '}
              has everything you need to join.
            </p>
          }
        />
        <WebinarRunTimes webinar={webinar} className="mt-4 text-sm text-slate-600" />
      </Card>
      <a href={personalPage} className="mt-6 inline-flex items-center gap-1.5 text-sm font-medium text-accent-700 hover:text-accent-600">
        <ArrowLeft className="size-4" aria-hidden />
        Your registration page
      </a>
    </PublicLayout>
  )
}
