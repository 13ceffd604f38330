import { Outlet, useNavigate } from 'react-router'
import { toast } from 'sonner'
import { AdminShell } from '@/components/layouts/admin-shell'
import { useLogOut } from '@/features/auth/api/log-out'
import { RequireSignedIn } from '@/features/auth/components/require-signed-in'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { roleLabels } from '@/features/users/utils/role-labels'
import { errorMessageOf } from '@/lib/api-error'

function SignedInShell() {
  const user = useCurrentUser()
  const logOut = useLogOut()
  const navigate = useNavigate()

  const signOut = () =>
    logOut.mutate(undefined, {
      onSuccess: () => navigate('/login', { replace: true }),
      onError: (error) => toast.error(`Could not sign out. ${errorMessageOf(error)}`),
    })

  return (
    <AdminShell user={{ name: user.name, email: user.email, roleLabel: roleLabels[user.role] }} onSignOut={signOut}>
      <Outlet />
    </AdminShell>
  )
}

export function AdminLayoutRoute() {
  return (
    <RequireSignedIn>
      <SignedInShell />
    </RequireSignedIn>
  )
}
