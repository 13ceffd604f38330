import { Link } from 'react-router'
import { AuthLayout } from '@/components/layouts/auth-layout'
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form'

export function ForgotPasswordRoute() {
  return (
    <AuthLayout
      title="Forgot your password?"
      description="Enter the e-mail address you sign in with, and we'll mail you a link to choose a new password."
      footer={
        <Link to="/login" className="rounded font-medium text-accent-700 hover:text-accent-800 hover:underline">
          Back to sign in
        </Link>
      }
    >
      <title>Forgot password · Webinars</title>
      <ForgotPasswordForm />
    </AuthLayout>
  )
}
