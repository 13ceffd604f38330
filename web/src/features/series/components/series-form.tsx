import { TZDate } from '@date-fns/tz'
import { CreateSeriesBody, maxSeriesOccurrences, SeriesRecurrence } from '@webinar/shared/series'
import { formatDateTime, formatTimeIn } from '@webinar/shared/time-format'
import { isKnownTimezone, isSameClock } from '@webinar/shared/timezones'
import { Repeat } from 'lucide-react'
import { useEffect, useId, useState, type ReactNode } from 'react'
import { useForm, useWatch, type Path } from 'react-hook-form'
import { Link, useNavigate } from 'react-router'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClasses } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { ChoiceCard } from '@/components/ui/choice-card'
import { Field, FieldError } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { inputClasses, TextField } from '@/components/ui/text-field'
import { Textarea } from '@/components/ui/textarea'
import { TimezoneSelect } from '@/features/webinars/components/timezone-select'
import { ApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { useCreateSeries } from '../api/create-series'
import { describeSeriesRule, weekdayNames, weekdayOf, weekdays } from '../utils/recurrence'
import { newSeriesFormValues, recurrenceOf, seriesBodyOf, seriesInputOf, type SeriesFormValues } from '../utils/series-form-values'

const duration = limitsOf(CreateSeriesBody.properties.durationMinutes)
const interval = limitsOf(SeriesRecurrence.properties.interval)

const resolver = schemaResolver<SeriesFormValues>(CreateSeriesBody, {
  bodyOf: seriesBodyOf,
  fieldOf: seriesInputOf,
  messages: {
    title: 'Give the series a title.',
    firstDate: 'Choose the day of the first session.',
    localTime: 'Choose when the sessions start.',
    timezone: 'Choose a time zone.',
    durationMinutes: `Enter a duration from ${duration.minimum} to ${duration.maximum} minutes.`,
    interval: `Enter a number from ${interval.minimum} to ${interval.maximum}.`,
    weekdays: 'Choose at least one day of the week.',
    count: `Enter 1 to ${maxSeriesOccurrences} sessions.`,
    until: 'Choose the date of the last session.',
    capacity: 'Enter a number of seats, or leave it empty.',
  },
  alsoCheck: (values): Record<string, string> => (values.timezone === '' || isKnownTimezone(values.timezone) ? {} : { timezone: 'Choose a time zone.' }),
})

/** The inputs a server's field error can land at; anything else is said at the top of the form. */
const formFields: Path<SeriesFormValues>[] = [
  'title',
  'description',
  'timezone',
  'firstDate',
  'localTime',
  'durationMinutes',
  'interval',
  'weekdays',
  'count',
  'until',
  'capacity',
  'approvalMode',
]

/** The server's field names as the form's inputs; the rule as a whole goes under the repetition. */
function withFormFieldNames(error: unknown): { error: unknown; ruleMessage: string | null } {
  if (!(error instanceof ApiError)) return { error, ruleMessage: null }
  let ruleMessage: string | null = null
  const fields: Record<string, string> = {}
  for (const [field, message] of Object.entries(error.fields)) {
    const input = seriesInputOf(field)
    if (input === 'root.recurrence') ruleMessage = message
    else fields[input] = message
  }
  return { error: new ApiError({ status: error.status, code: error.code, message: error.message, fields, requestId: error.requestId }), ruleMessage }
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <div className="space-y-5 px-5 pt-5 pb-6 sm:px-6">{children}</div>
    </Card>
  )
}

const approvalChoices = [
  { value: 'auto', label: 'Automatic', description: 'Everyone who registers gets their join links straight away.' },
  { value: 'manual', label: 'Manual', description: 'You approve each registration before a join link is sent.' },
] as const

/** The first session's instant, for the preview: null until the day and the time are there. */
function firstStartOf(values: Pick<SeriesFormValues, 'firstDate' | 'localTime' | 'timezone'>): string | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.firstDate)
  const time = /^(\d{2}):(\d{2})/.exec(values.localTime)
  if (!date || !time || !isKnownTimezone(values.timezone)) return null
  const instant = new TZDate(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]), values.timezone)
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString()
}

/**
 * Scheduling a recurring series: a first date and a time of day on the series' clocks, how it repeats and when it
 * ends. The server makes the dates (and refuses a time the clocks skip on one of them); the form says the rule in
 * words as it is typed.
 */
export function SeriesForm() {
  const createSeries = useCreateSeries()
  const navigate = useNavigate()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, dirtyFields, isSubmitting },
  } = useForm<SeriesFormValues>({ defaultValues: newSeriesFormValues(), resolver })
  const ids = {
    firstDate: useId(),
    localTime: useId(),
    timezone: useId(),
    when: useId(),
    repeat: useId(),
    interval: useId(),
    intervalUnit: useId(),
    weekdays: useId(),
    summary: useId(),
  }
  const values = useWatch({ control }) as SeriesFormValues
  const { firstDate, frequency, end } = values

  // Until the organiser picks days, a weekly series repeats on its first date's weekday.
  const firstWeekday = weekdayOf(firstDate)
  useEffect(() => {
    if (firstWeekday && !dirtyFields.weekdays) setValue('weekdays', [firstWeekday])
  }, [firstWeekday, dirtyFields.weekdays, setValue])

  const firstStart = firstStartOf(values)
  const recurrence = recurrenceOf(values)
  const isRuleComplete =
    firstStart !== null &&
    Number.isInteger(recurrence.interval) &&
    (recurrence.count === undefined ? weekdayOf(recurrence.until ?? '') !== null : Number.isInteger(recurrence.count)) &&
    (frequency === 'monthly' || values.weekdays.length > 0)
  const summary = isRuleComplete ? describeSeriesRule({ recurrence, firstDate, localTime: values.localTime, timezone: values.timezone }) : null

  const submit = handleSubmit(async (submitted) => {
    setFormError(null)
    try {
      const series = await createSeries.mutateAsync(seriesBodyOf(submitted))
      toast.success(`“${series.title}” is scheduled: ${series.occurrences.length} ${series.occurrences.length === 1 ? 'session' : 'sessions'} so far.`)
      navigate(`/admin/series/${series.id}`)
    } catch (error) {
      const { error: named, ruleMessage } = withFormFieldNames(error)
      if (ruleMessage) setError('root.recurrence', { type: 'server', message: ruleMessage })
      const message = applyServerErrors(named, setError, formFields)
      // The rule's own problem sits under the repetition: the top of the form only points there.
      setFormError(ruleMessage && named instanceof ApiError && Object.keys(named.fields).length === 0 ? 'Please correct the highlighted fields.' : message)
    }
  })

  const unit = frequency === 'weekly' ? 'weeks' : 'months'
  const whenError = errors.firstDate?.message ?? errors.localTime?.message ?? errors.timezone?.message
  const ruleError = errors.root?.recurrence?.message

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      {formError ? <Alert>{formError}</Alert> : null}

      <Section title="About" description="What people see on the series’ registration page and in their e-mails.">
        <TextField
          label="Title"
          placeholder="e.g. Weekly product office hours"
          autoComplete="off"
          maxLength={limitsOf(CreateSeriesBody.properties.title).maxLength}
          error={errors.title?.message}
          {...register('title')}
        />
        <Field label={<>Description <span className="font-normal text-slate-500">(optional)</span></>} error={errors.description?.message}>
          {(controlProps) => (
            <Textarea
              {...controlProps}
              maxLength={limitsOf(CreateSeriesBody.properties.description).maxLength}
              placeholder="What happens in each session? Who is it for?"
              {...register('description')}
            />
          )}
        </Field>
      </Section>

      <Section
        title="When"
        description="The first session’s date and the time of day, as the clocks show them in the series’ time zone. Every session starts at that time, also after a daylight-saving change."
      >
        <fieldset aria-describedby={whenError ? `${ids.when}-error` : undefined} className="space-y-3">
          <legend className="sr-only">First session</legend>
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,0.7fr)_minmax(0,1.6fr)]">
            <div className="space-y-1.5">
              <label htmlFor={ids.firstDate} className="block text-sm font-medium text-slate-800">
                First date
              </label>
              <input id={ids.firstDate} type="date" aria-invalid={errors.firstDate ? true : undefined} className={inputClasses} {...register('firstDate')} />
            </div>
            <div className="space-y-1.5">
              <label htmlFor={ids.localTime} className="block text-sm font-medium text-slate-800">
                Start time
              </label>
              <input id={ids.localTime} type="time" aria-invalid={errors.localTime ? true : undefined} className={inputClasses} {...register('localTime')} />
            </div>
            <div className="space-y-1.5">
              <label htmlFor={ids.timezone} className="block text-sm font-medium text-slate-800">
                Time zone
              </label>
              <TimezoneSelect id={ids.timezone} aria-invalid={errors.timezone ? true : undefined} chosen={values.timezone} {...register('timezone')} />
            </div>
          </div>
          {/* Said under the three together: a time the clocks skip is about the time, the day and the zone at once. */}
          {whenError ? <FieldError id={`${ids.when}-error`}>{whenError}</FieldError> : null}
        </fieldset>
        <TextField
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          min={duration.minimum}
          max={duration.maximum}
          step={1}
          className="sm:[&_input]:max-w-48"
          error={errors.durationMinutes?.message}
          {...register('durationMinutes')}
        />
      </Section>

      <Section title="Repeats" description="Each session is a webinar of its own, with its own registrations and Stream call.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={ids.repeat} label="Repeat">
            {(controlProps) => (
              <Select {...controlProps} {...register('frequency')}>
                <option value="weekly">Weekly</option>
                <option value="monthly">Monthly</option>
              </Select>
            )}
          </Field>
          <div className="space-y-1.5">
            <label htmlFor={ids.interval} className="block text-sm font-medium text-slate-800">
              Every
            </label>
            <div className="flex items-center gap-3">
              <input
                id={ids.interval}
                type="number"
                inputMode="numeric"
                min={interval.minimum}
                max={interval.maximum}
                step={1}
                aria-invalid={errors.interval ? true : undefined}
                aria-describedby={cn(ids.intervalUnit, errors.interval && `${ids.interval}-error`)}
                className={cn(inputClasses, 'max-w-24')}
                {...register('interval')}
              />
              <span id={ids.intervalUnit} className="text-sm text-slate-700">
                {unit}
              </span>
            </div>
            {errors.interval?.message ? <FieldError id={`${ids.interval}-error`}>{errors.interval.message}</FieldError> : null}
          </div>
        </div>

        {frequency === 'weekly' ? (
          <fieldset aria-describedby={errors.weekdays ? `${ids.weekdays}-error` : undefined}>
            <legend className="text-sm font-medium text-slate-800">On</legend>
            <div className="mt-2 flex flex-wrap gap-2">
              {weekdays.map((day) => (
                <label
                  key={day}
                  className={cn(
                    'flex h-10 min-w-14 cursor-pointer items-center justify-center rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset transition-colors hover:bg-slate-50',
                    'has-checked:bg-accent-600 has-checked:text-white has-checked:ring-accent-600 has-checked:hover:bg-accent-700',
                    'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-600',
                  )}
                >
                  <input type="checkbox" value={day} className="sr-only" {...register('weekdays')} />
                  <span aria-hidden>{weekdayNames[day].short}</span>
                  <span className="sr-only">{weekdayNames[day].long}</span>
                </label>
              ))}
            </div>
            {errors.weekdays?.message ? <FieldError id={`${ids.weekdays}-error`}>{errors.weekdays.message}</FieldError> : null}
          </fieldset>
        ) : (
          <p className="text-sm text-slate-600">
            {firstWeekday
              ? 'Monthly on the same weekday as the first date (“the second Tuesday”); a fifth weekday counts as the last one of the month.'
              : 'Monthly on the same weekday as the first date, e.g. “the second Tuesday”.'}
          </p>
        )}

        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Ends</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            <ChoiceCard
              label="After a number of sessions"
              description={`Up to ${maxSeriesOccurrences} sessions.`}
              inputProps={{ value: 'count', ...register('end') }}
            />
            <ChoiceCard label="On a date" description="The last session is on or before that date." inputProps={{ value: 'until', ...register('end') }} />
          </div>
          <div className="mt-4">
            {end === 'count' ? (
              <TextField
                label="Number of sessions"
                type="number"
                inputMode="numeric"
                min={1}
                max={maxSeriesOccurrences}
                step={1}
                className="sm:[&_input]:max-w-48"
                error={errors.count?.message}
                {...register('count')}
              />
            ) : (
              <TextField label="Last date" type="date" className="sm:[&_input]:max-w-56" error={errors.until?.message} {...register('until')} />
            )}
          </div>
        </fieldset>

        {ruleError ? (
          <FieldError id={`${ids.summary}-error`}>{ruleError}</FieldError>
        ) : summary ? (
          <div id={ids.summary} aria-live="polite" className="flex gap-3 rounded-lg bg-slate-50 px-3.5 py-3 text-sm text-slate-600">
            <Repeat className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
            <div>
              <p className="font-medium text-slate-900">{summary}</p>
              {firstStart ? (
                <p className="mt-0.5">
                  First session {formatDateTime(firstStart, values.timezone, { hasWeekday: true })}
                  {isSameClock(firstStart, values.timezone, viewerTimezone()) ? null : <> · {formatTimeIn(firstStart, undefined, values.timezone)} your time</>}
                </p>
              ) : null}
            </div>
          </div>
        ) : null}
      </Section>

      <Section title="Audience" description="The same for every session; each session counts its own seats.">
        <TextField
          label="Capacity"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="Unlimited"
          hint="Seats per session. Leave empty for no limit."
          className="sm:[&_input]:max-w-48"
          error={errors.capacity?.message}
          {...register('capacity')}
        />
        <fieldset aria-describedby={errors.approvalMode ? 'series-approval-error' : undefined}>
          <legend className="text-sm font-medium text-slate-800">Approval</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {approvalChoices.map((choice) => (
              <ChoiceCard
                key={choice.value}
                label={choice.label}
                description={choice.description}
                inputProps={{ value: choice.value, ...register('approvalMode') }}
              />
            ))}
          </div>
          {errors.approvalMode?.message ? <FieldError id="series-approval-error">{errors.approvalMode.message}</FieldError> : null}
        </fieldset>
      </Section>

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Link to="/admin/series" className={buttonClasses({ variant: 'secondary' })} aria-disabled={isSubmitting || undefined}>
          Cancel
        </Link>
        <Button type="submit" isPending={isSubmitting} pendingLabel="Scheduling…">
          Schedule series
        </Button>
      </div>
    </form>
  )
}
