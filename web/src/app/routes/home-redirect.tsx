import { Navigate } from 'react-router'
import { PageLoading } from '@/components/ui/spinner'
import { SessionError } from '@/features/auth/components/session-error'
import { useSession } from '@/features/auth/hooks/use-session'
import { defaultSignedInPath } from '@/features/auth/utils/login-redirect'

/** `/` has no page of its own: first run goes to set-up, staff to their dashboard, everyone else to sign in. */
export function HomeRedirectRoute() {
  const session = useSession()
  switch (session.status) {
    case 'loading':
      return <PageLoading />
    case 'error':
      return <SessionError error={session.error} onRetry={session.retry} />
    case 'needs-setup':
      return <Navigate to="/setup" replace />
    case 'signed-out':
      return <Navigate to="/login" replace />
    case 'signed-in':
      return <Navigate to={defaultSignedInPath} replace />
  }
}
