import type { WebinarReport as Report } from '@webinar/shared/reports'
import { formatClock, formatWatchTime } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { ChartNoAxesColumn } from 'lucide-react'
import { Alert } from '@/components/ui/alert'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PageLoading } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { liveReportPollMs, useWebinarReport } from '../api/get-webinar-report'
import { formatRate } from '../utils/format-rate'
import { RegistrationsChart, ViewersChart } from './report-charts'
import { Stat, StatList } from './report-stat'

const count = (value: number) => value.toLocaleString()

/** Live: the numbers move on their own, and say how fresh they are. Ended: they will not change any more. */
function Freshness({ webinar, updatedAt }: { webinar: Webinar; updatedAt: number }) {
  if (webinar.status === 'live') {
    return (
      <p className="flex items-start gap-2 text-sm text-slate-600">
        <span className="relative mt-1.5 flex size-2.5 shrink-0" aria-hidden>
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-red-400 opacity-75" />
          <span className="relative inline-flex size-2.5 rounded-full bg-red-500" />
        </span>
        <span>
          The webinar is on air: these numbers update every {liveReportPollMs / 1000} seconds, last at{' '}
          <time dateTime={new Date(updatedAt).toISOString()}>{formatClock(new Date(updatedAt))}</time>.
        </span>
      </p>
    )
  }
  if (webinar.status === 'ended') return <p className="text-sm text-slate-600">Final numbers: the webinar has ended.</p>
  return null
}

function attendedNote(thresholdSeconds: number): string {
  return thresholdSeconds === 0 ? 'everyone who joined' : `watched ${formatWatchTime(thresholdSeconds)} or more`
}

function Headlines({ report, webinar }: { report: Report; webinar: Webinar }) {
  // Watch times of nobody are no times at all: a dash, not "under 1 min".
  const watchTime = (seconds: number) => (report.joined === 0 ? '—' : formatWatchTime(seconds))
  return (
    // Watch times are the longest figures ("1 h 45 min"): their card gets the wider column.
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <Card className="pb-5 lg:col-span-2">
        <CardHeader title="Audience" description="From registration to the live webinar. Hosts and staff in the call are not counted." />
        <StatList label="Audience" className="mt-4 grid-cols-2 px-5 sm:grid-cols-3 sm:px-6 lg:grid-cols-5">
          <Stat label="Registered" value={count(report.registered)} note="in any state" />
          <Stat label="Approved" value={count(report.approved)} note="may join" />
          <Stat label="Joined" value={count(report.joined)} note="were there at some point" />
          <Stat label="Attended" value={count(report.attended)} note={attendedNote(webinar.attendedThresholdSeconds)} />
          <Stat label="Attendance rate" value={formatRate(report.attendanceRate)} note="attended of approved" />
        </StatList>
      </Card>
      <Card className="pb-5">
        <CardHeader title="Watching" />
        <StatList label="Watching" className="mt-4 grid-cols-2 px-5 sm:grid-cols-3 sm:px-6">
          <Stat label="Average watch time" value={watchTime(report.averageWatchSeconds)} note="of those who joined" />
          <Stat label="Median watch time" value={watchTime(report.medianWatchSeconds)} note="half watched longer" />
          <Stat label="Peak concurrent" value={count(report.peakConcurrent)} note="viewers at once" />
        </StatList>
      </Card>
      <Card className="pb-5">
        <CardHeader title="In the room" />
        <StatList label="In the room" className="mt-4 grid-cols-3 px-5 sm:px-6">
          <Stat label="Chat messages" value={count(report.chatMessages)} />
          <Stat label="Questions" value={count(report.questions)} />
          <Stat label="Poll votes" value={count(report.pollVotes)} />
        </StatList>
      </Card>
    </div>
  )
}

/** Before the webinar has been live there is no attendance to show: say so, with the registrations so far. */
function NotRunYet({ webinar, report }: { webinar: Webinar; report: Report }) {
  const isCancelled = webinar.status === 'cancelled'
  return (
    <EmptyState icon={ChartNoAxesColumn} title={isCancelled ? 'This webinar never went live' : 'No attendance to report yet'}>
      {isCancelled
        ? 'It was cancelled before it started, so there is nobody’s attendance to show.'
        : 'Attendance, watch time, viewers over time and the room’s activity appear here once the webinar goes live.'}{' '}
      {report.registered === 0 ? 'Nobody has registered.' : `So far ${count(report.registered)} registered and ${count(report.approved)} approved.`}
    </EmptyState>
  )
}

/**
 * How the webinar went: headline numbers, viewers per minute and registrations per day (charts with their numbers
 * in tables under them). It follows the webinar: asked again every few seconds while live, once more as it ends.
 */
export function WebinarReport({ webinar }: { webinar: Webinar }) {
  const report = useWebinarReport(webinar.id, webinar.status)
  if (report.isPending) return <PageLoading label="Loading the report…" />
  if (report.isError) return <Alert title="The report could not be loaded">{errorMessageOf(report.error)} Reload the page to try again.</Alert>
  const hasRun = webinar.liveStartedAt !== null
  return (
    <div className="space-y-6">
      <Freshness webinar={webinar} updatedAt={report.dataUpdatedAt} />
      {hasRun ? (
        <>
          <Headlines report={report.data} webinar={webinar} />
          <ViewersChart timeline={report.data.timeline} />
        </>
      ) : (
        <NotRunYet webinar={webinar} report={report.data} />
      )}
      {report.data.registrationsByDay.length > 0 ? (
        <RegistrationsChart registrationsByDay={report.data.registrationsByDay} timezone={webinar.timezone} />
      ) : hasRun ? (
        <EmptyState variant="list" title="Nobody registered for this webinar" />
      ) : null}
    </div>
  )
}
