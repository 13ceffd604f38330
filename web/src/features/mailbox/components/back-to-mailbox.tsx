import { ArrowLeft } from 'lucide-react'
import { Link, useLocation } from 'react-router'

/** Back to the list the admin came from, filters and page included. */
export function BackToMailbox() {
  const location = useLocation()
  const from = (location.state as { from?: unknown } | null)?.from
  const to = typeof from === 'string' && from.startsWith('/admin/mailbox') ? from : '/admin/mailbox'
  return (
    <Link to={to} className="inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-slate-600 hover:text-slate-900">
      <ArrowLeft className="size-4" aria-hidden />
      Back to the mailbox
    </Link>
  )
}
