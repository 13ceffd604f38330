import type { PublicWebinar, RegisterBody, RegistrationReceipt } from '@webinar/shared/registrations'
import type { FormField } from '@webinar/shared/webinars'
import { ExternalLink } from 'lucide-react'
import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { CheckboxField } from '@/components/ui/checkbox-field'
import { Field, RequiredMark } from '@/components/ui/field'
import { EmailField, NameField, withPersonTrimmed } from '@/components/ui/person-fields'
import { Select } from '@/components/ui/select'
import { inputClasses } from '@/components/ui/text-field'
import { Textarea } from '@/components/ui/textarea'
import { ApiError, errorMessageOf } from '@/lib/api-error'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { useRegister } from '../api/register'
import { describeServerFieldError, fieldsWithNameAndEmail, isBooleanField, isTopLevelField } from '../utils/form-fields'

interface RegistrationValues {
  name: string
  email: string
  answers: Record<string, string | boolean>
}

/** Where a field's value is, and its input's name: `name`, `email`, or `answers.<key>`. */
type FieldPath = 'name' | 'email' | `answers.${string}`

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function pathOf(field: FormField): FieldPath {
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
function checkAnswers(fields: readonly FormField[], values: RegistrationValues): Partial<Record<FieldPath, string>> {
  const problems: Partial<Record<FieldPath, string>> = {}
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

/**
 * What is wrong with the form before it is sent: RegisterBody's rules for name and e-mail (the input's maxLength
 * keeps them within its lengths), in the form's words, then the organiser's questions. Checked here by hand rather
 * than with the schema itself, whose validator would be most of what the page downloads (bench B6); the server
 * checks the body with it anyway, and its objections land at the same inputs (`showServerErrors`).
 */
function problemsOf(fields: readonly FormField[], values: RegistrationValues): Partial<Record<FieldPath, string>> {
  const { name, email } = withPersonTrimmed(values)
  return {
    ...(name === '' ? { name: 'Enter your name.' } : {}),
    ...(email === '' ? { email: 'Enter your e-mail address.' } : emailPattern.test(email) ? {} : { email: invalidEmailMessage }),
    ...checkAnswers(fields, values),
  }
}

function submitLabelOf({ approvalMode, willWaitlist }: { approvalMode: PublicWebinar['approvalMode']; willWaitlist: boolean }): { label: string; pending: string } {
  if (approvalMode === 'manual') return { label: 'Request to join', pending: 'Sending…' }
  if (willWaitlist) return { label: 'Join the waitlist', pending: 'Joining…' }
  return { label: 'Register', pending: 'Registering…' }
}

/** What ties an input to the form: its value and changes in the live form, just a name in the preview. */
interface InputBinding {
  name: string
  value?: string
  checked?: boolean
  onChange?: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => void
}

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
 * a plausible e-mail), then by the server, whose per-field answers land next to the matching inputs. Plain React
 * state rather than a form library: it is on the page a registrant opens first (bench B6).
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
  const registerForWebinar = useRegister(slug, send)
  const [formError, setFormError] = useState<string | null>(null)
  const [values, setValues] = useState<RegistrationValues>(() => ({
    name: '',
    email: '',
    answers: Object.fromEntries(fields.filter((field) => !isTopLevelField(field.key)).map((field) => [field.key, isBooleanField(field) ? false : ''])),
  }))
  const [errors, setErrors] = useState<Partial<Record<FieldPath, string>>>({})
  // Problems are said once the visitor tries to send; from then on each field is checked again as it changes.
  const [isSubmitted, setIsSubmitted] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)

  const focus = (field: FormField) => (formRef.current?.elements.namedItem(pathOf(field)) as HTMLElement | null)?.focus()

  const change = (field: FormField, value: string | boolean) => {
    const withChange = (current: RegistrationValues): RegistrationValues =>
      isTopLevelField(field.key) ? { ...current, [field.key]: value } : { ...current, answers: { ...current.answers, [field.key]: value } }
    setValues(withChange)
    if (!isSubmitted) return
    // A field's problem depends on its own value only.
    const at = pathOf(field)
    const { [at]: problem } = problemsOf(fields, withChange(values))
    setErrors(({ [at]: _, ...others }) => (problem ? { ...others, [at]: problem } : others))
  }

  const bindingOf = (field: FormField): InputBinding => {
    const value = isTopLevelField(field.key) ? values[field.key] : values.answers[field.key]
    return isBooleanField(field)
      ? { name: pathOf(field), checked: value === true, onChange: (event) => change(field, (event.target as HTMLInputElement).checked) }
      : { name: pathOf(field), value: typeof value === 'string' ? value : '', onChange: (event) => change(field, event.target.value) }
  }

  const showServerErrors = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setFormError(errorMessageOf(error))
      return
    }
    // In the order the form shows them, so the focus lands on the first one a person meets.
    const placed: Partial<Record<FieldPath, string>> = {}
    for (const field of fields) {
      const message = error.fields[pathOf(field)]
      if (message === undefined) continue
      if (Object.keys(placed).length === 0) focus(field)
      placed[pathOf(field)] = describeServerFieldError(field, message)
    }
    const placedCount = Object.keys(placed).length
    setErrors((current) => ({ ...current, ...placed }))
    const isAllPlaced = placedCount > 0 && placedCount === Object.keys(error.fields).length
    setFormError(isAllPlaced ? 'Please correct the highlighted fields.' : error.message)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setIsSubmitted(true)
    const problems = problemsOf(fields, values)
    setErrors(problems)
    // Focus goes to the first problem in the order the form shows them.
    const first = fields.find((field) => problems[pathOf(field)] !== undefined)
    if (first) return focus(first)
    setFormError(null)
    registerForWebinar.mutate(registerBodyOf(fields, values), { onSuccess: onRegistered, onError: showServerErrors })
  }

  const { label: submitLabel, pending: pendingLabel } = submitLabelOf({ approvalMode: webinar.approvalMode, willWaitlist: webinar.registration.willWaitlist })
  const hasRequired = fields.some((field) => field.required)

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Registration" className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      {fields.map((field) => (
        <RegistrationFieldInput key={field.key} field={field} error={errors[pathOf(field)]} binding={bindingOf(field)} />
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
