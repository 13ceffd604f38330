import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { CreateUserBody, User, UserIdParams, UserList } from '@webinar/shared/users'
import Type from 'typebox'
import { currentStaff, requireRole } from './staff.ts'
import type { UsersService } from './users-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }

/** Staff accounts. Owners and admins manage them; hosts only run webinars. */
export const usersRoutes: FastifyPluginAsyncTypebox<{ service: UsersService }> = async (app, { service }) => {
  app.addHook('preHandler', requireRole('owner', 'admin'))

  app.get('', { schema: { tags: ['users'], summary: 'List staff', response: { 200: UserList, ...errors } } }, async () => ({
    items: await service.list(),
  }))

  app.post(
    '',
    { schema: { tags: ['users'], summary: 'Create an admin or a host', body: CreateUserBody, response: { 201: User, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(request.body)),
  )

  app.delete(
    '/:id',
    { schema: { tags: ['users'], summary: 'Remove a staff account', params: UserIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await service.remove(currentStaff(request), request.params.id)
      return reply.status(204).send(null)
    },
  )
}
