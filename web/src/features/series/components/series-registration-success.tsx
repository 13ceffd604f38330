import type { SeriesRegistrationReceipt } from '@webinar/shared/series'
import { formatShortDate, formatClock } from '@webinar/shared/time-format'
import { MailCheck } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { Card } from '@/components/ui/card'
import { viewerTimezone } from '@/lib/viewer-timezone'

const statusLabels: Record<string, string> = { approved: 'Registered', pending: 'Awaiting approval', waitlisted: 'On the waitlist' }

/**
 * After registering for every upcoming session: one e-mail carries a personal link for each. Like a webinar's
 * success screen, it reads the same whether the address was new or already registered.
 */
export function SeriesRegistrationSuccess({ receipt }: { receipt: SeriesRegistrationReceipt }) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The form this replaces had the focus: move it here, so screen readers hear the outcome.
  useEffect(() => headingRef.current?.focus(), [])
  const count = receipt.occurrences.length
  const isAnyWaiting = receipt.occurrences.some((occurrence) => occurrence.status !== 'approved')
  return (
    <Card className="px-5 py-7 sm:px-7">
      <div className="flex size-12 items-center justify-center rounded-2xl bg-emerald-50 text-emerald-600">
        <MailCheck className="size-6" aria-hidden />
      </div>
      <h2 ref={headingRef} tabIndex={-1} className="mt-4 text-xl font-semibold tracking-tight text-slate-900 focus:outline-none">
        You’re registered for {count} {count === 1 ? 'session' : 'sessions'}
      </h2>
      <div className="mt-2 space-y-3 text-sm leading-6 text-slate-600">
        <p>
          Check your inbox: we sent one e-mail with a personal link for each session to{' '}
          <strong className="font-medium wrap-anywhere text-slate-900">{receipt.email}</strong>. Keep it: each link is how you get into its session.
        </p>
        {isAnyWaiting ? <p>Sessions that are full or need the organiser’s approval get an e-mail of their own saying where you stand.</p> : null}
        <p className="text-xs text-slate-500">Times on your clock ({viewerTimezone()}):</p>
        <ul aria-label="Your sessions" className="-mt-2 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
          {receipt.occurrences.map((occurrence) => (
            <li key={occurrence.webinarId} className="flex items-center justify-between gap-3 px-3.5 py-2">
              <time dateTime={occurrence.startTime} className="text-slate-800">
                {formatShortDate(occurrence.startTime)}, {formatClock(occurrence.startTime)}
              </time>
              <span className="text-xs text-slate-500">{statusLabels[occurrence.status] ?? occurrence.status}</span>
            </li>
          ))}
        </ul>
        <div className="space-y-1 text-slate-500">
          <p>Already registered with this address? Your registrations stay as they were, and we’ve sent you your links again.</p>
          <p>Nothing in your inbox after a few minutes? Check your spam folder.</p>
        </div>
      </div>
    </Card>
  )
}
