import type { ChangePasswordBody } from '@webinar/shared/auth'
import { useMutation } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'

/** The server ends every session of the account and answers with a new session cookie for this browser. */
export function changePassword(body: ChangePasswordBody): Promise<void> {
  return noContent(apiClient.POST('/api/auth/password', { body }))
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword })
}
