import type { JoinView } from '@webinar/shared/registrations'
import { formatMoment } from '@webinar/shared/time-format'
import { DoorOpen, LogIn } from 'lucide-react'
import { AddToCalendar } from '@/components/ui/add-to-calendar'
import { buttonClasses } from '@/components/ui/button'
import { cn } from '@/lib/cn'
import { Card } from '@/components/ui/card'
import { googleCalendarUrl, outlookCalendarUrl } from '@/lib/calendar-links'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { calendarFileUrl } from '../api/get-join-view'
import { Countdown } from './countdown'
import { WebinarSchedule } from './webinar-schedule'

function minutesEarly(view: JoinView): number {
  return Math.round((Date.parse(view.webinar.startTime) - Date.parse(view.joinOpensAt)) / 60_000)
}

/** An approved registrant before the webinar: how long until the doors open, and everything to be ready. */
export function WaitingRoom({ token, view, now }: { token: string; view: JoinView; now: number }) {
  const { webinar } = view
  const isOpen = now >= Date.parse(view.joinOpensAt) || webinar.status === 'live'
  const early = minutesEarly(view)
  const calendarEvent = {
    title: webinar.title,
    startTime: webinar.startTime,
    endTime: webinar.endTime,
    details: [webinar.description.trim(), `Join: ${window.location.href}`].filter(Boolean).join('\n\n'),
    location: window.location.href,
  }

  return (
    <Card className="px-5 py-7 sm:px-7">
      {isOpen ? (
        <div className="flex gap-4 rounded-xl bg-emerald-50 p-4 ring-1 ring-emerald-200 ring-inset">
          <DoorOpen className="mt-0.5 size-6 shrink-0 text-emerald-600" aria-hidden />
          <div className="min-w-0 flex-1">
            <h2 className="font-semibold text-emerald-900">{webinar.status === 'live' ? 'The webinar is live' : 'The room is open'}</h2>
            <p className="mt-1 text-sm leading-6 text-emerald-800">
              {webinar.status === 'live' ? 'Come on in.' : 'Chat with the others while you wait; when the host starts, this page takes you in.'}
            </p>
            {/* The room is the app's (app/public-app.tsx): the browser loads it as a page. */}
            <a href={`/join/${encodeURIComponent(token)}/room`} className={cn(buttonClasses(), 'mt-4')}>
              <LogIn className="size-4" aria-hidden />
              Join now
            </a>
          </div>
        </div>
      ) : (
        <>
          <h2 className="sr-only">You’re registered</h2>
          <Countdown target={view.joinOpensAt} now={now} label="The room opens in" />
          <p className="mt-4 text-sm leading-6 text-slate-600">
            Come back to this page from <span className="font-medium text-slate-900">{formatMoment(view.joinOpensAt)}</span> your time (
            {viewerTimezone()}){early > 0 ? `, ${early} minutes before the start` : ''}: the room opens here, no app needed. Keep this page
            open and it takes you in when the host starts.
          </p>
        </>
      )}

      <div className="mt-7 border-t border-slate-100 pt-6">
        <WebinarSchedule webinar={webinar} />
      </div>

      <AddToCalendar
        className="mt-7 border-t border-slate-100 pt-6"
        google={googleCalendarUrl(calendarEvent)}
        outlook={outlookCalendarUrl(calendarEvent)}
        ics={calendarFileUrl(token)}
      />

      <p className="mt-7 border-t border-slate-100 pt-5 text-sm text-slate-600">
        Can’t make it?{' '}
        <a href={`/join/${encodeURIComponent(token)}/cancel`} className="font-medium text-accent-700 underline-offset-2 hover:underline">
          Cancel my registration
        </a>
      </p>
    </Card>
  )
}
