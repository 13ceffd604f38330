import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { AuthLayout } from '@/components/layouts/auth-layout'
import { Alert } from '@/components/ui/alert'
import { PageLoading } from '@/components/ui/spinner'
import { useSessionEndedNotice } from '@/features/auth/api/get-me'
import { LoginForm } from '@/features/auth/components/login-form'
import { SessionError } from '@/features/auth/components/session-error'
import { useSession } from '@/features/auth/hooks/use-session'
import { safeRedirectTarget } from '@/features/auth/utils/login-redirect'

export function LoginRoute() {
  const session = useSession()
  const sessionEndedNotice = useSessionEndedNotice()
  const navigate = useNavigate()
  const [searchParams] = useSearchParams()
  const target = safeRedirectTarget(searchParams.get('redirectTo'))

  if (session.status === 'loading') return <PageLoading />
  if (session.status === 'error') return <SessionError error={session.error} onRetry={session.retry} />
  if (session.status === 'needs-setup') return <Navigate to="/setup" replace />
  if (session.status === 'signed-in') return <Navigate to={target} replace />

  return (
    <AuthLayout title="Sign in" description="Welcome back. Sign in to manage your webinars.">
      <title>Sign in · Webinars</title>
      {sessionEndedNotice ? (
        <Alert tone="warning" className="mb-5">
          {sessionEndedNotice}
        </Alert>
      ) : null}
      <LoginForm onDone={() => navigate(target, { replace: true })} />
    </AuthLayout>
  )
}
