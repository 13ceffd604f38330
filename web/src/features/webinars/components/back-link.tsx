import { ArrowLeft } from 'lucide-react'
import { Link } from 'react-router'

export function BackLink({ to = '/admin/webinars', children = 'All webinars' }: { to?: string; children?: string }) {
  return (
    <Link to={to} className="inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-slate-600 hover:text-slate-900">
      <ArrowLeft className="size-4" aria-hidden />
      {children}
    </Link>
  )
}
