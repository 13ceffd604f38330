import { formatDateTime, formatDuration, formatTimeIn } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { Check, ExternalLink, Minus, RadioTower, Video } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { Card, CardHeader } from '@/components/ui/card'
import { CopyButton } from '@/components/ui/copy-button'
import { cn } from '@/lib/cn'
import { ProvisioningState } from './provisioning-state'
import { WebinarRecordings } from './webinar-recordings'
import { WebinarWhen } from './webinar-when'

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-5 py-3.5 sm:grid-cols-[11rem_minmax(0,1fr)] sm:gap-4 sm:px-6">
      <dt className="text-sm font-medium text-slate-500">{term}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  )
}

function DetailList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl aria-label={label} className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
      {children}
    </dl>
  )
}

function Code({ children, className }: { children: ReactNode; className?: string }) {
  return <code className={cn('font-mono text-[13px] break-all text-slate-800', className)}>{children}</code>
}

function Setting({ isOn, children }: { isOn: boolean; children: ReactNode }) {
  return (
    <li className={cn('flex items-center gap-2 text-sm', isOn ? 'text-slate-900' : 'text-slate-500')}>
      {isOn ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Minus className="size-4" aria-hidden />}
      <span>
        {children}
        <span className="sr-only">{isOn ? ' (on)' : ' (off)'}</span>
      </span>
    </li>
  )
}

const viewerModeLabels: Record<Webinar['settings']['viewerMode'], { label: string; tradeOff: string }> = {
  webrtc: { label: 'in the call (WebRTC)', tradeOff: 'within a second of you, for up to a few thousand viewers.' },
  hls: { label: 'the broadcast (HLS)', tradeOff: 'any audience size, 10–30 seconds behind you.' },
}

/** Everything about the webinar at a glance: schedule, audience, the room, and its Stream call. */
export function WebinarOverview({ webinar }: { webinar: Webinar }) {
  const publicUrl = `${window.location.origin}/w/${webinar.slug}`
  const studioPath = `/studio/${webinar.id}`
  const studioUrl = `${window.location.origin}${studioPath}`
  // The studio is for running the webinar: once it is over or called off, there is nothing to present.
  const isRunnable = webinar.status !== 'ended' && webinar.status !== 'cancelled'
  const { settings } = webinar
  const hasRecordingsToShow = webinar.status === 'live' || webinar.status === 'ended' || webinar.liveStartedAt !== null
  return (
    <div className="space-y-6">
      {/* After the webinar, its recordings come first: what its host comes back for. */}
      {hasRecordingsToShow ? <WebinarRecordings webinar={webinar} /> : null}
      {/* On phones the call comes right after the overview; on wide screens it sits in its own column. */}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Card className="pb-1 lg:col-start-1 lg:row-start-1">
          <CardHeader title="Overview" />
          <DetailList label="Overview">
            <Detail term="Starts">
              <WebinarWhen webinar={webinar} />
            </Detail>
            <Detail term="Duration">
              {formatDuration(webinar.durationMinutes)}
              <span className="text-slate-500"> · ends {formatTimeIn(webinar.endTime, webinar.timezone)}</span>
            </Detail>
            <Detail term="Capacity">{webinar.capacity === null ? 'Unlimited' : `${webinar.capacity.toLocaleString()} seats`}</Detail>
            <Detail term="Approval">
              {webinar.approvalMode === 'auto' ? 'Automatic: join links go out on registration' : 'Manual: you approve each registration'}
            </Detail>
            {webinar.registrationDeadline ? (
              <Detail term="Registration closes">{formatDateTime(webinar.registrationDeadline, webinar.timezone, { hasWeekday: true })}</Detail>
            ) : null}
            <Detail term="Host">
              {webinar.host.name}
              <span className="block text-slate-500">{webinar.host.email}</span>
            </Detail>
            <Detail term="Public page">
              <span className="flex items-center gap-1">
                <a
                  href={`/w/${webinar.slug}`}
                  target="_blank"
                  rel="noreferrer"
                  className="group inline-flex min-w-0 items-start gap-1.5 rounded-sm text-accent-700 hover:text-accent-600"
                >
                  <Code className="text-current group-hover:underline">{publicUrl}</Code>
                  <ExternalLink className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
                <CopyButton value={publicUrl} label="Copy the public page address" />
              </span>
              <span className="mt-0.5 block text-slate-500">Where people register. Share this address.</span>
            </Detail>
            {isRunnable ? (
              <Detail term="Studio">
                <span className="flex items-center gap-1">
                  <Link to={studioPath} className="group inline-flex min-w-0 items-start gap-1.5 rounded-sm text-accent-700 hover:text-accent-600">
                    <Code className="text-current group-hover:underline">{studioUrl}</Code>
                  </Link>
                  <CopyButton value={studioUrl} label="Copy the studio address" />
                </span>
                <span className="mt-0.5 block text-slate-500">Where the host and co-hosts present from, signed in. Not for attendees.</span>
              </Detail>
            ) : null}
          </DetailList>
        </Card>

        <Card className="pb-1 lg:col-start-2 lg:row-span-3 lg:row-start-1">
          <CardHeader title="Stream call" description="The video call this webinar runs on." />
          <div className="px-5 pt-4 pb-2 sm:px-6">
            <ProvisioningState webinar={webinar} isDetailed />
          </div>
          <dl aria-label="Stream call" className="mt-2 divide-y divide-slate-100 border-t border-slate-100">
            <div className="px-5 py-3 sm:px-6">
              <dt className="text-xs font-medium text-slate-500">Call type</dt>
              <dd className="mt-0.5">
                <Code>{webinar.streamCallType}</Code>
              </dd>
            </div>
            <div className="px-5 py-3 sm:px-6">
              <dt className="text-xs font-medium text-slate-500">Call id</dt>
              <dd className="mt-0.5 flex items-start gap-1">
                <Code className="py-1 text-xs">{webinar.streamCallId}</Code>
                <CopyButton value={webinar.streamCallId} label="Copy the call id" />
              </dd>
            </div>
            {webinar.hlsPlaylistUrl ? (
              <div className="px-5 py-3 sm:px-6">
                <dt className="text-xs font-medium text-slate-500">HLS playlist</dt>
                <dd className="mt-0.5">
                  <Code>{webinar.hlsPlaylistUrl}</Code>
                </dd>
              </div>
            ) : null}
          </dl>
        </Card>

        <Card className="px-5 py-5 sm:px-6 sm:py-6 lg:col-start-1 lg:row-start-2">
          <h2 className="text-base font-semibold text-slate-900">In the room</h2>
          <p className="mt-4 flex items-start gap-2.5 rounded-lg bg-slate-50 px-3.5 py-2.5 text-sm text-slate-700">
            {settings.viewerMode === 'hls' ? (
              <RadioTower className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
            ) : (
              <Video className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
            )}
            <span>
              Attendees watch <strong className="font-medium text-slate-900">{viewerModeLabels[settings.viewerMode].label}</strong>:{' '}
              {viewerModeLabels[settings.viewerMode].tradeOff}
            </span>
          </p>
          <ul className="mt-4 grid gap-2.5 sm:grid-cols-2">
            <Setting isOn={settings.record}>Recording</Setting>
            <Setting isOn={settings.captions}>Closed captions from the start</Setting>
            <Setting isOn={settings.chat}>Chat</Setting>
            <Setting isOn={settings.qna}>Q&amp;A</Setting>
            <Setting isOn={settings.handRaising}>Raising a hand to speak</Setting>
            <Setting isOn={settings.chatSlowModeSeconds > 0}>
              {settings.chatSlowModeSeconds > 0 ? `Slow mode: one message every ${settings.chatSlowModeSeconds} s` : 'Slow mode'}
            </Setting>
          </ul>
          <p className="mt-4 text-sm text-slate-600">
            Attendees may enter {settings.joinAheadSeconds === 0 ? 'at the start' : `${formatDuration(Math.round(settings.joinAheadSeconds / 60))} early`}.
          </p>
        </Card>

        {webinar.description.trim() ? (
          <Card className="px-5 py-5 sm:px-6 sm:py-6 lg:col-start-1 lg:row-start-3">
            <h2 className="text-base font-semibold text-slate-900">Description</h2>
            <p className="mt-3 text-sm leading-6 break-words whitespace-pre-line text-slate-700">{webinar.description}</p>
          </Card>
        ) : null}
      </div>
    </div>
  )
}
