import type { OrganisationSettings } from '@webinar/shared/organisation'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { keepOrganisation } from './update-organisation'

/** The file's bytes as base64, without the data URL's prefix. */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}

/** The server tells the format from the file's first bytes, whatever its name or type says. */
export async function uploadLogo(file: Blob): Promise<OrganisationSettings> {
  return dataOf(apiClient.PUT('/api/organisation/logo', { body: { imageBase64: await base64Of(file) } }))
}

export function useUploadLogo() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: uploadLogo, onSuccess: (settings) => keepOrganisation(queryClient, settings) })
}
