import type { PasswordResetRequestBody, PasswordResetRequested } from '@webinar/shared/auth'
import { useMutation } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

/** The same answer whether or not an account uses the address; it says only whether this installation sends mail. */
export function requestPasswordReset(body: PasswordResetRequestBody): Promise<PasswordResetRequested> {
  return dataOf(apiClient.POST('/api/auth/password-reset', { body }))
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset })
}
