import { passwordResetLinkCommand, PasswordResetRequestBody, passwordResetLinkValidMinutes } from '@webinar/shared/auth'
import { MailCheck } from 'lucide-react'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { EmailField } from '@/components/ui/person-fields'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { useRequestPasswordReset } from '../api/request-password-reset'

const bodyOf = (values: PasswordResetRequestBody): PasswordResetRequestBody => ({ email: values.email.trim() })

const resolver = schemaResolver<PasswordResetRequestBody>(PasswordResetRequestBody, {
  bodyOf,
  messages: { email: ({ value }) => (value === '' ? 'Enter the e-mail address you sign in with.' : 'Enter a valid e-mail address, like name@example.com.') },
})

/** What happened, in words that are true whether or not an account uses the address. */
function RequestedNotice({ email, isMailConfigured }: { email: string; isMailConfigured: boolean }) {
  if (!isMailConfigured) {
    return (
      <Alert tone="warning" title="This installation sends no mail">
        <p>No link could be mailed: no mail server is set up here. Whoever runs the server can make a link for you with this command:</p>
        <code className="mt-2 block rounded-lg bg-white/70 px-3 py-2 font-mono text-xs wrap-anywhere text-slate-800 ring-1 ring-amber-200">
          {passwordResetLinkCommand} {email}
        </code>
      </Alert>
    )
  }
  return (
    <div role="status" className="space-y-3 text-sm leading-6 text-slate-700">
      <div className="flex size-11 items-center justify-center rounded-full bg-accent-50 text-accent-600">
        <MailCheck className="size-5" aria-hidden />
      </div>
      <p className="text-base font-semibold text-slate-900">Check your inbox</p>
      <p>
        If an account uses <strong className="font-semibold wrap-anywhere text-slate-900">{email}</strong>, a link to choose a new password is on its way. It
        works once, for {passwordResetLinkValidMinutes} minutes.
      </p>
      <p className="text-slate-500">Nothing after a few minutes? Look in your spam folder, check the address, and ask again.</p>
    </div>
  )
}

export function ForgotPasswordForm() {
  const requestReset = useRequestPasswordReset()
  const [formError, setFormError] = useState<string | null>(null)
  const [requested, setRequested] = useState<{ email: string; isMailConfigured: boolean } | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PasswordResetRequestBody>({ defaultValues: { email: '' }, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    const body = bodyOf(values)
    requestReset.mutate(body, {
      onSuccess: ({ isMailConfigured }) => setRequested({ email: body.email, isMailConfigured }),
      onError: (error) => setFormError(applyServerErrors(error, setError, ['email'])),
    })
  })

  if (requested) {
    return (
      <div className="space-y-5">
        <RequestedNotice {...requested} />
        <Button variant="secondary" className="w-full" onClick={() => setRequested(null)}>
          Use another address
        </Button>
      </div>
    )
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Reset your password" className="space-y-5">
      {formError ? <Alert>{formError}</Alert> : null}
      <EmailField label="E-mail address" autoComplete="username" autoFocus error={errors.email?.message} {...register('email')} />
      <Button type="submit" className="w-full" isPending={requestReset.isPending} pendingLabel="Sending the link…">
        Send me a link
      </Button>
    </form>
  )
}
