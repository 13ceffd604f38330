import type { MyStageRequest, StageRequest } from '@webinar/shared/stage'
import { Hand, LogOut, Mic } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { useNow } from '@/hooks/use-now'
import { DeviceCheckDialog, type MediaDeviceChoice } from '@/features/video/components/device-check-dialog'
import { errorMessageOf } from '@/lib/api-error'
import { useLowerHand } from '../api/lower-hand'

// Stream tells our API of a raised hand a moment after the browser asked: until then the hand shows as up. If the
// queue has not heard of it by then, something went wrong, and the attendee is told.
const handInFlightMs = 15_000

interface RaisedHand {
  /** The request that was the latest when the hand went up: a newer one is this hand, arrived. */
  previousRequestId: string | null
  at: number
}

/** What became of a hand or a turn on stage, said once it happens while the attendee is in the room. */
function outcomeOf(request: StageRequest | null, visitStartedAt: number): string | null {
  if (!request?.decidedAt || Date.parse(request.decidedAt) < visitStartedAt) return null
  if (request.status === 'dismissed') return 'The host did not bring you on stage this time.'
  if (request.status === 'ended') return request.decidedByName ? 'The host took you off the stage.' : 'You left the stage.'
  return null
}

// Beside the video's own line on wide screens; on a phone, a row of its own with the words left and the button right.
const controlsClasses = 'flex flex-wrap items-center gap-3 max-sm:w-full max-sm:justify-between sm:justify-end'

function Status({ icon, title, detail }: { icon?: ReactNode; title: string; detail?: string | null }) {
  return (
    <div role="status" className="flex min-w-0 items-center gap-2.5">
      {icon}
      <div className="min-w-0">
        <p className="text-sm font-semibold text-white">{title}</p>
        {/* A phone has room for the words or the button beside them, not both: the detail goes. */}
        {detail ? <p className="text-xs leading-5 text-slate-300 max-sm:hidden">{detail}</p> : null}
      </div>
    </div>
  )
}

/**
 * The attendee's way onto the stage, under their video: raise a hand (Stream's request to speak, made by the call),
 * wait for the host (or lower it), pass the device check once accepted, and leave the stage again. Hidden while the
 * webinar does not take raised hands, unless the attendee is already up or on stage.
 */
export function RaiseHand({
  joinToken,
  mine,
  isOnStage,
  visitStartedAt,
  onRaiseHand,
  onJoinStage,
}: {
  joinToken: string
  mine: MyStageRequest
  /** On stage and publishing: accepted, and past the device check. */
  isOnStage: boolean
  /** When this visit to the room began: what happened before is not news. */
  visitStartedAt: number
  onRaiseHand: () => Promise<void>
  onJoinStage: (devices: MediaDeviceChoice) => void
}) {
  const lowerHand = useLowerHand(joinToken)
  const [raised, setRaised] = useState<RaisedHand | null>(null)
  const [isRaising, setIsRaising] = useState(false)
  const [raiseError, setRaiseError] = useState<string | null>(null)
  const [checkClosedFor, setCheckClosedFor] = useState<string | null>(null)
  const now = useNow()
  const request = mine.request
  const latestId = request?.id ?? null
  const isInFlight = raised !== null && raised.previousRequestId === latestId && now - raised.at < handInFlightMs
  const hasGoneAstray = raised !== null && raised.previousRequestId === latestId && !isInFlight
  const isPending = request?.status === 'pending' || isInFlight
  const isAccepted = request?.status === 'accepted'
  const error = raiseError ?? (lowerHand.error ? errorMessageOf(lowerHand.error) : null) ?? (hasGoneAstray ? 'The host did not get your raised hand. Try again.' : null)

  if (!mine.handRaising && !isPending && !isAccepted) return null

  const raise = async () => {
    setRaiseError(null)
    lowerHand.reset()
    setIsRaising(true)
    try {
      await onRaiseHand()
      setRaised({ previousRequestId: latestId, at: Date.now() })
    } catch (failure) {
      setRaiseError(errorMessageOf(failure))
    } finally {
      setIsRaising(false)
    }
  }
  const lower = () => {
    setRaised(null)
    setRaiseError(null)
    lowerHand.mutate()
  }

  const errorLine = error ? (
    <p role="alert" className="w-full text-xs leading-5 text-red-300">
      {error}
    </p>
  ) : null

  if (isAccepted && request) {
    return (
      <div className={controlsClasses}>
        {isOnStage ? (
          <Status icon={<Mic className="size-5 shrink-0 text-emerald-400" aria-hidden />} title="You’re on stage" detail="Everyone sees and hears you." />
        ) : (
          <>
            <Status icon={<Hand className="size-5 shrink-0 text-amber-300" aria-hidden />} title="The host invited you on stage" />
            <Button size="sm" onClick={() => setCheckClosedFor(null)}>
              Join the stage…
            </Button>
          </>
        )}
        <Button size="sm" variant={isOnStage ? 'danger' : 'secondary'} isPending={lowerHand.isPending} pendingLabel="Leaving…" onClick={lower}>
          <LogOut className="size-4" aria-hidden />
          {isOnStage ? 'Leave the stage' : 'Decline'}
        </Button>
        {errorLine}
        <DeviceCheckDialog
          open={!isOnStage && checkClosedFor !== request.id}
          onOpenChange={(open) => setCheckClosedFor(open ? null : request.id)}
          onJoin={onJoinStage}
        />
      </div>
    )
  }

  if (isPending) {
    return (
      <div className={controlsClasses}>
        <Status icon={<Hand className="size-5 shrink-0 text-amber-300" aria-hidden />} title="Hand raised, waiting for the host" />
        <Button size="sm" variant="secondary" isPending={lowerHand.isPending} pendingLabel="Lowering…" onClick={lower}>
          Lower hand
        </Button>
        {errorLine}
      </div>
    )
  }

  const outcome = outcomeOf(request, visitStartedAt)
  return (
    <div className={controlsClasses}>
      {outcome ? <p className="text-sm text-slate-200">{outcome}</p> : null}
      <Button size="sm" isPending={isRaising} pendingLabel="Raising…" onClick={() => void raise()}>
        <Hand className="size-4" aria-hidden />
        Raise hand
      </Button>
      {errorLine}
    </div>
  )
}
