import type { LoginBody } from '@webinar/shared/auth'
import { ErrorCode } from '@webinar/shared/errors'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { TextField } from '@/components/ui/text-field'
import { isApiError } from '@/lib/api-client'
import { applyServerErrors } from '@/lib/form-errors'
import { useLogIn } from '../api/log-in'

export function LoginForm({ onDone }: { onDone: () => void }) {
  const logIn = useLogIn()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    resetField,
    formState: { errors },
  } = useForm<LoginBody>({ defaultValues: { email: '', password: '' } })

  const submit = handleSubmit((values) => {
    setFormError(null)
    logIn.mutate(values, {
      onSuccess: onDone,
      onError: (error) => {
        setFormError(applyServerErrors(error, setError, ['email', 'password']))
        // Most likely a typo in the password: let them type it again straight away.
        if (isApiError(error) && error.code === ErrorCode.invalidCredentials) {
          resetField('password')
          setFocus('password')
        }
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label="E-mail address"
        type="email"
        autoComplete="username"
        inputMode="email"
        error={errors.email?.message}
        {...register('email', { validate: (value) => value.trim().length > 0 || 'Enter your e-mail address.' })}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register('password', { required: 'Enter your password.' })}
      />
      <Button type="submit" className="w-full" isPending={logIn.isPending} pendingLabel="Signing in…">
        Sign in
      </Button>
    </form>
  )
}
