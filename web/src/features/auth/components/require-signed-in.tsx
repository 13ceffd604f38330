import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { PageLoading } from '@/components/ui/spinner'
import { useSession } from '../hooks/use-session'
import { loginPath } from '../utils/login-redirect'
import { SessionError } from './session-error'

/** Staff pages: sends visitors without a session to the login page, and back here after they sign in. */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const session = useSession()
  const location = useLocation()

  switch (session.status) {
    case 'loading':
      return <PageLoading />
    case 'error':
      return <SessionError error={session.error} onRetry={session.retry} />
    case 'needs-setup':
      return <Navigate to="/setup" replace />
    case 'signed-out':
      return <Navigate to={loginPath(location.pathname + location.search)} replace />
    case 'signed-in':
      return children
  }
}
