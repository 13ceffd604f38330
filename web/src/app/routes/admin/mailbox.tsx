import { RotateCw, SearchX, ShieldCheck } from 'lucide-react'
import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { PageLoading } from '@/components/ui/spinner'
import { useMailbox } from '@/features/mailbox/api/get-mailbox'
import { KeptMailBanner } from '@/features/mailbox/components/kept-mail-banner'
import { MailboxEmptyState } from '@/features/mailbox/components/mailbox-empty-state'
import { MailboxFilters } from '@/features/mailbox/components/mailbox-filters'
import { MailboxList } from '@/features/mailbox/components/mailbox-list'
import { Pagination } from '@/components/ui/pagination'
import { errorMessageOf, isApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'

const pageSize = 25

export function MailboxRoute() {
  // Filters and page live in the address: reload, back and the message page's "Mailbox" link keep them.
  const [searchParams, setSearchParams] = useSearchParams()
  const to = searchParams.get('to') ?? ''
  const kind = searchParams.get('kind') ?? ''
  const offset = Math.max(0, Math.floor(Number(searchParams.get('offset'))) || 0)
  const isFiltered = Boolean(to || kind)

  const mailbox = useMailbox({ to: to || undefined, kind: kind || undefined, limit: pageSize, offset })

  const changeParams = useCallback(
    (changes: { to?: string; kind?: string; offset?: number }, options: { replace?: boolean } = {}) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          for (const name of ['to', 'kind'] as const) {
            const value = changes[name]
            if (value === undefined) continue
            if (value) next.set(name, value)
            else next.delete(name)
          }
          // A new filter starts on its first page.
          if (changes.offset) next.set('offset', String(changes.offset))
          else next.delete('offset')
          return next
        },
        { replace: options.replace ?? false },
      ),
    [setSearchParams],
  )
  const changeRecipient = useCallback((value: string) => changeParams({ to: value }, { replace: true }), [changeParams])

  const isEmpty = mailbox.data?.total === 0 && !isFiltered && !mailbox.isPlaceholderData
  const hasKeptMail = mailbox.data?.items.some((mail) => mail.status === 'kept') ?? false

  return (
    <div className="space-y-8">
      <title>Mailbox · Webinars</title>
      <PageHeader
        title="Mailbox"
        description="Every mail sent to registrants, with its delivery state. Open one to see it as they do."
        actions={
          isEmpty || mailbox.isPending || mailbox.isError ? null : (
            <Button variant="secondary" isPending={mailbox.isFetching && !mailbox.isPlaceholderData} pendingLabel="Refreshing…" onClick={() => void mailbox.refetch()}>
              <RotateCw className="size-4" aria-hidden />
              Refresh
            </Button>
          )
        }
      />
      {mailbox.isPending ? (
        <PageLoading label="Loading mail…" />
      ) : isApiError(mailbox.error, 403) ? (
        <EmptyState icon={ShieldCheck} title="Only admins see the mailbox">
          <p>Mail to registrants can carry their personal join links, so only admins of this installation can read it here.</p>
        </EmptyState>
      ) : mailbox.isError ? (
        <Alert title="The mailbox could not be loaded">{errorMessageOf(mailbox.error)}</Alert>
      ) : isEmpty ? (
        <MailboxEmptyState />
      ) : (
        <div className="space-y-5">
          {hasKeptMail ? <KeptMailBanner /> : null}
          <MailboxFilters to={to} kind={kind} onToChange={changeRecipient} onKindChange={(value) => changeParams({ kind: value })} />
          {mailbox.data.items.length === 0 ? (
            <EmptyState
              variant="list"
              icon={SearchX}
              title="No mail matches these filters"
              action={
                <Button variant="secondary" size="sm" onClick={() => changeParams({ to: '', kind: '' })}>
                  Clear filters
                </Button>
              }
            >
              Check the address, or pick another kind of mail.
            </EmptyState>
          ) : (
            <div className={cn('transition-opacity', mailbox.isPlaceholderData && 'opacity-60')} aria-busy={mailbox.isPlaceholderData || undefined}>
              <MailboxList items={mailbox.data.items} />
            </div>
          )}
          <Pagination label="Pages of mail"
            offset={mailbox.data.offset}
            limit={mailbox.data.limit}
            total={mailbox.data.total}
            onOffsetChange={(next) => changeParams({ offset: next })}
          />
        </div>
      )}
    </div>
  )
}
