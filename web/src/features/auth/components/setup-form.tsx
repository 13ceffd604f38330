import type { SetupBody } from '@webinar/shared/auth'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/text-field'
import { applyServerErrors } from '@/lib/form-errors'
import { useSetUpOwner } from '../api/set-up-owner'

const minimumPasswordLength = 10

export function SetupForm({ onDone }: { onDone: () => void }) {
  const setUpOwner = useSetUpOwner()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SetupBody>({ defaultValues: { name: '', email: '', password: '' } })

  const submit = handleSubmit((values) => {
    setFormError(null)
    setUpOwner.mutate(values, {
      onSuccess: onDone,
      onError: (error) => setFormError(applyServerErrors(error, setError, ['name', 'email', 'password'])),
    })
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label="Your name"
        autoComplete="name"
        error={errors.name?.message}
        {...register('name', { validate: (value) => value.trim().length > 0 || 'Enter your name.' })}
      />
      <TextField
        label="E-mail address"
        type="email"
        autoComplete="email"
        inputMode="email"
        error={errors.email?.message}
        {...register('email', {
          validate: (value) => /^\S+@\S+\.\S+$/.test(value.trim()) || 'Enter an e-mail address like name@example.com.',
        })}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minimumPasswordLength} characters. A few unrelated words make a strong one.`}
        error={errors.password?.message}
        {...register('password', {
          minLength: { value: minimumPasswordLength, message: `Use at least ${minimumPasswordLength} characters.` },
          required: 'Choose a password.',
        })}
      />
      <Button type="submit" className="w-full" isPending={setUpOwner.isPending} pendingLabel="Creating your account…">
        Create account
      </Button>
    </form>
  )
}
