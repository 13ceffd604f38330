import type { MailboxSummary, WebinarMailQuery } from '@webinar/shared/mailbox'
import { formatDateTime, formatMoment } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { Mail, RotateCw } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Pagination } from '@/components/ui/pagination'
import { Select } from '@/components/ui/select'
import { Spinner } from '@/components/ui/spinner'
import { MailKindBadge, MailStatusBadge } from '@/features/mailbox/components/mail-badges'
import { errorMessageOf } from '@/lib/api-error'
import { useWebinarMail } from '../api/get-webinar-mail'

type MailStatus = NonNullable<WebinarMailQuery['status']>

const statusChoices: { value: MailStatus | ''; label: string }[] = [
  { value: '', label: 'Every state' },
  { value: 'failed', label: 'Failed' },
  { value: 'queued', label: 'Queued' },
  { value: 'sent', label: 'Sent' },
  { value: 'kept', label: 'Kept (no mail server)' },
]
const isMailStatus = (value: string): value is MailStatus => statusChoices.some((choice) => choice.value === value && value !== '')
const pageSize = 25

function When({ mail }: { mail: MailboxSummary }) {
  // Sent mail shows when it went out; the rest when it was written (it has not gone out).
  const instant = mail.sentAt ?? mail.createdAt
  return (
    <span className="text-slate-600">
      {mail.sentAt ? null : <span className="text-slate-500">Written </span>}
      <time dateTime={instant} title={formatDateTime(instant)}>
        {formatMoment(instant, undefined, { hasWeekday: false })}
      </time>
    </span>
  )
}

function Attempts({ count }: { count: number }) {
  return <span className="text-slate-600 tabular-nums">{count === 1 ? '1 attempt' : `${count} attempts`}</span>
}

/** One mail: to whom, what, and whether it went out; why not, for a failed one. */
function MailRow({ mail, canOpen }: { mail: MailboxSummary; canOpen: boolean }) {
  return (
    <li className="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-start sm:gap-4 sm:px-6">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900">
          {canOpen ? (
            <Link to={`/admin/mailbox/${mail.id}`} className="rounded-sm text-accent-700 hover:text-accent-600 hover:underline">
              {mail.subject}
            </Link>
          ) : (
            mail.subject
          )}
        </p>
        <p className="mt-0.5 truncate text-sm text-slate-600">
          <span className="text-slate-500">To </span>
          {mail.to}
        </p>
        {mail.status === 'failed' && mail.lastError ? (
          <p className="mt-1.5 text-xs leading-5 break-words text-red-700">
            <span className="font-medium">Last error: </span>
            {mail.lastError}
          </p>
        ) : mail.status === 'queued' && mail.lastError ? (
          <p className="mt-1.5 text-xs leading-5 break-words text-amber-800">
            <span className="font-medium">Retrying after: </span>
            {mail.lastError}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm sm:w-64 sm:shrink-0 sm:flex-col sm:items-end">
        <span className="flex flex-wrap items-center gap-2">
          <MailKindBadge kind={mail.kind} />
          <MailStatusBadge status={mail.status} />
        </span>
        <span className="flex flex-wrap items-center gap-x-3 text-xs sm:justify-end">
          <When mail={mail} />
          {mail.attempts > 0 ? <Attempts count={mail.attempts} /> : null}
        </span>
      </div>
    </li>
  )
}

/**
 * The mail sent for this webinar, newest first, by delivery state: who got which mail, and whether it went out (the
 * last error of a failed one says why). Owners and admins open each mail in the Mailbox; hosts see the list only.
 */
export function WebinarMail({ webinar, canOpenMail }: { webinar: Webinar; canOpenMail: boolean }) {
  const [status, setStatus] = useState<MailStatus | ''>('')
  const [offset, setOffset] = useState(0)
  const mail = useWebinarMail(webinar.id, { ...(status ? { status } : {}), limit: pageSize, offset })
  const filterLabel = statusChoices.find((choice) => choice.value === status)?.label ?? ''

  return (
    <Card role="region" aria-label="Mail for this webinar" className="pb-1">
      <div className="flex flex-col gap-4 pr-5 sm:flex-row sm:items-end sm:justify-between sm:pr-6">
        <CardHeader title="Mail for this webinar" description="Confirmations, reminders and follow-ups, newest first, with whether each went out." />
        <Select
          aria-label="Delivery state"
          value={status}
          onChange={(event) => {
            setStatus(isMailStatus(event.target.value) ? event.target.value : '')
            setOffset(0)
          }}
          className="ml-5 w-auto sm:ml-0 sm:w-52"
        >
          {statusChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="mt-4 border-t border-slate-100">
        {mail.isPending ? (
          <div role="status" className="flex items-center gap-3 px-5 py-6 text-sm text-slate-500 sm:px-6">
            <Spinner className="size-5 text-accent-600" />
            Loading the mail…
          </div>
        ) : mail.isError ? (
          <div className="px-5 py-4 sm:px-6">
            <Alert title="The mail could not be loaded">
              {errorMessageOf(mail.error)}{' '}
              <Button variant="ghost" size="sm" onClick={() => void mail.refetch()}>
                <RotateCw className="size-4" aria-hidden />
                Try again
              </Button>
            </Alert>
          </div>
        ) : mail.data.items.length === 0 ? (
          <EmptyState variant="list" icon={Mail} isInCard={false} title={status ? `No mail in the state “${filterLabel}”` : 'No mail yet'}>
            {status ? 'Choose another state to see the rest.' : 'Each registration writes a confirmation here; reminders and follow-ups come with the schedule.'}
          </EmptyState>
        ) : (
          <>
            <ul role="list" aria-label="Mail" aria-busy={mail.isPlaceholderData || undefined} className="divide-y divide-slate-100">
              {mail.data.items.map((item) => (
                <MailRow key={item.id} mail={item} canOpen={canOpenMail} />
              ))}
            </ul>
            {mail.data.total > mail.data.limit ? (
              <div className="border-t border-slate-100 px-5 py-3 sm:px-6">
                <Pagination label="Mail pages" offset={mail.data.offset} limit={mail.data.limit} total={mail.data.total} onOffsetChange={setOffset} />
              </div>
            ) : null}
          </>
        )}
      </div>
    </Card>
  )
}
