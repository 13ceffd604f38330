import type { User } from '@webinar/shared/users'
import type { UserRow } from './user-repository.ts'

/** A staff account as the API shows it (never the password hash). */
export function toUserView(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() }
}
