import type { PersonExport } from '@webinar/shared/privacy'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { auditLogQueryKey } from './get-audit-log'

export interface ExportedPerson {
  document: PersonExport
  /** The name the server gives the file (`person-<reference>.json`: no address in it). */
  filename: string
}

/** The file name in a `content-disposition: attachment; filename="…"` header. */
function filenameOf(response: Response): string {
  const disposition = response.headers.get('content-disposition') ?? ''
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'person.json'
}

/** Everything held about the person at `email`; the address goes in the body, never in a URL. */
export async function exportPerson(email: string): Promise<ExportedPerson> {
  const call = apiClient.POST('/api/people/export', { body: { email } })
  const { response } = await call
  return { document: await dataOf(call), filename: filenameOf(response) }
}

/** Hands the document to the browser as a download, as the server named it. */
export function downloadJson({ document: json, filename }: ExportedPerson): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }))
  const link = Object.assign(document.createElement('a'), { href: url, download: filename })
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next tick: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function useExportPerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: exportPerson,
    // Every export is in the audit log.
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditLogQueryKey }),
  })
}
