import { RegisterBody, type PublicWebinar, type RegistrationReceipt } from '@webinar/shared/registrations'
import type { FormField } from '@webinar/shared/webinars'
import { ExternalLink } from 'lucide-react'
import { useMemo, useState } from 'react'
import { useForm, type FieldErrors, type Path, type UseFormRegisterReturn } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { CheckboxField } from '@/components/ui/checkbox-field'
import { Field, RequiredMark } from '@/components/ui/field'
import { EmailField, NameField, withPersonTrimmed } from '@/components/ui/person-fields'
import { Select } from '@/components/ui/select'
import { inputClasses } from '@/components/ui/text-field'
import { Textarea } from '@/components/ui/textarea'
import { ApiError, errorMessageOf } from '@/lib/api-client'
import { schemaResolver } from '@/lib/form-validation'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { useRegister } from '../api/register'
import { describeServerFieldError, fieldsWithNameAndEmail, isBooleanField, isTopLevelField } from '../utils/form-fields'

interface RegistrationValues {
  name: string
  email: string
  answers: Record<string, string | boolean>
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function pathOf(field: FormField): Path<RegistrationValues> {
  return isTopLevelField(field.key) ? field.key : `answers.${field.key}`
}

const invalidEmailMessage = 'Enter an e-mail address like name@example.com.'

/** The body as it is sent: answers trimmed, unticked boxes false, and the zone mail should show times in. */
function registerBodyOf(fields: readonly FormField[], values: RegistrationValues): RegisterBody {
  const answers: NonNullable<RegisterBody['answers']> = {}
  for (const field of fields) {
    if (isTopLevelField(field.key)) continue
    const value = values.answers[field.key]
    answers[field.key] = typeof value === 'string' ? value.trim() : value === true
  }
  const { name, email } = withPersonTrimmed(values)
  return { name, email, answers, timezone: viewerTimezone() }
}

/** What the organiser asks beyond name and e-mail, which no shared schema knows: required answers, e-mail answers. */
function checkAnswers(fields: readonly FormField[], values: RegistrationValues): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const field of fields) {
    if (isTopLevelField(field.key)) continue
    const raw = values.answers[field.key]
    const at = pathOf(field)
    if (isBooleanField(field)) {
      if (field.required && raw !== true) problems[at] = field.type === 'consent' ? 'Please accept this to register.' : 'Please tick this box to register.'
      continue
    }
    const value = typeof raw === 'string' ? raw.trim() : ''
    if (value === '' && field.required) problems[at] = field.type === 'select' ? 'Choose an option.' : 'This field is required.'
    else if (value !== '' && field.type === 'email' && !emailPattern.test(value)) problems[at] = invalidEmailMessage
  }
  return problems
}

function submitLabelOf({ approvalMode, willWaitlist }: { approvalMode: PublicWebinar['approvalMode']; willWaitlist: boolean }): { label: string; pending: string } {
  if (approvalMode === 'manual') return { label: 'Request to join', pending: 'Sending…' }
  if (willWaitlist) return { label: 'Join the waitlist', pending: 'Joining…' }
  return { label: 'Register', pending: 'Registering…' }
}

/** What ties an input to a form: the live form's `register(…)`, or just a name in the preview. */
type InputBinding = Pick<UseFormRegisterReturn, 'name'> & Partial<UseFormRegisterReturn>

/** "https://example.com/privacy/" reads "example.com/privacy": where the link leads, without the noise. */
function linkTextOf(url: string): string {
  try {
    const { host, pathname, search } = new URL(url)
    return `${host}${pathname === '/' ? '' : pathname.replace(/\/$/, '')}${search}`
  } catch {
    return url
  }
}

/**
 * The page a consent refers to (terms, a privacy policy), in a new tab so the half-filled form stays. The address
 * itself is the link's text: people see where it leads before they agree.
 */
function ConsentLink({ url }: { url: string }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      className="inline-flex items-start gap-1 rounded-sm font-medium break-all text-accent-700 underline underline-offset-2 hover:text-accent-600"
    >
      {linkTextOf(url)}
      <ExternalLink className="mt-1 size-3 shrink-0" aria-hidden />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  )
}

/** One question of the form, drawn after its type. */
function RegistrationFieldInput({ field, error, binding }: { field: FormField; error: string | undefined; binding: InputBinding }) {
  if (isBooleanField(field)) {
    return (
      <CheckboxField
        label={field.label}
        description={field.type === 'consent' && field.linkUrl ? <ConsentLink url={field.linkUrl} /> : undefined}
        isRequired={field.required}
        error={error}
        {...binding}
      />
    )
  }
  if (field.key === 'name') {
    return <NameField label={field.label} isRequired={field.required} placeholder={field.placeholder} error={error} {...binding} />
  }
  if (field.key === 'email' || field.type === 'email') {
    return <EmailField label={field.label} isRequired={field.required} placeholder={field.placeholder} error={error} {...binding} />
  }
  return (
    <Field label={field.label} isRequired={field.required} error={error}>
      {(control) =>
        field.type === 'textarea' ? (
          <Textarea {...control} placeholder={field.placeholder} maxLength={5000} {...binding} />
        ) : field.type === 'select' ? (
          <Select {...control} {...binding}>
            <option value="">{field.placeholder ?? 'Choose…'}</option>
            {(field.options ?? []).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </Select>
        ) : (
          <input
            {...control}
            type={field.type === 'phone' ? 'tel' : 'text'}
            inputMode={field.type === 'phone' ? 'tel' : undefined}
            autoComplete={field.type === 'phone' ? 'tel' : undefined}
            placeholder={field.placeholder}
            maxLength={500}
            className={inputClasses}
            {...binding}
          />
        )
      }
    </Field>
  )
}

function RequiredNote() {
  return (
    <p className="text-center text-xs text-slate-500">
      Fields marked <RequiredMark /> <span className="sr-only">with an asterisk</span> are required.
    </p>
  )
}

/**
 * The webinar's own registration form, built from its field list. Checked here first (nothing missing,
 * a plausible e-mail), then by the server, whose per-field answers land next to the matching inputs.
 */
export function RegistrationForm({
  slug,
  webinar,
  onRegistered,
  send,
}: {
  slug: string
  webinar: PublicWebinar
  onRegistered: (receipt: RegistrationReceipt) => void
  /** Where the registration goes when not to the webinar's own endpoint: a series registers for several sessions at once. */
  send?: (body: RegisterBody) => Promise<RegistrationReceipt>
}) {
  const fields = useMemo(() => fieldsWithNameAndEmail(webinar.registrationForm.fields), [webinar.registrationForm.fields])
  // Name and e-mail are checked with the API's own schema; the organiser's questions by their field list.
  const resolver = useMemo(
    () =>
      schemaResolver<RegistrationValues>(RegisterBody, {
        bodyOf: (values) => registerBodyOf(fields, values),
        messages: {
          name: 'Enter your name.',
          email: ({ value }) => (value === '' ? 'Enter your e-mail address.' : invalidEmailMessage),
        },
        alsoCheck: (values) => checkAnswers(fields, values),
      }),
    [fields],
  )
  const registerForWebinar = useRegister(slug, send)
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<RegistrationValues>({
    defaultValues: {
      name: '',
      email: '',
      answers: Object.fromEntries(fields.filter((field) => !isTopLevelField(field.key)).map((field) => [field.key, isBooleanField(field) ? false : ''])),
    },
    resolver,
    // Focus goes to the first problem in the order the form shows them (see `focusFirstError`).
    shouldFocusError: false,
  })

  const errorOf = (field: FormField): string | undefined =>
    isTopLevelField(field.key) ? errors[field.key]?.message : errors.answers?.[field.key]?.message

  const showServerErrors = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setFormError(errorMessageOf(error))
      return
    }
    // In the order the form shows them, so the focus lands on the first one a person meets.
    let placed = 0
    for (const field of fields) {
      const message = error.fields[isTopLevelField(field.key) ? field.key : `answers.${field.key}`]
      if (message === undefined) continue
      setError(pathOf(field), { type: 'server', message: describeServerFieldError(field, message) }, { shouldFocus: placed === 0 })
      placed += 1
    }
    const isAllPlaced = placed > 0 && placed === Object.keys(error.fields).length
    setFormError(isAllPlaced ? 'Please correct the highlighted fields.' : error.message)
  }

  const focusFirstError = (invalid: FieldErrors<RegistrationValues>) => {
    const first = fields.find((field) => (isTopLevelField(field.key) ? invalid[field.key] : invalid.answers?.[field.key]))
    if (first) setFocus(pathOf(first))
  }

  const submit = handleSubmit((values) => {
    setFormError(null)
    registerForWebinar.mutate(registerBodyOf(fields, values), { onSuccess: onRegistered, onError: showServerErrors })
  }, focusFirstError)

  const { label: submitLabel, pending: pendingLabel } = submitLabelOf({ approvalMode: webinar.approvalMode, willWaitlist: webinar.registration.willWaitlist })
  const hasRequired = fields.some((field) => field.required)

  return (
    <form onSubmit={submit} noValidate aria-label="Registration" className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      {fields.map((field) => (
        <RegistrationFieldInput key={field.key} field={field} error={errorOf(field)} binding={register(pathOf(field))} />
      ))}
      <div className="space-y-3 pt-1">
        <Button type="submit" className="w-full" isPending={registerForWebinar.isPending} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
        {hasRequired ? <RequiredNote /> : null}
      </div>
    </form>
  )
}

/**
 * The form as visitors will see it, for the organiser building it: the same inputs, all disabled, with nothing to
 * send. Fields as they stand in the builder may repeat a key or miss a label: each is shown as it is.
 */
export function RegistrationFormPreview({ fields, approvalMode }: { fields: readonly FormField[]; approvalMode: PublicWebinar['approvalMode'] }) {
  const shown = fieldsWithNameAndEmail(fields)
  const { label: submitLabel } = submitLabelOf({ approvalMode, willWaitlist: false })
  return (
    <fieldset disabled className="min-w-0 space-y-5">
      <legend className="sr-only">Preview of the registration form</legend>
      {shown.map((field, index) => (
        // The builder may hold two fields with one key until it is corrected: the position keeps them apart.
        <RegistrationFieldInput key={`${index}-${field.key}`} field={field} error={undefined} binding={{ name: `preview-${index}` }} />
      ))}
      <div className="space-y-3 pt-1">
        <Button type="button" className="w-full">
          {submitLabel}
        </Button>
        {shown.some((field) => field.required) ? <RequiredNote /> : null}
      </div>
    </fieldset>
  )
}
