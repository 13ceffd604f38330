import type { PasswordResetConfirmBody } from '@webinar/shared/auth'
import { useMutation } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'

/** Sets the new password with the mailed link's token; every session of the account ends (none is started here). */
export function confirmPasswordReset(body: PasswordResetConfirmBody): Promise<void> {
  return noContent(apiClient.POST('/api/auth/password-reset/confirm', { body }))
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset })
}
