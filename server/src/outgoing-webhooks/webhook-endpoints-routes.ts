import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryListQuery,
  WebhookDeliveryParams,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointParams,
  WebhookEndpointWithSecret,
} from '@webinar/shared/outgoing-webhooks'
import Type from 'typebox'
import { currentStaff, requireRole } from '../users/staff.ts'
import type { WebhookEndpointsService } from './webhook-endpoints-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['webhooks']

/**
 * Outgoing webhooks: the endpoints that receive this installation's events, signed per Standard Webhooks, and each
 * one's delivery log. Owners and admins only (their API keys included): an endpoint receives every registrant's data.
 */
export const webhookEndpointsRoutes: FastifyPluginAsyncTypebox<{ service: WebhookEndpointsService }> = async (app, { service }) => {
  app.addHook('preHandler', requireRole('owner', 'admin'))

  app.get('', { schema: { tags, summary: 'List webhook endpoints', response: { 200: WebhookEndpointList, ...errors } } }, async () => service.list())

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Add a webhook endpoint (its signing secret is in this answer only)',
        body: CreateWebhookEndpointBody,
        response: { 201: WebhookEndpointWithSecret, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(currentStaff(request), request.body)),
  )

  app.get(
    '/:id',
    { schema: { tags, summary: 'Get a webhook endpoint', params: WebhookEndpointParams, response: { 200: WebhookEndpoint, ...errors } } },
    async (request) => service.get(request.params.id),
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a webhook endpoint, or enable or disable it',
        params: WebhookEndpointParams,
        body: UpdateWebhookEndpointBody,
        response: { 200: WebhookEndpoint, ...errors },
      },
    },
    async (request) => service.update(request.params.id, request.body),
  )

  app.delete(
    '/:id',
    { schema: { tags, summary: 'Remove a webhook endpoint and its delivery log', params: WebhookEndpointParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await service.delete(request.params.id)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'Replace the signing secret (the new one is in this answer only)',
        params: WebhookEndpointParams,
        response: { 200: WebhookEndpointWithSecret, ...errors },
      },
    },
    async (request) => service.rotateSecret(request.params.id),
  )

  app.get(
    '/:id/deliveries',
    {
      schema: {
        tags,
        summary: "An endpoint's delivery log, latest first",
        params: WebhookEndpointParams,
        querystring: WebhookDeliveryListQuery,
        response: { 200: WebhookDeliveryList, ...errors },
      },
    },
    async (request) => service.listDeliveries(request.params.id, request.query),
  )

  app.post(
    '/:id/deliveries/:deliveryId/resend',
    {
      schema: {
        tags,
        summary: 'Send a delivery again (same webhook-id, a new attempt)',
        params: WebhookDeliveryParams,
        response: { 202: WebhookDelivery, ...errors },
      },
    },
    async (request, reply) => reply.status(202).send(await service.resend(request.params.id, request.params.deliveryId)),
  )
}
