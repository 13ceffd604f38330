import { PasswordResetConfirmBody } from '@webinar/shared/auth'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { minimumPasswordLength, newPasswordMessage } from '@/components/ui/password-rules'
import { TextField } from '@/components/ui/text-field'
import { isApiError } from '@/lib/api-error'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'
import { useConfirmPasswordReset } from '../api/confirm-password-reset'

interface ResetPasswordValues {
  password: string
  confirmPassword: string
}

/** Sets a new password with the token of a mailed link. */
export function ResetPasswordForm({ token, onDone }: { token: string; onDone: () => void }) {
  const confirmReset = useConfirmPasswordReset()
  const [formError, setFormError] = useState<string | null>(null)
  const [isLinkSpent, setIsLinkSpent] = useState(false)
  // Passwords go as typed: spaces may be part of them.
  const bodyOf = ({ password }: ResetPasswordValues): PasswordResetConfirmBody => ({ token, password })
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ResetPasswordValues>({
    defaultValues: { password: '', confirmPassword: '' },
    resolver: schemaResolver<ResetPasswordValues>(PasswordResetConfirmBody, {
      bodyOf,
      messages: { password: newPasswordMessage('Choose a new password.') },
      // A typo in a password nobody can see would lock its owner out again: the second copy is checked here.
      alsoCheck: ({ password, confirmPassword }): Record<string, string> => {
        if (confirmPassword === '') return { confirmPassword: 'Type the new password again.' }
        return confirmPassword === password ? {} : { confirmPassword: 'This is not the same as the new password.' }
      },
    }),
  })

  const submit = handleSubmit((values) => {
    setFormError(null)
    confirmReset.mutate(bodyOf(values), {
      onSuccess: onDone,
      onError: (error) => {
        // A used, expired or mangled link: no password typed here will help, a new link will.
        setIsLinkSpent(isApiError(error, 400) && error.code === 'bad_request')
        setFormError(applyServerErrors(error, setError, ['password']))
      },
    })
  })

  return (
    <form onSubmit={submit} noValidate aria-label="Choose a new password" className="space-y-5">
      {formError ? (
        <Alert>
          <p>{formError}</p>
          {isLinkSpent ? (
            <p className="mt-1">
              <Link to="/forgot-password" className="font-semibold underline">
                Ask for a new link
              </Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        autoFocus
        hint={`At least ${minimumPasswordLength} characters. A few unrelated words make a strong one.`}
        error={errors.password?.message}
        {...register('password')}
      />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" error={errors.confirmPassword?.message} {...register('confirmPassword')} />
      <Button type="submit" className="w-full" isPending={confirmReset.isPending} pendingLabel="Setting the password…">
        Set the new password
      </Button>
    </form>
  )
}
