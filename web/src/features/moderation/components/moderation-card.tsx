import type { ModerationAction } from '@webinar/shared/moderation'
import { formatDateTime } from '@webinar/shared/time-format'
import type { Webinar } from '@webinar/shared/webinars'
import { RotateCw, ShieldCheck } from 'lucide-react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { useModerationActions } from '../api/get-moderation-actions'
import { deletedExcerptOf, describeSlowMode, moderationActionLabels, slowModeSecondsOf } from './moderation-action-text'

function WhatHappened({ action }: { action: ModerationAction }) {
  const excerpt = deletedExcerptOf(action)
  const seconds = slowModeSecondsOf(action)
  return (
    <>
      <span className="text-slate-900">{seconds === null ? moderationActionLabels[action.action] : `Slow mode: ${describeSlowMode(seconds)}`}</span>
      {excerpt ? <span className="mt-0.5 block truncate text-slate-500" title={excerpt}>“{excerpt}”</span> : null}
    </>
  )
}

/**
 * The webinar's moderation record, oldest first: who muted, unmuted or removed whom, which messages went, slow mode,
 * the stage and its speakers. Times in the webinar's time zone, named.
 */
export function ModerationCard({ webinar }: { webinar: Webinar }) {
  const actions = useModerationActions(webinar.id, { isLive: webinar.status === 'live' })
  return (
    <Card role="region" aria-label="Moderation" className="pb-1">
      <CardHeader title="Moderation" description="What the host, co-hosts and admins did in the room, in order. Attendees never see this list." />
      <div className="mt-4 border-t border-slate-100">
        {actions.isPending ? (
          <div role="status" className="flex items-center gap-3 px-5 py-6 text-sm text-slate-500 sm:px-6">
            <Spinner className="size-5 text-accent-600" />
            Loading the moderation record…
          </div>
        ) : actions.isError ? (
          <div className="px-5 py-4 sm:px-6">
            <Alert title="The moderation record could not be loaded">
              {errorMessageOf(actions.error)}{' '}
              <Button variant="ghost" size="sm" onClick={() => void actions.refetch()}>
                <RotateCw className="size-4" aria-hidden />
                Try again
              </Button>
            </Alert>
          </div>
        ) : actions.data.items.length === 0 ? (
          <EmptyState variant="list" icon={ShieldCheck} isInCard={false} title="Nothing moderated yet">
            Muting, deleting messages, removing attendees, slow mode and the stage are listed here as they happen.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">Moderation actions, oldest first</caption>
              <thead className="text-xs font-medium text-slate-500">
                <tr className="border-b border-slate-100">
                  <th scope="col" className="px-5 py-2.5 font-medium sm:pl-6">
                    When
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Who
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    What
                  </th>
                  <th scope="col" className="px-5 py-2.5 font-medium sm:pr-6">
                    Whom
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {actions.data.items.map((action) => (
                  <tr key={action.id} className="align-top">
                    <td className="px-5 py-3 whitespace-nowrap text-slate-600 tabular-nums sm:pl-6">
                      <time dateTime={action.createdAt}>{formatDateTime(action.createdAt, webinar.timezone)}</time>
                    </td>
                    <td className="px-3 py-3 font-medium text-slate-900">{action.actorName}</td>
                    <td className="max-w-72 px-3 py-3">
                      <WhatHappened action={action} />
                    </td>
                    <td className="px-5 py-3 text-slate-900 sm:pr-6">{action.targetName ?? <span className="text-slate-500">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Card>
  )
}
