import type { AuditEntry } from '@webinar/shared/privacy'
import { formatDateTime } from '@webinar/shared/time-format'
import { ScrollText } from 'lucide-react'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Pagination } from '@/components/ui/pagination'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { auditLogPageSize, useAuditLog } from '../api/get-audit-log'
import { actorOf, auditActionLabels, describeCounts } from '../utils/audit-labels'

/** The person's reference, short as it starts the exported file's name; the whole of it on hover. */
function SubjectRef({ entry }: { entry: AuditEntry }) {
  return (
    <code title={entry.subjectRef} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
      <span className="sr-only">Reference </span>
      {entry.subjectRef.slice(0, 8)}
    </code>
  )
}

/**
 * Who exported or erased whose data, and when, newest first. People appear by reference (an HMAC of their address)
 * and never by address, so the log can be kept after an erasure without undoing it.
 */
export function AuditLogList() {
  const [offset, setOffset] = useState(0)
  const log = useAuditLog(offset)

  return (
    <Card>
      <CardHeader
        title="Audit log"
        description="Every export and erasure, newest first. A person appears as a reference made from their address (it starts the exported file’s name), never as the address."
      />
      <div className="px-5 pt-4 pb-5 sm:px-6 sm:pb-6">
        {log.isPending ? (
          <Spinner className="mx-auto my-6 block text-accent-600" label="Loading the audit log…" />
        ) : log.isError ? (
          <Alert title="The audit log could not be loaded">{errorMessageOf(log.error)}</Alert>
        ) : log.data.items.length === 0 ? (
          <EmptyState variant="list" icon={ScrollText} title="Nothing recorded yet" isInCard={false} className="py-8">
            Exports and erasures appear here as they happen.
          </EmptyState>
        ) : (
          <div className="space-y-4">
            <table aria-label="Audit log" className="hidden w-full text-left text-sm md:table">
              <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    When
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    What
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    By
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Person
                  </th>
                  <th scope="col" className="py-2 pl-3 font-medium">
                    Covered
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {log.data.items.map((entry) => (
                  <tr key={entry.id} className="align-top">
                    <td className="py-3 pr-3 whitespace-nowrap text-slate-600">
                      <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                    </td>
                    <td className="px-3 py-3 font-medium text-slate-900">{auditActionLabels[entry.action]}</td>
                    <td className="px-3 py-3 text-slate-700">{actorOf(entry)}</td>
                    <td className="px-3 py-3">
                      <SubjectRef entry={entry} />
                    </td>
                    <td className="py-3 pl-3 text-slate-600">{describeCounts(entry.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>

            <ul role="list" aria-label="Audit log" className="divide-y divide-slate-100 md:hidden">
              {log.data.items.map((entry) => (
                <li key={entry.id} className="py-3 text-sm">
                  <div className="flex items-start justify-between gap-3">
                    <p className="font-medium text-slate-900">{auditActionLabels[entry.action]}</p>
                    <SubjectRef entry={entry} />
                  </div>
                  <p className="text-slate-600">
                    {actorOf(entry)} · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                  </p>
                  <p className="mt-1 text-slate-500">{describeCounts(entry.detail)}</p>
                </li>
              ))}
            </ul>

            <Pagination label="Audit log pages" offset={offset} limit={auditLogPageSize} total={log.data.total} onOffsetChange={setOffset} />
          </div>
        )}
      </div>
    </Card>
  )
}
