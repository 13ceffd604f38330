import type { MailboxSummary } from '@webinar/shared/mailbox'
import { formatDateTime, formatMoment } from '@webinar/shared/time-format'
import { ChevronRight } from 'lucide-react'
import { Link, useLocation } from 'react-router'
import { Card } from '@/components/ui/card'
import { MailKindBadge, MailStatusBadge } from './mail-badges'

export function MailboxList({ items }: { items: MailboxSummary[] }) {
  const location = useLocation()
  // The message page leads back to this very list: same filters, same page.
  const from = location.pathname + location.search
  return (
    <Card>
      <ul role="list" aria-label="Mail" className="divide-y divide-slate-100">
        {items.map((mail) => (
          <li key={mail.id}>
            <Link
              to={`/admin/mailbox/${mail.id}`}
              state={{ from }}
              className="group flex items-center gap-4 px-5 py-4 transition-colors first:rounded-t-2xl last:rounded-b-2xl hover:bg-slate-50 focus-visible:outline-offset-[-2px] sm:px-6"
            >
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{mail.subject}</p>
                <p className="mt-0.5 truncate text-sm text-slate-600">
                  <span className="text-slate-500">To </span>
                  {mail.to}
                </p>
                {mail.status === 'failed' && mail.lastError ? (
                  <p className="mt-1 line-clamp-2 text-xs leading-5 text-red-700" title={mail.lastError}>
                    {mail.lastError}
                  </p>
                ) : null}
                <div className="mt-2 flex flex-wrap items-center gap-2 sm:hidden">
                  <MailKindBadge kind={mail.kind} />
                  <MailStatusBadge status={mail.status} />
                  <time dateTime={mail.createdAt} className="text-xs text-slate-500">
                    {formatMoment(mail.createdAt, undefined, { hasWeekday: false })}
                  </time>
                </div>
              </div>
              <div className="hidden shrink-0 items-center gap-2 sm:flex">
                <MailKindBadge kind={mail.kind} />
                <MailStatusBadge status={mail.status} />
              </div>
              <time
                dateTime={mail.createdAt}
                title={formatDateTime(mail.createdAt)}
                className="hidden w-32 shrink-0 text-right text-sm whitespace-nowrap text-slate-500 sm:block"
              >
                {formatMoment(mail.createdAt, undefined, { hasWeekday: false })}
              </time>
              <ChevronRight className="size-4 shrink-0 text-slate-300 group-hover:text-slate-500" aria-hidden />
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  )
}
