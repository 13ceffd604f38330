import { Navigate, useNavigate } from 'react-router'
import { AuthLayout } from '@/components/layouts/auth-layout'
import { PageLoading } from '@/components/ui/spinner'
import { SessionError } from '@/features/auth/components/session-error'
import { SetupForm } from '@/features/auth/components/setup-form'
import { useSession } from '@/features/auth/hooks/use-session'
import { defaultSignedInPath } from '@/features/auth/utils/login-redirect'

export function SetupRoute() {
  const session = useSession()
  const navigate = useNavigate()

  if (session.status === 'loading') return <PageLoading />
  if (session.status === 'error') return <SessionError error={session.error} onRetry={session.retry} />
  // Set-up happens once; afterwards this address leads to the ordinary way in.
  if (session.status === 'signed-in') return <Navigate to={defaultSignedInPath} replace />
  if (session.status === 'signed-out') return <Navigate to="/login" replace />

  return (
    <AuthLayout
      title="Create the first admin"
      description="Welcome! This installation has no accounts yet. The account you create now owns it: you can add admins and hosts afterwards."
      footer="Your details stay on this server."
    >
      <title>Set up · Webinars</title>
      <SetupForm onDone={() => navigate(defaultSignedInPath, { replace: true })} />
    </AuthLayout>
  )
}
