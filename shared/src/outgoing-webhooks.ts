import Type from 'typebox'
import { maxListOffset } from './errors.ts'
import { exampleIds } from './examples.ts'
import { exampleRegistration } from './registrations.ts'

const exampleEndpoint = {
  id: exampleIds.webhookEndpoint,
  url: 'https://crm.example.com/hooks/webinars',
  description: 'CRM sync',
  eventTypes: ['registration.created', 'registration.updated'],
  isEnabled: true,
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: '2030-03-02T11:05:00.000Z',
  updatedAt: '2030-03-02T11:05:00.000Z',
}
/** Not a real secret: the shape of one (whsec_ and base64 of 32 bytes), for the examples. */
const exampleWebhookSecret = 'whsec_ZXhhbXBsZS1ub3QtYS1yZWFsLXNlY3JldC0wMDA='
const exampleDelivery = {
  id: exampleIds.webhookDelivery,
  endpointId: exampleIds.webhookEndpoint,
  eventType: 'registration.created' as const,
  status: 'succeeded' as const,
  attempts: 1,
  lastStatusCode: 200,
  lastError: null,
  lastAttemptAt: '2030-04-28T10:15:02.000Z',
  deliveredAt: '2030-04-28T10:15:02.000Z',
  createdAt: '2030-04-28T10:15:00.000Z',
  payload: { type: 'registration.created' as const, timestamp: '2030-04-28T10:15:00.000Z', data: exampleRegistration },
}

/**
 * What integrators can be told, each sent as `{ type, timestamp, data }` where `data` is the thing as the API
 * shows it (a registration, a webinar, …), signed per the Standard Webhooks convention.
 */
export const webhookEventTypes = ['registration.created', 'registration.updated', 'webinar.started', 'webinar.ended', 'attendance.updated', 'recording.ready'] as const
export const WebhookEventType = Type.Enum([...webhookEventTypes])
export type WebhookEventType = Type.Static<typeof WebhookEventType>

/** The most endpoints one installation keeps: every event is written once per endpoint, inside the change that causes it. */
export const maxWebhookEndpoints = 20

const EndpointUrl = Type.String({
  minLength: 1,
  maxLength: 2000,
  description:
    'Where events are POSTed: an http(s) URL whose host resolves to public addresses only (private, loopback and link-local ones are refused unless the server sets WEBHOOK_ALLOW_PRIVATE_URLS=true)',
})
const EndpointDescription = Type.String({ maxLength: 500, description: 'What receives the events, for people' })
const EndpointEventTypes = Type.Array(WebhookEventType, { maxItems: webhookEventTypes.length, description: 'The events it receives; empty means every event, including ones added later' })

export const WebhookEndpoint = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(WebhookEventType),
    isEnabled: Type.Boolean(),
    disabledReason: Type.Union([Type.String(), Type.Null()], { description: 'Why the server turned it off (a long run of failed deliveries); null otherwise' }),
    consecutiveFailures: Type.Integer({ description: 'Failed delivery attempts since the last one that succeeded' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { examples: [exampleEndpoint] },
)
export type WebhookEndpoint = Type.Static<typeof WebhookEndpoint>

export const WebhookEndpointList = Type.Object({ items: Type.Array(WebhookEndpoint) }, { examples: [{ items: [exampleEndpoint] }] })
export type WebhookEndpointList = Type.Static<typeof WebhookEndpointList>

export const CreateWebhookEndpointBody = Type.Object(
  {
    url: EndpointUrl,
    description: Type.Optional(EndpointDescription),
    eventTypes: Type.Optional(EndpointEventTypes),
  },
  {
    additionalProperties: false,
    examples: [{ url: exampleEndpoint.url, description: exampleEndpoint.description, eventTypes: exampleEndpoint.eventTypes }],
  },
)
export type CreateWebhookEndpointBody = Type.Static<typeof CreateWebhookEndpointBody>

export const UpdateWebhookEndpointBody = Type.Object(
  {
    url: Type.Optional(EndpointUrl),
    description: Type.Optional(EndpointDescription),
    eventTypes: Type.Optional(EndpointEventTypes),
    isEnabled: Type.Optional(Type.Boolean({ description: 'Enabling again clears the failure count and the reason it was turned off' })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ eventTypes: ['registration.created', 'registration.updated', 'webinar.ended'] }] },
)
export type UpdateWebhookEndpointBody = Type.Static<typeof UpdateWebhookEndpointBody>

/** An endpoint with its signing secret: the answer of creating one and of rotating its secret, the only times the secret is shown. */
export const WebhookEndpointWithSecret = Type.Object(
  {
    endpoint: WebhookEndpoint,
    secret: Type.String({
      description: 'The signing secret (whsec_…, Standard Webhooks). Shown once: keep it where the receiver verifies signatures.',
    }),
  },
  { examples: [{ endpoint: exampleEndpoint, secret: exampleWebhookSecret }] },
)
export type WebhookEndpointWithSecret = Type.Static<typeof WebhookEndpointWithSecret>

export const WebhookEndpointParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const WebhookDeliveryParams = Type.Object({ id: Type.String({ format: 'uuid' }), deliveryId: Type.String({ format: 'uuid' }) })

/** The body of every request sent, as signed. */
export const WebhookMessage = Type.Object({
  type: WebhookEventType,
  timestamp: Type.String({ format: 'date-time', description: 'When the event happened (a resend keeps it)' }),
  data: Type.Unknown({ description: 'The thing the event is about, as the API shows it: a registration, a webinar, …' }),
})
export type WebhookMessage = Type.Static<typeof WebhookMessage>

export const WebhookDeliveryStatus = Type.Enum(['pending', 'succeeded', 'failed'])
export type WebhookDeliveryStatus = Type.Static<typeof WebhookDeliveryStatus>

export const WebhookDelivery = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Also the webhook-id header: the same for every attempt and resend' }),
    endpointId: Type.String({ format: 'uuid' }),
    eventType: WebhookEventType,
    status: WebhookDeliveryStatus,
    attempts: Type.Integer({ description: 'Requests sent so far, resends included' }),
    lastStatusCode: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's last HTTP status; null when no answer came" }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    payload: WebhookMessage,
  },
  { examples: [exampleDelivery] },
)
export type WebhookDelivery = Type.Static<typeof WebhookDelivery>

export const WebhookDeliveryListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset })),
  },
  { additionalProperties: false },
)
export type WebhookDeliveryListQuery = Type.Static<typeof WebhookDeliveryListQuery>

export const WebhookDeliveryList = Type.Object(
  {
    items: Type.Array(WebhookDelivery),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  },
  { examples: [{ items: [exampleDelivery], total: 1, limit: 20, offset: 0 }] },
)
export type WebhookDeliveryList = Type.Static<typeof WebhookDeliveryList>
