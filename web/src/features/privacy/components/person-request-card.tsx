import { PersonEmailBody } from '@webinar/shared/privacy'
import { Download, UserX } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { TextField } from '@/components/ui/text-field'
import { applyServerErrors } from '@/lib/form-errors'
import { limitsOf, schemaResolver } from '@/lib/form-validation'
import { downloadJson, useExportPerson } from '../api/export-person'
import { ErasePersonDialog } from './erase-person-dialog'

const personEmailBodyOf = (values: PersonEmailBody): PersonEmailBody => ({ email: values.email.trim() })

const resolver = schemaResolver<PersonEmailBody>(PersonEmailBody, {
  bodyOf: personEmailBodyOf,
  messages: { email: 'Enter the e-mail address they registered with, e.g. ada@example.com.' },
})

const registrationsOf = (count: number) => `${count} ${count === 1 ? 'registration' : 'registrations'}`

/**
 * A registrant's request, answered by their e-mail address: everything held about them as a JSON file, or their
 * erasure. Every webinar is searched, whatever the letter case of the address; the address goes in the request's
 * body, never in a URL.
 */
export function PersonRequestCard() {
  const exportPerson = useExportPerson()
  const [formError, setFormError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<string | null>(null)
  const [toErase, setToErase] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PersonEmailBody>({ defaultValues: { email: '' }, resolver })

  const exportData = handleSubmit((values) => {
    const { email } = personEmailBodyOf(values)
    setFormError(null)
    setOutcome(null)
    exportPerson.mutate(email, {
      onSuccess: (exported) => {
        downloadJson(exported)
        const count = exported.document.registrations.length
        setOutcome(
          count === 0
            ? `Nothing is held under ${email}: ${exported.filename} lists no registrations.`
            : `Exported ${registrationsOf(count)} of ${email} as ${exported.filename}.`,
        )
        toast.success(`Downloaded ${exported.filename}.`)
      },
      onError: (error) => setFormError(applyServerErrors(error, setError, ['email'])),
    })
  })

  const askToErase = handleSubmit((values) => {
    setFormError(null)
    setOutcome(null)
    setToErase(personEmailBodyOf(values).email)
  })

  return (
    <Card>
      <CardHeader
        title="A person’s data"
        description="When someone asks what you hold about them, or to be forgotten: enter the e-mail address they registered with. Every webinar is searched."
      />
      <form onSubmit={exportData} noValidate className="space-y-4 px-5 pt-5 pb-5 sm:px-6 sm:pb-6">
        {formError ? <Alert>{formError}</Alert> : null}
        <TextField
          label="E-mail address"
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          placeholder="ada@example.com"
          className="sm:max-w-md"
          maxLength={limitsOf(PersonEmailBody.properties.email).maxLength}
          error={errors.email?.message}
          {...register('email')}
        />
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button type="submit" variant="secondary" isPending={exportPerson.isPending} pendingLabel="Exporting…">
            <Download className="size-4" aria-hidden />
            Export data (JSON)
          </Button>
          <Button variant="danger-quiet" onClick={() => void askToErase()} disabled={exportPerson.isPending}>
            <UserX className="size-4" aria-hidden />
            Erase this person…
          </Button>
        </div>
        <p role="status" className="text-sm text-slate-600 empty:hidden">
          {outcome}
        </p>
      </form>
      <ErasePersonDialog
        email={toErase}
        onClose={() => setToErase(null)}
        onErased={({ erasedRegistrations }, email) => {
          const said =
            erasedRegistrations === 0
              ? `Nothing to erase under ${email}: no registration (left) under that address.`
              : `Erased ${registrationsOf(erasedRegistrations)} of ${email}.`
          setOutcome(said)
          toast.success(said)
        }}
      />
    </Card>
  )
}
