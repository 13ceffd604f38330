import { formatDate, formatDateTime } from '@webinar/shared/time-format'
import type { User } from '@webinar/shared/users'
import { useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { initialsOf } from '@/lib/initials'
import { RemoveUserDialog } from './remove-user-dialog'
import { roleLabels } from '../utils/role-labels'


export function UsersList({ users, currentUserId }: { users: User[]; currentUserId: string }) {
  const [userToRemove, setUserToRemove] = useState<User | null>(null)

  return (
    <Card>
      <ul role="list" aria-label="Staff" className="divide-y divide-slate-100">
        {users.map((user) => {
          const isYou = user.id === currentUserId
          // The server refuses both; not offering them saves a pointless round trip and an error.
          const canRemove = !isYou && user.role !== 'owner'
          return (
            <li key={user.id} className="flex flex-wrap items-center gap-x-4 gap-y-3 px-5 py-4 sm:flex-nowrap sm:px-6">
              <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-full bg-accent-50 text-sm font-semibold text-accent-700">
                {initialsOf(user.name)}
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                  <span className="truncate">{user.name}</span>
                  {isYou ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
                </p>
                <p className="truncate text-sm text-slate-600">{user.email}</p>
              </div>
              <div className="flex w-full items-center gap-4 pl-14 sm:w-auto sm:pl-0">
                <Badge tone={user.role === 'host' ? 'neutral' : 'accent'}>{roleLabels[user.role]}</Badge>
                <span className="hidden text-sm whitespace-nowrap text-slate-500 md:block">
                  Added <time dateTime={user.createdAt} title={formatDateTime(user.createdAt)}>{formatDate(user.createdAt)}</time>
                </span>
                <div className="ml-auto sm:w-24 sm:text-right">
                  {canRemove ? (
                    <Button variant="danger-quiet" size="sm" aria-label={`Remove ${user.name}`} onClick={() => setUserToRemove(user)}>
                      Remove
                    </Button>
                  ) : null}
                </div>
              </div>
            </li>
          )
        })}
      </ul>
      <RemoveUserDialog user={userToRemove} onClose={() => setUserToRemove(null)} />
    </Card>
  )
}
