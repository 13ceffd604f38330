import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { CreateUserBody, User, UserIdParams, UserList } from '@webinar/shared/users'
import Type from 'typebox'
import { currentStaff, requireRole } from '../auth/authenticate.ts'
import { hashPassword } from '../auth/password.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { toUserView, type UserRepository } from './user-repository.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }

/** Staff accounts. Owners and admins manage them; hosts only run webinars. */
export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UserRepository }> = async (app, { users }) => {
  app.addHook('preHandler', requireRole('owner', 'admin'))

  app.get('', { schema: { tags: ['users'], summary: 'List staff', response: { 200: UserList, ...errors } } }, async () => ({
    items: (await users.list()).map(toUserView),
  }))

  app.post(
    '',
    { schema: { tags: ['users'], summary: 'Create an admin or a host', body: CreateUserBody, response: { 201: User, ...errors } } },
    async (request, reply) => {
      const { email, name, password, role } = request.body
      const created = await users.insert({ email: email.trim(), name: name.trim(), passwordHash: await hashPassword(password), role })
      if (!created) {
        throw new AppError('conflict', 'Someone already has an account with this e-mail address.', { email: 'is already taken' })
      }
      return reply.status(201).send(toUserView(created))
    },
  )

  app.delete(
    '/:id',
    { schema: { tags: ['users'], summary: 'Remove a staff account', params: UserIdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const target = await users.findById(request.params.id)
      if (!target) throw notFound('User')
      if (target.id === currentStaff(request).user.id) throw forbidden('You cannot remove your own account.')
      if (target.role === 'owner') throw forbidden('The owner account cannot be removed.')
      const outcome = await users.delete(target.id)
      if (outcome === 'in_use') throw conflict('This person still hosts webinars: give those webinars another host first.')
      return reply.status(204).send(null)
    },
  )
}
