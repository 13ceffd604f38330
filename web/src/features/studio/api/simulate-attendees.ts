import type { SimulatedAttendees } from '@webinar/shared/simulation'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { webinarRegistrationsQueryKey } from '@/features/registrations/api/get-registrations'
import { webinarReportQueryKey } from '@/features/reports/api/get-webinar-report'
import { apiClient, dataOf, type ApiRequestBody } from '@/lib/api-client'

export type SimulateAttendeesBody = ApiRequestBody<'/api/webinars/{id}/simulate-attendees', 'post'>

/** Local mode only: registrants join and leave the live call over the next minutes (the server runs it). */
export function simulateAttendees({ webinarId, body }: { webinarId: string; body: SimulateAttendeesBody }): Promise<SimulatedAttendees> {
  return dataOf(apiClient.POST('/api/webinars/{id}/simulate-attendees', { params: { path: { id: webinarId } }, body }))
}

export function useSimulateAttendees() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: simulateAttendees,
    // New registrations may have been made for it; the report follows the arrivals by itself while live.
    onSuccess: (_answer, { webinarId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: webinarRegistrationsQueryKey(webinarId) }),
        queryClient.invalidateQueries({ queryKey: webinarReportQueryKey(webinarId) }),
      ]),
  })
}
