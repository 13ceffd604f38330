import type { RegisterForSeriesBody, SeriesRegistrationReceipt } from '@webinar/shared/series'
import { apiClient, dataOf } from '@/lib/api-client'

/**
 * Registers for every upcoming session ("all": one mail with a personal link per session) or one session (its
 * usual confirmation). The join links are never in the answer: they go by e-mail only.
 */
export function registerForSeries(slug: string, body: RegisterForSeriesBody): Promise<SeriesRegistrationReceipt> {
  return dataOf(apiClient.POST('/api/public/series/{slug}/registrations', { params: { path: { slug } }, body }))
}
