import type { PublicWebinar } from '@webinar/shared/registrations'
import { requestApi } from '@/lib/api-request'
import { usePublicQuery } from '@/lib/public-query'

export function publicWebinarQueryKey(slug: string): string {
  return `public-webinar:${slug}`
}

export function getPublicWebinar(slug: string): Promise<PublicWebinar> {
  return requestApi('get', '/api/public/webinars/{slug}', { path: { slug } })
}

/** Seats come and go as others register and cancel: asked again whenever the page is opened. */
export function usePublicWebinar(slug: string) {
  return usePublicQuery(publicWebinarQueryKey(slug), () => getPublicWebinar(slug))
}
