import { ChangePasswordBody } from '@webinar/shared/auth'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { minimumPasswordLength, newPasswordMessage } from '@/components/ui/password-rules'
import { TextField } from '@/components/ui/text-field'
import { useChangePassword } from '@/features/auth/api/change-password'
import { isApiError } from '@/lib/api-error'
import { applyServerErrors } from '@/lib/form-errors'
import { schemaResolver } from '@/lib/form-validation'

interface ChangePasswordValues extends ChangePasswordBody {
  confirmPassword: string
}

const emptyValues: ChangePasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' }

// Passwords go as typed: spaces may be part of them.
const changePasswordBodyOf = ({ currentPassword, newPassword }: ChangePasswordValues): ChangePasswordBody => ({ currentPassword, newPassword })

const resolver = schemaResolver<ChangePasswordValues>(ChangePasswordBody, {
  bodyOf: changePasswordBodyOf,
  messages: { currentPassword: 'Enter your current password.', newPassword: newPasswordMessage('Choose a new password.') },
  // A typo in a password nobody can see would lock its owner out: the second copy is only checked here.
  alsoCheck: ({ newPassword, confirmPassword }): Record<string, string> => {
    if (confirmPassword === '') return { confirmPassword: 'Type the new password again.' }
    return confirmPassword === newPassword ? {} : { confirmPassword: 'This is not the same as the new password.' }
  },
})

export function ChangePasswordCard() {
  const changePassword = useChangePassword()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    reset,
    resetField,
    formState: { errors },
  } = useForm<ChangePasswordValues>({ defaultValues: emptyValues, resolver })

  const submit = handleSubmit((values) => {
    setFormError(null)
    changePassword.mutate(changePasswordBodyOf(values), {
      onSuccess: () => {
        reset(emptyValues)
        toast.success('Password changed. Other devices were signed out.')
      },
      onError: (error) => {
        setFormError(applyServerErrors(error, setError, ['currentPassword', 'newPassword']))
        // A wrong current password is most likely a typo: empty it so it can be typed again straight away.
        if (isApiError(error) && 'currentPassword' in error.fields) {
          resetField('currentPassword')
          setError('currentPassword', { type: 'server', message: 'This is not your current password.' }, { shouldFocus: true })
        }
      },
    })
  })

  return (
    <Card>
      <CardHeader title="Change password" description="Changing it signs you out everywhere else: other browsers and devices must sign in again." />
      <form onSubmit={submit} noValidate aria-label="Change password" className="max-w-md space-y-5 px-5 pt-5 pb-5 sm:px-6 sm:pb-6">
        {formError ? <Alert>{formError}</Alert> : null}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minimumPasswordLength} characters. A few unrelated words make a strong one.`}
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword?.message}
          {...register('confirmPassword')}
        />
        <Button type="submit" isPending={changePassword.isPending} pendingLabel="Changing password…">
          Change password
        </Button>
      </form>
    </Card>
  )
}
