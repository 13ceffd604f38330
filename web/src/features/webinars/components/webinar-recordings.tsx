import type { Recording } from '@webinar/shared/recordings'
import { formatDateTime, formatElapsed, formatTimeIn } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { Download, Film, Play, RotateCw, X } from 'lucide-react'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClasses } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { useWebinarRecordings } from '../api/get-webinar-recordings'

function whenRecorded(recording: Recording, timezone: string): string {
  if (!recording.startedAt) return `Ready ${formatDateTime(recording.readyAt, timezone)}`
  const start = formatDateTime(recording.startedAt, timezone)
  return recording.endedAt ? `${start} – ${formatTimeIn(recording.endedAt, timezone)}` : start
}

function RecordingRow({ recording, index, timezone }: { recording: Recording; index: number; timezone: string }) {
  const [isPlaying, setIsPlaying] = useState(false)
  const label = `Recording ${index + 1}`
  return (
    <li className="px-5 py-4 sm:px-6">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-900">
            {label}
            {recording.durationSeconds === null ? null : <span className="font-normal text-slate-500"> · {formatElapsed(recording.durationSeconds * 1000)}</span>}
          </p>
          <p className="mt-0.5 text-sm text-slate-600">{whenRecorded(recording, timezone)}</p>
          <p className="mt-0.5 truncate font-mono text-xs text-slate-500" title={recording.filename}>
            {recording.filename}
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" aria-expanded={isPlaying} onClick={() => setIsPlaying((shown) => !shown)}>
            {isPlaying ? <X className="size-4" aria-hidden /> : <Play className="size-4" aria-hidden />}
            {isPlaying ? 'Close' : 'Play'}
            <span className="sr-only"> {label}</span>
          </Button>
          {/* Stream's CDN is another origin: the browser opens the file rather than naming a download. */}
          <a href={recording.url} target="_blank" rel="noreferrer" download className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
            <Download className="size-4" aria-hidden />
            Download
            <span className="sr-only"> {label} (opens in a new tab)</span>
          </a>
        </div>
      </div>
      {isPlaying ? (
        <video src={recording.url} controls autoPlay playsInline aria-label={label} className="mt-4 aspect-video w-full max-w-3xl rounded-xl bg-black" />
      ) : null}
    </li>
  )
}

/**
 * The webinar's recordings, once it has gone live: each with when it ran, how long, a player and the file. Stream
 * is asked on the way (new recordings, fresh addresses); while an ended webinar has none, the list asks again.
 */
export function WebinarRecordings({ webinar }: { webinar: Webinar }) {
  const recordings = useWebinarRecordings(webinar.id, { isWaitingForOne: webinar.status === 'ended' && webinar.settings.record })
  return (
    <Card className="pb-1">
      <CardHeader title="Recordings" description="Made by Stream and listed here once it has prepared them, a few minutes after the end." />
      <div className="mt-4 border-t border-slate-100">
        {recordings.isPending ? (
          <div role="status" className="flex items-center gap-3 px-5 py-6 text-sm text-slate-500 sm:px-6">
            <Spinner className="size-5 text-accent-600" />
            Asking Stream for the recordings…
          </div>
        ) : recordings.isError ? (
          <div className="px-5 py-4 sm:px-6">
            <Alert title="The recordings could not be loaded">
              {errorMessageOf(recordings.error)}{' '}
              <Button variant="ghost" size="sm" onClick={() => void recordings.refetch()}>
                <RotateCw className="size-4" aria-hidden />
                Try again
              </Button>
            </Alert>
          </div>
        ) : (
          <>
            {recordings.data.streamError ? (
              <div className="px-5 pt-4 sm:px-6">
                <Alert tone="warning" title="Stream could not be asked just now">
                  These are the recordings known so far, and their links may have expired. {recordings.data.streamError}
                </Alert>
              </div>
            ) : null}
            {recordings.data.items.length === 0 ? (
              <EmptyState variant="list" icon={Film} isInCard={false} title="No recordings yet">
                {webinar.status === 'live'
                  ? 'Stream prepares the recording after the webinar ends.'
                  : webinar.settings.record
                    ? 'Stream is preparing the recording: it appears here by itself, and registrants get it by e-mail.'
                    : 'Recording was off for this webinar, unless the host started it in the studio.'}
              </EmptyState>
            ) : (
              <ul aria-label="Recordings" className="divide-y divide-slate-100">
                {recordings.data.items.map((recording, index) => (
                  <RecordingRow key={recording.id} recording={recording} index={index} timezone={webinar.timezone} />
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </Card>
  )
}
