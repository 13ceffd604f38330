import { useMutation, useQueryClient } from '@tanstack/react-query'
import { brandingQueryKey } from '@/features/branding/api/branding-query'
import { apiClient, noContent } from '@/lib/api-client'
import { organisationQueryKey } from './get-organisation'

export function removeLogo(): Promise<void> {
  return noContent(apiClient.DELETE('/api/organisation/logo'))
}

export function useRemoveLogo() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: removeLogo,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: organisationQueryKey }), queryClient.invalidateQueries({ queryKey: brandingQueryKey })]),
  })
}
