import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyIdParams, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '@webinar/shared/api-keys'
import { ErrorResponse } from '@webinar/shared/errors'
import Type from 'typebox'
import { currentStaff } from '../auth/authenticate.ts'
import type { Clock } from '../clock.ts'
import { notFound } from '../errors.ts'
import { toApiKeyView, type ApiKeyRepository } from './api-key-repository.ts'
import { generateApiKeySecret } from './api-key-secret.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/** Integrator keys. Each staff member manages their own; a key acts with its owner's role. */
export const apiKeysRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeyRepository; clock: Clock }> = async (app, { apiKeys, clock }) => {
  app.get('', { schema: { tags: ['api-keys'], summary: 'Your active API keys', response: { 200: ApiKeyList, ...errors } } }, async (request) => ({
    items: (await apiKeys.listActiveForUser(currentStaff(request).user.id)).map(toApiKeyView),
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
    async (request, reply) => {
      const { secret, prefix, secretHash } = generateApiKeySecret()
      const row = await apiKeys.insert({ userId: currentStaff(request).user.id, name: request.body.name.trim(), prefix, secretHash })
      return reply.status(201).send({ apiKey: toApiKeyView(row), secret })
    },
  )

  app.delete(
    '/:id',
    { schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: ApiKeyIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const isRevoked = await apiKeys.revoke(request.params.id, currentStaff(request).user.id, clock.now())
      if (!isRevoked) throw notFound('API key')
      return reply.status(204).send(null)
    },
  )
}
