import { CreateUserBody } from '@webinar/shared/users'
import { UserPlus } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFormActions, DialogTrigger } from '@/components/ui/dialog'
import { FieldError } from '@/components/ui/field'
import { EmailField, NameField, withPersonTrimmed } from '@/components/ui/person-fields'
import { minimumPasswordLength, newPasswordMessage } from '@/components/ui/password-rules'
import { TextField } from '@/components/ui/text-field'
import { isApiError } from '@/lib/api-error'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { cn } from '@/lib/cn'
import { useCreateUser } from '../api/create-user'
import { roleDescriptions, roleLabels } from '../utils/role-labels'

const assignableRoles = ['host', 'admin'] as const

const resolver = schemaResolver<CreateUserBody>(CreateUserBody, {
  bodyOf: withPersonTrimmed,
  messages: {
    name: 'Enter their name.',
    email: 'Enter an e-mail address like name@example.com.',
    password: newPasswordMessage('Choose a password for them.'),
  },
})

function AddUserForm({ onDone }: { onDone: () => void }) {
  const createUser = useCreateUser()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<CreateUserBody>({ defaultValues: { name: '', email: '', password: '', role: 'host' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    createUser.mutate(withPersonTrimmed(values), {
      onSuccess: (user) => {
        toast.success(`${user.name} can now sign in as ${roleLabels[user.role].toLowerCase()}.`)
        onDone()
      },
      onError: (error) => {
        // The only conflict creating a person can hit is an e-mail address already in use: show it at that field.
        if (isApiError(error, 409)) {
          setError('email', { type: 'server', message: error.message }, { shouldFocus: true })
          return
        }
        setFormError(applyServerErrors(error, setError, ['name', 'email', 'password', 'role']))
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <NameField label="Name" autoComplete="off" error={errors.name?.message} {...register('name')} />
      <EmailField label="E-mail address" autoComplete="off" error={errors.email?.message} {...register('email')} />
      <fieldset aria-describedby={errors.role ? 'role-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Role</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {assignableRoles.map((role) => (
            <label
              key={role}
              className={cn(
                'flex cursor-pointer gap-3 rounded-xl p-3.5 ring-1 ring-slate-300 ring-inset transition-colors hover:bg-slate-50',
                'has-checked:bg-accent-50 has-checked:ring-2 has-checked:ring-accent-600',
                'has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-600',
              )}
            >
              <input type="radio" value={role} className="mt-0.5 size-4 accent-accent-600 focus-visible:outline-none" {...register('role')} />
              <span>
                <span className="block text-sm font-medium text-slate-900">{roleLabels[role]}</span>
                <span className="mt-0.5 block text-xs leading-5 text-slate-600">{roleDescriptions[role]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.role?.message ? <FieldError id="role-error">{errors.role.message}</FieldError> : null}
      </fieldset>
      <TextField
        label="Temporary password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minimumPasswordLength} characters. Give it to them in person or through a channel you trust.`}
        error={errors.password?.message}
        {...register('password')}
      />
      <DialogFormActions submitLabel="Add person" pendingLabel="Adding…" isPending={createUser.isPending} />
    </form>
  )
}

export function AddUserDialog() {
  const [isOpen, setIsOpen] = useState(false)
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden />
          Add a person
        </Button>
      </DialogTrigger>
      <DialogContent title="Add a person" description="They sign in with this e-mail address and the password you choose.">
        {/* Radix unmounts the content when closed, so each opening starts with an empty form. */}
        <AddUserForm onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  )
}
