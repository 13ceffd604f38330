import Type from 'typebox'
import { exampleIds, exampleTimes } from './examples.ts'

export const Role = Type.Enum(['owner', 'admin', 'host'])
export type Role = Type.Static<typeof Role>

/** Roles that may manage staff, API keys and every webinar. */
export const staffAdminRoles: readonly Role[] = ['owner', 'admin']

export const Email = Type.String({ format: 'email', maxLength: 254, description: 'E-mail address' })
export const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' })
export const PersonName = Type.String({ minLength: 1, maxLength: 120 })

export const exampleOwner = { id: exampleIds.owner, email: 'maria@example.com', name: 'Maria Lopez', role: 'owner' as const, createdAt: exampleTimes.ownerCreated }
export const exampleHost = { id: exampleIds.host, email: 'grace@example.com', name: 'Grace Hopper', role: 'host' as const, createdAt: exampleTimes.hostCreated }

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Type.String(),
    role: Role,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { examples: [exampleHost] },
)
export type User = Type.Static<typeof User>

export const UserList = Type.Object({ items: Type.Array(User) }, { examples: [{ items: [exampleOwner, exampleHost] }] })
export type UserList = Type.Static<typeof UserList>

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: PersonName,
    password: Password,
    role: Type.Enum(['admin', 'host']),
  },
  {
    additionalProperties: false,
    examples: [{ email: exampleHost.email, name: exampleHost.name, password: 'correct horse battery staple', role: 'host' }],
  },
)
export type CreateUserBody = Type.Static<typeof CreateUserBody>

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
