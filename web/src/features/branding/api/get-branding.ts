import type { PublicBranding } from '@webinar/shared/organisation'
import { requestApi } from '@/lib/api-request'

/** The organisation's name, accent colour and logo, as public pages show them. */
export function getBranding({ signal }: { signal?: AbortSignal } = {}): Promise<PublicBranding> {
  return requestApi('get', '/api/public/branding', { signal })
}
