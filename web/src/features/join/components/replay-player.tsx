import type { ReplayPart } from '@webinar/shared/recordings'
import { formatElapsed, formatMoment } from '@webinar/shared/time-format'
import { Clapperboard, RotateCw } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf, isApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useReplay } from '../api/get-replay'

/** The 16:9 frame the player takes, and what stands in for it meanwhile. */
function Stage({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div
      className={cn(
        'flex aspect-video w-full flex-col items-center justify-center gap-3 rounded-xl bg-gradient-to-br from-slate-900 to-indigo-950 px-6 text-center',
        className,
      )}
    >
      {children}
    </div>
  )
}

function StageMessage({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stage>
      <div className="flex size-12 items-center justify-center rounded-2xl bg-white/10 text-white">
        <Clapperboard className="size-6" aria-hidden />
      </div>
      <p className="text-base font-semibold text-white">{title}</p>
      {children ? <p className="max-w-md text-sm leading-6 text-slate-300">{children}</p> : null}
      {action}
    </Stage>
  )
}

function describePart(part: ReplayPart): string {
  const parts = [
    part.startedAt ? `Recorded ${formatMoment(part.startedAt)}` : null,
    part.durationSeconds === null ? null : formatElapsed(part.durationSeconds * 1000),
  ]
  return parts.filter(Boolean).join(' · ')
}

/**
 * One part, in the browser's own player (an MP4 at Stream). Its address is signed and expires: a page left open
 * long enough finds it refused, so a failure first asks for a fresh address, and only a second one is shown.
 */
function PartVideo({ part, title, onStale }: { part: ReplayPart; title: string; onStale: () => Promise<unknown> }) {
  const [attempt, setAttempt] = useState(0)
  const [hasFailed, setHasFailed] = useState(false)
  const retry = async () => {
    setHasFailed(false)
    await onStale()
    setAttempt((count) => count + 1)
  }
  if (hasFailed) {
    return (
      <StageMessage
        title="The replay did not play"
        action={
          <Button variant="secondary" size="sm" onClick={() => void retry()}>
            <RotateCw className="size-4" aria-hidden />
            Try again
          </Button>
        }
      >
        Your connection may have dropped, or the video is not reachable right now.
      </StageMessage>
    )
  }
  return (
    <video
      key={`${part.url}#${attempt}`}
      src={part.url}
      controls
      playsInline
      preload="metadata"
      aria-label={`Replay of ${title}`}
      className="aspect-video w-full rounded-xl bg-black"
      onError={() => {
        if (attempt === 0) void retry()
        else setHasFailed(true)
      }}
    />
  )
}

/**
 * The replay behind a personal link, after the webinar: the player (and its parts, when recording stopped and
 * started again), "on its way" while Stream processes the recording (asked again by itself), or `notOver`
 * before the end.
 */
export function ReplayPlayer({ token, title, notOver = null }: { token: string; title: string; notOver?: ReactNode }) {
  const replay = useReplay(token)
  const [selected, setSelected] = useState(0)

  if (replay.isPending) {
    return (
      <Stage>
        <div role="status" className="flex items-center gap-3 text-sm text-slate-300">
          <Spinner className="size-5 text-white" />
          Loading the replay…
        </div>
      </Stage>
    )
  }
  if (replay.isError) {
    if (isApiError(replay.error, 403)) return <StageMessage title="This link can’t open the replay">{errorMessageOf(replay.error)}</StageMessage>
    return (
      <div role="alert">
        <StageMessage
          title="The replay did not load"
          action={
            <Button variant="secondary" size="sm" onClick={() => void replay.refetch()}>
              <RotateCw className="size-4" aria-hidden />
              Try again
            </Button>
          }
        >
          {errorMessageOf(replay.error)}
        </StageMessage>
      </div>
    )
  }
  const { status, parts } = replay.data
  if (status === 'webinar_not_over') return notOver
  if (status === 'processing' || parts.length === 0) {
    return (
      <StageMessage title="The replay is on its way">
        Stream needs a few minutes after the end to prepare the recording. It appears here by itself, and we’ll e-mail you when it’s ready. If
        the webinar wasn’t recorded, there won’t be a replay.
      </StageMessage>
    )
  }

  const index = Math.min(selected, parts.length - 1)
  const part = parts[index]!
  return (
    <div>
      <PartVideo part={part} title={title} onStale={() => replay.refetch()} />
      <p className="mt-2 text-sm text-slate-600">{parts.length > 1 ? `Part ${index + 1} of ${parts.length} · ${describePart(part)}` : describePart(part)}</p>
      {parts.length > 1 ? (
        <div role="group" aria-label="Parts of the replay" className="mt-3 flex flex-wrap gap-2">
          {parts.map((candidate, at) => (
            <Button key={candidate.id} variant={at === index ? 'primary' : 'secondary'} size="sm" aria-pressed={at === index} onClick={() => setSelected(at)}>
              Part {at + 1}
              {candidate.durationSeconds === null ? '' : ` · ${formatElapsed(candidate.durationSeconds * 1000)}`}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
