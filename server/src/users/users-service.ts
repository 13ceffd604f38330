import type { CreateUserBody, User } from '@webinar/shared/users'
import type { Database } from '../db/client.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { hashPassword } from './password.ts'
import type { Staff } from './staff.ts'
import { userRepository } from './user-repository.ts'
import { toUserView } from './user-view.ts'

export interface UsersServiceDependencies {
  db: Database
}

/** Staff accounts: listing, creating admins and hosts, removing them (never oneself, never the owner). */
export function createUsersService({ db }: UsersServiceDependencies) {
  return {
    async list(): Promise<User[]> {
      return (await userRepository.list(db)).map(toUserView)
    },

    async create({ email, name, password, role }: CreateUserBody): Promise<User> {
      const created = await userRepository.insert(db, { email: email.trim(), name: name.trim(), passwordHash: await hashPassword(password), role })
      if (!created) {
        throw new AppError('conflict', 'Someone already has an account with this e-mail address.', { email: 'is already taken' })
      }
      return toUserView(created)
    },

    async remove(staff: Staff, id: string): Promise<void> {
      const target = await userRepository.findById(db, id)
      if (!target) throw notFound('User')
      if (target.id === staff.user.id) throw forbidden('You cannot remove your own account.')
      if (target.role === 'owner') throw forbidden('The owner account cannot be removed.')
      const outcome = await userRepository.delete(db, target.id)
      if (outcome === 'in_use') throw conflict('This person still hosts webinars: give those webinars another host first.')
    },
  }
}

export type UsersService = ReturnType<typeof createUsersService>
