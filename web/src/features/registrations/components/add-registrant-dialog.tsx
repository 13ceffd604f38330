import { AddRegistrationBody, type Registration } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import { UserPlus } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { EmailField, NameField, withPersonTrimmed } from '@/components/ui/person-fields'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { useAddRegistration } from '../api/add-registration'

type RegistrantValues = Pick<AddRegistrationBody, 'name' | 'email'>

const resolver = schemaResolver<RegistrantValues>(AddRegistrationBody, {
  bodyOf: withPersonTrimmed,
  messages: {
    name: 'Enter their name.',
    // The words the server's own answer used before the form checked addresses itself.
    email: ({ value }) => (value === '' ? 'Enter their e-mail address.' : 'Must be a valid e-mail address'),
  },
})

function addedMessage(registration: Registration, isExisting: boolean): { title: string; description?: string } {
  if (isExisting) {
    return { title: `${registration.email} was already registered.`, description: 'Their personal link was e-mailed to them again: the same link, which keeps working.' }
  }
  if (registration.status === 'approved') return { title: `${registration.name} was added.`, description: 'Their join link is on its way by e-mail.' }
  if (registration.status === 'waitlisted') return { title: `${registration.name} was added to the waitlist.`, description: 'The seats are all taken.' }
  return { title: `${registration.name} was added.`, description: 'The registration waits for your approval.' }
}

function AddRegistrantForm({ webinarId, onDone }: { webinarId: string; onDone: () => void }) {
  const addRegistration = useAddRegistration()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RegistrantValues>({ defaultValues: { name: '', email: '' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    addRegistration.mutate(
      { webinarId, body: withPersonTrimmed(values) },
      {
        onSuccess: (added) => {
          const { title, description } = addedMessage(added.registration, added.wasAlreadyRegistered)
          toast.success(title, { description })
          onDone()
        },
        // Field problems land at their inputs; a refusal (409: registration closed, or declined before) above the form.
        onError: (error) => setFormError(applyServerErrors(error, setError, ['name', 'email'])),
      },
    )
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <NameField label="Name" autoComplete="off" error={errors.name?.message} {...register('name')} />
      <EmailField
        label="E-mail address"
        autoComplete="off"
        hint="Their personal join link goes to this address."
        error={errors.email?.message}
        {...register('email')}
      />
      <DialogFormActions submitLabel="Add registrant" pendingLabel="Adding…" isPending={addRegistration.isPending} />
    </form>
  )
}

export function AddRegistrantDialog({ webinar, className }: { webinar: Pick<Webinar, 'id' | 'approvalMode'>; className?: string }) {
  const [isOpen, setIsOpen] = useState(false)
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button className={className}>
          <UserPlus className="size-4" aria-hidden />
          Add registrant
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Add registrant"
        description={
          webinar.approvalMode === 'manual'
            ? 'They are registered as if they had used the public page, even after the registration deadline, and wait for your approval like everyone else.'
            : 'They are registered as if they had used the public page, even after the registration deadline, and get their join link by e-mail (or join the waitlist when the seats are gone).'
        }
      >
        {/* Radix unmounts the content when closed, so each opening starts with an empty form. */}
        <AddRegistrantForm webinarId={webinar.id} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  )
}
