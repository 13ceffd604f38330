import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyIdParams, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '@webinar/shared/api-keys'
import { ErrorResponse } from '@webinar/shared/errors'
import Type from 'typebox'
import { currentStaff } from '../users/staff.ts'
import type { ApiKeysService } from './api-keys-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/** Integrator keys. Each staff member manages their own; a key acts with its owner's role. */
export const apiKeysRoutes: FastifyPluginAsyncTypebox<{ service: ApiKeysService }> = async (app, { service }) => {
  app.get('', { schema: { tags: ['api-keys'], summary: 'Your active API keys', response: { 200: ApiKeyList, ...errors } } }, async (request) => ({
    items: await service.listActive(currentStaff(request)),
  }))

  app.post(
    '',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (the secret is in this answer only)',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(currentStaff(request), request.body.name)),
  )

  app.delete(
    '/:id',
    { schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: ApiKeyIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await service.revoke(currentStaff(request), request.params.id)
      return reply.status(204).send(null)
    },
  )
}
