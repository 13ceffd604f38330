import { staffAdminRoles } from '@webinar/shared/users'
import { PageHeader } from '@/components/ui/page-header'
import { Alert } from '@/components/ui/alert'
import { PageLoading } from '@/components/ui/spinner'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { useUsers } from '@/features/users/api/get-users'
import { AddUserDialog } from '@/features/users/components/add-user-dialog'
import { AdminsOnlyNotice } from '@/features/users/components/admins-only-notice'
import { UsersList } from '@/features/users/components/users-list'
import { errorMessageOf } from '@/lib/api-error'

export function UsersRoute() {
  const currentUser = useCurrentUser()
  const canManageStaff = staffAdminRoles.includes(currentUser.role)
  // Hosts are not allowed to list staff: don't ask the server for an answer we know is 403.
  const users = useUsers({ enabled: canManageStaff })

  return (
    <div className="space-y-8">
      <title>Users · Webinars</title>
      <PageHeader
        title="Users"
        description="The people who run webinars here. Admins manage everything; hosts run the webinars they are given."
        actions={canManageStaff ? <AddUserDialog /> : null}
      />
      {!canManageStaff ? (
        <AdminsOnlyNotice />
      ) : users.isPending ? (
        <PageLoading label="Loading people…" />
      ) : users.isError ? (
        <Alert title="The list of people could not be loaded">{errorMessageOf(users.error)}</Alert>
      ) : (
        <UsersList users={users.data.items} currentUserId={currentUser.id} />
      )}
    </div>
  )
}
