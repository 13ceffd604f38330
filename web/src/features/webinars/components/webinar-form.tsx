import { formatDateTime, formatTimeIn } from '@webinar/shared/time-format'
import { isKnownTimezone, isSameClock, offsetLabel } from '@webinar/shared/timezones'
import {
  CreateWebinarBody,
  defaultAttendedThresholdSeconds,
  defaultRegistrationForm,
  defaultWebinarSettings,
  WebinarSettings,
  type Webinar,
} from '@webinar/shared/webinars'
import { ChevronDown } from 'lucide-react'
import { useId, useMemo, useState, type ComponentProps, type ReactNode } from 'react'
import { FormProvider, useForm, useWatch, type FieldNamesMarkedBoolean, type Path } from 'react-hook-form'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClasses } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { ChoiceCard } from '@/components/ui/choice-card'
import { Select } from '@/components/ui/select'
import { FieldError } from '@/components/ui/field'
import { inputClasses, TextField } from '@/components/ui/text-field'
import { ApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { builderFieldOf, builderInputNames, builderMessages, checkDrafts, draftsOf, formFieldOf } from '../utils/registration-form-drafts'
import { timezoneLabel, timezoneNames, toStartTime, wallClockIn } from '../utils/schedule'
import { RegistrationFormBuilder, type RegistrationFormBuilderValues } from './registration-form-builder'

type Approval = Webinar['approvalMode']
type ViewerMode = Webinar['settings']['viewerMode']

/**
 * What the form holds: numbers stay text while typed, the start is a date and a time on the webinar's clocks, the
 * registration form's fields as the builder edits them.
 */
export interface WebinarFormValues extends RegistrationFormBuilderValues {
  title: string
  description: string
  date: string
  time: string
  timezone: string
  durationMinutes: string
  capacity: string
  approvalMode: Approval
  record: boolean
  viewerMode: ViewerMode
  captions: boolean
  chat: boolean
  qna: boolean
  handRaising: boolean
  /** Seconds, as typed or picked ("0": off). */
  chatSlowModeSeconds: string
  joinAheadMinutes: string
  attendedThresholdMinutes: string
}

export type WebinarFormDirtyFields = Partial<Readonly<FieldNamesMarkedBoolean<WebinarFormValues>>>

export const newWebinarFormValues = (): WebinarFormValues => ({
  title: '',
  description: '',
  date: '',
  time: '10:00',
  timezone: viewerTimezone(),
  durationMinutes: '60',
  capacity: '',
  approvalMode: 'auto',
  record: defaultWebinarSettings.record,
  viewerMode: defaultWebinarSettings.viewerMode,
  captions: defaultWebinarSettings.captions,
  chat: defaultWebinarSettings.chat,
  qna: defaultWebinarSettings.qna,
  handRaising: defaultWebinarSettings.handRaising,
  chatSlowModeSeconds: String(defaultWebinarSettings.chatSlowModeSeconds),
  joinAheadMinutes: String(defaultWebinarSettings.joinAheadSeconds / 60),
  attendedThresholdMinutes: String(defaultAttendedThresholdSeconds / 60),
  // Nothing saved yet: every key may still change.
  registrationFields: draftsOf(defaultRegistrationForm.fields, 'typed'),
})

export function webinarFormValuesOf(webinar: Webinar): WebinarFormValues {
  return {
    title: webinar.title,
    description: webinar.description,
    ...wallClockIn(webinar.startTime, webinar.timezone),
    timezone: webinar.timezone,
    durationMinutes: String(webinar.durationMinutes),
    capacity: webinar.capacity === null ? '' : String(webinar.capacity),
    approvalMode: webinar.approvalMode,
    record: webinar.settings.record,
    viewerMode: webinar.settings.viewerMode,
    captions: webinar.settings.captions,
    chat: webinar.settings.chat,
    qna: webinar.settings.qna,
    handRaising: webinar.settings.handRaising,
    chatSlowModeSeconds: String(webinar.settings.chatSlowModeSeconds),
    joinAheadMinutes: String(Math.round(webinar.settings.joinAheadSeconds / 60)),
    attendedThresholdMinutes: String(webinar.attendedThresholdSeconds / 60),
    registrationFields: draftsOf(webinar.registrationForm.fields, 'saved'),
  }
}

/** What a number input holds, as a number: NaN when it is empty, for the schema to refuse. */
const numberIn = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** The form's values in the API's terms (the fields both creating and changing a webinar take). */
export function webinarBodyOf(values: WebinarFormValues) {
  const capacity = values.capacity.trim()
  return {
    title: values.title.trim(),
    description: values.description,
    // No instant without a date and a time: the schema refuses the empty string before anything is sent.
    startTime: toStartTime(values, values.timezone) ?? '',
    timezone: values.timezone,
    durationMinutes: numberIn(values.durationMinutes),
    capacity: capacity === '' ? null : numberIn(capacity),
    approvalMode: values.approvalMode,
    settings: {
      record: values.record,
      viewerMode: values.viewerMode,
      captions: values.captions,
      chat: values.chat,
      qna: values.qna,
      handRaising: values.handRaising,
      chatSlowModeSeconds: numberIn(values.chatSlowModeSeconds),
      joinAheadSeconds: numberIn(values.joinAheadMinutes) * 60,
    },
    // Typed in minutes, counted in seconds; a fraction of a minute becomes whole seconds.
    attendedThresholdSeconds: Math.round(numberIn(values.attendedThresholdMinutes) * 60),
    registrationForm: { fields: values.registrationFields.map(formFieldOf) },
  }
}

/** The server names fields as the API does; these are the inputs that stand for them. */
const formFieldOfServerField: Record<string, Path<WebinarFormValues>> = {
  title: 'title',
  description: 'description',
  startTime: 'date',
  timezone: 'timezone',
  durationMinutes: 'durationMinutes',
  capacity: 'capacity',
  approvalMode: 'approvalMode',
  'settings.joinAheadSeconds': 'joinAheadMinutes',
  'settings.record': 'record',
  'settings.viewerMode': 'viewerMode',
  'settings.captions': 'captions',
  'settings.chat': 'chat',
  'settings.qna': 'qna',
  'settings.handRaising': 'handRaising',
  'settings.chatSlowModeSeconds': 'chatSlowModeSeconds',
  attendedThresholdSeconds: 'attendedThresholdMinutes',
}
const formFields = Object.values(formFieldOfServerField)

/** The input that stands for a field of the body: the builder's (named after the field's place), or one of the list above. */
const inputOf = (bodyField: string): string => builderFieldOf(bodyField) ?? formFieldOfServerField[bodyField] ?? bodyField

const duration = limitsOf(CreateWebinarBody.properties.durationMinutes)
const joinAheadMaxMinutes = (limitsOf(WebinarSettings.properties.joinAheadSeconds).maximum ?? 0) / 60
const attendedThresholdMaxMinutes = (limitsOf(CreateWebinarBody.properties.attendedThresholdSeconds).maximum ?? 0) / 60
const slowModeMaxSeconds = limitsOf(WebinarSettings.properties.chatSlowModeSeconds).maximum ?? 0
/** The usual slow-mode intervals, in seconds; "Other…" takes any number up to the maximum. */
const slowModePresets = ['0', '5', '10', '30', '60']
const otherSlowMode = 'other'

/** Checked as the body the server gets (CreateWebinarBody), each problem said at the input that stands for it. */
const resolver = schemaResolver<WebinarFormValues>(CreateWebinarBody, {
  bodyOf: webinarBodyOf,
  // An instant is missing its day, or, with the day there, its time.
  fieldOf: (bodyField, values) => (bodyField === 'startTime' && values.date !== '' ? 'time' : inputOf(bodyField)),
  messages: {
    title: 'Give the webinar a title.',
    date: 'Choose the day of the webinar.',
    time: 'Choose when it starts.',
    timezone: 'Choose a time zone.',
    durationMinutes: `Enter a duration from ${duration.minimum} to ${duration.maximum} minutes.`,
    capacity: 'Enter a number of seats, or leave it empty.',
    joinAheadMinutes: `Enter 0 to ${joinAheadMaxMinutes} minutes.`,
    chatSlowModeSeconds: `Enter 0 to ${slowModeMaxSeconds} seconds (0 turns slow mode off).`,
    attendedThresholdMinutes: `Enter 0 to ${attendedThresholdMaxMinutes} minutes.`,
    ...builderMessages(),
  },
  // The server refuses a zone its time zone database does not know; so does the browser's.
  alsoCheck: (values): Record<string, string> => ({
    ...(values.timezone === '' || isKnownTimezone(values.timezone) ? {} : { timezone: 'Choose a time zone.' }),
    ...checkDrafts(values.registrationFields),
  }),
})

function withFormFieldNames(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([field, message]) => [
      inputOf(field),
      // Said under the date and the time together: name what it is about.
      field === 'startTime' ? `The start ${message}.` : message,
    ]),
  )
  return new ApiError({ status: error.status, code: error.code, message: error.message, fields, requestId: error.requestId })
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <div className="space-y-5 px-5 pt-5 pb-6 sm:px-6">{children}</div>
    </Card>
  )
}

function Checkbox({ label, description, ...props }: { label: string; description: string } & ComponentProps<'input'>) {
  return (
    <label className="flex cursor-pointer gap-3 rounded-xl p-3 ring-1 ring-slate-200 ring-inset transition-colors hover:bg-slate-50 has-checked:bg-accent-50/60 has-checked:ring-accent-200">
      <input type="checkbox" className="mt-0.5 size-4 shrink-0 accent-accent-600" {...props} />
      <span>
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        <span className="mt-0.5 block text-xs leading-5 text-slate-600">{description}</span>
      </span>
    </label>
  )
}

interface Choice<Value extends string> {
  value: Value
  label: string
  description: ReactNode
}

const approvalChoices: Choice<Approval>[] = [
  { value: 'auto', label: 'Automatic', description: 'Everyone who registers gets their join link straight away.' },
  { value: 'manual', label: 'Manual', description: 'You approve each registration before a join link is sent.' },
]

// The trade-off in the words of what attendees live through: how far behind they are, and how many can watch.
const viewerModeChoices: Choice<ViewerMode>[] = [
  {
    value: 'webrtc',
    label: 'In the call (WebRTC)',
    description: (
      <>
        Viewers see and hear you <strong className="font-medium text-slate-800">within a second</strong>, so questions and answers flow like a
        conversation. For audiences <strong className="font-medium text-slate-800">up to a few thousand</strong>.
      </>
    ),
  },
  {
    value: 'hls',
    label: 'Broadcast (HLS)',
    description: (
      <>
        Scales to <strong className="font-medium text-slate-800">any audience</strong>, but the picture runs{' '}
        <strong className="font-medium text-slate-800">10–30 seconds behind</strong>: chat and questions arrive before viewers see what
        prompted them.
      </>
    ),
  },
]

/** Radio buttons as cards, each with what choosing it means. */
function ChoiceCards<Value extends string>({
  legend,
  choices,
  error,
  errorId,
  inputProps,
}: {
  legend: string
  choices: Choice<Value>[]
  error: string | undefined
  errorId: string
  inputProps: ComponentProps<'input'>
}) {
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {choices.map((choice) => (
          <ChoiceCard key={choice.value} label={choice.label} description={choice.description} inputProps={{ value: choice.value, ...inputProps }} />
        ))}
      </div>
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </fieldset>
  )
}

/**
 * Scheduling and changing a webinar. The start is typed as a date and a time in the webinar's time zone
 * (by default the browser's), and sent as one instant with that zone's offset.
 */
export function WebinarForm({
  initialValues,
  submitLabel,
  pendingLabel,
  cancelTo,
  onSubmit,
}: {
  initialValues: WebinarFormValues
  submitLabel: string
  pendingLabel: string
  /** Where "Cancel" leads back to. */
  cancelTo: string
  /** Sends the values; a rejection's field errors are shown at the matching inputs. */
  onSubmit: (values: WebinarFormValues, dirtyFields: WebinarFormDirtyFields) => Promise<unknown>
}) {
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<WebinarFormValues>({ defaultValues: initialValues, resolver })
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control,
    formState: { errors, dirtyFields, isSubmitting },
  } = form
  const ids = { description: useId(), date: useId(), time: useId(), timezone: useId(), when: useId(), slowMode: useId() }
  // A slow-mode interval that is none of the presets is typed: the number input shows from the start.
  const [isSlowModeTyped, setIsSlowModeTyped] = useState(() => !slowModePresets.includes(initialValues.chatSlowModeSeconds))
  const slowModeSeconds = useWatch({ control, name: 'chatSlowModeSeconds' })

  const timezones = useMemo(() => {
    const now = new Date()
    const names = timezoneNames()
    // A webinar may be in a zone this browser lists under another name (an alias): keep it selectable.
    if (!names.includes(initialValues.timezone)) names.unshift(initialValues.timezone)
    return names.map((name) => ({ name, label: `${timezoneLabel(name)} (${offsetLabel(name, now)})` }))
  }, [initialValues.timezone])

  const [date, time, timezone, approvalMode] = useWatch({ control, name: ['date', 'time', 'timezone', 'approvalMode'] })
  const startTime = toStartTime({ date, time }, timezone)
  // A time skipped by a daylight-saving change moves forward: say where it landed.
  const shiftedTime = startTime && wallClockIn(startTime, timezone).time !== time.slice(0, 5) ? wallClockIn(startTime, timezone).time : null

  const submit = handleSubmit(async (values) => {
    setFormError(null)
    try {
      await onSubmit(values, dirtyFields)
    } catch (error) {
      const builderInputs = builderInputNames(getValues('registrationFields')) as Path<WebinarFormValues>[]
      setFormError(applyServerErrors(withFormFieldNames(error), setError, [...formFields, ...builderInputs]))
    }
  })

  const whenError = errors.date?.message ?? errors.time?.message

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="space-y-6">
        {formError ? <Alert>{formError}</Alert> : null}

        <Section title="About" description="What people see on the registration page and in their e-mails.">
          <TextField
            label="Title"
            placeholder="e.g. Quarterly product update"
            autoComplete="off"
            maxLength={limitsOf(CreateWebinarBody.properties.title).maxLength}
            error={errors.title?.message}
            {...register('title')}
          />
          <div className="space-y-1.5">
            <label htmlFor={ids.description} className="block text-sm font-medium text-slate-800">
              Description <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              id={ids.description}
              rows={4}
              maxLength={limitsOf(CreateWebinarBody.properties.description).maxLength}
              placeholder="What will attendees learn? Who is speaking?"
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={errors.description ? `${ids.description}-error` : undefined}
              className={cn(inputClasses, 'min-h-28 resize-y')}
              {...register('description')}
            />
            {errors.description?.message ? <FieldError id={`${ids.description}-error`}>{errors.description.message}</FieldError> : null}
          </div>
        </Section>

        <Section title="When" description="Set the date and time as the clocks show them in the webinar’s time zone.">
          <fieldset aria-describedby={whenError ? `${ids.when}-error` : startTime ? `${ids.when}-preview` : undefined} className="space-y-3">
            <legend className="sr-only">Start</legend>
            <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,0.7fr)_minmax(0,1.6fr)]">
              <div className="space-y-1.5">
                <label htmlFor={ids.date} className="block text-sm font-medium text-slate-800">
                  Date
                </label>
                <input
                  id={ids.date}
                  type="date"
                  aria-invalid={errors.date ? true : undefined}
                  className={inputClasses}
                  {...register('date')}
                />
              </div>
              <div className="space-y-1.5">
                <label htmlFor={ids.time} className="block text-sm font-medium text-slate-800">
                  Start time
                </label>
                <input
                  id={ids.time}
                  type="time"
                  aria-invalid={errors.time || errors.date?.type === 'server' ? true : undefined}
                  className={inputClasses}
                  {...register('time')}
                />
              </div>
              <div className="space-y-1.5">
                <label htmlFor={ids.timezone} className="block text-sm font-medium text-slate-800">
                  Time zone
                </label>
                <div className="relative">
                  <select
                    id={ids.timezone}
                    aria-invalid={errors.timezone ? true : undefined}
                    aria-describedby={errors.timezone ? `${ids.timezone}-error` : undefined}
                    className={cn(inputClasses, 'appearance-none pr-10')}
                    {...register('timezone')}
                  >
                    {timezones.map(({ name, label }) => (
                      <option key={name} value={name}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <ChevronDown className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-500" aria-hidden />
                </div>
                {errors.timezone?.message ? <FieldError id={`${ids.timezone}-error`}>{errors.timezone.message}</FieldError> : null}
              </div>
            </div>
            {whenError ? (
              <FieldError id={`${ids.when}-error`}>{whenError}</FieldError>
            ) : startTime ? (
              <p id={`${ids.when}-preview`} className="rounded-lg bg-slate-50 px-3.5 py-2.5 text-sm text-slate-600">
                Starts <span className="font-medium text-slate-900">{formatDateTime(startTime, timezone, { hasWeekday: true })}</span>
                {isSameClock(startTime, timezone, viewerTimezone()) ? null : <> · {formatTimeIn(startTime, undefined, timezone)} your time</>}
                {shiftedTime ? (
                  <span className="mt-1 block text-amber-800">
                    {time} does not exist on that day in this time zone (the clocks move forward), so it starts at {shiftedTime}.
                  </span>
                ) : null}
              </p>
            ) : null}
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

        <Section title="Audience" description="Who gets in, how many, and how they watch.">
          <TextField
            label="Capacity"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            placeholder="Unlimited"
            hint="Leave empty for no limit. Registrations close when every seat is taken."
            className="sm:[&_input]:max-w-48"
            error={errors.capacity?.message}
            {...register('capacity')}
          />
          <ChoiceCards
            legend="Approval"
            choices={approvalChoices}
            error={errors.approvalMode?.message}
            errorId="approval-mode-error"
            inputProps={register('approvalMode')}
          />
          <ChoiceCards
            legend="How attendees watch"
            choices={viewerModeChoices}
            error={errors.viewerMode?.message}
            errorId="viewer-mode-error"
            inputProps={register('viewerMode')}
          />
        </Section>

        <Section title="Registration form" description="What people fill in on the public page. Name and e-mail are always asked.">
          <RegistrationFormBuilder approvalMode={approvalMode} />
        </Section>

        <Section title="In the room" description="What happens when you go live.">
          <div className="grid gap-3 sm:grid-cols-2">
            <Checkbox label="Record the webinar" description="Recording starts when you go live; attendees can watch it later." {...register('record')} />
            <Checkbox
              label="Closed captions from the start"
              description="What is said appears as text under the video from the moment you go live. You can switch them in the studio."
              {...register('captions')}
            />
            <Checkbox label="Chat" description="Attendees can write to everyone in the room." {...register('chat')} />
            <Checkbox label="Q&A" description="Attendees can ask questions for you to answer live." {...register('qna')} />
            <Checkbox
              label="Let attendees raise a hand to speak"
              description="They ask to come on stage; you or a co-host bring them on with their camera and microphone."
              {...register('handRaising')}
            />
          </div>
          <div className="space-y-1.5">
            <label htmlFor={ids.slowMode} className="block text-sm font-medium text-slate-800">
              Slow mode
            </label>
            <div className="space-y-3">
              <Select
                id={ids.slowMode}
                className="w-full sm:w-48"
                value={isSlowModeTyped ? otherSlowMode : slowModeSeconds}
                aria-describedby={`${ids.slowMode}-hint`}
                onChange={(event) => {
                  const choice = event.target.value
                  setIsSlowModeTyped(choice === otherSlowMode)
                  if (choice !== otherSlowMode) setValue('chatSlowModeSeconds', choice, { shouldDirty: true, shouldValidate: true })
                }}
              >
                {slowModePresets.map((seconds) => (
                  <option key={seconds} value={seconds}>
                    {seconds === '0' ? 'Off' : `One message every ${seconds} s`}
                  </option>
                ))}
                <option value={otherSlowMode}>Other…</option>
              </Select>
              {isSlowModeTyped ? (
                <TextField
                  label="Seconds between messages"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={slowModeMaxSeconds}
                  step={1}
                  className="sm:[&_input]:max-w-48"
                  error={errors.chatSlowModeSeconds?.message}
                  {...register('chatSlowModeSeconds')}
                />
              ) : null}
            </div>
            <p id={`${ids.slowMode}-hint`} className="text-sm text-slate-500">
              Each attendee may post one chat message per interval; you, co-hosts and speakers are never slowed. You can change it live in the studio.
            </p>
          </div>
          <TextField
            label="Join ahead (minutes)"
            type="number"
            inputMode="numeric"
            min={0}
            max={joinAheadMaxMinutes}
            step={1}
            hint="How early attendees may enter the waiting room before the start."
            className="sm:[&_input]:max-w-48"
            error={errors.joinAheadMinutes?.message}
            {...register('joinAheadMinutes')}
          />
          <TextField
            label="Counts as attended after (minutes)"
            type="number"
            inputMode="numeric"
            min={0}
            max={attendedThresholdMaxMinutes}
            step={1}
            hint="Registrants who watch the live webinar at least this long count as attended in reports and get the “thanks for attending” follow-up."
            className="sm:[&_input]:max-w-48"
            error={errors.attendedThresholdMinutes?.message}
            {...register('attendedThresholdMinutes')}
          />
        </Section>

        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Link to={cancelTo} className={buttonClasses({ variant: 'secondary' })} aria-disabled={isSubmitting || undefined}>
            Cancel
          </Link>
          <Button type="submit" isPending={isSubmitting} pendingLabel={pendingLabel}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </FormProvider>
  )
}
