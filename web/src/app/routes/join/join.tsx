import type { ErasedPerson } from '@webinar/shared/privacy'
import type { JoinView } from '@webinar/shared/registrations'
import { useEffect, useState } from 'react'
import { PublicLayout } from '@/components/layouts/public-layout'
import { PageLoading } from '@/components/ui/spinner'
import { joinViewKey, useJoinView } from '@/features/join/api/get-join-view'
import { DataErased } from '@/features/join/components/data-erased'
import { EraseMyData } from '@/features/join/components/erase-my-data'
import { JoinHeader } from '@/features/join/components/join-header'
import { JoinLinkInvalid } from '@/features/join/components/join-link-invalid'
import { RegistrationState } from '@/features/join/components/registration-state'
import { useFollowWebinarStatus } from '@/features/join/hooks/use-follow-webinar-status'
import { setPublicQueryData } from '@/lib/public-query'
import { usePublicNavigate } from '@/lib/public-navigation'

/**
 * `/join/:token` (public app): a registrant's personal page, where every mail leads. While the webinar is ahead it
 * is the waiting room, following the webinar's status without a reload; when the host goes live it takes the
 * attendee into the room (`/join/:token/room`), and a "Join now" button does the same.
 */
export function JoinRoute({ token }: { token: string }) {
  const view = useJoinView(token)
  const navigate = usePublicNavigate()
  // Once erased, the link opens nothing any more: the page says so instead of asking again.
  const [erased, setErased] = useState<ErasedPerson | null>(null)
  const roomPath = `/join/${encodeURIComponent(token)}/room`
  const isApproved = view.data?.registration.status === 'approved'
  const webinarStatus = view.data?.webinar.status
  const { refetch } = view
  useFollowWebinarStatus(
    { webinarId: view.data?.webinarId ?? '', joinToken: token, isEnabled: !erased && isApproved && (webinarStatus === 'scheduled' || webinarStatus === 'draft') },
    {
      onStatus: (status) => {
        if (status !== 'live') return void refetch()
        // This page must not show the countdown the stream has just made obsolete while the room loads.
        setPublicQueryData<JoinView>(joinViewKey(token), (current) => current && { ...current, webinar: { ...current.webinar, status } })
      },
      // A start that happened while the stream was (re)connecting is read here.
      onConnected: () => void refetch(),
    },
  )
  // Into the room: this page stays meanwhile, saying the webinar is live, until the room is ready.
  const isLive = !erased && isApproved && webinarStatus === 'live'
  useEffect(() => {
    if (isLive) navigate(roomPath, { replace: true })
  }, [isLive, navigate, roomPath])

  if (erased) {
    return (
      <PublicLayout width="narrow">
        <title>Your data has been erased</title>
        <DataErased erased={erased} />
      </PublicLayout>
    )
  }
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
          <EraseMyData token={token} view={view.data} onErased={setErased} />
        </>
      )}
    </PublicLayout>
  )
}
