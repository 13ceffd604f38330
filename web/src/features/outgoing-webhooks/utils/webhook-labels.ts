import type { WebhookDeliveryStatus, WebhookEventType } from '@webinar/shared/outgoing-webhooks'

/** Each event as a person would say it, with when it is sent. */
export const webhookEventLabels: Record<WebhookEventType, { label: string; description: string }> = {
  'registration.created': { label: 'Registration created', description: 'Someone registers, on the public page or added by staff.' },
  'registration.updated': { label: 'Registration updated', description: 'Approved, declined, waitlisted, promoted, cancelled, or given a new link.' },
  'webinar.started': { label: 'Webinar started', description: 'The host goes live.' },
  'webinar.ended': { label: 'Webinar ended', description: 'The host ends the webinar.' },
  'attendance.updated': { label: 'Attendance updated', description: 'A registrant’s time in the live webinar changes.' },
  'recording.ready': { label: 'Recording ready', description: 'A recording of the webinar can be watched.' },
}

export const webhookDeliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
}

/** What an endpoint receives, in a few words. */
export function describeEventTypes(eventTypes: readonly WebhookEventType[]): string {
  if (eventTypes.length === 0) return 'All events'
  return eventTypes.map((type) => webhookEventLabels[type].label).join(', ')
}
