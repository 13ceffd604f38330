import { SetupBody } from '@webinar/shared/auth'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { EmailField, NameField, withPersonTrimmed } from '@/components/ui/person-fields'
import { minimumPasswordLength, newPasswordMessage } from '@/components/ui/password-rules'
import { TextField } from '@/components/ui/text-field'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { useSetUpOwner } from '../api/set-up-owner'

const resolver = schemaResolver<SetupBody>(SetupBody, {
  bodyOf: withPersonTrimmed,
  messages: { name: 'Enter your name.', email: 'Enter an e-mail address like name@example.com.', password: newPasswordMessage('Choose a password.') },
})

export function SetupForm({ onDone }: { onDone: () => void }) {
  const setUpOwner = useSetUpOwner()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SetupBody>({ defaultValues: { name: '', email: '', password: '' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    setUpOwner.mutate(withPersonTrimmed(values), {
      onSuccess: onDone,
      onError: (error) => setFormError(applyServerErrors(error, setError, ['name', 'email', 'password'])),
    })
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <NameField label="Your name" error={errors.name?.message} {...register('name')} />
      <EmailField label="E-mail address" error={errors.email?.message} {...register('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minimumPasswordLength} characters. A few unrelated words make a strong one.`}
        error={errors.password?.message}
        {...register('password')}
      />
      <Button type="submit" className="w-full" isPending={setUpOwner.isPending} pendingLabel="Creating your account…">
        Create account
      </Button>
    </form>
  )
}
