import { LoginBody } from '@webinar/shared/auth'
import { ErrorCode } from '@webinar/shared/errors'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { EmailField } from '@/components/ui/person-fields'
import { TextField } from '@/components/ui/text-field'
import { isApiError } from '@/lib/api-error'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { useLogIn } from '../api/log-in'

// The password goes as typed: spaces may be part of it.
const loginBodyOf = (values: LoginBody): LoginBody => ({ ...values, email: values.email.trim() })

const resolver = schemaResolver<LoginBody>(LoginBody, {
  bodyOf: loginBodyOf,
  messages: { email: 'Enter your e-mail address.', password: 'Enter your password.' },
})

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
  } = useForm<LoginBody>({ defaultValues: { email: '', password: '' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    logIn.mutate(loginBodyOf(values), {
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
      <EmailField label="E-mail address" autoComplete="username" error={errors.email?.message} {...register('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register('password')}
      />
      <Button type="submit" className="w-full" isPending={logIn.isPending} pendingLabel="Signing in…">
        Sign in
      </Button>
      {/* After the button: from the password, Tab goes on to "Sign in". */}
      <p className="text-center text-sm">
        <Link to="/forgot-password" className="rounded font-medium text-accent-700 hover:text-accent-800 hover:underline">
          Forgot password?
        </Link>
      </p>
    </form>
  )
}
