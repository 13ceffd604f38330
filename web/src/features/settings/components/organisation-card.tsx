import {
  contrastRatio,
  isReadableAccent,
  minimumAccentContrast,
  OrganisationName,
  UpdateOrganisationBody,
  type OrganisationSettings,
} from '@webinar/shared/organisation'
import { CircleAlert, CircleCheck, Video } from 'lucide-react'
import { useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { toast } from 'sonner'
import { accentStyleOf } from '@/components/layouts/public-layout'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { EmailField } from '@/components/ui/person-fields'
import { Spinner } from '@/components/ui/spinner'
import { inputClasses, TextField } from '@/components/ui/text-field'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { useOrganisation } from '../api/get-organisation'
import { useUpdateOrganisation } from '../api/update-organisation'
import { LogoField } from './logo-field'

interface OrganisationValues {
  name: string
  accentColour: string
  mailFromName: string
  mailFromAddress: string
}

const hexColour = /^#[0-9a-fA-F]{6}$/

const valuesOf = (settings: OrganisationSettings): OrganisationValues => ({
  name: settings.name,
  accentColour: settings.accentColour,
  mailFromName: settings.mailFromName ?? '',
  mailFromAddress: settings.mailFromAddress ?? '',
})

/** Empty sender fields mean "as MAIL_FROM says": they are sent as null. */
const bodyOf = (values: OrganisationValues): UpdateOrganisationBody => ({
  name: values.name.trim(),
  accentColour: values.accentColour.trim(),
  mailFromName: values.mailFromName.trim() || null,
  mailFromAddress: values.mailFromAddress.trim() || null,
})

const formFields = ['name', 'accentColour', 'mailFromName', 'mailFromAddress'] as const

const resolver = schemaResolver<OrganisationValues>(UpdateOrganisationBody, {
  bodyOf,
  messages: {
    name: ({ value }) => (value === '' ? 'Enter the organisation’s name.' : `Use at most ${limitsOf(OrganisationName).maxLength} characters.`),
    accentColour: 'Enter a colour as # and six hexadecimal digits, like #0f766e.',
    mailFromName: 'Use at most 100 characters, or leave it empty.',
    mailFromAddress: 'Enter a valid e-mail address, or leave it empty.',
  },
  // The server refuses the same: white text on the accent (every button) must stay readable.
  alsoCheck: ({ accentColour }): Record<string, string> =>
    hexColour.test(accentColour.trim()) && !isReadableAccent(accentColour.trim())
      ? { accentColour: `Too light for white text on buttons: pick a darker colour (at least ${minimumAccentContrast}:1).` }
      : {},
})

/** How a public page will look: the brand and a button and link in the accent colour (when it is one). */
function BrandPreview({ name, accentColour, logoUrl }: { name: string; accentColour: string; logoUrl: string | null }) {
  const colour = hexColour.test(accentColour) ? accentColour : null
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium text-slate-800">Preview</figcaption>
      <div
        className="rounded-xl bg-gradient-to-b from-accent-50 to-white p-4 ring-1 ring-slate-200"
        style={colour ? accentStyleOf(colour) : undefined}
        aria-hidden
      >
        <div className="flex min-w-0 items-center gap-2.5 font-semibold tracking-tight text-slate-900">
          {logoUrl ? (
            <img src={logoUrl} alt="" className="h-8 w-auto max-w-40 object-contain" />
          ) : (
            <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-600 text-white">
              <Video className="size-4.5" />
            </span>
          )}
          <span className="min-w-0 break-words">{name.trim() || 'Your organisation'}</span>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <span className="inline-flex h-10 items-center rounded-lg bg-accent-600 px-4 text-sm font-semibold text-white shadow-sm">Register</span>
          <span className="text-sm font-semibold text-accent-700 underline">Add to calendar</span>
        </div>
      </div>
    </figure>
  )
}

function ContrastNote({ accentColour }: { accentColour: string }) {
  if (!hexColour.test(accentColour)) return <>Buttons and links on public pages and in mail use it.</>
  const ratio = contrastRatio(accentColour, '#ffffff')
  const isReadable = ratio >= minimumAccentContrast
  const Icon = isReadable ? CircleCheck : CircleAlert
  return (
    <span className={cn('inline-flex items-start gap-1.5', isReadable ? 'text-emerald-700' : 'text-amber-800')}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        White text on it: {ratio.toFixed(1)}:1 contrast,{' '}
        {isReadable ? 'readable.' : `too low (buttons need at least ${minimumAccentContrast}:1).`}
      </span>
    </span>
  )
}

function OrganisationForm({ settings }: { settings: OrganisationSettings }) {
  const updateOrganisation = useUpdateOrganisation()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitted },
  } = useForm<OrganisationValues>({
    // Follows the saved settings (a new logo changes them too) without losing what is being typed.
    values: valuesOf(settings),
    resetOptions: { keepDirtyValues: true },
    resolver,
  })
  const [name, accentColour] = useWatch({ control, name: ['name', 'accentColour'] })
  const trimmedColour = accentColour.trim()

  const submit = handleSubmit((values) => {
    setFormError(null)
    updateOrganisation.mutate(bodyOf(values), {
      onSuccess: () => toast.success('Organisation saved. Public pages and new mail use it now.'),
      onError: (error) => setFormError(applyServerErrors(error, setError, formFields)),
    })
  })

  const [defaultSenderName, defaultSenderAddress] = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(settings.defaultMailFrom)?.slice(1) ?? ['', settings.defaultMailFrom]

  return (
    <div className="grid gap-8 px-5 pt-5 pb-6 sm:px-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <form onSubmit={submit} noValidate aria-label="Organisation" className="max-w-xl space-y-5">
        {formError ? <Alert>{formError}</Alert> : null}
        <TextField
          label="Organisation name"
          autoComplete="organization"
          maxLength={limitsOf(OrganisationName).maxLength}
          hint="Shown at the top of public pages and of every mail."
          error={errors.name?.message}
          {...register('name')}
        />
        <Field label="Accent colour" hint={<ContrastNote accentColour={trimmedColour} />} error={errors.accentColour?.message}>
          {(control) => (
            <div className="flex items-center gap-3">
              <input
                type="color"
                aria-label="Colour picker"
                value={hexColour.test(trimmedColour) ? trimmedColour.toLowerCase() : '#000000'}
                onChange={(event) => setValue('accentColour', event.target.value, { shouldDirty: true, shouldValidate: isSubmitted })}
                className="h-11 w-14 shrink-0 cursor-pointer rounded-lg border-0 bg-white p-1 shadow-sm ring-1 ring-slate-300 ring-inset"
              />
              <input
                {...control}
                {...register('accentColour')}
                className={cn(inputClasses, 'max-w-36 font-mono')}
                placeholder="#4f46e5"
                maxLength={7}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
              />
            </div>
          )}
        </Field>
        <fieldset className="space-y-5">
          <legend className="text-sm font-semibold text-slate-900">Mail sender</legend>
          <p className="-mt-3 text-sm text-slate-600">
            {settings.isMailConfigured
              ? 'Empty fields keep what the server is configured with. Your mail server must allow sending from this address.'
              : 'This installation sends no mail yet (SMTP_URL is not set): mail stays in the Mailbox. The sender applies once mail goes out.'}
          </p>
          <TextField label="Sender name" placeholder={defaultSenderName || undefined} maxLength={100} error={errors.mailFromName?.message} {...register('mailFromName')} />
          <EmailField label="Sender address" autoComplete="off" placeholder={defaultSenderAddress} error={errors.mailFromAddress?.message} {...register('mailFromAddress')} />
        </fieldset>
        <Button type="submit" isPending={updateOrganisation.isPending} pendingLabel="Saving…">
          Save organisation
        </Button>
      </form>
      <div className="space-y-6">
        <BrandPreview name={name} accentColour={trimmedColour} logoUrl={settings.logoUrl} />
        <LogoField settings={settings} />
      </div>
    </div>
  )
}

/** Settings → Organisation (owners and admins): how public pages and mail present the organisation, and who mail comes from. */
export function OrganisationCard() {
  const organisation = useOrganisation()
  return (
    <Card role="region" aria-labelledby="organisation-title">
      <div className="px-5 pt-5 sm:px-6 sm:pt-6">
        <h2 id="organisation-title" className="text-base font-semibold text-slate-900">
          Organisation
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">Your name, colour and logo on registration pages, personal pages and the mail attendees receive.</p>
      </div>
      {organisation.isPending ? (
        <Spinner className="mx-auto my-10 block text-accent-600" label="Loading the organisation’s settings…" />
      ) : organisation.isError ? (
        <div className="p-5 sm:p-6">
          <Alert title="The organisation’s settings could not be loaded">{errorMessageOf(organisation.error)}</Alert>
        </div>
      ) : (
        <OrganisationForm settings={organisation.data} />
      )}
    </Card>
  )
}
