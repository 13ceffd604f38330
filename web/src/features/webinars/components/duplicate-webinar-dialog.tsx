import { formatDateTime, formatTimeIn } from '@webinar/shared/time-format'
import { isSameClock } from '@webinar/shared/timezones'
import { defaultDuplicateStartTime, type Webinar } from '@webinar/shared/webinars'
import { useId, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Dialog, DialogContent, DialogFormActions } from '@/components/ui/dialog'
import { FieldError } from '@/components/ui/field'
import { inputClasses } from '@/components/ui/text-field'
import { isApiError, errorMessageOf } from '@/lib/api-error'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { useDuplicateWebinar } from '../api/duplicate-webinar'
import { timezoneLabel, toStartTime, wallClockIn } from '../utils/schedule'

/** The new start, on the webinar's own clocks (the copy keeps its time zone), prefilled as the server would choose it. */
function DuplicateForm({ webinar, onDone }: { webinar: Webinar; onDone: () => void }) {
  const duplicate = useDuplicateWebinar()
  const navigate = useNavigate()
  const ids = { date: useId(), time: useId(), when: useId() }
  const [wallClock, setWallClock] = useState(() =>
    wallClockIn(defaultDuplicateStartTime(new Date(webinar.startTime), new Date()).toISOString(), webinar.timezone),
  )
  const [startError, setStartError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const startTime = toStartTime(wallClock, webinar.timezone)
  // A changed date or time is a new answer: the refusal of the old one goes, the preview comes back.
  const changeWallClock = (change: Partial<typeof wallClock>) => {
    setWallClock((current) => ({ ...current, ...change }))
    setStartError(null)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    if (!startTime) {
      setStartError('Enter a date and a start time.')
      return
    }
    setStartError(null)
    duplicate.mutate(
      { webinarId: webinar.id, startTime },
      {
        onSuccess: (copy) => {
          toast.success(`Copy scheduled for ${formatDateTime(copy.startTime, copy.timezone, { hasWeekday: true })}.`, {
            description: 'Share its own public page: registrations start afresh.',
          })
          onDone()
          void navigate(`/admin/webinars/${copy.id}`)
        },
        onError: (error) => {
          const field = isApiError(error) ? error.fields.startTime : undefined
          if (field) setStartError(`The start ${field}.`)
          else setFormError(errorMessageOf(error))
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset aria-describedby={startError ? `${ids.when}-error` : `${ids.when}-preview`} className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">
          New start <span className="font-normal text-slate-500">({timezoneLabel(webinar.timezone)} time)</span>
        </legend>
        <div className="grid grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)] gap-3">
          <div className="space-y-1.5">
            <label htmlFor={ids.date} className="block text-sm text-slate-600">
              Date
            </label>
            <input
              id={ids.date}
              type="date"
              required
              value={wallClock.date}
              aria-invalid={startError ? true : undefined}
              onChange={(event) => changeWallClock({ date: event.target.value })}
              className={inputClasses}
            />
          </div>
          <div className="space-y-1.5">
            <label htmlFor={ids.time} className="block text-sm text-slate-600">
              Start time
            </label>
            <input
              id={ids.time}
              type="time"
              required
              value={wallClock.time}
              aria-invalid={startError ? true : undefined}
              onChange={(event) => changeWallClock({ time: event.target.value })}
              className={inputClasses}
            />
          </div>
        </div>
        {startError ? (
          <FieldError id={`${ids.when}-error`}>{startError}</FieldError>
        ) : (
          <p id={`${ids.when}-preview`} className="rounded-lg bg-slate-50 px-3.5 py-2.5 text-sm text-slate-600">
            {startTime ? (
              <>
                Starts <span className="font-medium text-slate-900">{formatDateTime(startTime, webinar.timezone, { hasWeekday: true })}</span>
                {isSameClock(startTime, webinar.timezone, viewerTimezone()) ? null : <> · {formatTimeIn(startTime, undefined, webinar.timezone)} your time</>}
              </>
            ) : (
              <>Choose a date and a time.</>
            )}
          </p>
        )}
      </fieldset>
      <div className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <p className="font-medium text-slate-800">Copied</p>
          <p className="mt-1 text-slate-600">Title, description, time zone, duration, seats, approval, room settings and the registration form.</p>
        </div>
        <div>
          <p className="font-medium text-slate-800">Not copied</p>
          <p className="mt-1 text-slate-600">Registrations, co-hosts and panelists, mail and recordings. The copy gets its own address and call.</p>
        </div>
      </div>
      <DialogFormActions submitLabel="Duplicate webinar" pendingLabel="Duplicating…" isPending={duplicate.isPending} />
    </form>
  )
}

/**
 * Schedules a copy of the webinar at a new time (a week later by default: the next session of a weekly webinar)
 * and opens the copy's page.
 */
export function DuplicateWebinarDialog({ webinar, open, onOpenChange }: { webinar: Webinar; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Duplicate webinar"
        description={
          <>
            A new webinar like <strong className="font-medium text-slate-900">{webinar.title}</strong>, with the same title, at the time you choose.
            You can edit it afterwards.
          </>
        }
      >
        <DuplicateForm webinar={webinar} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  )
}
