import { useMutation } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'

/** Removes an attendee from the webinar (moderators): out of the room and the call, their link retired. */
export function removeAttendee(webinarId: string, registrationId: string): Promise<void> {
  return noContent(apiClient.POST('/api/rooms/{webinarId}/attendees/{registrationId}/remove', { params: { path: { webinarId, registrationId } } }))
}

export function useRemoveAttendee(webinarId: string) {
  return useMutation({ mutationFn: (registrationId: string) => removeAttendee(webinarId, registrationId) })
}
