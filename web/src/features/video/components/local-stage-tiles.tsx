import { MicOff } from 'lucide-react'
import { Spinner } from '@/components/ui/spinner'
import { initialsOf } from '@/lib/initials'
import { cn } from '@/lib/cn'
import type { CameraPreview } from '../hooks/use-camera-preview'
import { roleLabelOf, type CallParticipant } from '../utils/call-participants'
import { CameraUnavailable } from './camera-unavailable'
import { CameraVideo } from './camera-video'

/** Someone on stage as a tile shows them. */
export type StageSpeaker = Pick<CallParticipant, 'userId' | 'name' | 'role'>

const maxTiles = 6
const columnClasses = { 1: 'grid-cols-1', 2: 'grid-cols-2', 3: 'grid-cols-2 lg:grid-cols-3' } as const

function Avatar({ name, isLarge }: { name: string; isLarge: boolean }) {
  return (
    <span
      aria-hidden
      className={cn(
        'flex items-center justify-center rounded-full bg-slate-600 font-semibold text-white',
        isLarge ? 'size-20 text-2xl' : 'size-12 text-base sm:size-14 sm:text-lg',
      )}
    >
      {initialsOf(name)}
    </span>
  )
}

function OwnPicture({ media, name, isLarge }: { media: CameraPreview; name: string; isLarge: boolean }) {
  const { preview, stream, isCameraOn, hasCamera } = media
  if (preview.status === 'starting') {
    return (
      <p role="status" className="flex items-center gap-2 px-3 text-center text-sm text-slate-300">
        <Spinner className="size-5" /> Starting your camera…
      </p>
    )
  }
  if (preview.status === 'unavailable') {
    return (
      <div className="flex flex-col items-center gap-3 px-4">
        <Avatar name={name} isLarge={isLarge} />
        <CameraUnavailable reason={preview.reason} isCompact={!isLarge} />
      </div>
    )
  }
  if (stream && hasCamera && isCameraOn) return <CameraVideo stream={stream} className="absolute inset-0" />
  return (
    <div className="flex flex-col items-center gap-2">
      <Avatar name={name} isLarge={isLarge} />
      {stream && hasCamera ? <p className="text-xs text-slate-300">Your camera is off</p> : null}
    </div>
  )
}

/** What a tile calls someone: the name the page knows best, else the call's, else only their role. */
function nameOf(speaker: StageSpeaker, names: Readonly<Record<string, string>>): string | null {
  return names[speaker.userId] || speaker.name || null
}

/**
 * Local mode's stage: a tile per person on it (up to six, then "+N more"), never the audience. No media leaves a
 * browser in local mode, so the others show as their initials; your own tile shows your camera when `selfMedia` is
 * given (you are on stage). Each tile says who it is and in what role. By Stream user id, `names` names people the
 * call has no name for (yourself, attendees the studio knows from their requests) and `labels` the roles the call
 * cannot tell apart (a co-host is a host to it).
 */
export function LocalStageTiles({
  speakers,
  selfUserId,
  selfMedia,
  names = {},
  labels = {},
}: {
  speakers: readonly StageSpeaker[]
  selfUserId: string
  selfMedia: CameraPreview | null
  names?: Readonly<Record<string, string>>
  labels?: Readonly<Record<string, string>>
}) {
  const shown = speakers.length > maxTiles ? speakers.slice(0, maxTiles - 1) : speakers
  const hiddenCount = speakers.length - shown.length
  const tileCount = shown.length + (hiddenCount > 0 ? 1 : 0)
  const columns = tileCount <= 1 ? 1 : tileCount <= 4 ? 2 : 3
  const isLarge = tileCount <= 1
  const tileShape = columns === 1 ? 'max-lg:aspect-video' : 'max-lg:aspect-[4/3]'
  return (
    // Wide screens share the stage's height between the rows; on a phone the stage is as tall as its tiles.
    <ul aria-label="On stage" className={cn('grid gap-2 p-2 lg:size-full lg:auto-rows-fr', columnClasses[columns])}>
      {shown.map((speaker) => {
        const isSelf = speaker.userId === selfUserId
        const label = labels[speaker.userId] ?? roleLabelOf(speaker.role)
        const name = nameOf(speaker, names)
        return (
          <li key={speaker.userId} className={cn('relative flex items-center justify-center overflow-hidden rounded-xl bg-slate-800 lg:min-h-28', tileShape)}>
            {isSelf && selfMedia ? <OwnPicture media={selfMedia} name={name ?? label} isLarge={isLarge} /> : <Avatar name={name ?? label} isLarge={isLarge} />}
            <span className="absolute bottom-2 left-2 flex max-w-[calc(100%-1rem)] items-center gap-1.5 rounded-md bg-black/65 px-2 py-1 text-xs text-white">
              {isSelf && selfMedia && selfMedia.hasMic && !selfMedia.isMicOn ? <MicOff className="size-3.5 shrink-0 text-red-300" aria-label="Microphone muted" /> : null}
              <span className="truncate">
                {name ? (
                  <>
                    <span className="font-semibold">{isSelf ? `${name} (you)` : name}</span>
                    <span className="text-slate-300"> · {label}</span>
                  </>
                ) : (
                  <span className="font-semibold">{isSelf ? `${label} (you)` : label}</span>
                )}
              </span>
            </span>
          </li>
        )
      })}
      {hiddenCount > 0 ? (
        <li className={cn('flex items-center justify-center rounded-xl bg-slate-800 text-sm font-medium text-slate-200 lg:min-h-28', tileShape)}>+{hiddenCount} more on stage</li>
      ) : null}
    </ul>
  )
}
