import type { Speaker, StageRequest, StageState } from '@webinar/shared/stage'
import type { Webinar } from '@webinar/shared/webinars'
import { formatClock } from '@webinar/shared/time-format'
import { Hand, Mic } from 'lucide-react'
import type { ReactNode } from 'react'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { initialsOf } from '@/lib/initials'
import { useAcceptStageRequest } from '../api/accept-stage-request'
import { useDismissStageRequest } from '../api/dismiss-stage-request'
import { useStage } from '../api/get-stage'
import { useTakeOffStage } from '../api/take-off-stage'
import { speakerKindLabels } from '../utils/speaker-labels'

/** Someone on stage in the call now, as the studio's video sees them. */
export interface StageParticipant {
  userId: string
  name: string
  role: string
}

type Presence = 'on-stage' | 'backstage' | 'away' | 'unknown'

const presenceLooks: Record<Presence, { label: string; className: string } | null> = {
  'on-stage': { label: 'On stage', className: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' },
  backstage: { label: 'Ready backstage', className: 'bg-slate-900 text-white ring-slate-900' },
  away: { label: 'Not here yet', className: 'bg-slate-100 text-slate-600 ring-slate-500/15' },
  unknown: null,
}

function Person({ name, detail, presence, children }: { name: string; detail: ReactNode; presence: Presence; children?: ReactNode }) {
  const look = presenceLooks[presence]
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2.5">
      <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700">
        {initialsOf(name)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900">{name}</p>
        <p className="truncate text-xs text-slate-500">{detail}</p>
      </div>
      {look ? <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', look.className)}>{look.label}</span> : null}
      {children ? <div className="flex w-full justify-end gap-2 sm:w-auto">{children}</div> : null}
    </li>
  )
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-label={title} className="px-4 py-3">
      <h3 className="flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title}
        {count ? <span className="rounded-full bg-amber-100 px-1.5 text-amber-800 tabular-nums">{count}</span> : null}
      </h3>
      {children}
    </section>
  )
}

/** The hands up, oldest first: the moderator brings each on stage or dismisses it. */
function HandsUp({ webinarId, requests, isLive, isHandRaisingOn }: { webinarId: string; requests: StageRequest[]; isLive: boolean; isHandRaisingOn: boolean }) {
  const accept = useAcceptStageRequest()
  const dismiss = useDismissStageRequest()
  // A 409 says what happened meanwhile (the hand came down, another moderator answered): said as it is.
  const onError = (error: unknown) => void toast.error(errorMessageOf(error))
  const busyId = accept.isPending ? accept.variables.requestId : dismiss.isPending ? dismiss.variables.requestId : null
  return (
    <Section title="Hands up" count={requests.length}>
      {requests.length === 0 ? (
        <p className="py-2 text-sm text-slate-500">
          {!isHandRaisingOn
            ? 'Raising hands is off for this webinar.'
            : isLive
              ? 'No hands up. Attendees raise a hand from their room to ask to speak.'
              : 'Attendees can raise a hand once the webinar is live.'}
        </p>
      ) : (
        <ul aria-label="Hands up" className="divide-y divide-slate-100">
          {requests.map((request) => (
            <Person key={request.id} name={request.name} detail={`Hand up since ${formatClock(request.requestedAt)}`} presence="unknown">
              <Button
                size="sm"
                variant="ghost"
                disabled={busyId !== null}
                isPending={dismiss.isPending && busyId === request.id}
                aria-label={`Dismiss ${request.name}’s hand`}
                onClick={() => dismiss.mutate({ webinarId, requestId: request.id }, { onError })}
              >
                Dismiss
              </Button>
              <Button
                size="sm"
                disabled={busyId !== null}
                isPending={accept.isPending && busyId === request.id}
                pendingLabel="Accepting…"
                aria-label={`Bring ${request.name} on stage`}
                onClick={() =>
                  accept.mutate(
                    { webinarId, requestId: request.id },
                    { onError, onSuccess: () => void toast.success(`${request.name} is invited on stage.`, { description: 'They join after checking their camera and microphone.' }) },
                  )
                }
              >
                <Hand className="size-4" aria-hidden />
                Accept
              </Button>
            </Person>
          ))}
        </ul>
      )}
    </Section>
  )
}

function presenceOf(streamUserId: string, inCall: ReadonlySet<string> | null, isLive: boolean): Presence {
  if (!inCall) return 'unknown'
  if (!inCall.has(streamUserId)) return 'away'
  return isLive ? 'on-stage' : 'backstage'
}

const callRoleLabels: Record<string, string> = { host: 'Host', speaker: 'Panelist' }

/** Everyone who may speak: the people on stage in the call, the speakers not here yet, and attendees brought on. */
function Speakers({
  webinarId,
  speakers,
  onStageRequests,
  participants,
  isLive,
}: {
  webinarId: string
  speakers: Speaker[]
  onStageRequests: StageRequest[]
  participants: readonly StageParticipant[] | null
  isLive: boolean
}) {
  const takeOff = useTakeOffStage()
  const inCall = participants ? new Set(participants.map((participant) => participant.userId)) : null
  const known = new Set([...speakers.map((speaker) => speaker.streamUserId), ...onStageRequests.map((request) => request.streamUserId)])
  // The host, and any admin in the studio: in the call, but neither invited nor an attendee.
  const others = (participants ?? []).filter((participant) => !known.has(participant.userId))
  return (
    <Section title="Speakers">
      <ul aria-label="Speakers" className="divide-y divide-slate-100">
        {others.map((participant) => (
          <Person
            key={participant.userId}
            name={participant.name || (callRoleLabels[participant.role] ?? 'Staff')}
            detail={callRoleLabels[participant.role] ?? 'Staff'}
            presence={isLive ? 'on-stage' : 'backstage'}
          />
        ))}
        {speakers.map((speaker) => (
          <Person key={speaker.id} name={speaker.name} detail={speakerKindLabels[speaker.kind]} presence={presenceOf(speaker.streamUserId, inCall, isLive)} />
        ))}
        {onStageRequests.map((request) => (
          <Person key={request.id} name={request.name} detail="Attendee" presence={presenceOf(request.streamUserId, inCall, isLive)}>
            <Button
              size="sm"
              variant="danger-quiet"
              isPending={takeOff.isPending && takeOff.variables.requestId === request.id}
              pendingLabel="Taking off…"
              onClick={() =>
                takeOff.mutate(
                  { webinarId, requestId: request.id },
                  {
                    onError: (error) => void toast.error(errorMessageOf(error)),
                    onSuccess: () => void toast.success(`${request.name} is off the stage.`),
                  },
                )
              }
            >
              Take off stage
            </Button>
          </Person>
        ))}
      </ul>
      {others.length + speakers.length + onStageRequests.length === 0 ? <p className="py-2 text-sm text-slate-500">Nobody is on stage yet.</p> : null}
    </Section>
  )
}

function StageContent({ webinar, stage, participants }: { webinar: Webinar; stage: StageState; participants: readonly StageParticipant[] | null }) {
  const isLive = webinar.status === 'live'
  const pending = stage.requests.filter((request) => request.status === 'pending')
  const accepted = stage.requests.filter((request) => request.status === 'accepted')
  return (
    <div className="divide-y divide-slate-100">
      <HandsUp webinarId={webinar.id} requests={pending} isLive={isLive} isHandRaisingOn={stage.handRaising} />
      <Speakers webinarId={webinar.id} speakers={stage.speakers} onStageRequests={accepted} participants={participants} isLive={isLive} />
    </div>
  )
}

/**
 * The studio's stage, for the host, co-hosts and admins: the raised hands to answer, who is on stage (in the call),
 * who is backstage or not here yet, and the attendees on stage, each of whom can be taken off. Kept current by the
 * room's `stage.changed` events (the studio reads the stage again on each).
 */
export function StagePanel({ webinar, participants, className }: { webinar: Webinar; participants: readonly StageParticipant[] | null; className?: string }) {
  const stage = useStage(webinar.id)
  return (
    <section aria-label="Stage" className={cn('flex min-h-0 flex-col overflow-hidden rounded-2xl bg-white ring-1 ring-slate-900/5', className)}>
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-3">
        <Mic className="size-4 text-slate-500" aria-hidden />
        <h2 className="text-sm font-semibold text-slate-900">Stage</h2>
        {stage.isFetching && !stage.isPending ? <Spinner className="ml-auto size-3.5 text-slate-400" label="Updating the stage" /> : null}
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {stage.isPending ? (
          <p role="status" className="flex items-center gap-2 px-4 py-4 text-sm text-slate-500">
            <Spinner /> Loading the stage…
          </p>
        ) : stage.isError ? (
          <Alert className="m-3" title="The stage did not load">
            {errorMessageOf(stage.error)}
          </Alert>
        ) : (
          <StageContent webinar={webinar} stage={stage.data} participants={participants} />
        )}
      </div>
    </section>
  )
}
