import { CircleCheck } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { AuthLayout } from '@/components/layouts/auth-layout'
import { Alert } from '@/components/ui/alert'
import { buttonClasses } from '@/components/ui/button'
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form'
import { cn } from '@/lib/cn'

const backToSignIn = (
  <Link to="/login" className="rounded font-medium text-accent-700 hover:text-accent-800 hover:underline">
    Back to sign in
  </Link>
)

/**
 * Where the mailed link leads: `/reset-password#token=…`. The token is in the fragment, which browsers never send
 * to a server; once read, it leaves the address bar too (and with it this tab's history).
 */
export function ResetPasswordRoute() {
  const location = useLocation()
  const navigate = useNavigate()
  const [token] = useState(() => new URLSearchParams(location.hash.slice(1)).get('token'))
  const [isDone, setIsDone] = useState(false)

  useEffect(() => {
    if (location.hash) void navigate({ pathname: location.pathname, search: location.search }, { replace: true })
  }, [location.hash, location.pathname, location.search, navigate])

  if (isDone) {
    return (
      <AuthLayout title="Your new password is set">
        <title>Password set · Webinars</title>
        <div role="status" className="space-y-5 text-sm leading-6 text-slate-700">
          <div className="flex size-11 items-center justify-center rounded-full bg-emerald-50 text-emerald-600">
            <CircleCheck className="size-5" aria-hidden />
          </div>
          <p>You were signed out on every device. Sign in with your new password.</p>
          <Link to="/login" className={cn(buttonClasses(), 'w-full')}>
            Sign in
          </Link>
        </div>
      </AuthLayout>
    )
  }

  if (!token) {
    return (
      <AuthLayout title="This link is incomplete" footer={backToSignIn}>
        <title>Reset password · Webinars</title>
        <Alert tone="warning">
          Open the link from the password reset mail again, all of it: some mail programs cut long links. Or{' '}
          <Link to="/forgot-password" className="font-semibold underline">
            ask for a new link
          </Link>
          .
        </Alert>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title="Choose a new password" description="Setting it signs you out on every device." footer={backToSignIn}>
      <title>Reset password · Webinars</title>
      <ResetPasswordForm token={token} onDone={() => setIsDone(true)} />
    </AuthLayout>
  )
}
